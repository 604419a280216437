"""Asserted and inferred statements are told apart: in the store's named graphs, on pages and in RDF answers."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

D = "https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7"
MANDATED_BY = "https://w3id.org/unodc-kg/ontology/mandatedBy"


def fetch(url: str, accept: str) -> tuple[int, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=30) as r:
        return r.status, r.read().decode("utf-8")


def ask(server: str, query: str) -> bool:
    _, body = fetch(f"{server}/sparql?query={urllib.parse.quote(query)}", "application/sparql-results+json")
    return bool(json.loads(body)["boolean"])


def test_inferences_live_in_their_own_graph(server: str) -> None:
    inferred = "https://w3id.org/unodc-kg/graph/inferred"
    source = "https://w3id.org/unodc-kg/graph/a-79-6-sect16"
    assert ask(server, f"ASK {{ GRAPH <{inferred}> {{ <{D}> <{MANDATED_BY}> ?i }} }}")
    assert not ask(server, f"ASK {{ GRAPH <{source}> {{ <{D}> <{MANDATED_BY}> ?i }} }}")


def test_the_page_shows_inferences_apart_and_the_rdf_leaves_them_out(server: str) -> None:
    status, html = fetch(f"{server}/id/deliverable/2025/sp1/7", "text/html")
    assert status == 200
    inferred = html.split('<section id="inferred">', 1)[1].split("</section>", 1)[0]
    assert "Inferred by OWL reasoning" in inferred and "/id/instrument/ga/64-293" in inferred
    properties = html.split("<h2>Properties</h2>", 1)[1].split("</section>", 1)[0]
    assert "mandatedBy" not in properties
    _, turtle = fetch(f"{server}/id/deliverable/2025/sp1/7", "text/turtle")
    assert "mandatedBy" not in turtle


def test_the_class_by_organ_is_inferred_and_shown_with_its_label(server: str) -> None:
    """ga/75-194 (line 275) is stated a kg:Resolution adopted by the General Assembly; HermiT makes it a
    kg:GeneralAssemblyResolution (ontology/organ-classes.ttl), shown apart with the class's label."""
    inst = "https://w3id.org/unodc-kg/id/instrument/ga/75-194"
    klass = "https://w3id.org/unodc-kg/ontology/GeneralAssemblyResolution"
    assert ask(server, f"ASK {{ GRAPH <https://w3id.org/unodc-kg/graph/inferred> {{ <{inst}> a <{klass}> }} }}")
    _, html = fetch(f"{server}/id/instrument/ga/75-194", "text/html")
    inferred = html.split('<section id="inferred">', 1)[1].split("</section>", 1)[0]
    assert "/ontology/GeneralAssemblyResolution" in inferred and "大会决议" in inferred
    properties = html.split("<h2>Properties</h2>", 1)[1].split("</section>", 1)[0]
    assert "GeneralAssemblyResolution" not in properties
    _, turtle = fetch(f"{server}/id/instrument/ga/75-194", "text/turtle")
    assert "GeneralAssemblyResolution" not in turtle
