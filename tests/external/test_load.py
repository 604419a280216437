"""`unodc-kg load --store http://…/sparql` into a real Virtuoso: every named graph, checked, stamped; refusals named."""

from __future__ import annotations

import re
import subprocess

import pyoxigraph as ox
from conftest import unodc_kg
from virtuoso import Virtuoso

from unodc_kg import pipeline
from unodc_kg.store import RemoteStore, Store
from unodc_kg.store import stamp as stamps


def counts(store: Store) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"].value: int(r["n"].value) for r in rows}


def test_load_reports_every_graph_of_the_build(loaded: subprocess.CompletedProcess[str], store: Store) -> None:
    expected = counts(store)
    assert len(expected) == 6  # the two sources, ontology, reference, topics, inferred
    for graph, n in expected.items():
        assert re.search(rf"^\s+{n}\s+{re.escape(graph)}$", loaded.stdout, re.M), (graph, loaded.stdout)
    assert f"loaded {sum(expected.values())} statements in 6 named graphs" in loaded.stdout
    assert f"version {store.version}" in loaded.stdout


def test_the_remote_store_holds_what_the_build_holds(remote_store: RemoteStore, store: Store) -> None:
    """Counted by the query endpoint: each graph as in the N-Quads, and one more graph, the load stamp."""
    remote = counts(remote_store)
    assert remote.pop(stamps.GRAPH) == len(stamps.Stamp.new("x", counts(store)).triples())
    assert remote == counts(store)
    assert remote_store.graphs() == store.graphs()
    assert len(remote_store) == len(store)
    assert remote_store.version == store.version  # the digest of the same N-Quads


def test_virtuoso_shows_no_graph_of_its_own(remote_store: RemoteStore, store: Store) -> None:
    """Its system graphs are private (tests/external/virtuoso.py, README): the default graph is our union only."""
    n = remote_store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    stamp = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{stamps.GRAPH}> {{ ?s ?p ?o }} }}"
    stamp_size = len(remote_store.triples(stamp))
    embedded = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert int(n.value) - stamp_size == int(embedded.value)


def test_loading_again_replaces_every_graph(
    virtuoso_server: Virtuoso, store_env: dict[str, str], remote_store: RemoteStore, store: Store
) -> None:
    before = remote_store.stamp()
    done = unodc_kg("load", "--store", virtuoso_server.sparql, env=store_env)
    assert done.returncode == 0, done.stderr
    remote = counts(remote_store)
    remote.pop(stamps.GRAPH)
    assert remote == counts(store)  # replaced, not appended to
    after = remote_store.stamp()
    assert before is not None and after is not None and after.digest == before.digest == store.version


def test_a_graph_loaded_before_and_gone_from_the_build_is_deleted(
    virtuoso_server: Virtuoso, store_env: dict[str, str], remote_store: RemoteStore, store: Store
) -> None:
    """A graph the previous stamp lists and the N-Quads lack is removed; graphs that are not ours are left."""
    stale, foreign = "https://w3id.org/unodc-kg/graph/withdrawn", "urn:x-test:someone-elses"
    found = remote_store.stamp()
    assert found is not None
    virtuoso_server.isql(
        f"SPARQL INSERT DATA {{ GRAPH <{stale}> {{ <urn:x-test:a> <urn:x-test:b> 1 }} "
        f"GRAPH <{foreign}> {{ <urn:x-test:a> <urn:x-test:b> 2 }} }};\n"
        f"SPARQL INSERT DATA {{ GRAPH <{stamps.GRAPH}> {{ <{stamps.GRAPH}> <{stamps.LOADED_GRAPH.value}> "
        f'"{stale} 1" }} }};\n'
    )
    try:
        done = unodc_kg("load", "--store", virtuoso_server.sparql, env=store_env)
        assert done.returncode == 0, done.stderr
        remote = counts(remote_store)
        assert stale not in remote
        assert remote.pop(foreign) == 1
        remote.pop(stamps.GRAPH)
        assert remote == counts(store)
    finally:
        virtuoso_server.isql(f"SPARQL CLEAR GRAPH <{foreign}>;\n")


def test_load_with_a_wrong_password_names_the_endpoint_and_the_refusal(
    virtuoso_server: Virtuoso, store_env: dict[str, str]
) -> None:
    done = unodc_kg("load", "--store", virtuoso_server.sparql, env={**store_env, "UNODC_KG_STORE_PASSWORD": "wrong"})
    assert done.returncode == 2
    assert f"{virtuoso_server.sparql}-graph-crud-auth" in done.stderr
    assert "answered HTTP 401" in done.stderr
    assert "UNODC_KG_STORE_USER" in done.stderr


def test_load_without_credentials_is_refused_by_virtuoso(virtuoso_server: Virtuoso, store_env: dict[str, str]) -> None:
    """Without a user, the convention is Virtuoso's /sparql-graph-crud (no authentication): anonymous may not write."""
    env = {k: v for k, v in store_env.items() if not k.startswith("UNODC_KG_STORE_")}
    done = unodc_kg("load", "--store", virtuoso_server.sparql, env=env)
    assert done.returncode == 2
    assert f"{virtuoso_server.sparql}-graph-crud?graph=" in done.stderr
    assert re.search(r"answered HTTP 40[13]", done.stderr), done.stderr


def test_load_into_a_path_that_is_no_graph_store(virtuoso_server: Virtuoso, store_env: dict[str, str]) -> None:
    nowhere = f"http://127.0.0.1:{virtuoso_server.http_port}/no-graph-store-here"
    done = unodc_kg("load", "--store", virtuoso_server.sparql, "--graph-store", nowhere, env=store_env)
    assert done.returncode == 2
    assert nowhere in done.stderr and "answered HTTP" in done.stderr


def test_the_refused_loads_left_the_store_as_it_was(remote_store: RemoteStore, store: Store) -> None:
    remote = counts(remote_store)
    remote.pop(stamps.GRAPH)
    assert remote == counts(store)
    assert remote_store.version == store.version


def test_load_needs_a_store_and_refuses_credentials_in_the_url(store_env: dict[str, str]) -> None:
    done = unodc_kg("load", env=store_env)
    assert done.returncode == 2 and "load needs --store URL" in done.stderr
    done = unodc_kg("load", "--store", "http://dba:secret@127.0.0.1:1/sparql", env=store_env)
    assert done.returncode == 2 and "UNODC_KG_STORE_PASSWORD" in done.stderr and "secret" not in done.stderr


def test_blank_nodes_stay_one_node_each(remote_store: RemoteStore, store: Store, build: pipeline.BuildResult) -> None:
    """The ontology's class expressions are blank nodes (ontology/organ-classes.ttl): as many on both stores."""
    query = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b ?p ?o FILTER(isBlank(?b)) }"
    embedded = int(store.select(query)[0]["n"].value)
    assert embedded > 0
    assert int(remote_store.select(query)[0]["n"].value) == embedded
    blank = next(r["b"] for r in remote_store.select("SELECT ?b WHERE { ?b a ?c FILTER(isBlank(?b)) } LIMIT 1"))
    assert isinstance(blank, ox.BlankNode)
    # bound back (Virtuoso names it <nodeID://…>): the same node's statements
    assert remote_store.select("SELECT ?p ?o WHERE { ?b ?p ?o }", {"b": blank})
