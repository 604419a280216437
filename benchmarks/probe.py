"""One measurement, run in a fresh process by benchmarks.run (so that its peak memory is its own).

Each task prints one JSON object as its last line: what it measured, and `maxrss` (bytes).

    python -m benchmarks.probe load-memory FILE
    python -m benchmarks.probe load-disk FILE DIR
    python -m benchmarks.probe shacl FILE
    python -m benchmarks.probe reason FILE
    python -m benchmarks.probe headline FILE KEY [KEY...]        (in-process Mandates, on the in-memory store)
    python -m benchmarks.probe headline-disk DIR KEY [KEY...]    (the same on the project's on-disk store)
    python -m benchmarks.probe sparql-oxigraph FILE QUERY
    python -m benchmarks.probe sparql-rdflib FILE QUERY
    python -m benchmarks.probe answer FILE KEY OUT               (write the JSON answer, for the floor server)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .kg import BASE, mandates_service, open_disk, open_memory
from .measure import median, percentile, rss_self

log = logging.getLogger(__name__)
STEADY_SECONDS = 5.0  # how long a steady-state loop runs (at least 5 calls, at most STEADY_MAX)
STEADY_MAX = 2000


def _emit(data: dict[str, Any]) -> None:
    data["maxrss"] = rss_self()
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _steady(call: Callable[[], object], cold: float, seconds: float = STEADY_SECONDS) -> dict[str, float | int]:
    """Repeat `call` for `seconds` (at least 5 times; once when a call takes seconds)."""
    times: list[float] = []
    least = 5 if cold < 1 else 1
    started = time.perf_counter()
    while len(times) < STEADY_MAX and (len(times) < least or time.perf_counter() - started < seconds):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return {"median": median(times), "p99": percentile(times, 99), "n": len(times)}


def load_memory(path: Path) -> None:
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    _emit({"seconds": time.perf_counter() - started, "quads": len(store)})


def load_disk(path: Path, directory: Path) -> None:
    import pyoxigraph as ox

    shutil.rmtree(directory, ignore_errors=True)
    started = time.perf_counter()
    store = ox.Store(str(directory))
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    quads = len(store)
    del store
    size = sum(f.stat().st_size for f in directory.rglob("*") if f.is_file())
    _emit({"seconds": seconds, "quads": quads, "bytes": size})


def _asserted(path: Path) -> tuple[Any, float]:
    """The graph the build validates and reasons on: every named graph but the inferred one, as one rdflib graph."""
    from rdflib import Dataset, Graph

    started = time.perf_counter()
    ds = Dataset()
    ds.parse(path, format="nquads")
    g = Graph()
    for ctx in ds.graphs():
        if not str(ctx.identifier).endswith("/graph/inferred"):
            g += ctx
    return g, time.perf_counter() - started


def shacl(path: Path) -> None:
    from unodc_kg.config import Settings
    from unodc_kg.validate import validate_graph

    data, parse = _asserted(path)
    started = time.perf_counter()
    report = validate_graph(data, Settings.from_env())
    _emit(
        {
            "parse_seconds": parse,
            "seconds": time.perf_counter() - started,
            "triples": len(data),
            "conforms": report.conforms,
            "violations": report.count("Violation"),
        }
    )


def reason(path: Path) -> None:
    from unodc_kg.iris import Iris
    from unodc_kg.reason import reason as hermit

    data, parse = _asserted(path)
    started = time.perf_counter()
    inference = hermit(data, Iris(BASE))
    _emit(
        {
            "parse_seconds": parse,
            "seconds": time.perf_counter() - started,
            "triples": len(data),
            "inferred": len(inference.graph),
        }
    )


def _digest(doc: object) -> str:
    return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def headline(store: Any, load_seconds: float, keys: list[str]) -> None:
    """Mandates for keys[0]: the first call (cold), then the same call again and again (steady); and, where more
    keys are given, a round over them (each answer new to the process: what a cache cannot help)."""
    svc = mandates_service(store)
    key = keys[0]
    started = time.perf_counter()
    doc = svc.mandates(key)
    cold = time.perf_counter() - started
    out: dict[str, Any] = {
        "load_seconds": load_seconds,
        "quads": len(store),
        "cold": cold,
        "mandates": len(doc["mandates"]),
        "digest": _digest(doc),
        "bytes": len(json.dumps(doc, ensure_ascii=False).encode()),
    }
    _emit({**out, "partial": True})  # what the runner keeps if the steady loop runs past the budget
    out["steady"] = _steady(lambda: svc.mandates(key), cold)
    if len(keys) > 1:
        times: list[float] = []
        sizes: set[int] = set()
        deadline = time.perf_counter() + STEADY_SECONDS
        for other in keys[1:]:
            t = time.perf_counter()
            sizes.add(len(svc.mandates(other)["mandates"]))
            times.append(time.perf_counter() - t)
            if time.perf_counter() > deadline:
                break
        out["distinct"] = {"median": median(times), "p99": percentile(times, 99), "n": len(times)}
        out["distinct_sizes"] = sorted(sizes)
    _emit(out)


def headline_memory(path: Path, keys: list[str]) -> None:
    started = time.perf_counter()
    store = open_memory(path)
    headline(store, time.perf_counter() - started, keys)


def headline_disk(directory: Path, keys: list[str]) -> None:
    started = time.perf_counter()
    store = open_disk(directory)
    headline(store, time.perf_counter() - started, keys)


def sparql_oxigraph(path: Path, query: Path) -> None:
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    load = time.perf_counter() - started
    text = query.read_text(encoding="utf-8")

    def run() -> int:
        return len(list(store.query(text, use_default_graph_as_union=True)))  # type: ignore[arg-type]

    t = time.perf_counter()
    rows = run()
    cold = time.perf_counter() - t
    _emit({"load_seconds": load, "cold": cold, "rows": rows, "partial": True})
    _emit({"load_seconds": load, "cold": cold, "rows": rows, "steady": _steady(run, cold)})


def sparql_rdflib(path: Path, query: Path) -> None:
    from rdflib import Dataset

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(path, format="nquads")
    load = time.perf_counter() - started
    text = query.read_text(encoding="utf-8")

    def run() -> int:
        return len(list(ds.query(text)))

    t = time.perf_counter()
    rows = run()
    cold = time.perf_counter() - t
    _emit({"load_seconds": load, "cold": cold, "rows": rows, "partial": True})
    _emit({"load_seconds": load, "cold": cold, "rows": rows, "steady": _steady(run, cold)})


def answer(path: Path, key: str, out: Path) -> None:
    doc = mandates_service(open_memory(path)).mandates(key)
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _emit({"bytes": len(json.dumps(doc, ensure_ascii=False).encode())})


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="one benchmark measurement")
    p.add_argument("task")
    p.add_argument("args", nargs="*")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = a.args
    tasks: dict[str, Callable[[], None]] = {
        "load-memory": lambda: load_memory(Path(args[0])),
        "load-disk": lambda: load_disk(Path(args[0]), Path(args[1])),
        "shacl": lambda: shacl(Path(args[0])),
        "reason": lambda: reason(Path(args[0])),
        "headline": lambda: headline_memory(Path(args[0]), args[1:]),
        "headline-disk": lambda: headline_disk(Path(args[0]), args[1:]),
        "sparql-oxigraph": lambda: sparql_oxigraph(Path(args[0]), Path(args[1])),
        "sparql-rdflib": lambda: sparql_rdflib(Path(args[0]), Path(args[1])),
        "answer": lambda: answer(Path(args[0]), args[1], Path(args[2])),
    }
    if a.task not in tasks:
        p.error(f"unknown task {a.task!r}; known: {', '.join(tasks)}")
    tasks[a.task]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
