"""unodc_kg.sparql_text: the form of a query, and values bound where no engine binds them (remote stores)."""

from __future__ import annotations

import doctest

import pyoxigraph as ox
import pytest

from unodc_kg import sparql_text
from unodc_kg.errors import QueryError
from unodc_kg.sparql_text import has_from, query_form, where_start, with_bindings
from unodc_kg.store import virtuoso

STORE = ox.Store()
STORE.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:p"), ox.Literal("say }", language="en")))


def test_the_doctests() -> None:
    assert doctest.testmod(sparql_text).failed == 0
    assert doctest.testmod(virtuoso).failed == 0


@pytest.mark.parametrize(
    "query,form",
    [
        ("PREFIX ex: <http://x/ASK#> SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("# SELECT\nBASE <http://x/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ('ASK { ?s ?p "DESCRIBE" }', "ASK"),
        ("DESCRIBE <urn:x:a>", "DESCRIBE"),
    ],
)
def test_the_form_of_a_query_is_its_first_keyword_outside_strings_iris_and_comments(query: str, form: str) -> None:
    assert query_form(query) == form


def test_a_text_without_a_form_is_no_query() -> None:
    with pytest.raises(QueryError, match="not a SPARQL query"):
        query_form("PREFIX ex: <urn:x:SELECT>")


def test_from_is_a_keyword_only() -> None:
    assert has_from("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    assert not has_from("SELECT ?from WHERE { ?from ex:from 'FROM' }")


def test_the_where_group_of_a_construct_comes_after_its_template() -> None:
    q = "CONSTRUCT { ?s ?p '{' } WHERE { ?s ?p ?o }"
    assert q[where_start(q) :] == " ?s ?p ?o }"
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        where_start("CONSTRUCT WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    "value,rows",
    [
        (ox.Literal("say }", language="en"), 1),
        (ox.Literal('say }" . } ; DROP ALL #', language="en"), 0),
        (ox.Literal("line\nbreak\\ and 'quotes'"), 0),
        (ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), 0),
        (ox.NamedNode("urn:x:a"), 0),
    ],
)
def test_a_bound_value_is_a_value_on_an_engine_too(value: ox.NamedNode | ox.Literal, rows: int) -> None:
    """Bound by BIND clauses, a value answers as pyoxigraph's substitutions do: whatever its text holds."""
    query = "SELECT ?s ?o ?v WHERE { ?s ?p ?o OPTIONAL { ?s ?p ?v FILTER(?v = ?o) } }"
    bound = STORE.query(with_bindings(query, {"o": value}), use_default_graph_as_union=True)
    substituted = STORE.query(query, use_default_graph_as_union=True, substitutions={ox.Variable("o"): value})
    assert isinstance(bound, ox.QuerySolutions) and isinstance(substituted, ox.QuerySolutions)
    answer = [[t for t in s] for s in bound]
    assert answer == [[t for t in s] for s in substituted]
    assert len(answer) == rows


def test_a_malformed_iri_cannot_be_made_so_cannot_be_bound() -> None:
    with pytest.raises(ValueError):
        ox.NamedNode("http://x/> } DROP ALL")


def test_names_that_are_not_variables_are_refused() -> None:
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        with_bindings("SELECT * WHERE { ?s ?p ?o }", {"o) } DROP ALL": ox.Literal("x")})


def test_a_blank_node_is_bound_only_where_the_store_can_name_one() -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    with pytest.raises(QueryError, match="blank node"):
        with_bindings(query, {"s": ox.BlankNode("b1")})
    named = with_bindings(query, {"s": ox.BlankNode("b1")}, virtuoso.blank_node)
    assert "BIND(<nodeID://b1> AS ?s)" in named
