"""Unit tests of extract/budget.py (BudgetSectionAdapter) on a small synthetic budget section.

fixtures/budget-synthetic.lines.txt assembles real lines of A/79/6 (Sect. 16) (each written with its
source line number, which the SourceLine keeps): front matter with the table of contents and the
*, *** notes; the start line "A. 2025 年拟议方案计划和 2023 年方案执行情况"; the general part with a
paragraph broken by a page break and a running page header; the legislative mandates (treaties,
General Assembly, Security Council); the programme's deliverables table; one subprogramme with
objective, strategy (lettered items and (一) sub-items), expected results, the 2023 highlight with a
table measure and footnotes ⁶ ⁷ splitting a paragraph, planned results with a figure whose caption
has a (百分比) line and with a table measure, lessons learned, and the subprogramme's deliverables.
The error cases change that document a line or two and check the SourceError names the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unodc_kg.errors import SourceError
from unodc_kg.extract.budget import BudgetSectionAdapter, DocumentSpec, Lexicon, cjk_number, heading_kind
from unodc_kg.extract.records import (
    ExtractedDocument,
    FigureRecord,
    Footnote,
    Highlight,
    InstrumentRef,
    MandateEntry,
    MeasureCell,
    PerformanceMeasure,
    PlannedResult,
    Scope,
    TableRecord,
)
from unodc_kg.extract.source import SourceDocument, SourceLine

FIXTURES = Path(__file__).parent / "fixtures"
SHOWN = "data/sources/synthetic-sect16.txt"
PROGRAMME, SP1 = "2025/programme", "2025/sp1"

SPEC = DocumentSpec(
    key="a-79-6-sect16",
    file="A-79-6-Sect16.zh.txt",
    symbol="A/79/6 (Sect. 16)",
    title_en="Proposed programme budget for 2025, Section 16",
    language="zh",
    edition=2025,
    section="16",
)
LEXICON = Lexicon(
    organ_names={
        "大会": "ga",
        "安全理事会": "sc",
        "安理会": "sc",
        "经济及社会理事会": "ecosoc",
        "麻醉药品委员会": "cnd",
        "联合国预防犯罪和刑事司法大会": "crime-congress",
    },
    instrument_names={
        "经《1972年议定书》修正的《1961年麻醉品单一公约》": "treaty/single-convention-1961",
        "1971年《精神药物公约》": "treaty/psychotropic-substances-1971",
        "《联合国反腐败公约》": "treaty/uncac",
        "《联合国打击跨国有组织犯罪公约》": "treaty/untoc",
    },
)


def _lines(name: str) -> list[SourceLine]:
    out: list[SourceLine] = []
    for row in (FIXTURES / name).read_text(encoding="utf-8").split("\n")[:-1]:
        number, text = row.split("\t", 1)
        out.append(SourceLine(int(number), text))
    return out


BASE = _lines("budget-synthetic.lines.txt")
TEXT = {line.number: line.text for line in BASE}
# Source lines not in the synthetic document, for the error cases (65, 91, 558) and 16.28(f) (671).
EXTRA = {line.number: line for line in _lines("budget-extra.lines.txt")}


def document(lines: list[SourceLine]) -> SourceDocument:
    return SourceDocument(Path("synthetic.txt"), SHOWN, "0" * 64, len(lines), tuple(lines), ())


def extract(lines: list[SourceLine]) -> ExtractedDocument:
    return BudgetSectionAdapter(SPEC, LEXICON).extract(document(lines))


def at(number: int, lines: list[SourceLine] = BASE) -> int:
    """Index of the first line with this source number."""
    return next(i for i, line in enumerate(lines) if line.number == number)


def inserted(after: int, *numbers: int) -> list[SourceLine]:
    """BASE with source lines (of BASE or EXTRA, by number) inserted after the line `after`."""
    i = at(after) + 1
    extra = [EXTRA[n] if n in EXTRA else BASE[at(n)] for n in numbers]
    return BASE[:i] + extra + BASE[i:]


def without(*numbers: int) -> list[SourceLine]:
    return [line for line in BASE if line.number not in numbers]


def until(number: int) -> list[SourceLine]:
    """BASE up to, and without, the line `number`."""
    return BASE[: at(number)]


@pytest.fixture(scope="module")
def doc() -> ExtractedDocument:
    return extract(BASE)


def body(number: int, prefix: str) -> str:
    """The text of source line `number` after its printed number or label."""
    text = TEXT[number].strip()
    assert text.startswith(prefix), text[:20]
    return text[len(prefix) :].strip()


# ------------------------------------------------------------------------------------ the document


def test_document_info(doc: ExtractedDocument) -> None:
    info = doc.info
    assert info.title_zh == "2025 年拟议方案预算 第 16 款 国际药物管制、预防犯罪和恐怖主义及刑事司法"
    assert (info.key, info.symbol, info.language, info.edition) == ("a-79-6-sect16", "A/79/6 (Sect. 16)", "zh", 2025)
    assert (info.source_file, info.sha256, info.line_count) == (SHOWN, "0" * 64, len(BASE))
    assert doc.corrections == []


def test_scopes(doc: ExtractedDocument) -> None:
    # The table of contents line "A. …执行情况***⇥3" (line 30) has a tab: the programme starts on line 54.
    assert doc.scopes == [
        Scope(PROGRAMME, "programme", "13", "国际药物管制、预防犯罪和恐怖主义及刑事司法", 54),
        Scope(SP1, "subprogramme", "1", "打击跨国有组织犯罪", 533, PROGRAMME),  # title on line 535
    ]


def test_text_nodes_keys_roles_and_lines(doc: ExtractedDocument) -> None:
    P, S = PROGRAMME, SP1
    found = [(t.key, t.number, t.role, t.label, t.parent, t.scope, t.line, t.last_line) for t in doc.texts]
    assert found == [
        ("16.1", "16.1", "paragraph", None, None, P, 60, 60),
        ("16.2", "16.2", "paragraph", None, None, P, 64, 64),
        ("16.2.a", "16.2(a)", "item", "(a)", "16.2", P, 65, 65),
        ("16.2.b", "16.2(b)", "item", "(b)", "16.2", P, 66, 66),
        ("16.2.c", "16.2(c)", "item", "(c)", "16.2", P, 67, 67),
        ("16.4", "16.4", "paragraph", None, None, P, 69, 71),  # goes on after the page break
        ("16.9", "16.9", "mandates", None, None, P, 84, 84),
        ("16.10", "16.10", "deliverables-intro", None, None, P, 483, 483),
        ("16.14", "16.14", "objective", None, None, S, 539, 539),
        ("16.15", "16.15", "strategy", None, None, S, 543, 543),
        ("16.15.a", "16.15(a)", "strategy-item", "(a)", "16.15", S, 544, 544),
        ("16.15.b", "16.15(b)", "strategy-item", "(b)", "16.15", S, 545, 545),
        ("16.15.c", "16.15(c)", "strategy-item", "(c)", "16.15", S, 919, 919),
        ("16.28", "16.28", "strategy", None, None, S, 658, 658),
        ("16.28.a", "16.28(a)", "strategy-item", "(a)", "16.28", S, 660, 660),
        ("16.28.a.1", "16.28(a)(一)", "strategy-item", "(一)", "16.28.a", S, 661, 661),
        ("16.28.a.2", "16.28(a)(二)", "strategy-item", "(二)", "16.28.a", S, 662, 662),
        ("16.28.a.3", "16.28(a)(三)", "strategy-item", "(三)", "16.28.a", S, 663, 663),
        # (四) is printed without the leading "- " of the others
        ("16.28.a.4", "16.28(a)(四)", "strategy-item", "(四)", "16.28.a", S, 665, 665),
        ("16.16", "16.16", "expected-results", None, None, S, 550, 550),
        ("16.16.a", "16.16(a)", "expected-result", "(a)", "16.16", S, 552, 552),
        ("16.16.b", "16.16(b)", "expected-result", "(b)", "16.16", S, 553, 553),
        ("16.16.c", "16.16(c)", "expected-result", "(c)", "16.16", S, 554, 554),
        ("16.56", "16.56", "highlight", None, None, S, 933, 939),  # goes on after footnotes ⁶ and ⁷
        ("16.57", "16.57", "measure-intro", None, None, S, 941, 941),
        ("16.19", "16.19", "result", None, None, S, 578, 578),
        ("16.125", "16.125", "measure-intro", None, None, S, 1544, 1544),
        ("16.23", "16.23", "result", None, None, S, 607, 607),
        ("16.24", "16.24", "lesson", None, None, S, 611, 611),
        ("16.25", "16.25", "measure-intro", None, None, S, 613, 613),
        ("16.26", "16.26", "deliverables-intro", None, None, S, 623, 623),
    ]
    assert all(t.corrections == [] for t in doc.texts)
    assert doc.texts[12].paragraph_key == "16.15"
    assert doc.texts[15].paragraph_key == "16.28"


def test_texts_as_printed(doc: ExtractedDocument) -> None:
    text = {t.key: t.text for t in doc.texts}
    assert text["16.14"] == "本次级方案促进实现的目标是，预防和打击跨国有组织犯罪及非法贩运活动。"
    assert text["16.15.a"] == body(544, "- (a)")
    assert text["16.15.c"] == body(919, "- (c)")
    assert text["16.28.a.1"] == "执行三项国际药物管制公约以及所有国际药物政策承诺，以处理和应对世界毒品问题；"
    assert text["16.28.a.4"] == "建立和(或)扩大医疗和科研用途受管制物质的获取和供应；"
    assert text["16.10"] == "表 16.1 列示本方案所有共有应交付产出。"


def test_paragraph_continued_after_a_page_break_and_a_page_header(doc: ExtractedDocument) -> None:
    # Line 69 ends "…在这", line 70 is blank, the page header (line 284) is printed, line 71 goes on.
    assert TEXT[284] == "第 16 款 国际药物管制、预防犯罪和恐怖主义及刑事司法"
    [node] = [t for t in doc.texts if t.key == "16.4"]
    assert node.text == body(69, "- 16.4") + TEXT[71]
    assert node.text.endswith(
        "在这些伙伴关系，特别是与学术界的伙伴关系中，"
        "办公室将促进对会员国所面临挑战的性质进行循证分析和"
        "理解，并设计协调一致的方案和政策，以推动落实《2030年议程》。"
    )
    # The page header is skipped everywhere (it is also printed inside the General Assembly list).
    assert not any("第 16 款" in t.text for t in doc.texts)
    assert not any("第 16 款" in (e.title or "") for lst in doc.mandate_lists for e in lst.entries)


def test_paragraph_continued_after_footnotes(doc: ExtractedDocument) -> None:
    [node] = [t for t in doc.texts if t.key == "16.56"]
    assert TEXT[933].endswith("作为这些努力的一部分，")
    assert node.text == body(933, "- 16.56") + TEXT[939]
    assert (node.line, node.last_line) == (933, 939)


def test_footnotes(doc: ExtractedDocument) -> None:
    assert doc.footnotes == [
        # the title page's notes belong to no scope's text
        Footnote("s1", "*", body(37, "*"), 37, None, "document"),
        Footnote("s3", "***", body(41, "***"), 41, None, "document"),
        # ⁶ and ⁷ are marked in 16.15(c) (line 919: "根据大会⁶和安全理事会⁷各项决议…")
        Footnote("6", "⁶", "见大会第 72/194、72/284 和 74/175 号决议。", 935, SP1, "16.15.c"),
        Footnote("7", "⁷", "见安全理事会第 2482 (2019) 号决议和安理会以往相关决议。", 937, SP1, "16.15.c"),
    ]


def test_mandate_lists(doc: ExtractedDocument) -> None:
    treaties, ga, sc = doc.mandate_lists
    t = treaties
    assert (t.scope, t.slug, t.heading, t.organ, t.list_kind, t.order, t.line) == (
        PROGRAMME,
        "treaties",
        "公约和议定书",
        None,
        "treaties",
        1,
        86,
    )

    def treaty(key: str, name: str, line: int, position: int) -> MandateEntry:
        ref = InstrumentRef(key, "convention", None, None, None)
        return MandateEntry([(ref, name, None)], name, line, line, 1, position)

    assert treaties.entries == [
        treaty("treaty/single-convention-1961", "经《1972年议定书》修正的《1961年麻醉品单一公约》", 88, 1),
        treaty("treaty/psychotropic-substances-1971", "1971年《精神药物公约》", 89, 2),
        treaty("treaty/uncac", "《联合国反腐败公约》", 96, 3),
    ]
    assert (ga.scope, ga.slug, ga.heading, ga.organ, ga.list_kind, ga.order, ga.line) == (
        PROGRAMME,
        "ga",
        "大会决议",
        "ga",
        "resolutions",
        2,
        98,
    )
    assert [([r.key for r, _, _ in e.symbols], e.line, e.column, e.position) for e in ga.entries] == [
        (["ga/s-20-2"], 100, 1, 1),
        (["ga/s-20-4"], 101, 1, 2),
        (["ga/34-180"], 102, 1, 3),
        (["ga/44-25"], 103, 1, 4),
        (["ga/73-164", "ga/74-164"], 100, 2, 5),
        (["ga/73-183"], 103, 2, 6),
        (["ga/78-223"], 125, 1, 7),  # printed without tabs, after a blank line and the page header
    ]
    assert (sc.slug, sc.heading, sc.organ, sc.order) == ("sc", "安全理事会决议", "sc", 3)
    assert [(e.symbols[0][0].key, e.title, e.line) for e in sc.entries] == [
        ("sc/2370-2017", None, 145),
        ("sc/2482-2019", None, 147),
    ]


def test_deliverables_tables(doc: ExtractedDocument) -> None:
    programme, sp1 = doc.deliverable_tables
    p = programme
    assert (p.number, p.scope, p.caption, p.line, p.introduced_by) == (
        "16.1",
        PROGRAMME,
        "按类别和次类别列示的 2023-2025 年期间共有应交付产出",
        485,
        "16.10",
    )
    assert programme.columns == [(2023, "planned"), (2023, "actual"), (2024, "planned"), (2025, "planned")]
    assert [(r.row, r.kind, r.category, r.item, r.ordinal, r.line) for r in programme.rows] == [
        (1, "total", "A", None, None, 490),
        (2, "item", "A", 1, None, 492),
        (3, "item", "A", 2, None, 495),
        (4, "narrative", "C", None, 1, 511),
    ]
    assert (sp1.number, sp1.scope, sp1.line, sp1.introduced_by) == ("16.4", SP1, 625, "16.26")
    assert sp1.caption == "次级方案 1：按类别和次类别列示的 2023-2025 年期间应交付产出"
    assert [(r.row, r.kind, r.category, r.item, r.ordinal, r.line) for r in sp1.rows] == [
        (1, "total", "A", None, None, 630),
        (2, "item", "A", 1, None, 631),
        (3, "item", "A", 2, None, 632),
        (4, "narrative", "C", None, 1, 648),
        (5, "narrative", "C", None, 2, 648),
    ]
    assert sp1.rows[1].key(SP1) == "2025/sp1/1"
    assert sp1.rows[4].key(SP1) == "2025/sp1/c-2"
    assert sp1.rows[0].key(SP1) is None


def test_highlight_with_a_table_measure(doc: ExtractedDocument) -> None:
    row1, row2 = TEXT[947].split("\t"), TEXT[948].split("\t")
    assert doc.highlights == [
        Highlight(
            SP1,
            "伊拉克恐怖主义受害者的恢复和重返社会",
            931,
            2023,
            ["16.56", "16.57"],
            PerformanceMeasure(
                "highlight",
                SP1,
                "table:16.9",
                "业绩计量",
                943,
                "16.57",
                [
                    MeasureCell(2021, "actual", 1, row1[0], 947),
                    MeasureCell(2022, "actual", 1, row1[1], 947),
                    MeasureCell(2023, "actual", 1, row1[2], 947),
                    MeasureCell(2021, "actual", 2, row2[0], 948),
                ],
            ),
        )
    ]


def test_planned_results_with_a_figure_and_a_table(doc: ExtractedDocument) -> None:
    caption = body(1548, "") + "(百分比)"  # the caption line and the unit line under it (line 1550)
    goifar = TEXT[619].split("\t")
    assert doc.results == [
        PlannedResult(
            SP1,
            1,
            body(573, "成果 1："),
            573,
            ["16.19", "16.125"],
            [],
            PerformanceMeasure("1", SP1, "figure:16.22", caption, 1548, "16.125", []),
        ),
        PlannedResult(
            SP1,
            3,
            "改进火器、零部件和弹药的登记和可追溯性",
            603,
            ["16.23", "16.24", "16.25"],
            ["16.24"],
            PerformanceMeasure(
                "3",
                SP1,
                "table:16.3",
                "业绩计量",
                615,
                "16.25",
                [
                    MeasureCell(2022, "actual", 1, goifar[1], 619),
                    MeasureCell(2023, "actual", 1, goifar[2], 619),
                    MeasureCell(2024, "planned", 1, goifar[3], 619),
                    MeasureCell(2025, "planned", 1, goifar[4], 619),
                ],
            ),
        ),
    ]
    assert caption.startswith("业绩计量：参加预防犯罪和刑事司法委员会会议")
    assert caption.endswith("的会员国(百分比)")
    assert doc.figures == [FigureRecord("16.22", "16.二十二", SP1, caption, 1546, "16.125")]


def test_tables(doc: ExtractedDocument) -> None:
    assert doc.tables == [
        TableRecord("16.1", PROGRAMME, "按类别和次类别列示的 2023-2025 年期间共有应交付产出", 485, "16.10"),
        TableRecord("16.9", SP1, "业绩计量", 943, "16.57"),
        TableRecord("16.3", SP1, "业绩计量", 615, "16.25"),
        TableRecord("16.4", SP1, "次级方案 1：按类别和次类别列示的 2023-2025 年期间应交付产出", 625, "16.26"),
    ]


def test_citations(doc: ExtractedDocument) -> None:
    quote_16_1 = "大会第 45/179、46/152 和 46/185 C 号等决议"
    quote_fn6 = "大会第 72/194、72/284 和 74/175 号决议"
    untoc = "《联合国打击跨国有组织犯罪公约》"
    found = [(c.citing, c.paragraph, c.scope, c.instrument.key, c.quotation, c.line) for c in doc.citations]
    assert found == [
        ("p:16.1", "16.1", PROGRAMME, "ga/45-179", quote_16_1, 60),
        ("p:16.1", "16.1", PROGRAMME, "ga/46-152", quote_16_1, 60),
        ("p:16.1", "16.1", PROGRAMME, "ga/46-185-c", quote_16_1, 60),
        ("p:16.1", "16.1", PROGRAMME, "treaty/uncac", "《联合国反腐败公约》", 60),
        ("p:16.1", "16.1", PROGRAMME, "treaty/untoc", untoc, 60),
        ("p:16.15.a", "16.15", SP1, "treaty/untoc", untoc, 544),
        # 16.15(b), line 545, "支持《联合国打击跨国有组织犯罪公约》缔约方会议" names the Conference: no citation
        ("p:16.15.c", "16.15", SP1, "ga/60-288", "大会 2006 年第 60/288 号决议", 919),
        ("p:16.16.a", "16.16", SP1, "treaty/untoc", untoc, 552),
        ("fn:s1", "", None, "ga/77-267", "大会第 77/267 号决议", 37),
        ("fn:s3", "", None, "ga/77-267", "大会第 77/267 号决议", 41),
        ("fn:6", "16.15", SP1, "ga/72-194", quote_fn6, 935),
        ("fn:6", "16.15", SP1, "ga/72-284", quote_fn6, 935),
        ("fn:6", "16.15", SP1, "ga/74-175", quote_fn6, 935),
        ("fn:7", "16.15", SP1, "sc/2482-2019", "安全理事会第 2482 (2019) 号决议", 937),
        # the title of result 1 (line 573) cites too, and counts for the result's first paragraph
        ("result:2025/sp1/1", "16.19", SP1, "treaty/untoc", untoc, 573),
    ]
    assert doc.sdg_mentions == []


def test_sdg_mentions_of_a_strategy_item() -> None:
    # Line 671, 16.28(f): "…帮助会员国在实现可持续发展目标 3、4、5、10 和 16 方面取得进展。"
    doc = extract(inserted(665, 671))
    assert [(m.node, m.goal, m.line) for m in doc.sdg_mentions] == [
        ("p:16.28.f", 3, 671),
        ("p:16.28.f", 4, 671),
        ("p:16.28.f", 5, 671),
        ("p:16.28.f", 10, 671),
        ("p:16.28.f", 16, 671),
    ]


def test_helpers() -> None:
    assert [cjk_number(t) for t in ("一", "四", "十", "十一", "二十", "二十六")] == [1, 4, 10, 11, 20, 26]
    found = heading_kind("2023 年方案执行情况")
    assert found is not None and found[0] == "highlight" and found[1].group("year") == "2023"
    assert heading_kind("2025 年拟议方案预算") is not None  # read as the plan heading of a result
    assert heading_kind("2023 年方案执行情况和 2025 年具体目标") is not None
    assert heading_kind("马来西亚调查虚拟资产犯罪能力增强") is None


# ------------------------------------------------------------------------------------ errors


def test_truncated_inside_the_mandates() -> None:
    with pytest.raises(SourceError, match="the legislative mandates never end") as info:
        extract(until(481))
    # Named at the last line the truncated text has.
    assert (info.value.path, info.value.line) == (SHOWN, until(481)[-1].number)
    assert "the text ends at this line" in str(info.value)


def test_truncated_document_without_a_deliverables_table() -> None:
    with pytest.raises(SourceError, match=r"no deliverables table found \(truncated file\?\)") as info:
        extract(until(82))  # ends before 立法授权
    assert (info.value.path, info.value.line) == (SHOWN, until(82)[-1].number)


def test_truncated_before_the_title_of_the_subprogramme() -> None:
    with pytest.raises(SourceError, match="the title of 2025/sp1 is missing"):
        extract(until(534))


def test_no_programme_plan() -> None:
    with pytest.raises(SourceError, match="no programme plan found"):
        extract(without(54))


def test_unexpected_free_text() -> None:
    # Line 558 (the title of the 2023 highlight of subprogramme 1) placed after the objective.
    with pytest.raises(SourceError, match=r"unexpected text in 2025/sp1 \(work/objective\)") as info:
        extract(inserted(539, 558))
    assert (info.value.path, info.value.line) == (SHOWN, 558)
    assert info.value.text == "马来西亚调查虚拟资产犯罪能力增强"
    assert str(info.value).startswith(f"{SHOWN}:558: ")


def test_result_part_before_any_result_heading() -> None:
    with pytest.raises(SourceError, match="a part of a planned result before any '成果 n：' heading") as info:
        extract(without(573))
    assert (info.value.line, info.value.text) == (576, "2023 年方案执行情况和 2025 年具体目标")


def test_unknown_treaty_name() -> None:
    expected = "'《联合国打击跨国有组织犯罪公约》及其议定书' is not a known instrument"
    with pytest.raises(SourceError, match=expected) as info:
        extract(inserted(89, 91))
    assert info.value.line == 91


def test_list_row_before_any_list_heading() -> None:
    with pytest.raises(SourceError, match="expected a list heading such as '大会决议'") as info:
        extract(inserted(84, 145))
    assert info.value.line == 145


def test_lettered_item_before_any_paragraph() -> None:
    with pytest.raises(SourceError, match="a lettered item before any numbered paragraph") as info:
        extract(inserted(58, 65))
    assert info.value.line == 65


def test_sub_item_before_any_lettered_item() -> None:
    with pytest.raises(SourceError, match=r"a sub-item \(一\) before any lettered item") as info:
        extract(inserted(658, 661))
    assert info.value.line == 661


def test_paragraph_printed_twice() -> None:
    with pytest.raises(SourceError, match=r"paragraph 16\.14 appears twice") as info:
        extract(inserted(543, 539))
    assert info.value.line == 539


def test_result_printed_twice() -> None:
    with pytest.raises(SourceError, match="result 1 appears twice in 2025/sp1") as info:
        extract(inserted(1551, 573))
    assert info.value.line == 573


def test_measure_outside_a_highlight_or_result() -> None:
    lines = BASE[: at(540)] + BASE[at(943) : at(948) + 1] + BASE[at(540) :]  # table 16.9 after the objective
    expected = "a performance measure outside a programme performance or a planned result"
    with pytest.raises(SourceError, match=expected) as info:
        extract(lines)
    assert info.value.line == 943


def test_figure_without_its_caption() -> None:
    with pytest.raises(SourceError, match=r"figure 16\.22: expected a caption '业绩计量：…'") as info:
        extract(without(1548))
    assert (info.value.line, info.value.text) == (1550, "(百分比)")


def test_table_with_an_unknown_caption() -> None:
    expected = r"table 16\.9: expected a caption '业绩计量' or '…应交付产出'"
    with pytest.raises(SourceError, match=expected) as info:
        extract(without(944))
    assert info.value.line == 946


def test_measure_table_without_its_header() -> None:
    with pytest.raises(SourceError, match=r"table 16\.9: expected year columns like '2021\(实际\)'") as info:
        extract(without(946))
    assert info.value.line == 947


def test_truncated_after_a_figure_number() -> None:
    with pytest.raises(SourceError):
        extract(BASE[: at(1546) + 1])


def test_front_matter_without_the_budget_title() -> None:
    lines = [SourceLine(19, "第 16 款"), SourceLine(20, ""), SourceLine(21, TEXT[21])]
    with pytest.raises(SourceError):
        extract(lines)
