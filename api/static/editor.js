/* The SPARQL editor: YASGUI (vendored in /static/vendor/yasgui/), configured so that it talks to this
   server only. Its configuration comes from the page (#editor-config, JSON written by api/site.py):
     endpoint     "/sparql", resolved against this page: every query goes to the same origin
     prefixes     our prefixes, for the local prefix autocompleter and for shortening IRIs in results
     query        the text to load (a saved query, /editor?query=NAME), run at once when run is true
     newTabQuery  what a new tab starts with
   What is switched off, because it would call other sites: the property and class autocompleters
   (Linked Open Vocabularies), the prefix.cc prefix lookup (only our own prefix list is offered), the
   URL shortener, the endpoint catalogue (it lists only /sparql) and the CORS proxy; nothing is kept
   in localStorage either, so a stale endpoint or query cannot come back. */
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var configEl = document.getElementById("editor-config");
  if (!root || !configEl) return;
  if (!window.Yasgui) {
    root.dataset.state = "error";
    root.textContent = "The editor could not be loaded.";
    return;
  }
  var cfg = JSON.parse(configEl.textContent);
  var endpoint = new URL(cfg.endpoint, window.location.href).href;
  var sameOrigin = function () { return endpoint; };
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;

  // Local completers only: query variables, and our prefixes (typing "kg:" adds its PREFIX line).
  var prefixLines = Object.keys(cfg.prefixes).map(function (p) { return p + ": <" + cfg.prefixes[p] + ">"; });
  Yasqe.forkAutocompleter("prefixes", { name: "localPrefixes", get: prefixLines, persistenceId: null }, false);
  Yasqe.defaults.autocompleters = ["variables", "localPrefixes"];
  Yasqe.defaults.prefixCcApi = null;
  Yasqe.defaults.createShortLink = undefined;

  var info = document.createElement("span");
  info.className = "endpoint-info";
  info.textContent = "Endpoint: " + cfg.endpoint + " on this server";

  var yasgui = new Yasgui(root, {
    persistenceId: null,                // keep nothing in localStorage
    populateFromUrl: window.location.hash.length > 1,  // share links (#query=…) only; ?query= names a saved query
    autofocus: false,
    copyEndpointOnNewTab: false,
    corsProxy: undefined,
    endpointInfo: function () { return info; },
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    // A function here is evaluated for every request and overrides any endpoint a tab holds.
    requestConfig: { endpoint: sameOrigin, method: "POST" },
    yasqe: { value: cfg.newTabQuery, prefixCcApi: null, editorHeight: "320px" },
    yasr: { prefixes: cfg.prefixes, defaultPlugin: "table" }
  });

  var tab = yasgui.getTab();
  if (tab) {
    tab.setQuery(cfg.query);
    if (cfg.title) tab.setName(cfg.title.length > 40 ? cfg.title.slice(0, 40) + "…" : cfg.title);
  }
  yasgui.on("query", function () { root.dataset.state = "querying"; });
  yasgui.on("queryResponse", function (y, t) {
    var results = t.getYasr() && t.getYasr().results;
    root.dataset.state = results && results.hasError() ? "error" : "done";
  });
  root.dataset.state = "ready";
  window.unodcYasgui = yasgui;  // for browser tests and the curious
  if (cfg.run && tab) tab.query().catch(function () { root.dataset.state = "error"; });
})();
