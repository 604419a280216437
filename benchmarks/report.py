"""results.md from the measurements (benchmarks/.data/results.json): tables with the sizes as columns, the
ratios to the peers, the growth with the size, and the targets of issue 5 met or not."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

GIB = 1 << 30
MIB = 1 << 20
Cell = Callable[[dict[str, Any]], str]


def secs(v: float | None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if v < 1e-3:
        return f"{v * 1e6:.0f} µs"
    if v < 1:
        return f"{v * 1e3:.1f} ms" if v < 0.1 else f"{v * 1e3:.0f} ms"
    return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"


def size_of(v: int | None) -> str:
    if not v:
        return "–"
    return f"{v / GIB:.2f} GiB" if v >= GIB else f"{v / MIB:.0f} MiB"


def count(v: int | None) -> str:
    if v is None:
        return "–"
    if v >= 1_000_000:
        return f"{v / 1e6:.1f} M"
    if v >= 10_000:
        return f"{v / 1e3:.0f} k"
    return f"{v:,}"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "–"
    r = a / b
    return f"{r:.2f}x" if r < 10 else f"{r:.0f}x"


class Report:
    def __init__(self, results: dict[str, Any]) -> None:
        self.r = results
        self.sizes = sorted(int(s) for s in results["sizes"])
        self.why: list[str] = []  # footnotes: why a cell is empty

    def rec(self, size: int, figure: str) -> dict[str, Any]:
        entry = self.r["sizes"].get(str(size), {})
        if figure.startswith("http."):
            return dict(entry.get("http", {}).get(figure[5:], {}))
        return dict(entry.get(figure, {}))

    def cell(self, size: int, figure: str, value: Cell) -> str:
        rec = self.rec(size, figure)
        status = rec.get("status")
        if not rec:
            return "–"
        if status == "ok" or (status == "budget" and rec.get("partial")):
            try:
                text = value(rec)
            except (KeyError, TypeError):
                text = "–"
            if status == "budget":
                text += " ⁽ᵇ⁾"
                self.footnote(size, figure, rec)
            return text
        self.footnote(size, figure, rec)
        if rec.get("first_status") == 503 and "time limit" in str(rec.get("note")):
            return "503: past the endpoint's time limit"
        return {"budget": "stopped: time", "memory": "stopped: memory", "skipped": "not run"}.get(str(status), "failed")

    def footnote(self, size: int, figure: str, rec: dict[str, Any]) -> None:
        note = f"{figure.replace('http.', 'HTTP ')} at {size}x: {rec.get('note') or rec.get('status')}"
        if note not in self.why:
            self.why.append(note)

    def row(self, label: str, figure: str, value: Cell) -> str:
        return f"| {label} | " + " | ".join(self.cell(s, figure, value) for s in self.sizes) + " |"

    def head(self, first: str = "") -> list[str]:
        return [
            f"| {first} | " + " | ".join(f"{s}x" for s in self.sizes) + " |",
            "|---|" + "---:|" * len(self.sizes),
        ]

    def flush_why(self) -> list[str]:
        out = [f"- {w}" for w in self.why]
        self.why = []
        return [*out, ""] if out else []

    # ------------------------------------------------------------------ values
    def value(self, size: int, figure: str, *path: str) -> float | None:
        rec: Any = self.rec(size, figure)
        if rec.get("status") not in ("ok", None) and not (rec.get("status") == "budget" and rec.get("partial")):
            return None
        for p in path:
            if not isinstance(rec, dict) or p not in rec:
                return None
            rec = rec[p]
        return float(rec) if isinstance(rec, int | float) else None

    def largest(self, figure: str, *path: str) -> tuple[int, float] | None:
        for s in reversed(self.sizes):
            v = self.value(s, figure, *path)
            if v is not None:
                return s, v
        return None

    # ------------------------------------------------------------------ sections
    def render(self) -> str:
        r = self.r
        out = [
            "# Benchmarks",
            "",
            "Written by `benchmarks/run.py` (see `benchmarks/README.md`); do not edit by hand.",
            "",
            f"- Run: {r['started']} – {r.get('finished', '(unfinished: figures so far)')}"
            + (
                " — **quick** run (short loads, small budgets): a smoke test, not the figures to quote"
                if r["quick"]
                else ""
            ),
            f"- Code under test: {r['code']}",
            f"- Budgets per figure and size: {', '.join(f'{k} {v}' for k, v in r['budgets'].items())} (seconds); "
            f"memory ceiling {r['ceiling'] / GIB:.0f} GiB for any one measurement (process tree)",
            "",
            "## Machine and versions",
            "",
            "| | |",
            "|---|---|",
            *(f"| {k} | {v} |" for k, v in r["machine"].items()),
            *(f"| {k} | {v} |" for k, v in r["versions"].items()),
            "",
            "## Commands",
            "",
            *(f"- `{c}`" for c in r["commands"]),
            "",
        ]
        out += self.graphs() + self.build() + self.loading() + self.inprocess() + self.http() + self.ratios()
        out += self.growth() + self.targets()
        if r.get("notes"):
            out += ["## Notes", "", *(f"- {n}" for n in r["notes"]), ""]
        return "\n".join(out)

    def graphs(self) -> list[str]:
        out = ["## The graphs", ""]
        out += [
            "Scale N: the real graph plus copies of everything read from A/79/6 (Sect. 16) as further editions "
            "(`benchmarks/generate.py`), until the graph has N times the real graph's quads. *restated*: each "
            "edition's graph restates the instruments it lists or cites, as every source's graph does today (the "
            "shape a build of N editions would have); *once*: the shared instruments are stated once (only new "
            "instruments in a copy's graph). Both have the same answer for 2025/sp1/7 at every size.",
            "",
        ]
        out += self.head()
        rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
            ("quads (restated)", lambda e: count(e["quads"]["restated"])),
            ("quads (once)", lambda e: count(e["quads"]["once"])),
            ("editions of the budget section", lambda e: count(1 + int(e["copies"]["restated"]))),
            ("N-Quads file (restated)", lambda e: size_of(e.get("file_bytes"))),
        ]
        for label, fn in rows:
            cells = []
            for s in self.sizes:
                e = self.r["sizes"][str(s)]
                try:
                    cells.append(fn(e))
                except (KeyError, TypeError):
                    cells.append("–")
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        return [*out, ""]

    def build(self) -> list[str]:
        runs = self.r.get("build", {}).get("runs", [])
        ok = [x for x in runs if x["status"] == "ok"]
        out = ["## The real build (`unodc-kg build`: extract, SHACL, HermiT, write)", ""]
        if not ok:
            return [*out, f"Not measured: {runs[0]['note'] if runs else 'no run'}", ""]
        walls = sorted(x["wall"] for x in ok)
        med = walls[len(walls) // 2]

        def stage(k: str) -> str:
            vals = sorted(x[k] for x in ok if k in x)
            return secs(vals[len(vals) // 2]) if vals else "–"

        out += [
            "| runs | wall, median | extract+RDF | SHACL | HermiT | write | peak RSS (with Java) |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {len(ok)} | {secs(med)} | {stage('extract')} | {stage('validate')} | {stage('reason')} | "
            f"{stage('write')} | {size_of(max(x['peak_rss'] for x in ok))} |",
            "",
            "Wall time includes starting Python and the JVM; the stages are the build's own report (medians).",
            "",
        ]
        return out

    def loading(self) -> list[str]:
        out = ["## Load, SHACL and reasoning at each size", ""]
        out += self.head("figure")
        out += [
            self.row("Oxigraph in memory: bulk load", "load_memory", lambda x: secs(x["seconds"])),
            self.row("… peak RSS", "load_memory", lambda x: size_of(x["peak_rss"])),
            self.row("Oxigraph on disk (RocksDB): bulk load", "load_disk", lambda x: secs(x["seconds"])),
            self.row("… peak RSS", "load_disk", lambda x: size_of(x["peak_rss"])),
            self.row("… on disk", "load_disk", lambda x: size_of(x["bytes"])),
            self.row("`unodc-kg load --store file://…`", "load_cli", lambda x: secs(x["wall"])),
            self.row("… peak RSS", "load_cli", lambda x: size_of(x["peak_rss"])),
            self.row("rdflib Dataset: parse (once shape)", "sparql_rdflib", lambda x: secs(x["load_seconds"])),
            self.row("… peak RSS (parse + queries)", "sparql_rdflib", lambda x: size_of(x["peak_rss"])),
            self.row("SHACL: rdflib parse of the asserted graphs", "shacl", lambda x: secs(x["parse_seconds"])),
            self.row("SHACL: pyshacl-turbo, our shapes", "shacl", lambda x: secs(x["seconds"])),
            self.row("… violations", "shacl", lambda x: f"{x['violations']:,}"),
            self.row("… peak RSS", "shacl", lambda x: size_of(x["peak_rss"])),
            self.row("HermiT (owlready2): reasoning", "reason", lambda x: secs(x["seconds"])),
            self.row("… inferred statements", "reason", lambda x: count(x["inferred"])),
            self.row("… peak RSS (Python + Java)", "reason", lambda x: size_of(x["peak_rss"])),
            "",
        ]
        return out + self.flush_why()

    def inprocess(self) -> list[str]:
        out = [
            "## The headline question in-process",
            "",
            "`Mandates.mandates('2025/sp1/7')` (src/unodc_kg/query.py, what the API runs) on the in-memory store: "
            "the first call in a fresh process (cold), then the same call repeated for 5 s (steady), and a round "
            "over deliverable 7 of subprogramme 1 of the other editions (distinct: each answer new to the "
            "process). Then the saved query `queries/mandates-of-deliverable.rq` (the same question as one SPARQL "
            "SELECT) on pyoxigraph and on rdflib, in process, on the *once* graph.",
            "",
        ]
        out += self.head("figure")
        for shape in ("restated", "once", "disk"):
            f = f"headline_{shape}"
            out += [
                self.row(f"Mandates ({shape}): cold", f, lambda x: secs(x["cold"])),
                self.row(f"Mandates ({shape}): steady median", f, lambda x: secs(x["steady"]["median"])),
                self.row(f"Mandates ({shape}): steady p99", f, lambda x: secs(x["steady"]["p99"])),
            ]
        out += [
            self.row("Mandates (once): distinct keys median", "headline_once", lambda x: secs(x["distinct"]["median"])),
            self.row("Mandates (once): distinct keys p99", "headline_once", lambda x: secs(x["distinct"]["p99"])),
            self.row("Mandates (disk): distinct keys median", "headline_disk", lambda x: secs(x["distinct"]["median"])),
            self.row("… mandates in the answer (restated / once)", "headline_once", lambda x: str(x["mandates"])),
            self.row("SPARQL on pyoxigraph: median", "sparql_oxigraph", lambda x: secs(x["steady"]["median"])),
            self.row("SPARQL on pyoxigraph: p99", "sparql_oxigraph", lambda x: secs(x["steady"]["p99"])),
            self.row("SPARQL on rdflib: median", "sparql_rdflib", lambda x: secs(x["steady"]["median"])),
            self.row("SPARQL on rdflib: p99", "sparql_rdflib", lambda x: secs(x["steady"]["p99"])),
            self.row("… rows (both engines)", "sparql_oxigraph", lambda x: str(x["rows"])),
        ]
        cells = []
        base = self.rec(self.sizes[0], "headline_restated").get("digest") if self.sizes else None
        for s in self.sizes:
            digests = {self.rec(s, f).get("digest") for f in ("headline_restated", "headline_once")} - {None}
            cells.append("–" if not digests else ("yes" if digests == {base} else "**no**"))
        out.append("| same answer as at the smallest size | " + " | ".join(cells) + " |")
        cells = []
        for s in self.sizes:
            a, b = self.rec(s, "sparql_oxigraph").get("rows"), self.rec(s, "sparql_rdflib").get("rows")
            cells.append("–" if a is None or b is None else ("yes" if a == b else f"**no** ({a} vs {b})"))
        out.append("| pyoxigraph and rdflib agree (rows) | " + " | ".join(cells) + " |")
        out.append(
            self.ratio_row("rdflib / pyoxigraph (median)", "sparql_rdflib", "sparql_oxigraph", "steady", "median")
        )
        return [*out, "", *self.flush_why()]

    def ratio_row(self, label: str, a: str, b: str, *path: str) -> str:
        cells = [ratio(self.value(s, a, *path), self.value(s, b, *path)) for s in self.sizes]
        return f"| {label} | " + " | ".join(cells) + " |"

    HTTP_TARGETS = (
        ("ours_api", "ours: GET /api/deliverables/2025/sp1/7/mandates"),
        ("ours_api_distinct", "ours: the mandates API over every edition's sp1/7 (wrk script)"),
        ("ours_sparql", "ours: GET /sparql (the saved query)"),
        ("ours_disk_api", "ours, on-disk store: the mandates API"),
        ("ours_disk_api_distinct", "ours, on-disk store: the mandates API, every edition's sp1/7"),
        ("ours_disk_sparql", "ours, on-disk store: GET /sparql"),
        ("rdflib_endpoint", "rdflib-endpoint: GET /sparql (the same query)"),
        ("floor_small", 'floor: FastAPI constant {"ok": true}'),
        ("floor_big", "floor: FastAPI constant, our answer's size"),
    )

    def http(self) -> list[str]:
        out = [
            "## The headline question over HTTP",
            "",
            "wrk for the given seconds at 1 connection (1 thread) and 16 connections (2 threads), after 3 warm-up "
            "requests; servers started one at a time on uvicorn (1 worker process, no access log), on the *once* "
            "graph. Our /sparql answers from 3 worker processes (the default `UNODC_KG_WORKERS`). The floor is a "
            "trivial FastAPI app (plain `def` handler, as the mandates API's is) returning a constant: the small "
            'one (`{"ok": true}`) is *the floor*; the big one returns our answer\'s JSON (same size) and shows '
            "what serialising it costs.",
            "",
        ]
        for c in ("1", "16"):
            out += [f"### {c} client{'s' if c != '1' else ''}", ""]
            out += self.head("requests/s · p50 · p99 · errors")
            for name, label in self.HTTP_TARGETS:
                out.append(self.row(label, f"http.{name}", self.load_cell(c)))
            out.append("")
        out += self.head("first request after start (cold) · server RSS")
        for name, label in self.HTTP_TARGETS:
            if name.startswith("floor"):
                continue
            out.append(
                self.row(
                    label, f"http.{name}", lambda x: f"{secs(x['first_seconds'])} · {size_of(x.get('server_rss'))}"
                )
            )
        out.append("")
        return out + self.flush_why()

    @staticmethod
    def load_cell(c: str) -> Cell:
        def cell(x: dict[str, Any]) -> str:
            w = x[c]
            errors = f" · **{w['errors']} errors**" if w["errors"] else ""
            if not w["requests"]:
                return f"no answer in {w['seconds']:.0f} s (< {1 / w['seconds']:.2f}/s){errors}"
            rps = f"{w['rps']:,.0f}/s" if w["rps"] >= 10 else f"{w['rps']:.2f}/s"
            return f"{rps} · {secs(w['p50'])} · {secs(w['p99'])}{errors}"

        return cell

    def rps(self, size: int, name: str, c: str) -> float | None:
        """Requests/s; for a run without a single answer, the bound 1/duration (the ratios then say "more than")."""
        if self.value(size, f"http.{name}", c, "requests") == 0:
            seconds = self.value(size, f"http.{name}", c, "seconds")
            return 1 / seconds if seconds else None
        return self.value(size, f"http.{name}", c, "rps")

    def ratios(self) -> list[str]:
        out = ["## Ratios (throughput, requests/s)", ""]
        out += self.head("ratio")
        pairs = (
            ("ours_api", "rdflib_endpoint", "mandates API / rdflib-endpoint (target ≥ 10)"),
            ("ours_sparql", "rdflib_endpoint", "our /sparql / rdflib-endpoint"),
            ("ours_api", "floor_small", "mandates API / floor (target ≥ 0.5)"),
            ("ours_api", "floor_big", "mandates API / big constant"),
            ("ours_api_distinct", "floor_small", "mandates API, distinct keys / floor"),
        )
        for a, b, label in pairs:
            for c in ("1", "16"):
                cells = [ratio(self.rps(s, a, c), self.rps(s, b, c)) for s in self.sizes]
                out.append(f"| {label}, {c} client{'s' if c != '1' else ''} | " + " | ".join(cells) + " |")
        return [*out, ""]

    def growth(self) -> list[str]:
        out = [
            "## Growth with the size",
            "",
            "Each figure at the largest size it was measured at, divided by the same figure at 1x "
            "(size ratio in brackets).",
            "",
            "| figure | 1x | largest measured | growth |",
            "|---|---:|---:|---:|",
        ]
        figures: list[tuple[str, str, tuple[str, ...], Callable[[float], str]]] = [
            ("Oxigraph in-memory load", "load_memory", ("seconds",), secs),
            ("Oxigraph in-memory peak RSS", "load_memory", ("peak_rss",), lambda v: size_of(int(v))),
            ("Oxigraph on-disk load", "load_disk", ("seconds",), secs),
            ("SHACL (pyshacl-turbo)", "shacl", ("seconds",), secs),
            ("HermiT", "reason", ("seconds",), secs),
            ("Mandates in-process, restated, steady median", "headline_restated", ("steady", "median"), secs),
            ("Mandates in-process, restated, cold", "headline_restated", ("cold",), secs),
            ("Mandates in-process, once, steady median", "headline_once", ("steady", "median"), secs),
            ("Mandates in-process, once, distinct keys median", "headline_once", ("distinct", "median"), secs),
            ("Mandates in-process, on-disk store, steady median", "headline_disk", ("steady", "median"), secs),
            ("SPARQL pyoxigraph median", "sparql_oxigraph", ("steady", "median"), secs),
            ("SPARQL rdflib median", "sparql_rdflib", ("steady", "median"), secs),
            ("mandates API p50, 1 client", "http.ours_api", ("1", "p50"), secs),
            ("mandates API requests/s, 16 clients", "http.ours_api", ("16", "rps"), lambda v: f"{v:,.0f}/s"),
            ("mandates API (on-disk store) p50, 1 client", "http.ours_disk_api", ("1", "p50"), secs),
            ("mandates API, distinct keys, p50, 1 client", "http.ours_api_distinct", ("1", "p50"), secs),
            ("our /sparql p50, 1 client", "http.ours_sparql", ("1", "p50"), secs),
            ("rdflib-endpoint p50, 1 client", "http.rdflib_endpoint", ("1", "p50"), secs),
        ]
        for label, fig, path, fmt in figures:
            first = self.value(self.sizes[0], fig, *path) if self.sizes else None
            last = self.largest(fig, *path)
            if first is None or last is None:
                out.append(f"| {label} | – | – | – |")
                continue
            s, v = last
            out.append(f"| {label} | {fmt(first)} | {fmt(v)} at {s}x | {ratio(v, first)} ({s}x) |")
        return [*out, ""]

    def targets(self) -> list[str]:
        out = ["## Targets (issue 5)", ""]
        # 1. throughput of the mandates API >= 10x rdflib-endpoint's and >= 0.5x the floor's
        for ours, store in (("ours_api", "in-memory store"), ("ours_disk_api", "on-disk store")):
            for label, peer, want in (("rdflib-endpoint", "rdflib_endpoint", 10.0), ("the floor", "floor_small", 0.5)):
                found: list[tuple[int, str, float]] = []
                for n in self.sizes:
                    for c in ("1", "16"):
                        a, b = self.rps(n, ours, c), self.rps(n, peer, c)
                        if a and b:
                            found.append((n, c, a / b))
                what = f"Mandates API ({store}) throughput ≥ {want:g}× {label}'s"
                if not found:
                    out.append(f"- {what}: **not measured** (see the notes above).")
                    continue
                short = [x for x in found if x[2] < want]
                detail = "; ".join(f"{n}x, {c} client{'s' if c != '1' else ''}: {x:.2f}" for n, c, x in found)
                out.append(f"- {what}: **{'met' if not short else 'not met'}** ({detail}).")
        # 2. latency growth < 2x from 1x to 1000x
        for label, fig, path in (
            ("mandates API p50 over HTTP, 1 client, in-memory store", "http.ours_api", ("1", "p50")),
            ("mandates API p50 over HTTP, 1 client, on-disk store", "http.ours_disk_api", ("1", "p50")),
            ("mandates API over every edition's sp1/7, p50, 1 client", "http.ours_api_distinct", ("1", "p50")),
            (
                "Mandates in-process, restated (a build of N editions), steady",
                "headline_restated",
                ("steady", "median"),
            ),
            ("Mandates in-process, once, steady", "headline_once", ("steady", "median")),
            ("Mandates in-process, once, distinct keys", "headline_once", ("distinct", "median")),
            ("Mandates in-process, on-disk store, steady", "headline_disk", ("steady", "median")),
        ):
            firsts = [(n, v) for n in self.sizes if (v := self.value(n, fig, *path)) is not None]
            last = self.largest(fig, *path)
            bad = ("budget", "memory", "skipped", "error")
            stopped = [n for n in self.sizes if self.rec(n, fig).get("status") in bad]
            if not firsts or last is None:
                out.append(f"- Latency growth < 2× from 1x to 1000x ({label}): **not measured**.")
                continue
            s0, first = firsts[0]
            s, v = last
            g = v / first
            verdict = (
                "met" if g < 2 and s == 1000 and s0 == 1 else ("not met" if g >= 2 else f"met from {s0}x to {s}x only")
            )
            extra = f"; stopped or not run at {', '.join(f'{x}x' for x in stopped)}" if stopped else ""
            out.append(
                f"- Latency growth < 2× from 1x to 1000x ({label}): **{verdict}** ({secs(first)} at {s0}x → {secs(v)} "
                f"at {s}x, {g:.2f}×{extra})."
            )
        # 3. the real graph built, validated and reasoned in under 10 s
        runs = [x for x in self.r.get("build", {}).get("runs", []) if x["status"] == "ok"]
        if runs:
            walls = sorted(x["wall"] for x in runs)
            med = walls[len(walls) // 2]
            out.append(
                f"- The real graph built, validated and reasoned in < 10 s: **{'met' if med < 10 else 'not met'}** "
                f"(median of {len(runs)}: {secs(med)} wall, process start included)."
            )
        else:
            out.append("- The real graph built, validated and reasoned in < 10 s: **not measured**.")
        return [*out, ""]


def render(results: dict[str, Any]) -> str:
    return Report(results).render()


def main(argv: list[str] | None = None) -> int:
    """Write results.md again from the raw figures, adding notes: python -m benchmarks.report --note "…"."""
    here = Path(__file__).resolve().parent
    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("--results", type=Path, default=here / ".data" / "results.json")
    p.add_argument("--out", type=Path, default=here / "results.md")
    p.add_argument("--note", action="append", default=[], help="a note for the Notes section (repeatable)")
    a = p.parse_args(argv)
    results = json.loads(a.results.read_text(encoding="utf-8"))
    results.setdefault("notes", []).extend(n for n in a.note if n not in results["notes"])
    a.results.write_text(json.dumps(results, indent=1), encoding="utf-8")
    a.out.write_text(render(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
