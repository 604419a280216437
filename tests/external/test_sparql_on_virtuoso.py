"""/sparql in front of Virtuoso: the caller's query goes on to the remote endpoint after our own checks, under our
time limit and row cap, and comes back in the formats and with the headers of the embedded store."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic
from virtuoso import Virtuoso

from unodc_kg.store import RemoteStore

PREFIXES = "PREFIX kg: <https://w3id.org/unodc-kg/ontology/>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
TITLES = PREFIXES + "SELECT ?d ?title WHERE { ?d a kg:Deliverable ; dcterms:title ?title } ORDER BY ?d LIMIT 7"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) < STR(?f)) }"  # 47,000² comparisons


@pytest.fixture(scope="module")
def limited(
    virtuoso_server: Virtuoso, remote_server: str, server_factory: Callable[[dict[str, str]], str]
) -> Iterator[httpx.Client]:
    """A server in front of the Virtuoso with a row cap of 5 and a time limit of 1 s."""
    url = server_factory(
        {"UNODC_KG_STORE": virtuoso_server.sparql, "UNODC_KG_MAX_ROWS": "5", "UNODC_KG_QUERY_TIMEOUT": "1"}
    )
    with httpx.Client(base_url=url, timeout=60) as client:
        yield client


def ask(client: httpx.Client, query: str, accept: str, **params: str) -> httpx.Response:
    return client.post("/sparql", data={"query": query, **params}, headers={"Accept": accept})


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_select_in_each_format_is_the_embedded_answer_byte_for_byte(
    embedded: httpx.Client, remote: httpx.Client, accept: str
) -> None:
    a, b = ask(embedded, TITLES, accept), ask(remote, TITLES, accept)
    assert a.status_code == b.status_code == 200
    assert a.headers["content-type"] == b.headers["content-type"]
    assert a.headers["x-result-rows"] == b.headers["x-result-rows"] == "7"
    assert a.content == b.content


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct(embedded: httpx.Client, remote: httpx.Client, accept: str, fmt: str) -> None:
    query = PREFIXES + "CONSTRUCT { ?d dcterms:title ?t } WHERE { ?d a kg:Deliverable ; dcterms:title ?t }"
    a, b = ask(embedded, query, accept), ask(remote, query, accept)
    assert a.status_code == b.status_code == 200
    ga, gb = rdflib.Graph().parse(data=a.text, format=fmt), rdflib.Graph().parse(data=b.text, format=fmt)
    assert len(ga) == 150 and isomorphic(ga, gb)


def test_ask(embedded: httpx.Client, remote: httpx.Client) -> None:
    for query, answer in ((PREFIXES + "ASK { ?d a kg:Deliverable }", True), ("ASK { <urn:x:no> ?p ?o }", False)):
        a, b = ask(embedded, query, "application/sparql-results+json"), ask(remote, query, "application/json")
        assert a.json() == b.json() == {"head": {}, "boolean": answer}


def test_relative_iris_resolve_against_our_base(embedded: httpx.Client, remote: httpx.Client) -> None:
    query = PREFIXES + "SELECT ?t WHERE { <id/deliverable/2025/sp1/7> dcterms:title ?t }"
    a, b = ask(embedded, query, "text/csv"), ask(remote, query, "text/csv")
    assert a.content == b.content and len(a.text.splitlines()) == 2


def test_the_callers_dataset_is_passed_on(embedded: httpx.Client, remote: httpx.Client) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graph = "https://w3id.org/unodc-kg/graph/reference"
    a = ask(embedded, query, "text/csv", **{"default-graph-uri": graph})
    b = ask(remote, query, "text/csv", **{"default-graph-uri": graph})
    assert a.text == b.text and a.text.splitlines()[1] == "473"


def test_a_non_ascii_string_in_the_query_stays_whole(embedded: httpx.Client, remote: httpx.Client) -> None:
    """Virtuoso turns each non-ASCII character of a plain string in an expression into "?" (store/virtuoso.py)."""
    query = PREFIXES + 'SELECT (CONCAT("图 ", ?n) AS ?c) WHERE { ?p kg:printedNumber ?n } ORDER BY ?c LIMIT 1'
    a, b = ask(embedded, query, "text/csv"), ask(remote, query, "text/csv")
    assert b.text == a.text and "图 16." in b.text


def test_the_row_cap_cuts_the_remote_answer_and_says_so(limited: httpx.Client) -> None:
    r = ask(limited, TITLES, "application/sparql-results+json")
    assert r.status_code == 200
    assert r.headers["x-result-truncated"] == "true" and r.headers["x-result-limit"] == "5"
    assert len(r.json()["results"]["bindings"]) == 5


def test_the_time_limit_stops_waiting_for_the_remote(limited: httpx.Client) -> None:
    r = ask(limited, SLOW, "application/sparql-results+json", timeout="1")
    assert r.status_code == 503
    assert "time limit" in r.json()["error"]
    assert r.elapsed.total_seconds() < 5


def test_updates_and_federation_never_reach_the_remote(remote: httpx.Client, remote_store: RemoteStore) -> None:
    insert = "INSERT DATA { GRAPH <urn:x-test:written> { <urn:x-test:a> <urn:x-test:b> <urn:x-test:c> } }"
    assert ask(remote, insert, "application/json").status_code == 400
    assert remote.post("/sparql", data={"update": insert}).status_code == 403
    r = remote.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert "SERVICE" in ask(remote, service, "application/json").json()["error"]
    assert not remote_store.ask("ASK { GRAPH <urn:x-test:written> { ?s ?p ?o } }")


def test_a_malformed_query_is_the_callers_error_without_the_stores_address(
    remote: httpx.Client, virtuoso_server: Virtuoso
) -> None:
    r = ask(remote, "SELECT ?s WHERE { ?s ?p }", "application/json")
    assert r.status_code == 400
    assert "HTTP 400" in r.json()["error"] and "SP030" in r.json()["error"]  # Virtuoso's own words
    assert str(virtuoso_server.http_port) not in r.text
