/* The deliverable picker (home page and /ask). Without JavaScript the form is a plain GET to
   /ask?key=…, with one select listing every deliverable grouped by scope. With JavaScript the scope
   select (#scope-select) appears and narrows the deliverable select (#deliverable-key) to that
   scope's deliverables, read from this server's /api/deliverables?scope=…. No other site is called. */
(function () {
  "use strict";

  function shorten(text, n) {
    return text.length > n ? text.slice(0, n) + "…" : text;
  }

  function option(value, text, lang) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    if (lang) o.lang = lang;
    return o;
  }

  function setUp(form) {
    var field = form.querySelector(".picker-scope");
    var scopeSelect = form.querySelector("#scope-select");
    var keySelect = form.querySelector("#deliverable-key");
    if (!field || !scopeSelect || !keySelect || !window.fetch) return;
    var everything = Array.prototype.slice.call(keySelect.children).map(function (n) { return n.cloneNode(true); });
    var current = keySelect.value;
    field.hidden = false;

    function restore() {
      keySelect.textContent = "";
      everything.forEach(function (n) { keySelect.appendChild(n.cloneNode(true)); });
      keySelect.value = current;
      keySelect.dataset.scope = "";
    }

    function load(scope) {
      if (!scope) { restore(); return Promise.resolve(); }
      keySelect.setAttribute("aria-busy", "true");
      keySelect.disabled = true;
      return fetch("/api/deliverables?scope=" + encodeURIComponent(scope), { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (doc) {
          keySelect.textContent = "";
          var placeholder = option("", "Choose a deliverable…");
          placeholder.disabled = true;
          keySelect.appendChild(placeholder);
          doc.deliverables.forEach(function (d) {
            var label = d.item != null ? String(d.item) : d.key.split("/").pop().toUpperCase();
            var title = (d.title && d.title.zh) || "";
            if (d.text && d.text.zh) title = d.text.zh;
            keySelect.appendChild(option(d.key, label + " · " + shorten(title, 48), "zh"));
          });
          keySelect.value = doc.deliverables.some(function (d) { return d.key === current; }) ? current : "";
          keySelect.dataset.scope = scope;
        })
        .catch(restore)
        .then(function () {
          keySelect.disabled = false;
          keySelect.removeAttribute("aria-busy");
        });
    }

    keySelect.addEventListener("change", function () { current = keySelect.value; });
    scopeSelect.addEventListener("change", function () { load(scopeSelect.value); });
  }

  document.querySelectorAll("form.picker").forEach(setUp);
})();
