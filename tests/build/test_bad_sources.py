"""Bad sources, nothing lost (issue 6, item 4).

A source re-encoded (UTF-16 with or without a byte-order mark, GBK), cut short (half its bytes, half its
lines, or exactly after a subprogramme), mangled (a table row that lost a figure), emptied, or of a layout no
adapter reads, stops `unodc-kg build` with exit status 2 and a message naming the file, the line and what
was expected there; every file of the output folder is byte for byte what it was, and nothing is left
beside it.

The project folder is a copy whose sources can be spoiled (the rest is linked to the real project); its
output folder starts as the session's good build.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from unodc_kg import cli, pipeline
from unodc_kg.config import Settings
from unodc_kg.extract.corrections import load_corrections

ROOT = Path(__file__).resolve().parents[2]
BUDGET, STRATEGY = "A-79-6-Sect16.zh.txt", "E-CN7-2007-14.zh.txt"
Spoil = Callable[[str, bytes], None]
Captured = pytest.CaptureFixture[str]


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path

    def source(self, name: str) -> Path:
        return self.root / "data" / "sources" / name


def snapshot(folder: Path) -> dict[str, str]:
    """The sha256 of every file in the folder, and the names beside it (leftovers of a build would show)."""
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}
    return {**files, "(beside)": " ".join(sorted(p.name for p in folder.parent.iterdir()))}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, settings: Settings, build: pipeline.BuildResult) -> Project:
    root = tmp_path_factory.mktemp("bad-sources")
    (root / "data").mkdir()
    for part in ("ontology", "shapes", "queries"):
        (root / part).symlink_to(ROOT / part)
    for part in ("reference", "corrections.toml", "sources.toml"):
        (root / "data" / part).symlink_to(ROOT / "data" / part)
    shutil.copytree(ROOT / "data" / "sources", root / "data" / "sources")
    out = root / "out" / "generated"
    shutil.copytree(settings.generated_dir, out)  # the last good build
    return Project(root, out)


@pytest.fixture
def spoil(project: Project, monkeypatch: pytest.MonkeyPatch) -> Iterator[Spoil]:
    """Replace a source's bytes for one test; the real ones are put back after it."""
    monkeypatch.setenv("UNODC_KG_ROOT", str(project.root))
    monkeypatch.setenv("UNODC_KG_OUTPUT", str(project.out))
    originals: dict[Path, bytes] = {}

    def put(name: str, data: bytes) -> None:
        path = project.source(name)
        originals.setdefault(path, path.read_bytes())
        path.unlink()  # the copies are read-only, as the real ones
        path.write_bytes(data)

    yield put
    for path, data in originals.items():
        path.unlink()
        path.write_bytes(data)


def real(name: str) -> bytes:
    return (ROOT / "data" / "sources" / name).read_bytes()


def lines_of(name: str) -> list[str]:
    return real(name).decode("utf-8").split("\n")[:-1]


def whole_lines(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def number_of(name: str, pattern: str) -> int:
    """The source line number of the first line matching `pattern`."""
    return next(i for i, t in enumerate(lines_of(name), start=1) if re.search(pattern, t))


def fails(project: Project, capsys: pytest.CaptureFixture[str], name: str, line: int, *expected: str) -> str:
    """The build exits with 2, naming the file and the line, saying what was expected; the outputs are as they were."""
    before = snapshot(project.out)
    status = cli.main(["build"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert f"unodc-kg build: data/sources/{name}:{line}: " in err, err
    for phrase in expected:
        assert phrase in err, err
    assert snapshot(project.out) == before
    return err


# ---------------------------------------------------------------------------------------------- encodings


def test_utf16_with_a_byte_order_mark(spoil: Spoil, project: Project, capsys: Captured) -> None:
    spoil(BUDGET, real(BUDGET).decode("utf-8").encode("utf-16"))
    fails(project, capsys, BUDGET, 1, "not UTF-8: looks like UTF-16 (it starts with a byte-order mark)")


def test_utf16_without_a_byte_order_mark(spoil: Spoil, project: Project, capsys: Captured) -> None:
    spoil(STRATEGY, real(STRATEGY).decode("utf-8").encode("utf-16-le"))
    fails(project, capsys, STRATEGY, 1, "not UTF-8: looks like UTF-16 (little-endian, no byte-order mark)")


def test_gbk_is_named_at_its_first_chinese_line(
    spoil: Spoil, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    spoil(BUDGET, real(BUDGET).decode("utf-8").encode("gbk", errors="replace"))
    first = next(i for i, t in enumerate(lines_of(BUDGET), start=1) if not t.isascii())
    err = fails(project, capsys, BUDGET, first, "not UTF-8: the bytes at line", "(re-encoded as GBK?)")
    assert f"the line reads: {lines_of(BUDGET)[first - 1]!r}" in err  # shown as it reads in GBK


# ---------------------------------------------------------------------------------------------- truncation


def test_half_the_bytes(spoil: Spoil, project: Project, capsys: Captured) -> None:
    raw = real(BUDGET)
    half = raw[: len(raw) // 2]
    spoil(BUDGET, half)
    line = half.count(b"\n") + 1
    err = fails(project, capsys, BUDGET, line, "truncated?")
    assert "ends in the middle of" in err


def test_half_the_lines(spoil: Spoil, project: Project, capsys: Captured) -> None:
    """Cut before a line the corrections file corrects: the first such line past the end is named."""
    rows = lines_of(BUDGET)
    spoil(BUDGET, whole_lines(rows[: len(rows) // 2]))
    fails(project, capsys, BUDGET, 1272, f"past the end of the file (it ends at line {len(rows) // 2}): truncated?")


def test_cut_exactly_after_a_subprogramme(spoil: Spoil, project: Project, capsys: Captured) -> None:
    """Whole lines, ending with the deliverables table of subprogramme 8: every check of the text itself passes;
    the table of contents names what is missing (its line for the first component of subprogramme 9)."""
    cut = number_of(BUDGET, r"^次级方案 9$")
    spoil(BUDGET, whole_lines(lines_of(BUDGET)[: cut - 1]))
    toc = number_of(BUDGET, r"^构成部分 1, .*\t\d+$")
    fails(project, capsys, BUDGET, toc, "the table of contents lists 2025/sp9-1", f"the text stops at line {cut - 1}")


def test_the_strategy_cut_before_its_last_chapter(
    spoil: Spoil, project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The first line the corrections file corrects past the new end is named, with where the text now ends."""
    cut = number_of(STRATEGY, r"^三\. 管理支助")
    spoil(STRATEGY, whole_lines(lines_of(STRATEGY)[: cut - 1]))
    corrected = min(
        c.line for c in load_corrections(ROOT / "data" / "corrections.toml", "e-cn7-2007-14") if c.line >= cut
    )
    fails(project, capsys, STRATEGY, corrected, f"past the end of the file (it ends at line {cut - 1}): truncated?")


# ---------------------------------------------------------------------------------------- mangled, layout


def test_a_table_row_that_lost_a_figure(spoil: Spoil, project: Project, capsys: Captured) -> None:
    rows = lines_of(BUDGET)
    n = next(i for i, t in enumerate(rows, start=1) if re.match(r"^\d+\. .*(\t\d+){4}$", t))
    rows[n - 1] = rows[n - 1].rsplit("\t", 1)[0]
    spoil(BUDGET, whole_lines(rows))
    fails(project, capsys, BUDGET, n, "deliverables table: expected 4 figures (one per column), found 3")


def test_an_empty_file(spoil: Spoil, project: Project, capsys: Captured) -> None:
    spoil(STRATEGY, b"\n\n")
    fails(project, capsys, STRATEGY, 1, "the file is empty")


def test_the_other_documents_layout(spoil: Spoil, project: Project, capsys: Captured) -> None:
    """The strategy's text where the manifest expects a budget section: the adapter that would read it is named."""
    spoil(BUDGET, real(STRATEGY))
    fails(
        project,
        capsys,
        BUDGET,
        1,
        "unknown document layout for the programme-budget-section adapter",
        "it reads like a strategy-2008-2011 document",
    )


def test_a_layout_no_adapter_reads(spoil: Spoil, project: Project, capsys: Captured) -> None:
    spoil(STRATEGY, (ROOT / "README.md").read_bytes())
    fails(
        project,
        capsys,
        STRATEGY,
        1,
        "unknown document layout for the strategy-2008-2011 adapter",
        "expected a title '…2008-2011 年战略' and then a summary '摘要'",
        "no adapter knows this layout",
    )


def test_a_real_process_exits_with_2(spoil: Spoil, project: Project) -> None:
    """The same through the installed command, as a shell or CI sees it."""
    spoil(BUDGET, real(BUDGET).decode("utf-8").encode("utf-16"))
    before = snapshot(project.out)
    env = {**os.environ, "UNODC_KG_ROOT": str(project.root), "UNODC_KG_OUTPUT": str(project.out)}
    p = subprocess.run(
        [sys.executable, "-m", "unodc_kg.cli", "build"], env=env, capture_output=True, text=True, timeout=120
    )
    assert p.returncode == 2
    assert p.stderr.startswith(f"unodc-kg build: data/sources/{BUDGET}:1: not UTF-8: looks like UTF-16")
    assert "Traceback" not in p.stderr
    assert snapshot(project.out) == before
