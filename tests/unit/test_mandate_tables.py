"""Unit tests of extract/mandates.py: the two-column lists of resolutions and decisions.

The inputs are verbatim excerpts of A/79/6 (Sect. 16) (fixtures/sect16-{first}-{last}.txt), each
line keeping its source line number; where a test says "corrected", the corrections of
data/corrections.toml for those lines are applied first, as read_source does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg.errors import SourceError
from unodc_kg.extract.corrections import load_corrections
from unodc_kg.extract.mandates import parse_symbol_list
from unodc_kg.extract.records import InstrumentRef, MandateEntry
from unodc_kg.extract.source import SourceLine

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PATH = "data/sources/A-79-6-Sect16.zh.txt"


def excerpt(first: int, last: int) -> list[SourceLine]:
    rows = (FIXTURES / f"sect16-{first}-{last}.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(rows) == last - first + 1
    return [SourceLine(first + i, text) for i, text in enumerate(rows)]


def scattered(name: str) -> dict[int, SourceLine]:
    out: dict[int, SourceLine] = {}
    for row in (FIXTURES / name).read_text(encoding="utf-8").split("\n")[:-1]:
        number, text = row.split("\t", 1)
        out[int(number)] = SourceLine(int(number), text)
    return out


def corrected(lines: list[SourceLine]) -> list[SourceLine]:
    fixes = {c.line: c for c in load_corrections(ROOT / "data" / "corrections.toml", "a-79-6-sect16")}
    out: list[SourceLine] = []
    for line in lines:
        fix = fixes.get(line.number)
        if fix is None:
            out.append(line)
            continue
        assert line.text == fix.original
        out.extend(SourceLine(line.number, text, fix) for text in fix.corrected)
    return out


def cell(lines: list[SourceLine], number: int, index: int) -> str:
    """The index-th tab-separated cell of source line `number`, stripped (the printed title)."""
    [line] = [x for x in lines if x.number == number and x.correction is None]
    return line.text.split("\t")[index].strip()


def ref(organ: str, key: str, symbol: str, un: str | None = None, year: int | None = None) -> InstrumentRef:
    return InstrumentRef(f"{organ}/{key}", "resolution", organ, symbol, un, year)


def listed(organ: str, *symbols: str) -> list[tuple[InstrumentRef, str, str | None]]:
    """Plain resolutions of a commission or conference: no UN symbol, no year, no marker."""
    return [(ref(organ, s.replace("/", "-"), s), s, None) for s in symbols]


def order(entries: list[MandateEntry]) -> list[str]:
    return ["; ".join(printed for _, printed, _ in e.symbols) for e in entries]


def where(entries: list[MandateEntry]) -> list[tuple[int, int, int, int]]:
    return [(e.position, e.line, e.last_line, e.column) for e in entries]


# ----------------------------------------------------------------------- CND list of the programme


def test_cnd_programme_list_reads_left_column_then_right_page_by_page() -> None:
    lines = excerpt(159, 180)  # 麻醉药品委员会决议 of the programme (heading on line 157)
    entries, footnotes = parse_symbol_list(lines, "cnd", PATH)
    assert footnotes == []
    assert order(entries) == [
        # first page, left column (lines 159-175)
        "44/14",
        "49/3",
        "50/11",
        "51/14",
        "53/11",
        "54/3",
        "54/8",
        "54/11",
        "55/1",
        "56/4",
        "56/8",
        "56/10",
        "56/13",
        "57/9",
        "58/5",
        "58/6",
        "58/7",
        # first page, right column (lines 159-177)
        "58/10",
        "58/11",
        "59/5",
        "59/7",
        "59/8",
        "60/4",
        "60/5",
        "60/6",
        "60/9",
        "60/9",
        "61/5",
        "61/8",
        "61/9",
        "62/2",
        "62/3; 63/5",
        "62/4",
        "62/5",
        "63/1",
        "63/2",
        # next page (after the blank line 178): left column, then right
        "65/2",
        "65/3",
        "66/1",
    ]
    assert [e.position for e in entries] == list(range(1, 40))
    refs = [r for e in entries for r, _, _ in e.symbols]
    assert all(r.organ == "cnd" and r.un_symbol is None and r.year is None for r in refs)


def test_title_wrapped_across_the_page_break_joins_its_entry() -> None:
    # Line 177 right: "63/2  改进…不限成员名额常设政府间工作组…办"; line 178 blank (page break);
    # line 179 left: the title goes on "公室治理和财务状况…任务授权", then 65/3 in the right column.
    lines = excerpt(159, 180)
    entries, _ = parse_symbol_list(lines, "cnd", PATH)
    by_symbol = {order([e])[0]: e for e in entries}
    assert by_symbol["63/2"] == MandateEntry(
        symbols=listed("cnd", "63/2"),
        title=cell(lines, 177, 3) + cell(lines, 179, 1),
        line=177,
        last_line=179,
        column=2,
        position=36,
    )
    assert by_symbol["63/2"].title == (
        "改进联合国毒品和犯罪问题办公室治理和财务状况：延长改进联合国毒品和犯罪问题办"
        "公室治理和财务状况不限成员名额常设政府间工作组的任务授权"
    )
    assert by_symbol["65/2"] == MandateEntry(
        listed("cnd", "65/2"), "加强国际合作，处理非法药物贩运与非法枪支贩运之间的联系", 180, 180, 1, 37
    )
    assert by_symbol["65/3"] == MandateEntry(listed("cnd", "65/3"), cell(lines, 179, 3), 179, 179, 2, 38)
    assert by_symbol["66/1"] == MandateEntry(
        listed("cnd", "66/1"),
        "拟于 2024 年麻醉药品委员会第六十七届会议期间进行的中期审查的筹备工作",
        180,
        180,
        2,
        39,
    )
    assert by_symbol["62/3; 63/5"] == MandateEntry(listed("cnd", "62/3", "63/5"), cell(lines, 173, 3), 173, 173, 2, 32)


# ----------------------------------------------------------------------- CND list of subprogramme 2


def test_right_column_fragment_continues_the_last_entry_of_the_left_column() -> None:
    # Line 246 right: a title fragment with no symbol, "女中的传播，…"; in reading order it follows
    # 62/6 at the bottom of the left column (line 253: "…风险因素的妇").
    lines = corrected(excerpt(246, 253))
    entries, footnotes = parse_symbol_list(lines, "cnd", PATH)
    assert footnotes == []
    assert order(entries) == [
        "49/4",
        "58/4",
        "61/2",
        "61/4",
        "61/6",
        "61/7",
        "61/11",
        "62/6",
        "62/7",
        "63/4",
        "64/3",
        "64/5",
        "65/1",
        "65/4",
        "66/4",
    ]
    assert entries[7] == MandateEntry(
        listed("cnd", "62/6"),
        "促进采取措施，防止艾滋病毒由于吸毒原因在妇女和暴露于与吸毒有关的风险因素的妇"
        "女中的传播，包括改善获得接触后预防措施的机会",
        253,
        253,
        1,
        8,
    )
    assert entries[0] == MandateEntry(
        listed("cnd", "49/4"), "应对艾滋病毒/艾滋病和其他血源性疾病在吸毒者中的流行", 246, 246, 1, 1
    )
    assert entries[8] == MandateEntry(listed("cnd", "62/7"), "推广预防和治疗吸毒所致丙型肝炎的措施", 247, 247, 2, 9)


def test_corrected_merged_cell_gives_two_entries_that_record_the_correction() -> None:
    lines = corrected(excerpt(246, 253))
    entries, _ = parse_symbol_list(lines, "cnd", PATH)
    assert where(entries)[6] == (7, 252, 252, 1)
    assert entries[6].corrections == [252]  # 61/11, left half of the corrected line
    assert entries[13] == MandateEntry(
        listed("cnd", "65/4"), "促进基于科学证据的综合性早期预防", 252, 252, 2, 14, [252]
    )
    assert entries[14] == MandateEntry(
        listed("cnd", "66/4"),
        "促进替代发展并将其作为一种可持续和包容性的以发展为导向的药物管制战略",
        252,
        252,
        2,
        15,
        [252],
    )
    assert [e.corrections for e in entries].count([]) == 12


def test_uncorrected_cell_with_two_symbols_names_its_line() -> None:
    with pytest.raises(SourceError, match=r"not separated by ';' in '65/4 66/4'") as info:
        parse_symbol_list(excerpt(246, 253), "cnd", PATH)
    assert (info.value.path, info.value.line) == (PATH, 252)
    assert info.value.text is not None and info.value.text.startswith("61/11\t")


def test_uncorrected_line_232_names_its_line() -> None:
    lines = excerpt(229, 235)  # General Assembly list of subprogramme 2
    with pytest.raises(SourceError, match=r"two entries") as info:
        parse_symbol_list(lines, "ga", PATH)
    assert info.value.line == 232
    assert str(info.value).startswith(f"{PATH}:232: mandate list: ")


def test_corrected_line_232() -> None:
    entries, _ = parse_symbol_list(corrected(excerpt(229, 235)), "ga", PATH)
    assert order(entries) == [
        "S-20/3",
        "S-26/2",
        "S-30/1",
        "60/262",
        "65/277",
        "70/266",
        "73/2",
        "73/144; 74/124",
        "74/20",
        "75/284",
        "77/238",
    ]
    assert entries[7] == MandateEntry(
        [
            (ref("ga", "73-144", "73/144", "A/RES/73/144"), "73/144", None),
            (ref("ga", "74-124", "74/124", "A/RES/74/124"), "74/124", None),
        ],
        "国际家庭年二十周年及其后的后续行动",
        232,
        232,
        2,
        8,
        [232],
    )
    assert entries[8] == MandateEntry(
        [(ref("ga", "74-20", "74/20", "A/RES/74/20"), "74/20", None)],
        "全球卫生与外交政策：以包容性方式加强卫生系统",
        232,
        232,
        2,
        9,
        [232],
    )
    assert entries[2].corrections == [232]  # S-30/1 is read from the corrected line too


# ----------------------------------------------------------------------- other lists


def test_general_assembly_list_of_subprogramme_3() -> None:
    # Line 274 right: the end of the title of 75/194; 77/235 (line 275 left, ending "协助追回资产，").
    lines = excerpt(274, 275)
    entries, footnotes = parse_symbol_list(lines, "ga", PATH)
    assert footnotes == []
    assert entries == [
        MandateEntry(
            [(ref("ga", "s-32-1", "S-32/1", "A/RES/S-32/1"), "S-32/1", None)],
            "我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作",
            274,
            274,
            1,
            1,
        ),
        MandateEntry(
            [
                (ref("ga", "75-194", "75/194", "A/RES/75/194"), "75/194", None),
                (ref("ga", "77-235", "77/235", "A/RES/77/235"), "77/235", None),
            ],
            "根据《联合国反腐败公约》防止和打击腐败行径及转移腐败所得行为，协助追回资产，"
            "并将此类资产退回合法所有者，特别是退回来源国",
            275,
            275,
            1,
            2,
        ),
    ]


def test_general_assembly_list_of_the_programme() -> None:
    # Lines 100-123: two columns, three-cell rows with empty right halves, right-only rows 119-123;
    # line 125 (after a blank line): a row printed without tabs.
    lines = excerpt(100, 125)
    entries, _ = parse_symbol_list(lines, "ga", PATH)
    assert order(entries) == [
        "S-20/2",
        "S-20/4",
        "34/180",
        "44/25",
        "45/179",
        "46/104",
        "48/12",
        "48/104",
        "49/168; 52/92",
        "59/162",
        "66/177",
        "66/180; 68/186",
        "67/186",
        "69/237",
        "70/1",
        "70/182",
        "70/177; 72/194",
        "71/256",
        "72/197",
        "73/164; 74/164",
        "73/183",
        "73/185",
        "74/143",
        "74/175; 78/226",
        "74/253",
        "75/90",
        "75/158; 77/194",
        "75/233",
        "75/311",
        "76/137",
        "76/140; 78/181",
        "76/141",
        "76/146; 78/188",
        "76/147",
        "76/181",
        "76/188",
        "76/270",
        "77/20",
        "77/219",
        "78/1",
        "78/223",
    ]
    assert entries[0] == MandateEntry(
        [(ref("ga", "s-20-2", "S-20/2", "A/RES/S-20/2"), "S-20/2", None)], "政治宣言", 100, 100, 1, 1
    )
    assert entries[-1] == MandateEntry(
        [(ref("ga", "78-223", "78/223", "A/RES/78/223"), "78/223", None)],
        "第十四届联合国预防犯罪和刑事司法大会的后续行动和第十五届联合国预防犯罪和刑事司法大会的筹备工作",
        125,
        125,
        1,
        41,
    )
    assert where(entries)[35:40] == [
        (36, 119, 119, 2),
        (37, 120, 120, 2),
        (38, 121, 121, 2),
        (39, 122, 122, 2),
        (40, 123, 123, 2),
    ]


def test_security_council_symbol_only_two_column_list() -> None:
    # Lines 199-201: "2117 (2013);⇥2388 (2017)": one symbol per column, no titles.
    entries, footnotes = parse_symbol_list(excerpt(199, 201), "sc", PATH)
    assert footnotes == []
    expected = [
        ("2117", "2013", 199, 1),
        ("2220", "2015", 200, 1),
        ("2331", "2016", 201, 1),
        ("2388", "2017", 199, 2),
        ("2551", "2020", 200, 2),
        ("2616", "2021", 201, 2),
    ]
    assert entries == [
        MandateEntry(
            [(ref("sc", f"{n}-{y}", f"{n} ({y})", f"S/RES/{n}({y})", int(y)), f"{n} ({y})", None)],
            None,
            line,
            line,
            column,
            position,
        )
        for position, (n, y, line, column) in enumerate(expected, start=1)
    ]


def test_security_council_list_with_blank_lines_between_symbols() -> None:
    entries, _ = parse_symbol_list(excerpt(145, 151)[:5], "sc", PATH)  # lines 145-149
    assert order(entries) == ["2370 (2017)", "2482 (2019)", "2462 (2019)"]
    assert where(entries) == [(1, 145, 145, 1), (2, 147, 147, 1), (3, 149, 149, 1)]
    assert all(e.title is None for e in entries)


def test_ecosoc_list_of_subprogramme_5_with_a_footnote_inside_the_table() -> None:
    # Lines 369-392; footnote ¹ is printed on line 375, between two pages of the list.
    lines = excerpt(369, 392)
    entries, footnotes = parse_symbol_list(lines, "ecosoc", PATH)
    assert footnotes == [(lines[375 - 369], "¹", "特别是题为“刑事司法系统中儿童问题行动指南”的附件。")]
    assert order(entries) == [
        "1984/47",
        "1984/50; 1996/15",
        "1989/57; 2000/15",
        "1989/60",
        "1989/61",
        "1989/64",
        "1989/65",
        "1995/9",
        "1997/30; 1999/28",
        "1997/31",
        "1997/36",
        "1998/21; 2004/28",
        "1998/22",
        "1998/23",
        "1999/23",
        "1999/25",
        "1999/26",
        "1999/27",
        "2002/12",
        "2002/13; 2005/22",
        "2002/14",
        "2005/20",
        "2005/21",
        "2006/20",
        "2006/22",
        "2006/25",
        "2006/29",
        "2007/24",
        "2008/24",
        "2009/26",
        "2011/33",
        "2014/21",
        "2016/17",
        "2016/18",
        "2017/19",
        "第 2005/247 号决定",
    ]

    def eco(number: str, year: int, marker: str | None = None) -> tuple[InstrumentRef, str, str | None]:
        return (
            ref("ecosoc", f"{year}-{number}", f"{year}/{number}", f"E/RES/{year}/{number}", year),
            f"{year}/{number}",
            marker,
        )

    marked = {order([e])[0]: e for e in entries if any(m for _, _, m in e.symbols)}
    assert marked == {
        "1997/30; 1999/28": MandateEntry([eco("30", 1997, "¹"), eco("28", 1999)], "少年司法", 373, 373, 2, 9),
        "1998/21; 2004/28": MandateEntry(
            [eco("21", 1998, "²"), eco("28", 2004)], "联合国预防犯罪和刑事司法标准和规范", 379, 379, 1, 12
        ),
        "1998/23": MandateEntry(
            [eco("23", 1998, "³")], "开展国际合作, 以求减少监狱人满为患和促进替代性刑罚", 381, 381, 1, 14
        ),
        "1999/27": MandateEntry([eco("27", 1999, "⁴")], "刑法改革", 385, 385, 1, 18),
        "2002/13; 2005/22": MandateEntry(
            [eco("13", 2002, "⁵"), eco("22", 2005, "⁵")], "采取行动促进有效预防犯罪", 387, 387, 1, 20
        ),
    }
    assert entries[-1] == MandateEntry(
        [
            (
                InstrumentRef("ecosoc/dec-2005-247", "decision", "ecosoc", "2005/247", "E/DEC/2005/247", 2005),
                "第 2005/247 号决定",
                None,
            )
        ],
        "秘书长关于死刑和保护死刑犯权利的保障措施的报告",
        391,
        391,
        2,
        36,
    )
    # Line 370 holds only a right-hand entry; line 389 too.
    assert where(entries)[5] == (6, 370, 370, 2)
    assert where(entries)[33] == (34, 389, 389, 2)


def test_rule_line_of_dashes_is_not_an_entry() -> None:
    # Line 266: "------⇥------------------------" under the one-row CCPCJ list of subprogramme 2.
    entries, footnotes = parse_symbol_list(excerpt(264, 266)[1:], "ccpcj", PATH)
    assert footnotes == []
    assert entries == [
        MandateEntry(listed("ccpcj", "26/2"), "确保在监狱能够利用预防艾滋病毒母婴传播的措施", 265, 265, 1, 1)
    ]


def test_rule_line_and_the_footnotes_of_the_previous_page() -> None:
    # Lines 402-411: 834(IX) and 1395(XIV), a four-cell rule line, then footnotes ² to ⁵ (of the
    # ECOSOC list of subprogramme 5, printed at the foot of this page).
    lines = excerpt(402, 411)
    entries, footnotes = parse_symbol_list(lines, "ga", PATH)
    assert entries == [
        MandateEntry(
            [(ref("ga", "834-ix", "834(IX)", "A/RES/834(IX)"), "834(IX)", None)], "联合国麻醉品实验室", 402, 402, 1, 1
        ),
        MandateEntry(
            [(ref("ga", "1395-xiv", "1395(XIV)", "A/RES/1395(XIV)"), "1395(XIV)", None)],
            "麻醉品管制的技术援助",
            402,
            402,
            2,
            2,
        ),
    ]
    assert [(line.number, marker) for line, marker, _ in footnotes] == [
        (405, "²"),
        (407, "³"),
        (409, "⁴"),
        (411, "⁵"),
    ]
    assert footnotes[-1][2] == "特别是题为“预防犯罪准则”的附件。"


def test_title_citing_another_resolution_is_one_entry() -> None:
    # Line 451: 72/305 "审查大会关于加强经济及社会理事会的第 68/1 号决议的执行情况"; line 452: rule line.
    entries, _ = parse_symbol_list(excerpt(451, 452), "ga", PATH)
    assert order(entries) == ["415(V)", "72/305"]
    assert entries[1].title == "审查大会关于加强经济及社会理事会的第 68/1 号决议的执行情况"


def test_ecosoc_old_style_symbols_of_subprogramme_9() -> None:
    entries, _ = parse_symbol_list(excerpt(471, 474), "ecosoc", PATH)
    assert order(entries) == [
        "1966/1106(XL)",
        "1967/1196(XLII); 1991/48",
        "1973/1775(LIV)",
        "1992/29",
        "1996/29",
        "2003/39",
        "2004/38",
    ]
    assert entries[1] == MandateEntry(
        [
            (ref("ecosoc", "1967-1196-xlii", "1967/1196(XLII)", "E/RES/1196(XLII)", 1967), "1967/1196(XLII)", None),
            (ref("ecosoc", "1991-48", "1991/48", "E/RES/1991/48", 1991), "1991/48", None),
        ],
        "保证国际麻醉品管制局在技术上充分独立之行政办法",
        472,
        472,
        1,
        2,
    )
    assert where(entries)[4:] == [(5, 471, 471, 2), (6, 473, 473, 2), (7, 474, 474, 2)]


ROWS = scattered("sect16-mandate-rows.lines.txt")


def test_rows_printed_without_tabs() -> None:
    # One-entry lists printed without tabs: lines 456 (ECOSOC), 460 (CND decision), 467 (SC).
    entries, _ = parse_symbol_list([ROWS[456]], "ecosoc", PATH)
    assert entries == [
        MandateEntry(
            [(ref("ecosoc", "1992-22", "1992/22", "E/RES/1992/22", 1992), "1992/22", None)],
            "执行大会关于预防犯罪和刑事司法领域的业务活动和协调的第 46/152 号决议的执行情况",
            456,
            456,
            1,
            1,
        )
    ]
    entries, _ = parse_symbol_list([ROWS[460]], "cnd", PATH)
    assert entries == [
        MandateEntry(
            [(InstrumentRef("cnd/dec-60-1", "decision", "cnd", "60/1", None, None), "第 60/1 号决定", None)],
            "加强麻醉药品委员会各附属机构",
            460,
            460,
            1,
            1,
        )
    ]
    entries, _ = parse_symbol_list([ROWS[467]], "sc", PATH)
    assert entries == [
        MandateEntry(
            [(ref("sc", "1817-2008", "1817 (2008)", "S/RES/1817(2008)", 2008), "1817 (2008)", None)],
            None,
            467,
            467,
            1,
            1,
        )
    ]


def test_uncorrected_line_415_title_holding_another_symbol_names_its_line() -> None:
    with pytest.raises(SourceError, match="a title contains another symbol") as info:
        parse_symbol_list([ROWS[415]], "ecosoc", PATH)
    assert (info.value.path, info.value.line, info.value.text) == (PATH, 415, ROWS[415].text)


def test_corrected_line_415() -> None:
    entries, _ = parse_symbol_list(corrected([ROWS[415]]), "ecosoc", PATH)
    assert entries == [
        MandateEntry(
            [(ref("ecosoc", "1988-13", "1988/13", "E/RES/1988/13", 1988), "1988/13", None)],
            "加强国际管制麻醉品的合作与协调",
            415,
            415,
            1,
            1,
            [415],
        ),
        MandateEntry(
            [
                (ref("ecosoc", "2013-37", "2013/37", "E/RES/2013/37", 2013), "2013/37", None),
                (ref("ecosoc", "2015-24", "2015/24", "E/RES/2015/24", 2015), "2015/24", None),
            ],
            "为制定政策改进犯罪和刑事司法统计数据的质量和提供率",
            415,
            415,
            2,
            2,
            [415],
        ),
    ]


# ----------------------------------------------------------------------- errors


def test_title_fragment_with_no_entry_before_it() -> None:
    lines = excerpt(246, 253)
    with pytest.raises(SourceError, match="a title fragment with no entry before it") as info:
        parse_symbol_list([SourceLine(179, "\t公室治理和财务状况不限成员名额常设政府间工作组")], "cnd", PATH)
    assert info.value.line == 179
    # The same fragment after an entry is accepted.
    entries, _ = parse_symbol_list([lines[1], SourceLine(179, "\t公室治理")], "cnd", PATH)  # line 247 first
    assert entries[0].title == "促进实施《联合国替代发展问题指导原则》公室治理"


def test_more_than_four_cells() -> None:
    line = SourceLine(100, "S-20/2\t政治宣言\t73/164; 74/164\t打击\t多余")
    with pytest.raises(SourceError, match="expected at most 4 cells, found 5") as info:
        parse_symbol_list([line], "ga", PATH)
    assert info.value.line == 100


def test_tab_less_row_that_does_not_start_with_a_symbol() -> None:
    line = SourceLine(88, "- 经《1972年议定书》修正的《1961年麻醉品单一公约》")
    with pytest.raises(SourceError, match="expected the row to start with a symbol") as info:
        parse_symbol_list([line], "ga", PATH)
    assert info.value.line == 88


def test_symbol_cell_that_does_not_parse_names_its_line() -> None:
    line = SourceLine(129, "1946/9 (I)\t麻醉药品委员会\t2010/19 x\t保护文化财产")
    with pytest.raises(SourceError, match=r"mandate list: expected a symbol") as info:
        parse_symbol_list([line], "ecosoc", PATH)
    assert info.value.line == 129


def test_empty_input() -> None:
    assert parse_symbol_list([], "ga", PATH) == ([], [])
    assert parse_symbol_list([SourceLine(1, ""), SourceLine(2, "   ")], "ga", PATH) == ([], [])
