"""Running one measurement in a child process: wall time, peak memory of its whole process tree, a time budget
and a memory ceiling (the child is stopped past either, and the result says so); and the statistics we report."""

from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

log = logging.getLogger(__name__)
GIB = 1 << 30
MEMORY_CEILING = 17 * GIB  # the machine has 24 GiB and other processes run


@dataclass
class Outcome:
    """What a child process gave: `status` is ok, budget (stopped past its time), memory (past the ceiling) or
    error; `data` the JSON object it printed last; `peak_rss` the most its process tree held at once (bytes)."""

    status: str
    seconds: float
    peak_rss: int
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    stdout: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def stop_tree(proc: psutil.Process) -> None:
    try:
        procs = [*proc.children(recursive=True), proc]
    except psutil.NoSuchProcess:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            continue
    psutil.wait_procs(procs, timeout=10)


def run_child(
    argv: Sequence[str],
    budget: float,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    ceiling: int = MEMORY_CEILING,
) -> Outcome:
    """Run `argv`, polling the RSS of its process tree; its last stdout line, if JSON, is its data."""
    log.info("run: %s (budget %.0f s)", " ".join(argv), budget)
    started = time.perf_counter()
    # Output goes to files, not pipes: a child that writes more than a pipe holds (64 kB) would wait for a reader
    # that only reads once it has ended (`unodc-kg load` at 1000x did, for 16 minutes).
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out_file,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err_file,
        subprocess.Popen(
            list(argv), stdout=out_file, stderr=err_file, env=env, cwd=cwd, text=True, start_new_session=True
        ) as child,
    ):
        proc = psutil.Process(child.pid)
        peak = 0
        status = "ok"
        while child.poll() is None:
            peak = max(peak, tree_rss(proc))
            elapsed = time.perf_counter() - started
            if elapsed > budget:
                status = "budget"
            elif peak > ceiling:
                status = "memory"
            if status != "ok":
                stop_tree(proc)
                break
            time.sleep(0.1)
        child.wait()
        seconds = time.perf_counter() - started
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if status == "ok" and child.returncode != 0:
        status = "error"
    data: dict[str, Any] = {}
    for line in reversed(out.strip().splitlines()):
        try:
            data = json.loads(line)
            break
        except json.JSONDecodeError:
            continue
    peak = max(peak, int(data.get("maxrss", 0)))
    note = ""
    if status == "error":
        note = (err.strip().splitlines() or ["(no message)"])[-1][:300]
        log.warning("failed: %s: %s", " ".join(argv), err.strip()[-2000:])
    elif status == "budget":
        note = f"stopped after {budget:.0f} s (the budget)"
    elif status == "memory":
        note = f"stopped at {peak / GIB:.1f} GiB (the ceiling is {ceiling / GIB:.0f} GiB)"
    return Outcome(status, seconds, peak, data, note, out)


def probe(task: str, *args: str, budget: float, env: dict[str, str], ceiling: int = MEMORY_CEILING) -> Outcome:
    """Run one task of benchmarks.probe in a fresh Python process."""
    return run_child([sys.executable, "-m", "benchmarks.probe", task, *args], budget, env=env, ceiling=ceiling)


def median(values: Sequence[float]) -> float:
    s = sorted(values)
    if not s:
        return math.nan
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    s = sorted(values)
    if not s:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(s)))
    return s[rank - 1]


def rss_self() -> int:
    """This process's peak RSS in bytes (Linux reports kilobytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_env(code: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child: the project's code from `code` first on the path, and the benchmarks."""
    env = dict(os.environ)
    here = Path(__file__).resolve().parent.parent
    paths = [str(code / "src"), str(code), str(here)]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["UNODC_KG_ROOT"] = str(code)
    env.update(extra or {})
    return env
