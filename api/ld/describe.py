"""The description of a node: its statements (with the blank nodes they lead to), its incoming links (at most
INCOMING_CAP; the description says when it cuts) and the names of the nodes it links to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from unodc_kg.store import Store

from .names import Names
from .triples import subj

INCOMING_CAP = 500  # incoming links described at most; the page and the RDF say when there are more
OUTGOING_CAP = 5000  # a safety net: no node of ours has this many statements


@dataclass
class Description:
    node: ox.NamedNode
    outgoing: list[ox.Triple]
    incoming: list[ox.Triple]
    incoming_total: int
    names: list[ox.Triple]
    inferred: list[ox.Triple]  # statements about the node that only the reasoner made (graph/inferred)

    @property
    def cut(self) -> bool:
        return self.incoming_total > len(self.incoming)

    def triples(self) -> list[ox.Triple]:
        """What an RDF answer describes: the asserted statements only (inferred ones are in graph/inferred)."""
        return list(dict.fromkeys([*self.outgoing, *self.incoming, *self.names]))

    def note(self) -> str:
        more = (
            f" (of {self.incoming_total}; the first {len(self.incoming)} are given, ask /sparql for the rest)"
            if self.cut
            else ""
        )
        return (
            f"Description of <{self.node.value}>: {len(self.outgoing)} statements about it, "
            f"{len(self.incoming)} incoming links{more}, and the names of the nodes it links to."
        )


def exists(src: Store, node: ox.NamedNode) -> bool:
    return src.ask("ASK { { ?n ?p ?o } UNION { ?s ?p ?n } }", {"n": node})


def describe(
    src: Store, node: ox.NamedNode, names: Names, name_sources: Sequence[Store], inferred_graph: str | None = None
) -> Description:
    inferred: list[ox.Triple] = []
    if inferred_graph:
        # Asserted and inferred statements are told apart: the reasoner's go to their own list.
        inferred = [
            ox.Triple(node, r["p"], r["o"])  # type: ignore[arg-type]
            for r in src.select(
                f"SELECT ?s ?p ?o WHERE {{ GRAPH <{inferred_graph}> {{ ?s ?p ?o }} }} ORDER BY ?p ?o "
                f"LIMIT {OUTGOING_CAP}",
                {"s": node},
            )
        ]
    asserted_only = f"FILTER NOT EXISTS {{ GRAPH <{inferred_graph}> {{ ?s ?p ?o }} }}" if inferred_graph else ""
    out = [
        ox.Triple(node, r["p"], r["o"])  # type: ignore[arg-type]
        for r in src.select(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o {asserted_only} }} LIMIT {OUTGOING_CAP}", {"s": node}
        )
    ]
    # the blank nodes it leads to (SHACL paths, lists), as far as they go
    seen: set[str] = set()
    frontier = [t.object for t in out if isinstance(t.object, ox.BlankNode)]
    while frontier and len(seen) < 1000:
        b = frontier.pop()
        if b.value in seen:
            continue
        seen.add(b.value)
        for r in src.select("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": b}):
            out.append(ox.Triple(b, r["p"], r["o"]))  # type: ignore[arg-type]
            if isinstance(r["o"], ox.BlankNode):
                frontier.append(r["o"])
    incoming = [
        ox.Triple(r["s"], r["p"], node)  # type: ignore[arg-type]
        for r in src.select(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o {asserted_only} }} ORDER BY ?p ?s LIMIT {INCOMING_CAP + 1}",
            {"o": node},
        )
    ]
    total = len(incoming)
    if total > INCOMING_CAP:
        incoming = incoming[:INCOMING_CAP]
        rows = src.select(
            "SELECT ?o (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?o", {"o": node}
        )
        total = int(rows[0]["n"].value) if rows else total
    linked: set[str] = {node.value}
    for t in out:
        linked.add(t.predicate.value)
        if isinstance(t.object, ox.NamedNode):
            linked.add(t.object.value)
    for t in incoming:
        linked.add(t.predicate.value)
        if isinstance(t.subject, ox.NamedNode):
            linked.add(t.subject.value)
    names.learn(out)
    found = names.fetch(name_sources, linked)
    name_triples = [t for t in found if subj(t).value != node.value]
    # The names of what was inferred (e.g. kg:GeneralAssemblyResolution), for the page only: the RDF answer
    # carries asserted statements and the names of what they link to, nothing of the reasoner's.
    names.fetch(name_sources, {t.object.value for t in inferred if isinstance(t.object, ox.NamedNode)} - linked)
    return Description(node, out, incoming, total, name_triples, inferred)
