"""A live server with low limits for the hostile-query suite, and the watcher that measures it (hostile_server).

The server is started here rather than by `server_factory`: its log goes to a file, not to a pipe nobody reads
(hundreds of requests fill a pipe, and a server that cannot write its log stops answering), and the suite needs
its process id to read its memory.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile_server import HOSTILE_ENV, Hostile, Watcher, start, stop


@pytest.fixture(scope="session")
def hostile(server_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    server = start({**server_env, **HOSTILE_ENV}, tmp_path_factory.mktemp("hostile") / "server.log")
    yield server
    stop(server)


@pytest.fixture(scope="session")
def watcher(hostile: Hostile) -> Iterator[Watcher]:
    w = Watcher(hostile)
    w.sample_memory()
    w.start()
    yield w
    w.stop()
