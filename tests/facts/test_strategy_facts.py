"""The strategy 2008-2011 as read off the source: themes, result areas, results, objectives, assumptions,
needs, management-support initiatives, citations and corrections.

Every fact was read by eye from data/sources/E-CN7-2007-14.zh.txt (E/CN.7/2007/14 – E/CN.15/2007/5; the
lines are those of the project's copy) and names its source line; texts that span several lines are
checked by how they start and end. The six lines where the conversion lost 最 are read as corrected by
data/corrections.toml (55, 158, 191, 495, 546, 558).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from listed import KeyOf, Node, Sparql

from unodc_kg.config import Settings

DOC = "e-cn7-2007-14"
S = "2008-2011"


def bound_left_out(rows: list[dict[str, str]], *names: str) -> list[dict[str, str]]:
    """The rows without the variables bound by the test (the sparql fixture projects them too)."""
    return [{k: v for k, v in r.items() if k not in names} for r in rows]


# ---------------------------------------------------------------------------------------- the document


def test_document(sparql: Sparql, node: Node) -> None:
    rows = sparql(
        """
        SELECT ?id ?zh ?en ?lang ?file WHERE {
          ?d a kg:Document ; dcterms:identifier ?id ; dcterms:language ?lang ; kg:sourceFile ?file ;
             dcterms:title ?zh , ?en .
          FILTER (lang(?zh) = "zh" && lang(?en) = "en")
        }""",
        d=node("document", DOC),
    )
    assert bound_left_out(rows, "d") == [
        {
            "id": "E/CN.7/2007/14 – E/CN.15/2007/5",
            "zh": "联合国毒品和犯罪问题办公室 2008-2011 年战略",  # line 21
            "en": "Strategy for the period 2008-2011 for the United Nations Office on Drugs and Crime",
            "lang": "zh",
            "file": "data/sources/E-CN7-2007-14.zh.txt",
        }
    ]
    seen = sparql("SELECT ?s WHERE { ?d <http://www.w3.org/2000/01/rdf-schema#seeAlso> ?s }", d=node("document", DOC))
    assert sorted(r["s"] for r in seen) == ["https://undocs.org/E/CN.15/2007/5", "https://undocs.org/E/CN.7/2007/14"]
    # Not a budget: no budget year.
    assert sparql("SELECT ?e WHERE { ?d kg:edition ?e }", d=node("document", DOC)) == []


def test_strategy(sparql: Sparql, node: Node) -> None:
    rows = sparql(
        """
        SELECT ?zh ?en ?first ?last ?line WHERE {
          ?s a kg:Strategy ; dcterms:title ?zh , ?en ; kg:firstYear ?first ; kg:lastYear ?last ; kg:sourceLine ?line .
          FILTER (lang(?zh) = "zh" && lang(?en) = "en")
        }""",
        s=node("strategy", S),
    )
    assert bound_left_out(rows, "s") == [
        {
            "zh": "联合国毒品和犯罪问题办公室 2008-2011 年战略",
            "en": "Strategy for the period 2008-2011 for the United Nations Office on Drugs and Crime",
            "first": "2008",
            "last": "2011",
            "line": "21",
        }
    ]


def test_everything_of_the_strategy_is_in_its_own_named_graph(sparql: Sparql, settings: Settings) -> None:
    rows = sparql(
        f"""
        SELECT ?class (COUNT(?x) AS ?n) WHERE {{
          GRAPH <{settings.base}graph/{DOC}> {{ ?x a ?class }}
        }} GROUP BY ?class"""
    )
    counts = {r["class"].rsplit("/", 1)[1]: int(r["n"]) for r in rows}
    assert counts["StrategyTheme"] == 3
    assert counts["ResultArea"] == 14
    assert counts["StrategyResult"] == 53
    assert counts["StrategyObjective"] == 6
    assert counts["StrategyAssumption"] == 5
    assert counts["StrategyNeed"] == 6
    assert counts["ManagementInitiative"] == 8
    assert counts["ManagementInitiativeItem"] == 20
    assert counts["Citation"] == 13
    assert counts["SourceCorrection"] == 6
    assert counts["Footnote"] == 1
    assert counts["Strategy"] == 1 and counts["Document"] == 1


def test_the_strategy_is_under_no_budget_scope(sparql: Sparql, settings: Settings) -> None:
    """Nothing of the strategy is in a 2025 scope: it feeds no `cited` basis of the mandates API by itself."""
    rows = sparql(
        f"""
        SELECT ?x WHERE {{
          GRAPH <{settings.base}graph/{DOC}> {{ ?x kg:inScope|kg:scope ?scope }}
        }}"""
    )
    assert rows == []


# ---------------------------------------------------------------------------------------- themes


class Theme(NamedTuple):
    number: int
    title: str
    line: int
    intro_starts: str
    intro_ends: str
    last_line: int


# fmt: off
THEMES = (
    Theme(1, "法治", 206, "法治是人人享有安全和公正的基础。", "是提供预防恐怖主义法律援助的主要部门。", 218),
    Theme(2, "政策和趋势分析", 314, "有效的政策必须以准确的信息为基础。",
          "同时更加需要进行反恐怖主义法律分析，以便提供技术援助。", 325),
    Theme(3, "预防、治疗和重返社会及替代发展", 349,
          "毒品、犯罪、腐败和恐怖主义影响个人的生活，是可持续发展的重大障碍。",
          "全面促进消除贫穷，从而为实现千年发展目标作出贡献。", 364),
)
# fmt: on


@pytest.mark.parametrize("theme", THEMES, ids=[f"theme-{t.number}@L{t.line}" for t in THEMES])
def test_theme(sparql: Sparql, node: Node, key_of: KeyOf, theme: Theme) -> None:
    rows = sparql(
        """
        SELECT ?number ?title ?text ?line ?last ?strategy WHERE {
          ?t a kg:StrategyTheme ; kg:strategyNumber ?number ; dcterms:title ?title ; kg:text ?text ;
             kg:sourceLine ?line ; kg:lastSourceLine ?last ; kg:partOfStrategy ?strategy .
        }""",
        t=node("strategy", f"{S}/{theme.number}"),
    )
    assert len(rows) == 1, rows
    r = rows[0]
    assert (r["number"], r["title"], r["line"], r["last"]) == (
        str(theme.number),
        theme.title,
        str(theme.line),
        str(theme.last_line),
    )
    assert r["text"].startswith(theme.intro_starts) and r["text"].endswith(theme.intro_ends)
    assert key_of(r["strategy"], "strategy") == S


# ---------------------------------------------------------------------------------------- objectives


# (theme, position, line, starts, ends)
# fmt: off
OBJECTIVES = (
    (1, 1, 222, "应会员国请求，通过促进执行有关国际法律文书，促进有效应对犯罪、毒品和恐怖主义",
     "促进有效应对犯罪、毒品和恐怖主义"),
    (1, 2, 226, "应会员国请求，通过使用和适用联合国预防犯罪和刑事司法标准和规范", "促进有效、公平和人道的刑事司法制度"),
    (2, 1, 329, "加强对专题和跨部门趋势的认识，以便就毒品和犯罪问题制订有效的政策", "并进行有效的影响评估"),
    (3, 1, 368, "减少非法活动和非法得益的机会和诱因，减少吸毒、艾滋病毒/艾滋病", "以及传播这些领域的信息和成功做法"),
    (3, 2, 373, "开展有效的预防行动，关心吸毒者和罪犯并使其重返社会，以及帮助犯罪受害人", "以及帮助犯罪受害人"),
    (3, 3, 376, "按照可持续替代发展（酌情包括预防性替代发展）中共同承担责任的原则", "促进和加强国际合作"),
)
# fmt: on


@pytest.mark.parametrize("objective", OBJECTIVES, ids=[f"{o[0]}/{o[1]}@L{o[2]}" for o in OBJECTIVES])
def test_objective(sparql: Sparql, node: Node, key_of: KeyOf, objective: tuple[int, int, int, str, str]) -> None:
    theme, position, line, starts, ends = objective
    rows = sparql(
        """
        SELECT ?text ?line ?theme ?position ?para WHERE {
          ?o a kg:StrategyObjective ; kg:text ?text ; kg:sourceLine ?line ; kg:inTheme ?theme ;
             kg:position ?position ; prov:wasDerivedFrom ?para .
        }""",
        o=node("strategy-objective", f"{S}/{theme}/{position}"),
    )
    assert len(rows) == 1, rows
    r = rows[0]
    assert r["text"].startswith(starts) and r["text"].endswith(ends)
    assert (r["line"], r["position"]) == (str(line), str(position))
    assert key_of(r["theme"], "strategy") == f"{S}/{theme}"
    assert key_of(r["para"], "paragraph").startswith(f"{DOC}/ch2.")
    assert sparql("SELECT ?o WHERE { ?o kg:inTheme ?t ; a kg:StrategyObjective }", t=node("strategy", f"{S}/{theme}"))


# ---------------------------------------------------------------------------------------- result areas


# (number, line, last line, title)
AREAS = (
    ("1.1", 230, 230, "批准和执行公约和议定书"),
    ("1.2", 244, 244, "刑事司法事项国际合作"),
    ("1.3", 288, 288, "刑事司法体系：更加易利用、负责任和高效能"),
    ("1.4", 300, 300, "预防恐怖主义"),
    ("2.1", 332, 332, "威胁和危险分析"),
    ("2.2", 341, 341, "科学和法医学能力"),
    ("3.1", 380, 380, "以社区为中心开展预防工作"),
    ("3.2", 405, 405, "预防腐败"),
    ("3.3", 425, 426, "艾滋病毒/艾滋病预防和照料（与注射吸毒者、监禁场所和贩运人口有关）"),
    ("3.4", 440, 440, "替代发展"),
    ("3.5", 457, 457, "吸毒致瘾者治疗和康复"),
    ("3.6", 471, 471, "监狱改革"),
    ("3.7", 483, 483, "少年司法"),
    ("3.8", 491, 491, "援助受害人"),
)


def test_every_result_area(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?a ?number ?title ?line ?last ?theme WHERE {
          ?a a kg:ResultArea ; kg:strategyNumber ?number ; dcterms:title ?title ; kg:sourceLine ?line ;
             kg:inTheme ?theme .
          OPTIONAL { ?a kg:lastSourceLine ?last }
        } ORDER BY ?line"""
    )
    found = [(r["number"], int(r["line"]), int(r.get("last", r["line"])), r["title"]) for r in rows]
    assert found == list(AREAS)
    for r in rows:
        assert key_of(r["a"], "strategy") == f"{S}/{r['number']}"
        assert key_of(r["theme"], "strategy") == f"{S}/{r['number'].split('.')[0]}"


# ---------------------------------------------------------------------------------------- results


class Result(NamedTuple):
    number: str
    line: int
    last_line: int
    starts: str
    ends: str


# fmt: off
RESULTS = (
    Result("1.1.1", 232, 236, "普遍批准各项国际药物管制公约、《联合国打击跨国有组织犯罪公",
           "与恐怖主义有关的国际公约和议定书"),
    Result("1.1.2", 238, 238, "提高各国按照上述公约和议定书制定国内立法的能力", "制定国内立法的能力"),
    Result("1.1.3", 240, 240, "提高各国刑事司法体系执行上述公约和议定书的条款的能力", "的条款的能力"),
    Result("1.1.4", 242, 242, "向与毒品、犯罪和恐怖主义有关的条约机关和理事机构提供优质服务", "提供优质服务"),
    Result("1.2.1", 246, 248, "加强打击犯罪、有组织犯罪、腐败、贩毒和恐怖主义方面国际合作的", "国际合作的能力"),
    Result("1.2.2", 250, 252, "加强会员国按照大会有关决议建立全面而有效的制度以打击洗钱和资", "资助恐怖主义行为的能力"),
    Result("1.2.3", 254, 256, "加强会员国建立全面而有效的制度以打击与有组织犯罪、贩毒和腐败", "有关的洗钱的能力"),
    Result("1.2.4", 258, 262, "按照有关公约和议定书，并酌情和根据请求在示范条约和协定的帮助", "其他形式国际合作的能力"),
    Result("1.2.5", 264, 266, "加强对执行《联合国打击跨国有组织犯罪公约》和《联合国反腐败公",
           "特别是国际合作条款方面的障碍和良好做法的认识"),
    Result("1.2.6", 278, 280, "加强打击犯罪、有组织犯罪、腐败、贩毒、前体转移他用和恐怖主义", "的执法合作能力"),
    Result("1.2.7", 282, 284, "在侦查、调查和起诉犯罪、有组织犯罪、腐败和贩毒时使用特殊调查", "手段，加强有效应对能力"),
    Result("1.2.8", 286, 286, "加强保护证人的能力", "加强保护证人的能力"),
    Result("1.3.1", 290, 292, "加强会员国特别是冲突后国家或过渡阶段国家按照国际标准和规范发",
           "负责任的国内刑事司法体系的能力"),
    Result("1.3.2", 294, 294, "加强应对新出现犯罪形式的能力", "新出现犯罪形式的能力"),
    Result("1.3.3", 296, 298, "加强国家刑事司法体系使用和适用有关联合国预防犯罪和刑事司法标", "准和规范的能力"),
    Result("1.4.1", 302, 304, "提高对涉及恐怖主义的相关国际公约和议定书和有关联合国决议的认", "决议的认识"),
    Result("1.4.2", 306, 308, "加强会员国处理打击恐怖主义的法律问题的能力，这些问题反映在大",
           "会通过的《联合国全球反恐战略》中"),
    Result("1.4.3", 310, 311, "通过举办培训方案、讲习班和研讨会等方式加强会员国有关预防恐怖",
           "主义问题的法律知识和专门知识"),
    Result("2.1.1", 334, 336, "加强会员国和国际社会对毒品和特定犯罪问题的趋势包括新出现趋势", "新出现趋势的认识"),
    Result("2.1.2", 337, 339, "加强会员国和国际社会制订战略对策以对付毒品和犯罪方面新出现趋", "新出现趋势的能力"),
    Result("2.2.1", 343, 343, "提高会员国的科学和法医学能力，以达到国际认可的标准", "以达到国际认可的标准"),
    Result("2.2.2", 345, 347, "在毒品和犯罪问题办公室支助下，在战略行动、政策和决策中更多地",
           "利用科学信息和实验室数据"),
    Result("3.1.1", 382, 382, "加强对预防犯罪国际标准和规范的理解和采用", "的理解和采用"),
    Result("3.1.2", 384, 386, "加强对平衡兼顾的减少需求和供应战略的理解和采用，以此作为减少", "非法药物问题的手段"),
    Result("3.1.3", 388, 388, "创造处理青年犯罪和暴力犯罪的工具，特别是在边际化城市社区", "特别是在边际化城市社区"),
    Result("3.1.4", 390, 390, "加强国家预防吸毒的能力", "加强国家预防吸毒的能力"),
    Result("3.1.5", 392, 392, "提高有关当局、一般公众和易受害群体对贩运人口问题的认识", "对贩运人口问题的认识"),
    Result("3.1.6", 393, 395, "促使有关当局和一般公众进一步认识到偷运移民是一种犯罪行为并给", "移民带来严重危险"),
    Result("3.1.7", 397, 403, "提高会员国促进以社区为中心开展预防吸毒和犯罪方案的能力，在这",
           "积极参与这些方案的有关民间社会实体的合作"),
    Result("3.2.1", 407, 409, "会员国按照《联合国反腐败公约》，通过增强国家能力，有效制订和", "执行预防性反腐败政策"),
    Result("3.2.2", 411, 413, "加强会员国按照《联合国反腐败公约》建立和加强有效的独立反腐败", "机构的能力"),
    Result("3.2.3", 415, 417, "在国际级别提高对腐败及其有害影响的认识，并且更广泛地承认《联", "合国反腐败公约》"),
    Result("3.2.4", 419, 421, "毒品和犯罪问题办公室与有关民间社会实体以及双边和多边组织加强",
           "合作，增强执行《联合国反腐败公约》的能力"),
    Result("3.2.5", 423, 423, "通过增强国家能力，使刑事司法体系在预防腐败方面更加廉正和透明", "更加廉正和透明"),
    Result("3.3.1", 428, 430, "按照有关国际公约和毒品和犯罪问题办公室的既定任务，增强会员国",
           "减少艾滋病毒/艾滋病在注射吸毒者中间传播的能力"),
    Result("3.3.2", 432, 432, "增强会员国减少艾滋病毒/艾滋病在监禁场所传播的能力", "在监禁场所传播的能力"),
    Result("3.3.3", 434, 438, "按照有关国际公约和毒品和犯罪问题办公室的既定任务，与有关会员", "滋病毒/艾滋病的能力"),
    Result("3.4.1", 442, 446, "根据请求加强会员国结合自身总体发展情况，制订和执行可持续替代",
           "少和根除婴粟、古柯树和大麻的非法种植"),
    Result("3.4.2", 448, 450, "国际组织、国际金融机构和发展网络提高对替代（发展酌情包括预防",
           "性替代发展）方案的认识，并将其纳入活动主流"),
    Result("3.4.3", 452, 456, "加强毒品和犯罪问题办公室与有关民间社会实体和私营部门的伙伴关", "作行动的能力"),
    Result("3.5.1", 459, 459, "提高会员国为吸毒致瘾者提供治疗和支助服务的能力", "提供治疗和支助服务的能力"),
    Result("3.5.2", 461, 463, "提高关于新型毒品吸食者的治疗和康复的知识，并增强会员国应对吸", "食此类毒品现象的能力"),
    Result("3.5.3", 465, 465, "改善接受戒毒治疗人员的福利，为他们康复和重返社会创造更好条件", "创造更好条件"),
    Result("3.5.4", 467, 469, "按照有关国际公约，加强与有关民间社会实体的伙伴关系，增强会员", "国提供治疗和康复的能力"),
    Result("3.6.1", 473, 473, "广泛适用囚犯待遇国际标准和规范", "囚犯待遇国际标准和规范"),
    Result("3.6.2", 475, 475, "增强适用专业人员管理/监狱业务国际标准的能力", "监狱业务国际标准的能力"),
    Result("3.6.3", 477, 477, "增强适用转化、恢复性司法和非拘禁制裁国际标准和规范的能力",
           "非拘禁制裁国际标准和规范的能力"),
    Result("3.6.4", 479, 481, "按照有关国际公约和毒品和犯罪问题办公室的既定授权，扩大与有关",
           "增强会员国适用国际标准和规范的能力"),
    Result("3.7.1", 485, 485, "加强会员国适用少年司法国际标准和规范的能力", "少年司法国际标准和规范的能力"),
    Result("3.7.2", 487, 489, "加强毒品和犯罪问题办公室与有关民间社会实体的伙伴关系，增强会",
           "员国适用少年司法国际标准和规范的能力"),
    Result("3.8.1", 493, 493, "广泛适用犯罪受害人待遇国际标准和规范", "犯罪受害人待遇国际标准和规范"),
    Result("3.8.2", 495, 497, "加强会员国执行针对最弱势社会群体包括妇女和儿童的援助受害人方", "援助受害人方案"),
    Result("3.8.3", 499, 501, "加强毒品和犯罪问题办公室与有关民间社会实体的伙伴关系，增强会",
           "现有标准和规范及其适用的认识的能力"),
)
# fmt: on


def test_every_result_is_read_and_nothing_else(sparql: Sparql) -> None:
    rows = sparql("SELECT ?number WHERE { ?r a kg:StrategyResult ; kg:strategyNumber ?number }")
    assert sorted(r["number"] for r in rows) == sorted(r.number for r in RESULTS)


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.number}@L{r.line}" for r in RESULTS])
def test_result(sparql: Sparql, node: Node, key_of: KeyOf, result: Result) -> None:
    rows = sparql(
        """
        SELECT ?number ?title ?line ?area ?para ?ptext WHERE {
          ?r a kg:StrategyResult ; kg:strategyNumber ?number ; dcterms:title ?title ; kg:sourceLine ?line ;
             kg:inResultArea ?area ; prov:wasDerivedFrom ?para .
          ?para a kg:StrategyParagraph ; kg:text ?ptext .
        }""",
        r=node("strategy", f"{S}/{result.number}"),
    )
    assert len(rows) == 1, rows
    r = rows[0]
    title = r["title"]
    assert title.startswith(result.starts) and title.endswith(result.ends), title
    assert r["line"] == str(result.line)
    assert r["ptext"] == title
    assert key_of(r["para"], "paragraph") == f"{DOC}/{result.number}"
    assert key_of(r["area"], "strategy") == f"{S}/{result.number.rsplit('.', 1)[0]}"
    last = sparql("SELECT ?last WHERE { ?r kg:lastSourceLine ?last }", r=node("strategy", f"{S}/{result.number}"))
    assert [int(x["last"]) for x in last] == ([result.last_line] if result.last_line > result.line else [])


# ---------------------------------------------------------------------------------------- chapter 一


# (letter, line, last line, starts, ends): (d) includes the three bullets printed under it (lines 106-116).
ASSUMPTIONS = (
    ("a", 88, 90, "犯罪、毒品和恐怖主义是全球性挑战。", "有效应对这些挑战包括在国家、区域和国际级别采取对策；"),
    ("b", 92, 96, "联合国帮助制定这些国际对策；", "并根据请求帮助会员国建设国内能力和将多边标准变成国内实践；"),
    (
        "c",
        98,
        100,
        "在毒品和犯罪问题办公室的既定任务中，一个重要部分是促进批准和执行",
        "打击犯罪、毒品和恐怖主义国际公约；",
    ),
    (
        "d",
        102,
        116,
        "毒品和犯罪问题办公室具有比较优势，可以在其授权范围内为这种多边对策作出贡献，"
        "特别是提供：\n• 与规范有关的服务：",
        "\n• 研究和分析\n• 技术援助：根据请求帮助会员国签署和批准有关国际法律文书，并促进执行这些文书；"
        "根据请求向会员国提供立法援助并促进国家能力建设，特别是多边标准和规范方面的能力建设",
    ),
    ("e", 118, 120, "这些服务必须符合并确实促进联合国为和平、安全和发展所作的各种努力。", "所作的各种努力。"),
)


@pytest.mark.parametrize("assumption", ASSUMPTIONS, ids=[f"({a[0]})@L{a[1]}" for a in ASSUMPTIONS])
def test_assumption(sparql: Sparql, node: Node, assumption: tuple[str, int, int, str, str]) -> None:
    letter, line, last, starts, ends = assumption
    rows = sparql(
        """
        SELECT ?label ?text ?line ?last WHERE {
          ?a a kg:StrategyAssumption ; kg:itemLabel ?label ; kg:text ?text ; kg:sourceLine ?line ;
             kg:partOfStrategy ?s .
          OPTIONAL { ?a kg:lastSourceLine ?last }
        }""",
        a=node("strategy-assumption", f"{S}/{letter}"),
        s=node("strategy", S),
    )
    assert len(rows) == 1, rows
    r = rows[0]
    assert r["label"] == f"({letter})"
    assert r["text"].startswith(starts) and r["text"].endswith(ends), r["text"]
    assert (int(r["line"]), int(r["last"])) == (line, last)


# (position, line, last line, starts, ends, corrected lines)
NEEDS = (
    (
        1,
        124,
        136,
        "需要更加稳定、可预测和充分的资金。",
        "向毒品和犯罪问题办公室提供的资源应当与赋予它的授权和任务相符。",
        [],
    ),
    (2, 138, 140, "毒品和犯罪问题办公室的授权范围广泛，因此，需要", "使成果具有可执行性。", []),
    (
        3,
        141,
        148,
        "需要在毒品和犯罪问题办公室各项方案的授权范围内，确定规范、分析和业务三项职能的适当组合。",
        "将国际法律承诺变成业务标准和规范。",
        [],
    ),
    (4, 150, 152, "需要加强横向联合。", "反映出毒品、犯罪和恐怖主义问题的相互关系。", []),
    (5, 154, 158, "需要平衡兼顾总部和外地的专门知识。", "同时使总部人员配备水平保持最佳。", [158]),
    (
        6,
        160,
        165,
        "需要具体说明要实现的成果和为此所需的资源，有效执行方案并拿出具体成果。",
        "所有会员国都应当能够了解资金用在何处。",
        [],
    ),
)


@pytest.mark.parametrize("need", NEEDS, ids=[f"need-{n[0]}@L{n[1]}" for n in NEEDS])
def test_need(sparql: Sparql, node: Node, key_of: KeyOf, need: tuple[int, int, int, str, str, list[int]]) -> None:
    position, line, last, starts, ends, corrected = need
    n = node("strategy-need", f"{S}/{position}")
    rows = sparql(
        """
        SELECT ?text ?line ?last ?position WHERE {
          ?n a kg:StrategyNeed ; kg:text ?text ; kg:sourceLine ?line ; kg:lastSourceLine ?last ; kg:position ?position .
        }""",
        n=n,
    )
    assert len(rows) == 1, rows
    r = rows[0]
    assert r["text"].startswith(starts) and r["text"].endswith(ends), r["text"]
    assert (int(r["line"]), int(r["last"]), int(r["position"])) == (line, last, position)
    fixes = sparql("SELECT ?c WHERE { ?n kg:correctedBy ?c }", n=n)
    assert sorted(key_of(x["c"], "correction") for x in fixes) == [f"{DOC}/{c}" for c in corrected]


def test_the_footnote_of_chapter_one(sparql: Sparql, node: Node, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?marker ?text ?line ?holder ?htext WHERE {
          ?f a kg:Footnote ; kg:marker ?marker ; kg:text ?text ; kg:sourceLine ?line ; kg:markedIn ?holder .
          ?holder kg:text ?htext .
        }""",
        f=node("footnote", f"{DOC}/1"),
    )
    assert len(rows) == 1
    r = rows[0]
    assert (r["marker"], r["text"], r["line"]) == ("1", "本文件并不影响接受未经大会核准的观念。", "205")
    assert key_of(r["holder"], "paragraph") == f"{DOC}/ch1.13"  # lines 191-193, "…尊严。1"
    assert r["htext"].startswith("根据本战略采取的行动促进保护最弱势群体特别是妇女和儿童")
    assert r["htext"].endswith("并保证他们的生命、生计和尊严。")


# ---------------------------------------------------------------------------------------- chapter 三


# (position, heading line, title, first line of each item)
INITIATIVES = (
    (1, 514, "改进着重成果的管理", [516, 518, 520, 522]),
    (2, 524, "实行有效和透明的财务管理", [526, 530]),
    (3, 532, "调动工作人员积极性", [534, 536, 540]),
    (4, 542, "扩大战略伙伴关系", [544, 550]),
    (5, 554, "加强外地能力", [556, 560, 562, 566, 568]),
    (6, 572, "采用创新信息和通信技术", [574]),
    (7, 575, "提高毒品和犯罪问题办公室活动的公众知名度", [577, 581]),
    (8, 585, "报告", [587]),
)


@pytest.mark.parametrize("initiative", INITIATIVES, ids=[f"initiative-{i[0]}@L{i[1]}" for i in INITIATIVES])
def test_initiative(sparql: Sparql, node: Node, initiative: tuple[int, int, str, list[int]]) -> None:
    position, line, title, items = initiative
    i = node("management-initiative", f"{S}/{position}")
    rows = sparql(
        "SELECT ?title ?line WHERE { ?i a kg:ManagementInitiative ; dcterms:title ?title ; kg:sourceLine ?line }", i=i
    )
    assert bound_left_out(rows, "i") == [{"title": title, "line": str(line)}]
    found = sparql(
        "SELECT ?p ?line WHERE { ?x kg:inInitiative ?i ; kg:position ?p ; kg:sourceLine ?line } ORDER BY ?p", i=i
    )
    assert [(int(r["p"]), int(r["line"])) for r in found] == list(enumerate(items, start=1))


def test_initiative_items_read_across_lines_and_corrections(sparql: Sparql, node: Node) -> None:
    def item(key: str) -> dict[str, str]:
        rows = sparql(
            "SELECT ?text ?last WHERE { ?x kg:text ?text ; kg:lastSourceLine ?last }",
            x=node("management-initiative", key),
        )
        assert len(rows) == 1
        return bound_left_out(rows, "x")[0]

    # Lines 526-528: the second line is indented, yet continues the bullet.
    assert item(f"{S}/2/1") == {
        "text": "在项目和组织层面实行有效和透明的财务管理，为提高毒品和犯罪问题办公室的总体效率作出贡献",
        "last": "528",
    }
    assert item(f"{S}/4/1")["text"].endswith("形成乘数效应，推动最佳做法并实现商定的成果")  # line 546 corrected
    assert item(f"{S}/5/1")["text"].endswith("同时使总部人员配备水平保持最佳")  # line 558 corrected


# ---------------------------------------------------------------------------------------- citations


# (citing paragraph, instrument, quotation, line)
CITATIONS = (
    ("summary.1", "cnd/48-14", "麻醉药品委员会在第 48/14 号决议", 28),
    ("1.1.1", "treaty/untoc", "《联合国打击跨国有组织犯罪公约》", 232),
    ("1.1.1", "treaty/uncac", "《联合国反腐败公约》", 234),
    ("1.2.5", "treaty/untoc", "《联合国打击跨国有组织犯罪公约》", 264),
    ("1.2.5", "treaty/uncac", "《联合国反腐败公约》", 264),
    ("3.2.1", "treaty/uncac", "《联合国反腐败公约》", 407),
    ("3.2.2", "treaty/uncac", "《联合国反腐败公约》", 411),
    ("3.2.3", "treaty/uncac", "《联合国反腐败公约》", 415),
    ("3.2.4", "treaty/uncac", "《联合国反腐败公约》", 421),
    ("ch3.1", "ga/55-231", "2000 年 12 月 23 日第 55/231 号决议", 510),
    ("ch3.1", "ga/60-1", "2005 年 9 月 16 日第 60/1 号决议", 512),
    ("ch3.1", "ga/60-257", "2006 年 5 月 8 日第 60/257 号决议", 512),
    ("ch3.1", "ga/60-260", "第 60/260 号决议", 513),
)


def test_every_citation_of_the_strategy(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?c ?citing ?inst ?quote ?line ?from WHERE {
          ?c a kg:Citation ; kg:citingText ?citing ; kg:citedInstrument ?inst ; kg:quotation ?quote ;
             kg:sourceLine ?line ; prov:wasDerivedFrom ?from .
          ?citing a kg:StrategyParagraph ; kg:cites ?inst .
        } ORDER BY ?line ?c"""
    )
    found = [
        (key_of(r["citing"], "paragraph"), key_of(r["inst"], "instrument"), r["quote"], int(r["line"])) for r in rows
    ]
    assert found == [(f"{DOC}/{p}", i, q, line) for p, i, q, line in CITATIONS]
    assert all(r["from"] == r["citing"] for r in rows)


def test_cnd_resolution_48_14_asked_for_the_strategy(sparql: Sparql, node: Node, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?class ?organ ?symbol WHERE {
          ?i a ?class ; kg:adoptedBy ?organ ; kg:symbol ?symbol
          FILTER NOT EXISTS { GRAPH graph:inferred { ?i a ?class } }  # stated, not the class by organ
        }""",
        i=node("instrument", "cnd/48-14"),
    )
    assert [(r["class"].rsplit("/", 1)[1], key_of(r["organ"], "organ"), r["symbol"]) for r in rows] == [
        ("Resolution", "cnd", "48/14")
    ]
    inferred = sparql("SELECT ?class WHERE { GRAPH graph:inferred { ?i a ?class } }", i=node("instrument", "cnd/48-14"))
    assert [r["class"].rsplit("/", 1)[1] for r in inferred] == ["CommissionOnNarcoticDrugsResolution"]
    # CND resolutions have no A/E/S document symbol of their own (docs/decisions/0003).
    assert sparql("SELECT ?id WHERE { ?i dcterms:identifier ?id }", i=node("instrument", "cnd/48-14")) == []


@pytest.mark.parametrize("symbol", ["55/231", "60/1", "60/257", "60/260"])
def test_general_assembly_resolutions_of_the_management_support(sparql: Sparql, node: Node, symbol: str) -> None:
    rows = sparql(
        "SELECT ?id WHERE { ?i a kg:Resolution ; dcterms:identifier ?id }",
        i=node("instrument", f"ga/{symbol.replace('/', '-')}"),
    )
    assert bound_left_out(rows, "i") == [{"id": f"A/RES/{symbol}"}]


# ---------------------------------------------------------------------------------------- corrections


def test_corrections_and_what_was_read_from_them(sparql: Sparql, node: Node) -> None:
    rows = sparql(
        """
        SELECT ?line ?kind ?n WHERE {
          ?c a kg:SourceCorrection ; kg:sourceLine ?line ; kg:anomalyKind ?kind ; dcterms:isPartOf ?d .
          ?n kg:correctedBy ?c .
        }""",
        d=node("document", DOC),
    )
    found = sorted((int(r["line"]), r["kind"], r["n"].split("/id/", 1)[1]) for r in rows)
    assert found == sorted(
        [
            (55, "lost-character", f"paragraph/{DOC}/summary.1"),
            (158, "lost-character", f"paragraph/{DOC}/ch1.9"),
            (158, "lost-character", f"strategy-need/{S}/5"),
            (191, "lost-character", f"paragraph/{DOC}/ch1.13"),
            (495, "lost-character", f"paragraph/{DOC}/3.8.2"),
            (495, "lost-character", f"strategy/{S}/3.8.2"),
            (546, "lost-character", f"paragraph/{DOC}/ch3.11"),
            (546, "lost-character", f"management-initiative/{S}/4/1"),
            (558, "lost-character", f"paragraph/{DOC}/ch3.13"),
            (558, "lost-character", f"management-initiative/{S}/5/1"),
        ]
    )
