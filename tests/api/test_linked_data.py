"""Every IRI under the base resolves on a live server: entities, the ontology and its terms, the shapes, the
named graphs; by Accept (with Vary) and by extension (which wins), with Link and Content-Location headers.

The facts the pages must show are read off data/sources/A-79-6-Sect16.zh.txt (`source_lines`, index n-1 is
line n): paragraph 16.54(c) on line 919 cites resolution 60/288; deliverable 7 of table 16.4 (line 642) is
防止和打击贩运枪支和有关犯罪; table 16.4 is captioned on line 626.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from unodc_kg.config import Settings

RDF_VARIANTS = {  # extension: (media type, rdflib parser)
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}
EVERY_MEDIA = {"text/turtle", "text/html", "application/ld+json", "application/n-triples", "application/rdf+xml"}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
DELIVERABLE = "/id/deliverable/2025/sp1/7"


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def base(settings: Settings) -> str:
    return settings.base


def text_of(page: str) -> str:
    """The text a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def parse(body: bytes, parser: str, public_id: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=body, format=parser, publicID=public_id)
    return g


def links(response: httpx.Response) -> dict[str, str]:
    """Link: <url>; rel="alternate"; type="t", … -> {type: url}."""
    out = {}
    for part in response.headers.get("link", "").split(","):
        m = re.match(r'\s*<([^>]+)>;\s*rel="alternate";\s*type="([^"]+)"', part)
        if m:
            out[m.group(2)] = m.group(1)
    return out


# ------------------------------------------------------------------------------------------ negotiation


@pytest.mark.parametrize("ext", sorted(RDF_VARIANTS))
def test_each_rdf_format_by_accept(http: httpx.Client, base: str, source_lines: list[str], ext: str) -> None:
    media, parser = RDF_VARIANTS[ext]
    r = http.get(DELIVERABLE, headers={"Accept": media})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" in r.headers["vary"]
    assert r.headers["content-location"] == f"{DELIVERABLE}.{ext}"
    assert set(links(r)) == EVERY_MEDIA
    assert links(r)[media] == f"{DELIVERABLE}.{ext}"
    g = parse(r.content, parser, base + DELIVERABLE[1:])
    node = URIRef(base + DELIVERABLE[1:])
    # line 642: "7. 防止和打击贩运枪支和有关犯罪\t1\t1\t1\t1"
    title = source_lines[641].split("\t")[0].removeprefix("7. ")
    assert (node, DCTERMS.title, Literal(title, lang="zh")) in g
    assert (node, RDF.type, URIRef(base + "ontology/Deliverable")) in g
    # incoming links: the four observations of its figures
    observations = set(g.subjects(URIRef(base + "ontology/lineItem"), node))
    assert len(observations) == 4
    # the names of what it links to: its table and its scope
    assert (URIRef(base + "id/table/a-79-6-sect16/16.4"), URIRef(base + "ontology/tableNumber"), Literal("16.4")) in g
    assert any(g.objects(URIRef(base + "id/scope/2025/sp1"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))


@pytest.mark.parametrize("ext", sorted(RDF_VARIANTS))
def test_each_rdf_format_by_extension_which_wins(http: httpx.Client, base: str, ext: str) -> None:
    media, parser = RDF_VARIANTS[ext]
    r = http.get(f"{DELIVERABLE}.{ext}", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" not in r.headers.get("vary", "")  # the extension fixes the variant
    assert r.headers["content-location"] == f"{DELIVERABLE}.{ext}"
    assert set(links(r)) == EVERY_MEDIA
    g = parse(r.content, parser, base + DELIVERABLE[1:])
    assert (URIRef(base + DELIVERABLE[1:]), URIRef(base + "ontology/itemNumber"), None) in g


def test_html_by_accept_and_by_extension(http: httpx.Client) -> None:
    for url, headers in ((DELIVERABLE, {"Accept": BROWSER}), (f"{DELIVERABLE}.html", {"Accept": "text/turtle"})):
        r = http.get(url, headers=headers)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        assert r.headers["content-location"] == f"{DELIVERABLE}.html"
        assert "<!doctype html>" in r.text.lower()
        # the page names its data variants too
        assert f'href="{DELIVERABLE}.ttl"' in r.text and f'href="{DELIVERABLE}.jsonld"' in r.text


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("*/*", "text/turtle"),
        ("", "text/turtle"),
        (BROWSER, "text/html"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.5", "application/rdf+xml"),
        ("text/turtle;q=0.1, application/n-triples", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("application/*", "application/ld+json"),
        ("text/html;q=0, */*;q=0.1", "text/turtle"),
        ("image/png, text/*;q=0.2", "text/turtle"),
    ],
)
def test_accept_preferences(http: httpx.Client, accept: str, media: str) -> None:
    r = http.get(DELIVERABLE, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize(
    "url", [DELIVERABLE, "/ontology/", "/ontology/Deliverable", "/shapes/", "/graph/reference", "/id/organ/ga"]
)
def test_406_when_nothing_fits(http: httpx.Client, url: str) -> None:
    r = http.get(url, headers={"Accept": "image/png, application/pdf"})
    assert r.status_code == 406
    assert r.headers["content-type"].startswith("application/json")
    assert "Accept" in r.headers["vary"]
    body = r.json()
    assert "image/png" in body["error"]
    assert set(body["available"]) == EVERY_MEDIA


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/id/deliverable/2025/sp1/99", "nothing is known about"),  # table 16.4 has items 1-10
        ("/id/instrument/ga/99-999", "nothing is known about"),
        ("/id/instrument/GA/75-194", "lower-case"),  # keys are lower case
        ("/id/deliverable/2025/sp1/7/", "nothing is known about"),
        ("/id/resolution/ga/75-194", "no kind of entity 'resolution'"),
        ("/id/", "no kind of entity"),
        ("/ontology/NoSuchTerm", "no term 'NoSuchTerm'"),
        ("/ontology/Deliverable.xyz", "no term"),
        ("/shapes/NoSuchShape", "no shape"),
        ("/graph/no-such-graph", "the graphs are"),
        ("/graph/a-79-6-sect16.pdf", "the graphs are"),
        ("/ontology.pdf", "no such format"),
    ],
)
def test_404_is_json_and_says_why(http: httpx.Client, url: str, says: str) -> None:
    r = http.get(url, headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert says in r.json()["error"]


def test_head_answers_the_headers_without_a_body(http: httpx.Client) -> None:
    r = http.head(DELIVERABLE, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.headers["content-location"] == f"{DELIVERABLE}.ttl"
    assert r.content == b""


def test_keys_with_dots_are_not_taken_for_extensions(http: httpx.Client, base: str) -> None:
    # table 16.4 and paragraph 16.54.c have dots in their keys; .4 and .c are no extensions of ours
    for url in ("/id/table/a-79-6-sect16/16.4", "/id/paragraph/a-79-6-sect16/16.54.c"):
        r = http.get(url, headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        assert r.headers["content-location"] == f"{url}.ttl"
        r = http.get(f"{url}.nt")
        assert r.status_code == 200 and f"<{base}{url[1:]}>" in r.text


# ------------------------------------------------------------------------------------------ pages


def test_instrument_page_links_its_symbol_and_quotes_its_source(http: httpx.Client, source_lines: list[str]) -> None:
    r = http.get("/id/instrument/ga/60-288", headers={"Accept": BROWSER})
    assert r.status_code == 200
    page = r.text
    # the official symbol, linked to the UN Official Document System
    assert 'href="https://undocs.org/A/RES/60/288"' in page
    assert ">A/RES/60/288</a>" in page
    # the paragraph it was read from, with its text: line 919 is item (c) of paragraph 16.54
    line = source_lines[918]
    assert line.startswith("- (c) ") and "60/288" in line
    quoted = line.removeprefix("- (c) ")
    seen = text_of(page)
    assert "paragraph 16.54(c)" in seen
    assert quoted in seen  # the kg:text of the paragraph item, as the graph holds it
    assert "919" in seen
    assert "大会 2006 年第 60/288 号决议" in seen  # the words of the citation
    assert "<mark>大会 2006 年第 60/288 号决议</mark>" in page  # marked in the quoted text
    assert 'href="/id/paragraph/a-79-6-sect16/16.54.c"' in page
    assert 'href="/api/instruments/ga/60-288/deliverables"' in page


def test_instrument_page_shows_chinese_and_official_english_labels(http: httpx.Client) -> None:
    page = http.get("/id/instrument/treaty/untoc", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    assert "United Nations Convention against Transnational Organized Crime" in seen  # official, reference data
    assert "《联合国打击跨国有组织犯罪公约》及其议定书" in seen  # as printed in paragraph 16.9
    assert 'lang="en"' in page and 'lang="zh"' in page
    # a resolution has no English title in the graph: the page gives none
    page = http.get("/id/instrument/ga/64-293", headers={"Accept": "text/html"}).text
    assert "English dcterms:title" not in text_of(page).replace("\n", " ")


def test_listed_instrument_page_quotes_its_listing(http: httpx.Client, source_lines: list[str]) -> None:
    page = http.get("/id/instrument/ga/64-293", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    assert source_lines[185] == "大会决议"  # line 186: the heading of subprogramme 1's GA list
    assert source_lines[187].startswith("64/293\t联合国打击贩运人口的全球行动计划")  # line 188
    assert "联合国打击贩运人口的全球行动计划" in seen
    assert "188" in seen and "大会决议" in seen
    assert "paragraph 16.9" in seen  # the lists are those of paragraph 16.9
    assert 'href="https://undocs.org/A/RES/64/293"' in page
    assert 'href="/id/mandate-listing/2025/sp1/ga/ga-64-293"' in page  # incoming: the listing


def test_deliverable_page(http: httpx.Client, source_lines: list[str]) -> None:
    page = http.get(DELIVERABLE, headers={"Accept": BROWSER}).text
    seen = text_of(page)
    assert "防止和打击贩运枪支和有关犯罪" in seen
    assert source_lines[624] == "表 16.4" and source_lines[625].startswith("次级方案 1：")
    assert source_lines[625] in seen  # the caption of table 16.4, where it was read from
    assert "table 16.4" in seen
    printed = source_lines[641]
    assert printed.startswith("7. ") and printed.split("\t")[0] in seen  # line 642 as printed
    assert 'href="/api/deliverables/2025/sp1/7/mandates"' in page
    assert 'href="/id/table/a-79-6-sect16/16.4"' in page
    assert 'href="/id/scope/2025/sp1"' in page
    assert 'href="/id/observation/2025/sp1/7/2023-actual"' in page  # incoming links
    assert "Countering transnational organized crime" in seen  # the scope's official English name


def test_paragraph_page(http: httpx.Client, source_lines: list[str]) -> None:
    page = http.get("/id/paragraph/a-79-6-sect16/16.9", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    line = source_lines[83]
    assert line.startswith("- 16.9 ")
    assert line.removeprefix("- 16.9 ") in seen
    assert "paragraph 16.9" in seen and "84" in seen
    # 35 lists are derived from it
    assert page.count('href="/id/mandate-list/2025/') >= 35


STRATEGY_SOURCE = Path(__file__).resolve().parents[2] / "data" / "sources" / "E-CN7-2007-14.zh.txt"


@pytest.fixture(scope="module")
def strategy_lines() -> list[str]:
    """The project's copy of E/CN.7/2007/14; index n-1 is line n."""
    return STRATEGY_SOURCE.read_text(encoding="utf-8").split("\n")


def section(page: str, ident: str) -> str:
    """The HTML of the <section id=…> of a page."""
    m = re.search(rf'<section id="{ident}"[^>]*>(.*?)</section>', page, re.S)
    assert m, f"no section {ident}"
    return m.group(1)


def test_strategy_element_page_shows_its_successors(http: httpx.Client, strategy_lines: list[str]) -> None:
    page = http.get("/id/strategy/2008-2011/3.2", headers={"Accept": BROWSER}).text
    successors = section(page, "crosswalk-successors")
    assert "Successors in 2025 (crosswalk)" in successors
    assert "Curated crosswalk, not stated in either document" in successors
    sp3 = r'<tr data-scope="2025/sp3" data-from="2008-2011/3.2" data-confidence="high">(.*?)</tr>'
    row = re.search(sp3, successors, re.S)
    assert row, "result area 3.2 is carried on by subprogramme 3, confidence high"
    assert '<a class="scope" href="/browse/2025/sp3">Subprogramme 3</a>' in row.group(1)
    assert '<a class="from" href="/id/strategy/2008-2011/3.2">3.2</a>' in row.group(1)
    assert "Countering corruption" in row.group(1)
    assert "line 405" in row.group(1) and "line 787" in row.group(1)  # the justification quotes both documents
    assert 'href="/api/strategy/2008-2011/3.2"' in page  # the question, as the API answers it
    # where the heading was read from: line 405, as printed
    assert strategy_lines[404].startswith("成果领域 3.2.")
    assert strategy_lines[404].strip() in text_of(page)


def test_a_result_without_a_link_of_its_own_shows_its_areas(http: httpx.Client, strategy_lines: list[str]) -> None:
    page = http.get("/id/strategy/2008-2011/3.2.1", headers={"Accept": BROWSER}).text
    assert re.search(r'<tr data-scope="2025/sp3" data-from="2008-2011/3.2" data-confidence="high">', page)
    # its paragraph, quoted with its lines
    assert strategy_lines[406].startswith("3.2.1. ")
    seen = text_of(page)
    assert "paragraph 3.2.1" in seen and "strategy paragraph, line 407" in seen
    assert strategy_lines[406].removeprefix("3.2.1. ").strip() in seen


def test_scope_page_shows_what_it_carries_on(http: httpx.Client) -> None:
    page = http.get("/id/scope/2025/sp3", headers={"Accept": BROWSER}).text
    predecessors = section(page, "crosswalk-predecessors")
    assert "Carries on from the strategy 2008-2011" in predecessors
    assert "not stated in either document" in predecessors
    row = re.search(r'<tr data-strategy="2008-2011/3.2" data-confidence="high">(.*?)</tr>', predecessors, re.S)
    assert row and '<a class="strategy" href="/id/strategy/2008-2011/3.2">3.2</a>' in row.group(1)
    assert "预防腐败" in row.group(1)
    assert 'href="/api/scopes/2025/sp3/predecessors"' in page


def test_other_pages_have_no_crosswalk_section(http: httpx.Client) -> None:
    page = http.get(DELIVERABLE, headers={"Accept": BROWSER}).text
    assert "crosswalk-successors" not in page and "crosswalk-predecessors" not in page
    page = http.get("/id/strategy/2008-2011", headers={"Accept": BROWSER}).text  # the strategy itself
    assert "crosswalk-successors" not in page


def test_a_cut_description_says_so(http: httpx.Client, base: str) -> None:
    # the document: every paragraph, table, figure, footnote and correction is part of it (more than 500)
    r = http.get("/id/document/a-79-6-sect16", headers={"Accept": "text/html"})
    seen = text_of(r.text)
    m = re.search(r"Showing the first (\d+) of (\d+) incoming links", seen)
    assert m, "the page must say the incoming links were cut"
    assert int(m.group(1)) == 500 < int(m.group(2))
    r = http.get("/id/document/a-79-6-sect16.ttl")
    assert re.search(r"^# .*500 incoming links \(of \d+;", r.text, re.M)
    g = parse(r.content, "turtle", base)
    assert len(list(g.triples((None, None, URIRef(base + "id/document/a-79-6-sect16"))))) == 500


def test_ontology_page_documents_classes_and_properties(http: httpx.Client) -> None:
    r = http.get("/ontology/", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page, seen = r.text, text_of(r.text)
    for term, en, zh in (("Deliverable", "Deliverable", "应交付产出"), ("inList", "in list", "所在清单")):
        assert f'href="/ontology/{term}"' in page
        assert en in seen and zh in seen
    assert "A deliverable of a scope" in seen  # a definition
    assert "Mandate listing" in seen  # the domain of kg:inList, by its label
    assert "Classes" in seen and "Object properties" in seen
    # /ontology redirects to the slash namespace
    r = http.get("/ontology", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/ontology/"


@pytest.mark.parametrize("ext", sorted(RDF_VARIANTS))
def test_ontology_as_rdf(http: httpx.Client, base: str, ext: str) -> None:
    media, parser = RDF_VARIANTS[ext]
    r = http.get("/ontology/", headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-location"] == f"/ontology.{ext}"
    g = parse(r.content, parser, base + "ontology/")
    kg = base + "ontology/"
    assert (URIRef(kg), RDF.type, OWL.Ontology) in g
    assert (URIRef(kg + "Deliverable"), RDF.type, OWL.Class) in g
    assert (URIRef(kg + "inList"), RDFS.range, URIRef(kg + "LegislativeMandateList")) in g
    assert http.get(f"/ontology.{ext}").content == r.content


def test_ontology_term_page(http: httpx.Client, base: str) -> None:
    page = http.get("/ontology/Deliverable", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    assert "应交付产出" in seen and "Deliverable" in seen
    assert "A deliverable of a scope" in seen  # skos:definition
    assert "150 ×" in seen  # its instances, as incoming rdf:type links
    assert 'href="/ontology/DeliverableLine"' in page  # its superclass
    page = http.get("/ontology/inList", headers={"Accept": "text/html"}).text
    seen = text_of(page)
    assert 'href="/ontology/MandateListing"' in page and 'href="/ontology/LegislativeMandateList"' in page
    assert re.search(r"4\d\d statements of the graph use this property", seen)  # 448 listings
    r = http.get("/ontology/Deliverable.ttl")
    g = parse(r.content, "turtle", base)
    assert (URIRef(base + "ontology/Deliverable"), RDFS.label, Literal("应交付产出", lang="zh")) in g


def test_named_graph_page_and_content(http: httpx.Client, base: str) -> None:
    r = http.get("/graph/a-79-6-sect16", headers={"Accept": BROWSER})
    assert r.status_code == 200
    seen = text_of(r.text)
    m = re.search(r"(\d+) triples about (\d+) subjects", seen)
    assert m and int(m.group(1)) > 20_000
    assert 'href="/ontology/Deliverable"' in r.text and 'href="/graph/ontology"' in r.text
    for ext, (media, parser) in RDF_VARIANTS.items():
        r = http.get("/graph/reference", headers={"Accept": media})
        assert r.status_code == 200 and r.headers["content-location"] == f"/graph/reference.{ext}"
        g = parse(r.content, parser, base)
        assert (URIRef(base + "id/organ/ga"), None, None) in g
        assert (URIRef(base + "id/deliverable/2025/sp1/7"), None, None) not in g  # only that graph's triples
    g = parse(http.get("/graph/a-79-6-sect16.nt").content, "nt", base)
    assert len(g) == int(m.group(1))


def test_shapes(http: httpx.Client, base: str) -> None:
    r = http.get("/shapes/", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert 'href="/shapes/DeliverableLineShape"' in r.text and "deliverables.ttl" in r.text
    r = http.get("/shapes/DeliverableLineShape", headers={"Accept": "text/html"})
    assert r.status_code == 200
    seen = text_of(r.text)
    assert "deliverable line" in seen and "shapes/deliverables.ttl" in seen
    assert 'href="/ontology/DeliverableLine"' in r.text  # its target class, named from the ontology
    sh = "http://www.w3.org/ns/shacl#"
    for ext, (_media, parser) in RDF_VARIANTS.items():
        g = parse(http.get(f"/shapes/DeliverableLineShape.{ext}").content, parser, base)
        shape = URIRef(base + "shapes/DeliverableLineShape")
        assert (shape, URIRef(sh + "targetClass"), URIRef(base + "ontology/DeliverableLine")) in g
    # a property shape whose path is a list (blank nodes): the description follows them
    g = parse(http.get("/shapes/DeliverableLineShape-tableScope.ttl").content, "turtle", base)
    path = g.value(URIRef(base + "shapes/DeliverableLineShape-tableScope"), URIRef(sh + "path"))
    assert path is not None
    assert list(Collection(g, path)) == [
        URIRef(base + "ontology/inTable"),
        URIRef(base + "ontology/inScope"),
    ]
    g = parse(http.get("/shapes.ttl").content, "turtle", base)
    assert len(set(g.subjects(RDF.type, URIRef(sh + "NodeShape")))) > 10


def test_every_iri_the_graph_links_to_resolves(http: httpx.Client, base: str) -> None:
    """A sample of each kind: every object IRI under the base of some entity's description resolves."""
    seen: set[str] = set()
    for url in ("/id/instrument/treaty/untoc.nt", "/id/scope/2025/sp1.nt", DELIVERABLE + ".nt"):
        g = parse(http.get(url).content, "nt", base)
        seen |= {str(o) for o in g.all_nodes() if isinstance(o, URIRef) and str(o).startswith(base)}
    assert len(seen) > 50
    for iri in sorted(seen):
        r = http.get("/" + iri[len(base) :], headers={"Accept": "text/turtle"})
        assert r.status_code == 200, iri
