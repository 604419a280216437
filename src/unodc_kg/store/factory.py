"""`--store URL` (or UNODC_KG_STORE): which store, where; then open it, or load the build into it.

(none)                     the build's N-Quads, in memory (the default)
file:///path/unodc-kg.nq   those N-Quads, in memory
file:///path/dir           an on-disk Oxigraph store made by `unodc-kg load --store file:///path/dir`
http(s)://host/…/sparql    a remote SPARQL 1.1 Query endpoint; loading also needs its Graph Store Protocol
                           endpoint: --graph-store (UNODC_KG_GRAPH_STORE), or by the server's convention
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ..config import Settings
from ..errors import ConfigError
from .base import LoadReport, Store, StoreLocation

FORMS = "file:///path/dir (on disk), file:///path/unodc-kg.nq (in memory) or http(s)://host:port/sparql (remote)"


def conventional_graph_store(query_url: str, authenticated: bool) -> str | None:
    """The Graph Store Protocol endpoint beside a query endpoint, where the server's convention tells it.

    >>> conventional_graph_store("http://127.0.0.1:8890/sparql", True)  # Virtuoso: Digest auth
    'http://127.0.0.1:8890/sparql-graph-crud-auth'
    >>> conventional_graph_store("http://h:7200/repositories/kg", True)  # GraphDB
    'http://h:7200/repositories/kg/rdf-graphs/service'
    >>> conventional_graph_store("http://h:3030/kg/query", False)  # Fuseki
    'http://h:3030/kg/data'
    """
    parts = urlsplit(query_url)
    path = parts.path.rstrip("/")
    if path.endswith("/sparql"):
        path += "-graph-crud-auth" if authenticated else "-graph-crud"
    elif re.search(r"/repositories/[^/]+$", path):
        path += "/rdf-graphs/service"
    elif path.endswith("/query"):
        path = path[: -len("query")] + "data"
    else:
        return None
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def locate(spec: str | None, settings: Settings) -> StoreLocation:
    """Where the store of `spec` (default: the setting UNODC_KG_STORE, then the build's N-Quads in memory) lives."""
    spec = spec or settings.store
    if not spec:
        return StoreLocation("memory", path=settings.nquads_file)
    parts = urlsplit(spec)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        if parts.netloc not in ("", "localhost") or not path.is_absolute():
            raise ConfigError(f"store {spec!r}: a file URL names an absolute path, file:///path/dir")
        return StoreLocation("memory" if path.suffix == ".nq" else "disk", path=path)
    if parts.scheme in ("http", "https"):
        if not parts.hostname:
            raise ConfigError(f"store {spec!r}: no host in the URL; expected {FORMS}")
        if parts.username or parts.password:
            raise ConfigError(
                f"store {parts.scheme}://…@{parts.hostname}…: credentials go in UNODC_KG_STORE_USER and "
                "UNODC_KG_STORE_PASSWORD, not in the URL (it is logged and shown)"
            )
        graph_store = settings.graph_store or conventional_graph_store(spec, settings.store_user is not None)
        return StoreLocation("remote", url=spec, graph_store=graph_store)
    raise ConfigError(f"store {spec!r}: expected {FORMS}")


def open_store(location: StoreLocation, settings: Settings) -> Store:
    """The store at `location`, open for queries."""
    from .oxigraph import DiskStore, MemoryStore
    from .remote import RemoteStore

    if location.kind == "remote":
        return RemoteStore(
            location, timeout=settings.store_timeout, user=settings.store_user, password=settings.store_password
        )
    assert location.path is not None
    return MemoryStore(location.path) if location.kind == "memory" else DiskStore(location.path)


def load(location: StoreLocation, settings: Settings) -> LoadReport:
    """Load the build's N-Quads into the store at `location` (on disk or remote), checked; a StoreError when not."""
    if location.kind == "memory":
        raise ConfigError(
            f"nothing to load into {location}: an in-memory store is loaded from the N-Quads each time it opens; "
            "give file:///path/dir (an on-disk store) or http(s)://host:port/sparql (a remote one)"
        )
    if location.kind == "disk":
        from .disk_load import load_disk

        assert location.path is not None
        return load_disk(settings.nquads_file, location.path)
    from .graph_store import GraphStore, load_remote
    from .remote import RemoteStore

    if location.graph_store is None:
        raise ConfigError(
            f"store {location.url}: no Graph Store Protocol endpoint is known for it: give --graph-store URL "
            "(or UNODC_KG_GRAPH_STORE), e.g. Virtuoso's http://host:8890/sparql-graph-crud-auth"
        )
    store = RemoteStore(
        location, timeout=settings.store_timeout, user=settings.store_user, password=settings.store_password
    )
    graph_store = GraphStore(location.graph_store, settings.store_user, settings.store_password, settings.store_timeout)
    try:
        return load_remote(settings.nquads_file, store, graph_store)
    finally:
        graph_store.close()
        store.close()
