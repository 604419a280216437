"""`unodc-kg load --store file:///dir`: the build's N-Quads bulk-loaded into an on-disk Oxigraph store.

The new store is written beside the old one and swapped in only once it is complete and checked, so a failed
load leaves the old store as it was. The directory holds `oxigraph/` (RocksDB) and `load.json` (the manifest:
the digest of the N-Quads, the statements of each named graph), and nothing else of ours goes in it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..swap import exchange
from .base import LoadReport
from .oxigraph import DATABASE, MANIFEST, file_digest

log = logging.getLogger(__name__)

COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def statements_in(nquads: Path) -> int:
    """The statements of an N-Quads file: its lines that are neither empty nor comments."""
    with nquads.open("rb") as f:
        return sum(1 for line in f if line.strip() and not line.lstrip().startswith(b"#"))


def load_disk(nquads: Path, directory: Path) -> LoadReport:
    """Bulk-load `nquads` into a new on-disk store at `directory`, replacing the one there only when all went well."""
    if not nquads.exists():
        raise StoreError(f"{nquads} does not exist: run `unodc-kg build` first")
    if directory.exists() and any(directory.iterdir()) and not (directory / MANIFEST).exists():
        raise StoreError(
            f"{directory} exists and is not a store made by `unodc-kg load` (no {MANIFEST}): "
            "choose an empty or new directory; nothing was written"
        )
    directory.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    temp = directory.parent / f".{directory.name}.loading-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()
    try:
        graphs = _bulk_load(nquads, temp / DATABASE)
        expected = statements_in(nquads)
        if sum(graphs.values()) != expected:
            raise StoreError(
                f"{temp / DATABASE}: holds {sum(graphs.values())} statements after loading, {nquads} has {expected} "
                "(duplicate statements in the N-Quads?); the old store is left as it was"
            )
        digest = file_digest(nquads)
        manifest = {
            "digest": digest,
            "source": str(nquads.resolve()),
            "loaded": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "pyoxigraph": ox.__version__,
            "graphs": graphs,
        }
        (temp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _swap(temp, directory)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return LoadReport(f"file://{directory}", digest, graphs, time.perf_counter() - started)


def _bulk_load(nquads: Path, database: Path) -> dict[str, int]:
    store = ox.Store(str(database))
    try:
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        result = store.query(COUNT_GRAPHS)
        assert isinstance(result, ox.QuerySolutions)
        graphs = {str(s["g"].value): int(s["n"].value) for s in result}
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"{nquads}: cannot load into {database}: {exc}") from exc
    finally:
        del store
        gc.collect()  # RocksDB is closed when the last reference goes: before the directory is moved
    return graphs


def _swap(new: Path, directory: Path) -> None:
    """Put `new` where `directory` is; the old store is removed only after the new one is in place.

    One step where the system can (renameat2 RENAME_EXCHANGE): a server or SPARQL worker that opens the store
    meanwhile finds the old one or the new one, never none; elsewhere two renames, with the path briefly missing.
    """
    if not directory.exists():
        new.rename(directory)
        return
    try:
        swapped = exchange(new, directory)
    except OSError as exc:
        raise StoreError(f"cannot swap {new} into {directory}: {exc}; the old store is left as it was") from exc
    if swapped:
        shutil.rmtree(new, ignore_errors=True)  # the old store, now at the temporary path
        log.info("replaced the store at %s", directory)
        return
    old = directory.parent / f".{directory.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    directory.rename(old)
    try:
        new.rename(directory)
    except OSError:
        old.rename(directory)
        raise
    shutil.rmtree(old, ignore_errors=True)
    log.info("replaced the store at %s", directory)
