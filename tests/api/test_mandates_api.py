"""The mandates API of contract.md on a live server: both directions, as JSON, HTML and RDF; the search; errors.

Facts read off data/sources/A-79-6-Sect16.zh.txt (`source_lines`, index n-1 is line n), in paragraph 16.9:
- line 182 opens the lists of subprogramme 1 (次级方案 1), line 224 those of subprogramme 2; line 186 is the
  heading 大会决议 of subprogramme 1's General Assembly list, and line 188 prints
  "64/293  联合国打击贩运人口的全球行动计划" there: 64/293 is printed nowhere else.
- line 110, in the programme's General Assembly list (heading on line 98), prints "75/158; 77/194  贩运妇女和儿童".
- line 277 heads subprogramme 3's list of the COSP to the Corruption Convention; line 312 prints
  "第 10/2 号决定  进一步延长《联合国反腐败公约》实施情况审议机制第二周期".
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import rdflib
from rdflib import Literal, URIRef

from unodc_kg.config import Settings
from unodc_kg.query import Mandates

ROOT = Path(__file__).resolve().parents[2]
CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "check-contract.py"
SCOPES = ["2025/programme", *(f"2025/sp{n}" for n in range(1, 9)), "2025/sp9-1", "2025/sp9-2"]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def scope_keys(http: httpx.Client) -> dict[str, list[str]]:
    """Every scope's deliverable keys, in table order, as the API lists them."""
    out = {}
    for scope in SCOPES:
        r = http.get("/api/deliverables", params={"scope": scope})
        assert r.status_code == 200
        out[scope] = [d["key"] for d in r.json()["deliverables"]]
    return out


@pytest.fixture(scope="module")
def forward(mandates: Mandates, scope_keys: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """The answer of every deliverable, from the service the CLI uses."""
    return {k: mandates.mandates(k) for keys in scope_keys.values() for k in keys}


def block(source_lines: list[str], start: str, end: str, after: int = 81) -> range:
    """The line numbers (1-based) from the first line `start` after line `after` up to the line before `end`,
    within paragraph 16.9 (lines 82-479)."""
    first = next(i for i, line in enumerate(source_lines[after:480], after + 1) if line.strip() == start)
    last = next(i for i, line in enumerate(source_lines[first:480], first + 1) if line.strip() == end)
    return range(first, last)


# ------------------------------------------------------------------------------------------ which instruments…


def test_mandates_json_is_the_cli_json(http: httpx.Client, mandates: Mandates) -> None:
    for key in ("2025/sp1/7", "2025/programme/10", "2025/sp3/c-1", "2025/sp9-2/3"):
        r = http.get(f"/api/deliverables/{key}/mandates")
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/json"
        assert "Accept" in r.headers["vary"]
        assert r.json() == json.loads(json.dumps(mandates.mandates(key)))


def test_mandates_of_a_deliverable_of_subprogramme_1(http: httpx.Client, source_lines: list[str]) -> None:
    doc = http.get("/api/deliverables/2025/sp1/7/mandates").json()
    assert doc["deliverable"]["title"]["zh"] == source_lines[641].split("\t")[0].removeprefix("7. ")
    by_key = {m["key"]: m for m in doc["mandates"]}
    m = by_key["ga/64-293"]
    assert m["symbol"] == "64/293" and m["un_symbol"] == "A/RES/64/293" and m["organ"] == "ga"
    assert m["kind"] == "resolution"
    assert m["title"]["zh"] == source_lines[187].split("\t")[1] == "联合国打击贩运人口的全球行动计划"
    assert m["basis"] == [
        {
            "kind": "scope-list",
            "paragraph": "a-79-6-sect16/16.9",
            "heading": {"zh": source_lines[185]},
            "list": "2025/sp1/ga",
            "line": 188,
            "title": {"zh": "联合国打击贩运人口的全球行动计划"},
        }
    ]
    # 75/158 is listed for the whole programme (line 110)
    assert "75/158" in source_lines[109]
    assert [b["kind"] for b in by_key["ga/75-158"]["basis"]] == ["programme-list"]
    assert by_key["ga/75-158"]["basis"][0]["line"] == 110


# ------------------------------------------------------------------------------------------ … and the inverse


def test_ga_64_293_mandates_every_deliverable_of_subprogramme_1_and_none_of_subprogramme_2(
    http: httpx.Client, source_lines: list[str], scope_keys: dict[str, list[str]]
) -> None:
    sp1 = block(source_lines, "次级方案 1", "次级方案 2")
    ga = block(source_lines, "大会决议", "安全理事会决议", after=sp1.start)
    assert 188 in sp1 and 188 in ga and ga.start == 186
    assert [n for n, line in enumerate(source_lines, 1) if "64/293" in line] == [188]  # printed once

    r = http.get("/api/instruments/ga/64-293/deliverables")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    doc = r.json()
    assert set(doc) == {"instrument", "deliverables"}
    assert doc["instrument"] == {
        "key": "ga/64-293",
        "iri": doc["instrument"]["iri"],
        "symbol": "64/293",
        "un_symbol": "A/RES/64/293",
        "organ": "ga",
        "kind": "resolution",
        "title": {"zh": "联合国打击贩运人口的全球行动计划"},
    }
    assert doc["instrument"]["iri"].endswith("/id/instrument/ga/64-293")
    keys = [d["key"] for d in doc["deliverables"]]
    assert keys == scope_keys["2025/sp1"]  # every deliverable of subprogramme 1, in table order
    for d in doc["deliverables"]:
        assert set(d) == {"key", "iri", "title", "scope", "basis"}
        assert d["scope"] == "2025/sp1" and d["iri"].endswith("/id/deliverable/" + d["key"])
        assert d["basis"] == [
            {
                "kind": "scope-list",
                "paragraph": "a-79-6-sect16/16.9",
                "heading": {"zh": "大会决议"},
                "list": "2025/sp1/ga",
                "line": 188,
                "title": {"zh": "联合国打击贩运人口的全球行动计划"},
            }
        ]
    assert not [k for k in keys if k.startswith("2025/sp2/")]  # none of subprogramme 2 via a scope list


def test_a_decision_key_with_dec(http: httpx.Client, source_lines: list[str], scope_keys: dict[str, list[str]]) -> None:
    sp3 = block(source_lines, "次级方案 3", "次级方案 4")
    cosp = block(source_lines, "联合国反腐败公约缔约国会议的决议和决定", "次级方案 4", after=sp3.start)
    assert "第 10/2 号决定" in source_lines[311] and 312 in cosp and cosp.start == 277
    doc = http.get("/api/instruments/cosp-uncac/dec-10-2/deliverables").json()
    i = doc["instrument"]
    assert (i["key"], i["symbol"], i["un_symbol"], i["organ"], i["kind"]) == (
        "cosp-uncac/dec-10-2",
        "10/2",
        None,
        "cosp-uncac",
        "decision",
    )
    assert i["title"]["zh"] == source_lines[311].split("\t")[-1]
    assert [d["key"] for d in doc["deliverables"]] == scope_keys["2025/sp3"]
    assert {b["line"] for d in doc["deliverables"] for b in d["basis"]} == {312}
    # the resolution 10/2 of the same conference is another instrument (line 300)
    res = http.get("/api/instruments/cosp-uncac/10-2/deliverables").json()
    assert res["instrument"]["kind"] == "resolution" and {
        b["line"] for d in res["deliverables"] for b in d["basis"]
    } == {300}


def test_a_programme_list_instrument_mandates_every_deliverable(
    http: httpx.Client, source_lines: list[str], scope_keys: dict[str, list[str]]
) -> None:
    assert "75/158" in source_lines[109] and 109 < 125  # the programme's GA list, lines 100-125
    doc = http.get("/api/instruments/ga/75-158/deliverables").json()
    every = [k for s in SCOPES for k in scope_keys[s]]
    assert [d["key"] for d in doc["deliverables"]] == every and len(every) == 150
    assert {b["kind"] for d in doc["deliverables"] for b in d["basis"]} == {"programme-list"}
    assert {b["line"] for d in doc["deliverables"] for b in d["basis"]} == {110}


INSTRUMENTS = (
    "ga/64-293",
    "ga/75-158",
    "ga/60-288",
    "treaty/untoc",
    "treaty/uncac",
    "cosp-uncac/dec-10-2",
    "cop-untoc/10-2",
    "sc/2370-2017",
    "ecosoc/dec-2011-259",
    "cnd/58-10",
    "ccpcj/27-4",
    "cnd/political-declaration-2009",
)


@pytest.mark.parametrize("key", INSTRUMENTS)
def test_both_directions_agree(http: httpx.Client, forward: dict[str, dict[str, Any]], key: str) -> None:
    """A deliverable is in an instrument's answer, with a basis, exactly when the instrument is in the
    deliverable's answer with that basis (a "topic" basis ranks a deliverable's mandates; it is not a mandate)."""
    expected = {
        d: [b for b in m["basis"] if b["kind"] != "topic"]
        for d, a in forward.items()
        for m in a["mandates"]
        if m["key"] == key
    }
    r = http.get(f"/api/instruments/{key}/deliverables")
    assert r.status_code == 200, r.text
    got = {d["key"]: d["basis"] for d in r.json()["deliverables"]}
    assert got == expected
    assert got, f"{key} mandates nothing?"


def test_cited_basis_quotes_the_source_line(http: httpx.Client, source_lines: list[str]) -> None:
    doc = http.get("/api/instruments/ga/60-288/deliverables").json()
    cited = [b for d in doc["deliverables"] for b in d["basis"]]
    assert cited and {b["kind"] for b in cited} == {"cited"}
    for b in cited:
        assert b["quotation"]["zh"] in source_lines[b["line"] - 1]
        assert b["paragraph"] == "a-79-6-sect16/16.54"
    assert {d["scope"] for d in doc["deliverables"]} == {"2025/sp4"}  # paragraph 16.54 is subprogramme 4's


def test_every_listed_basis_names_the_symbol_on_its_line(
    http: httpx.Client, source_lines: list[str], forward: dict[str, dict[str, Any]]
) -> None:
    for key in ("2025/sp1/7", "2025/sp3/c-1", "2025/sp9-2/3"):
        for m in forward[key]["mandates"]:
            for b in m["basis"]:
                line = source_lines[b["line"] - 1]
                if b["kind"] == "cited":
                    assert b["quotation"]["zh"] in line, (key, m["key"], b)
                elif m["symbol"]:
                    number = re.split(r"[/(\s]", m["symbol"])[-1 if "(" not in m["symbol"] else 0]
                    assert number in line, (key, m["key"], b, line)


# ------------------------------------------------------------------------------------------ HTML and RDF


def test_mandates_as_html(http: httpx.Client) -> None:
    for r in (
        http.get("/api/deliverables/2025/sp1/7/mandates", headers={"Accept": BROWSER}),
        http.get("/api/deliverables/2025/sp1/7/mandates", params={"format": "html"}),
    ):
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        page = r.text
        assert "防止和打击贩运枪支和有关犯罪" in page
        assert 'href="/id/instrument/ga/64-293"' in page
        assert 'href="https://undocs.org/A/RES/64/293"' in page
        assert 'href="/id/instrument/cop-untoc/10-2"' in page
        assert "/api/deliverables/2025/sp1/7/mandates?format=ttl" in page
    assert "Vary" not in r.headers or "Accept" not in r.headers.get("vary", "")


def test_instrument_deliverables_as_html(http: httpx.Client) -> None:
    r = http.get("/api/instruments/ga/64-293/deliverables", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.text.count('href="/api/deliverables/2025/sp1/') == 12
    assert 'href="https://undocs.org/A/RES/64/293"' in r.text
    assert "Countering transnational organized crime" in r.text


@pytest.mark.parametrize(
    ("media", "parser", "param"),
    [
        ("text/turtle", "turtle", "ttl"),
        ("application/ld+json", "json-ld", "jsonld"),
        ("application/n-triples", "nt", "nt"),
        ("application/rdf+xml", "xml", "rdf"),
    ],
)
def test_mandates_as_rdf(http: httpx.Client, settings: Settings, media: str, parser: str, param: str) -> None:
    base, kg = settings.base, settings.base + "ontology/"
    r = http.get("/api/deliverables/2025/sp1/7/mandates", headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    assert r.headers["content-location"] == f"/api/deliverables/2025/sp1/7/mandates?format={param}"
    assert "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.content, format=parser, publicID=base)
    d = URIRef(base + "id/deliverable/2025/sp1/7")
    listing = URIRef(base + "id/mandate-listing/2025/sp1/ga/ga-64-293")
    lst = URIRef(base + "id/mandate-list/2025/sp1/ga")
    inst = URIRef(base + "id/instrument/ga/64-293")
    assert (d, URIRef(kg + "scope"), URIRef(base + "id/scope/2025/sp1")) in g
    assert (listing, URIRef(kg + "instrument"), inst) in g
    assert (listing, URIRef(kg + "inList"), lst) in g
    assert (listing, URIRef(kg + "sourceLine"), Literal(188)) in g or (listing, URIRef(kg + "sourceLine"), None) in g
    assert (lst, URIRef(kg + "scope"), URIRef(base + "id/scope/2025/sp1")) in g
    assert (inst, URIRef("http://purl.org/dc/terms/identifier"), Literal("A/RES/64/293")) in g
    # the programme list, and the subprogramme being part of the programme, justify programme-list
    assert (URIRef(base + "id/scope/2025/sp1"), URIRef(kg + "partOf"), URIRef(base + "id/scope/2025/programme")) in g
    assert (URIRef(base + "id/mandate-list/2025/programme/treaties"), URIRef(kg + "scope"), None) in g
    # and the citations of its subprogramme
    assert any(g.subjects(URIRef(kg + "citedInstrument"), None))
    by_param = http.get("/api/deliverables/2025/sp1/7/mandates", params={"format": param})
    assert by_param.content == r.content


def test_instrument_deliverables_as_rdf(http: httpx.Client, settings: Settings) -> None:
    base, kg = settings.base, settings.base + "ontology/"
    r = http.get("/api/instruments/ga/64-293/deliverables", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.content, format="turtle", publicID=base)
    delivs = set(g.subjects(rdflib.RDF.type, URIRef(kg + "Deliverable")))
    assert len(delivs) == 12
    assert (URIRef(base + "id/mandate-listing/2025/sp1/ga/ga-64-293"), URIRef(kg + "instrument"), None) in g
    r = http.get("/api/instruments/ga/64-293/deliverables", params={"format": "jsonld"})
    assert r.headers["content-type"] == "application/ld+json"
    assert len(rdflib.Graph().parse(data=r.content, format="json-ld", publicID=base)) == len(g)


def test_link_headers_name_every_variant(http: httpx.Client) -> None:
    r = http.get("/api/instruments/treaty/untoc/deliverables")
    link = r.headers["link"]
    for fmt, media in (
        ("json", "application/json"),
        ("html", "text/html"),
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml"),
    ):
        assert f'</api/instruments/treaty/untoc/deliverables?format={fmt}>; rel="alternate"; type="{media}"' in link
    assert r.headers["content-location"] == "/api/instruments/treaty/untoc/deliverables?format=json"


# ------------------------------------------------------------------------------------------ search


def test_search_chinese_title(http: httpx.Client, source_lines: list[str]) -> None:
    r = http.get("/api/search", params={"q": "贩运人口"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["query"] == "贩运人口" and doc["limit"] == 50
    assert doc["total"] == len(doc["results"]) and not doc["truncated"]
    keys = [x["key"] for x in doc["results"]]
    assert "ga/64-293" in keys  # line 188: 联合国打击贩运人口的全球行动计划
    for x in doc["results"]:
        assert "贩运人口" in x["match"]["text"] and x["match"]["field"] == "title"
        assert x["page"] == f"/id/{x['type']}/{x['key']}"
    # every listed title of the source that holds the words is found
    listed = {line.split("\t")[i] for line in source_lines[81:480] for i in (1, 3) if line.count("\t") >= i}
    want = {t for t in listed if "贩运人口" in t}
    found = {x["match"]["text"] for x in doc["results"]} | {
        x["title"].get("zh") for x in doc["results"] if x.get("title")
    }
    assert want <= found, want - found
    # instruments come first, then deliverables
    types = [x["type"] for x in doc["results"]]
    assert types == sorted(types, key=["instrument", "deliverable", "result", "scope"].index)


@pytest.mark.parametrize("q", ["75/158", "A/RES/75/158", "a/res/75/158", "ga/75-158", " 75/158 "])
def test_search_symbol_exact_first(http: httpx.Client, q: str) -> None:
    doc = http.get("/api/search", params={"q": q}).json()
    first = doc["results"][0]
    assert first["key"] == "ga/75-158"
    assert first["un_symbol"] == "A/RES/75/158" and first["symbol"] == "75/158"
    assert first["match"]["field"] in ("symbol", "un_symbol", "key")
    assert first["api"] == "/api/instruments/ga/75-158/deliverables"


def test_search_ranks_an_exact_symbol_before_partial_ones(http: httpx.Client) -> None:
    doc = http.get("/api/search", params={"q": "10/2"}).json()
    keys = [x["key"] for x in doc["results"]]
    # 10/2 is the symbol of three instruments (COP-UNTOC and COSP resolutions, a COSP decision)
    assert set(keys[:3]) == {"cop-untoc/10-2", "cosp-uncac/10-2", "cosp-uncac/dec-10-2"}
    assert all(x["match"]["text"] == "10/2" for x in doc["results"][:3])


def test_search_english_titles(http: httpx.Client) -> None:
    doc = http.get("/api/search", params={"q": "trafficking"}).json()
    keys = [x["key"] for x in doc["results"]]
    assert "treaty/untoc-trafficking-in-persons-protocol" in keys
    tip = next(x for x in doc["results"] if x["key"] == "treaty/untoc-trafficking-in-persons-protocol")
    assert "Trafficking in Persons" in tip["title"]["en"]
    assert all("trafficking" in x["match"]["text"].lower() for x in doc["results"])


def test_search_is_capped_and_says_so(http: httpx.Client) -> None:
    doc = http.get("/api/search", params={"q": "2025"}).json()  # every deliverable, result and scope key
    assert doc["total"] > 150 and doc["truncated"] and len(doc["results"]) == 50


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 201}])
def test_search_needs_a_short_non_empty_text(http: httpx.Client, params: dict[str, str]) -> None:
    r = http.get("/api/search", params=params)
    assert r.status_code == 400 and r.headers["content-type"] == "application/json"
    assert r.json()["error"]


def test_search_takes_200_characters(http: httpx.Client) -> None:
    r = http.get("/api/search", params={"q": "贩" * 200})
    assert r.status_code == 200 and r.json()["total"] == 0


# ------------------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    "url",
    [
        "/api/deliverables/2025/sp1/99/mandates",
        "/api/deliverables/2025/sp10/1/mandates",
        "/api/deliverables/2025/sp1/C-1/mandates",
        "/api/deliverables/2025/sp1/99",
    ],
)
def test_unknown_deliverable(http: httpx.Client, url: str) -> None:
    r = http.get(url, headers={"Accept": BROWSER})
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    error = r.json()["error"]
    assert "look like" in error and "2025/sp1/7" in error


@pytest.mark.parametrize(
    "url",
    [
        "/api/instruments/ga/99-999/deliverables",
        "/api/instruments/GA/75-194/deliverables",  # keys are lower case
        "/api/instruments/un/75-194/deliverables",  # no such organ
        "/api/instruments/ga/75%20194/deliverables",
        "/api/instruments/treaty/no-such-treaty",
    ],
)
def test_unknown_instrument(http: httpx.Client, url: str) -> None:
    r = http.get(url)
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    error = r.json()["error"]
    assert "instrument keys look like" in error
    assert "ga/75-194" in error and "cosp-uncac/dec-10-2" in error and "treaty/untoc" in error


def test_unknown_key_before_anything_else(http: httpx.Client) -> None:
    # a bad key is a 404 even when the Accept header or the format could not be served
    r = http.get("/api/instruments/ga/99-999/deliverables", headers={"Accept": "image/png"}, params={"format": "x"})
    assert r.status_code == 404


def test_406_and_bad_format(http: httpx.Client) -> None:
    r = http.get("/api/deliverables/2025/sp1/7/mandates", headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/json" in r.json()["available"]
    r = http.get("/api/instruments/ga/64-293/deliverables", params={"format": "pdf"})
    assert r.status_code == 400 and "pdf" in r.json()["error"]


def test_scope_list_errors(http: httpx.Client) -> None:
    r = http.get("/api/deliverables")
    assert r.status_code == 400 and "scope" in r.json()["error"]
    r = http.get("/api/deliverables", params={"scope": "2025/sp10"})
    assert r.status_code == 404 and "look like" in r.json()["error"]


def test_instrument_description(http: httpx.Client) -> None:
    r = http.get("/api/instruments/treaty/untoc")
    assert r.status_code == 200
    doc = r.json()
    assert doc["kind"] == "convention" and doc["organ"] is None and doc["symbol"] is None
    assert doc["title"]["en"] == "United Nations Convention against Transnational Organized Crime"


def test_openapi_documents_the_api(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/deliverables/{edition}/{scope}/{item}/mandates",
        "/api/instruments/{organ}/{ident}/deliverables",
        "/api/search",
        "/id/{path}",
        "/ontology/{name}",
    ):
        assert path in paths, path
        assert paths[path]["get"]["summary"]
    mandates = paths["/api/deliverables/{edition}/{scope}/{item}/mandates"]["get"]
    assert set(mandates["responses"]) >= {"200", "404", "406"}
    assert {"application/json", "text/html", "text/turtle", "application/ld+json"} <= set(
        mandates["responses"]["200"]["content"]
    )
    assert {"MandatesAnswer", "InstrumentDeliverables", "SearchAnswer", "Error"} <= set(spec["components"]["schemas"])
    assert http.get("/docs").status_code == 200


# ------------------------------------------------------------------------------------------ the contract


@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="../shared/tools/check-contract.py is not there")
def test_check_contract_against_the_server(server: str, server_env: dict[str, str]) -> None:
    env = {**os.environ, **server_env}
    p = subprocess.run(
        [sys.executable, str(CONTRACT_CHECK), "--server", server],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "all checks hold" in p.stdout
