"""The only module that touches the query store: an in-memory Oxigraph store loaded from the build.

pyoxigraph answers our joins 20-80 times faster than rdflib's engine (../shared/design/
measurements.md); rdflib stays the tool for building and serialising graphs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, StoreError

log = logging.getLogger(__name__)

Term = ox.NamedNode | ox.Literal | ox.BlankNode


class Store:
    """A read-only SPARQL store over the built N-Quads; the default graph is the union of all graphs."""

    path: Path | None  # the N-Quads it was loaded from (None: built from Turtle texts)

    def __init__(self, nquads: Path) -> None:
        if not nquads.exists():
            raise StoreError(f"{nquads} does not exist: run `unodc-kg build` first")
        started = time.perf_counter()
        self._store = ox.Store()
        try:
            self._store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"{nquads}: cannot load: {exc}") from exc
        self.path = nquads
        log.debug("loaded %s in %.3f s", nquads, time.perf_counter() - started)

    @classmethod
    def from_turtle(cls, documents: Iterable[tuple[str, str]]) -> Store:
        """A small store of Turtle texts, each loaded into its own named graph: (graph IRI, Turtle text) pairs.

        >>> s = Store.from_turtle([("urn:x:g", "<urn:x:a> <urn:x:p> 1 .")])
        >>> len(s), s.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["g"].value
        (1, 'urn:x:g')
        """
        store = cls.__new__(cls)  # not from a file: __init__ loads the build's N-Quads
        store._store = ox.Store()
        store.path = None
        for graph, text in documents:
            try:
                store._store.load(input=text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
            except (SyntaxError, OSError, ValueError) as exc:
                raise StoreError(f"{graph}: cannot load: {exc}") from exc
        return store

    def __len__(self) -> int:
        return len(self._store)

    def raw(self, sparql: str, bindings: Mapping[str, Term] | None = None, **options: object) -> object:
        """Run a query; user values are bound as values (never pasted into the query text)."""
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None, **options)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, Term]]:
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[dict[str, Term]] = []
        for sol in result:
            row: dict[str, Term] = {}
            for n in names:
                value = sol[n]
                if value is not None:
                    row[n] = value
            rows.append(row)
        return rows

    def triples(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[ox.Triple]:
        """The triples of a CONSTRUCT (or DESCRIBE) query, each once, in the order the store gives them."""
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT query")
        return list(dict.fromkeys(result))

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)
