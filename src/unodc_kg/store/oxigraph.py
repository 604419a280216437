"""The embedded stores: Oxigraph (pyoxigraph) in memory, loaded from the build's N-Quads, or on disk (RocksDB).

pyoxigraph answers our joins 20-80 times faster than rdflib's engine (../shared/design/measurements.md). An
on-disk store is made once by `unodc-kg load --store file:///dir` (disk_load.py) and then opened read-only, by
the server and by each SPARQL worker process, so that a big graph is not copied into every process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from .base import Bindings, Row, StoreLocation, solution_rows

log = logging.getLogger(__name__)

MANIFEST = "load.json"  # beside the RocksDB directory: what was loaded, from what, and its digest
DATABASE = "oxigraph"  # the RocksDB directory inside a store directory


def file_digest(path: Path) -> str:
    """`sha256:` and the hex digest of a file's bytes: the version of a store loaded from it."""
    with path.open("rb") as f:
        return "sha256:" + hashlib.file_digest(f, "sha256").hexdigest()


def open_oxigraph(location: StoreLocation) -> ox.Store:
    """The pyoxigraph store of a local location: the N-Quads bulk-loaded into memory, or a directory read-only."""
    path = location.path
    if path is None or location.kind == "remote":
        raise StoreError(f"{location}: not a local store")
    if location.kind == "memory":
        if not path.exists():
            raise StoreError(f"{path} does not exist: run `unodc-kg build` first")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"{path}: cannot load: {exc}") from exc
        return store
    database = path / DATABASE
    if not (path / MANIFEST).exists() or not database.is_dir():
        raise StoreError(
            f"{path} is not a store made by `unodc-kg load --store file://{path}` (no {MANIFEST} and {DATABASE}/ in it)"
        )
    try:
        return ox.Store.read_only(str(database))
    except OSError as exc:
        raise StoreError(f"{database}: cannot open the on-disk store: {exc}") from exc


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of an on-disk store: {"digest": "sha256:…", "graphs": {IRI: statements}, …}."""
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["graphs"] = {str(k): int(v) for k, v in manifest["graphs"].items()}
        manifest["digest"] = str(manifest["digest"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"{path}: not a manifest written by `unodc-kg load`: {exc}") from exc
    return dict(manifest)


class OxigraphStore:
    """A read-only SPARQL store on pyoxigraph; the default graph is the union of all graphs."""

    def __init__(self, store: ox.Store, location: StoreLocation, version: str | None = None) -> None:
        self._store = store
        self.location = location
        self._version = version

    @property
    def version(self) -> str:
        """The digest of what was loaded; for the N-Quads in memory, computed on first use (a cache key only)."""
        if self._version is None:
            path = self.location.path
            self._version = file_digest(path) if path is not None else "sha256:" + hashlib.sha256(b"").hexdigest()
        return self._version

    def __len__(self) -> int:
        return len(self._store)

    def graphs(self) -> list[str]:
        return list(self._graphs)

    @cached_property
    def _graphs(self) -> tuple[str, ...]:
        return tuple(sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)))

    def raw(self, sparql: str, bindings: Bindings | None = None) -> object:
        """Run a query; user values are bound as values (pyoxigraph substitutions), never pasted into its text."""
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[Row]:
        return solution_rows(self.raw(sparql, bindings))

    def triples(self, sparql: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(dict.fromkeys(result))

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool:
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def close(self) -> None:
        """Nothing to do: pyoxigraph closes the store when the last reference to it goes."""


class MemoryStore(OxigraphStore):
    """The build's N-Quads, bulk-loaded into memory (0.1 s for our 47,000 statements)."""

    def __init__(self, nquads: Path) -> None:
        started = time.perf_counter()
        location = StoreLocation("memory", path=nquads)
        super().__init__(open_oxigraph(location), location)
        log.debug("loaded %s in %.3f s", nquads, time.perf_counter() - started)

    @classmethod
    def from_turtle(cls, documents: Iterable[tuple[str, str]]) -> MemoryStore:
        """A small store of Turtle texts, each loaded into its own named graph: (graph IRI, Turtle text) pairs.

        >>> s = MemoryStore.from_turtle([("urn:x:g", "<urn:x:a> <urn:x:p> 1 .")])
        >>> len(s), s.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["g"].value, s.version[:7]
        (1, 'urn:x:g', 'sha256:')
        """
        store = cls.__new__(cls)  # not from a file: __init__ loads the build's N-Quads
        OxigraphStore.__init__(store, ox.Store(), StoreLocation("memory"))
        digest = hashlib.sha256()
        for graph, text in documents:
            digest.update(f"{len(graph)}:{graph}{len(text)}:".encode() + text.encode())
            try:
                store._store.load(input=text.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
            except (SyntaxError, OSError, ValueError) as exc:
                raise StoreError(f"{graph}: cannot load: {exc}") from exc
        store._version = "sha256:" + digest.hexdigest()
        return store


class DiskStore(OxigraphStore):
    """An on-disk Oxigraph store made by `unodc-kg load --store file:///dir`, opened read-only.

    Its manifest (load.json) gives the digest of the N-Quads it was loaded from, its graphs and their sizes.
    """

    def __init__(self, directory: Path) -> None:
        location = StoreLocation("disk", path=directory)
        store = open_oxigraph(location)
        self.manifest = read_manifest(directory)
        super().__init__(store, location, str(self.manifest["digest"]))

    def __len__(self) -> int:
        return sum(self.manifest["graphs"].values())  # counting a RocksDB store scans it

    @cached_property
    def _graphs(self) -> tuple[str, ...]:
        return tuple(sorted(self.manifest["graphs"]))
