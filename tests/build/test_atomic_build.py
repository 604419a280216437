"""The build publishes its outputs all at once or not at all (issue 6, item 4; pipeline.write_atomically).

A server answers from a good build; a second build is killed (SIGKILL) once midway (after extraction) and
once while it writes its outputs (frozen with SIGSTOP the moment its staging folder appears, looked at,
then killed). Each time the server answers as before, every output file is byte for byte what it was, and
what the killed build left is removed by the next build, which succeeds and writes the same bytes. The
killed builds use another base IRI (and skip validation and reasoning, to get there sooner), so that every
file they would have written differs from the served ones: a partly published build could not hide.

The swap itself is one renameat2(RENAME_EXCHANGE); the two-rename fallback, a failed check and a folder
holding what the build does not write are tested on small folders.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]
OTHER_BASE = "https://example.org/other-kg/"  # the killed builds' IRIs: every file they write differs
COUNT = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def snapshot(folder: Path) -> dict[str, str]:
    """The sha256 of every file in the folder, and the names beside it (leftovers of a build would show)."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    return {**files, "(beside)": " ".join(sorted(p.name for p in folder.parent.iterdir()))}


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as r:
        return bytes(r.read())


def served(url: str) -> dict[str, bytes]:
    """Answers of the server: the mandates of a deliverable, a table, the statements of every named graph."""
    query = urllib.parse.urlencode({"query": COUNT})
    return {
        "mandates": get(f"{url}/api/deliverables/2025/sp1/7/mandates"),
        "table": get(f"{url}/api/deliverables?scope=2025/sp1"),
        "graphs": get(f"{url}/sparql?{query}"),
    }


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, settings: Settings, build: pipeline.BuildResult) -> Path:
    """An output folder holding the session's good build, in a folder of its own (so that leftovers show)."""
    folder = tmp_path_factory.mktemp("atomic") / "generated"
    shutil.copytree(settings.generated_dir, folder)
    return folder


def start_build(out: Path, log: Path, *args: str) -> subprocess.Popen[bytes]:
    """`unodc-kg -v build` (or other arguments) into `out`, its log to `log`."""
    env = {**os.environ, "UNODC_KG_OUTPUT": str(out)}
    with log.open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "unodc_kg.cli", "-v", *(args or ("build",))],
            env=env,
            cwd=ROOT,
            stdout=err,
            stderr=err,
        )


def start_other_build(out: Path, log: Path) -> subprocess.Popen[bytes]:
    """A build whose every output differs from the served one (another base IRI, no inferred graph), quickly."""
    return start_build(out, log, "--base", OTHER_BASE, "build", "--no-validate", "--no-reason")


def wait_for(proc: subprocess.Popen[bytes], ready: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"the build ended (status {proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.002)


def staging(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.new-*"))


def test_a_killed_build_changes_nothing_served_or_written(
    out: Path, server_factory: Callable[[dict[str, str]], str], tmp_path: Path
) -> None:
    url = server_factory({"UNODC_KG_OUTPUT": str(out)})
    answers, files = served(url), snapshot(out)
    assert json.loads(answers["mandates"])  # a real answer, not an empty one
    log = tmp_path / "build.log"

    # Killed midway: the sources are read, nothing is written yet.
    proc = start_other_build(out, log)
    wait_for(proc, lambda: b"read with the" in log.read_bytes(), "the sources read")
    proc.kill()
    proc.wait()
    assert snapshot(out) == files
    assert served(url) == answers

    # Killed while writing its outputs: frozen as soon as its staging folder appears, looked at, then killed.
    proc = start_other_build(out, log)
    wait_for(proc, lambda: bool(staging(out)), "a staging folder")
    proc.send_signal(signal.SIGSTOP)
    try:
        assert {k: v for k, v in snapshot(out).items() if k != "(beside)"} == {
            k: v for k, v in files.items() if k != "(beside)"
        }
        assert served(url) == answers
    finally:
        proc.kill()
        proc.wait()
    left = staging(out)
    assert left, "the killed build left its staging folder (removed by the next build)"
    assert snapshot(out) == {**files, "(beside)": " ".join(sorted([out.name, *(p.name for p in left)]))}
    assert served(url) == answers

    # The next build succeeds, removes the leftovers and, from the same sources, writes the same bytes.
    proc = start_build(out, log)
    assert proc.wait(timeout=300) == 0, log.read_text(encoding="utf-8")
    assert "removing" in log.read_text(encoding="utf-8")
    assert snapshot(out) == files
    assert served(url) == answers


# ------------------------------------------------------------------------------ the swap, on small folders

NQ = b'<https://w3id.org/unodc-kg/id/a> <https://w3id.org/unodc-kg/p> "x" <https://w3id.org/unodc-kg/graph/g> .\n'


def publish(folder: Path, tag: str, **options: bool) -> list[Path]:
    return pipeline.write_atomically({folder / "a.ttl": f"# {tag}\n".encode(), folder / "unodc-kg.nq": NQ}, **options)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_build_killed_between_the_two_renames_of_the_fallback_is_rolled_back(tmp_path: Path) -> None:
    """Where there is no one-step swap, the folder is moved aside, then the new one renamed in: a build killed
    in between leaves no output folder; the next build puts the old one back before it publishes."""
    folder = tmp_path / "generated"
    publish(folder, "old", replace_all=True)
    old = contents(folder)
    folder.rename(tmp_path / ".generated.old-4242")  # the state after the first rename
    (tmp_path / ".generated.new-x1").mkdir()  # and the complete new set, not yet renamed in
    pipeline._clean_leftovers(folder.resolve())
    assert contents(folder) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_without_a_one_step_swap_the_two_renames_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "generated"
    publish(folder, "old", replace_all=True)
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)
    publish(folder, "new", replace_all=True)
    assert contents(folder)["a.ttl"] == b"# new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_a_leftover_of_a_build_killed_after_the_swap_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "generated"
    publish(folder, "old", replace_all=True)
    (tmp_path / ".generated.new-abc").mkdir()  # the old set, not yet removed when the build was killed
    (tmp_path / ".generated.new-abc" / "a.ttl").write_bytes(b"# older\n")
    publish(folder, "new", replace_all=True)
    assert contents(folder)["a.ttl"] == b"# new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_outputs_that_fail_their_check_are_not_published(tmp_path: Path) -> None:
    folder = tmp_path / "generated"
    publish(folder, "old", replace_all=True)
    before = contents(folder)
    with pytest.raises(BuildError, match="the new N-Quads do not load"):
        pipeline.write_atomically({folder / "unodc-kg.nq": b"<not n-quads\n"}, replace_all=True)
    assert contents(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_a_folder_holding_what_the_build_does_not_write_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "generated"
    publish(folder, "old", replace_all=True)
    (folder / "notes.txt").write_text("mine")
    before = contents(folder)
    with pytest.raises(BuildError, match=r"holds notes\.txt, which the build does not write"):
        publish(folder, "new", replace_all=True)
    assert contents(folder) == before


def test_a_build_replaces_the_whole_set_and_reason_only_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "generated"
    pipeline.write_atomically({folder / "gone.ttl": b"# a document no longer in the manifest\n"})
    publish(folder, "kept")  # `unodc-kg reason`: the other files are carried over
    assert sorted(contents(folder)) == ["a.ttl", "gone.ttl", "unodc-kg.nq"]
    publish(folder, "build", replace_all=True)  # a build: the set is what it writes
    assert sorted(contents(folder)) == ["a.ttl", "unodc-kg.nq"]
    assert oct(folder.stat().st_mode & 0o777) == "0o755" and oct((folder / "a.ttl").stat().st_mode & 0o777) == "0o644"


def test_outputs_in_two_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="one folder"):
        pipeline.write_atomically({tmp_path / "a" / "x.ttl": b"", tmp_path / "b" / "y.ttl": b""})
