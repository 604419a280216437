"""Unit tests of extract/symbols.py: every printed form of a symbol in A/79/6 (Sect. 16).

Each case is the symbol cell as the source prints it (its source line in the comment), with the
organ of the list it is printed in, and the instrument it must give: key (contract), symbol as
normalised, official UN document symbol (none for the commissions and conferences), year.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg.extract.records import InstrumentRef
from unodc_kg.extract.symbols import (
    EMBEDDED_SYMBOL,
    LOOKS_LIKE_SYMBOL,
    SymbolError,
    parse_symbol_cell,
    split_symbol_title,
    symbol_key,
)

FIXTURES = Path(__file__).parent / "fixtures"


def source_lines(name: str) -> dict[int, str]:
    """A `*.lines.txt` fixture: source line number -> verbatim text."""
    out: dict[int, str] = {}
    for row in (FIXTURES / name).read_text(encoding="utf-8").split("\n")[:-1]:
        number, text = row.split("\t", 1)
        out[int(number)] = text
    return out


ROWS = source_lines("sect16-mandate-rows.lines.txt")


def res(organ: str, key: str, symbol: str, un: str | None, year: int | None = None) -> InstrumentRef:
    return InstrumentRef(f"{organ}/{key}", "resolution", organ, symbol, un, year)


def dec(organ: str, key: str, symbol: str, un: str | None, year: int | None = None) -> InstrumentRef:
    return InstrumentRef(f"{organ}/{key}", "decision", organ, symbol, un, year)


Listed = tuple[InstrumentRef, str, str | None]  # (instrument, printed symbol, footnote marker)

CASES: list[tuple[str, str, list[Listed]]] = [
    # line 100: two General Assembly resolutions sharing one title
    (
        "73/164; 74/164",
        "ga",
        [
            (res("ga", "73-164", "73/164", "A/RES/73/164"), "73/164", None),
            (res("ga", "74-164", "74/164", "A/RES/74/164"), "74/164", None),
        ],
    ),
    # line 192: three symbols in one cell
    (
        "74/176; 76/186; 78/228",
        "ga",
        [
            (res("ga", "74-176", "74/176", "A/RES/74/176"), "74/176", None),
            (res("ga", "76-186", "76/186", "A/RES/76/186"), "76/186", None),
            (res("ga", "78-228", "78/228", "A/RES/78/228"), "78/228", None),
        ],
    ),
    # line 100: special session
    ("S-20/2", "ga", [(res("ga", "s-20-2", "S-20/2", "A/RES/S-20/2"), "S-20/2", None)]),
    # line 402: sessions in Roman numerals
    ("834(IX)", "ga", [(res("ga", "834-ix", "834(IX)", "A/RES/834(IX)"), "834(IX)", None)]),
    ("1395(XIV)", "ga", [(res("ga", "1395-xiv", "1395(XIV)", "A/RES/1395(XIV)"), "1395(XIV)", None)]),
    # line 451
    ("415(V)", "ga", [(res("ga", "415-v", "415(V)", "A/RES/415(V)"), "415(V)", None)]),
    # line 129: ECOSOC, first session, printed with a space before the session
    (
        "1946/9 (I)",
        "ecosoc",
        [
            (res("ecosoc", "1946-9-i", "1946/9 (I)", "E/RES/9(I)", 1946), "1946/9 (I)", None),
        ],
    ),
    # line 471
    (
        "1966/1106(XL)",
        "ecosoc",
        [
            (res("ecosoc", "1966-1106-xl", "1966/1106(XL)", "E/RES/1106(XL)", 1966), "1966/1106(XL)", None),
        ],
    ),
    # line 472: old and new style in one cell
    (
        "1967/1196(XLII); 1991/48",
        "ecosoc",
        [
            (res("ecosoc", "1967-1196-xlii", "1967/1196(XLII)", "E/RES/1196(XLII)", 1967), "1967/1196(XLII)", None),
            (res("ecosoc", "1991-48", "1991/48", "E/RES/1991/48", 1991), "1991/48", None),
        ],
    ),
    # line 473
    (
        "1973/1775(LIV)",
        "ecosoc",
        [
            (res("ecosoc", "1973-1775-liv", "1973/1775(LIV)", "E/RES/1775(LIV)", 1973), "1973/1775(LIV)", None),
        ],
    ),
    # line 472, right half: a year/number ECOSOC resolution alone
    ("1991/48", "ecosoc", [(res("ecosoc", "1991-48", "1991/48", "E/RES/1991/48", 1991), "1991/48", None)]),
    # line 145: Security Council
    (
        "2370 (2017)",
        "sc",
        [
            (res("sc", "2370-2017", "2370 (2017)", "S/RES/2370(2017)", 2017), "2370 (2017)", None),
        ],
    ),
    # line 199: with the separator printed after it, and nothing following
    (
        "2117 (2013);",
        "sc",
        [
            (res("sc", "2117-2013", "2117 (2013)", "S/RES/2117(2013)", 2013), "2117 (2013)", None),
        ],
    ),
    # line 138: ECOSOC decision
    (
        "第 2011/259 号决定",
        "ecosoc",
        [
            (dec("ecosoc", "dec-2011-259", "2011/259", "E/DEC/2011/259", 2011), "第 2011/259 号决定", None),
        ],
    ),
    # line 391
    (
        "第 2005/247 号决定",
        "ecosoc",
        [
            (dec("ecosoc", "dec-2005-247", "2005/247", "E/DEC/2005/247", 2005), "第 2005/247 号决定", None),
        ],
    ),
    # line 428: CND decision (no UN document symbol, no year)
    ("第 63/15 号决定", "cnd", [(dec("cnd", "dec-63-15", "63/15", None), "第 63/15 号决定", None)]),
    # line 310: decision of the Conference of the States Parties to UNCAC
    ("第 7/1 号决定", "cosp-uncac", [(dec("cosp-uncac", "dec-7-1", "7/1", None), "第 7/1 号决定", None)]),
    # lines 159, 155, 216, 297: the commissions and conferences: no UN symbol, no year
    ("58/10", "cnd", [(res("cnd", "58-10", "58/10", None), "58/10", None)]),
    ("27/5", "ccpcj", [(res("ccpcj", "27-5", "27/5", None), "27/5", None)]),
    ("10/4", "cop-untoc", [(res("cop-untoc", "10-4", "10/4", None), "10/4", None)]),
    ("9/7", "cosp-uncac", [(res("cosp-uncac", "9-7", "9/7", None), "9/7", None)]),
    # line 373: footnote marker printed after the separator belongs to the symbol before it
    (
        "1997/30; ¹ 1999/28",
        "ecosoc",
        [
            (res("ecosoc", "1997-30", "1997/30", "E/RES/1997/30", 1997), "1997/30", "¹"),
            (res("ecosoc", "1999-28", "1999/28", "E/RES/1999/28", 1999), "1999/28", None),
        ],
    ),
    # line 379
    (
        "1998/21; ² 2004/28",
        "ecosoc",
        [
            (res("ecosoc", "1998-21", "1998/21", "E/RES/1998/21", 1998), "1998/21", "²"),
            (res("ecosoc", "2004-28", "2004/28", "E/RES/2004/28", 2004), "2004/28", None),
        ],
    ),
    # line 381: marker after a single symbol
    ("1998/23 ³", "ecosoc", [(res("ecosoc", "1998-23", "1998/23", "E/RES/1998/23", 1998), "1998/23", "³")]),
    # line 385
    ("1999/27 ⁴", "ecosoc", [(res("ecosoc", "1999-27", "1999/27", "E/RES/1999/27", 1999), "1999/27", "⁴")]),
    # line 387: a marker at the end of the cell notes the whole entry (the annex it names, the
    # Guidelines for the Prevention of Crime, belongs to 2002/13), so every symbol of the group carries it
    (
        "2002/13; 2005/22 ⁵",
        "ecosoc",
        [
            (res("ecosoc", "2002-13", "2002/13", "E/RES/2002/13", 2002), "2002/13", "⁵"),
            (res("ecosoc", "2005-22", "2005/22", "E/RES/2005/22", 2005), "2005/22", "⁵"),
        ],
    ),
]


@pytest.mark.parametrize(("cell", "organ", "expected"), CASES, ids=[c[0] for c in CASES])
def test_parse_symbol_cell(cell: str, organ: str, expected: list[Listed]) -> None:
    assert parse_symbol_cell(cell, organ) == expected


def test_part_letter_of_a_general_assembly_resolution() -> None:
    # Line 60 cites "46/185 C" in running text; the part letter is part of the key and the symbol.
    [(ref, printed, marker)] = parse_symbol_cell("46/185 C", "ga")
    assert (ref.key, ref.symbol, printed, marker) == ("ga/46-185-c", "46/185 C", "46/185 C", None)
    # The UN symbol drops the part letter (the document symbol of the whole resolution).
    assert ref.un_symbol == "A/RES/46/185"


def test_surrounding_blanks_are_ignored() -> None:
    expected = [(res("ga", "73-183", "73/183", "A/RES/73/183"), "73/183", None)]
    assert parse_symbol_cell("  73/183 ", "ga") == expected


@pytest.mark.parametrize(
    "cell",
    [
        "73/144; 74/124 74/20",  # uncorrected line 232: two entries in one cell
        "65/4 66/4",  # uncorrected line 252
        "72/284; 75/291; 77/298 77/113; 78/115",  # uncorrected line 336
    ],
)
def test_symbols_separated_only_by_a_space_are_two_entries(cell: str) -> None:
    with pytest.raises(SymbolError, match=r"not separated by ';'.*two entries"):
        parse_symbol_cell(cell, "ga")


@pytest.mark.parametrize("cell", ["", "   ", "政治宣言", "73/164 政治宣言", "73/164;;74/164", "A/RES/73/164"])
def test_anything_but_symbols_is_refused(cell: str) -> None:
    with pytest.raises(SymbolError):
        parse_symbol_cell(cell, "ga")


def test_symbol_error_is_a_value_error() -> None:
    assert issubclass(SymbolError, ValueError)


@pytest.mark.parametrize(
    ("symbol", "key"),
    [
        ("73/164", "73-164"),
        ("S-20/2", "s-20-2"),
        ("834(IX)", "834-ix"),
        ("1946/9 (I)", "1946-9-i"),
        ("1966/1106(XL)", "1966-1106-xl"),
        ("46/185 C", "46-185-c"),
        ("2370 (2017)", "2370-2017"),
        ("2011/259", "2011-259"),
    ],
)
def test_symbol_key(symbol: str, key: str) -> None:
    assert symbol_key(symbol) == key


# ---------------------------------------------------------------------------------- rows without tabs


def test_split_tab_less_general_assembly_row() -> None:
    text = ROWS[125]  # "78/223 第十四届联合国预防犯罪和刑事司法大会的后续行动和…"
    assert split_symbol_title(text, "ga") == (
        "78/223",
        "第十四届联合国预防犯罪和刑事司法大会的后续行动和第十五届联合国预防犯罪和刑事司法大会的筹备工作",
    )


def test_split_tab_less_decision_row() -> None:
    assert split_symbol_title(ROWS[460], "cnd") == ("第 60/1 号决定", "加强麻醉药品委员会各附属机构")


def test_split_keeps_a_symbol_cited_inside_the_title() -> None:
    # Line 456: "第 46/152 号决议" is part of the title of ECOSOC 1992/22, not a second entry.
    symbol, title = split_symbol_title(ROWS[456], "ecosoc")
    assert symbol == "1992/22"
    assert title == "执行大会关于预防犯罪和刑事司法领域的业务活动和协调的第 46/152 号决议的执行情况"
    assert EMBEDDED_SYMBOL.search(title) is None


def test_split_symbol_only_row() -> None:
    assert split_symbol_title(ROWS[467], "sc") == ("1817 (2008)", "")  # line 467
    assert split_symbol_title("2117 (2013);", "sc") == ("2117 (2013);", "")  # line 199, left cell


def test_split_stops_at_the_first_title_of_a_row_that_lost_its_tabs() -> None:
    # Uncorrected line 415: two entries printed as one line; the second symbol stays in the title,
    # where EMBEDDED_SYMBOL finds it (the mandate parser then refuses the row).
    symbol, title = split_symbol_title(ROWS[415], "ecosoc")
    assert symbol == "1988/13"
    assert title.startswith("加强国际管制麻醉品的合作与协调 2013/37; 2015/24 ")
    match = EMBEDDED_SYMBOL.search(title)
    assert match is not None and match.group(0).strip() == "2013/37"


def test_split_row_that_does_not_start_with_a_symbol() -> None:
    with pytest.raises(SymbolError, match="expected the row to start with a symbol"):
        split_symbol_title("加强麻醉药品委员会各附属机构", "cnd")


@pytest.mark.parametrize(
    "title",
    [
        "审查大会关于加强经济及社会理事会的第 68/1 号决议的执行情况",  # line 451
        "关于艾滋病毒/艾滋病问题的政治宣言",  # line 233
        "变革我们的世界：2030 年可持续发展议程",  # line 114
    ],
)
def test_embedded_symbol_ignores_cited_symbols_and_slashes(title: str) -> None:
    assert EMBEDDED_SYMBOL.search(title) is None


@pytest.mark.parametrize(
    ("cell", "looks"),
    [
        ("S-20/2", True),
        ("第 2011/259 号决定", True),
        ("2370 (2017)", True),
        ("834(IX)", True),
        ("政治宣言", False),
        ("2030 年可持续发展议程", False),
    ],
)
def test_looks_like_symbol(cell: str, looks: bool) -> None:
    assert bool(LOOKS_LIKE_SYMBOL.match(cell)) is looks
