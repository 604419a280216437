"""HTTP load: a server started as a child process on a free loopback port, and wrk against it."""

from __future__ import annotations

import json
import logging
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from .measure import stop_tree, tree_rss

log = logging.getLogger(__name__)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    started_seconds: float  # from launch to the first answer
    process: psutil.Process

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def rss(self) -> int:
        return tree_rss(self.process)


class ServerFailed(RuntimeError):
    pass


@contextmanager
def server(
    args: Sequence[str], env: dict[str, str], ready_path: str, start_budget: float, log_file: Path
) -> Iterator[Server]:
    """Start `python -m benchmarks.servers ARGS --port P`; wait until `ready_path` answers; stop it afterwards."""
    port = free_port()
    argv = [sys.executable, "-m", "benchmarks.servers", *args, "--port", str(port)]
    log.info("start: %s", " ".join(argv))
    started = time.perf_counter()
    with log_file.open("w") as err:
        # run from the code under test, so that `-m` puts its api/ (not this tree's) first on the path
        cwd = env.get("UNODC_KG_ROOT")
        child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=err, stderr=err, start_new_session=True)
        proc = psutil.Process(child.pid)
        try:
            while True:
                if child.poll() is not None:
                    raise ServerFailed(f"the server stopped at start (see {log_file})")
                if time.perf_counter() - started > start_budget:
                    raise ServerFailed(f"the server did not answer within {start_budget:.0f} s")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=600) as r:
                        r.read()
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.5)
            yield Server(port, time.perf_counter() - started, proc)
        finally:
            stop_tree(proc)


def fetch(url: str, accept: str | None = None, timeout: float = 600) -> tuple[int, bytes, float]:
    """One request: status, body, seconds."""
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return status, body, time.perf_counter() - t


@dataclass
class WrkResult:
    connections: int
    seconds: float
    requests: int
    rps: float
    p50: float | None  # seconds
    p99: float | None
    errors: int  # non-2xx/3xx answers, socket errors and time-outs
    raw: str


_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _duration(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_wrk(out: str, connections: int, seconds: float) -> WrkResult:
    def pct(name: str) -> float | None:
        m = re.search(rf"^\s*{name}%\s+(\S+)", out, re.M)
        return _duration(m.group(1)) if m else None

    reqs = re.search(r"(\d+) requests in ([\d.]+\w+)", out)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    return WrkResult(
        connections=connections,
        seconds=_duration(reqs.group(2)) if reqs else seconds,
        requests=int(reqs.group(1)) if reqs else 0,
        rps=float(rps.group(1)) if rps else 0.0,
        p50=pct("50"),
        p99=pct("99"),
        errors=errors,
        raw=out,
    )


def wrk(url: str, connections: int, seconds: int, accept: str | None = None, script: Path | None = None) -> WrkResult:
    """wrk on `url` (or, with `script`, on the paths the script asks for, at the same host)."""
    threads = 1 if connections == 1 else 2  # the machine has 2 cores
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "--latency"]
    if accept:
        argv += ["-H", f"Accept: {accept}"]
    if script is not None:
        argv += ["-s", str(script)]
    argv.append(url)
    out = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=seconds + 120)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed: {out.stderr.strip()}")
    return parse_wrk(out.stdout, connections, seconds)


def paths_script(out: Path, paths: Sequence[str], stagger: bool = False) -> Path:
    """A wrk script that asks for `paths` in turn; with `stagger`, each wrk thread starts at its own place."""
    items = ",\n".join(json.dumps(p) for p in paths)
    start = "setup = function(thread) thread:set('offset', math.random(#paths)) end\n" if stagger else ""
    out.write_text(
        "local paths = {\n" + items + "\n}\nlocal i = 0\n" + start + "request = function()\n"
        "  i = (i + (offset or 0)) % #paths + 1\n  offset = 0\n  return wrk.format('GET', paths[i])\nend\n",
        encoding="utf-8",
    )
    return out
