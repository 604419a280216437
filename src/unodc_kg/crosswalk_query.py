"""The questions of the crosswalk 2008-2011 → 2025 (contract.md; docs/model.md, "The crosswalk"), both ways.

    Crosswalk.element("3.2")               a theme, result area or result of the strategy and its successors
    Crosswalk.predecessors("2025", "sp3")  the inverse: the work of 2008-2011 a scope carries on

Used by the command line (`unodc-kg strategy`, `unodc-kg predecessors`), the API (api/strategy.py) and the
pages alike, so all give the same documents. Numbers and scope keys are checked against their patterns first,
then bound as values (never pasted into the query text); an unknown one raises UnknownKeyError, whose message
says what keys look like. The successors of an element are the links on it and on the elements under it (the
results of a result area, the areas and results of a theme), each with "from", the element the link is on; an
element without any takes those of the nearest element above it. The crosswalk is curated reference data
(data/reference/crosswalk-2008-2025.toml): neither document states it.

The answers as RDF (`element_graph`, `predecessors_graph`) are the statements that justify them: the element,
the link nodes, the elements the links are on and the path to them, the scopes' names, the citations and the
paragraphs that make them, the cited instruments' names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from .errors import UnknownKeyError
from .iris import STRATEGY_EDITION, STRATEGY_NUMBER, Iris, shown, valid_key, whole
from .query import SCOPE_HELP
from .store import Store, Term

STRATEGY = STRATEGY_EDITION
NUMBER = whole(STRATEGY_NUMBER)  # whole-text patterns of unodc_kg.iris: no trailing newline gets through
STRATEGY_HELP = (
    "strategy keys look like 2008-2011/1 (a theme), 2008-2011/3.2 (a result area), 2008-2011/3.2.1 (a result): "
    "themes 1 to 3, result areas 1.1 to 3.8"
)
KINDS = {"StrategyTheme": "theme", "ResultArea": "result-area", "StrategyResult": "result"}
NO_LINK = "The crosswalk links no 2025 scope to this element or those around it."
PREFIXES = """
PREFIX kg: <{kg}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ELEMENT = """
SELECT ?node ?class ?title ?text ?line ?lastLine ?source ?order WHERE {
    ?node a ?class .
    FILTER (?class IN (kg:StrategyTheme, kg:ResultArea, kg:StrategyResult))
    OPTIONAL { ?node dcterms:title ?title }
    OPTIONAL { ?node kg:text ?text }
    OPTIONAL { ?node kg:sourceLine ?line }
    OPTIONAL { ?node kg:lastSourceLine ?lastLine }
    OPTIONAL { ?node prov:wasDerivedFrom ?source . ?source a kg:StrategyParagraph ; kg:readingOrder ?order }
}
ORDER BY ?order
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
# The citations in the text of the element or of the elements under it: the paragraphs they were read from
# (kg:StrategyParagraph, through prov:wasDerivedFrom) and the paragraphs printed under those.
CITED = """
SELECT ?node ?c ?from ?para ?inst ?quote ?line WHERE {
    ?from (kg:inResultArea|kg:inTheme)* ?node ; prov:wasDerivedFrom ?own .
    ?own a kg:StrategyParagraph .
    ?para kg:partOfStrategyParagraph* ?own .
    ?c a kg:Citation ; kg:citingText ?para ; kg:citedInstrument ?inst ; kg:sourceLine ?line .
    OPTIONAL { ?c kg:quotation ?quote }
}
"""
INSTRUMENT = """
SELECT ?inst ?symbol ?un ?organ ?title WHERE {
    OPTIONAL { ?inst kg:symbol ?symbol }
    OPTIONAL { ?inst dcterms:identifier ?un }
    OPTIONAL { ?inst kg:adoptedBy/skos:notation ?organ }
    OPTIONAL { ?inst dcterms:title ?title }
}
"""
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
OUTLINE = """
SELECT ?node ?class ?number ?title WHERE {
    ?node a ?class ; kg:strategyNumber ?number .
    FILTER (?class IN (kg:StrategyTheme, kg:ResultArea))
    OPTIONAL { ?node dcterms:title ?title }
}
"""
TITLE = "SELECT ?node ?title WHERE { ?node dcterms:title ?title }"
# What the RDF answers hold of the nodes around the answer: the path between elements, and names only.
PATH = """
CONSTRUCT { ?mid ?p ?up } WHERE {
    ?start (kg:inResultArea|kg:inTheme)* ?mid .
    ?mid ?p ?up .
    FILTER (?p IN (kg:inResultArea, kg:inTheme))
}
"""
NAMES = """
CONSTRUCT { ?n ?p ?o } WHERE {
    ?n ?p ?o .
    FILTER (?p IN (rdf:type, skos:prefLabel, rdfs:label, dcterms:title, dcterms:identifier, skos:notation,
                   kg:symbol, kg:strategyNumber, kg:adoptedBy))
}
"""
ABOUT = "CONSTRUCT { ?n ?p ?o } WHERE { ?n ?p ?o }"


def number_key(key: str) -> tuple[int, ...]:
    """Order 2008-2011/1.10 after 2008-2011/1.9.

    >>> sorted(["2008-2011/1.10", "2008-2011/1.9", "2008-2011/1"], key=number_key)
    ['2008-2011/1', '2008-2011/1.9', '2008-2011/1.10']
    """
    return tuple(int(part) for part in key.split("/")[-1].split(".") if part.isdigit())


def _value(term: Term | None) -> str | None:
    return None if term is None else str(term.value)


def _int(term: Term | None) -> int | None:
    value = _value(term)
    return None if value is None else int(value)


def _kind(term: Term | None) -> str:
    return KINDS.get((_value(term) or "").rsplit("/", 1)[-1], "element")


class Crosswalk:
    """The questions of the crosswalk, on one store."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.prefixes = PREFIXES.format(kg=str(iris.kg))

    def _select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Term]]:
        return self.store.select(self.prefixes + query, bindings)

    def _construct(self, query: str, bindings: dict[str, Term]) -> list[ox.Triple]:
        return self.store.triples(
            self.prefixes + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + query, bindings
        )

    def _key(self, term: Term | None, kind: str) -> str | None:
        value = _value(term)
        return None if value is None else self.iris.key_of(value, kind)

    # ------------------------------------------------------------------ keys
    def element_node(self, number: str) -> ox.NamedNode:
        """The IRI of a theme, result area or result ("3.2"), after checking its pattern and that it exists."""
        if not NUMBER.match(number):
            raise UnknownKeyError(f"not a strategy key: {shown(f'{STRATEGY}/{number}')}; {STRATEGY_HELP}")
        node = ox.NamedNode(str(self.iris.id("strategy", f"{STRATEGY}/{number}")))
        if not self._select(ELEMENT, {"node": node}):
            raise UnknownKeyError(
                f"no theme, result area or result {STRATEGY}/{number} in the strategy; {STRATEGY_HELP}"
            )
        return node

    def scope_node(self, edition: str, scope: str) -> ox.NamedNode:
        """The IRI of a scope (2025, sp3), after checking its pattern and that it exists."""
        if not valid_key("scope", f"{edition}/{scope}"):
            raise UnknownKeyError(f"not a scope key: {shown(f'{edition}/{scope}')}; {SCOPE_HELP}")
        node = ox.NamedNode(str(self.iris.id("scope", f"{edition}/{scope}")))
        if not self._select(SCOPE_NODE, {"scope": node}):
            raise UnknownKeyError(f"no scope {edition}/{scope}; {SCOPE_HELP}")
        return node

    # ------------------------------------------------------------------ an element and its successors
    def _links(self, node: ox.NamedNode, path: str) -> list[dict[str, Any]]:
        links: dict[str, dict[str, Any]] = {}
        for row in self._select(LINKS.format(path=path), {"node": node}):
            links[str(_value(row["link"]))] = {
                "link": _value(row["link"]),
                "scope": self._key(row.get("scope"), "scope"),
                "from": self._key(row.get("from"), "strategy"),
                "justification": _value(row.get("justification")),
                "confidence": _value(row.get("confidence")),
                "reason": _value(row.get("reason")),
            }
        return sorted(links.values(), key=lambda e: (number_key(e["from"] or "0"), e["scope"] or ""))

    def _element_links(self, node: ox.NamedNode) -> list[dict[str, Any]]:
        return self._links(node, BELOW) or self._links(node, ABOVE)

    def _cited(self, node: ox.NamedNode) -> list[dict[str, Any]]:
        """The instruments cited in the text of the element or of the elements under it, one entry a citation."""
        citations: dict[str, dict[str, Any]] = {}
        instruments: dict[str, dict[str, Any]] = {}
        for row in self._select(CITED, {"node": node}):
            inst = row["inst"]
            if not isinstance(inst, ox.NamedNode):
                continue
            if inst.value not in instruments:
                instruments[inst.value] = self._instrument(inst)
            entry = {
                **instruments[inst.value],
                "quotation": _value(row.get("quote")),
                "paragraph": self._key(row.get("para"), "paragraph"),
                "line": _int(row.get("line")),
                "from": self._key(row.get("from"), "strategy"),
            }
            key = str(_value(row["c"]))
            # A paragraph read by two elements (one under the other) counts once, for the lower one.
            known = citations.get(key)
            if known is None or number_key(entry["from"] or "0") > number_key(known["from"] or "0"):
                citations[key] = entry
        return sorted(citations.values(), key=lambda c: (c["line"] or 0, c["key"] or "", c["paragraph"] or ""))

    def _instrument(self, inst: ox.NamedNode) -> dict[str, Any]:
        rows = self._select(INSTRUMENT, {"inst": inst})
        titles: dict[str, list[str]] = {"zh": [], "en": []}
        symbol = un_symbol = organ = None
        for row in rows:
            symbol = symbol or _value(row.get("symbol"))
            un_symbol = un_symbol or _value(row.get("un"))
            organ = organ or _value(row.get("organ"))
            title = row.get("title")
            if isinstance(title, ox.Literal) and (title.language or "zh") in titles:
                titles[title.language or "zh"].append(title.value)
        return {
            "key": self.iris.key_of(inst.value, "instrument"),
            "iri": inst.value,
            "symbol": symbol,
            "un_symbol": un_symbol,
            "organ": organ,
            "title": {
                lang: min(values, key=lambda t: (len(t), t)) if values else None for lang, values in titles.items()
            },
        }

    def element(self, number: str) -> dict[str, Any]:
        """GET /api/strategy/2008-2011/{number}: the element, its successors in 2025 and the instruments its text
        (or the text of the elements under it) cites."""
        node = self.element_node(number)
        row = self._select(ELEMENT, {"node": node})[0]  # a theme's first introductory paragraph
        links = self._element_links(node)
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
            "key": f"{STRATEGY}/{number}",
            "iri": node.value,
            "kind": _kind(row.get("class")),
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
            "cited": self._cited(node),
        }
        if not successors:
            reasons = [link["reason"] for link in links if link["reason"]]
            answer["reason"] = " ".join(reasons) if reasons else NO_LINK
        return answer

    def element_by_key(self, key: str) -> dict[str, Any]:
        """The element of a strategy key, 2008-2011/3.2 (or its number alone, 3.2)."""
        number = key.removeprefix(f"{STRATEGY}/")
        if not NUMBER.match(number):
            raise UnknownKeyError(f"not a strategy key: {shown(key)}; {STRATEGY_HELP}")
        return self.element(number)

    def outline(self) -> list[dict[str, Any]]:
        """The themes and result areas of the strategy in printed order: key, number, kind, title."""
        found = {
            str(_value(r["node"])): {
                "key": self._key(r["node"], "strategy"),
                "number": _value(r["number"]),
                "kind": _kind(r["class"]),
                "title": {"zh": _value(r.get("title"))},
            }
            for r in self._select(OUTLINE, {})
        }
        return sorted(found.values(), key=lambda e: number_key(e["key"] or "0"))

    # ------------------------------------------------------------------ a scope and its predecessors
    def predecessors(self, edition: str, scope: str) -> dict[str, Any]:
        """GET /api/scopes/{edition}/{scope}/predecessors: the themes, result areas and results of the strategy
        2008-2011 the crosswalk links to the scope."""
        node = self.scope_node(edition, scope)
        label = self._select(SCOPE_NODE, {"scope": node})[0]
        found: dict[str, dict[str, Any]] = {}
        for row in self._select(PREDECESSORS, {"scope": node}):
            found[str(_value(row["link"]))] = {
                "strategy": self._key(row.get("from"), "strategy") or "",
                "iri": _value(row.get("from")),
                "kind": _kind(row.get("class")),
                "title": {"zh": _value(row.get("title"))},
                "justification": _value(row.get("justification")),
                "confidence": _value(row.get("confidence")),
            }
        return {
            "scope": {
                "key": f"{edition}/{scope}",
                "iri": node.value,
                "label": {"zh": _value(label.get("zh")), "en": _value(label.get("en"))},
            },
            "predecessors": sorted(found.values(), key=lambda p: number_key(p["strategy"])),
        }

    def predecessors_by_key(self, key: str) -> dict[str, Any]:
        """The predecessors of a scope key, 2025/sp3."""
        edition, slash, scope = key.partition("/")
        if not slash:
            raise UnknownKeyError(f"not a scope key: {shown(key)}; {SCOPE_HELP}")
        return self.predecessors(edition, scope)

    # ------------------------------------------------------------------ names for the pages
    def scope_labels(self, keys: Iterable[str]) -> dict[str, dict[str, str | None]]:
        """The Chinese and (official) English names of scopes, by key (keys the graph gave)."""
        out: dict[str, dict[str, str | None]] = {}
        for key in sorted(set(keys)):
            rows = self._select(SCOPE_NODE, {"scope": ox.NamedNode(str(self.iris.id("scope", key)))})
            out[key] = {"zh": _value(rows[0].get("zh")), "en": _value(rows[0].get("en"))} if rows else {}
        return out

    def element_titles(self, keys: Iterable[str]) -> dict[str, str | None]:
        """The Chinese titles of strategy elements, by key (keys the graph gave)."""
        out: dict[str, str | None] = {}
        for key in sorted(set(keys)):
            rows = self._select(TITLE, {"node": ox.NamedNode(str(self.iris.id("strategy", key)))})
            out[key] = min((str(r["title"].value) for r in rows), default=None)
        return out

    # ------------------------------------------------------------------ the answers as RDF
    def _about(self, nodes: Iterable[str], query: str = ABOUT) -> list[ox.Triple]:
        triples: list[ox.Triple] = []
        for n in sorted(set(nodes)):
            triples += self._construct(query, {"n": ox.NamedNode(n)})
        return triples

    def element_graph(self, number: str) -> list[ox.Triple]:
        """The statements that justify `element(number)`: the element; the crosswalk links and the elements they
        are on, with the path between them; the scopes' names; the citations, the paragraphs that make them and
        the cited instruments' names."""
        node = self.element_node(number)
        links = self._element_links(node)
        cited = self._select(CITED, {"node": node})
        link_nodes = {str(link["link"]) for link in links}
        froms = {str(self.iris.id("strategy", link["from"])) for link in links if link["from"]}
        scopes = {str(self.iris.id("scope", link["scope"])) for link in links if link["scope"]}
        citations = {str(_value(r["c"])) for r in cited}
        paragraphs = {str(_value(r["para"])) for r in cited}
        instruments = {str(_value(r["inst"])) for r in cited}
        path: list[ox.Triple] = []
        for start in {node.value} | froms:
            path += self._construct(PATH, {"start": ox.NamedNode(start)})
        triples = [
            *self._about({node.value} | link_nodes | citations | paragraphs),
            *self._about(froms | scopes | instruments, NAMES),
            *path,
        ]
        return list(dict.fromkeys(triples))

    def predecessors_graph(self, edition: str, scope: str) -> list[ox.Triple]:
        """The statements that justify `predecessors(edition, scope)`: the scope's names, the crosswalk links to it,
        and the elements they are from (names and the path up to their theme)."""
        node = self.scope_node(edition, scope)
        rows = self._select(PREDECESSORS, {"scope": node})
        link_nodes = {str(_value(r["link"])) for r in rows}
        froms = {str(_value(r["from"])) for r in rows}
        path: list[ox.Triple] = []
        for start in froms:
            path += self._construct(PATH, {"start": ox.NamedNode(start)})
        triples = [*self._about({node.value}, NAMES), *self._about(link_nodes), *self._about(froms, NAMES), *path]
        return list(dict.fromkeys(triples))
