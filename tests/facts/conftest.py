"""Helpers for the fact tests: SPARQL over the session's graph with our prefixes, and IRIs of keys.

The facts themselves live in the test modules (and, for the mandate lists that two modules use, in
listed.py); every one was read off data/sources/A-79-6-Sect16.zh.txt and names its source line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from unodc_kg.config import Settings
from unodc_kg.store import Store

# listed.py (facts shared by the test modules, and the helper types) sits next to this file.
HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from listed import KeyOf, Node, Sparql  # noqa: E402

PREFIXES = """
PREFIX kg: <{base}ontology/>
PREFIX id: <{base}id/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX graph: <{base}graph/>
"""


@pytest.fixture(scope="session")
def node(settings: Settings) -> Node:
    """node("deliverable", "2025/sp1/7") -> the IRI {base}id/deliverable/2025/sp1/7."""

    def make(kind: str, key: str) -> ox.NamedNode:
        return ox.NamedNode(f"{settings.base}id/{kind}/{key}")

    return make


@pytest.fixture(scope="session")
def key_of(settings: Settings) -> KeyOf:
    """key_of(iri, "instrument") -> "ga/73-164" (fails the test if the IRI is of another kind)."""

    def strip(iri: str, kind: str) -> str:
        prefix = f"{settings.base}id/{kind}/"
        assert iri.startswith(prefix), f"{iri} is not an IRI of a {kind}"
        return iri[len(prefix) :]

    return strip


@pytest.fixture(scope="session")
def sparql(store: Store, settings: Settings) -> Sparql:
    """Run a SELECT with our prefixes; rows map each bound variable to its value as a string.

    Keyword arguments are bound as values (pyoxigraph terms, or str for a plain literal); pyoxigraph
    substitutes only projected variables, so a bound variable missing from the projection is added.
    """
    prefixes = PREFIXES.format(base=settings.base)

    def run(query: str, **bindings: ox.NamedNode | ox.Literal | str) -> list[dict[str, str]]:
        terms = {k: ox.Literal(v) if isinstance(v, str) else v for k, v in bindings.items()}
        head, select, rest = query.partition("SELECT ")
        projection = rest.split("WHERE", 1)[0]
        missing = "".join(f"?{k} " for k in terms if f"?{k} " not in projection + " ")
        query = head + select + missing + rest
        return [{k: v.value for k, v in row.items()} for row in store.select(prefixes + query, terms)]

    return run
