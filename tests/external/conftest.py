"""The graph in an external store, for real: a private Virtuoso on 127.0.0.1, the session's build loaded into it with
`unodc-kg load --store …`, and `unodc-kg serve --store …` in front of it.

Debian's virtuoso-opensource-7 is installed by `make virtuoso` (part of `make test`). Without it these tests fail in
CI (CI=true), loudly, and are skipped elsewhere with the reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import RemoteStore, StoreLocation

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import virtuoso  # noqa: E402  (beside this file)


def _require_virtuoso() -> None:
    if virtuoso.installed():
        return
    reason = (
        f"{virtuoso.SERVER} and {virtuoso.ISQL} are not installed: `make virtuoso` installs Debian's "
        "virtuoso-opensource-7 (as root or with sudo)"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"the external-store tests must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso.Virtuoso]:
    """A Virtuoso with an empty database, its system graphs hidden, on free ports of 127.0.0.1."""
    _require_virtuoso()
    server = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def store_env(settings: Settings) -> dict[str, str]:
    """The environment of a command that reads the session's build and may write to the Virtuoso."""
    return {
        **os.environ,
        "UNODC_KG_OUTPUT": str(settings.generated_dir),
        "UNODC_KG_STORE_USER": virtuoso.USER,
        "UNODC_KG_STORE_PASSWORD": virtuoso.PASSWORD,
    }


def unodc_kg(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user does."""
    return subprocess.run(
        [sys.executable, "-m", "unodc_kg.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def loaded(
    virtuoso_server: virtuoso.Virtuoso, store_env: dict[str, str], build: pipeline.BuildResult
) -> subprocess.CompletedProcess[str]:
    """`unodc-kg load --store http://127.0.0.1:…/sparql`: the session's build, in the Virtuoso."""
    done = unodc_kg("load", "--store", virtuoso_server.sparql, env=store_env)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="session")
def remote_store(virtuoso_server: virtuoso.Virtuoso, loaded: subprocess.CompletedProcess[str]) -> Iterator[RemoteStore]:
    """The store interface over the loaded Virtuoso (as anonymous SPARQL reader, as the server is)."""
    store = RemoteStore(StoreLocation("remote", url=virtuoso_server.sparql), timeout=60)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def remote_mandates(remote_store: RemoteStore, settings: Settings) -> Mandates:
    return Mandates(remote_store, Iris(settings.base))


@pytest.fixture(scope="session")
def remote_server(
    virtuoso_server: virtuoso.Virtuoso,
    loaded: subprocess.CompletedProcess[str],
    server_factory: Callable[[dict[str, str]], str],
) -> str:
    """Base URL of `unodc-kg serve` in front of the Virtuoso (the same limits as the embedded `server`)."""
    return server_factory({"UNODC_KG_STORE": virtuoso_server.sparql})


# HTTP clients of the embedded store's server and of the server in front of Virtuoso


@pytest.fixture(scope="module")
def embedded(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def remote(remote_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=remote_server, timeout=60) as client:
        yield client
