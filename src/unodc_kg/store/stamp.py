"""The load stamp of a remote store: what `unodc-kg load` put there, kept in a graph of its own.

    GRAPH <urn:x-unodc-kg:load> {
      <urn:x-unodc-kg:load> dcterms:identifier "sha256:…" ;            # the digest of the N-Quads: the version
                            dcterms:created "…"^^xsd:dateTime ;
                            <urn:x-unodc-kg:loaded-graph> "https://w3id.org/unodc-kg/graph/ontology 1862" , … .
    }

The graph names and sizes are literals, so that the stamp adds no statement about our graphs to the default
graph (a page describing a graph IRI shows the same on every store). The stamp is the one graph of a remote
store that is not the data's: `RemoteStore.graphs()` leaves it out, SPARQL queries see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyoxigraph as ox

from .base import Row

GRAPH = "urn:x-unodc-kg:load"
SUBJECT = ox.NamedNode(GRAPH)
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
CREATED = ox.NamedNode("http://purl.org/dc/terms/created")
LOADED_GRAPH = ox.NamedNode("urn:x-unodc-kg:loaded-graph")
DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")

QUERY = f"SELECT ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ <{GRAPH}> ?p ?o }} }}"


@dataclass(frozen=True)
class Stamp:
    digest: str
    created: str
    graphs: dict[str, int]

    def triples(self) -> list[ox.Triple]:
        out = [
            ox.Triple(SUBJECT, IDENTIFIER, ox.Literal(self.digest)),
            ox.Triple(SUBJECT, CREATED, ox.Literal(self.created, datatype=DATETIME)),
        ]
        out += [ox.Triple(SUBJECT, LOADED_GRAPH, ox.Literal(f"{g} {n}")) for g, n in sorted(self.graphs.items())]
        return out

    @classmethod
    def new(cls, digest: str, graphs: dict[str, int]) -> Stamp:
        return cls(digest, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), dict(graphs))

    @classmethod
    def from_rows(cls, rows: list[Row]) -> Stamp | None:
        """The stamp read back (rows of QUERY); None when there is none, or it is not one of ours.

        >>> s = Stamp.new("sha256:ab", {"urn:g": 3})
        >>> Stamp.from_rows([{"p": t.predicate, "o": t.object} for t in s.triples()]) == s
        True
        """
        digest = created = None
        graphs: dict[str, int] = {}
        for r in rows:
            p, o = r.get("p"), r.get("o")
            if not isinstance(o, ox.Literal):
                continue
            if p == IDENTIFIER:
                digest = o.value
            elif p == CREATED:
                created = o.value
            elif p == LOADED_GRAPH:
                name, _, count = o.value.rpartition(" ")
                if name and count.isdigit():
                    graphs[name] = int(count)
        if digest is None or created is None:
            return None
        return cls(digest, created, graphs)
