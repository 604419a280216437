"""Unit tests of extract/deliverables.py on the real deliverables tables of A/79/6 (Sect. 16).

Inputs are verbatim excerpts (fixtures/sect16-{first}-{last}.txt), the lines after each table's
caption, each keeping its source line number; "corrected" applies data/corrections.toml first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg.errors import SourceError
from unodc_kg.extract.corrections import load_corrections
from unodc_kg.extract.deliverables import parse_deliverables, parse_header
from unodc_kg.extract.records import DeliverableRow, DeliverablesTable, Quantity, Status
from unodc_kg.extract.source import SourceLine

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PATH = "data/sources/A-79-6-Sect16.zh.txt"
COLUMNS: list[tuple[int, Status]] = [
    (2023, "planned"),
    (2023, "actual"),
    (2024, "planned"),
    (2025, "planned"),
]
# The header as line 751 prints it (and as corrected line 628 reads).
HEADER = "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2025 年 计划"
# (category, subcategory label, unit) as printed
DOCS = ("A", "议事机构文件", "文件数目")
MEETINGS = ("A", "实质性会议服务", "3 小时会议次数")
PROJECTS = ("B", "外地和技术合作项目", "项目数目")
PUBLICATIONS = ("B", "出版物", "出版物数目")
Sub = tuple[str, str, str]


def excerpt(first: int, last: int) -> list[SourceLine]:
    rows = (FIXTURES / f"sect16-{first}-{last}.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(rows) == last - first + 1
    return [SourceLine(first + i, text) for i, text in enumerate(rows)]


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


def table(number: str, scope: str) -> DeliverablesTable:
    return DeliverablesTable(number, scope, "caption", 0, None, [])


def qty(line: int, *values: int | str, fixed_2025: int | None = None) -> list[Quantity]:
    """Quantities of the four usual columns; "—" is a dash (0, dash=True). `fixed_2025`: the line of a
    correction of the 2025 column's heading, which those figures depend on."""
    assert len(values) == 4
    out = []
    for (year, status), v in zip(COLUMNS, values, strict=True):
        fix = [fixed_2025] if fixed_2025 and year == 2025 else []
        dash = v == "—"
        out.append(Quantity(year, status, 0 if dash else int(v), dash, line, fix))
    return out


def item_title(lines: list[SourceLine], number: int) -> str:
    """The printed title of the numbered item on source line `number` ("7. 防止…\t1…" -> "防止…")."""
    [line] = [x for x in lines if x.number == number]
    return line.text.split("\t")[0].split(". ", 1)[1]


def total(sub: Sub, line: int, row: int, values: list[Quantity], marker: str | None = None) -> DeliverableRow:
    category, label, unit = sub
    return DeliverableRow("total", category, label, line, row, unit=unit, marker=marker, quantities=values)


def item(
    sub: Sub, line: int, row: int, number: int, title: str, values: list[Quantity], group: str | None = None
) -> DeliverableRow:
    category, label, unit = sub
    return DeliverableRow(
        "item", category, label, line, row, item=number, title=title, unit=unit, group_heading=group, quantities=values
    )


def narrative(
    category: str, label: str, line: int, row: int, ordinal: int, text: str, corrections: list[int] | None = None
) -> DeliverableRow:
    return DeliverableRow(
        "narrative", category, label, line, row, ordinal=ordinal, title=label, text=text, corrections=corrections or []
    )


# --------------------------------------------------------------------------------------- table 16.4


def test_table_16_4_with_the_corrected_header() -> None:
    lines = corrected(excerpt(627, 648))  # after the caption (line 626); headers on lines 628 and 636
    t = table("16.4", "2025/sp1")
    footnotes = parse_deliverables(t, lines, PATH)
    assert footnotes == []
    assert t.columns == COLUMNS
    assert t.corrections == [628, 636]
    assert t.rows == [
        total(DOCS, 630, 1, qty(630, 68, 27, 42, 32, fixed_2025=628)),
        item(
            DOCS,
            631,
            2,
            1,
            "打击跨国组织犯罪公约及其各项议定书缔约方会议及各工作组文件",
            qty(631, 34, 21, 32, 32, fixed_2025=628),
        ),
        item(DOCS, 632, 3, 2, item_title(lines, 632), qty(632, 34, 6, 10, "—", fixed_2025=628)),
        total(MEETINGS, 633, 4, qty(633, 84, 82, 46, 26, fixed_2025=628)),
        item(MEETINGS, 634, 5, 3, "缔约方大会，包括其工作组的会议", qty(634, 26, 20, 26, 26, fixed_2025=628)),
        # after the repeated header (line 636): the subcategory goes on
        item(MEETINGS, 637, 6, 4, item_title(lines, 637), qty(637, 58, 62, 20, "—", fixed_2025=636)),
        total(PROJECTS, 639, 7, qty(639, 13, 12, 11, 11, fixed_2025=636)),
        item(PROJECTS, 640, 8, 5, "预防和打击跨国组织犯罪", qty(640, 3, 2, 2, 2, fixed_2025=636)),
        item(PROJECTS, 641, 9, 6, "防止和打击非法货物贩运并加强边境管理", qty(641, 4, 5, 5, 5, fixed_2025=636)),
        item(PROJECTS, 642, 10, 7, "防止和打击贩运枪支和有关犯罪", qty(642, 1, 1, 1, 1, fixed_2025=636)),
        item(PROJECTS, 643, 11, 8, "预防和打击贩运人口和偷运移民", qty(643, 2, 2, 1, 1, fixed_2025=636)),
        item(
            PROJECTS, 644, 12, 9, "防止和打击将信息和通信技术用于犯罪目的和洗钱", qty(644, 3, 2, 2, 2, fixed_2025=636)
        ),
        total(PUBLICATIONS, 645, 13, qty(645, 3, 9, 5, 10, fixed_2025=636)),
        item(PUBLICATIONS, 646, 14, 10, "有组织犯罪和非法贩运", qty(646, 3, 9, 5, 10, fixed_2025=636)),
        # line 648: two narrative entries in one cell, as <p>…</p> <p>…</p>
        narrative("C", "咨询、建议和倡导", 648, 15, 1, t.rows[14].text or ""),
        narrative("C", "数据库和实质性数字材料", 648, 16, 2, t.rows[15].text or ""),
    ]
    assert t.rows[14].text is not None
    assert t.rows[14].text.startswith("为 15 个尚未加入《联合国打击跨国组织犯罪公约》")
    assert t.rows[14].text.endswith("向 5 个会员国和国际麻醉品管制局提供与三项药物管制公约有关的咨询服务。")
    assert t.rows[15].text == (
        "电子资源和犯罪法律共享(夏洛克)平台，包含 12 000 多份附有注释的立法摘要和 3 500 多份案件摘要，"
        "涵盖 15 种犯罪类型；加密货币电子学习课程。"
    )


def test_uncorrected_header_of_table_16_4_has_a_duplicated_column() -> None:
    with pytest.raises(SourceError, match="two columns have the same year and status") as info:
        parse_deliverables(table("16.4", "2025/sp1"), excerpt(627, 648), PATH)
    assert (info.value.path, info.value.line) == (PATH, 628)
    assert info.value.text == "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划\t2024 年 计划"


# --------------------------------------------------------------------------------------- table 16.6


def test_table_16_6_subcategory_with_a_footnote_marker() -> None:
    lines = excerpt(750, 781)  # after the caption (line 749); ^a on line 766, its note on line 781
    t = table("16.6", "2025/sp2")
    footnotes = parse_deliverables(t, lines, PATH)
    note = "关于减少毒品供应的外地和技术合作项目及其出版物，参见表 16.4 下的应交付产出 B.6 和 B.10。"
    assert footnotes == [(lines[781 - 750], "a", note)]
    assert t.columns == COLUMNS and t.corrections == []
    [marked] = [r for r in t.rows if r.marker]
    assert marked == total(PROJECTS, 766, 10, qty(766, 11, 11, 11, 3), marker="a")
    assert [(r.row, r.kind, r.item, r.line) for r in t.rows] == [
        (1, "total", None, 753),
        (2, "item", 1, 754),
        (3, "item", 2, 755),
        (4, "item", 3, 756),
        (5, "total", None, 757),
        (6, "item", 4, 759),
        (7, "item", 5, 760),
        (8, "item", 6, 761),
        (9, "item", 7, 764),
        (10, "total", None, 766),
        (11, "item", 8, 767),
        (12, "item", 9, 768),
        (13, "item", 10, 769),
        (14, "total", None, 770),
        (15, "item", 11, 771),
        (16, "item", 12, 772),
        (17, "total", None, 773),
        (18, "item", 13, 774),
        (19, "item", 14, 775),
        (20, "narrative", None, 777),
        (21, "narrative", None, 779),
    ]


def test_table_16_6_group_heading_runs_on_after_the_repeated_header() -> None:
    t = table("16.6", "2025/sp2")
    parse_deliverables(t, excerpt(750, 781), PATH)
    by_item = {r.item: r for r in t.rows if r.kind == "item"}
    # line 758 "下列机构的会议：" heads items 4-6, and item 7 after the header repeated on line 763
    group = "下列机构的会议："
    assert [by_item[n].group_heading for n in (3, 4, 5, 6, 7, 8)] == [None, group, group, group, group, None]
    assert by_item[7] == item(
        MEETINGS, 764, 9, 7, "减少毒品需求、艾滋病毒/艾滋病和替代发展问题专家组", qty(764, 5, 5, 5, 5), group
    )
    assert by_item[2].quantities == qty(755, 5, "—", 5, "—")
    assert [r.ordinal for r in t.rows if r.kind == "narrative"] == [1, 1]  # one in C, one in D
    assert t.rows[-1] == narrative(
        "D",
        "外联方案、特别活动和宣传材料",
        779,
        21,
        1,
        "禁止药物滥用和非法贩运国际日、世界精神卫生日和世界艾滋病日的社交媒体宣传和活动。",
    )


# --------------------------------------------------------------------------------------- table 16.14


def test_table_16_14_two_paragraph_narrative_row_as_corrected() -> None:
    lines = corrected(excerpt(1250, 1272))  # line 1272: "<p>协商…</p> <p>数据库和实质性数字材料：…</p>"
    t = table("16.14", "2025/sp6")
    assert parse_deliverables(t, lines, PATH) == []
    assert t.corrections == []  # the header was not corrected
    assert t.rows[-2:] == [
        narrative(
            "C",
            "协商、咨询和倡导",
            1272,
            16,
            1,
            "为各国政府、国际、区域和国家组织、机构和实验室进行大约 35 次"
            "关于毒品和犯罪统计以及法证工作的情况介绍和传播活动。",
            [1272],
        ),
        narrative("C", "数据库和实质性数字材料", 1272, 17, 2, t.rows[-1].text or "", [1272]),
    ]
    assert t.rows[-1].text is not None
    assert t.rows[-1].text.startswith("根据对年度犯罪趋势调查的回复整理的国际犯罪统计数据；")
    assert t.rows[-1].text.endswith("毒品和犯罪问题办公室偷运移民问题观察站。")
    assert "<p>" not in t.rows[-1].text and "</p>" not in (t.rows[-2].text or "")
    assert [(r.row, r.kind, r.item) for r in t.rows[:4]] == [
        # the header repeats on line 1257, between rows 3 and 4
        (1, "total", None),
        (2, "item", 1),
        (3, "item", 2),
        (4, "total", None),
    ]


def test_uncorrected_line_1272_paragraph_without_a_label() -> None:
    expected = "expected a narrative entry 'subcategory：text' in category C"
    with pytest.raises(SourceError, match=expected) as info:
        parse_deliverables(table("16.14", "2025/sp6"), excerpt(1250, 1272), PATH)
    assert info.value.line == 1272


# --------------------------------------------------------------------------------------- table 16.17


def test_table_16_17_category_d_after_the_repeated_header_and_a_rule_line() -> None:
    lines = excerpt(1367, 1390)  # header on 1368 and again on 1381, rule line 1382, D on 1384
    t = table("16.17", "2025/sp7")
    assert parse_deliverables(t, lines, PATH) == []
    assert [(r.category, r.kind) for r in t.rows].count(("B", "item")) == 7
    assert t.rows[-3:] == [
        narrative("D", "外联方案、特别活动和宣传材料", 1386, 11, 1, lines[1386 - 1367].text.split("：", 1)[1]),
        narrative("D", "对外关系和媒体关系", 1388, 12, 2, "新闻稿和活动。"),
        narrative("D", "数字平台和多媒体内容", 1390, 13, 3, "毒品和犯罪问题办公室网站和社交媒体渠道。"),
    ]
    assert t.rows[0] == total(PROJECTS, 1370, 1, qty(1370, 7, 5, 6, 6))


# --------------------------------------------------------------------------------------- table 16.25


def test_table_16_25_meetings_subcategory_printed_twice() -> None:
    lines = excerpt(1740, 1785)  # headers 1741, 1749 ("2023年 计划"), 1776; rule line 1777
    t = table("16.25", "2025/sp9-2")
    assert parse_deliverables(t, lines, PATH) == []
    assert t.columns == COLUMNS
    meetings = [r for r in t.rows if r.subcategory == "会议和秘书处会议服务"]
    group = "下列机构的会议:"  # printed with an ASCII colon here
    secretariat = ("A", "会议和秘书处会议服务", "3小时会议次数")  # unit printed without a blank here
    assert meetings == [
        total(secretariat, 1757, 12, qty(1757, 98, 124, 98, 98)),
        item(secretariat, 1759, 13, 10, "国际麻醉品管制局及其概算常设委员会", qty(1759, 60, 58, 60, 60), group),
        item(secretariat, 1760, 14, 11, "向国际麻醉品管制局提供咨询意见的特设专家组", qty(1760, 18, 6, 18, 18), group),
        item(secretariat, 1761, 15, 12, item_title(lines, 1761), qty(1761, 20, 60, 20, 20), group),
    ]
    assert t.rows[7] == total(("A", "实质性会议服务", "3小时会议次数"), 1752, 8, qty(1752, 98, 124, 98, 98))
    # items 5 and 6 come after the header printed as "2023年 计划" (line 1749), still 议事机构文件
    assert [(r.item, r.subcategory) for r in t.rows[5:7]] == [(5, "议事机构文件"), (6, "议事机构文件")]
    assert [(r.category, r.ordinal, r.subcategory, r.line) for r in t.rows if r.kind == "narrative"] == [
        ("C", 1, "协商、咨询和倡导", 1773),
        ("C", 2, "数据库和实质性数字材料", 1774),
        ("D", 1, "外联方案、特别活动和宣传材料", 1781),
        ("D", 2, "对外关系和媒体关系", 1783),
        ("D", 3, "数字平台和多媒体内容", 1785),
    ]
    assert [r.item for r in t.rows if r.kind == "item"] == list(range(1, 19))


# --------------------------------------------------------------------------------------- tables 16.1, 16.12


def test_table_16_1_group_heading_with_an_ascii_colon_and_spaced_narratives() -> None:
    lines = excerpt(487, 514)
    t = table("16.1", "2025/programme")
    parse_deliverables(t, lines, PATH)
    group = "下列机构的会议:"
    assert t.rows[:4] == [
        total(MEETINGS, 490, 1, qty(490, 3, 3, 3, 3)),
        item(MEETINGS, 492, 2, 1, "第五委员会", qty(492, 1, 1, 1, 1), group),
        item(MEETINGS, 495, 3, 2, "行政和预算问题咨询委员会", qty(495, 1, 1, 1, 1), group),
        item(MEETINGS, 496, 4, 3, "方案和协调委员会", qty(496, 1, 1, 1, 1), group),
    ]
    # "数据库和实质性数字材料： 联合评价。" (line 511): the blank after the colon is not part of the text
    assert narrative("C", "数据库和实质性数字材料", 511, 17, 2, "联合评价。") in t.rows
    assert [r.item for r in t.rows if r.kind == "item"] == list(range(1, 12))


def test_table_16_12_header_without_nian() -> None:
    lines = excerpt(1007, 1028)  # "类别和次类别⇥2023 计划⇥2023 实际⇥2024 计划⇥2025 计划"
    t = table("16.12", "2025/sp4")
    parse_deliverables(t, lines, PATH)
    assert t.columns == COLUMNS
    assert t.rows[6] == item(MEETINGS, 1016, 7, 5, "《联合国全球反恐战略》两年期审查", qty(1016, 4, 25, "—", "—"))


def test_parse_header() -> None:
    assert parse_header(SourceLine(751, HEADER), PATH) == COLUMNS
    compact = "类别和次类别\t2023年 计划\t2023年 实际\t2024年 计划\t2025年 计划"  # line 1749
    assert parse_header(SourceLine(1749, compact), PATH) == COLUMNS
    expected = "expected a column like '2023 年 计划', got '2023 年 预算'"
    with pytest.raises(SourceError, match=expected) as info:
        parse_header(SourceLine(9, "类别和次类别\t2023 年 预算"), PATH)
    assert info.value.line == 9


# --------------------------------------------------------------------------------------- errors


def rows(*texts: str, first: int = 488) -> list[SourceLine]:
    return [SourceLine(first + i, t) for i, t in enumerate(texts)]


def test_a_row_with_three_figures_in_a_four_column_table() -> None:
    lines = rows(
        HEADER,
        "A. 协助政府间进程和专家机构\t\t\t\t",
        "实质性会议服务(3 小时会议次数)\t3\t3\t3\t3",
        "1. 第五委员会\t1\t1\t1",
    )
    with pytest.raises(SourceError, match="expected 4 figures \\(one per column\\), found 3") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert (info.value.line, info.value.text) == (491, "1. 第五委员会\t1\t1\t1")


def test_a_blank_figure_cell_is_a_missing_figure() -> None:
    lines = rows(HEADER, "A. 协助政府间进程和专家机构", "实质性会议服务(3 小时会议次数)\t3\t\t3\t3")
    with pytest.raises(SourceError, match="found 3") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 490


def test_a_non_numeric_figure() -> None:
    lines = rows(HEADER, "A. 协助政府间进程和专家机构", "实质性会议服务(3 小时会议次数)\t3\t三\t3\t3")
    with pytest.raises(SourceError, match="expected a number or a dash, got '三'") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 490


def test_figures_with_a_thousands_space_and_other_dashes() -> None:
    lines = rows(HEADER, "B. 生成和转让知识", "技术材料(材料数目)\t12 000\t–\t-\t－")
    t = table("16.x", "2025/programme")
    parse_deliverables(t, lines, PATH)
    assert t.rows[0].quantities == qty(490, 12000, "—", "—", "—")


def test_an_item_before_any_category() -> None:
    lines = rows(HEADER, "1. 第五委员会\t1\t1\t1\t1")
    with pytest.raises(SourceError, match=r"expected a category row such as 'A\. …'") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 489


def test_an_item_before_any_subcategory() -> None:
    lines = rows(HEADER, "A. 协助政府间进程和专家机构\t\t\t\t", "1. 第五委员会\t1\t1\t1\t1")
    with pytest.raises(SourceError, match="an item before any subcategory") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 490


def test_a_row_before_the_header() -> None:
    lines = rows("A. 协助政府间进程和专家机构\t\t\t\t", HEADER)
    with pytest.raises(SourceError, match="expected the header row first") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 488


def test_no_header_at_all() -> None:
    with pytest.raises(SourceError, match="no header row found") as info:
        parse_deliverables(table("16.1", "2025/programme"), rows("", "-----"), PATH)
    assert info.value.line == 488


def test_a_repeated_header_that_differs() -> None:
    shorter = "类别和次类别\t2023 年 计划\t2023 年 实际\t2024 年 计划"
    lines = rows(HEADER, "A. 协助政府间进程和专家机构", shorter)
    with pytest.raises(SourceError, match="a repeated header differs from the first") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 490


def test_free_text_in_a_quantified_category() -> None:
    lines = rows(HEADER, "A. 协助政府间进程和专家机构", "协商、咨询和倡导：为会员国提供咨询服务。")
    with pytest.raises(SourceError, match="expected a subcategory total") as info:
        parse_deliverables(table("16.1", "2025/programme"), lines, PATH)
    assert info.value.line == 490
