"""Unit tests of extract/strategy.py (StrategyAdapter) on the project's copy of E/CN.7/2007/14.

The document is read as the build reads it (data/sources/E-CN7-2007-14.zh.txt with the corrections of
data/corrections.toml), and the layout rules are checked on the real lines that need them: wrapped
paragraphs with blank lines between their lines, an indented line that continues a full line (48-49,
526-528) or starts a paragraph after a short bullet (189-191), the space put back between a Chinese
character and a number at a line break, the running page header between two results (270-276), the
footnote rule and its note (204-205), a result-area title that wraps (425-426), lettered items with
bullets under them, the initiatives of chapter 三, and the citations (an organ and its resolution, treaty
titles that wrap, resolutions listed with their dates after 各项大会决议). The error cases change the
document a line or two and check that the SourceError names the file, the line and what was expected.
The organ names are the Chinese labels of data/reference/organs.ttl; the two treaty titles needed are
written here.
"""

from __future__ import annotations

import doctest
import logging
from collections.abc import Mapping
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace

from unodc_kg.errors import SourceError
from unodc_kg.extract import strategy
from unodc_kg.extract.budget import DocumentSpec, Lexicon
from unodc_kg.extract.corrections import load_corrections
from unodc_kg.extract.source import read_source
from unodc_kg.extract.strategy import StrategyAdapter, display_width, joins_with_space
from unodc_kg.extract.strategy_records import StrategyDocument

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "data" / "sources" / "E-CN7-2007-14.zh.txt"
CORRECTIONS = ROOT / "data" / "corrections.toml"
SHOWN = "data/sources/E-CN7-2007-14.zh.txt"
KG = Namespace("https://w3id.org/unodc-kg/ontology/")

SPEC = DocumentSpec(
    key="e-cn7-2007-14",
    file="E-CN7-2007-14.zh.txt",
    symbol="E/CN.7/2007/14 – E/CN.15/2007/5",
    title_en="Strategy for the period 2008-2011 for the United Nations Office on Drugs and Crime",
    language="zh",
    edition=2008,
    section="",
    adapter="strategy-2008-2011",
)


def _organ_names() -> dict[str, str]:
    g = Graph().parse(ROOT / "data" / "reference" / "organs.ttl", format="turtle")
    names: dict[str, str] = {}
    for organ in g.subjects(RDF.type, KG.Organ):
        key = str(g.value(organ, SKOS.notation))
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(organ, prop):
                if isinstance(label, Literal) and label.language == "zh":
                    names[str(label)] = key
    return names


LEXICON = Lexicon(
    organ_names=_organ_names(),
    instrument_names={
        "《联合国打击跨国有组织犯罪公约》": "treaty/untoc",
        "《联合国打击跨国有组织犯罪公约》及其议定书": "treaty/untoc",
        "《联合国反腐败公约》": "treaty/uncac",
    },
)
LINES = SOURCE.read_text(encoding="utf-8").split("\n")  # index n-1 is source line n


def read(tmp_path: Path, edits: Mapping[int, str | None] | None = None, spec: DocumentSpec = SPEC) -> StrategyDocument:
    """The document with some source lines replaced (None: blanked), read with the corrections still matching."""
    lines = list(LINES)
    for number, text in (edits or {}).items():
        lines[number - 1] = "" if text is None else text
    path = tmp_path / "strategy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    fixes = [c for c in load_corrections(CORRECTIONS, SPEC.key) if lines[c.line - 1] == c.original]
    return StrategyAdapter(spec, LEXICON).extract(read_source(path, fixes, display_path=SHOWN))


@pytest.fixture(scope="module")
def doc() -> StrategyDocument:
    src = read_source(SOURCE, load_corrections(CORRECTIONS, SPEC.key), display_path=SHOWN)
    return StrategyAdapter(SPEC, LEXICON).extract(src)


def fails(tmp_path: Path, edits: Mapping[int, str | None], line: int | None, message: str) -> None:
    with pytest.raises(SourceError, match=message) as info:
        read(tmp_path, edits)
    assert info.value.path == SHOWN
    assert info.value.line == line


# ---------------------------------------------------------------------------------------------- the document


def test_document_and_strategy(doc: StrategyDocument) -> None:
    assert doc.info.key == "e-cn7-2007-14" and doc.info.symbol == "E/CN.7/2007/14 – E/CN.15/2007/5"
    assert doc.info.title_zh == "联合国毒品和犯罪问题办公室 2008-2011 年战略"  # line 21
    assert doc.info.edition is None and doc.info.line_count == 593
    s = doc.strategy
    assert (s.key, s.first_year, s.last_year, s.line) == ("2008-2011", 2008, 2011, 21)


def test_structure_counts(doc: StrategyDocument) -> None:
    assert len(doc.themes) == 3
    assert len(doc.areas) == 14
    assert len(doc.results) == 53
    assert len(doc.objectives) == 6
    assert len(doc.assumptions) == 5
    assert len(doc.needs) == 6
    assert [len(i.items) for i in doc.initiatives] == [4, 2, 3, 2, 5, 1, 2, 1]
    assert len(doc.footnotes) == 1
    assert len(doc.citations) == 13
    assert [p.order for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))


def test_keys_follow_the_documented_scheme(doc: StrategyDocument) -> None:
    keys = [p.key for p in doc.paragraphs]
    assert keys[:5] == ["summary.1", "ch1.1", "ch1.2", "ch1.3", "ch1.3.a"]
    assert "ch1.3.d.3" in keys and "ch1.12.6" in keys and "ch1.13" in keys
    assert keys[keys.index("ch2.4") + 1] == "1.1.1"  # results keep their printed numbers
    assert keys[-1] == "ch3.21"
    assert len(keys) == len(set(keys))


# ---------------------------------------------------------------------------------------------- layout rules


def test_wrapped_lines_with_blank_lines_between_make_one_paragraph(doc: StrategyDocument) -> None:
    summary = doc.paragraph("summary.1")
    assert (summary.line, summary.last_line) == (28, 57)
    assert summary.text.startswith("麻醉药品委员会在第 48/14 号决议中，敦促联合国毒品和犯罪问题办公室继续与会员国协商")
    assert summary.text.endswith("在 2007 年 2 月 8 日最后一次会议上就战略内容达成了一致意见。")  # line 55 corrected
    assert summary.corrections == [55]


def test_an_indented_line_after_a_full_line_goes_on(doc: StrategyDocument) -> None:
    # Line 48 ends "… 2007 年 1 月 10 日" (no punctuation, a full line); line 49 is indented but goes on.
    assert "由预定于 2007 年 1 月 10 日召开的主席之友小组第二次会议进一步审议" in doc.paragraph("summary.1").text
    # The bullet of lines 526-528 is broken the same way.
    bullet = doc.paragraph("ch3.6")
    assert (bullet.line, bullet.last_line) == (526, 528)
    assert bullet.text == "在项目和组织层面实行有效和透明的财务管理，为提高毒品和犯罪问题办公室的总体效率作出贡献"


def test_an_indented_line_after_a_short_bullet_starts_a_paragraph(doc: StrategyDocument) -> None:
    assert doc.paragraph("ch1.12.6").text == "用哪些绩效指标衡量成绩"  # line 189
    last = doc.paragraph("ch1.13")
    assert (last.line, last.parent) == (191, None)
    assert last.text.startswith("根据本战略采取的行动促进保护最弱势群体")  # line 191 corrected


def test_a_space_is_put_back_between_a_chinese_character_and_a_number(doc: StrategyDocument) -> None:
    assert "在毒品和犯罪问题办公室 1.359 亿美元的年度预算中" in doc.paragraph("ch1.5").text  # lines 124/126
    assert "特别是 2000 年 12 月 23 日第 55/231 号决议" in doc.paragraph("ch3.1").text  # lines 510/512
    assert "第 60/257 号决议和第 60/260 号决议。" in doc.paragraph("ch3.1").text  # lines 512/513


def test_helpers() -> None:
    assert doctest.testmod(strategy).failed == 0
    assert display_width("保持最佳。") == 10 and display_width("6") == 1
    assert joins_with_space("日", "2") and not joins_with_space("日", "召")


def test_the_running_page_header_between_two_results_is_skipped(doc: StrategyDocument) -> None:
    r125, r126 = doc.paragraph("1.2.5"), doc.paragraph("1.2.6")
    assert (r125.line, r125.last_line) == (264, 266)
    assert r125.text.endswith("特别是国际合作条款方面的障碍和良好做法的认识")
    assert (r126.line, r126.last_line) == (278, 280)  # after "6" and E/CN.7/2007/14, E/CN.15/2007/5 (272-276)


def test_footnote_after_its_rule_and_its_marker(doc: StrategyDocument) -> None:
    (note,) = doc.footnotes
    assert (note.key, note.marker, note.line, note.scope) == ("1", "1", 205, None)
    assert note.text == "本文件并不影响接受未经大会核准的观念。"
    assert note.marked_in == "ch1.13"
    holder = doc.paragraph("ch1.13")
    assert holder.footnote == "1" and holder.text.endswith("并保证他们的生命、生计和尊严。")  # "尊严。1" at line 193


def test_a_footnote_that_wraps(tmp_path: Path) -> None:
    # The note of line 205 broken in two, the theme heading one line further down.
    doc = read(tmp_path, {205: " 1 本文件并不影响接受未经", 206: "大会核准的观念。", 207: " 1. 法治 "})
    (note,) = doc.footnotes
    assert note.text == "本文件并不影响接受未经大会核准的观念。" and note.line == 205
    assert doc.themes[0].line == 207


def test_themes_objectives_and_a_wrapped_result_area_title(doc: StrategyDocument) -> None:
    assert [(t.number, t.title, t.line) for t in doc.themes] == [
        (1, "法治", 206),
        (2, "政策和趋势分析", 314),
        (3, "预防、治疗和重返社会及替代发展", 349),
    ]
    assert [t.paragraphs for t in doc.themes] == [["ch2.2"], ["ch2.5", "ch2.6"], ["ch2.8", "ch2.9"]]
    assert [(o.theme, o.position, o.paragraph) for o in doc.objectives] == [
        (1, 1, "ch2.3"),
        (1, 2, "ch2.4"),
        (2, 1, "ch2.7"),  # an unbulleted paragraph under 主要目标： (line 329)
        (3, 1, "ch2.10"),
        (3, 2, "ch2.11"),
        (3, 3, "ch2.12"),
    ]
    area = next(a for a in doc.areas if a.number == "3.3")
    assert area.title == "艾滋病毒/艾滋病预防和照料（与注射吸毒者、监禁场所和贩运人口有关）"
    assert (area.line, area.last_line) == (425, 426)
    assert next(a for a in doc.areas if a.number == "3.4").title == "替代发展"  # "成果领域 3.4.  替代发展"


def test_results_are_numbered_under_their_areas(doc: StrategyDocument) -> None:
    by_area: dict[str, int] = {}
    for r in doc.results:
        by_area[r.area] = by_area.get(r.area, 0) + 1
        assert r.number == f"{r.area}.{by_area[r.area]}" and r.paragraph == r.number
    assert by_area == {"1.1": 4, "1.2": 8, "1.3": 3, "1.4": 3, "2.1": 2, "2.2": 2, "3.1": 7, "3.2": 5,
                       "3.3": 3, "3.4": 3, "3.5": 4, "3.6": 4, "3.7": 2, "3.8": 3}  # fmt: skip
    r216 = doc.paragraph("2.1.2")  # printed " 2.1.2." with a leading space (line 337)
    assert (r216.kind, r216.line, r216.last_line) == ("result", 337, 339)


def test_assumptions_with_the_bullets_of_item_d(doc: StrategyDocument) -> None:
    assert [(a.letter, a.paragraph) for a in doc.assumptions] == [
        ("a", "ch1.3.a"),
        ("b", "ch1.3.b"),
        ("c", "ch1.3.c"),
        ("d", "ch1.3.d"),
        ("e", "ch1.3.e"),
    ]
    assert doc.assumptions[3].bullets == ["ch1.3.d.1", "ch1.3.d.2", "ch1.3.d.3"]
    bullet = doc.paragraph("ch1.3.d.2")
    assert (bullet.kind, bullet.parent, bullet.text, bullet.line) == ("bullet", "ch1.3.d", "研究和分析", 110)
    item = doc.paragraph("ch1.3.d")
    assert (item.kind, item.label, item.parent, item.line, item.last_line) == ("item", "(d)", "ch1.3", 102, 104)


def test_needs_are_the_paragraphs_between_the_two_mentions(doc: StrategyDocument) -> None:
    assert [(n.position, n.paragraph, doc.paragraph(n.paragraph).line) for n in doc.needs] == [
        (1, "ch1.5", 124),
        (2, "ch1.6", 138),
        (3, "ch1.7", 141),
        (4, "ch1.8", 150),
        (5, "ch1.9", 154),
        (6, "ch1.10", 160),
    ]


def test_initiatives_are_headings_followed_by_bullets(doc: StrategyDocument) -> None:
    first, seventh = doc.initiatives[0], doc.initiatives[6]
    assert (first.title, first.line, first.items) == ("改进着重成果的管理", 514, ["ch3.2", "ch3.3", "ch3.4", "ch3.5"])
    assert (seventh.title, seventh.line) == ("提高毒品和犯罪问题办公室活动的公众知名度", 575)
    assert doc.paragraph("ch3.19").line == 577  # a bullet printed without indentation
    assert not any(p.text.endswith("：") and p.kind == "paragraph" for p in doc.paragraphs if p.key.startswith("ch3"))


# ---------------------------------------------------------------------------------------------- citations


def test_citations_with_the_line_where_their_words_start(doc: StrategyDocument) -> None:
    found = [(c.citing, c.instrument.key, c.quotation, c.line) for c in doc.citations]
    assert found == [
        ("p:summary.1", "cnd/48-14", "麻醉药品委员会在第 48/14 号决议", 28),
        ("p:1.1.1", "treaty/untoc", "《联合国打击跨国有组织犯罪公约》", 232),  # the title wraps to line 234
        ("p:1.1.1", "treaty/uncac", "《联合国反腐败公约》", 234),
        ("p:1.2.5", "treaty/untoc", "《联合国打击跨国有组织犯罪公约》", 264),
        ("p:1.2.5", "treaty/uncac", "《联合国反腐败公约》", 264),
        ("p:3.2.1", "treaty/uncac", "《联合国反腐败公约》", 407),
        ("p:3.2.2", "treaty/uncac", "《联合国反腐败公约》", 411),
        ("p:3.2.3", "treaty/uncac", "《联合国反腐败公约》", 415),  # "《联" at the end of line 415
        ("p:3.2.4", "treaty/uncac", "《联合国反腐败公约》", 421),
        ("p:ch3.1", "ga/55-231", "2000 年 12 月 23 日第 55/231 号决议", 510),
        ("p:ch3.1", "ga/60-1", "2005 年 9 月 16 日第 60/1 号决议", 512),
        ("p:ch3.1", "ga/60-257", "2006 年 5 月 8 日第 60/257 号决议", 512),
        ("p:ch3.1", "ga/60-260", "第 60/260 号决议", 513),
    ]
    cnd = doc.citations[0].instrument
    assert (cnd.kind, cnd.organ, cnd.symbol, cnd.un_symbol) == ("resolution", "cnd", "48/14", None)
    ga = doc.citations[-1].instrument
    assert (ga.organ, ga.symbol, ga.un_symbol) == ("ga", "60/260", "A/RES/60/260")
    assert all(c.scope is None and c.paragraph == c.citing[2:] for c in doc.citations)


def test_a_title_the_reference_data_does_not_name_is_logged_not_cited(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="unodc_kg.extract.strategy"):
        doc = read(tmp_path)
    assert "《联合国全球反恐战略》 is not in the reference data" in caplog.text  # lines 212 and 308
    assert not any("反恐" in c.quotation for c in doc.citations)


def test_resolutions_named_without_their_organ_are_not_cited(tmp_path: Path) -> None:
    # Without "各项大会决议" before them, the dated symbols of lines 510-513 name no organ.
    doc = read(tmp_path, {510: LINES[509].replace("各项大会决议", "各项决议")})
    assert not [c for c in doc.citations if c.citing == "p:ch3.1"]


# ---------------------------------------------------------------------------------------------- bad input


def test_no_summary(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no summary") as info:
        read(tmp_path, {26: None})
    assert info.value.line == len(LINES) - 1 and info.value.path == SHOWN  # where the text ends


def test_summary_before_the_title(tmp_path: Path) -> None:
    fails(tmp_path, {21: "联合国毒品和犯罪问题办公室战略"}, 26, "expected a title '…2008-2011 年战略'")


def test_title_of_another_period(tmp_path: Path) -> None:
    fails(tmp_path, {21: "联合国毒品和犯罪问题办公室 2012-2015 年战略"}, 21, "gives 2008 as its first year")


def test_a_line_that_continues_nothing(tmp_path: Path) -> None:
    fails(tmp_path, {75: "战略要点"}, 75, "there is none to continue here")


def test_unknown_chapter(tmp_path: Path) -> None:
    fails(tmp_path, {504: "三. 其他事项 "}, 504, "unknown or repeated chapter '其他事项'")


def test_chapters_out_of_order(tmp_path: Path) -> None:
    fails(tmp_path, {504: "四. 管理支助 "}, 504, "where chapter 3 was expected")


def test_result_out_of_sequence(tmp_path: Path) -> None:
    fails(tmp_path, {238: None}, 240, "result 1.1.3 where 1.1.2 was expected")


def test_result_outside_its_area(tmp_path: Path) -> None:
    fails(
        tmp_path,
        {246: "1.3.1. 加强打击犯罪、有组织犯罪、腐败、贩毒和恐怖主义方面国际合作的"},
        246,
        "outside result area 1.3",
    )


def test_result_area_without_results(tmp_path: Path) -> None:
    edits: dict[int, str | None] = {n: None for n in range(290, 299)}
    fails(tmp_path, edits, 300, "result area 1.3 has no numbered result")


def test_theme_out_of_sequence(tmp_path: Path) -> None:
    fails(tmp_path, {349: "4. 预防、治疗和重返社会及替代发展 "}, 349, "theme 4 where theme 3 was expected")


def test_theme_without_objectives(tmp_path: Path) -> None:
    fails(tmp_path, {220: None, 222: None, 224: None, 226: None, 227: None}, 314, "theme 1 has no main objectives")


def test_the_listed_themes_differ_from_the_headings(tmp_path: Path) -> None:
    fails(tmp_path, {314: "2. 政策分析 "}, 198, "the headings are")


def test_assumptions_announced_and_printed_differ(tmp_path: Path) -> None:
    fails(tmp_path, {118: None, 120: None}, 86, "announces 五 assumptions, but 4 lettered items follow")


def test_lettered_item_out_of_sequence(tmp_path: Path) -> None:
    fails(
        tmp_path,
        {98: " (d) 在毒品和犯罪问题办公室的既定任务中，一个重要部分是促进批准和"},
        98,
        r"item \(d\) where \(c\)",
    )


def test_needs_without_their_closing_paragraph(tmp_path: Path) -> None:
    fails(tmp_path, {167: " 毒品和犯罪问题办公室 2008-2011 年战略是毒品和犯罪"}, 122, "a paragraph that ends them")


def test_paragraph_between_initiatives(tmp_path: Path) -> None:
    fails(tmp_path, {585: " 报告本战略。"}, 585, "expected a bullet or the heading of the next initiative")


def test_truncated_before_management_support(tmp_path: Path) -> None:
    edits: dict[int, str | None] = {n: None for n in range(504, 594)}
    with pytest.raises(SourceError, match=r"三\. 管理支助 is missing"):
        read(tmp_path, edits)


def test_footnote_whose_marker_was_lost(tmp_path: Path) -> None:
    fails(
        tmp_path, {193: "的能力，并保证他们的生命、生计和尊严。 "}, 205, "expected one paragraph ending with its marker"
    )


def test_bullet_after_a_result(tmp_path: Path) -> None:
    fails(tmp_path, {240: "• 提高各国刑事司法体系执行上述公约和议定书的条款的能力 "}, 240, "a bullet • must follow")


def test_a_correction_that_no_longer_matches_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "strategy.txt"
    lines = list(LINES)
    lines[54] = lines[54].replace(" 后一次", "后一次")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match="correction 'lost-character' expects this line") as info:
        read_source(path, load_corrections(CORRECTIONS, SPEC.key), display_path=SHOWN)
    assert info.value.line == 55
