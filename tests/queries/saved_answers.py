"""Helpers shared by the saved-query tests: run a query, and change the value of its one parameter."""

from __future__ import annotations

import re

import pyoxigraph as ox

from unodc_kg.saved_queries import SavedQuery
from unodc_kg.store import Store


def rows_of(store: Store, text: str) -> list[dict[str, str]]:
    """The rows of a SELECT query, every value as a string ("" where unbound)."""
    result = store.raw(text)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: "" if s[n] is None else s[n].value for n in names} for s in result]


def with_value(query: SavedQuery, variable: str, iri: str) -> str:
    """The query text with `VALUES ?variable { <iri> }` instead of its default."""
    text, n = re.subn(rf"(VALUES\s+\?{variable}\s*\{{\s*)<[^>]+>", rf"\g<1><{iri}>", query.text)
    assert n == 1, f"{query.name} has no single VALUES ?{variable}"
    return text
