"""Triples' subjects and objects as terms, and lists of IRIs for the VALUES blocks of our queries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from unodc_kg.store import Term

SAFE_IRI = re.compile(r'\A[^<>"{}|^`\\\s]+\Z')  # \Z, not $: a trailing newline must not pass


def values_block(iris: Iterable[str]) -> str:
    """A VALUES list of IRIs the graph returned (checked once more: nothing that could end the IRI)."""
    return " ".join(f"<{i}>" for i in iris if SAFE_IRI.match(i))


def chunks(items: Sequence[str], size: int = 150) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def obj(t: ox.Triple) -> Term:
    """The object of a triple (our graphs hold no quoted triples)."""
    o = t.object
    if isinstance(o, ox.NamedNode | ox.Literal | ox.BlankNode):
        return o
    raise TypeError(f"a quoted triple as object: {o}")


def subj(t: ox.Triple) -> ox.NamedNode | ox.BlankNode:
    s = t.subject
    if isinstance(s, ox.NamedNode | ox.BlankNode):
        return s
    raise TypeError(f"a quoted triple as subject: {s}")
