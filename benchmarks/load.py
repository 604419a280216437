"""The load test (issue 6, item 5): 64 concurrent clients on loopback for several minutes, writing `load.md`.

Our app is started alone on the real build (data/generated), as `make run` serves it (uvicorn, one process, its
SPARQL worker processes, the default limits; without the access log). Two wrk processes run at
the same time, so that each kind of request has its own latency figures: most clients ask the mandates API of every
deliverable in turn (JSON and Turtle), the others run every saved query on /sparql with its default parameters.
The server's memory (its whole process tree: the app and its SPARQL worker processes) is sampled every 2 s.

    .venv/bin/python -m benchmarks.load                       # 64 clients (48 + 16), 5 minutes
    .venv/bin/python -m benchmarks.load --minutes 1 --out /tmp/load.md

It passes (exit 0) when no request failed (no non-2xx answer, no socket error, no time-out) and the memory at the
end is within 10 % of the memory after the first minute (the warm-up: answers kept, workers started).
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.saved_queries import load_saved_queries

from . import machine
from .loadgen import WrkResult, paths_script, server, wrk
from .measure import child_env, median

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
SAMPLE_SECONDS = 2.0
MEMORY_GROWTH_LIMIT = 0.10  # after the warm-up minute


@dataclass
class MemorySampler:
    """The server tree's RSS every SAMPLE_SECONDS, in a thread, while the load runs."""

    rss: Callable[[], int]
    samples: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        start = time.perf_counter()
        while not self._stop.is_set():
            self.samples.append((time.perf_counter() - start, self.rss()))
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._stop.set()


def deliverable_paths(settings: Settings) -> list[str]:
    """The mandates API of every deliverable of the build, JSON and Turtle by turns."""
    iris = Iris()
    store = ox.Store()
    store.bulk_load(path=str(settings.nquads_file), format=ox.RdfFormat.N_QUADS)
    prefix = f"{iris.base}id/deliverable/"
    rows = store.query(
        f"SELECT DISTINCT ?d WHERE {{ ?d a <{iris.base}ontology/Deliverable> }} ORDER BY ?d",
        use_default_graph_as_union=True,
    )
    keys = [str(row["d"].value).removeprefix(prefix) for row in rows]  # type: ignore[union-attr]
    return [f"/api/deliverables/{key}/mandates{'' if n % 2 == 0 else '?format=ttl'}" for n, key in enumerate(keys)]


def saved_query_paths() -> list[str]:
    """Every saved query, as GET /sparql with its default parameters (the text as it is saved)."""
    return ["/sparql?" + urllib.parse.urlencode({"query": q.text}) for q in load_saved_queries(ROOT / "queries")]


def run_wrk(
    result: dict[str, WrkResult],
    name: str,
    url: str,
    connections: int,
    seconds: int,
    script: Path,
    accept: str | None = None,
) -> None:
    result[name] = wrk(url, connections, seconds, accept=accept, script=script)


def fmt_ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f} ms"


def mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def report(
    args: argparse.Namespace,
    results: dict[str, WrkResult],
    samples: list[tuple[float, int]],
    started: str,
    start_seconds: float,
    passed: bool,
    why: list[str],
) -> str:
    after_warmup = [r for t, r in samples if t >= 60] or [r for _, r in samples]
    first_minute_end = after_warmup[0]
    last = samples[-1][1]
    growth = (last - first_minute_end) / first_minute_end
    versions = machine.versions()
    lines = [
        "# Load test",
        "",
        f"Written by `benchmarks/load.py` ({started}); do not edit by hand. {'**Passed**' if passed else '**FAILED**'}"
        + (": " + "; ".join(why) if why else "")
        + ".",
        "",
        "- Machine: " + ", ".join(f"{k} {v}" for k, v in machine.machine().items()),
        f"- Versions: python {versions.get('python')}, pyoxigraph {versions.get('pyoxigraph')}, "
        f"fastapi {versions.get('fastapi')}, uvicorn {versions.get('uvicorn')}",
        f"- Command: `.venv/bin/python -m benchmarks.load --minutes {args.minutes:g} --api-clients {args.api_clients} "
        f"--sparql-clients {args.sparql_clients}`",
        f"- Server: our app as `make run` serves it (uvicorn, 1 process, its SPARQL worker processes, the default "
        f"limits; no access log), on the real build; ready {start_seconds:.1f} s after launch",
        f"- Clients: {args.api_clients + args.sparql_clients} connections at once, for {args.minutes:g} minutes: "
        f"{args.api_clients} on the mandates API of every deliverable (JSON and Turtle by turns), "
        f"{args.sparql_clients} on every saved query through GET /sparql (two wrk processes, side by side)",
        "",
        "| requests | connections | requests | requests/s | p50 | p99 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r.connections} | {r.requests:,} | {r.rps:,.0f} | {fmt_ms(r.p50)} | {fmt_ms(r.p99)} | "
            f"{r.errors} |"
        )
    rss = [r for _, r in samples]
    lines += [
        "",
        "Errors: non-2xx answers, socket errors and time-outs (wrk's count).",
        "",
        "| server memory (RSS of the whole process tree) | |",
        "|---|---:|",
        f"| at the start of the load | {mib(rss[0])} |",
        f"| after the first minute (warm-up) | {mib(first_minute_end)} |",
        f"| median over the run | {mib(median([float(r) for r in rss]))} |",
        f"| highest | {mib(max(rss))} |",
        f"| at the end | {mib(last)} |",
        f"| growth after the warm-up (limit {MEMORY_GROWTH_LIMIT:.0%}) | {growth:+.1%} |",
        f"| samples | {len(rss)} (every {SAMPLE_SECONDS:g} s) |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    p = argparse.ArgumentParser(description="64 clients on loopback for several minutes; writes benchmarks/load.md")
    p.add_argument("--minutes", type=float, default=5.0)
    p.add_argument("--api-clients", type=int, default=48)
    p.add_argument("--sparql-clients", type=int, default=16)
    p.add_argument("--out", type=Path, default=HERE / "load.md")
    args = p.parse_args(argv)
    DATA.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env()
    seconds = int(args.minutes * 60)
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    api_script = paths_script(DATA / "load-api.lua", deliverable_paths(settings), stagger=True)
    sparql_script = paths_script(DATA / "load-sparql.lua", saved_query_paths(), stagger=True)
    env = child_env(ROOT)
    with server(["ours"], env, "/api/deliverables/2025/sp1/7/mandates", 300, DATA / "load-server.log") as srv:
        sampler = MemorySampler(srv.rss)
        watcher = threading.Thread(target=sampler.run, daemon=True)
        watcher.start()
        results: dict[str, WrkResult] = {}
        jobs = [
            threading.Thread(
                target=run_wrk,
                args=(
                    results,
                    "the mandates API, every deliverable",
                    srv.url("/"),
                    args.api_clients,
                    seconds,
                    api_script,
                ),
            ),
            threading.Thread(
                target=run_wrk,
                args=(
                    results,
                    "every saved query on /sparql",
                    srv.url("/"),
                    args.sparql_clients,
                    seconds,
                    sparql_script,
                    "application/sparql-results+json",
                ),
            ),
        ]
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        sampler.stop()
        watcher.join()
        start_seconds = srv.started_seconds
    samples = sampler.samples
    why = [f"{r.errors} errors on {name}" for name, r in results.items() if r.errors]
    after = [r for t, r in samples if t >= 60] or [r for _, r in samples]
    growth = (samples[-1][1] - after[0]) / after[0]
    if growth > MEMORY_GROWTH_LIMIT:
        why.append(f"memory grew {growth:.0%} after the warm-up")
    passed = not why and len(results) == 2
    args.out.write_text(report(args, results, samples, started, start_seconds, passed, why), encoding="utf-8")
    log.info("wrote %s: %s", args.out, "passed" if passed else "; ".join(why))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
