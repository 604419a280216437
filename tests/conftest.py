"""Shared fixtures: one real build of the real sources per test session, into a temporary folder.

The committed outputs in data/generated/ are never written by the tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import MemoryStore, Store

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "sources" / "A-79-6-Sect16.zh.txt"


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    """The project's copy of A/79/6 (Sect. 16); index n-1 is source line n."""
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(root=ROOT, output=tmp_path_factory.mktemp("generated"))


@pytest.fixture(scope="session")
def build(settings: Settings) -> pipeline.BuildResult:
    """Extract and convert the real sources once, reason, and write the outputs to the session's folder.

    `build.graphs` holds the asserted graphs and the inferred one; `build.union()` is all of them and
    `build.asserted()` all but the inferred graph.
    """
    result = pipeline.assemble(settings)
    pipeline.infer(settings, result)
    pipeline.write_atomically(pipeline.outputs(settings, result))
    return result


@pytest.fixture(scope="session")
def extracted(build: pipeline.BuildResult):  # type: ignore[no-untyped-def]
    """The records of the 2025 budget section."""
    return build.documents["a-79-6-sect16"]


@pytest.fixture(scope="session")
def store(settings: Settings, build: pipeline.BuildResult) -> Store:
    return MemoryStore(settings.nquads_file)


@pytest.fixture(scope="session")
def mandates(store: Store, settings: Settings) -> Mandates:
    """The question service the CLI and the API use."""
    return Mandates(store, Iris(settings.base))


# ---------------------------------------------------------------------- a live server on 127.0.0.1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "unodc_kg.cli", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/api/deliverables?scope=2025/sp1", timeout=2).close()
            return proc, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr else ""
                raise RuntimeError(f"the server did not start:\n{err}") from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not answer within 60 s")


@pytest.fixture(scope="session")
def server_env(settings: Settings, build: pipeline.BuildResult) -> dict[str, str]:
    """The environment of a server that serves the session's build (limits may be overridden per server)."""
    return {**os.environ, "UNODC_KG_OUTPUT": str(settings.generated_dir), "UNODC_KG_QUERY_TIMEOUT": "3"}


@pytest.fixture(scope="session")
def server_factory(server_env: dict[str, str]) -> Iterator[Callable[[dict[str, str]], str]]:
    """Start another live server with some settings changed (e.g. {"UNODC_KG_ANSWER_CACHE_MB": "0"}); stopped at
    the end of the session."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(changes: dict[str, str]) -> str:
        proc, url = start_server({**server_env, **changes})
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server(server_env: dict[str, str]) -> Iterator[str]:
    """Base URL of a live unodc-kg server (query time limit 3 s)."""
    proc, url = start_server(server_env)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
