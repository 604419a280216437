"""The crosswalk 2008-2011 → 2025 as the pages show it: the answers of unodc_kg.crosswalk_query with the names and
links a reader needs (the scopes' headings and titles, the elements' titles, where each one is on this server).

Used by the strategy API's HTML (api/strategy.py), the entity pages of strategy elements and scopes
(api/ld/pages.py) and the site (/strategy, /browse/{scope}).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unodc_kg.browse import Browse, Scope
from unodc_kg.crosswalk_query import NUMBER, STRATEGY, Crosswalk
from unodc_kg.errors import UnknownKeyError
from unodc_kg.iris import Iris
from unodc_kg.store import Store

CONFIDENCE = {
    "high": "the 2025 text names the same work",
    "medium": "the 2025 text carries on part of the work, or as a cross-cutting issue",
    "low": "a plausible but weak link",
}


def scope_index(browse: Browse) -> dict[str, Scope]:
    """Every scope by key (one query): what the views name scopes with."""
    return {s.key: s for s in browse.scopes()}


def scope_view(scopes: Mapping[str, Scope], key: str) -> dict[str, Any]:
    """A 2025 scope as a link: its heading (Subprogramme 3), its titles, its site page and its IRI page."""
    s = scopes.get(key)
    return {
        "key": key,
        "heading": s.heading if s else key,
        "title": {"zh": s.title.zh, "en": s.title.en} if s else {},
        "href": f"/browse/{key}",
        "page": f"/id/scope/{key}",
    }


def element_view(crosswalk: Crosswalk, scopes: Mapping[str, Scope], answer: dict[str, Any]) -> dict[str, Any]:
    """The answer of Crosswalk.element with each successor's scope and "from" element named and linked."""
    titles = crosswalk.element_titles({s["from"] for s in answer["successors"] if s["from"]})
    successors = [
        {
            **s,
            "scope_view": scope_view(scopes, s["scope"]),
            "from_view": {
                "key": s["from"],
                "number": (s["from"] or "").removeprefix(f"{STRATEGY}/"),
                "title": titles.get(s["from"]),
                "href": f"/id/strategy/{s['from']}",
                "same": s["from"] == answer["key"],
            },
            "confidence_means": CONFIDENCE.get(s["confidence"] or ""),
        }
        for s in answer["successors"]
    ]
    return {
        **answer,
        "successors_view": successors,
        "page": f"/id/strategy/{answer['key']}",
        "api": f"/api/strategy/{answer['key']}",
    }


def predecessors_view(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer of Crosswalk.predecessors with each element linked to its page."""
    rows = [
        {
            **p,
            "number": p["strategy"].removeprefix(f"{STRATEGY}/"),
            "href": f"/id/strategy/{p['strategy']}",
            "confidence_means": CONFIDENCE.get(p["confidence"] or ""),
        }
        for p in answer["predecessors"]
    ]
    return {**answer, "rows": rows}


def entity_sections(store: Store, iris: Iris, iri: str) -> dict[str, Any]:
    """What an entity page adds for the crosswalk: a strategy element's successors, a scope's predecessors."""
    crosswalk = Crosswalk(store, iris)
    out: dict[str, Any] = {"crosswalk_element": None, "crosswalk_scope": None}
    key = iris.key_of(iri, "strategy")
    if key and key.startswith(f"{STRATEGY}/") and NUMBER.match(key.removeprefix(f"{STRATEGY}/")):
        try:
            answer = crosswalk.element(key.removeprefix(f"{STRATEGY}/"))
        except UnknownKeyError:
            return out
        out["crosswalk_element"] = element_view(crosswalk, scope_index(Browse(store, iris)), answer)
    scope = iris.key_of(iri, "scope")
    if scope:
        try:
            out["crosswalk_scope"] = predecessors_view(crosswalk.predecessors_by_key(scope))
        except UnknownKeyError:
            return out
    return out
