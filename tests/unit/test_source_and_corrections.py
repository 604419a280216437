"""Unit tests of extract/source.py and extract/corrections.py.

read_source: corrections are applied (one line may become several, all keeping the source line
number); a correction that no longer matches, a UTF-16 or GBK file and a NUL byte are refused with
a SourceError naming the file and the line; a BOM is ignored. load_corrections: every malformed
entry is refused with a CorrectionError. Also checks that every fixture under fixtures/ is a
verbatim excerpt of the source.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import pytest

from unodc_kg.errors import CorrectionError, SourceError, UnodcKgError
from unodc_kg.extract.corrections import ANOMALY_KINDS, Correction, load_corrections
from unodc_kg.extract.source import SourceLine, read_source

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "A-79-6-Sect16.zh.txt"
CORRECTIONS = ROOT / "data" / "corrections.toml"
FIXTURES = Path(__file__).parent / "fixtures"
DOC = "a-79-6-sect16"


def fixture_text(first: int, last: int) -> str:
    return (FIXTURES / f"sect16-{first}-{last}.txt").read_text(encoding="utf-8")


def real_correction(line: int) -> Correction:
    return next(c for c in load_corrections(CORRECTIONS, DOC) if c.line == line)


# ------------------------------------------------------------------------------------ the fixtures


def _fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: p.name)
def test_fixture_is_a_verbatim_excerpt_of_the_source(path: Path) -> None:
    source = SOURCE.read_text(encoding="utf-8").split("\n")
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    rows = text.split("\n")[:-1]
    if m := re.fullmatch(r"sect16-(\d+)-(\d+)\.txt", path.name):
        first, last = int(m.group(1)), int(m.group(2))
        assert rows == source[first - 1 : last]
    else:
        assert path.name.endswith(".lines.txt")
        for row in rows:
            number, line = row.split("\t", 1)
            assert line == source[int(number) - 1], f"{path.name}: line {number}"


# ------------------------------------------------------------------------------------ read_source


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_read_source_without_corrections(tmp_path: Path) -> None:
    raw = fixture_text(199, 201).encode("utf-8")  # the Security Council list of subprogramme 1
    doc = read_source(write(tmp_path, raw), [], display_path="data/sources/x.txt")
    assert doc.lines == (
        SourceLine(1, "2117 (2013);\t2388 (2017)"),
        SourceLine(2, "2220 (2015);\t2551 (2020)"),
        SourceLine(3, "2331 (2016)\t2616 (2021)"),
    )
    assert doc.line_count == 3
    assert doc.display_path == "data/sources/x.txt"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.corrections == ()


def test_a_correction_turns_one_line_into_two_that_keep_its_number(tmp_path: Path) -> None:
    # Source lines 246-253 (CND list of subprogramme 2); line 252 is the 7th line of the excerpt.
    text = fixture_text(246, 253)
    fix = dataclasses.replace(real_correction(252), line=7)
    doc = read_source(write(tmp_path, text.encode("utf-8")), [fix])
    rows = text.split("\n")[:-1]
    assert doc.line_count == 8
    assert len(doc.lines) == 9
    assert [line.number for line in doc.lines] == [1, 2, 3, 4, 5, 6, 7, 7, 8]
    assert doc.lines[6:8] == (SourceLine(7, fix.corrected[0], fix), SourceLine(7, fix.corrected[1], fix))
    assert doc.lines[6].text.split("\t")[::2] == ["61/11", "65/4"]
    assert doc.lines[7].text.split("\t")[:3] == ["", "", "66/4"]
    # Uncorrected lines are read as they are, with no correction attached.
    assert [line.text for line in doc.lines if line.correction is None] == rows[:6] + rows[7:]
    assert doc.corrections == (fix,)


def test_corrections_are_kept_in_line_order(tmp_path: Path) -> None:
    path = write(tmp_path, b"a\nb\nc\n")
    late = Correction(DOC, 3, "lost-character", "c", ("C",), "r")
    early = Correction(DOC, 1, "lost-character", "a", ("A",), "r")
    doc = read_source(path, [late, early])
    assert doc.corrections == (early, late)
    assert [line.text for line in doc.lines] == ["A", "b", "C"]


def test_real_corrections_match_the_real_source() -> None:
    corrections = load_corrections(CORRECTIONS, DOC)
    # The corrections the unit tests rely on (others may be added).
    assert {(c.line, c.kind, len(c.corrected)) for c in corrections} >= {
        (232, "merged-cells", 2),
        (252, "merged-cells", 2),
        (336, "merged-cells", 2),
        (415, "lost-tabs", 1),
        (628, "wrong-column-header", 1),
        (636, "wrong-column-header", 1),
        (1272, "missing-label", 1),
    }
    doc = read_source(SOURCE, corrections, display_path="data/sources/A-79-6-Sect16.zh.txt")
    assert doc.line_count == len(SOURCE.read_text(encoding="utf-8").split("\n")) - 1
    assert len(doc.lines) == doc.line_count + sum(len(c.corrected) - 1 for c in corrections)
    assert [line.text for line in doc.lines if line.number == 628] == [
        "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2025 年 计划"
    ]
    assert [line.number for line in doc.lines].count(252) == 2


def test_a_correction_that_no_longer_matches_names_the_line(tmp_path: Path) -> None:
    text = fixture_text(627, 648)  # table 16.4; its header is the 2nd line of the excerpt
    fix = dataclasses.replace(real_correction(628), line=2)
    changed = text.replace("2024 年 计划\t2024 年 计划", "2024 年 计划\t2025 年 计划", 1)
    expected = r"^data/x\.txt:2: correction 'wrong-column-header' expects"
    with pytest.raises(SourceError, match=expected) as info:
        read_source(write(tmp_path, changed.encode("utf-8")), [fix], display_path="data/x.txt")
    assert info.value.path == "data/x.txt"
    assert info.value.line == 2
    assert info.value.text == "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2025 年 计划"
    assert "the source changed" in str(info.value)


def test_a_correction_of_the_wrong_line_does_not_match(tmp_path: Path) -> None:
    text = fixture_text(627, 648)
    fix = dataclasses.replace(real_correction(628), line=3)
    with pytest.raises(SourceError) as info:
        read_source(write(tmp_path, text.encode("utf-8")), [fix])
    assert info.value.line == 3


def test_a_correction_past_the_end_of_the_file(tmp_path: Path) -> None:
    fix = Correction(DOC, 9, "lost-character", "x", ("y",), "r")
    with pytest.raises(SourceError, match="past the end of the file") as info:
        read_source(write(tmp_path, b"a\nb\n"), [fix])
    assert info.value.line == 9


def test_utf16_is_refused(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-be"):
        data = fixture_text(145, 151).encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        with pytest.raises(SourceError, match="UTF-16") as info:
            read_source(write(tmp_path, data), [], display_path="data/sources/u16.txt")
        assert (info.value.path, info.value.line) == ("data/sources/u16.txt", 1)


def test_gbk_is_refused_at_its_first_non_ascii_line(tmp_path: Path) -> None:
    # Source lines 145-151: three Security Council symbols (ASCII) and the heading of the next list.
    data = fixture_text(145, 151).encode("gbk")
    with pytest.raises(SourceError, match=r"not UTF-8.*GBK") as info:
        read_source(write(tmp_path, data), [], display_path="data/sources/gbk.txt")
    assert (info.value.path, info.value.line) == ("data/sources/gbk.txt", 7)


def test_a_nul_byte_is_refused_naming_its_line(tmp_path: Path) -> None:
    rows = fixture_text(199, 201).split("\n")
    rows[2] = rows[2].replace("\t", "\t\x00")
    with pytest.raises(SourceError, match="NUL byte") as info:
        read_source(write(tmp_path, "\n".join(rows).encode("utf-8")), [])
    assert info.value.line == 3


def test_a_bom_is_ignored(tmp_path: Path) -> None:
    text = fixture_text(145, 151)
    raw = b"\xef\xbb\xbf" + text.encode("utf-8")
    doc = read_source(write(tmp_path, raw), [])
    assert doc.lines[0] == SourceLine(1, "2370 (2017)")
    assert [line.text for line in doc.lines] == text.split("\n")[:-1]
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()  # the checksum is of the file as it is


def test_crlf_line_ends_are_read_as_lf(tmp_path: Path) -> None:
    doc = read_source(write(tmp_path, b"2370 (2017)\r\n\r\n2482 (2019)\r\n"), [])
    assert [line.text for line in doc.lines] == ["2370 (2017)", "", "2482 (2019)"]


def test_a_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read the source") as info:
        read_source(tmp_path / "absent.txt", [], display_path="data/sources/absent.txt")
    assert info.value.line is None
    assert str(info.value).startswith("data/sources/absent.txt: ")


def test_source_errors_are_unodc_kg_errors() -> None:
    assert issubclass(SourceError, UnodcKgError)
    assert issubclass(CorrectionError, UnodcKgError)


# ------------------------------------------------------------------------------------ load_corrections

GOOD = """
[[correction]]
document = "a-79-6-sect16"
line = 628
kind = "wrong-column-header"
original = "类别和次类别\\t2023 年 计划\\t2023 年 实际\\t2024 年 计划\\t2024 年 计划"
corrected = "类别和次类别\\t2023 年 计划\\t2023 年 实际\\t2024 年 计划\\t2025 年 计划"
reason = "Read as 2025 planned."

[[correction]]
document = "e-cn7-2007-14"
line = 3
kind = "lost-character"
original = "a"
corrected = ["b", "c"]
reason = "  Another document.  "
"""


def toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "corrections.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_corrections(tmp_path: Path) -> None:
    path = toml(tmp_path, GOOD)
    header = Correction(
        DOC,
        628,
        "wrong-column-header",
        "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2024 年 计划",
        ("类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2025 年 计划",),
        "Read as 2025 planned.",
    )
    other = Correction("e-cn7-2007-14", 3, "lost-character", "a", ("b", "c"), "Another document.")
    assert load_corrections(path, DOC) == [header]
    assert load_corrections(path) == [header, other]
    assert load_corrections(path, "e-cn7-2007-14") == [other]


def test_a_missing_corrections_file_means_none(tmp_path: Path) -> None:
    assert load_corrections(tmp_path / "absent.toml") == []


def test_an_empty_corrections_file(tmp_path: Path) -> None:
    assert load_corrections(toml(tmp_path, "# nothing to correct\n")) == []


def test_every_kind_of_the_real_file_is_known() -> None:
    assert {c.kind for c in load_corrections(CORRECTIONS)} <= ANOMALY_KINDS


def _entry(**fields: object) -> str:
    base: dict[str, object] = {
        "document": DOC,
        "line": 628,
        "kind": "wrong-column-header",
        "original": "a",
        "corrected": "b",
        "reason": "Why.",
    }
    base.update(fields)
    out = ["[[correction]]"]
    for key, value in base.items():
        if value is None:
            continue  # leave the field out
        out.append(f"{key} = {value}" if isinstance(value, int | list) else f'{key} = "{value}"')
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[correction]]\ndocument = "a-79-6-sect16"\nline = \n', "not valid TOML"),
        ("[[correction]\nline = 1\n", "not valid TOML"),
        ("correction = 3\n", "expected \\[\\[correction\\]\\] tables"),
        (_entry(kind="typo"), "unknown kind 'typo'"),
        (_entry(reason=None), "needs document, line, kind, original, corrected, reason"),
        (_entry(reason="   "), "the reason must be given"),
        (_entry(original=None), "needs document, line, kind, original, corrected, reason"),
        (_entry(corrected=None), "needs document, line, kind, original, corrected, reason"),
        (_entry(line="twelve"), "needs document, line, kind, original, corrected, reason"),
        (_entry(line=0), "line must be >= 1"),
        (_entry(corrected=[1, 2]), "'corrected' must be a string or a list of strings"),
        (_entry() + _entry(original="c"), "line 628 of a-79-6-sect16 is corrected twice"),
    ],
    ids=[
        "malformed-value",
        "malformed-table",
        "not-tables",
        "unknown-kind",
        "missing-reason",
        "blank-reason",
        "missing-original",
        "missing-corrected",
        "line-not-a-number",
        "line-zero",
        "corrected-not-strings",
        "duplicate-line",
    ],
)
def test_malformed_corrections_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = toml(tmp_path, text)
    with pytest.raises(CorrectionError, match=message) as info:
        load_corrections(path, DOC)
    assert str(path) in str(info.value)


def test_a_duplicate_is_refused_even_for_another_document(tmp_path: Path) -> None:
    # Duplicates are checked over the whole file, not only over the document asked for.
    text = _entry(document="e-cn7-2007-14", line=5) + _entry(document="e-cn7-2007-14", line=5)
    with pytest.raises(CorrectionError, match="corrected twice"):
        load_corrections(toml(tmp_path, text), DOC)


def test_the_same_line_of_two_documents_is_not_a_duplicate(tmp_path: Path) -> None:
    text = _entry() + _entry(document="e-cn7-2007-14")
    assert [c.document for c in load_corrections(toml(tmp_path, text))] == [DOC, "e-cn7-2007-14"]


def test_non_utf8_corrections_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.toml"
    path.write_bytes(_entry(reason="改正").encode("gbk"))
    with pytest.raises(CorrectionError, match="not valid TOML"):
        load_corrections(path)
