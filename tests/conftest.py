"""Shared fixtures: one real build of the real sources per test session, into a temporary folder.

The committed outputs in data/generated/ are never written by the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import Store

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
    """Extract and convert the real sources once, and write the outputs to the session's folder."""
    result = pipeline.assemble(settings)
    pipeline.write_atomically(pipeline.outputs(settings, result))
    return result


@pytest.fixture(scope="session")
def extracted(build: pipeline.BuildResult):  # type: ignore[no-untyped-def]
    """The records of the 2025 budget section."""
    return build.documents["a-79-6-sect16"]


@pytest.fixture(scope="session")
def store(settings: Settings, build: pipeline.BuildResult) -> Store:
    return Store(settings.nquads_file)


@pytest.fixture(scope="session")
def mandates(store: Store, settings: Settings) -> Mandates:
    """The question service the CLI and the API use."""
    return Mandates(store, Iris(settings.base))
