"""Unit tests of extract/performance.py on the real performance-measure tables of A/79/6 (Sect. 16).

Inputs are verbatim excerpts (fixtures/sect16-{first}-{last}.txt): the header line of year columns
and the rows under it, each keeping its source line number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg.errors import SourceError
from unodc_kg.extract.performance import is_header, parse_measure_table
from unodc_kg.extract.records import MeasureCell, PerformanceMeasure
from unodc_kg.extract.source import SourceLine

FIXTURES = Path(__file__).parent / "fixtures"
PATH = "data/sources/A-79-6-Sect16.zh.txt"


def excerpt(first: int, last: int) -> list[SourceLine]:
    rows = (FIXTURES / f"sect16-{first}-{last}.txt").read_text(encoding="utf-8").split("\n")[:-1]
    assert len(rows) == last - first + 1
    return [SourceLine(first + i, text) for i, text in enumerate(rows)]


def measure(table: str, owner: str = "1", scope: str = "2025/sp1") -> PerformanceMeasure:
    return PerformanceMeasure(owner, scope, f"table:{table}", "业绩计量", 0)


def parse(table: str, first: int, last: int) -> tuple[PerformanceMeasure, list[SourceLine]]:
    lines = excerpt(first, last)
    m = measure(table)
    parse_measure_table(m, lines[0], lines[1:], PATH)
    return m, lines


def cells_of(line: SourceLine) -> list[str]:
    return [c.strip() for c in line.text.split("\t")]


def test_table_16_2_two_rows_of_three_actual_years() -> None:
    m, lines = parse("16.2", 567, 569)
    r1, r2 = cells_of(lines[1]), cells_of(lines[2])
    assert m.cells == [
        MeasureCell(2021, "actual", 1, r1[0], 568),
        MeasureCell(2022, "actual", 1, "马来西亚成立东南亚首个加密货币分析实验室", 568),
        MeasureCell(2023, "actual", 1, "马来西亚警察利用专门的法证分析工具和程序进行调查", 568),
        MeasureCell(2021, "actual", 2, "马来西亚警察通过培训和指导进行虚拟资产和区块链调查能力增强", 569),
        MeasureCell(2022, "actual", 2, "马来西亚警察配备了专门的法证设备和工具", 569),
        MeasureCell(2023, "actual", 2, r2[2], 569),
    ]
    assert r1[0] == "东南亚刑事司法从业人员对新出现的威胁，包括专门加密网络促成的犯罪的认识提高"
    assert r2[2] == "独立编写了 32 份刑事分析报告(比 2021 年增加 90%)，包括国际案件"
    # the other fields are left as they were
    assert (m.owner, m.presented_in, m.description, m.introduced_by) == ("1", "table:16.2", "业绩计量", None)


def test_table_16_3_empty_first_cell_states_nothing_for_2021() -> None:
    m, lines = parse("16.3", 618, 619)  # row 619 starts with a tab
    assert lines[1].text.startswith("\tgoIFAR")
    assert m.cells == [
        MeasureCell(2022, "actual", 1, "goIFAR 测试版进行内部和外部审查", 619),
        MeasureCell(2023, "actual", 1, "洪都拉斯和塞内加尔制定定制 goIFAR 行动计划", 619),
        MeasureCell(2024, "planned", 1, "洪都拉斯和塞内加尔采用 goIFAR 另有两个国家制定定制 goIFAR 行动计划", 619),
        MeasureCell(2025, "planned", 1, "另有两个国家采用 goIFAR", 619),
    ]


def test_table_16_18_dash_states_none() -> None:
    m, _ = parse("16.18", 1427, 1428)  # "—⇥加拉帕戈斯执法机构…⇥通过认可…"
    assert m.cells == [
        MeasureCell(2021, "actual", 1, None, 1428),
        MeasureCell(2022, "actual", 1, "加拉帕戈斯执法机构建立机制，改善机构间协调，打击燃料贩运和海上犯罪", 1428),
        MeasureCell(2023, "actual", 1, "通过认可加拉帕戈斯海上执法机构间指南，加强燃料供应的行政控制", 1428),
    ]


def test_table_16_23_three_rows_with_sparse_cells() -> None:
    # Row 1 (line 1696) fills all five years; row 2 (1697) the three actual years and two empty
    # cells; row 3 (1698) only 2022, between empty cells.
    m, lines = parse("16.23", 1695, 1698)
    r1, r2, r3 = (cells_of(x) for x in lines[1:])
    years = [(2021, "actual"), (2022, "actual"), (2023, "actual"), (2024, "planned"), (2025, "planned")]
    assert m.cells == (
        [MeasureCell(y, s, 1, r1[i], 1696) for i, (y, s) in enumerate(years)]
        + [MeasureCell(y, s, 2, r2[i], 1697) for i, (y, s) in enumerate(years[:3])]
        + [
            MeasureCell(
                2022,
                "actual",
                3,
                "会员国提高对防止设备用于非法药物制造和增加第 13 条实际使用的各种选项和办法的认识",
                1698,
            )
        ]
    )
    assert r2[3:] == ["", ""] and r3[0] == "" and r3[2:] == ["", "", ""]
    assert r1[2] == "对 18 种化学品可能接受国际管制进行了评估"
    assert r2[1] == "麻管局向国际麻醉品管制局的决策者提供关于第 13 条和设备的指导文件"


def test_table_16_9_second_row_fills_only_its_first_year() -> None:
    m, _ = parse("16.9", 946, 948)  # line 948: "恐怖主义受害者在刑事司法程序中得到支助…⇥⇥"
    assert [(c.year, c.status, c.row, c.line) for c in m.cells] == [
        (2021, "actual", 1, 947),
        (2022, "actual", 1, 947),
        (2023, "actual", 1, 947),
        (2021, "actual", 2, 948),
    ]
    assert m.cells[-1].text == "恐怖主义受害者在刑事司法程序中得到支助，包括关于其法律援助和保护机制"


def test_cells_are_appended_to_those_already_there() -> None:
    lines = excerpt(1427, 1428)
    m = measure("16.18", owner="highlight", scope="2025/sp8")
    m.cells.append(MeasureCell(2020, "actual", 1, "x", 1))
    parse_measure_table(m, lines[0], lines[1:], PATH)
    assert [c.year for c in m.cells] == [2020, 2021, 2022, 2023]


def test_is_header() -> None:
    assert is_header(excerpt(567, 569)[0])
    assert is_header(excerpt(1695, 1698)[0])
    assert is_header(SourceLine(1, "2021（实际）\t2025（计划）"))  # full-width brackets
    assert not is_header(excerpt(567, 569)[1])
    assert not is_header(SourceLine(1, ""))
    assert not is_header(SourceLine(1, "业绩计量"))
    assert not is_header(SourceLine(1, "2021(实际)\t2022(预计)"))


# ------------------------------------------------------------------------------------------ errors


def test_more_cells_than_years() -> None:
    lines = excerpt(567, 569)
    row = SourceLine(568, lines[1].text + "\t多出的一格")
    with pytest.raises(SourceError, match="performance measure: 4 cells in a table of 3 years") as info:
        parse_measure_table(measure("16.2"), lines[0], [row], PATH)
    assert (info.value.path, info.value.line, info.value.text) == (PATH, 568, row.text)


def test_trailing_empty_cells_beyond_the_years_are_ignored() -> None:
    lines = excerpt(1427, 1428)
    m = measure("16.18")
    parse_measure_table(m, lines[0], [SourceLine(1428, lines[1].text + "\t\t")], PATH)
    assert len(m.cells) == 3


def test_header_cell_that_is_not_a_year() -> None:
    with pytest.raises(SourceError, match="expected a column like '2021\\(实际\\)', got '2022'") as info:
        parse_measure_table(measure("16.2"), SourceLine(567, "2021(实际)\t2022\t2023(实际)"), [], PATH)
    assert info.value.line == 567


def test_a_table_with_no_entries() -> None:
    lines = excerpt(567, 569)
    with pytest.raises(SourceError, match="a table with no entries") as info:
        parse_measure_table(measure("16.2"), lines[0], [SourceLine(568, "\t\t")], PATH)
    assert info.value.line == 567


def test_header_with_a_trailing_tab() -> None:
    lines = excerpt(567, 569)
    header = SourceLine(567, lines[0].text + "\t")
    assert is_header(header)
    m = measure("16.2")
    parse_measure_table(m, header, lines[1:], PATH)
    assert len(m.cells) == 6
