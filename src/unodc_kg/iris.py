"""The only place IRIs are minted: `{base}id/{kind}/{key}`, the ontology, shapes and graphs.

>>> iris = Iris("https://w3id.org/unodc-kg/")
>>> str(iris.id("deliverable", "2025/sp1/7"))
'https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7'
>>> str(iris.kg.Deliverable), str(iris.graph("a-79-6-sect16"))
('https://w3id.org/unodc-kg/ontology/Deliverable', 'https://w3id.org/unodc-kg/graph/a-79-6-sect16')
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef

from .config import DEFAULT_BASE

KINDS = frozenset(
    {
        "document",
        "paragraph",
        "table",
        "figure",
        "footnote",
        "correction",
        "scope",
        "objective",
        "strategy-item",
        "expected-result",
        "highlight",
        "result",
        "lesson",
        "measure",
        "measure-entry",
        "deliverable",
        "subcategory-total",
        "dataset",
        "observation",
        "mandate-list",
        "mandate-listing",
        "citation",
        "instrument",
        "organ",
        "deliverable-category",
        "status",
        "scheme",
        "topic",  # the topics of id:scheme/topics, their rules and tags (docs/model.md, "Topics")
        "topic-rule",
        "topic-tag",
        "strategy",  # the strategy 2008-2011, its themes, result areas and results (contract)
        "strategy-objective",
        "strategy-assumption",
        "strategy-need",
        "management-initiative",
        "crosswalk-link",  # the curated links from the strategy 2008-2011 to the 2025 scopes (docs/model.md)
    }
)
KEY = re.compile(r"^[a-z0-9][a-z0-9.\-]*(?:/[a-z0-9][a-z0-9.\-]*)*$")
SDG = Namespace("http://metadata.un.org/sdg/")
UNDOCS = "https://undocs.org/"


class Iris:
    """IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self.kg = Namespace(f"{base}ontology/")
        self.shape = Namespace(f"{base}shapes/")

    def topic_tag(self, node: str, topic: str) -> URIRef:
        """The tag of a node with a topic: {base}id/topic-tag/{kind}/{key}/{topic} for {base}id/{kind}/{key}."""
        prefix = f"{self.base}id/"
        if not node.startswith(prefix):
            raise ValueError(f"not one of our nodes: {node}")
        return self.id("topic-tag", f"{node[len(prefix) :]}/{topic}")

    def id(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of entity {kind!r}")
        if not KEY.match(key):
            raise ValueError(f"not a valid key for {kind}: {key!r} (lower-case ASCII, '/'-separated)")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def key_of(self, iri: str, kind: str) -> str | None:
        """The key of an IRI of the given kind, or None if it is not one."""
        prefix = f"{self.base}id/{kind}/"
        return iri[len(prefix) :] if iri.startswith(prefix) else None

    def rebase(self, text: str) -> str:
        """Hand-written Turtle uses the default base; rewrite it to this one."""
        return text if self.base == DEFAULT_BASE else text.replace(DEFAULT_BASE, self.base)


def sdg(goal: int) -> URIRef:
    return SDG[str(goal)]


def undocs(symbol: str) -> URIRef:
    return URIRef(UNDOCS + symbol.replace(" ", ""))
