"""The site for people, against a live server: every page answers with the right content, Chinese text is
marked lang="zh", the SPARQL editor loads only our own files and talks only to /sparql, the downloads parse
and hold what the build wrote, and unknown keys answer 404."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import DELIVERABLE_KEY
from unodc_kg.saved_queries import load_saved_queries

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "api" / "static" / "vendor" / "yasgui"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
NOT_PROSE = {"script", "style", "pre", "code", "textarea"}
OUTSIDE_URL = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)
PAGES = [
    "/",
    "/browse",
    "/browse/2025/programme",
    "/browse/2025/sp1",
    "/browse/2025/sp4",
    "/browse/2025/sp9",
    "/browse/2025/sp9-2",
    "/browse/deliverable/2025/sp1/7",
    "/browse/deliverable/2025/sp3/c-1",
    "/browse/deliverable/2025/sp9-1/9",
    "/ask",
    "/ask?key=2025/sp4/1",
    "/ask?key=2025/sp1/7",
    "/strategy",
    "/browse/2025/sp3",
    "/editor",
    "/editor?query=mandates-of-deliverable&run=1",
    "/queries",
    "/downloads",
]


# ---------------------------------------------------------------------- a small HTML tree
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def matches(self, tag: str | None, attrs: dict[str, str]) -> bool:
        """class_="a b": the element has classes a and b; data_kind="x": data-kind is x; other attributes equal."""
        if tag is not None and self.tag != tag:
            return False
        for key, value in attrs.items():
            name = key.rstrip("_").replace("_", "-")
            if name == "class":
                if not set(value.split()) <= set(self.attrs.get("class", "").split()):
                    return False
            elif self.attrs.get(name) != value:
                return False
        return True

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [n for n in self.iter() if n.matches(tag, attrs)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'} {attrs}> in <{self.tag} {self.attrs}>"
        return found[0]

    def by_id(self, ident: str) -> Node:
        return self.find(id=ident)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def inside(self, tags: set[str]) -> bool:
        n: Node | None = self
        while n is not None:
            if n.tag in tags:
                return True
            n = n.parent
        return False

    def lang(self) -> str | None:
        n: Node | None = self
        while n is not None:
            if "lang" in n.attrs:
                return n.attrs["lang"]
            n = n.parent
        return None


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.current
        while n is not None and n.tag != tag:
            n = n.parent
        assert n is not None and n.parent is not None, f"</{tag}> closes nothing"
        self.current = n.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# ---------------------------------------------------------------------- HTTP
@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def html(self) -> Node:
        return parse(self.body.decode("utf-8"))

    def json(self) -> dict[str, object]:
        doc = json.loads(self.body)
        assert isinstance(doc, dict)
        return doc


def fetch(server: str, path: str, accept: str = "text/html") -> Answer:
    req = urllib.request.Request(server + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return Answer(r.status, r.read(), {k.lower(): v for k, v in r.headers.items()})
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.read(), {k.lower(): v for k, v in e.headers.items()})


@pytest.fixture(scope="module")
def page(server: str) -> Callable[[str], Node]:
    """A page's HTML tree, fetched once per module; the page must answer 200 as HTML."""
    cache: dict[str, Node] = {}

    def get(path: str) -> Node:
        if path not in cache:
            a = fetch(server, path)
            assert a.status == 200, f"{path}: {a.status} {a.body[:300]!r}"
            assert a.headers["content-type"].startswith("text/html"), path
            cache[path] = a.html
        return cache[path]

    return get


def cells(row: Node) -> list[str]:
    return [c.text.strip() for c in row.find_all("td") if "num" in c.attrs.get("class", "").split()]


# ---------------------------------------------------------------------- every page
@pytest.mark.parametrize("path", PAGES)
def test_page_answers_and_marks_chinese_text(page: Callable[[str], Node], path: str) -> None:
    doc = page(path)
    assert doc.find("html").attrs.get("lang") == "en"
    assert "unodc-kg" in doc.find("title").text
    assert doc.by_id("content").tag == "main"
    # Every text with Chinese characters sits in an element marked lang="zh" (code and data aside).
    unmarked = [
        (n.tag, s.strip()[:40])
        for n in doc.iter()
        for s in n.children
        if isinstance(s, str) and CJK.search(s) and n.lang() != "zh" and not n.inside(NOT_PROSE)
    ]
    assert not unmarked, f"{path}: Chinese text without lang='zh': {unmarked[:5]}"
    # Every script and stylesheet is ours.
    for n in doc.find_all("script") + doc.find_all("link"):
        src = n.attrs.get("src") or n.attrs.get("href")
        if src:
            assert src.startswith("/static/"), f"{path} loads {src}"


def test_home_page_says_what_this_is_and_links_everywhere(page: Callable[[str], Node]) -> None:
    doc = page("/")
    assert "A/79/6 (Sect. 16)" in doc.text
    links = {a.attrs.get("href") for a in doc.find("main").find_all("a")}
    assert {"/browse", "/ask", "/editor", "/queries", "/ontology/", "/downloads", "/docs"} <= links
    form = doc.find("form", class_="picker")
    assert (form.attrs["method"], form.attrs["action"]) == ("get", "/ask")
    assert doc.by_id("deliverable-key").attrs["name"] == "key"
    assert doc.by_id("ask-submit").attrs["type"] == "submit"


# ---------------------------------------------------------------------- browse
def test_browse_lists_the_programme_its_subprogrammes_and_components(page: Callable[[str], Node]) -> None:
    doc = page("/browse")
    rows = {r.attrs["data-key"]: r for r in doc.find_all("tr") if "data-key" in r.attrs}
    expected = {"2025/programme", *(f"2025/sp{n}" for n in range(1, 10)), "2025/sp9-1", "2025/sp9-2"}
    assert set(rows) == expected
    sp1 = rows["2025/sp1"]
    assert sp1.find("a").attrs["href"] == "/browse/2025/sp1"
    zh = sp1.find("td", lang="zh")
    assert zh.text == "打击跨国有组织犯罪"
    assert "Countering transnational organized crime" in sp1.text
    assert "向国际麻醉品管制局提供秘书处服务和实质性支助" in rows["2025/sp9-2"].text


def test_scope_page_shows_objective_results_measures_and_figure_captions(page: Callable[[str], Node]) -> None:
    doc = page("/browse/2025/sp1")
    objective = doc.by_id("objective")
    assert "预防和打击跨国有组织犯罪及非法贩运活动" in objective.text
    assert objective.find("a").attrs["href"] == "/id/paragraph/a-79-6-sect16/16.14"
    results = doc.by_id("results")
    assert [a.attrs["id"] for a in results.find_all("article")] == ["result-1", "result-2", "result-3"]
    # Result 1 is measured by figure 16.1 (its caption), result 3 by table 16.3 (entries by year).
    r1 = doc.by_id("result-1")
    assert "Figure 16.1" in r1.text and "参与《联合国打击跨国有组织犯罪公约》实施情况审议机制" in r1.text
    r3 = doc.by_id("result-3").find("table")
    headers = [th.text.split()[0] for th in r3.find_all("th")]
    assert headers == ["2022", "2023", "2024", "2025"]
    assert [td.text for td in r3.find_all("td")][-1] == "另有两个国家采用 goIFAR"
    assert "马来西亚调查虚拟资产犯罪能力增强" in doc.by_id("performance").text


def test_scope_page_deliverables_table(page: Callable[[str], Node]) -> None:
    doc = page("/browse/2025/sp1")
    table = doc.by_id("deliverables-table")
    assert "16.4" in table.find("caption").text
    rows = {r.attrs["data-key"]: r for r in table.find_all("tr") if "data-key" in r.attrs}
    item7 = rows["2025/sp1/7"]
    assert "防止和打击贩运枪支和有关犯罪" in item7.text
    assert item7.find("a").attrs["href"] == "/browse/deliverable/2025/sp1/7"
    assert cells(item7) == ["1", "1", "1", "1"]
    assert cells(rows["2025/sp1/2"]) == ["34", "6", "10", "—"]  # a dash in 2025
    assert cells(rows["2025/sp1/parliamentary-documentation"]) == ["68", "27", "42", "32"]  # subcategory total
    assert "咨询服务" in rows["2025/sp1/c-1"].text  # a narrative deliverable carries its text
    keys = [k for k in rows if DELIVERABLE_KEY.match(k)]
    assert keys[:3] == ["2025/sp1/1", "2025/sp1/2", "2025/sp1/3"] and len(keys) == 12


def test_scope_page_mandate_lists(page: Callable[[str], Node]) -> None:
    doc = page("/browse/2025/sp1")
    lists = {s.attrs["data-key"]: s for s in doc.by_id("mandate-lists").find_all("section") if "data-key" in s.attrs}
    assert list(lists) == ["2025/sp1/ga", "2025/sp1/sc", "2025/sp1/ccpcj", "2025/sp1/cop-untoc"]
    cop = lists["2025/sp1/cop-untoc"]
    assert cop.find("h3").find("span", lang="zh").text == "联合国打击跨国有组织犯罪公约缔约方会议决议"
    entry = next(li for li in cop.find_all("li") if "cop-untoc/10-2" in li.attrs["data-instruments"].split())
    link = entry.find("a")
    assert (link.attrs["href"], link.text) == ("/id/instrument/cop-untoc/10-2", "10/2")
    assert "加强国际合作打击非法制造和贩运枪支及其零部件和弹药" in entry.text
    shared = next(li for li in cop.find_all("li") if "cop-untoc/9-3" in li.attrs["data-instruments"].split())
    assert [a.text for a in shared.find_all("a")] == ["9/3", "11/1"]  # one entry, two symbols, as printed
    assert "16.9" in cop.find("p").text


def test_deliverable_page(page: Callable[[str], Node], server: str) -> None:
    doc = page("/browse/deliverable/2025/sp1/2")
    api = fetch(server, "/api/deliverables/2025/sp1/2/mandates", "application/json").json()
    d = api["deliverable"]
    assert isinstance(d, dict)
    assert f"line {d['source']['line']}" in " ".join(doc.by_id("source").text.split())
    assert doc.by_id("source").find("a").attrs["href"] == "/id/table/a-79-6-sect16/16.4"
    assert cells(doc.by_id("figures").find("tbody").find("tr")) == ["34", "6", "10", "—"]
    svg = doc.find("svg")  # the chart, drawn by the server: no script draws it
    assert svg.attrs["role"] == "img" and len(svg.find_all("rect")) == 4
    assert "2025 planned: —" in svg.find("desc").text
    # The mandates: the API's answer, grouped by basis.
    mandates = api["mandates"]
    assert isinstance(mandates, list)
    on_page: dict[str, set[str]] = {}
    for group in doc.find_all("section", class_="basis-group"):
        kind = group.attrs["id"].removeprefix("basis-")
        on_page[kind] = {li.attrs["data-key"] for li in group.find_all("li", class_="mandate")}
    expected: dict[str, set[str]] = {}
    for m in mandates:
        for b in m["basis"]:
            expected.setdefault(b["kind"], set()).add(m["key"])
    assert on_page == expected
    undocs = {a.attrs["href"] for a in doc.find_all("a", class_="undocs")}
    assert undocs == {f"https://undocs.org/{m['un_symbol']}" for m in mandates if m["un_symbol"]}


# ---------------------------------------------------------------------- the mandates question
def test_ask_answers_with_each_instrument_and_its_bases(page: Callable[[str], Node], server: str) -> None:
    doc = page("/ask?key=2025/sp4/1")
    answer = doc.by_id("mandates")
    items = {li.attrs["data-key"]: li for li in answer.children if isinstance(li, Node) and li.tag == "li"}
    api = fetch(server, "/api/deliverables/2025/sp4/1/mandates", "application/json").json()
    assert isinstance(api["mandates"], list)
    assert list(items) == [m["key"] for m in api["mandates"]]  # the same instruments, in the same order
    ga = items["ga/60-288"]
    assert ga.find("a", class_="symbol").text == "60/288"
    assert ga.find("a", class_="symbol").attrs["href"] == "/id/instrument/ga/60-288"
    assert "General Assembly" in ga.text and ga.find("a", class_="undocs").attrs["href"].endswith("A/RES/60/288")
    cited = ga.find("li", data_kind="cited")
    assert cited.find("a", class_="paragraph").text == "16.54"
    assert cited.find("a", class_="paragraph").attrs["href"] == "/id/paragraph/a-79-6-sect16/16.54"
    assert "line 919" in " ".join(cited.text.split())
    untoc = items["treaty/untoc"]  # a convention: no symbol, its Chinese and official English titles
    api_untoc = next(m for m in api["mandates"] if m["key"] == "treaty/untoc")
    assert untoc.find("a", class_="symbol").text == api_untoc["title"]["en"]
    assert untoc.find("p", class_="title", lang="zh").text == api_untoc["title"]["zh"]
    assert untoc.find("p", class_="title-en").text == api_untoc["title"]["en"]
    selected = [o for o in doc.by_id("deliverable-key").find_all("option") if "selected" in o.attrs]
    assert [o.attrs["value"] for o in selected] == ["2025/sp4/1"]


def test_ask_works_without_javascript(page: Callable[[str], Node], server: str) -> None:
    doc = page("/ask")
    assert not doc.find_all(id="mandates")
    form = doc.find("form", class_="picker")
    assert (form.attrs["method"], form.attrs["action"]) == ("get", "/ask")
    select = doc.by_id("deliverable-key")
    assert select.tag == "select" and select.attrs["name"] == "key"
    values = [o.attrs["value"] for o in select.find_all("option") if o.attrs["value"]]
    assert all(DELIVERABLE_KEY.match(v) for v in values)
    total = 0
    for scope in ("programme", *(f"sp{n}" for n in range(1, 9)), "sp9-1", "sp9-2"):
        listed = fetch(server, f"/api/deliverables?scope=2025/{scope}", "application/json").json()["deliverables"]
        assert isinstance(listed, list)
        total += len(listed)
    assert len(values) == len(set(values)) == total
    # The scope select only narrows the list (site.js); it has no name, so the form sends only the key.
    assert "name" not in doc.by_id("scope-select").attrs
    assert doc.by_id("ask-submit").attrs["type"] == "submit"


@pytest.mark.parametrize("key", ["2025/sp1/999", "2025/sp9/1", "not-a-key", "2025/sp1/7/../../x"])
def test_ask_unknown_key_is_404_with_the_form(server: str, key: str) -> None:
    a = fetch(server, "/ask?" + urllib.parse.urlencode({"key": key}))
    assert a.status == 404
    doc = a.html
    assert doc.by_id("ask-error").attrs["role"] == "alert"
    assert "deliverable keys look like" in doc.by_id("ask-error").text
    assert doc.by_id("deliverable-key") and not doc.find_all(id="mandates")


@pytest.mark.parametrize(
    "path",
    [
        "/browse/2025/sp10",
        "/browse/2030/sp1",
        "/browse/2025/SP1",
        "/browse/deliverable/2025/sp1/999",
        "/browse/deliverable/2025/sp9/1",
        "/browse/deliverable/2025/sp1/c-9",
        "/editor?query=no-such-query",
        "/downloads/no-such-file.ttl",
        "/downloads/..%2Funodc-kg.nq",
    ],
)
def test_unknown_keys_are_404(server: str, path: str) -> None:
    a = fetch(server, path)
    assert a.status == 404, path
    assert a.headers["content-type"].startswith("application/json")


def test_ask_puts_the_instruments_on_the_deliverable_topic_first_and_names_the_topic(
    page: Callable[[str], Node], server: str
) -> None:
    # Deliverable 7 of table 16.4 is 防止和打击贩运枪支和有关犯罪: firearms.
    doc = page("/ask?key=2025/sp1/7")
    api = fetch(server, "/api/deliverables/2025/sp1/7/mandates", "application/json").json()
    assert isinstance(api["mandates"], list)
    on_topic = [m for m in api["mandates"] if any(b["kind"] == "topic" for b in m["basis"])]
    assert on_topic, "instruments on firearms mandate deliverable 2025/sp1/7"
    items = [li for li in doc.by_id("mandates").children if isinstance(li, Node) and li.tag == "li"]
    assert [li.attrs["data-key"] for li in items[: len(on_topic)]] == [m["key"] for m in on_topic]
    for li, m in zip(items, on_topic, strict=False):
        assert "topic" in li.attrs["data-basis"].split()
        (basis,) = [b for b in m["basis"] if b["kind"] == "topic"]
        shown = li.find("li", data_kind="topic")
        for t in basis["topics"]:
            topic = shown.find("span", class_="shared-topic", data_topic=t["key"])
            assert topic.find("a", class_="topic").attrs["href"] == f"/id/topic/{t['key']}"
            assert t["label"]["en"] in topic.text and t["label"]["zh"] in topic.text
            for word in t["matched"]["deliverable"] + t["matched"]["instrument"]:
                assert word in topic.text
    assert "firearms" in {t["key"] for m in on_topic for b in m["basis"] for t in b.get("topics") or []}
    summary = doc.by_id("topic-summary")
    assert f"{len(on_topic)} share a topic" in summary.text and "Firearms" in summary.text


# ---------------------------------------------------------------------- the strategy 2008-2011 and the crosswalk
def test_navigation_links_the_strategy_page(page: Callable[[str], Node]) -> None:
    nav = page("/").find("nav")
    assert "/strategy" in {a.attrs.get("href") for a in nav.find_all("a")}
    assert page("/strategy").find("nav").find("a", href="/strategy").attrs.get("aria-current") == "page"


def test_strategy_page_lists_the_themes_and_result_areas_with_their_successors(
    page: Callable[[str], Node], server: str
) -> None:
    doc = page("/strategy")
    themes = doc.find_all("section", class_="strategy-theme")
    assert [t.attrs["data-key"] for t in themes] == ["2008-2011/1", "2008-2011/2", "2008-2011/3"]
    areas = {tr.attrs["data-key"]: tr for tr in doc.find_all("tr", class_="result-area")}
    # The printed result areas: 1.1-1.4, 2.1-2.2, 3.1-3.8 (E/CN.7/2007/14, 成果领域 1.1. … 3.8.).
    expected = [f"1.{n}" for n in range(1, 5)] + ["2.1", "2.2"] + [f"3.{n}" for n in range(1, 9)]
    assert list(areas) == [f"2008-2011/{n}" for n in expected]
    for key, row in areas.items():
        assert row.find("th").find("a").attrs["href"] == f"/id/strategy/{key}"
        api = fetch(server, f"/api/strategy/{key}", "application/json").json()
        assert isinstance(api["successors"], list) and isinstance(api["title"], dict)
        assert row.find("td", lang="zh").text == api["title"]["zh"]
        shown = [(li.attrs["data-scope"], li.attrs["data-confidence"]) for li in row.find_all("li")]
        assert shown == [(s["scope"], s["confidence"]) for s in api["successors"]]
    area = areas["2008-2011/3.2"].find("li", data_scope="2025/sp3")
    assert area.find("a").attrs["href"] == "/browse/2025/sp3" and area.find("a").text == "Subprogramme 3"
    assert area.find("span", class_="confidence").text == "high"
    assert "not stated in either document" in doc.find("p", class_="curated").text


def test_scope_page_shows_what_it_carries_on_from_the_strategy(page: Callable[[str], Node], server: str) -> None:
    doc = page("/browse/2025/sp3")
    section = doc.by_id("crosswalk-predecessors")
    assert "Carries on from the strategy 2008-2011" in section.find("h2").text
    assert "not stated in either document" in section.find("p", class_="curated").text
    api = fetch(server, "/api/scopes/2025/sp3/predecessors", "application/json").json()
    assert isinstance(api["predecessors"], list)
    rows = [r for r in section.find_all("tr") if "data-strategy" in r.attrs]
    assert [(r.attrs["data-strategy"], r.attrs["data-confidence"]) for r in rows] == [
        (p["strategy"], p["confidence"]) for p in api["predecessors"]
    ]
    area = next(r for r in rows if r.attrs["data-strategy"] == "2008-2011/3.2")
    assert area.find("a", class_="strategy").attrs["href"] == "/id/strategy/2008-2011/3.2"
    assert "预防腐败" in area.text and "line 787" in area.find("td", class_="justification").text
    assert doc.find("nav", class_="toc").find("a", href="#crosswalk-predecessors")


@pytest.mark.parametrize(
    "path",
    [
        "/api/strategy/2008-2011/3.2",
        "/api/strategy/2008-2011/1",
        "/api/scopes/2025/sp3/predecessors",
        "/id/strategy/2008-2011/3.2",
        "/id/scope/2025/sp3",
    ],
)
def test_crosswalk_pages_mark_chinese_text(page: Callable[[str], Node], path: str) -> None:
    # The justifications mix Chinese quotations with English notes: each Chinese run is marked lang="zh".
    main = page(path).by_id("content")  # the <title> cannot mark a language: the page's content can
    assert main.find("table", class_="crosswalk")
    unmarked = [
        (n.tag, s.strip()[:40])
        for n in main.iter()
        for s in n.children
        if isinstance(s, str) and CJK.search(s) and n.lang() != "zh" and not n.inside(NOT_PROSE)
    ]
    assert not unmarked, f"{path}: Chinese text without lang='zh': {unmarked[:5]}"


@pytest.mark.parametrize("scope", ["2025/programme", "2025/sp7", "2025/sp9", "2025/sp9-1"])
def test_scope_pages_agree_with_the_predecessors_api(page: Callable[[str], Node], server: str, scope: str) -> None:
    api = fetch(server, f"/api/scopes/{scope}/predecessors", "application/json").json()
    assert isinstance(api["predecessors"], list)
    section = page(f"/browse/{scope}").by_id("crosswalk-predecessors")
    rows = [r.attrs["data-strategy"] for r in section.find_all("tr") if "data-strategy" in r.attrs]
    assert rows == [p["strategy"] for p in api["predecessors"]]
    assert bool(section.find_all("p", class_="no-predecessor")) == (not rows)  # none: the page says so


# ---------------------------------------------------------------------- the SPARQL editor
def editor_config(doc: Node) -> dict[str, object]:
    config = json.loads(doc.by_id("editor-config").text)
    assert isinstance(config, dict)
    return config


def test_editor_loads_only_our_files(page: Callable[[str], Node], server: str) -> None:
    doc = page("/editor")
    assert doc.by_id("yasgui").tag == "div"
    sources = [n.attrs["src"] for n in doc.find_all("script") if "src" in n.attrs]
    sources += [n.attrs["href"] for n in doc.find_all("link") if "href" in n.attrs]
    assert "/static/vendor/yasgui/yasgui.min.js" in sources and "/static/vendor/yasgui/yasgui.min.css" in sources
    for src in sources:
        split = urllib.parse.urlsplit(src)
        assert not split.scheme and not split.netloc and src.startswith("/static/"), src
        got = fetch(server, src, "*/*")
        assert got.status == 200, src
    assert not [n for n in doc.find_all("iframe") + doc.find_all("img") if "src" in n.attrs]


def test_editor_configuration_talks_to_our_endpoint_only(page: Callable[[str], Node], server: str) -> None:
    doc = page("/editor")
    config = editor_config(doc)
    assert config["endpoint"] == "/sparql"
    prefixes = config["prefixes"]
    assert isinstance(prefixes, dict)
    assert set(prefixes) >= {"kg", "id", "dcterms", "skos", "prov", "qb", "xsd", "rdfs", "rdf", "owl"}
    assert prefixes["kg"] == "https://w3id.org/unodc-kg/ontology/" and prefixes["id"] == "https://w3id.org/unodc-kg/id/"
    first = load_saved_queries(ROOT / "queries")[0]
    assert config["query"] == first.text and config["name"] == first.name and config["run"] is False
    # No URL in what we pass YASGUI, but the prefixes' namespace IRIs (names, never fetched).
    others = json.dumps({k: v for k, v in config.items() if k not in ("prefixes", "query", "newTabQuery")})
    assert not OUTSIDE_URL.search(others)
    # Our script: no URL at all, and the calls to other sites switched off.
    script = fetch(server, "/static/editor.js", "*/*").body.decode()
    assert not OUTSIDE_URL.search(re.sub(r"/\*.*?\*/", "", script, flags=re.DOTALL))
    for setting in (
        'Yasqe.defaults.autocompleters = ["variables", "localPrefixes"]',  # no LOV property/class lookups
        "Yasqe.defaults.prefixCcApi = null",  # no prefix.cc
        "Yasqe.defaults.createShortLink = undefined",  # no URL shortener
        "persistenceId: null",  # nothing from localStorage (no stale endpoint)
        "getData: function () { return [{ endpoint: endpoint }]; }",  # the endpoint catalogue: ours only
        "requestConfig: { endpoint: sameOrigin",  # every request goes to the same origin
    ):
        assert setting in script, setting
    # The picker script calls only our API.
    site_js = fetch(server, "/static/site.js", "*/*").body.decode()
    assert not OUTSIDE_URL.search(site_js) and "/api/deliverables?scope=" in site_js


def test_editor_loads_a_saved_query_and_runs_it(page: Callable[[str], Node]) -> None:
    config = editor_config(page("/editor?query=mandates-of-deliverable&run=1"))
    saved = {q.name: q for q in load_saved_queries(ROOT / "queries")}["mandates-of-deliverable"]
    assert (config["name"], config["query"], config["run"]) == (saved.name, saved.text, True)


def test_vendored_yasgui_is_pinned_licensed_and_intact(server: str) -> None:
    package = json.loads((ROOT / "tools" / "yasgui" / "package.json").read_text())
    version = package["dependencies"]["@zazuko/yasgui"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact version"
    lock = json.loads((ROOT / "tools" / "yasgui" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@zazuko/yasgui"]["version"] == version
    stamp = (VENDOR / "VERSION").read_text()
    assert stamp.startswith(f"@zazuko/yasgui {version}\n")
    assert "MIT" in (VENDOR / "LICENSE").read_text()
    assert (VENDOR / "THIRD-PARTY-LICENSES.txt").stat().st_size > 10_000
    for name in ("yasgui.min.js", "yasgui.min.css"):
        served = fetch(server, f"/static/vendor/yasgui/{name}", "*/*").body
        assert f"{hashlib.sha256(served).hexdigest()}  {name}" in stamp
    css = (VENDOR / "yasgui.min.css").read_text()
    assert "@import" not in css and not re.search(r"url\((?!['\"]?data:)", css)  # no fonts or images fetched


# ---------------------------------------------------------------------- saved queries
def test_saved_queries_page(page: Callable[[str], Node]) -> None:
    doc = page("/queries")
    saved = load_saved_queries(ROOT / "queries")
    articles = {a.attrs["data-name"]: a for a in doc.find_all("article", class_="saved-query")}
    assert list(articles) == [q.name for q in saved]
    for q in saved:
        a = articles[q.name]
        assert a.attrs["id"] == q.name  # /queries#NAME: the service description links the queries so
        assert a.find("h2").text == q.title
        assert " ".join(a.find("p", class_="description").text.split()) == " ".join(q.description.split())
        assert a.find("a", class_="run").attrs["href"] == f"/editor?query={q.name}&run=1"
        assert a.find("pre").text == q.text
        shown = a.find_all(class_="parameters")[0].text
        for name, default in q.parameters:
            assert f"?{name}" in shown and default in shown


# ---------------------------------------------------------------------- downloads
def test_downloads_parse_and_hold_what_the_build_wrote(
    page: Callable[[str], Node], server: str, settings: Settings, build: pipeline.BuildResult
) -> None:
    doc = page("/downloads")
    rows = {r.attrs["data-name"]: r for r in doc.by_id("downloads").find_all("tr") if "data-name" in r.attrs}
    assert list(rows) == ["a-79-6-sect16.ttl", "e-cn7-2007-14.ttl", "inferred.ttl", "unodc-kg.nq", "unodc-kg.jsonld"]
    iris = Iris(settings.base)
    total = sum(len(g) for g in build.graphs.values())
    expected = {
        "a-79-6-sect16.ttl": len(build.graphs[str(iris.graph("a-79-6-sect16"))]),
        "e-cn7-2007-14.ttl": len(build.graphs[str(iris.graph("e-cn7-2007-14"))]),
        "inferred.ttl": len(build.graphs[str(iris.graph("inferred"))]),
        "unodc-kg.nq": total,
        "unodc-kg.jsonld": total,
    }
    media = {
        "a-79-6-sect16.ttl": ("text/turtle", "turtle"),
        "e-cn7-2007-14.ttl": ("text/turtle", "turtle"),
        "inferred.ttl": ("text/turtle", "turtle"),
        "unodc-kg.nq": ("application/n-quads", "nquads"),
        "unodc-kg.jsonld": ("application/ld+json", "json-ld"),
    }
    for name, row in rows.items():
        count = int(row.find("td", class_="num statements").attrs["data-count"])
        assert count == expected[name], name
        a = fetch(server, f"/downloads/{name}", "*/*")
        assert a.status == 200
        assert a.headers["content-type"].split(";")[0] == media[name][0]
        assert a.headers["content-disposition"] == f'attachment; filename="{name}"'
        size = next(td for td in row.find_all("td") if "data-bytes" in td.attrs).attrs["data-bytes"]
        assert int(size) == len(a.body)
        if name.endswith(".ttl"):
            g = Graph()
            g.parse(data=a.body, format="turtle")
            parsed = len(g)
            assert (settings.generated_dir / name).read_bytes() == a.body
        else:
            ds = Dataset()
            ds.parse(data=a.body, format=media[name][1])
            parsed = sum(1 for _ in ds.quads((None, None, None, None)))
        assert parsed == count, name
    again = fetch(server, "/downloads/unodc-kg.jsonld", "*/*")
    assert again.body == fetch(server, "/downloads/unodc-kg.jsonld", "*/*").body  # cached, same bytes
