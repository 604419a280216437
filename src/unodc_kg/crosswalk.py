"""The crosswalk from the strategy 2008-2011 to the 2025 scopes: data/reference/crosswalk-2008-2025.toml as RDF.

Each [[link]] of the file becomes a `kg:CrosswalkLink` (`{base}id/crosswalk-link/{strategy key}/{scope key}`,
e.g. `id:crosswalk-link/2008-2011/3.2/2025/sp3`) with `kg:fromStrategy` → the theme, result area or result,
`kg:toScope` → the scope, `kg:justification` (the two quotations, their lines, and why), `kg:confidence`,
`kg:strategyQuotation` and `kg:scopeQuotation` (@zh); each [[no-successor]] entry a `kg:CrosswalkLink`
(`{base}id/crosswalk-link/{strategy key}/none`) with `kg:fromStrategy`, `kg:noSuccessorReason` and no
`kg:toScope`. The links go into {base}graph/reference (docs/model.md, "The crosswalk").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import XSD

from .config import Settings
from .errors import BuildError
from .iris import Iris

CROSSWALK_FILE = "crosswalk-2008-2025.toml"
CONFIDENCE = ("high", "medium", "low")
STRATEGY_SOURCE = "E/CN.7/2007/14"
SCOPE_SOURCE = "A/79/6 (Sect. 16)"


@dataclass(frozen=True)
class Link:
    """One entry of the file: a link to a scope, or (scope None) a statement that there is no successor."""

    strategy: str
    strategy_line: int
    strategy_quote: str
    scope: str | None = None
    confidence: str | None = None
    scope_paragraph: str | None = None
    scope_line: int | None = None
    scope_quote: str | None = None
    note: str | None = None
    reason: str | None = None

    @property
    def key(self) -> str:
        return f"{self.strategy}/{self.scope or 'none'}"

    @property
    def justification(self) -> str:
        """The two quotations with their lines, then why: the text the API answers."""
        if self.scope is None:
            return (
                f"{self.strategy}「{self.strategy_quote}」({STRATEGY_SOURCE}, line {self.strategy_line}): {self.reason}"
            )
        return (
            f"{self.strategy}「{self.strategy_quote}」({STRATEGY_SOURCE}, line {self.strategy_line}) → "
            f"{self.scope}「{self.scope_quote}」({SCOPE_SOURCE} {self.scope_paragraph}, line {self.scope_line}): "
            f"{self.note}"
        )


def _entry(raw: Mapping[str, Any], kind: str, where: str) -> Link:
    try:
        if kind == "link":
            link = Link(
                strategy=str(raw["strategy"]),
                strategy_line=int(raw["strategy_line"]),
                strategy_quote=str(raw["strategy_quote"]),
                scope=str(raw["scope"]),
                confidence=str(raw["confidence"]),
                scope_paragraph=str(raw["scope_paragraph"]),
                scope_line=int(raw["scope_line"]),
                scope_quote=str(raw["scope_quote"]),
                note=str(raw["note"]),
            )
        else:
            link = Link(
                strategy=str(raw["strategy"]),
                strategy_line=int(raw["strategy_line"]),
                strategy_quote=str(raw["strategy_quote"]),
                reason=str(raw["reason"]),
            )
    except KeyError as exc:
        raise BuildError(f"{where}: a [[{kind}]] entry lacks {exc.args[0]!r}: {dict(raw)}") from exc
    if link.confidence is not None and link.confidence not in CONFIDENCE:
        raise BuildError(f"{where}: {link.key}: confidence must be one of {CONFIDENCE}, not {link.confidence!r}")
    return link


def load_links(path: Path) -> list[Link]:
    """The entries of the crosswalk file, links first, in the file's order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(f"cannot read the crosswalk {path}: {exc}") from exc
    links = [_entry(raw, "link", path.name) for raw in data.get("link", [])]
    links += [_entry(raw, "no-successor", path.name) for raw in data.get("no-successor", [])]
    seen: set[str] = set()
    for link in links:
        if link.key in seen:
            raise BuildError(f"{path.name}: {link.key} is given twice")
        seen.add(link.key)
    return links


def crosswalk_graph(links: list[Link], iris: Iris, known: Graph | None = None) -> Graph:
    """The links as RDF; with `known` (the documents' graphs), every strategy element and scope must be in it."""
    kg = iris.kg
    graph = Graph()
    for link in links:
        node = iris.id("crosswalk-link", link.key)
        strategy = iris.id("strategy", link.strategy)
        scope = iris.id("scope", link.scope) if link.scope else None
        if known is not None:
            if (strategy, RDF.type, None) not in known:
                raise BuildError(f"crosswalk: {link.strategy} is no theme, result area or result of the strategy")
            if scope is not None and (scope, RDF.type, None) not in known:
                raise BuildError(f"crosswalk: {link.scope} is no scope of the budget")
        graph.add((node, RDF.type, kg.CrosswalkLink))
        graph.add((node, kg.fromStrategy, strategy))
        graph.add((node, kg.justification, Literal(link.justification)))
        graph.add((node, kg.strategyQuotation, Literal(link.strategy_quote, lang="zh")))
        graph.add((node, kg.strategyLine, Literal(link.strategy_line, datatype=XSD.positiveInteger)))
        if scope is None:
            graph.add((node, kg.noSuccessorReason, Literal(str(link.reason), lang="en")))
            graph.add((node, RDFS.label, Literal(f"{link.strategy}: no successor", lang="en")))
            continue
        graph.add((node, kg.toScope, scope))
        graph.add((node, kg.confidence, Literal(str(link.confidence))))
        graph.add((node, kg.scopeQuotation, Literal(str(link.scope_quote), lang="zh")))
        graph.add((node, kg.scopeLine, Literal(link.scope_line, datatype=XSD.positiveInteger)))
        graph.add((node, RDFS.label, Literal(f"{link.strategy} → {link.scope}", lang="en")))
    return graph


def links(settings: Settings, iris: Iris, graphs: Mapping[str, Graph]) -> Graph:
    """The build's step: the crosswalk file as RDF, its keys checked against the documents' graphs."""
    known = Graph()
    for name, graph in graphs.items():
        if name in (str(iris.graph("e-cn7-2007-14")), str(iris.graph("a-79-6-sect16"))):
            for triple in graph.triples((None, RDF.type, None)):
                known.add(triple)
    check = known if len(known) else None
    return crosswalk_graph(load_links(settings.reference_dir / CROSSWALK_FILE), iris, check)


__all__ = ["CONFIDENCE", "CROSSWALK_FILE", "Link", "crosswalk_graph", "links", "load_links"]
