"""The on-disk Oxigraph store: `unodc-kg load --store file:///dir` writes it beside the old one and swaps it in when
checked; `serve --store file:///dir` opens it read-only, in the server and in every SPARQL worker."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import DiskStore, MemoryStore, StoreLocation, open_store
from unodc_kg.store.disk_load import load_disk

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["2025/sp1/7", "2025/sp9-2/16", "2025/programme/1", "2025/sp3/c-1"]


def unodc_kg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unodc_kg.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def env(settings: Settings, build: object) -> dict[str, str]:
    return {**os.environ, "UNODC_KG_OUTPUT": str(settings.generated_dir)}


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A store loaded by the command line, as a user does."""
    target = tmp_path_factory.mktemp("disk") / "store"
    done = unodc_kg("load", "--store", f"file://{target}", env=env)
    assert done.returncode == 0, done.stderr
    assert f"into file://{target}" in done.stdout
    return target


@pytest.fixture(scope="module")
def disk(directory: Path) -> Iterator[DiskStore]:
    store = DiskStore(directory)
    yield store
    store.close()


def test_the_directory_holds_the_database_and_its_manifest(directory: Path, store: MemoryStore) -> None:
    assert sorted(p.name for p in directory.iterdir()) == ["load.json", "oxigraph"]
    manifest = json.loads((directory / "load.json").read_text())
    assert manifest["digest"] == store.version  # the sha256 of the N-Quads it was loaded from
    assert sum(manifest["graphs"].values()) == len(store)


def test_it_answers_as_the_store_in_memory(disk: DiskStore, store: MemoryStore, settings: Settings) -> None:
    assert disk.version == store.version and len(disk) == len(store) and disk.graphs() == store.graphs()
    on_disk, in_memory = Mandates(disk, Iris(settings.base)), Mandates(store, Iris(settings.base))
    for key in KEYS:
        assert on_disk.mandates(key) == in_memory.mandates(key)
    assert on_disk.instrument_deliverables("ga/75-194") == in_memory.instrument_deliverables("ga/75-194")
    assert on_disk.search("贩运人口") == in_memory.search("贩运人口")


def test_open_store_opens_it_by_location(directory: Path, settings: Settings, store: MemoryStore) -> None:
    opened = open_store(StoreLocation("disk", path=directory), settings)
    assert isinstance(opened, DiskStore) and opened.version == store.version


def test_a_failed_load_leaves_the_old_store(directory: Path, settings: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "unodc-kg.nq"
    shutil.copy(settings.nquads_file, broken)
    with broken.open("a", encoding="utf-8") as f:
        f.write("<urn:x:a> <urn:x:b> this is not N-Quads .\n")
    before = sorted(p.name for p in directory.parent.iterdir())
    manifest = (directory / "load.json").read_text()
    with pytest.raises(Exception, match=r"unodc-kg\.nq: cannot load into"):
        load_disk(broken, directory)
    assert (directory / "load.json").read_text() == manifest
    assert sorted(p.name for p in directory.parent.iterdir()) == before  # no half-made directory left beside it
    assert DiskStore(directory).ask("ASK { ?d a <https://w3id.org/unodc-kg/ontology/Deliverable> }")


def test_loading_again_replaces_the_store(directory: Path, settings: Settings, store: MemoryStore) -> None:
    report = load_disk(settings.nquads_file, directory)
    assert report.digest == store.version and sum(report.graphs.values()) == len(store)
    assert DiskStore(directory).graphs() == store.graphs()


def test_load_refuses_a_directory_that_is_not_a_store(tmp_path: Path, env: dict[str, str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    done = unodc_kg("load", "--store", f"file://{tmp_path}", env=env)
    assert done.returncode == 2
    assert "is not a store made by `unodc-kg load`" in done.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_serving_it_with_sparql_workers_reading_it(
    directory: Path, server: str, server_factory: Callable[[dict[str, str]], str]
) -> None:
    url = server_factory({"UNODC_KG_STORE": f"file://{directory}", "UNODC_KG_WORKERS": "2"})
    with httpx.Client(timeout=60) as client:
        for key in KEYS[:2]:
            path = f"/api/deliverables/{key}/mandates"
            assert client.get(url + path).json() == client.get(server + path).json()
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        answers = [
            client.post(u + "/sparql", data={"query": query}, headers={"Accept": "text/csv"}) for u in (url, server)
        ]
        assert answers[0].status_code == 200 and answers[0].text == answers[1].text
