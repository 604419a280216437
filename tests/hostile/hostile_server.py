"""The hostile-query suite's server settings, and a watcher that measures the server while it is attacked.

The watcher, a second client, asks a cheap question every 0.2 s (a deliverable's mandates, through the API, which
runs in the server process) and reads the resident memory of the server and of its query workers from /proc.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]

# Low limits keep the suite short: every attack that runs to a limit stops within seconds.
HOSTILE_ENV = {
    "UNODC_KG_QUERY_TIMEOUT": "2",
    "UNODC_KG_MAX_ROWS": "1000",
    "UNODC_KG_MAX_BODY": "1000000",
    "UNODC_KG_MAX_ANSWER": "5000000",
    "UNODC_KG_QUERY_MEMORY": "128",
    "UNODC_KG_WORKERS": "2",
    "UNODC_KG_QUEUE_TIMEOUT": "2",
}
MAX_ROWS = 1000
TIME_LIMIT = 2.0
MEMORY_BOUND = 1536 * 2**20  # bytes of resident memory the server, and each worker, must stay under
PROMPT = 2.0  # seconds within which the watcher's question must be answered, whatever the attacks do
QUESTIONS = [f"/api/deliverables/2025/{scope}/{item}/mandates" for scope in ("sp1", "sp2") for item in range(1, 11)]


def _rss(pid: int) -> int:
    """Resident memory of a process in bytes (VmRSS of /proc/<pid>/status); 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the server's query workers)."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in text:
            out.append(int(status.parent.name))
    return out


@dataclass(frozen=True)
class Hostile:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(env: dict[str, str], log_file: Path) -> Hostile:
    """`unodc-kg serve` on a free port of 127.0.0.1, its log in `log_file`; once it answers."""
    port = _free_port()
    with log_file.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "unodc_kg.cli", "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Hostile(f"http://127.0.0.1:{port}", proc, log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server did not start:\n{log_file.read_text()}")
        try:
            if httpx.get(server.url + "/sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    stop(server)
    raise RuntimeError("the server did not answer within 60 s")


def stop(server: Hostile) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@dataclass
class Watcher:
    """The second client: every 0.2 s a question and a memory reading, until stopped."""

    server: Hostile
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    server_rss: list[int] = field(default_factory=list)
    worker_rss: list[int] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hostile-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def sample_memory(self) -> None:
        self.server_rss.append(_rss(self.server.pid))
        self.worker_rss.append(max((_rss(c) for c in _children(self.server.pid)), default=0))

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=10) as client:
            n = 0
            while not self._stop.wait(0.2):
                path = QUESTIONS[n % len(QUESTIONS)]
                n += 1
                started = time.monotonic()
                try:
                    status = client.get(path, headers={"Accept": "application/json"}).status_code
                except httpx.HTTPError as exc:
                    self.failures.append(f"{path}: {exc!r}")
                    continue
                elapsed = time.monotonic() - started
                self.latencies.append(elapsed)
                if status != 200 or elapsed > PROMPT:
                    self.failures.append(f"{path}: {status} in {elapsed:.2f} s")
                self.sample_memory()
