"""How the benchmarks reach the project's store and questions, whichever store interface the code has.

The store was one class (`unodc_kg.store.Store(nquads)`) and is becoming an interface with in-memory, on-disk
and remote kinds (`unodc_kg.store.open_store(location)`); the benchmarks use whichever the code under test has.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
BASE = "https://w3id.org/unodc-kg/"


def _open(url: str) -> Any:
    from unodc_kg.config import Settings
    from unodc_kg.store import locate, open_store  # type: ignore[attr-defined,unused-ignore]

    settings = Settings.from_env()
    return open_store(locate(url, settings), settings)


def open_memory(nquads: Path) -> Any:
    """The project's in-memory store over an N-Quads file."""
    import unodc_kg.store as store_module

    if hasattr(store_module, "locate"):
        return _open(f"file://{nquads.resolve()}")
    return store_module.Store(nquads)  # type: ignore[misc,call-arg,unused-ignore]  # before the interface


def open_disk(directory: Path) -> Any:
    """The project's on-disk store in `directory` (made by `unodc-kg load --store file:///dir`)."""
    return _open(f"file://{directory.resolve()}")


def mandates_service(store: Any) -> Any:
    from unodc_kg.iris import Iris
    from unodc_kg.query import Mandates

    return Mandates(store, Iris(BASE))


def cli_has(code: Path, command: str, flag: str) -> bool:
    """Whether `unodc-kg COMMAND --help` of the code under test mentions FLAG (e.g. load --store)."""
    from .measure import child_env

    try:
        out = subprocess.run(
            [sys.executable, "-m", "unodc_kg.cli", command, "--help"],
            capture_output=True,
            text=True,
            env=child_env(code),
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and flag in out.stdout
