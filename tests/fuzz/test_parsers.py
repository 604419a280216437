"""The source parsers, fuzzed on mutated excerpts of the real sources (issue 6, 3b).

Each strategy takes the real text of A/79/6 (Sect. 16) or of E/CN.7/2007/14 (a whole document, a window
of lines, a deliverables table, a mandate list, a measure table, the bytes of a file) and mutates it the way
a damaged conversion would: lines deleted, duplicated or swapped, characters flipped, random text inserted
(control characters, full-width digits, tabs, superscripts), a line cut short and the rest lost, paragraph
numbers removed, table rows given a cell too many or too few or a figure in other digits, headings given
another Chinese numeral, the file re-encoded or cut. Every parser must then either read the text or raise
our own SourceError naming the file; never IndexError, KeyError, ValueError…

The examples are derandomized (the same ones on every run) and bounded so that the file runs in well under
a minute. What the fuzzer found is kept as plain regression tests at the end.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.errors import SourceError
from unodc_kg.extract.budget import CJK_NUMBER, BudgetSectionAdapter, DocumentSpec, cjk_number
from unodc_kg.extract.citations import find_citations, find_sdgs
from unodc_kg.extract.corrections import load_corrections
from unodc_kg.extract.deliverables import parse_deliverables
from unodc_kg.extract.mandates import parse_symbol_list
from unodc_kg.extract.performance import is_header, parse_measure_table
from unodc_kg.extract.records import DeliverablesTable, PerformanceMeasure
from unodc_kg.extract.source import SourceDocument, SourceLine, read_source
from unodc_kg.extract.strategy import StrategyAdapter
from unodc_kg.iris import Iris
from unodc_kg.reference import Reference, load_reference

FUZZ = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def fuzz(examples: int) -> settings:
    """The examples of one test: fixed (derandomized), no deadline, no example database."""
    return settings(FUZZ, max_examples=examples)


SETTINGS = Settings()
BUDGET, STRATEGY = "a-79-6-sect16", "e-cn7-2007-14"

# Text a damaged conversion might put in a line: control characters, full-width digits and punctuation,
# superscripts, tabs, dashes, the markers the parsers look for.
NOISE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\t\x00\x01\x0b\x0c\x1b\x7f\u200b\u3000\ufeff\r")),
        st.sampled_from(list("０１２３４５６７８９．：（）；，")),
        st.sampled_from(list("¹²³⁴⁵⁶⁷⁸⁹⁰—–-•*^()[]《》第号决议决定表图款")),
        st.sampled_from(list("0123456789./ABCabc ")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=12,
)
PARAGRAPH_NUMBER = re.compile(r"^(\s*-?\s*)(?:\d+\.\d+\.?|\(\w\)|成果领域\s*\d+\.\d+\.?|\d+\.\d+\.\d+\.?)\s*")


@functools.cache
def reference() -> Reference:
    return load_reference(SETTINGS, Iris(SETTINGS.base))


@functools.cache
def spec(key: str) -> DocumentSpec:
    return next(d for d in reference().documents if d.key == key)


@functools.cache
def real(key: str) -> SourceDocument:
    """The real source, corrections applied."""
    d = spec(key)
    return read_source(SETTINGS.sources_dir / d.file, load_corrections(SETTINGS.corrections_file, key), d.file)


def extract(key: str, lines: Sequence[SourceLine]) -> Any:
    src = dataclasses.replace(real(key), lines=tuple(lines), line_count=max((x.number for x in lines), default=0))
    adapter = BudgetSectionAdapter if key == BUDGET else StrategyAdapter
    return adapter(spec(key), reference().lexicon).extract(src)


# ---------------------------------------------------------------------------------------- mutations


def _delete(lines: list[SourceLine], i: int, n: int, _: str) -> list[SourceLine]:
    return lines[:i] + lines[i + n :]


def _duplicate(lines: list[SourceLine], i: int, n: int, _: str) -> list[SourceLine]:
    return lines[: i + n] + lines[i : i + n] + lines[i + n :]


def _swap(lines: list[SourceLine], i: int, n: int, _: str) -> list[SourceLine]:
    j = min(len(lines) - 1, i + n)
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def _retext(lines: list[SourceLine], i: int, text: str) -> list[SourceLine]:
    out = list(lines)
    out[i] = dataclasses.replace(out[i], text=text)
    return out


def _flip(lines: list[SourceLine], i: int, n: int, noise: str) -> list[SourceLine]:
    t = lines[i].text
    k = n % (len(t) + 1)
    return _retext(lines, i, t[:k] + noise[:1] + t[k + 1 :])


def _insert(lines: list[SourceLine], i: int, n: int, noise: str) -> list[SourceLine]:
    t = lines[i].text
    k = n % (len(t) + 1)
    return _retext(lines, i, t[:k] + noise + t[k:])


def _new_line(lines: list[SourceLine], i: int, n: int, noise: str) -> list[SourceLine]:
    return [*lines[:i], SourceLine(lines[i].number, noise), *lines[i:]]


def _cut(lines: list[SourceLine], i: int, n: int, _: str) -> list[SourceLine]:
    """The file ends in the middle of line i."""
    t = lines[i].text
    return [*lines[:i], dataclasses.replace(lines[i], text=t[: n % (len(t) + 1)])]


def _unnumber(lines: list[SourceLine], i: int, n: int, _: str) -> list[SourceLine]:
    """Paragraph numbers lost: on this line and the next n."""
    out = list(lines)
    for k in range(i, min(len(out), i + n + 1)):
        out[k] = dataclasses.replace(out[k], text=PARAGRAPH_NUMBER.sub(r"\1", out[k].text, count=1))
    return out


DIGIT_LIKE = "0123456789０１２３４５６７８９¹²³⁰٣३一二三四五六七八九十"


def _cells(lines: list[SourceLine], i: int, n: int, noise: str) -> list[SourceLine]:
    """A table row with a cell lost, a cell added, or a cell's content replaced."""
    cells = lines[i].text.split("\t")
    k = n % len(cells)
    if n % 4 == 0:
        del cells[k]
    elif n % 4 == 1:
        cells.insert(k, noise)
    elif n % 4 == 2:
        cells[k] = noise
    else:  # a figure printed in other digits: full-width, superscript, Arabic-Indic, Chinese
        cells[k] = "".join(DIGIT_LIKE[ord(c) % len(DIGIT_LIKE)] for c in noise[:3])
    return _retext(lines, i, "\t".join(cells))


def _digits(lines: list[SourceLine], i: int, n: int, noise: str) -> list[SourceLine]:
    """A digit or a Chinese numeral of the line replaced by one to three digit-like characters."""
    t = lines[i].text
    spots = [k for k, c in enumerate(t) if c in DIGIT_LIKE]
    if not spots:
        return lines
    k = spots[n % len(spots)]
    new = "".join(DIGIT_LIKE[(ord(c) + n) % len(DIGIT_LIKE)] for c in noise[: 1 + n % 3])
    return _retext(lines, i, t[:k] + new + t[k + 1 :])


MUTATIONS: dict[str, Callable[[list[SourceLine], int, int, str], list[SourceLine]]] = {
    "digits": _digits,
    "delete": _delete,
    "duplicate": _duplicate,
    "swap": _swap,
    "flip": _flip,
    "insert": _insert,
    "new-line": _new_line,
    "cut": _cut,
    "unnumber": _unnumber,
    "cells": _cells,
}


@st.composite
def mutated(draw: st.DrawFn, lines: Sequence[SourceLine], max_mutations: int = 4) -> list[SourceLine]:
    out = list(lines)
    for _ in range(draw(st.integers(1, max_mutations))):
        if not out:
            break
        name = draw(st.sampled_from(sorted(MUTATIONS)))
        i = draw(st.integers(0, len(out) - 1))
        n = draw(st.integers(0, 40))
        out = MUTATIONS[name](out, i, n, draw(NOISE))
    return out


@st.composite
def window(draw: st.DrawFn, lines: Sequence[SourceLine], smallest: int = 3, largest: int = 120) -> list[SourceLine]:
    """A run of consecutive lines, mutated."""
    size = draw(st.integers(min(smallest, len(lines)), min(largest, len(lines))))
    start = draw(st.integers(0, len(lines) - size))
    return draw(mutated(lines[start : start + size]))


def starts(key: str, pattern: str) -> list[int]:
    """Indices (into the real source's lines) of the lines that match `pattern`."""
    rx = re.compile(pattern)
    return [i for i, x in enumerate(real(key).lines) if rx.search(x.text)]


def must_be_ours(call: Callable[[], object], expected_path: str | None = None) -> None:
    """`call` reads its text or raises a SourceError that names the file; anything else fails the test."""
    try:
        call()
    except SourceError as exc:
        if expected_path is not None:
            assert exc.path == expected_path
        assert str(exc).startswith(exc.path)


# ------------------------------------------------------------------------------------ whole documents


@fuzz(250)
@given(data=st.data())
def test_budget_adapter_on_a_mutated_budget_section(data: st.DataObject) -> None:
    lines = data.draw(mutated(real(BUDGET).lines, max_mutations=6))
    must_be_ours(lambda: extract(BUDGET, lines), real(BUDGET).display_path)


@fuzz(400)
@given(data=st.data())
def test_strategy_adapter_on_a_mutated_strategy(data: st.DataObject) -> None:
    lines = data.draw(mutated(real(STRATEGY).lines, max_mutations=6))
    must_be_ours(lambda: extract(STRATEGY, lines), real(STRATEGY).display_path)


@fuzz(1000)
@given(key=st.sampled_from([BUDGET, STRATEGY]), data=st.data())
def test_adapters_on_mutated_windows(key: str, data: st.DataObject) -> None:
    """A window of either document, read by its adapter: it must say what is missing, not crash."""
    lines = data.draw(window(real(key).lines, largest=400))
    must_be_ours(lambda: extract(key, lines), real(key).display_path)


CJK = "[一二三四五六七八九十]+"
NUMBERED = rf"^图\s*16\.{CJK}$|^\({CJK}\)|^{CJK}\.\s|{CJK}个(?:假设|主题)"  # figures, sub-items, chapters, counts


@fuzz(150)
@given(
    key=st.sampled_from([BUDGET, STRATEGY]),
    data=st.data(),
    numeral=st.text(alphabet="一二三四五六七八九十〇两", min_size=1, max_size=3),
)
def test_chinese_numerals_in_headings(key: str, data: st.DataObject, numeral: str) -> None:
    """A figure (图 16.十), a sub-item (一), a chapter 二. or a count (三个主题) with another Chinese numeral."""
    lines = list(real(key).lines)
    i = data.draw(st.sampled_from(starts(key, NUMBERED)))
    lines[i] = dataclasses.replace(lines[i], text=re.sub(CJK, numeral, lines[i].text, count=1))
    must_be_ours(lambda: extract(key, lines), real(key).display_path)


@fuzz(40)
@given(key=st.sampled_from([BUDGET, STRATEGY]), data=st.data())
def test_documents_that_parse_turn_into_rdf(key: str, data: st.DataObject) -> None:
    """What the adapters accept, the RDF writers write (keys and IRIs from damaged text were a ValueError)."""
    lines = data.draw(mutated(real(key).lines, max_mutations=2))
    iris = Iris(SETTINGS.base)
    writer = pipeline.kind_of(spec(key)).writer(iris, reference())
    must_be_ours(lambda: writer.write(extract(key, lines)), real(key).display_path)


# -------------------------------------------------------------------------------------------- tables


@fuzz(800)
@given(data=st.data())
def test_deliverables_tables(data: st.DataObject) -> None:
    lines = real(BUDGET).lines
    i = data.draw(st.sampled_from(starts(BUDGET, r"^类别和次类别\t")))
    rows = data.draw(mutated(lines[i : i + data.draw(st.integers(1, 40))]))
    table = DeliverablesTable("16.4", "2025/sp1", "应交付产出", lines[i].number, None, [])
    must_be_ours(lambda: parse_deliverables(table, rows, "fuzz.txt"), "fuzz.txt")


@fuzz(500)
@given(data=st.data(), figure=st.text(alphabet=DIGIT_LIKE + "—–- .,\u00a0", min_size=1, max_size=4))
def test_figures_printed_in_other_digits(data: st.DataObject, figure: str) -> None:
    """One figure of a deliverables row printed otherwise: full-width, superscript, Arabic-Indic, Chinese…"""
    lines = real(BUDGET).lines
    first = min(starts(BUDGET, r"^类别和次类别\t"))
    rows = [i for i, x in enumerate(lines) if i > first and re.match(r"^[^\t]+(\t(\d+|—))+$", x.text)]
    i = data.draw(st.sampled_from(rows))
    start = max(k for k in range(i) if lines[k].text.startswith("类别和次类别\t"))
    cells = lines[i].text.split("\t")
    cells[data.draw(st.integers(1, len(cells) - 1))] = figure
    window = [*lines[start:i], dataclasses.replace(lines[i], text="\t".join(cells))]
    table = DeliverablesTable("16.4", "2025/sp1", "应交付产出", lines[start].number, None, [])
    must_be_ours(lambda: parse_deliverables(table, window, "fuzz.txt"), "fuzz.txt")


@fuzz(800)
@given(data=st.data())
def test_mandate_lists(data: st.DataObject) -> None:
    lines = real(BUDGET).lines
    headings = starts(BUDGET, r"(大会|理事会|委员会|缔约国会议)的?(决议和决定|决议|决定)$")
    i = data.draw(st.sampled_from(headings))
    organ = data.draw(st.sampled_from(["ga", "ecosoc", "sc", "cnd", "ccpcj"]))
    rows = data.draw(mutated(lines[i + 1 : i + 1 + data.draw(st.integers(1, 30))]))
    must_be_ours(lambda: parse_symbol_list(rows, organ, "fuzz.txt"), "fuzz.txt")


@fuzz(300)
@given(data=st.data(), digit=st.sampled_from(DIGIT_LIKE))
def test_symbols_printed_in_other_digits(data: st.DataObject, digit: str) -> None:
    """A digit of a mandate-list row printed otherwise: refused, or read into keys an IRI takes."""
    lines = real(BUDGET).lines
    headings = starts(BUDGET, r"(大会|理事会|委员会|缔约国会议)的?(决议和决定|决议|决定)$")
    i = data.draw(st.sampled_from(headings))
    rows = list(lines[i + 1 : i + 1 + data.draw(st.integers(1, 20))])
    k = data.draw(st.integers(0, len(rows) - 1))
    spots = [n for n, c in enumerate(rows[k].text) if c.isascii() and c.isdigit()]
    assume(spots)
    n = data.draw(st.sampled_from(spots))
    rows[k] = dataclasses.replace(rows[k], text=rows[k].text[:n] + digit + rows[k].text[n + 1 :])
    iris = Iris(SETTINGS.base)

    def read() -> None:
        entries, _ = parse_symbol_list(rows, "ga", "fuzz.txt")
        for e in entries:
            for ref, _, _ in e.symbols:
                iris.id("instrument", ref.key)

    must_be_ours(read, "fuzz.txt")


@fuzz(500)
@given(data=st.data())
def test_measure_tables(data: st.DataObject) -> None:
    lines = real(BUDGET).lines
    i = data.draw(st.sampled_from([k for k, x in enumerate(lines) if is_header(x)]))
    drawn = data.draw(mutated(lines[i : i + data.draw(st.integers(1, 5))]))
    assume(drawn)
    header, *rows = drawn
    measure = PerformanceMeasure("1", "2025/sp1", "table:16.5", "业绩计量", header.number, None)
    must_be_ours(lambda: parse_measure_table(measure, header, rows, "fuzz.txt"), "fuzz.txt")


@fuzz(500)
@given(key=st.sampled_from([BUDGET, STRATEGY]), data=st.data())
def test_citations_in_mutated_lines(key: str, data: st.DataObject) -> None:
    """Finding citations never fails: text that cites nothing cites nothing."""
    lex = reference().lexicon
    adapter = BudgetSectionAdapter(spec(BUDGET), lex)
    for line in data.draw(window(real(key).lines, 1, 8)):
        find_citations(line.text, lex.organ_names, lex.instrument_names, adapter.re_citation)
        find_sdgs(line.text)


# ------------------------------------------------------------------------------------ bytes on disk

CORRUPTIONS = st.sampled_from(["utf-16", "utf-16-le", "gbk", "latin-1-bytes", "cut-bytes", "nul", "cr"])


def corrupt(raw: bytes, how: str, at: int) -> bytes:
    if how in ("utf-16", "utf-16-le", "gbk"):
        return raw.decode("utf-8").encode(how, errors="replace")
    k = at % (len(raw) + 1)
    if how == "latin-1-bytes":
        return raw[:k] + "é".encode("latin-1") + raw[k:]
    if how == "cut-bytes":
        return raw[:k]
    if how == "nul":
        return raw[:k] + b"\x00" + raw[k:]
    return raw.replace(b"\n", b"\r\n")


@fuzz(200)
@given(key=st.sampled_from([BUDGET, STRATEGY]), how=CORRUPTIONS, at=st.integers(0, 10**6), data=st.data())
def test_read_source_on_corrupted_bytes(key: str, how: str, at: int, data: st.DataObject) -> None:
    """Re-encoded, cut or soiled bytes: read (and extracted) or refused with the file and a line."""
    d = spec(key)
    raw = (SETTINGS.sources_dir / d.file).read_bytes()
    bad = corrupt(raw, how, at)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / d.file
        path.write_bytes(bad)
        corrections = load_corrections(SETTINGS.corrections_file, key)

        def read_and_extract() -> None:
            src = read_source(path, corrections, d.file)
            adapter = BudgetSectionAdapter if key == BUDGET else StrategyAdapter
            adapter(d, reference().lexicon).extract(src)

        try:
            read_and_extract()
        except SourceError as exc:
            assert exc.path == d.file
            if how in ("utf-16", "utf-16-le", "gbk"):
                assert exc.line is not None and "UTF-8" in str(exc)
            return
    # Only harmless changes may be read: line ends, or a cut that kept whole lines of an unchecked tail.
    assert how in ("cr", "cut-bytes"), f"{how} was read without an error"


# ------------------------------------------------------------------------- what the fuzzer found, kept


@fuzz(200)
@given(numeral=st.from_regex(CJK_NUMBER, fullmatch=True))
def test_every_numeral_the_patterns_accept_is_read(numeral: str) -> None:
    """The patterns take only numerals cjk_number reads: '图 16.二二' is not a figure (it was a KeyError)."""
    assert 1 <= cjk_number(numeral) <= 99


def test_malformed_chinese_numerals_are_not_read_as_numbers() -> None:
    adapter = BudgetSectionAdapter(spec(BUDGET), reference().lexicon)
    assert adapter.re_figure.match("图 16.十二") and not adapter.re_figure.match("图 16.二二")
    assert not re.fullmatch(CJK_NUMBER, "十十")


def test_a_section_title_cut_off_after_its_number_is_an_error_not_an_index_error() -> None:
    lines = real(BUDGET).lines
    end = next(i for i, x in enumerate(lines) if re.match(r"^第\s*16\s*款$", x.text)) + 1
    with pytest.raises(SourceError, match="expected the section's title after this line") as info:
        extract(BUDGET, lines[:end])
    assert info.value.line == lines[end - 1].number


def test_a_superscript_figure_is_an_error_not_a_value_error() -> None:
    """'²' passes str.isdigit() but not int(): a figure printed as a superscript must be named, not crash."""
    lines = list(real(BUDGET).lines)
    i = next(k for k, x in enumerate(lines) if re.match(r"^\d+\. .*(\t\d+){4}$", x.text))
    start = max(k for k in range(i) if lines[k].text.startswith("类别和次类别\t"))
    lines[i] = dataclasses.replace(lines[i], text=re.sub(r"\t\d+$", "\t²", lines[i].text))
    table = DeliverablesTable("16.4", "2025/sp1", "应交付产出", lines[start].number, None, [])
    with pytest.raises(SourceError, match="expected a number or a dash, got '²'") as info:
        parse_deliverables(table, lines[start : i + 1], "fuzz.txt")
    assert info.value.line == lines[i].number


def test_a_symbol_in_full_width_digits_is_an_error_not_a_bad_key() -> None:
    """'S-２0/4' was read as a symbol with the key ga/s-２0-4, which no IRI takes (a ValueError in the RDF writer)."""
    with pytest.raises(SourceError, match="mandate list: expected a symbol") as info:
        parse_symbol_list([SourceLine(7, "S-２0/4\t我们对有效处理和应对世界毒品问题的共同承诺")], "ga", "fuzz.txt")
    assert info.value.line == 7
    lex = reference().lexicon
    pattern = BudgetSectionAdapter(spec(BUDGET), lex).re_citation
    assert find_citations("大会第 ７５/194 号决议", lex.organ_names, lex.instrument_names, pattern) == []
