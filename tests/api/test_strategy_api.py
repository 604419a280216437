"""GET /api/strategy/2008-2011/{number} (contract.md) and GET /api/scopes/{edition}/{scope}/predecessors, live."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/unodc-kg/id/"


def get(server: str, path: str) -> httpx.Response:
    return httpx.get(server + path, headers={"Accept": "application/json"}, timeout=30)


def test_result_area_3_2_and_its_successor(server: str) -> None:
    response = get(server, "/api/strategy/2008-2011/3.2")
    assert response.status_code == 200
    body = response.json()
    assert body["key"] == "2008-2011/3.2"
    assert body["iri"] == f"{ID}strategy/2008-2011/3.2"
    assert body["title"] == {"zh": "预防腐败"}
    assert "text" in body
    assert body["source"]["line"] == 405
    assert "paragraph" in body["source"]
    (successor,) = body["successors"]
    assert successor["scope"] == "2025/sp3"
    assert successor["confidence"] == "high"
    assert "预防腐败" in successor["justification"] and "line 787" in successor["justification"]
    assert "reason" not in body


def test_a_result_has_its_paragraph_and_its_successors(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/1.1.4").json()
    assert body["source"] == {
        "document": "e-cn7-2007-14",
        "paragraph": "e-cn7-2007-14/1.1.4",
        "line": 242,
        "last_line": None,
    }
    assert [(s["scope"], s["confidence"]) for s in body["successors"]] == [
        ("2025/sp9-1", "high"),
        ("2025/sp9-2", "medium"),
    ]


def test_a_theme_gathers_the_links_below_it(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/3").json()
    assert body["title"] == {"zh": body["title"]["zh"]} and body["text"]["zh"]
    assert {s["scope"] for s in body["successors"]} == {"2025/sp2", "2025/sp3", "2025/sp5"}


@pytest.mark.parametrize("number", ["9.9", "3.9", "x", "3.2.99", "1.1.1.1"])
def test_unknown_numbers_are_404_with_what_keys_look_like(server: str, number: str) -> None:
    response = get(server, f"/api/strategy/2008-2011/{number}")
    assert response.status_code == 404
    assert "2008-2011/3.2" in response.json()["error"]


def test_predecessors_of_subprogramme_5(server: str) -> None:
    body = get(server, "/api/scopes/2025/sp5/predecessors").json()
    assert body["scope"]["key"] == "2025/sp5"
    assert [p["strategy"] for p in body["predecessors"]] == [
        "2008-2011/1.3",
        "2008-2011/3.1",
        "2008-2011/3.6",
        "2008-2011/3.7",
        "2008-2011/3.8",
    ]
    assert all(p["confidence"] in ("high", "medium", "low") and p["justification"] for p in body["predecessors"])


@pytest.mark.parametrize("path", ["2025/sp99", "2024/sp3", "2025/SP3"])
def test_unknown_scopes_are_404(server: str, path: str) -> None:
    response = get(server, f"/api/scopes/{path}/predecessors")
    assert response.status_code == 404
    assert "2025/sp9-1" in response.json()["error"]


# ------------------------------------------------------------------------------------------ cited instruments
# Read by hand in data/sources/E-CN7-2007-14.zh.txt: the results of result area 3.2 (lines 407-421) cite
# 《联合国反腐败公约》; results 1.1.1 (line 232) and 1.2.5 (line 264) of theme 1 cite the Organized Crime
# Convention and the Convention against Corruption; CND resolution 48/14 is cited in the summary (line 28) and GA
# resolutions 55/231, 60/1, 60/257 and 60/260 in chapter three, on management support (lines 510-513): under no
# theme, result area or result.
STRATEGY_SOURCE = ROOT / "data" / "sources" / "E-CN7-2007-14.zh.txt"
CONTRACT_FIELDS = {"key", "iri", "kind", "number", "title", "text", "source", "successors"}
CITED_FIELDS = {"key", "iri", "symbol", "organ", "title", "quotation", "paragraph", "line"}


@pytest.fixture(scope="module")
def strategy_lines() -> list[str]:
    """The project's copy of E/CN.7/2007/14; index n-1 is line n."""
    return STRATEGY_SOURCE.read_text(encoding="utf-8").split("\n")


def printed_from(lines: list[str], line: int, count: int = 4) -> str:
    """The text printed from a line on, over the next few lines (a quotation may wrap), without spaces."""
    return "".join("".join(text.split()) for text in lines[line - 1 : line - 1 + count])


def test_the_contract_fields_are_kept(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/3.2").json()
    assert set(body) >= CONTRACT_FIELDS
    assert all(set(s) == {"scope", "justification", "confidence", "from"} for s in body["successors"])


def test_result_area_3_2_cites_the_convention_against_corruption(server: str, strategy_lines: list[str]) -> None:
    body = get(server, "/api/strategy/2008-2011/3.2").json()
    assert body["cited"], "the results of 3.2 cite the Convention against Corruption"
    assert {c["key"] for c in body["cited"]} == {"treaty/uncac"}
    for c in body["cited"]:
        assert set(c) >= CITED_FIELDS
        assert c["iri"] == f"{ID}instrument/treaty/uncac"
        assert c["title"]["en"] == "United Nations Convention against Corruption"
        assert c["paragraph"].startswith("e-cn7-2007-14/3.2.")  # the text of a result under 3.2
        assert c["from"].startswith("2008-2011/3.2.")
        assert c["quotation"] == "《联合国反腐败公约》"
        assert c["quotation"] in printed_from(strategy_lines, c["line"])


def test_a_theme_gathers_the_citations_of_the_texts_under_it(server: str, strategy_lines: list[str]) -> None:
    body = get(server, "/api/strategy/2008-2011/1").json()
    assert {"treaty/untoc", "treaty/uncac"} <= {c["key"] for c in body["cited"]}
    for c in body["cited"]:
        assert c["from"].startswith("2008-2011/1")
        assert "".join(c["quotation"].split()) in printed_from(strategy_lines, c["line"])
    assert [c["line"] for c in body["cited"]] == sorted(c["line"] for c in body["cited"])


def test_citations_outside_the_themes_are_cited_by_no_element(server: str, strategy_lines: list[str]) -> None:
    # CND 48/14 (summary, line 28) and GA 60/1 (chapter three, line 512) are cited, but not by a theme's text.
    assert "第 48/14 号决议" in strategy_lines[27] and "第 60/1 号决议" in strategy_lines[511]
    cited = {c["key"] for n in ("1", "2", "3") for c in get(server, f"/api/strategy/2008-2011/{n}").json()["cited"]}
    assert cited and not cited & {"cnd/48-14", "ga/60-1", "ga/55-231", "ga/60-257", "ga/60-260"}


def test_a_result_cites_only_its_own_text(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/3.2.1").json()
    assert {(c["key"], c["paragraph"], c["from"]) for c in body["cited"]} == {
        ("treaty/uncac", "e-cn7-2007-14/3.2.1", "2008-2011/3.2.1")
    }
    # It has no link of its own: it takes its result area's.
    assert [(s["scope"], s["from"]) for s in body["successors"]] == [("2025/sp3", "2008-2011/3.2")]


# ------------------------------------------------------------------------------------------ variants
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDF_VARIANTS = [
    ("text/turtle", "turtle", "ttl"),
    ("application/ld+json", "json-ld", "jsonld"),
    ("application/n-triples", "nt", "nt"),
    ("application/rdf+xml", "xml", "rdf"),
]
KG = "https://w3id.org/unodc-kg/ontology/"


@pytest.mark.parametrize("accept", [None, "*/*", "application/json"])
def test_json_by_default(server: str, accept: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    for path in ("/api/strategy/2008-2011/3.2", "/api/scopes/2025/sp3/predecessors"):
        r = httpx.get(server + path, headers=headers, timeout=30)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", path
        assert "Accept" in r.headers["vary"]
        assert r.headers["content-location"] == f"{path}?format=json"


def test_strategy_element_as_html(server: str) -> None:
    r = httpx.get(server + "/api/strategy/2008-2011/3.2", headers={"Accept": BROWSER}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"]
    page = r.text
    assert "Successors in 2025 (crosswalk)" in page
    assert "Curated crosswalk, not stated in either document" in page
    sp3 = r'<tr data-scope="2025/sp3" data-from="2008-2011/3.2" data-confidence="high">(.*?)</tr>'
    row = re.search(sp3, page, re.S)
    assert row, "the link to subprogramme 3"
    assert 'href="/browse/2025/sp3"' in row.group(1) and 'href="/id/strategy/2008-2011/3.2"' in row.group(1)
    assert "line 787" in row.group(1)  # the justification quotes A/79/6 (Sect. 16) with its line
    assert '<li data-key="treaty/uncac">' in page and 'href="/id/instrument/treaty/uncac"' in page
    assert "/api/strategy/2008-2011/3.2?format=ttl" in page
    by_param = httpx.get(server + "/api/strategy/2008-2011/3.2", params={"format": "html"}, timeout=30)
    assert by_param.headers["content-type"].startswith("text/html")
    assert "Accept" not in by_param.headers.get("vary", "")


def test_predecessors_as_html(server: str) -> None:
    r = httpx.get(server + "/api/scopes/2025/sp3/predecessors", headers={"Accept": BROWSER}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "Carries on from the strategy 2008-2011" in page and "Countering corruption" in page
    row = re.search(r'<tr data-strategy="2008-2011/3.2" data-confidence="high">(.*?)</tr>', page, re.S)
    assert row and 'href="/id/strategy/2008-2011/3.2"' in row.group(1) and "预防腐败" in row.group(1)


@pytest.mark.parametrize(("media", "parser", "param"), RDF_VARIANTS)
def test_strategy_element_as_rdf(server: str, media: str, parser: str, param: str) -> None:
    r = httpx.get(server + "/api/strategy/2008-2011/3.2", headers={"Accept": media}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    assert r.headers["content-location"] == f"/api/strategy/2008-2011/3.2?format={param}"
    assert "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.content, format=parser, publicID=ID)
    area, sp3 = URIRef(f"{ID}strategy/2008-2011/3.2"), URIRef(f"{ID}scope/2025/sp3")
    links = set(g.subjects(URIRef(KG + "fromStrategy"), area))
    assert links and any((link, URIRef(KG + "toScope"), sp3) in g for link in links)
    for link in links:
        assert (link, rdflib.RDF.type, URIRef(KG + "CrosswalkLink")) in g
        assert (link, URIRef(KG + "confidence"), None) in g and (link, URIRef(KG + "justification"), None) in g
    assert (sp3, SKOS.prefLabel, Literal("反腐败", lang="zh")) in g
    assert (area, DCTERMS.title, Literal("预防腐败", lang="zh")) in g
    # the citations that make `cited`, the paragraphs they are in, and the instrument they cite
    uncac = URIRef(f"{ID}instrument/treaty/uncac")
    citations = set(g.subjects(URIRef(KG + "citedInstrument"), uncac))
    assert citations
    for c in citations:
        paragraph = g.value(c, URIRef(KG + "citingText"))
        assert paragraph is not None and (paragraph, URIRef(KG + "text"), None) in g
    assert (uncac, DCTERMS.title, None) in g
    by_param = httpx.get(server + "/api/strategy/2008-2011/3.2", params={"format": param}, timeout=30)
    assert len(rdflib.Graph().parse(data=by_param.content, format=parser, publicID=ID)) == len(g)


def test_a_theme_as_rdf_holds_the_path_to_the_links_below_it(server: str) -> None:
    r = httpx.get(server + "/api/strategy/2008-2011/1", params={"format": "ttl"}, timeout=30)
    g = rdflib.Graph().parse(data=r.content, format="turtle", publicID=ID)
    result, area, theme = (URIRef(f"{ID}strategy/2008-2011/{n}") for n in ("1.1.4", "1.1", "1"))
    assert (None, URIRef(KG + "fromStrategy"), result) in g  # a link on a result of the theme ...
    assert (result, URIRef(KG + "inResultArea"), area) in g  # ... and how that result is under the theme
    assert (area, URIRef(KG + "inTheme"), theme) in g


@pytest.mark.parametrize(("media", "parser", "param"), RDF_VARIANTS)
def test_predecessors_as_rdf(server: str, media: str, parser: str, param: str) -> None:
    r = httpx.get(server + "/api/scopes/2025/sp3/predecessors", headers={"Accept": media}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    assert r.headers["content-location"] == f"/api/scopes/2025/sp3/predecessors?format={param}"
    g = rdflib.Graph().parse(data=r.content, format=parser, publicID=ID)
    sp3 = URIRef(f"{ID}scope/2025/sp3")
    answer = get(server, "/api/scopes/2025/sp3/predecessors").json()
    froms = {g.value(link, URIRef(KG + "fromStrategy")) for link in g.subjects(URIRef(KG + "toScope"), sp3)}
    assert froms == {URIRef(p["iri"]) for p in answer["predecessors"]}
    for element in froms:
        assert (element, DCTERMS.title, None) in g
    assert (sp3, SKOS.prefLabel, Literal("Countering corruption", lang="en")) in g


def test_406_and_bad_format(server: str) -> None:
    for path in ("/api/strategy/2008-2011/3.2", "/api/scopes/2025/sp3/predecessors"):
        r = httpx.get(server + path, headers={"Accept": "image/png"}, timeout=30)
        assert r.status_code == 406 and "application/json" in r.json()["available"]
        r = httpx.get(server + path, params={"format": "xls"}, timeout=30)
        assert r.status_code == 400 and "ttl" in r.json()["error"]


def test_unknown_key_before_the_format(server: str) -> None:
    r = httpx.get(server + "/api/strategy/2008-2011/9.9", params={"format": "xls"}, timeout=30)
    assert r.status_code == 404 and "2008-2011/3.2" in r.json()["error"]
