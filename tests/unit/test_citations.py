"""Unit tests of extract/citations.py on the real sentences of A/79/6 (Sect. 16).

The sentences are verbatim source lines (fixtures/sect16-citations.lines.txt, keyed by line
number). The organ names are the Chinese labels of data/reference/organs.ttl, as the build gives
them to the extractor; the few treaty titles needed are written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace

from unodc_kg.extract.citations import citation_pattern, find_citations, find_sdgs
from unodc_kg.extract.records import InstrumentRef

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
KG = Namespace("https://w3id.org/unodc-kg/ontology/")


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


def _lines() -> dict[int, str]:
    out: dict[int, str] = {}
    for row in (FIXTURES / "sect16-citations.lines.txt").read_text(encoding="utf-8").split("\n")[:-1]:
        number, text = row.split("\t", 1)
        out[int(number)] = text
    return out


ORGANS = _organ_names()
INSTRUMENTS = {
    "《联合国反腐败公约》": "treaty/uncac",
    "《联合国打击跨国有组织犯罪公约》": "treaty/untoc",
    "《联合国禁止非法贩运麻醉药品和精神药物公约》": "treaty/illicit-traffic-1988",
    # an unbracketed title is never looked for in running text
    "关于开展国际合作以综合、平衡战略应对世界毒品问题的政治宣言和行动计划": "cnd/political-declaration-2009",
}
PATTERN = citation_pattern(ORGANS)
LINE = _lines()


def cites(text: str, organs: dict[str, str] | None = None) -> list[tuple[InstrumentRef, str]]:
    names = ORGANS if organs is None else organs
    return find_citations(text, names, INSTRUMENTS, citation_pattern(names) if organs else PATTERN)


def keys(text: str) -> list[str]:
    return [ref.key for ref, _ in cites(text)]


def ga(number: str) -> InstrumentRef:
    return InstrumentRef(
        f"ga/{number.replace('/', '-').replace(' ', '-').lower()}",
        "resolution",
        "ga",
        number,
        f"A/RES/{number.split(' ')[0]}",
    )


def treaty(key: str) -> InstrumentRef:
    return InstrumentRef(key, "convention", None, None, None)


def test_organ_names_of_the_reference_data() -> None:
    assert ORGANS["大会"] == "ga"
    assert ORGANS["安全理事会"] == ORGANS["安理会"] == "sc"
    assert ORGANS["联合国反腐败公约缔约国会议"] == "cosp-uncac"
    assert ORGANS["联合国预防犯罪和刑事司法大会"] == "crime-congress"


def test_16_1_general_assembly_resolutions_and_treaties() -> None:
    # line 60: "…相关联合国公约和大会第 45/179、46/152 和 46/185 C 号等决议确定的优先事项。…"
    quote = "大会第 45/179、46/152 和 46/185 C 号等决议"
    assert cites(LINE[60]) == [
        (ga("45/179"), quote),
        (ga("46/152"), quote),
        (ga("46/185 C"), quote),
        (treaty("treaty/uncac"), "《联合国反腐败公约》"),
        (treaty("treaty/untoc"), "《联合国打击跨国有组织犯罪公约》"),
    ]
    assert cites(LINE[60])[2][0].key == "ga/46-185-c"


def test_16_49_conference_of_the_states_parties_resolution() -> None:
    # line 860: "…联合国反腐败公约缔约国会议通过第 9/7 号决议，…"
    assert cites(LINE[860]) == [
        (
            InstrumentRef("cosp-uncac/9-7", "resolution", "cosp-uncac", "9/7", None),
            "联合国反腐败公约缔约国会议通过第 9/7 号决议",
        ),
    ]


def test_16_54_c_year_between_organ_and_number() -> None:
    # line 919: "根据大会⁶和安全理事会⁷各项决议规定的任务以及大会 2006 年第 60/288 号决议通过的…"
    assert cites(LINE[919]) == [(ga("60/288"), "大会 2006 年第 60/288 号决议")]


def test_16_96_conference_of_the_parties_resolution() -> None:
    # line 1301: "2018 年，《联合国打击跨国有组织犯罪公约》缔约国会议在第 9/1 号决议中通过审议机制…"
    # The organ is printed "…缔约国会议" here and "…缔约方会议" in 16.15(b); organs.ttl has both.
    assert cites(LINE[1301]) == [
        (
            InstrumentRef("cop-untoc/9-1", "resolution", "cop-untoc", "9/1", None),
            "《联合国打击跨国有组织犯罪公约》缔约国会议在第 9/1 号决议",
        ),
        # the bracketed title inside the organ's name names the Conference, not a citation of the Convention
    ]


def test_footnote_6() -> None:
    quote = "大会第 72/194、72/284 和 74/175 号决议"
    assert cites(LINE[935]) == [(ga("72/194"), quote), (ga("72/284"), quote), (ga("74/175"), quote)]


def test_footnote_7_security_council() -> None:
    # line 937: "⁷ 见安全理事会第 2482 (2019) 号决议和安理会以往相关决议。"
    assert cites(LINE[937]) == [
        (
            InstrumentRef("sc/2482-2019", "resolution", "sc", "2482 (2019)", "S/RES/2482(2019)", 2019),
            "安全理事会第 2482 (2019) 号决议",
        ),
    ]


def test_footnote_8() -> None:
    assert cites(LINE[1063]) == [(ga("77/237"), "大会第 77/237 号决议")]


def test_footnotes_star_and_three_stars_paragraph_is_not_an_instrument() -> None:
    # line 37: "…见大会第 77/267 号决议, 第 10 段…"; line 41: "根据大会第 77/267 号决议第 10 段的规定…"
    assert cites(LINE[37]) == [(ga("77/267"), "大会第 77/267 号决议")]
    assert cites(LINE[41]) == [(ga("77/267"), "大会第 77/267 号决议")]


def test_article_of_a_convention_is_not_an_instrument() -> None:
    # line 1697: "根据 1988 年《联合国禁止非法贩运…公约》第 13 条制定的…"; line 1745: "…《公约》第 12 条…"
    assert cites(LINE[1697]) == [
        (treaty("treaty/illicit-traffic-1988"), "《联合国禁止非法贩运麻醉药品和精神药物公约》"),
    ]
    assert cites(LINE[1745]) == []


def test_decisions_and_other_forms() -> None:
    assert cites("经济及社会理事会第 2011/259 号决定") == [
        (
            InstrumentRef("ecosoc/dec-2011-259", "decision", "ecosoc", "2011/259", "E/DEC/2011/259", 2011),
            "经济及社会理事会第 2011/259 号决定",
        ),
    ]
    assert cites("麻醉药品委员会第 63/15 号决定") == [
        (InstrumentRef("cnd/dec-63-15", "decision", "cnd", "63/15", None), "麻醉药品委员会第 63/15 号决定"),
    ]
    assert keys("大会第 S-20/2 号决议") == ["ga/s-20-2"]
    assert keys("预防犯罪和刑事司法委员会第 27/5 号决议") == ["ccpcj/27-5"]


def test_organ_and_number_must_be_in_one_sentence() -> None:
    assert keys("大会。第 77/267 号决议") == []
    # line 456: "大会关于…的第 46/152 号决议" is General Assembly resolution 46/152 "on …"
    assert keys("大会关于预防犯罪和刑事司法领域的业务活动和协调的第 46/152 号决议") == ["ga/46-152"]
    # but more than 12 characters between the organ and 第 without 关于…的 is not a citation
    assert keys("大会在其第七十八届会议上审议并欢迎第 46/152 号决议") == []
    assert keys("第 77/267 号决议") == []  # no organ


def test_unbracketed_instrument_titles_are_not_looked_for() -> None:
    # line 259 prints the 2009 political declaration without 《》; running text names many things so.
    assert keys("关于开展国际合作以综合、平衡战略应对世界毒品问题的政治宣言和行动计划") == []


def test_16_122_bracketed_declaration() -> None:
    title = "《关于在国家、区域和国际各级加大行动力度以加快履行我们对处理和应对世界毒品问题的共同承诺的部长级宣言》"
    found = find_citations(LINE[1526], ORGANS, {title: "cnd/ministerial-declaration-2019"}, PATTERN)
    assert [ref.key for ref, _ in found] == ["cnd/ministerial-declaration-2019"]


def test_a_list_of_years_before_the_short_title_cites_each_convention() -> None:
    """Line 1769 (item 16 of table 16.25): "根据 1961 年、1971 年和 1988 年《公约》"; the short forms come from
    data/reference/instruments.ttl ("1961 年《公约》" as a hidden label: it is never printed whole)."""
    names = {
        "1961 年《公约》": "treaty/single-convention-1961",
        "1971 年《公约》": "treaty/psychotropic-substances-1971",
        "1988 年《公约》": "treaty/illicit-traffic-1988",
    }
    text = "16. 会员国根据 1961 年、1971 年和 1988 年《公约》以及经济及社会理事会相关决议提交条约规定的报告的表格"
    found = [(ref.key, quote) for ref, quote in find_citations(text, ORGANS, names, PATTERN)]
    assert found == [
        ("treaty/single-convention-1961", "1961 年、1971 年和 1988 年《公约》"),
        ("treaty/psychotropic-substances-1971", "1961 年、1971 年和 1988 年《公约》"),
        ("treaty/illicit-traffic-1988", "1988 年《公约》"),
    ]
    # a year not in the reference data's short forms names nothing
    assert [r.key for r, _ in find_citations("2000 年和 1988 年《公约》", ORGANS, names, PATTERN)] == [
        "treaty/illicit-traffic-1988"
    ]


def test_symbols_of_one_citation_keep_the_printed_order() -> None:
    assert keys("大会第 9/1 和 10/2 号决议") == ["ga/9-1", "ga/10-2"]


def test_resolution_of_the_assembly_about_the_council() -> None:
    assert "ga/68-1" in keys(LINE[451])


# ---------------------------------------------------------------------------------------------- SDGs


@pytest.mark.parametrize(
    ("line", "goals"),
    [
        (671, [3, 4, 5, 10, 16]),  # 16.28(f) "…实现可持续发展目标 3、4、5、10 和 16 方面…"
        (918, [5, 16]),  # 16.54(b)
        (1046, [5, 11, 16]),  # 16.68 "…可持续发展目标，特别是目标 5、11 和 16 方面…"
        (1167, [3, 15, 16]),  # 16.81(c) "…特定可持续发展目标和具体目标、特别是…有关的目标 3、15 和 16…"
        (1646, [3, 10, 11, 16]),  # 16.133(b)
        (1647, [3, 11, 16, 17]),  # 16.133(c) "…帮助会员国在实现目标 3、11、16 和 17 方面…"
        (1649, [3, 16, 17]),  # 16.133(e)
        (895, [16]),  # table 16.8, item 6
        (580, []),  # 16.20 "…实现目标进展和 2025 年具体目标(见图 16.一)。"
        (60, []),
    ],
)
def test_find_sdgs(line: int, goals: list[int]) -> None:
    assert find_sdgs(LINE[line]) == goals


@pytest.mark.parametrize(
    "text",
    [
        "下述业绩计量说明实现目标的进展和 2025 年具体目标(见表 16.5)。",
        "可持续发展目标和 2025 年具体目标",
        "可持续发展目标 2030 年",
        "实现目标 3 个国家",
    ],
)
def test_years_and_counts_are_not_goals(text: str) -> None:
    assert find_sdgs(text) == []


def test_goals_are_named_once_in_order() -> None:
    assert find_sdgs("可持续发展目标 16 和 5；实现目标 5 和 3。") == [16, 5, 3]
    assert find_sdgs("可持续发展目标 18 和 0") == []


@pytest.mark.parametrize("text", ["实现目标 15 个国家", "实现目标 80%", "可持续发展目标 16 个"])
def test_two_digit_counts_are_not_goals(text: str) -> None:
    assert find_sdgs(text) == []
