"""The store interface everything above the store uses, and where a store lives.

Three kinds of store answer it (`locate` turns `--store URL` into a `StoreLocation`, `open_store` opens it):
an in-memory Oxigraph store loaded from the build's N-Quads (the default), an on-disk Oxigraph store made by
`unodc-kg load --store file:///dir`, and a remote SPARQL 1.1 endpoint (`--store http://host/sparql`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import pyoxigraph as ox

from ..errors import QueryError

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, Term]
Bindings = Mapping[str, Term]
Kind = Literal["memory", "disk", "remote"]


@dataclass(frozen=True)
class StoreLocation:
    """Where a store lives: `path` for memory (the N-Quads) and disk (the directory), `url` for remote.

    Picklable: the SPARQL worker processes open a local store from it.
    """

    kind: Kind
    path: Path | None = None
    url: str | None = None  # the SPARQL query endpoint
    graph_store: str | None = None  # the Graph Store Protocol endpoint (remote; loading only)

    def __str__(self) -> str:
        return str(self.url) if self.kind == "remote" else f"{self.kind}:{self.path}"


class Store(Protocol):
    """A read-only SPARQL store over the built graph; the default graph is the union of the named graphs.

    User values are bound as values (`bindings`: variable name -> RDF term), never pasted into query text.
    Every method raises unodc_kg.errors.QueryError for a query that is malformed or fails.
    """

    location: StoreLocation

    @property
    def version(self) -> str:
        """Changes when the data changes (a digest of the loaded N-Quads, or the remote's load stamp): a cache key."""
        ...

    def __len__(self) -> int:
        """The number of statements (quads) of the data."""
        ...

    def graphs(self) -> list[str]:
        """The IRIs of the data's named graphs, sorted."""
        ...

    def raw(self, sparql: str, bindings: Bindings | None = None) -> object:
        """pyoxigraph's answer: QuerySolutions (SELECT), QueryBoolean (ASK) or an iterable of Triples."""
        ...

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[Row]:
        """The rows of a SELECT query; unbound variables are left out of a row."""
        ...

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool: ...

    def triples(self, sparql: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        """The triples of a CONSTRUCT (or DESCRIBE) query, each once, in the order the store gives them."""
        ...

    def close(self) -> None:
        """Let go of what the store holds open (files, connections)."""
        ...


def solution_rows(result: object) -> list[Row]:
    """The rows of pyoxigraph's QuerySolutions, unbound variables left out."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    names = [v.value for v in result.variables]
    rows: list[Row] = []
    for sol in result:
        row: Row = {}
        for n in names:
            value = sol[n]
            if value is not None:
                row[n] = value
        rows.append(row)
    return rows


@dataclass(frozen=True)
class LoadReport:
    """What `unodc-kg load` put where: the statements of each named graph, checked after loading."""

    target: str
    digest: str  # of the N-Quads loaded: the store's version from then on
    graphs: dict[str, int]
    seconds: float

    def summary(self) -> str:
        total = sum(self.graphs.values())
        lines = [f"loaded {total} statements in {len(self.graphs)} named graphs into {self.target} "]
        lines[0] += f"in {self.seconds:.1f} s (checked: every graph holds what the N-Quads hold)"
        lines += [f"  {n:9} {g}" for g, n in sorted(self.graphs.items())]
        lines.append(f"  version {self.digest}")
        return "\n".join(lines)
