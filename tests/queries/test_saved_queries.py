"""The saved queries of queries/*.rq: their headers (unodc_kg.saved_queries) and their answers on the real graph.

Every saved query is run as it is (with its default parameters) on the session's graph and compared with the
answer read off data/sources/A-79-6-Sect16.zh.txt (the project's copy of A/79/6 (Sect. 16), with
data/corrections.toml applied). Short answers are whole tables in tests/queries/expected/<name>.csv; long ones
are checked by counts and by rows named below. Each check says which source lines were read to write it.

The graph misses a few citations the source prints (see the xfail tests at the end); the expected answers are
those the graph can give: they leave these out, and will change when the extractor learns them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from unodc_kg.errors import QueryError
from unodc_kg.saved_queries import SavedQuery, find, load_saved_queries, parse_saved_query
from unodc_kg.store import Store

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"
EXPECTED = Path(__file__).resolve().parent / "expected"
ID = "https://w3id.org/unodc-kg/id/"

Row = dict[str, str]


def answer(store: Store, text: str) -> tuple[list[str], list[Row]]:
    """The projected variables and the rows, every value as its lexical form ("" where unbound)."""
    result = store.raw(text)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [{n: "" if s[n] is None else s[n].value for n in names} for s in result]
    return names, rows


def with_parameter(query: SavedQuery, name: str, value: str) -> str:
    """The query's text with the default value of one parameter replaced, as a user does in the editor."""
    default = dict(query.parameters)[name]
    text, n = re.subn(rf"(VALUES\s+\?{name}\s*\{{\s*){re.escape(default)}(\s*\}})", rf"\g<1>{value}\g<2>", query.text)
    assert n >= 1, f"{query.name}: no VALUES ?{name}"
    return text


def read_csv(name: str) -> tuple[list[str], list[Row]]:
    with (EXPECTED / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, r, strict=True)) for r in reader]


def pick(rows: list[Row], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(r[c] for c in columns) for r in rows]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return {q.name: q for q in load_saved_queries(QUERIES)}


# ---------------------------------------------------------------------------------------------- the answers
def check_mandates_of_deliverable(rows: list[Row]) -> None:
    """2025/sp1/7 (table 16.4, line 642): sp1's lists (lines 182-222), the programme's (86-180), sp1's citations.

    Counted by hand: sp1 lists 21 GA + 6 SC + 10 CCPCJ + 20 COP symbols = 57 (lines 188-195, 199-201, 205-209,
    213-222); programme lists 8 treaties + 49 GA + 28 ECOSOC + 3 SC + 4 CCPCJ + 40 CND = 132 (CND 60/9 is printed
    twice, lines 167 and 168); sp1's text cites the Organized Crime Convention at lines 544, 552 and 648, and so do
    the title of its result 1 (line 573) and the description of that result's measure (line 584).
    """
    assert Counter(r["basis"] for r in rows) == {"scope-list": 57, "programme-list": 132, "cited": 5}
    assert len({r["instrument"] for r in rows}) == 188  # the Convention is also on the programme's treaty list
    listed = {b: {r["instrument"] for r in rows if r["basis"] == b} for b in ("scope-list", "programme-list")}
    assert not listed["scope-list"] & listed["programme-list"]
    table = pick(rows, "basis", "instrument", "symbol", "organ", "via", "source", "line", "title")
    # the first and last rows of each basis, in list order, then entry order (column 1, then column 2)
    assert table[0] == (
        "scope-list", "ga/64-293", "64/293", "ga", "大会决议", "mandate-list/2025/sp1/ga", "188",
        "联合国打击贩运人口的全球行动计划",
    )  # fmt: skip
    assert table[56][:4] == ("scope-list", "cop-untoc/11-6", "11/6", "cop-untoc") and table[56][6] == "222"
    assert table[57][:2] == ("programme-list", "treaty/single-convention-1961") and table[57][6] == "88"
    assert ("programme-list", "sc/2370-2017", "2370 (2017)", "sc", "安全理事会决议", "mandate-list/2025/programme/sc",
            "145", "") in table  # fmt: skip
    assert [r["title"] for r in rows if r["instrument"] == "cnd/60-9"] == [
        "通过培训加强执法、边境管制和其他有关机构打击非法贩毒的能力",  # line 167
        "促进施行麻醉药品和精神药物合法贸易国际进出口许可电子系统",  # line 168
    ]
    assert pick([r for r in rows if r["basis"] == "cited"], "instrument", "via", "source", "line") == [
        ("treaty/untoc", "《联合国打击跨国有组织犯罪公约》", "paragraph/a-79-6-sect16/16.15.a", "544"),
        ("treaty/untoc", "《联合国打击跨国有组织犯罪公约》", "paragraph/a-79-6-sect16/16.16.a", "552"),
        ("treaty/untoc", "《联合国打击跨国有组织犯罪公约》", "result/2025/sp1/1", "573"),
        ("treaty/untoc", "《联合国打击跨国有组织犯罪公约》", "measure/2025/sp1/1", "584"),
        ("treaty/untoc", "《联合国打击跨国组织犯罪公约》", "deliverable/2025/sp1/c-1", "648"),
    ]


def check_mandates_of_subprogramme(rows: list[Row]) -> None:
    """Subprogramme 1: its lists (lines 186-222) and the citations in its text (544, 552, 573, 584, 648), by organ.

    Years: only the Security Council symbols give one (lines 199-201); General Assembly, CCPCJ and COP symbols
    give sessions. The Convention's year (2000) comes from the reference data.
    """
    assert len(rows) == 62
    assert {r["organ"]: r["instrumentsOfOrgan"] for r in rows} == {
        "ccpcj": "10", "cop-untoc": "20", "ga": "21", "sc": "6", "treaty": "1"
    }  # fmt: skip
    assert [r["organ"] for r in rows] == sorted(r["organ"] for r in rows)
    assert pick([r for r in rows if r["organ"] == "sc"], "symbol", "year", "line") == [
        ("2117 (2013)", "2013", "199"), ("2220 (2015)", "2015", "200"), ("2331 (2016)", "2016", "201"),
        ("2388 (2017)", "2017", "199"), ("2551 (2020)", "2020", "200"), ("2616 (2021)", "2021", "201"),
    ]  # fmt: skip
    assert all(r["year"] == "" for r in rows if r["organ"] in ("ga", "ccpcj", "cop-untoc"))
    assert ("ga", "76/7", "listed", "188", "2021 年关于执行《联合国打击贩运人口的全球行动计划》的政治宣言") in pick(
        rows, "organ", "symbol", "basis", "line", "title"
    )
    assert ("cop-untoc", "9/1", "listed", "218") in pick(rows, "organ", "symbol", "basis", "line")
    assert pick([r for r in rows if r["basis"] == "cited"], "organ", "year", "instrument", "line") == [
        ("treaty", "2000", "treaty/untoc", "544"), ("treaty", "2000", "treaty/untoc", "552"),
        ("treaty", "2000", "treaty/untoc", "573"), ("treaty", "2000", "treaty/untoc", "584"),
        ("treaty", "2000", "treaty/untoc", "648"),
    ]  # fmt: skip


def check_deliverables_per_subcategory(rows: list[Row]) -> None:
    """Beyond the CSV: every printed 2025 total equals the sum of its items, as the tables print them.

    Checked by adding the fourth column by hand, e.g. table 16.4 议事机构文件 32 = 32 + — (lines 630-632),
    table 16.22 实质性会议服务 195 = 6+46+46+50+17+—+30 (lines 1614-1622), table 16.25 技术材料 96 = 64+12+5+15
    (lines 1767-1771). Narrative subcategories (C, D, E) print no figures.
    """
    for r in rows:
        if r["category"] in ("A", "B"):
            assert r["printedTotal2025"] == r["sumOfItems2025"] != "", r
            assert r["quantified"] == r["deliverables"], r
        else:
            assert (r["printedTotal2025"], r["sumOfItems2025"], r["quantified"]) == ("", "", "0"), r
    # 116 quantified and 34 narrative deliverables in the eleven tables (16.1 … 16.25)
    assert sum(int(r["quantified"]) for r in rows) == 116
    assert sum(int(r["deliverables"]) for r in rows) == 150


def check_corrections(rows: list[Row], source_lines: list[str]) -> None:
    """The seven corrections of A/79/6 (Sect. 16) in data/corrections.toml and what was read from lines 232, 252,
    336, 415, 628, 636 and 1272: the symbols of the corrected list rows, the observations of table 16.4 (whose fourth
    column the two header lines name) and the two narratives of table 16.14. The six of E/CN.7/2007/14 (a lost 最)
    are checked by tests/facts/test_strategy_facts.py; here, that they are there and that nothing else is."""
    strategy = [r for r in rows if r["node"].startswith(("e-cn7-2007-14/", "2008-2011/"))]
    assert Counter((r["line"], r["anomalyKind"]) for r in strategy) == {
        ("55", "lost-character"): 1,  # the summary
        ("158", "lost-character"): 2,  # need 5 and its paragraph
        ("191", "lost-character"): 1,  # the last paragraph of chapter 一
        ("495", "lost-character"): 2,  # result 3.8.2 and its paragraph
        ("546", "lost-character"): 2,  # an item of initiative 4 and its bullet
        ("558", "lost-character"): 2,  # an item of initiative 5 and its bullet
    }
    rows = [r for r in rows if r not in strategy]
    kinds = Counter((r["line"], r["anomalyKind"], r["nodeKind"]) for r in rows)
    assert kinds == {
        ("232", "merged-cells", "mandate-listing"): 4,  # S-30/1, 73/144; 74/124, 74/20
        ("252", "merged-cells", "mandate-listing"): 3,  # 61/11, 65/4, 66/4
        ("336", "merged-cells", "mandate-listing"): 7,  # 58/136; 59/153, 72/284; 75/291; 77/298, 77/113; 78/115
        ("415", "lost-tabs", "mandate-listing"): 3,  # 1988/13, 2013/37; 2015/24
        ("628", "wrong-column-header", "table"): 1,
        # Only the 2025 column's figures depend on the corrected heading: under the first header (line 628)
        # the rows of lines 630-634 (2 totals, items 1-3), under the repeated one (636) lines 637-646.
        ("628", "wrong-column-header", "observation"): 5,
        ("636", "wrong-column-header", "table"): 1,
        ("636", "wrong-column-header", "observation"): 9,
        ("1272", "missing-label", "deliverable"): 2,
    }
    assert {r["node"] for r in rows if r["line"] == "232"} == {
        "2025/sp2/ga/ga-s-30-1", "2025/sp2/ga/ga-73-144", "2025/sp2/ga/ga-74-124", "2025/sp2/ga/ga-74-20"
    }  # fmt: skip
    assert {r["node"] for r in rows if r["line"] == "1272"} == {"2025/sp6/c-1", "2025/sp6/c-2"}
    assert {r["node"] for r in rows if r["nodeKind"] == "table"} == {"a-79-6-sect16/16.4"}
    for r in rows:  # the original text is the source line as printed; the reason is given
        assert r["originalText"] == source_lines[int(r["line"]) - 1], r["line"]
        assert r["reason"] and r["correctedText"] != r["originalText"]
    assert "2025 年 计划" in next(r["correctedText"] for r in rows if r["line"] == "628")


# Queries whose whole answer is tests/queries/expected/<name>.csv, and the source lines each CSV was checked against.
CSV_CHECKED = {
    # Lines 60, 544, 552, 648, 1309, 1359, 1436, 1443: every 《联合国打击跨国(有)组织犯罪公约》 of the running text
    # except where it names the Conference of the Parties (545, 1301) and the headings, captions and titles the
    # model does not scan for citations (573, 584, 1299). E/CN.7/2007/14 prints it in results 1.1.1 (line 232)
    # and 1.2.5 (264).
    "citations-of-instrument": "60 544 552 648 1309 1359 1436 1443; E/CN.7/2007/14: 232 264",
    # 16.1 (line 60) cites 46/185 C, 16.54(c) (919) cites 60/288, the notes * and *** (37, 41) cite 77/267; none
    # of them is in the lists of lines 86-479 (checked by searching the lists for each symbol). E/CN.7/2007/14
    # cites CND 48/14 in its summary (line 28) and GA 55/231, 60/1, 60/257 and 60/260 in chapter 三 (510-513),
    # none of them in those lists either (60/1 of line 460 is a CND decision).
    "cited-but-not-listed": "37 41 60 919; E/CN.7/2007/14: 28 510 512 513",
    # COSP resolution 9/7: listed for subprogramme 3 (line 297), cited in 16.49 (860); table 16.8 (lines 883-905)
    # has items 1-10 and two narratives (C, lines 904-905).
    "deliverables-of-instrument": "297 860 883-905",
    # Every row of every table read by hand; the totals of 2025 compared with the item rows.
    "deliverables-per-subcategory": "488-514 628-648 751-779 883-905 1008-1028 1136-1154 1251-1272 1368-1390 "
    "1484-1498 1600-1633 1741-1785",
    # All 27 rows found by comparing the first two columns of every deliverables table by hand.
    "deliverables-short-of-plan-2023": "506 631-644 755-760 886-892 1014-1022 1372 1603-1627 1751-1760",
    # Listings (lines 89-96, 107, 116, 147, 218, 257, 359, 439) joined with citations elsewhere (60, 544-1443,
    # 935-937, 1063, 1301, 1526, 1648-1770); no symbol is printed in the lists of two scopes.
    "instruments-in-several-scopes": "60 89 90 91 96 107 116 147 218 257 359 439 935 937 1063 1301 1526 1648-1770",
    # Markers ¹-⁵ at lines 373, 379, 381, 385, 387 and their notes at 375, 405, 407, 409, 411.
    "mandate-annexes": "373 375 379 381 385 387 405-411",
    # Subprogramme 2's five lists (lines 228-265): entries and symbols counted by hand (lines 232 and 252 corrected).
    "mandate-lists-of-scope": "228-265",
    # Subprogramme 1: the highlight (558-569, table 16.2), results 1-3 (573-619; figures 16.一, 16.二, table 16.3
    # whose 2021 cell is empty).
    "results-and-measures": "558-619",
    # Every 可持续发展目标 / 实现目标 n of the source (grep), lines 671, 895, 918, 1046, 1167, 1443, 1646-1649.
    "sdgs-by-subprogramme": "671 895 918 1046 1167 1443 1646 1647 1649",
    # Lines 145-149 (programme), 199-201 (sp1), 341-343 (sp4), 467 (sp9-2) and footnote 7 (937).
    "security-council-resolutions": "145-149 199-201 341-343 467 937",
}

INLINE: dict[str, Callable[..., None]] = {
    "mandates-of-deliverable": check_mandates_of_deliverable,
    "mandates-of-subprogramme": check_mandates_of_subprogramme,
    "corrections": check_corrections,
}


# Queries checked by a test module of their own in tests/queries/.
CHECKED_ELSEWHERE = {
    "mandates-on-topic-of-deliverable": "test_topic_query.py",
    "successors-of-result-area": "test_crosswalk_query.py",
}


def test_every_saved_query_is_checked(saved: dict[str, SavedQuery]) -> None:
    assert set(saved) == set(CSV_CHECKED) | set(INLINE) | set(CHECKED_ELSEWHERE)
    assert all((Path(__file__).parent / module).exists() for module in CHECKED_ELSEWHERE.values())
    assert set(CSV_CHECKED).isdisjoint(INLINE)
    assert {p.stem for p in EXPECTED.glob("*.csv")} == set(CSV_CHECKED)


@pytest.mark.parametrize("name", sorted(CSV_CHECKED))
def test_answer_matches_expected_csv(name: str, saved: dict[str, SavedQuery], store: Store) -> None:
    header, rows = answer(store, saved[name].text)
    expected_header, expected = read_csv(name)
    assert header == expected_header
    assert rows == expected  # the whole table, in order
    if name == "deliverables-per-subcategory":
        check_deliverables_per_subcategory(rows)


@pytest.mark.parametrize("name", sorted(INLINE))
def test_answer_matches_inline_expectations(
    name: str, saved: dict[str, SavedQuery], store: Store, source_lines: list[str]
) -> None:
    _, rows = answer(store, saved[name].text)
    if name == "corrections":
        check_corrections(rows, source_lines)
    else:
        INLINE[name](rows)


@pytest.mark.parametrize("name", sorted(set(CSV_CHECKED) | set(INLINE)))
def test_answer_is_the_same_on_every_run(name: str, saved: dict[str, SavedQuery], store: Store) -> None:
    assert answer(store, saved[name].text) == answer(store, saved[name].text)


# ---------------------------------------------------------------------------------------------- other parameters
def test_mandates_of_a_programme_deliverable(saved: dict[str, SavedQuery], store: Store) -> None:
    """2025/programme/10 (table 16.1, line 507): the programme's own lists are its "programme-list" (132 symbols,
    lines 86-180); its text cites 45/179, 46/152, 46/185 C and the two Conventions in 16.1 (line 60). The notes
    * and *** (lines 37, 41) belong to no scope."""
    text = with_parameter(saved["mandates-of-deliverable"], "deliverable", f"<{ID}deliverable/2025/programme/10>")
    _, rows = answer(store, text)
    assert Counter(r["basis"] for r in rows) == {"programme-list": 132, "cited": 5}
    assert pick([r for r in rows if r["basis"] == "cited"], "instrument", "line") == [
        ("ga/45-179", "60"), ("ga/46-152", "60"), ("ga/46-185-c", "60"), ("treaty/uncac", "60"),
        ("treaty/untoc", "60"),
    ]  # fmt: skip


def test_mandates_of_a_component_deliverable(saved: dict[str, SavedQuery], store: Store) -> None:
    """2025/sp9-2/16 (line 1769): component 2's lists (1 + 8 + 4 symbols, lines 465-479), the programme's 132, and
    the citations of component 2's text: 16.133(d) (1648), table 16.23 (1697), items 2, 16, 17 (1745, 1769, 1770)."""
    text = with_parameter(saved["mandates-of-deliverable"], "deliverable", f"<{ID}deliverable/2025/sp9-2/16>")
    _, rows = answer(store, text)
    assert Counter(r["basis"] for r in rows) == {"scope-list": 13, "programme-list": 132, "cited": 7}
    assert pick([r for r in rows if r["basis"] == "cited"], "instrument", "line") == [
        ("treaty/illicit-traffic-1988", "1648"), ("treaty/illicit-traffic-1988", "1697"),
        ("treaty/illicit-traffic-1988", "1745"), ("treaty/illicit-traffic-1988", "1769"),
        ("treaty/psychotropic-substances-1971", "1769"), ("treaty/single-convention-1961", "1769"),
        ("treaty/psychotropic-substances-1971", "1770"),
    ]  # fmt: skip


def test_what_the_organized_crime_convention_mandates(saved: dict[str, SavedQuery], store: Store) -> None:
    """On the programme's treaty list (line 91): all 150 deliverables; cited in 16.1 (programme, 15 deliverables
    in table 16.1), five times in subprogramme 1 (paragraphs 16.15(a) and 16.16(a), the title of result 1 and its
    measure, item C-1: 12 deliverables in table 16.4), three times in subprogramme 7 (the highlight's title and two
    measure entries: table 16.17, 10) and twice in subprogramme 8 (table 16.21: 7)."""
    text = with_parameter(saved["deliverables-of-instrument"], "instrument", f"<{ID}instrument/treaty/untoc>")
    _, rows = answer(store, text)
    assert Counter((r["basis"], r["scope"]) for r in rows) == {
        ("programme-list", "2025/programme"): 150,
        ("cited", "2025/programme"): 15,
        ("cited", "2025/sp1"): 60,
        ("cited", "2025/sp7"): 30,
        ("cited", "2025/sp8"): 14,
    }
    assert len({r["deliverable"] for r in rows if r["basis"] == "programme-list"}) == 150


def test_mandates_of_subprogramme_9_cover_both_components(saved: dict[str, SavedQuery], store: Store) -> None:
    """Component 1 (lists at lines 449-460, 16.122 at 1526, the Kyoto Declaration in the title of its result 1 at
    1537) and component 2 (lists 465-479, citations 1648-1770)."""
    text = with_parameter(saved["mandates-of-subprogramme"], "scope", f"<{ID}scope/2025/sp9>")
    _, rows = answer(store, text)
    assert len(rows) == 26
    assert {r["organ"]: r["instrumentsOfOrgan"] for r in rows} == {
        "cnd": "6", "crime-congress": "1", "ecosoc": "9", "ga": "2", "sc": "1", "treaty": "3"
    }  # fmt: skip
    assert ("crime-congress", "2021", "《京都宣言》", "1537") in pick(rows, "organ", "year", "via", "line")
    assert ("ecosoc", "1966", "1966/1106(XL)", "471") in pick(rows, "organ", "year", "symbol", "line")


def test_mandate_lists_of_the_programme(saved: dict[str, SavedQuery], store: Store) -> None:
    """Lines 86-180, counted by hand: e.g. the General Assembly list has 41 printed entries holding 49 symbols;
    the CND list 39 entries, 40 symbols ("62/3; 63/5" is one entry) and 39 instruments (60/9 printed twice)."""
    text = with_parameter(saved["mandate-lists-of-scope"], "scope", f"<{ID}scope/2025/programme>")
    _, rows = answer(store, text)
    assert pick(rows, "list", "organ", "entries", "listings", "instruments", "line") == [
        ("2025/programme/treaties", "", "8", "8", "8", "86"),
        ("2025/programme/ga", "ga", "41", "49", "49", "98"),
        ("2025/programme/ecosoc", "ecosoc", "25", "28", "28", "127"),
        ("2025/programme/sc", "sc", "3", "3", "3", "143"),
        ("2025/programme/ccpcj", "ccpcj", "4", "4", "4", "151"),
        ("2025/programme/cnd", "cnd", "39", "40", "39", "157"),
    ]


def test_results_of_subprogramme_8_show_a_dash(saved: dict[str, SavedQuery], store: Store) -> None:
    """Table 16.18 prints "—" for 2021 (line 1428); table 16.19 has five cells (1443), figure 16.二十 none, table
    16.20 five cells (1475)."""
    text = with_parameter(saved["results-and-measures"], "scope", f"<{ID}scope/2025/sp8>")
    _, rows = answer(store, text)
    assert Counter(r["result"] for r in rows) == {"highlight": 3, "1": 5, "2": 1, "3": 5}
    assert pick(rows, "result", "presentedIn", "year", "status", "entry", "dash", "line")[0] == (
        "highlight", "表 16.18", "2021", "actual", "", "true", "1428"
    )  # fmt: skip
    assert pick([r for r in rows if r["result"] == "2"], "presentedIn", "entry", "line") == [("图 16.二十", "", "1446")]


def test_item_16_of_component_2_cites_the_three_drug_conventions(saved: dict[str, SavedQuery], store: Store) -> None:
    """Line 1769, item 16 of table 16.25: reports under the 1961, 1971 and 1988 Conventions ("1961 年、1971 年和
    1988 年《公约》", once a known gap: only 1988 was read)."""
    query = saved["citations-of-instrument"]
    for treaty in ("single-convention-1961", "psychotropic-substances-1971", "illicit-traffic-1988"):
        _, rows = answer(store, with_parameter(query, "instrument", f"<{ID}instrument/treaty/{treaty}>"))
        assert ("deliverable", "2025/sp9-2/16", "1769") in pick(rows, "citingKind", "citing", "line"), treaty


def test_table_16_19_cites_the_corruption_convention_by_its_short_title(
    saved: dict[str, SavedQuery], store: Store
) -> None:
    """Line 1443, the 2023 cell of table 16.19: 太平洋小岛屿发展中国家完成《反腐败公约》第一和第二周期."""
    text = with_parameter(saved["citations-of-instrument"], "instrument", f"<{ID}instrument/treaty/uncac>")
    _, rows = answer(store, text)
    assert ("measure-entry", "2025/sp8/1/2023-actual-1", "1443") in pick(rows, "citingKind", "citing", "line")


# ---------------------------------------------------------------------------------------------- saved_queries.py
def test_every_file_has_a_title_and_a_description(saved: dict[str, SavedQuery]) -> None:
    assert len(saved) >= 10
    assert list(saved) == sorted(saved)
    for q in saved.values():
        assert q.title and q.description and q.text.startswith("# title: "), q.name
        assert (QUERIES / f"{q.name}.rq").read_text(encoding="utf-8") == q.text


def test_parameters_parse_and_are_bound_by_values(saved: dict[str, SavedQuery]) -> None:
    params = {q.name: q.parameters for q in saved.values() if q.parameters}
    assert params == {
        "citations-of-instrument": [("instrument", f"<{ID}instrument/treaty/untoc>")],
        "deliverables-of-instrument": [("instrument", f"<{ID}instrument/cosp-uncac/9-7>")],
        "mandate-lists-of-scope": [("scope", f"<{ID}scope/2025/sp2>")],
        "mandates-of-deliverable": [("deliverable", f"<{ID}deliverable/2025/sp1/7>")],
        "mandates-on-topic-of-deliverable": [("deliverable", f"<{ID}deliverable/2025/sp1/7>")],
        "mandates-of-subprogramme": [("scope", f"<{ID}scope/2025/sp1>")],
        "results-and-measures": [("scope", f"<{ID}scope/2025/sp1>")],
        "successors-of-result-area": [("area", f"<{ID}strategy/2008-2011/3.2>")],
    }
    for q in saved.values():
        for name, value in q.parameters:
            assert f"VALUES ?{name} {{ {value} }}" in q.text, q.name
            assert q.text.count(f"VALUES ?{name} ") == 1, f"{q.name}: a user changes one VALUES clause, not two"


def write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    return tmp_path


BODY = "SELECT * WHERE { ?s ?p ?o }\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# description: No title.\n" + BODY, 2, "no '# title: …' line"),
        ("# title: No description\n# a free comment\n" + BODY, 3, "no '# description: …' line"),
        (BODY, 1, "no '# title: …' line"),
        ("# title: One\n# description: D.\n# title: Two\n" + BODY, 3, "second 'title' line"),
        ("# title: T\n# description:\n" + BODY, 2, "'description' line is empty"),
        ("# title: T\n# description: D.\n# parameter: <urn:x>\n" + BODY, 3, "name = default"),
        ("# title: T\n# description: D.\n# parameter: x = <urn:x>  (an IRI)\n" + BODY, 3, "VALUES ?x { <urn:x> }"),
    ],
)
def test_bad_headers_name_the_file_and_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    write(tmp_path, "bad", text)
    with pytest.raises(QueryError) as err:
        load_saved_queries(tmp_path)
    assert f"bad.rq:{line}:" in str(err.value)
    assert words in str(err.value)


def test_a_header_parses() -> None:
    q = parse_saved_query(
        "x",
        "# title: A title\n# description: First sentence.\n#   Second sentence.\n# a free comment\n"
        "# parameter: scope = <urn:s>  (the scope)\n# parameter: n = 3\n"
        "SELECT ?n WHERE { VALUES ?scope { <urn:s> } VALUES ?n { 3 } }\n",
    )
    assert (q.name, q.title, q.description) == ("x", "A title", "First sentence. Second sentence.")
    assert q.parameters == [("scope", "<urn:s>"), ("n", "3")]


def test_find(tmp_path: Path) -> None:
    write(tmp_path, "b", "# title: B\n# description: D.\n" + BODY)
    write(tmp_path, "a", "# title: A\n# description: D.\n" + BODY)
    assert [q.name for q in load_saved_queries(tmp_path)] == ["a", "b"]
    assert find(tmp_path, "b").title == "B"
    assert find(tmp_path, "a.rq").title == "A"
    with pytest.raises(QueryError, match=r"no saved query 'c' .*: a, b$"):
        find(tmp_path, "c")
    assert find(QUERIES, "mandates-of-deliverable").title == "Which instruments mandate a deliverable?"


def test_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no such directory"):
        load_saved_queries(tmp_path / "nowhere")
