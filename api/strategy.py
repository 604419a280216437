"""The strategy 2008-2011 and its crosswalk to 2025 (contract.md; docs/model.md, "The crosswalk").

    GET /api/strategy/2008-2011/{number}                   a theme, result area or result, with its successors
    GET /api/scopes/{edition}/{scope}/predecessors         the inverse: the work of 2008-2011 a scope carries on

Numbers and scope keys are checked against their patterns first, then bound as values (never pasted into the
query text); an unknown one is a 404 whose JSON error says what keys look like. The successors of an element are
the links on it and on the elements under it (the results of a result area, the areas and results of a theme),
each with "from", the element the link is on; an element without any takes those of the nearest element above it.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends

from unodc_kg.errors import UnknownKeyError
from unodc_kg.iris import Iris
from unodc_kg.query import SCOPE_HELP
from unodc_kg.store import Store, Term

from .deps import get_iris, get_store

router = APIRouter(prefix="/api", tags=["strategy"])

STRATEGY = "2008-2011"
NUMBER = re.compile(r"^[1-9][0-9]?(?:\.[1-9][0-9]?){0,2}$")
EDITION = re.compile(r"^[0-9]{4}$")
SCOPE = re.compile(r"^(?:programme|sp[1-9][0-9]?(?:-[1-9])?)$")
STRATEGY_HELP = (
    "strategy keys look like 2008-2011/1 (a theme), 2008-2011/3.2 (a result area), 2008-2011/3.2.1 (a result): "
    "themes 1 to 3, result areas 1.1 to 3.8"
)
KINDS = {"StrategyTheme": "theme", "ResultArea": "result-area", "StrategyResult": "result"}
PREFIXES = """
PREFIX kg: <{kg}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
ELEMENT = """
SELECT ?node ?class ?title ?text ?line ?lastLine ?source WHERE {
    ?node a ?class .
    FILTER (?class IN (kg:StrategyTheme, kg:ResultArea, kg:StrategyResult))
    OPTIONAL { ?node dcterms:title ?title }
    OPTIONAL { ?node kg:text ?text }
    OPTIONAL { ?node kg:sourceLine ?line }
    OPTIONAL { ?node kg:lastSourceLine ?lastLine }
    OPTIONAL { ?node prov:wasDerivedFrom ?source . ?source a kg:StrategyParagraph }
}
"""
# The links on the element and below it (PATH "*"), or on the elements above it (PATH "+", reversed).
LINKS = """
SELECT ?node ?link ?from ?scope ?justification ?confidence ?reason WHERE {{
    ?link a kg:CrosswalkLink ; kg:fromStrategy ?from .
    {path}
    OPTIONAL {{ ?link kg:toScope ?scope }}
    OPTIONAL {{ ?link kg:justification ?justification }}
    OPTIONAL {{ ?link kg:confidence ?confidence }}
    OPTIONAL {{ ?link kg:noSuccessorReason ?reason }}
}}
"""
BELOW = "?from (kg:inResultArea|kg:inTheme)* ?node ."
ABOVE = "?node (kg:inResultArea|kg:inTheme)+ ?from ."
SCOPE_NODE = """
SELECT ?scope ?zh ?en WHERE {
    ?scope a ?class .
    FILTER (?class IN (kg:Programme, kg:Subprogramme, kg:Component))
    OPTIONAL { ?scope skos:prefLabel ?zh FILTER (LANG(?zh) = "zh") }
    OPTIONAL { ?scope skos:prefLabel ?en FILTER (LANG(?en) = "en") }
}
"""
PREDECESSORS = """
SELECT ?scope ?link ?from ?class ?title ?justification ?confidence WHERE {
    ?link a kg:CrosswalkLink ; kg:toScope ?scope ; kg:fromStrategy ?from .
    ?from a ?class .
    FILTER (?class IN (kg:StrategyTheme, kg:ResultArea, kg:StrategyResult))
    OPTIONAL { ?from dcterms:title ?title }
    OPTIONAL { ?link kg:justification ?justification }
    OPTIONAL { ?link kg:confidence ?confidence }
}
"""


def _number_key(key: str) -> tuple[int, ...]:
    """Order 2008-2011/1.10 after 2008-2011/1.9."""
    return tuple(int(part) for part in key.split("/")[-1].split("."))


def _value(term: Term | None) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def _int(term: Term | None) -> int | None:
    value = _value(term)
    return None if value is None else int(value)


class Crosswalk:
    """The questions of the crosswalk, on one store."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.prefixes = PREFIXES.format(kg=str(iris.kg))

    def _select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Term]]:
        return self.store.select(self.prefixes + query, bindings)

    def _key(self, term: Term | None, kind: str) -> str | None:
        value = _value(term)
        return None if value is None else self.iris.key_of(value, kind)

    def _links(self, node: ox.NamedNode, path: str) -> list[dict[str, Any]]:
        rows = self._select(LINKS.format(path=path), {"node": node})
        links: dict[str, dict[str, Any]] = {}
        for row in rows:
            entry = {
                "scope": self._key(row.get("scope"), "scope"),
                "from": self._key(row.get("from"), "strategy"),
                "justification": _value(row.get("justification")),
                "confidence": _value(row.get("confidence")),
                "reason": _value(row.get("reason")),
            }
            links[str(_value(row["link"]))] = entry
        return sorted(links.values(), key=lambda e: (_number_key(e["from"] or "0"), e["scope"] or ""))

    def element(self, number: str) -> dict[str, Any]:
        if not NUMBER.match(number):
            raise UnknownKeyError(f"not a strategy key: {STRATEGY}/{number}; {STRATEGY_HELP}")
        key = f"{STRATEGY}/{number}"
        node = ox.NamedNode(str(self.iris.id("strategy", key)))
        rows = self._select(ELEMENT, {"node": node})
        if not rows:
            raise UnknownKeyError(f"no theme, result area or result {key} in the strategy; {STRATEGY_HELP}")
        row = rows[0]
        klass = _value(row["class"]) or ""
        links = self._links(node, BELOW) or self._links(node, ABOVE)
        successors = [
            {
                "scope": link["scope"],
                "justification": link["justification"],
                "confidence": link["confidence"],
                "from": link["from"],
            }
            for link in links
            if link["scope"] is not None
        ]
        answer: dict[str, Any] = {
            "key": key,
            "iri": str(node.value),
            "kind": KINDS.get(klass.rsplit("/", 1)[-1], "element"),
            "number": number,
            "title": {"zh": _value(row.get("title"))},
            "text": {"zh": _value(row.get("text"))},
            "source": {
                "document": "e-cn7-2007-14",
                "paragraph": self._key(row.get("source"), "paragraph"),
                "line": _int(row.get("line")),
                "last_line": _int(row.get("lastLine")),
            },
            "successors": successors,
        }
        if not successors:
            reasons = [link["reason"] for link in links if link["reason"]]
            answer["reason"] = (
                " ".join(reasons)
                if reasons
                else "The crosswalk links no 2025 scope to this element or those around it."
            )
        return answer

    def predecessors(self, edition: str, scope: str) -> dict[str, Any]:
        if not EDITION.match(edition) or not SCOPE.match(scope):
            raise UnknownKeyError(f"not a scope key: {edition}/{scope}; {SCOPE_HELP}")
        key = f"{edition}/{scope}"
        node = ox.NamedNode(str(self.iris.id("scope", key)))
        rows = self._select(SCOPE_NODE, {"scope": node})
        if not rows:
            raise UnknownKeyError(f"no scope {key}; {SCOPE_HELP}")
        found: dict[str, dict[str, Any]] = {}
        for row in self._select(PREDECESSORS, {"scope": node}):
            strategy = self._key(row.get("from"), "strategy") or ""
            klass = (_value(row.get("class")) or "").rsplit("/", 1)[-1]
            found[str(_value(row["link"]))] = {
                "strategy": strategy,
                "iri": _value(row.get("from")),
                "kind": KINDS.get(klass, "element"),
                "title": {"zh": _value(row.get("title"))},
                "justification": _value(row.get("justification")),
                "confidence": _value(row.get("confidence")),
            }
        return {
            "scope": {
                "key": key,
                "iri": str(node.value),
                "label": {"zh": _value(rows[0].get("zh")), "en": _value(rows[0].get("en"))},
            },
            "predecessors": sorted(found.values(), key=lambda p: _number_key(p["strategy"])),
        }


def get_crosswalk(store: Store = Depends(get_store), iris: Iris = Depends(get_iris)) -> Crosswalk:
    return Crosswalk(store, iris)


@router.get("/strategy/2008-2011/{number}", summary="A theme, result area or result of 2008-2011, and its successors")
def strategy_element(number: str, crosswalk: Crosswalk = Depends(get_crosswalk)) -> dict[str, Any]:
    """The element (key, IRI, title, text, source) and the 2025 scopes that carry its work on (the crosswalk)."""
    return crosswalk.element(number)


@router.get("/scopes/{edition}/{scope}/predecessors", summary="The work of 2008-2011 a scope carries on")
def scope_predecessors(edition: str, scope: str, crosswalk: Crosswalk = Depends(get_crosswalk)) -> dict[str, Any]:
    """The themes, result areas and results of the strategy 2008-2011 the crosswalk links to the scope."""
    return crosswalk.predecessors(edition, scope)
