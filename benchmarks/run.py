"""The benchmarks, in one command: generate the graphs, measure every figure at every size, write results.md.

    .venv/bin/python -m benchmarks.run                      # sizes 1,10,100,1000 (hours: see README.md)
    .venv/bin/python -m benchmarks.run --sizes 1,10 --quick # minutes: shorter loads, smaller budgets

Every measurement runs in a process of its own (its peak memory is its own), one at a time (the machine has two
cores); servers are started one at a time on free loopback ports. A figure that would take longer than its budget,
or more memory than the ceiling, is stopped and reported as such; at larger sizes it is then not tried again.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import time
import urllib.parse
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import generate, kg, loadgen, machine, report
from .measure import GIB, MEMORY_CEILING, Outcome, child_env, probe, run_child

log = logging.getLogger("benchmarks.run")
HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
HEADLINE = "2025/sp1/7"
JSON_ACCEPT = "application/json"
SPARQL_JSON = "application/sparql-results+json"
WRK_LONGEST = 180  # seconds: the longest one wrk run may take (for servers that answer in seconds)
STAGES = re.compile(
    r"extract\+RDF (?P<extract>[\d.]+) s, validate (?P<validate>[\d.]+) s, reason (?P<reason>[\d.]+) s, "
    r"write (?P<write>[\d.]+) s"
)


@dataclass(frozen=True)
class Budgets:
    """Seconds each figure may take at one size (a run past it is stopped and reported)."""

    shacl: float
    reason: float
    headline: float
    rdflib: float
    load: float
    server_start: float
    wrk_seconds: int


FULL = Budgets(shacl=900, reason=600, headline=600, rdflib=1200, load=3600, server_start=1800, wrk_seconds=10)
QUICK = Budgets(shacl=120, reason=120, headline=120, rdflib=180, load=600, server_start=300, wrk_seconds=3)


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.sizes: list[int] = args.sizes
        self.budgets = QUICK if args.quick else FULL
        self.quick: bool = args.quick
        self.code: Path = args.code.resolve()
        self.out: Path = args.out
        self.real = self.code / "data" / "generated" / "unodc-kg.nq"
        self.env = child_env(self.code)
        self.results: dict[str, Any] = {
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "argv": ["python", "-m", "benchmarks.run", *sys.argv[1:]],
            "quick": self.quick,
            "budgets": asdict(self.budgets),
            "ceiling": MEMORY_CEILING,
            "machine": machine.machine(),
            "versions": machine.versions(),
            "code": machine.code_version(self.code),
            "sizes": {},
            "notes": [],
            "commands": [],
        }
        self.stopped: dict[str, str] = {}  # figure -> why it is not tried at larger sizes
        self.skip: set[str] = set(args.skip)
        if args.resume:
            self.resume()

    # ------------------------------------------------------------------ bookkeeping
    def save(self) -> None:
        DATA.mkdir(parents=True, exist_ok=True)
        (DATA / "results.json").write_text(json.dumps(self.results, indent=1, default=str), encoding="utf-8")
        self.out.write_text(report.render(self.results), encoding="utf-8")

    def size_entry(self, size: int) -> dict[str, Any]:
        entry: dict[str, Any] = self.results["sizes"].setdefault(str(size), {})
        return entry

    def command(self, text: str) -> None:
        if text not in self.results["commands"]:
            self.results["commands"].append(text)

    def outcome(self, figure: str, size: int, run: Outcome) -> dict[str, Any]:
        """Record an outcome; a figure stopped by its budget or the ceiling is not tried at larger sizes."""
        rec = {"status": run.status, "wall": run.seconds, "peak_rss": run.peak_rss, "note": run.note, **run.data}
        rec["load_average"] = os.getloadavg()[0]  # the machine's 1-minute load as the figure ended: 2 cores
        self.size_entry(size)[figure] = rec
        if run.status in ("budget", "memory"):
            self.stopped[figure] = f"not run: at {size}x it was {run.note}"
        self.save()
        return rec

    def skipped(self, figure: str, size: int, why: str) -> None:
        self.size_entry(size)[figure] = {"status": "skipped", "note": why}
        self.save()

    def gate(self, figure: str, size: int, estimate: int | None = None, budget: float | None = None) -> bool:
        """Whether to run `figure` at `size`: not when it was stopped at a smaller size, its memory estimate (bytes)
        is past the ceiling, or its time at a smaller size, grown in proportion to the size, is past `budget`."""
        if self.done(figure, size):
            return False  # measured by the run this one resumes
        if figure in self.skip:
            self.skipped(figure, size, "not run: left out of this run (--skip), to save time")
            return False
        if figure in self.stopped:
            self.skipped(figure, size, self.stopped[figure])
            return False
        if budget is not None:
            done = [
                (int(s), e[figure]["wall"])
                for s, e in self.results["sizes"].items()
                if int(s) < size and e.get(figure, {}).get("status") == "ok" and "wall" in e[figure]
            ]
            if done:
                s, wall = max(done)
                if wall * size / s > budget:
                    self.skipped(
                        figure,
                        size,
                        f"not run: it took {wall:.0f} s at {s}x; in proportion to the size that is "
                        f"{wall * size / s:.0f} s, past the budget of {budget:.0f} s",
                    )
                    return False
        if estimate is not None and estimate > MEMORY_CEILING:
            self.skipped(
                figure, size, f"not run: would need about {estimate / GIB:.0f} GiB (ceiling {MEMORY_CEILING / GIB:.0f})"
            )
            return False
        return True

    def estimate(self, figure: str, size: int, factor: float = 1.0) -> int | None:
        """Peak memory of `figure` at `size`, extrapolated linearly from the largest smaller size that ran it."""
        best: tuple[int, int] | None = None
        for s, entry in self.results["sizes"].items():
            rec = entry.get(figure, {})
            smaller = int(s) < size and rec.get("status") == "ok" and rec.get("peak_rss")
            if smaller and (best is None or int(s) > best[0]):
                best = (int(s), int(rec["peak_rss"]))
        if best is None:
            return None
        return int(best[1] * size / best[0] * factor)

    # ------------------------------------------------------------------ the steps
    def done(self, figure: str, size: int) -> bool:
        """Whether `figure` at `size` already has a result (from the run this one resumes)."""
        status = self.results["sizes"].get(str(size), {}).get(figure, {}).get("status")
        return status in ("ok", "budget", "memory", "skipped")

    def resume(self) -> None:
        """Keep what the last run measured (benchmarks/.data/results.json): the build, the finished sizes, and the
        figures of an unfinished size; the figures stopped there stay stopped."""
        path = DATA / "results.json"
        if not path.exists():
            return
        old = json.loads(path.read_text(encoding="utf-8"))
        self.results["started"] = old["started"]
        self.results["build"] = old.get("build", {})
        self.results["sizes"] = old.get("sizes", {})
        self.results["commands"] = old.get("commands", [])
        self.results["notes"] = [
            *old.get("notes", []),
            f"Resumed at {time.strftime('%H:%M:%S')} ({' '.join(sys.argv[1:])})",
        ]
        for size in sorted(self.results["sizes"], key=int):
            for figure, rec in self.results["sizes"][size].items():
                if isinstance(rec, dict) and rec.get("status") in ("budget", "memory"):
                    self.stopped.setdefault(figure, f"not run: at {size}x it was {rec.get('note')}")

    def build(self) -> None:
        """The real build end to end (`unodc-kg build`), three times: wall time and the stages it reports."""
        if any(r.get("status") == "ok" for r in self.results.get("build", {}).get("runs", [])):
            return
        out_dir = DATA / "build-out"
        env = child_env(self.code, {"UNODC_KG_OUTPUT": str(out_dir)})
        self.command(f"UNODC_KG_OUTPUT={out_dir} unodc-kg build   (3 times; 1 with --quick)")
        runs: list[dict[str, Any]] = []
        for _ in range(1 if self.quick else 3):
            run = run_child([sys.executable, "-m", "unodc_kg.cli", "build"], 600, env=env)
            rec: dict[str, Any] = {
                "status": run.status,
                "wall": run.seconds,
                "peak_rss": run.peak_rss,
                "note": run.note,
            }
            m = STAGES.search(run.stdout)
            if m:
                rec.update({k: float(v) for k, v in m.groupdict().items()})
            runs.append(rec)
        self.results["build"] = {"runs": runs}
        self.save()

    def generate(self, size: int) -> tuple[Path, Path]:
        started = time.perf_counter()
        restated, n_restated = generate.ensure(self.real, size, DATA, restate=True)
        once, n_once = generate.ensure(self.real, size, DATA, restate=False)
        entry = self.size_entry(size)
        entry["quads"] = {"restated": n_restated, "once": n_once}
        entry["copies"] = {
            shape: generate.Scaler(self.real, restate=shape == "restated").copies_for(size)
            for shape in ("restated", "once")
        }
        entry["generate_seconds"] = time.perf_counter() - started
        entry["file_bytes"] = restated.stat().st_size
        self.save()
        return restated, once

    def loads(self, size: int, restated: Path, once: Path) -> None:
        if self.gate("load_memory", size, self.estimate("load_memory", size)):
            self.outcome(
                "load_memory", size, probe("load-memory", str(restated), budget=self.budgets.load, env=self.env)
            )
        disk = DATA / f"oxigraph-{size}x"
        if self.gate("load_disk", size):
            self.outcome(
                "load_disk", size, probe("load-disk", str(restated), str(disk), budget=self.budgets.load, env=self.env)
            )
            shutil.rmtree(disk, ignore_errors=True)
        self.has_disk_store = kg.cli_has(self.code, "load", "--store")
        if self.has_disk_store:
            self.command(
                "UNODC_KG_OUTPUT=<folder of the once graph> unodc-kg load --store file:///…/benchmarks/.data/store-Nx"
            )
            # the store is needed below even when a resumed run kept its load figure (stores are removed per size)
            missing = not (self.store_dir(size) / "load.json").exists()
            if missing and self.done("load_cli", size):
                del self.size_entry(size)["load_cli"]
            if self.gate("load_cli", size):
                env = child_env(self.code, {"UNODC_KG_OUTPUT": str(self.graph_dir(once))})
                run = run_child(
                    [sys.executable, "-m", "unodc_kg.cli", "load", "--store", f"file://{self.store_dir(size)}"],
                    self.budgets.load,
                    env=env,
                )
                self.outcome("load_cli", size, run)
        else:
            self.skipped("load_cli", size, "not run: the code under test has no `unodc-kg load --store`")

    @staticmethod
    def store_dir(size: int) -> Path:
        return DATA / f"store-{size}x"

    def graph_dir(self, nquads: Path) -> Path:
        """A folder whose unodc-kg.nq is `nquads`: what UNODC_KG_OUTPUT points the project at."""
        folder = DATA / f"graph-{nquads.stem}"
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / "unodc-kg.nq"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(nquads)
        return folder

    def validation(self, size: int, restated: Path) -> None:
        if self.gate("shacl", size, self.estimate("shacl", size), self.budgets.shacl):
            self.outcome("shacl", size, probe("shacl", str(restated), budget=self.budgets.shacl, env=self.env))
        if self.gate("reason", size, self.estimate("reason", size), self.budgets.reason):
            self.outcome("reason", size, probe("reason", str(restated), budget=self.budgets.reason, env=self.env))

    def editions(self, size: int, shape: str) -> list[str]:
        """Keys of deliverable 7 of subprogramme 1 in every edition of the graph (the headline, then the copies)."""
        copies = int(self.size_entry(size)["copies"][shape])
        return [HEADLINE] + [f"{2025 + k}/sp1/7" for k in range(1, copies + 1)]

    def headline(self, size: int, restated: Path, once: Path) -> None:
        for shape, path in (("restated", restated), ("once", once)):
            figure = f"headline_{shape}"
            if size == 1 and shape == "once":
                self.size_entry(size)[figure] = self.size_entry(size)["headline_restated"]
                continue
            if self.gate(figure, size, self.estimate(figure, size), self.budgets.headline):
                keys = self.editions(size, shape)
                keys = keys[:1] + keys[1:][:200]
                self.outcome(
                    figure, size, probe("headline", str(path), *keys, budget=self.budgets.headline, env=self.env)
                )
        if self.size_entry(size).get("load_cli", {}).get("status") == "ok" and self.gate("headline_disk", size):
            keys = self.editions(size, "once")
            keys = keys[:1] + keys[1:][:200]
            run = probe("headline-disk", str(self.store_dir(size)), *keys, budget=self.budgets.headline, env=self.env)
            self.outcome("headline_disk", size, run)

    def sparql_inprocess(self, size: int, once: Path, query: Path) -> None:
        if self.gate("sparql_oxigraph", size, self.estimate("sparql_oxigraph", size)):
            self.outcome(
                "sparql_oxigraph",
                size,
                probe("sparql-oxigraph", str(once), str(query), budget=self.budgets.headline, env=self.env),
            )
        if self.gate("sparql_rdflib", size, self.estimate("sparql_rdflib", size), self.budgets.rdflib):
            self.outcome(
                "sparql_rdflib",
                size,
                probe("sparql-rdflib", str(once), str(query), budget=self.budgets.rdflib, env=self.env),
            )

    # ------------------------------------------------------------------ HTTP
    def http(self, size: int, once: Path, query_text: str) -> None:
        entry = self.size_entry(size).setdefault("http", {})
        sparql_path = "/sparql?" + urllib.parse.urlencode({"query": query_text})
        api_path = f"/api/deliverables/{HEADLINE}/mandates"
        logs = DATA / "logs"
        logs.mkdir(parents=True, exist_ok=True)

        def measure(name: str, srv: loadgen.Server, path: str, accept: str, script: Path | None = None) -> None:
            status, body, first = loadgen.fetch(srv.url(path), accept)
            rec: dict[str, Any] = {"first_status": status, "first_seconds": first, "bytes": len(body)}
            if status != 200:
                rec["status"] = "error"
                rec["note"] = f"HTTP {status}: {body[:200]!r}"
                entry[name] = rec
                self.save()
                return
            if first < 1:
                for _ in range(3):
                    loadgen.fetch(srv.url(path), accept)  # warm
            for c in (1, 16):
                # Long enough for each connection to get about three answers at the first answer's pace (a server
                # that answers one at a time), at most WRK_LONGEST seconds.
                seconds = max(self.budgets.wrk_seconds, min(WRK_LONGEST, int(3 * c * first) + 1))
                res = loadgen.wrk(srv.url(path), c, seconds, accept, script)
                rec[str(c)] = {k: v for k, v in asdict(res).items() if k != "raw"}
                if seconds > self.budgets.wrk_seconds:
                    rec["note"] = f"one answer took {first:.1f} s: wrk ran longer ({seconds} s at {c} clients)"
            rec["server_rss"] = srv.rss()
            rec["load_average"] = os.getloadavg()[0]
            rec["server_start_seconds"] = srv.started_seconds
            rec["status"] = "ok"
            entry[name] = rec
            self.save()

        def ours(prefix: str, env: dict[str, str]) -> None:
            names = [f"{prefix}_api", f"{prefix}_api_distinct", f"{prefix}_sparql"]
            try:
                with loadgen.server(
                    ["ours"], env, "/api/deliverables?scope=2025/sp1", self.budgets.server_start, logs / f"{prefix}.log"
                ) as srv:
                    measure(names[0], srv, api_path, JSON_ACCEPT)
                    keys = self.editions(size, "once")
                    if len(keys) > 1:
                        paths = [f"/api/deliverables/{k}/mandates" for k in keys]
                        script = loadgen.paths_script(DATA / f"paths-{size}x.lua", paths)
                        measure(names[1], srv, api_path, JSON_ACCEPT, script)
                    measure(names[2], srv, sparql_path, SPARQL_JSON)
            except loadgen.ServerFailed as exc:
                entry[names[0]] = {"status": "error", "note": str(exc)}
                self.stopped[prefix] = f"not run: at {size}x {exc}"
            self.save()

        # (a) the floors: size-independent, measured at every size all the same (side by side in the same run)
        answer = DATA / "answer.json"
        if not answer.exists():
            probe("answer", str(self.real), HEADLINE, str(answer), budget=300, env=self.env)
        with loadgen.server(["floor", "--answer", str(answer)], self.env, "/small", 120, logs / "floor.log") as srv:
            measure("floor_small", srv, "/small", JSON_ACCEPT)
            measure("floor_big", srv, "/big", JSON_ACCEPT)

        # (b) ours on the in-memory store (the default): the app's store and each SPARQL worker's hold the graph
        load = self.size_entry(size).get("load_memory", {})
        workers = 3
        estimate = int(load["peak_rss"]) * (1 + workers) if load.get("status") == "ok" else None
        if estimate is None:
            estimate = self.estimate("load_memory", size, 1 + workers)
        if "ours" in self.stopped or (estimate is not None and estimate > MEMORY_CEILING):
            why = self.stopped.get("ours") or (
                f"not run: the server keeps {1 + workers} in-memory copies of the graph (the app's and {workers} "
                f"SPARQL workers'), about {(estimate or 0) / GIB:.0f} GiB"
            )
            for name in ("ours_api", "ours_api_distinct", "ours_sparql"):
                entry[name] = {"status": "skipped", "note": why}
            self.save()
        else:
            ours("ours", child_env(self.code, {"UNODC_KG_OUTPUT": str(self.graph_dir(once))}))

        # (b') ours on the on-disk store made by `unodc-kg load --store` (where the code has one)
        if self.size_entry(size).get("load_cli", {}).get("status") == "ok" and "ours_disk" not in self.stopped:
            env = child_env(
                self.code,
                {"UNODC_KG_OUTPUT": str(self.graph_dir(once)), "UNODC_KG_STORE": f"file://{self.store_dir(size)}"},
            )
            ours("ours_disk", env)

        # (c) rdflib-endpoint over the same N-Quads and query
        rdf = self.size_entry(size).get("sparql_rdflib", {})
        if rdf.get("status") != "ok":
            entry["rdflib_endpoint"] = {
                "status": "skipped",
                "note": rdf.get("note") or "not run: rdflib could not load this size in process",
            }
            self.save()
            return
        try:
            with loadgen.server(
                ["rdflib-endpoint", "--data", str(once)],
                self.env,
                "/sparql",
                self.budgets.server_start,
                logs / "rdflib.log",
            ) as srv:
                measure("rdflib_endpoint", srv, sparql_path, SPARQL_JSON)
        except loadgen.ServerFailed as exc:
            entry["rdflib_endpoint"] = {"status": "error", "note": str(exc)}
            self.save()

    # ------------------------------------------------------------------ all
    def run(self) -> None:
        query = self.code / "queries" / "mandates-of-deliverable.rq"
        query_text = query.read_text(encoding="utf-8")
        self.command(".venv/bin/python -m benchmarks.run " + " ".join(sys.argv[1:]))
        self.command("python -m benchmarks.generate --scale N --out benchmarks/.data/unodc-kg-Nx.nq [--once]")
        self.command("wrk -t1 -c1 -d{s}s --timeout 60s --latency URL ; wrk -t2 -c16 -d{s}s --timeout 60s --latency URL")
        self.build()
        for size in self.sizes:
            if "finished" in self.size_entry(size):
                continue  # measured by the run this one resumes
            log.info("=== %dx", size)
            restated, once = self.generate(size)
            self.loads(size, restated, once)
            self.validation(size, restated)
            self.headline(size, restated, once)
            self.sparql_inprocess(size, once, query)
            self.http(size, once, query_text)
            self.size_entry(size)["finished"] = time.strftime("%H:%M:%S")
            self.save()
        self.results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        self.save()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1,10,100,1000", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--quick", action="store_true", help="shorter HTTP runs and smaller budgets (a smoke test)")
    p.add_argument("--code", type=Path, default=HERE.parent, help="the project tree under test (default: this one)")
    p.add_argument("--out", type=Path, default=HERE / "results.md")
    p.add_argument(
        "--resume", action="store_true", help="keep what the last run measured; measure only what it had not"
    )
    p.add_argument(
        "--skip",
        default=[],
        type=lambda s: [x for x in s.split(",") if x],
        help="figures to leave out at the sizes measured now (e.g. sparql_rdflib,load_disk)",
    )
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    Bench(args).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
