"""The headline question, "which resolutions mandate this deliverable?", against what the source says.

`mandates.mandates(key)` answers in the JSON of contract.md. The facts: which instrument is listed in
which list of paragraph 16.9, on which line (listed.py and the sample lines below, read by eye from
data/sources/A-79-6-Sect16.zh.txt), and which instruments the text of each subprogramme cites, and
where. Every deliverable of every table must answer, in the contract's shape, with exactly the
instruments of its own scope's lists (scope-list) and of the programme's lists (programme-list).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import pytest
from listed import BY_KEY, LISTS, SCOPES, instruments_of

from unodc_kg.errors import UnknownKeyError
from unodc_kg.query import Mandates

INSTRUMENT_KEY = re.compile(r"^[a-z][a-z-]*/[a-z0-9][a-z0-9-]*$")
ORGANS = {"ga", "ecosoc", "sc", "cnd", "ccpcj", "cop-untoc", "cosp-uncac", "incb", "crime-congress"}
KINDS = {"resolution", "decision", "convention", "protocol", "declaration", "statement"}
BASIS_KINDS = {"scope-list", "programme-list", "cited", "topic"}
PARAGRAPH = re.compile(r"^a-79-6-sect16/16\.\d+$")
SOURCE_LINES = 1785


def first_and_last_line(rows: str) -> tuple[int, int]:
    first, _, last = rows.partition("-")
    return int(first), int(last or first)


@pytest.fixture(scope="module")
def answers(mandates: Mandates) -> dict[str, dict[str, Any]]:
    """The answer for every deliverable of every table (programme-wide included)."""
    out: dict[str, dict[str, Any]] = {}
    for scope in SCOPES:
        for d in mandates.deliverables(scope)["deliverables"]:
            out[d["key"]] = mandates.mandates(d["key"])
    return out


def basis_of(answer: dict[str, Any], instrument: str) -> list[dict[str, Any]]:
    for m in answer["mandates"]:
        if m["key"] == instrument:
            return list(m["basis"])
    return []


# ---------------------------------------------------------------------------------------- every deliverable


def test_every_deliverable_of_every_table_answers(answers: dict[str, dict[str, Any]]) -> None:
    # 116 numbered rows and 34 narrative entries in the 11 tables (see test_deliverables.py)
    assert len(answers) == 150
    assert {k.rsplit("/", 1)[0] for k in answers} == set(SCOPES)


@pytest.mark.parametrize("scope", SCOPES)
def test_answers_are_well_formed(answers: dict[str, dict[str, Any]], scope: str) -> None:
    for key, answer in answers.items():
        if key.rsplit("/", 1)[0] != scope:
            continue
        assert set(answer) == {"deliverable", "mandates"}, key
        d = answer["deliverable"]
        assert d["key"] == key and d["iri"].endswith(f"/id/deliverable/{key}") and d["scope"] == scope
        assert d["category"] in {"A", "B", "C", "D", "E"} and d["title"]["zh"], key
        assert d["source"]["paragraph"] and isinstance(d["source"]["line"], int), key
        assert (len(d["quantities"]) == 4) != ("text" in d), key  # quantified, or narrative with its text
        assert answer["mandates"], f"{key}: no mandate"
        seen = [m["key"] for m in answer["mandates"]]
        assert len(seen) == len(set(seen)), f"{key}: an instrument twice"
        for m in answer["mandates"]:
            ik = m["key"]
            assert INSTRUMENT_KEY.match(ik), ik
            assert {"key", "iri", "symbol", "un_symbol", "organ", "kind", "title", "basis"} <= set(m), ik
            assert m["iri"].endswith(f"/id/instrument/{ik}"), ik
            assert m["kind"] in KINDS, ik
            if ik.startswith("treaty/"):
                assert m["organ"] is None, ik
            else:
                assert m["organ"] in ORGANS and ik.startswith(m["organ"] + "/"), ik
            assert isinstance(m["title"], dict), ik
            assert m["basis"], ik
            for b in m["basis"]:
                assert b["kind"] in BASIS_KINDS, (ik, b)
                assert isinstance(b["line"], int) and 1 <= b["line"] <= SOURCE_LINES, (ik, b)
                if b["kind"] in ("scope-list", "programme-list"):
                    assert b["paragraph"] == "a-79-6-sect16/16.9", (ik, b)
                    assert b["heading"]["zh"], (ik, b)
                    lst = BY_KEY[b["list"]]
                    assert b["heading"]["zh"] == lst.heading, (ik, b)
                    want_scope = "2025/programme" if b["kind"] == "programme-list" else scope
                    assert lst.scope == want_scope, (ik, b)
                    assert ik in lst.instruments, (ik, b)
                    first, last = first_and_last_line(lst.rows)
                    assert first <= b["line"] <= last, (ik, b)


@pytest.mark.parametrize("scope", SCOPES)
def test_answers_hold_exactly_the_listed_instruments(answers: dict[str, dict[str, Any]], scope: str) -> None:
    own = instruments_of(scope) if scope != "2025/programme" else set()
    programme = instruments_of("2025/programme")
    assert len(programme) == 131  # 8 + 49 + 28 + 3 + 4 + 39
    for key, answer in answers.items():
        if key.rsplit("/", 1)[0] != scope:
            continue
        by_kind: dict[str, set[str]] = {"scope-list": set(), "programme-list": set(), "cited": set()}
        for m in answer["mandates"]:
            for b in m["basis"]:
                by_kind.setdefault(b["kind"], set()).add(m["key"])
        assert by_kind["scope-list"] == own, key  # empty for subprogramme 7, which has no list
        assert by_kind["programme-list"] == programme, key


@pytest.mark.parametrize("scope", SCOPES)
def test_cited_instruments_are_the_same_for_every_deliverable_of_a_scope(
    answers: dict[str, dict[str, Any]], scope: str
) -> None:
    cited = {
        key: {(m["key"], b["line"]) for m in a["mandates"] for b in m["basis"] if b["kind"] == "cited"}
        for key, a in answers.items()
        if key.rsplit("/", 1)[0] == scope
    }
    assert len({frozenset(c) for c in cited.values()}) == 1, scope


@pytest.mark.parametrize("scope", SCOPES)
def test_every_cited_basis_names_its_paragraph(answers: dict[str, dict[str, Any]], scope: str) -> None:
    for key, answer in answers.items():
        if key.rsplit("/", 1)[0] != scope:
            continue
        for m in answer["mandates"]:
            for b in m["basis"]:
                if b["kind"] == "cited":
                    assert b["paragraph"] and PARAGRAPH.match(b["paragraph"]), (key, m["key"], b)


# -------------------------------------------------------------------------------- the headline samples


class Basis(NamedTuple):
    deliverable: str
    instrument: str
    kind: str  # scope-list, programme-list or cited
    where: str  # the list (for list bases) or the paragraph of the citing text (cited)
    line: int  # the line of the listing, or of the citing text


# fmt: off
LIST_SAMPLES = (
    # table 16.1, the programme's own deliverables: its lists are the programme's
    Basis("2025/programme/1", "ga/45-179", "programme-list", "2025/programme/ga", 104),
    Basis("2025/programme/7", "ecosoc/dec-2011-259", "programme-list", "2025/programme/ecosoc", 138),
    Basis("2025/programme/c-1", "treaty/uncac", "programme-list", "2025/programme/treaties", 96),
    Basis("2025/programme/11", "cnd/60-9", "programme-list", "2025/programme/cnd", 167),
    Basis("2025/programme/11", "cnd/60-9", "programme-list", "2025/programme/cnd", 168),
    # table 16.4
    Basis("2025/sp1/7", "cop-untoc/10-2", "scope-list", "2025/sp1/cop-untoc", 221),
    Basis("2025/sp1/7", "treaty/untoc-firearms-protocol", "programme-list", "2025/programme/treaties", 95),
    Basis("2025/sp1/8", "ga/78-228", "scope-list", "2025/sp1/ga", 192),
    Basis("2025/sp1/c-2", "sc/2117-2013", "scope-list", "2025/sp1/sc", 199),
    Basis("2025/sp1/1", "sc/2370-2017", "programme-list", "2025/programme/sc", 145),
    # table 16.6
    Basis("2025/sp2/8", "cnd/62-6", "scope-list", "2025/sp2/cnd", 253),
    Basis("2025/sp2/10", "cnd/66-4", "scope-list", "2025/sp2/cnd", 252),
    Basis("2025/sp2/1", "cnd/political-declaration-2009", "scope-list", "2025/sp2/cnd-declarations", 259),
    Basis("2025/sp2/d-1", "ga/74-20", "scope-list", "2025/sp2/ga", 232),
    Basis("2025/sp2/4", "ecosoc/dec-2009-250", "scope-list", "2025/sp2/ecosoc", 241),
    Basis("2025/sp2/4", "treaty/single-convention-1961", "programme-list", "2025/programme/treaties", 88),
    # table 16.8
    Basis("2025/sp3/1", "cosp-uncac/9-7", "scope-list", "2025/sp3/cosp-uncac", 297),
    Basis("2025/sp3/5", "cosp-uncac/dec-7-1", "scope-list", "2025/sp3/cosp-uncac", 310),
    Basis("2025/sp3/c-2", "ga/77-235", "scope-list", "2025/sp3/ga", 275),
    Basis("2025/sp3/c-2", "treaty/uncac", "programme-list", "2025/programme/treaties", 96),
    # table 16.12
    Basis("2025/sp4/5", "ga/72-284", "scope-list", "2025/sp4/ga", 336),
    Basis("2025/sp4/4", "sc/2482-2019", "programme-list", "2025/programme/sc", 147),
    Basis("2025/sp4/7", "ga/72-194", "programme-list", "2025/programme/ga", 116),
    Basis("2025/sp4/c-1", "treaty/terrorist-bombings-1997", "scope-list", "2025/sp4/treaties", 329),
    Basis("2025/sp4/3", "sc/1267-1999", "scope-list", "2025/sp4/sc", 341),
    # table 16.13
    Basis("2025/sp5/1", "ecosoc/2005-22", "scope-list", "2025/sp5/ecosoc", 387),
    Basis("2025/sp5/2", "ccpcj/27-6", "scope-list", "2025/sp5/ccpcj", 395),
    Basis("2025/sp5/c-1", "ga/70-175", "scope-list", "2025/sp5/ga", 355),
    Basis("2025/sp5/d-1", "ccpcj/27-5", "programme-list", "2025/programme/ccpcj", 155),
    # table 16.14
    Basis("2025/sp6/1", "ga/834-ix", "scope-list", "2025/sp6/ga", 402),
    Basis("2025/sp6/9", "cnd/dec-63-15", "scope-list", "2025/sp6/cnd", 428),
    Basis("2025/sp6/c-2", "ecosoc/2015-24", "scope-list", "2025/sp6/ecosoc", 415),
    Basis("2025/sp6/5", "ccpcj/19-5", "scope-list", "2025/sp6/ccpcj", 419),
    Basis("2025/sp6/6", "ecosoc/2009-25", "programme-list", "2025/programme/ecosoc", 141),
    # table 16.17 (subprogramme 7 has no list: programme lists and citations only)
    Basis("2025/sp7/2", "ga/70-1", "programme-list", "2025/programme/ga", 114),
    Basis("2025/sp7/d-3", "cnd/66-1", "programme-list", "2025/programme/cnd", 180),
    # table 16.21
    Basis("2025/sp8/1", "ga/77-237", "scope-list", "2025/sp8/ga", 439),
    Basis("2025/sp8/e-1", "cnd/54-7", "scope-list", "2025/sp8/cnd", 443),
    Basis("2025/sp8/2", "ecosoc/2021-7", "programme-list", "2025/programme/ecosoc", 136),
    # table 16.22
    Basis("2025/sp9-1/9", "ga/415-v", "scope-list", "2025/sp9-1/ga", 451),
    Basis("2025/sp9-1/12", "cnd/dec-60-1", "scope-list", "2025/sp9-1/cnd", 460),
    Basis("2025/sp9-1/1", "ecosoc/1992-22", "scope-list", "2025/sp9-1/ecosoc", 456),
    Basis("2025/sp9-1/16", "ga/78-223", "programme-list", "2025/programme/ga", 125),
    # table 16.25
    Basis("2025/sp9-2/1", "ecosoc/1966-1106-xl", "scope-list", "2025/sp9-2/ecosoc", 471),
    Basis("2025/sp9-2/7", "sc/1817-2008", "scope-list", "2025/sp9-2/sc", 467),
    Basis("2025/sp9-2/10", "ecosoc/1991-48", "scope-list", "2025/sp9-2/ecosoc", 472),
    Basis("2025/sp9-2/13", "cnd/62-8", "scope-list", "2025/sp9-2/cnd", 479),
    Basis("2025/sp9-2/2", "treaty/illicit-traffic-1988", "programme-list", "2025/programme/treaties", 90),
)
# fmt: on

# fmt: off
CITED_SAMPLES = (
    # 16.1 (line 60): "大会第 45/179、46/152 和 46/185 C 号等决议", and the two conventions
    Basis("2025/programme/1", "ga/45-179", "cited", "a-79-6-sect16/16.1", 60),
    Basis("2025/programme/d-2", "ga/46-185-c", "cited", "a-79-6-sect16/16.1", 60),
    Basis("2025/programme/5", "treaty/untoc", "cited", "a-79-6-sect16/16.1", 60),
    # 16.15(a) (line 544): 《联合国打击跨国有组织犯罪公约》
    Basis("2025/sp1/7", "treaty/untoc", "cited", "a-79-6-sect16/16.15", 544),
    # 16.49 (line 860): "联合国反腐败公约缔约国会议通过第 9/7 号决议"
    Basis("2025/sp3/1", "cosp-uncac/9-7", "cited", "a-79-6-sect16/16.49", 860),
    Basis("2025/sp3/c-2", "treaty/uncac", "cited", "a-79-6-sect16/16.40", 787),
    # 16.54(c) (line 919): "大会 2006 年第 60/288 号决议"; footnotes ⁶ (line 935) and ⁷ (line 937) of 16.54(c)
    Basis("2025/sp4/5", "ga/60-288", "cited", "a-79-6-sect16/16.54", 919),
    Basis("2025/sp4/5", "ga/72-284", "cited", "a-79-6-sect16/16.54", 935),
    Basis("2025/sp4/7", "ga/72-194", "cited", "a-79-6-sect16/16.54", 935),
    Basis("2025/sp4/c-2", "ga/74-175", "cited", "a-79-6-sect16/16.54", 935),
    Basis("2025/sp4/4", "sc/2482-2019", "cited", "a-79-6-sect16/16.54", 937),
    # footnote ⁸ of 16.67(b) (line 1063): "见大会第 77/237 号决议"
    Basis("2025/sp5/4", "ga/77-237", "cited", "a-79-6-sect16/16.67", 1063),
    # 16.96 (line 1301): "…缔约国会议在第 9/1 号决议中"
    Basis("2025/sp7/2", "cop-untoc/9-1", "cited", "a-79-6-sect16/16.96", 1301),
    # (16.96 names the Convention only inside the Conference's name, "《…公约》缔约国会议")
    # table 16.15 (presented by 16.97), 2021 cell (line 1309): "…参与《联合国打击跨国有组织犯罪公约》审议机制"
    Basis("2025/sp7/d-2", "treaty/untoc", "cited", "a-79-6-sect16/16.97", 1309),
    # table 16.16 (presented by 16.104), 2023 cell (line 1359): 《联合国反腐败公约》
    Basis("2025/sp7/5", "treaty/uncac", "cited", "a-79-6-sect16/16.104", 1359),
    # 16.111 (line 1436): both conventions
    Basis("2025/sp8/e-1", "treaty/untoc", "cited", "a-79-6-sect16/16.111", 1436),
    Basis("2025/sp8/3", "treaty/uncac", "cited", "a-79-6-sect16/16.111", 1436),
    # 16.122 (line 1526): the 2019 Ministerial Declaration, by its full title
    Basis("2025/sp9-1/c-2", "cnd/ministerial-declaration-2019", "cited", "a-79-6-sect16/16.122", 1526),
    # table 16.23 (presented by 16.138), row 2 (line 1697):
    # "根据 1988 年《联合国禁止非法贩运麻醉药品和精神药物公约》第 13 条"
    Basis("2025/sp9-2/2", "treaty/illicit-traffic-1988", "cited", "a-79-6-sect16/16.138", 1697),
    # --- citations by short forms (data/reference/instruments.ttl lists them)
    # line 754, item 1 of table 16.6 (presented by 16.39): "履行 2009 年《政治宣言和行动计划》"
    Basis("2025/sp2/1", "cnd/political-declaration-2009", "cited", "a-79-6-sect16/16.39", 754),
    # line 1648, 16.133(d): "评估根据 1988 年《公约》建议列入附表的物质"
    Basis("2025/sp9-2/5", "treaty/illicit-traffic-1988", "cited", "a-79-6-sect16/16.133", 1648),
    # line 1770, item 17 of table 16.25 (presented by 16.144): "1971 年《公约》附表三和附表四"
    Basis("2025/sp9-2/17", "treaty/psychotropic-substances-1971", "cited", "a-79-6-sect16/16.144", 1770),
)
# fmt: on


def _id(b: Any) -> str:
    b = b.values[0] if hasattr(b, "values") else b
    return f"{b.deliverable}:{b.instrument}:{b.kind}@L{b.line}"


@pytest.mark.parametrize("expected", LIST_SAMPLES, ids=[_id(b) for b in LIST_SAMPLES])
def test_listed_basis(answers: dict[str, dict[str, Any]], expected: Basis) -> None:
    heading = BY_KEY[expected.where].heading
    bases = basis_of(answers[expected.deliverable], expected.instrument)
    assert bases, f"{expected.instrument} is not among the mandates of {expected.deliverable}"
    matching = [b for b in bases if b["kind"] == expected.kind and b["line"] == expected.line]
    assert matching, bases
    b = matching[0]
    assert b["list"] == expected.where
    assert b["heading"] == {"zh": heading}
    assert b["paragraph"] == "a-79-6-sect16/16.9"


@pytest.mark.parametrize("expected", CITED_SAMPLES, ids=[_id(b) for b in CITED_SAMPLES])
def test_cited_basis(answers: dict[str, dict[str, Any]], expected: Basis) -> None:
    bases = basis_of(answers[expected.deliverable], expected.instrument)
    assert bases, f"{expected.instrument} is not among the mandates of {expected.deliverable}"
    matching = [b for b in bases if b["kind"] == "cited" and b["line"] == expected.line]
    assert matching, bases
    assert matching[0]["paragraph"] == expected.where


def test_subprogramme_7_answers_from_programme_lists_and_its_text(answers: dict[str, dict[str, Any]]) -> None:
    for key, answer in answers.items():
        if key.startswith("2025/sp7/"):
            kinds = {b["kind"] for m in answer["mandates"] for b in m["basis"]} - {"topic"}  # a topic only ranks
            assert kinds == {"programme-list", "cited"}, key


def test_a_scope_list_is_not_borrowed_by_another_scope(answers: dict[str, dict[str, Any]]) -> None:
    # CND 62/6 is listed for subprogramme 2 only (line 253);
    # ECOSOC 1966/1106(XL) for component 2 only (line 471)
    assert basis_of(answers["2025/sp2/8"], "cnd/62-6")
    assert not basis_of(answers["2025/sp1/7"], "cnd/62-6")
    assert not basis_of(answers["2025/sp9-1/1"], "ecosoc/1966-1106-xl")
    # the 2019 Ministerial Declaration is listed for subprogramme 2 (line 257), cited by component 1 (16.122)
    declaration = "cnd/ministerial-declaration-2019"
    assert {b["kind"] for b in basis_of(answers["2025/sp2/1"], declaration)} == {"scope-list"}
    assert {b["kind"] for b in basis_of(answers["2025/sp9-1/1"], declaration)} == {"cited"}


# ---------------------------------------------------------------------------------------- the instruments


class Instrument(NamedTuple):
    deliverable: str  # a deliverable whose answer names it
    key: str
    symbol: str | None
    un_symbol: str | None  # checked only where the contract or model.md gives the form
    organ: str | None
    kind: str
    title_zh: str | None  # the title printed in its list (None: printed without one, or not checked)


# fmt: off
INSTRUMENTS = (
    Instrument("2025/sp1/1", "ga/73-164", "73/164", "A/RES/73/164", "ga", "resolution",  # line 100
               "打击基于宗教或信仰原因而针对他人实施的不容忍、丑化、污蔑、歧视、暴力煽动和暴力侵害行为"),
    Instrument("2025/sp1/1", "ga/s-20-2", "S-20/2", "A/RES/S-20/2", "ga", "resolution", "政治宣言"),
    Instrument("2025/sp6/1", "ga/834-ix", "834(IX)", None, "ga", "resolution",  # line 402
               "联合国麻醉品实验室"),
    Instrument("2025/sp9-1/1", "ga/415-v", "415(V)", None, "ga", "resolution",  # line 451
               "国际刑罚感化委员会职权之移交"),
    Instrument("2025/sp1/1", "ecosoc/dec-2011-259", "2011/259", "E/DEC/2011/259", "ecosoc", "decision",
               "麻醉药品委员会和预防犯罪和刑事司法委员会重新召开会议期间的联席会议"),  # line 138
    Instrument("2025/sp5/1", "ecosoc/2005-22", "2005/22", "E/RES/2005/22", "ecosoc", "resolution",
               "采取行动促进有效预防犯罪"),  # line 387
    Instrument("2025/sp9-2/1", "ecosoc/1966-1106-xl", "1966/1106(XL)", None, "ecosoc", "resolution",
               "一九六一年麻醉品单一公约之实施"),  # line 471
    Instrument("2025/sp1/1", "sc/2370-2017", "2370 (2017)", "S/RES/2370(2017)", "sc", "resolution", None),
    Instrument("2025/sp1/1", "cnd/58-10", "58/10", None, "cnd", "resolution",
               "促进麻醉药品和精神药物合法国际贸易进出口许可国际电子系统的使用"),  # line 159
    Instrument("2025/sp6/1", "cnd/dec-63-15", "63/15", None, "cnd", "decision", "改进和简化年度报告调查表"),
    Instrument("2025/sp3/1", "cosp-uncac/7-1", "7/1", None, "cosp-uncac", "resolution",
               "加强司法协助，促进国际合作和资产追回"),  # line 295
    Instrument("2025/sp3/1", "cosp-uncac/dec-7-1", "7/1", None, "cosp-uncac", "decision",
               "缔约国会议设立的附属机构的工作"),  # line 310
    Instrument("2025/sp1/1", "ccpcj/27-5", "27/5", None, "ccpcj", "resolution",  # line 155
               "开展国际合作打击贩运文化财产"),
    Instrument("2025/sp1/1", "cop-untoc/10-4", "10/4", None, "cop-untoc", "resolution",
               "庆祝《联合国打击跨国有组织犯罪公约》通过二十周年并促进其有效实施"),  # line 216
    Instrument("2025/sp3/1", "treaty/uncac", None, None, None, "convention",  # line 96
               "《联合国反腐败公约》"),
    Instrument("2025/sp1/1", "treaty/untoc-firearms-protocol", None, None, None, "protocol", None),  # line 95
    Instrument("2025/sp2/1", "cnd/ministerial-declaration-2019", None, None, "cnd", "declaration",  # line 257
               None),
    # line 261
    Instrument("2025/sp2/1", "cnd/joint-ministerial-statement-2014", None, None, "cnd", "statement", None),
    Instrument("2025/sp4/1", "treaty/fixed-platforms-1988", None, None, None, "protocol",
               "经 2005 年议定书修订的 1988 年《制止危及大陆架固定平台安全非法行为议定书》"),  # line 327
)
# fmt: on


@pytest.mark.parametrize("expected", INSTRUMENTS, ids=[i.key for i in INSTRUMENTS])
def test_instrument_in_the_answer(answers: dict[str, dict[str, Any]], expected: Instrument) -> None:
    found = [m for m in answers[expected.deliverable]["mandates"] if m["key"] == expected.key]
    assert len(found) == 1
    m = found[0]
    if not expected.key.startswith(("treaty/", "cnd/ministerial", "cnd/joint")):
        assert m["symbol"] == expected.symbol
    if expected.un_symbol is not None:
        assert m["un_symbol"] == expected.un_symbol
    if expected.key.startswith("cnd/") or expected.key.startswith(("ccpcj/", "cop-untoc/", "cosp-uncac/")):
        assert m["un_symbol"] is None  # printed in the commission's report, no UN document symbol of its own
    assert m["organ"] == expected.organ
    assert m["kind"] == expected.kind
    if expected.title_zh is not None:
        assert m["title"]["zh"] == expected.title_zh


def test_uncac_has_its_official_english_title(answers: dict[str, dict[str, Any]]) -> None:
    (m,) = [m for m in answers["2025/sp3/1"]["mandates"] if m["key"] == "treaty/uncac"]
    assert m["title"]["en"] == "United Nations Convention against Corruption"  # glossary.md


# ---------------------------------------------------------------------------------------- unknown keys

UNKNOWN = (
    "2025/sp1/99",  # table 16.4 has items 1-10
    "2025/sp1/c-3",  # and two narrative entries
    "2025/sp7/c-1",  # table 16.17 has no category C
    "2025/sp9/1",  # subprogramme 9 has no table of its own: its components have
    "2025/programme/0",
    "2024/sp1/1",
    "2025/sp10/1",
    "sp1/7",
    "2025/sp1/C-1",
    "ga/73-164",
    "",
)


@pytest.mark.parametrize("key", UNKNOWN)
def test_unknown_deliverable_key(mandates: Mandates, key: str) -> None:
    for ask in (mandates.mandates, mandates.deliverable):
        with pytest.raises(UnknownKeyError) as excinfo:
            ask(key)
        message = str(excinfo.value)
        assert "look like" in message
        assert re.search(r"2025/sp\d/\d+", message), message  # an example of a real key


@pytest.mark.parametrize("scope", ["2025/sp10", "2025/sp9-3", "sp1", "2024-sp1", "2025/programme/1"])
def test_unknown_scope_key(mandates: Mandates, scope: str) -> None:
    with pytest.raises(UnknownKeyError) as excinfo:
        mandates.deliverables(scope)
    message = str(excinfo.value)
    assert "look like" in message
    assert "2025/sp9-1" in message or "2025/sp1" in message, message


def test_every_list_is_used_by_some_answer(answers: dict[str, dict[str, Any]]) -> None:
    used = {b["list"] for a in answers.values() for m in a["mandates"] for b in m["basis"] if "list" in b}
    assert used == {m.key for m in LISTS}
