"""The only package that touches the query store: one interface (`Store`), three kinds of store behind it.

    base.py        the interface, where a store lives (StoreLocation), the load report
    oxigraph.py    Oxigraph in memory (the build's N-Quads; the default) or on disk (read-only)
    disk_load.py   `unodc-kg load --store file:///dir`: the N-Quads into an on-disk store, swapped in when checked
    remote.py      a remote SPARQL 1.1 endpoint (`--store http://host/sparql`), over HTTP
    graph_store.py `unodc-kg load --store http://…`: the N-Quads into it by the Graph Store Protocol, checked
    stamp.py       the load stamp a remote store keeps (its version)
    http.py        HTTP for the two: credentials, errors, a deadline over a streamed answer
    factory.py     `--store URL` -> StoreLocation -> an open Store, or a loaded one

pyoxigraph answers our joins 20-80 times faster than rdflib's engine (../shared/design/measurements.md); rdflib
stays the tool for building and serialising graphs and for SHACL.
"""

from __future__ import annotations

import pyoxigraph as ox

from .base import Bindings, LoadReport, Row, Store, StoreLocation, Term
from .factory import load, locate, open_store
from .oxigraph import DiskStore, MemoryStore
from .remote import RemoteStore

__all__ = [
    "Bindings",
    "DiskStore",
    "LoadReport",
    "MemoryStore",
    "RemoteStore",
    "Row",
    "Store",
    "StoreLocation",
    "Term",
    "iri",
    "load",
    "locate",
    "open_store",
]


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)
