"""Objectives, strategies, planned results and performance measures, as read off the source.

Every fact was read by eye from data/sources/A-79-6-Sect16.zh.txt (the 工作方案 part, lines 531-1785)
and names its source line. Per scope (subprogrammes 1-8 and the two components of subprogramme 9;
the programme as a whole has no objective, results or measures of its own): the objective, the
lettered strategy items and expected results, the 2023 highlight, the three planned results 2025 and
how each is measured (a table 表 16.x, whose every cell is checked, or a figure 图 16.x, of which the
text has only the caption), and the lessons learned.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from listed import KeyOf, Node, Sparql

SCOPES = ("2025/sp1", "2025/sp2", "2025/sp3", "2025/sp4", "2025/sp5", "2025/sp6", "2025/sp7", "2025/sp8",
          "2025/sp9-1", "2025/sp9-2")  # fmt: skip


# ---------------------------------------------------------------------------------------- objectives


class Objective(NamedTuple):
    scope: str
    paragraph: str
    line: int
    starts: str
    ends: str


# fmt: off
OBJECTIVES = (
    Objective("2025/sp1", "16.14", 539,
              "本次级方案促进实现的目标是，预防和打击跨国有组织犯罪及非法贩运活动。",
              "预防和打击跨国有组织犯罪及非法贩运活动。"),
    Objective("2025/sp2", "16.27", 654, "本次级方案促进实现的目标是，通过统筹采取减少需求和相关措施",
              "确保以综合和平衡方针应对世界毒品问题。"),
    Objective("2025/sp3", "16.40", 787,
              "本次级方案促进实现的目标是，通过有效执行《联合国反腐败公约》预防和打击腐败。",
              "预防和打击腐败。"),
    Objective("2025/sp4", "16.53", 911, "本次级方案促进实现的目标是，加强有效的反恐刑事司法制度",
              "以及联合国有关公约和决议加以执行。"),
    Objective("2025/sp5", "16.66", 1036,
              "本次级方案促进实现的目标是，预防犯罪和确保更为有效、公正、人道和问责的刑事司法系统",
              "以此作为法治和可持续发展的基础。"),
    Objective("2025/sp6", "16.80", 1160, "本次级方案有助于实现的目标是，确保会员国增进对毒品和犯罪趋势的了解",
              "获取并使用优质法证科学数据、信息和工具。"),
    Objective("2025/sp7", "16.93", 1278, "本次级方案促进实现的目标是，推动体制改革",
              "加强会员国在药物管制、预防犯罪和刑事司法方面的政策和行动对策。"),
    Objective("2025/sp8", "16.106", 1396,
              "本次级方案促进实现的目标是，加强会员国打击毒品、犯罪和恐怖主义的自主方案。",
              "自主方案。"),
    Objective("2025/sp9-1", "16.119", 1506, "本次级方案构成部分 1 促进实现的目标是，确保联合国政府间机构",
              "在发挥各自的咨询作用方面有效和高效运作。"),
    Objective("2025/sp9-2", "16.132", 1639,
              "本次级方案构成部分 2 促进实现的目标是，确保国际麻醉品管制局切实高效地履行",
              "以及支持会员国履行条约义务等措施。"),
)
# fmt: on


@pytest.mark.parametrize("objective", OBJECTIVES, ids=[f"{o.scope}@L{o.line}" for o in OBJECTIVES])
def test_objective(sparql: Sparql, node: Node, key_of: KeyOf, objective: Objective) -> None:
    rows = sparql(
        """
        SELECT ?o ?scope ?text ?line ?para WHERE {
          ?o a kg:Objective ; kg:scope ?scope ; kg:text ?text ; kg:sourceLine ?line .
          OPTIONAL { ?o prov:wasDerivedFrom ?para }
        }""",
        o=node("objective", objective.scope),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert key_of(row["scope"], "scope") == objective.scope
    assert row["text"].startswith(objective.starts)
    assert row["text"].endswith(objective.ends)
    assert row["line"] == str(objective.line)
    assert key_of(row["para"], "paragraph") == f"a-79-6-sect16/{objective.paragraph}"


def test_only_the_ten_scopes_have_objectives(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?o WHERE { ?o a kg:Objective }")
    assert sorted(key_of(r["o"], "objective") for r in rows) == sorted(SCOPES)


# -------------------------------------------------------------------- strategy and expected results


class Items(NamedTuple):
    scope: str
    strategy_paragraph: str  # "为促进实现这一目标，本次级方案将："
    expected_paragraph: str  # "预计上述工作将（促进）取得下列成果："
    strategy: tuple[tuple[str, int, str], ...]  # (key within the scope, line, the text starts with)
    expected: tuple[tuple[str, int, str], ...]


# fmt: off
ITEMS = (
    Items("2025/sp1", "16.15", "16.16",
          strategy=(
              ("a", 544, "促进遵守和执行各"),
              ("b", 545, "支持《联合国打击"),
              ("c", 546, "向会员国提供技术"),
              ("d", 547, "促进就跨国有组织"),
              ("e", 548, "支持会员国加强边"),
          ),
          expected=(
              ("a", 552, "《联合国打击跨国"),
              ("b", 553, "国际合作增强，会"),
              ("c", 554, "更多有组织犯罪集"),
          )),
    Items("2025/sp2", "16.28", "16.29",
          strategy=(
              ("a", 660, "完全按照《联合国"),
              ("a.1", 661, "执行三项国际药物"),
              ("a.2", 662, "建立和(或)扩大"),
              ("a.3", 663, "建立和(或)扩大"),
              ("a.4", 665, "建立和(或)扩大"),
              ("b", 667, "为支持会员国在上"),
              ("c", 668, "应会员国请求提供"),
              ("d", 669, "与次级方案 1 "),
              ("e", 670, "应会员国请求，建"),
              ("f", 671, "与次级方案 1 "),
          ),
          expected=(
              ("a", 675, "增加获得高质量保"),
              ("b", 676, "提升农村地区受非"),
              ("c", 677, "通过执法当局联合"),
          )),
    Items("2025/sp3", "16.41", "16.42",
          strategy=(
              ("a", 793, "在预防、国际合作"),
              ("b", 794, "应请求协助会员国"),
              ("c", 795, "执行决策机构和条"),
              ("d", 797, "促进在调查、起诉"),
              ("e", 798, "开发和传播关于《"),
          ),
          expected=(
              ("a", 802, "缔约国积极有效地"),
              ("b", 803, "各国依照公约处理"),
              ("c", 804, "各国能够在公约框"),
              ("d", 805, "反腐败从业人员和"),
              ("e", 806, "政策制定者、从业"),
              ("f", 807, "合作伙伴协调努力"),
          )),
    Items("2025/sp4", "16.54", "16.55",
          strategy=(
              ("a", 917, "应会员国请求，提"),
              ("b", 918, "与合作伙伴协调，"),
              ("c", 919, "根据大会⁶和安全"),
          ),
          expected=(
              ("a", 923, "会员国批准更多的"),
              ("b", 924, "会员国制定预防和"),
              ("c", 925, "按照有关国际法律"),
              ("d", 926, "加强国家、区域和"),
              ("e", 927, "会员国通过对法律"),
          )),
    Items("2025/sp5", "16.67", "16.69",
          strategy=(
              ("a", 1042, "通过支持刑事司法"),
              ("b", 1043, "应请求向会员国的"),
              ("c", 1044, "开发和传播实用工"),
              ("d", 1045, "纳入与以下方面有"),
          ),
          expected=(
              ("a", 1048, "提高在适当案件中"),
              ("b", 1049, "加强对暴力侵害妇"),
              ("c", 1050, "增加弱势群体诉诸"),
              ("d", 1051, "加强对囚犯重新融"),
              ("e", 1052, "预防伤害行为和建"),
              ("f", 1053, "在预防犯罪和刑事"),
              ("g", 1054, "使刑事司法系统在"),
          )),
    Items("2025/sp6", "16.81", "16.82",
          strategy=(
              ("a", 1165, "及时、准确地提供"),
              ("b", 1166, "通过加强外地研究"),
              ("c", 1167, "通过举办讲习班和"),
              ("d", 1168, "应请求建设各国统"),
              ("e", 1169, "向毒品检测实验室"),
              ("f", 1170, "制定和传播法证方"),
              ("g", 1171, "向国际药物公约下"),
          ),
          expected=(
              ("a", 1173, "增进会员国、国际"),
              ("b", 1174, "编制和分析会员国"),
              ("c", 1175, "按照国际公认的业"),
          )),
    Items("2025/sp7", "16.94", "16.95",
          strategy=(
              ("a", 1284, "与会员国、国际组"),
              ("b", 1285, "协助总部和相关外"),
              ("c", 1286, "通过提供技术咨询"),
              ("d", 1288, "就与毒品、犯罪、"),
              ("e", 1289, "加强非政府利益攸"),
          ),
          expected=(
              ("a", 1293, "提高会员国认识和"),
              ("b", 1294, "根据相关公约和政"),
              ("c", 1295, "增进公众对毒品、"),
          )),
    Items("2025/sp8", "16.107", "16.108",
          strategy=(
              ("a", 1402, "向毒品和犯罪问题"),
              ("b", 1403, "确保业务问责和方"),
              ("c", 1404, "根据任务规定并应"),
              ("d", 1405, "支持制定区域战略"),
              ("e", 1406, "在伙伴国家之间提"),
              ("f", 1407, "向会员国提供有针"),
          ),
          expected=(
              ("a", 1411, "改进法律和政策应"),
              ("b", 1412, "会员国推进毒品和"),
              ("c", 1414, "在发展系统和业务"),
          )),
    Items("2025/sp9-1", "16.120", "16.121",
          strategy=(
              ("a", 1512, "向麻醉药品委员会"),
              ("b", 1513, "为改进毒品和犯罪"),
          ),
          expected=(
              ("a", 1517, "会员国之间加强合"),
              ("b", 1518, "会员国增进对毒品"),
              ("c", 1519, "广泛和包容性代表"),
          )),
    Items("2025/sp9-2", "16.133", "16.134",
          strategy=(
              ("a", 1645, "向国际麻醉品管制"),
              ("b", 1646, "提高各国政府和国"),
              ("c", 1647, "支持各国政府履行"),
              ("d", 1648, "向麻管局提供技术"),
              ("e", 1649, "建设执法、海关、"),
              ("f", 1650, "就下列问题为有关"),
              ("f.1", 1651, "国际药物管制公约"),
              ("f.2", 1652, "查明并应对受管制"),
              ("f.3", 1653, "紧急情况下对受管"),
          ),
          expected=(
              ("a", 1657, "推动麻管局与各国"),
              ("b", 1658, "受管制物质合法贸"),
              ("c", 1659, "各国政府更准确地"),
              ("d", 1660, "增加受管制物质的"),
              ("e", 1661, "用于非法制造药物"),
              ("f", 1662, "国际受管制物质和"),
              ("g", 1663, "会员国能够更好地"),
              ("h", 1665, "会员国能够更好地"),
          )),
)
# fmt: on

ITEM_COUNTS = {  # lettered strategy items (sub-items apart) and expected results, counted by eye
    "2025/sp1": (5, 0, 3), "2025/sp2": (6, 4, 3), "2025/sp3": (5, 0, 6), "2025/sp4": (3, 0, 5),
    "2025/sp5": (4, 0, 7), "2025/sp6": (7, 0, 3), "2025/sp7": (5, 0, 3), "2025/sp8": (6, 0, 3),
    "2025/sp9-1": (2, 0, 3), "2025/sp9-2": (6, 3, 8),
}  # fmt: skip
LABELS = {"1": "(一)", "2": "(二)", "3": "(三)", "4": "(四)"}


def test_item_counts_match_the_tables() -> None:
    for items in ITEMS:
        letters, subs, expected = ITEM_COUNTS[items.scope]
        assert sum(1 for k, _, _ in items.strategy if "." not in k) == letters, items.scope
        assert sum(1 for k, _, _ in items.strategy if "." in k) == subs, items.scope
        assert len(items.expected) == expected, items.scope


@pytest.mark.parametrize("items", ITEMS, ids=[f"{i.scope}-{i.strategy_paragraph}" for i in ITEMS])
def test_strategy_items(sparql: Sparql, node: Node, key_of: KeyOf, items: Items) -> None:
    rows = sparql(
        """
        SELECT ?x ?label ?line ?text ?para WHERE {
          ?x a kg:StrategyItem ; kg:scope ?scope ; kg:itemLabel ?label ; kg:sourceLine ?line ; kg:text ?text .
          OPTIONAL { ?x prov:wasDerivedFrom ?para }
        }""",
        scope=node("scope", items.scope),
    )
    got = {key_of(r["x"], "strategy-item"): r for r in rows}
    assert sorted(got) == sorted(f"{items.scope}/{k}" for k, _, _ in items.strategy)
    for k, line, starts in items.strategy:
        r = got[f"{items.scope}/{k}"]
        label = f"({k})" if "." not in k else LABELS[k.split(".")[1]]
        assert r["label"] == label, k
        assert r["line"] == str(line), k
        assert r["text"].startswith(starts), k
        assert key_of(r["para"], "paragraph") == f"a-79-6-sect16/{items.strategy_paragraph}.{k}", k


@pytest.mark.parametrize("items", ITEMS, ids=[f"{i.scope}-{i.expected_paragraph}" for i in ITEMS])
def test_expected_results(sparql: Sparql, node: Node, key_of: KeyOf, items: Items) -> None:
    rows = sparql(
        """
        SELECT ?x ?label ?line ?text ?para WHERE {
          ?x a kg:ExpectedResult ; kg:scope ?scope ; kg:itemLabel ?label ; kg:sourceLine ?line ;
             kg:text ?text .
          OPTIONAL { ?x prov:wasDerivedFrom ?para }
        }""",
        scope=node("scope", items.scope),
    )
    got = {key_of(r["x"], "expected-result"): r for r in rows}
    assert sorted(got) == sorted(f"{items.scope}/{k}" for k, _, _ in items.expected)
    for k, line, starts in items.expected:
        r = got[f"{items.scope}/{k}"]
        assert r["label"] == f"({k})", k
        assert r["line"] == str(line), k
        assert r["text"].startswith(starts), k
        assert key_of(r["para"], "paragraph") == f"a-79-6-sect16/{items.expected_paragraph}.{k}", k


def test_no_strategy_items_or_expected_results_elsewhere(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?x WHERE { { ?x a kg:StrategyItem } UNION { ?x a kg:ExpectedResult } }")
    assert len(rows) == sum(len(i.strategy) + len(i.expected) for i in ITEMS) == 100


# -------------------------------------------------------------------- highlights and results


class Result(NamedTuple):
    scope: str
    n: int  # 0: the 2023 highlight (2023 年方案执行情况); 1-3: 成果 n
    line: int
    title: str
    measured_by: str  # "table 16.3" or "figure 16.1" (printed 图 16.一)


# fmt: off
RESULTS = (
    Result("2025/sp1", 0, 558, "马来西亚调查虚拟资产犯罪能力增强", "table 16.2"),
    Result("2025/sp1", 1, 573,
           "通过参与《联合国打击跨国有组织犯罪公约》实施情况审议机制和加强打击有组织犯罪的规范框架，"
                               "加强《公约》的实施力度", "figure 16.1"),
    Result("2025/sp1", 2, 588,
           "贩运人口和偷运移民路线沿线国家之间，特别是原籍国和过境国之间的合作加强，包括为此进行南南合作",
           "figure 16.2"),
    Result("2025/sp1", 3, 603, "改进火器、零部件和弹药的登记和可追溯性", "table 16.3"),
    Result("2025/sp2", 0, 682,
           "拉丁美洲会员国在解决世界毒品问题的背景下实施更有力的卫生和发展干预措施", "figure 16.3"),
    Result("2025/sp2", 1, 696, "通过替代发展实现可持续生计", "table 16.5"),
    Result("2025/sp2", 2, 709,
           "东南亚会员国在解决世界毒品问题的背景下实施更强有力的卫生和发展干预措施", "figure 16.4"),
    # line 724 prints result 3 with the very title of result 2 (its text, 16.36, is about sub-Saharan Africa)
    Result("2025/sp2", 3, 724,
           "东南亚会员国在解决世界毒品问题的背景下实施更强有力的卫生和发展干预措施", "figure 16.5"),
    Result("2025/sp3", 0, 812, "各国通过实施情况审议机制推进反腐败斗争", "figure 16.6"),
    Result("2025/sp3", 1, 826, "加强反腐败执法机关之间的跨境合作", "figure 16.7"),
    Result("2025/sp3", 2, 841, "国家反腐败机构得到加强", "figure 16.8"),
    Result("2025/sp3", 3, 856, "各国在反腐败工作中对实益所有权信息的使用得到加强", "table 16.7"),
    Result("2025/sp4", 0, 931, "伊拉克恐怖主义受害者的恢复和重返社会", "table 16.9"),
    Result("2025/sp4", 1, 952, "加强应对中亚、西亚和南亚日益严重的恐怖主义挑战", "table 16.10"),
    Result("2025/sp4", 2, 966, "提高会员国预防和打击恐怖主义的机构能力", "figure 16.9"),
    Result("2025/sp4", 3, 981,
           "南部非洲的体制变革，以建立强有力和负责任的刑事司法系统和打击恐怖主义", "table 16.11"),
    Result("2025/sp5", 0, 1058, "通过调查性面谈改进刑事调查程序", "figure 16.10"),
    Result("2025/sp5", 1, 1077, "刑事司法系统将性别观点纳入预防犯罪和刑事司法改革的主流", "figure 16.11"),
    Result("2025/sp5", 2, 1094, "刑事司法机构有效和可利用", "figure 16.12"),
    Result("2025/sp5", 3, 1109, "充分尊重人权的预防犯罪和刑事司法改革", "figure 16.13"),
    Result("2025/sp6", 0, 1180, "非洲数据报告得到改进", "figure 16.14"),
    Result("2025/sp6", 1, 1194,
           "及时提供信息和证据，预防和打击偷运移民及相关犯罪，保护被偷运者的权利", "figure 16.15"),
    Result("2025/sp6", 2, 1209, "会员国安全处理和处置毒品和用于非法制造毒品的前体化学品", "figure 16.16"),
    Result("2025/sp6", 3, 1224,
           "会员国的药物检测和毒理学实验室监测业绩，作为质量保证做法的一部分", "figure 16.17"),
    Result("2025/sp7", 0, 1299,
           "肯尼亚让民间社会参与《联合国打击跨国有组织犯罪公约》审查机制", "table 16.15"),
    Result("2025/sp7", 1, 1313, "提高公众对毒品、犯罪、腐败和恐怖主义问题的认识", "figure 16.18"),
    Result("2025/sp7", 2, 1328, "人口贩运受害者获得社会、身体和心理康复方面的重要援助", "figure 16.19"),
    Result("2025/sp7", 3, 1343, "青年有意义地参与毒品、犯罪和腐败问题的决策进程", "table 16.16"),
    Result("2025/sp8", 0, 1418, "加强厄瓜多尔加拉帕戈斯群岛的燃料控制以打击海上犯罪", "table 16.18"),
    Result("2025/sp8", 1, 1432, "加强太平洋小岛屿发展中国家的法治和对弱势群体的保护", "table 16.19"),
    Result("2025/sp8", 2, 1446, "通过替代生计和保健服务解决毒品生产和使用问题", "figure 16.20"),
    Result("2025/sp8", 3, 1459, "通过加强海上安全管理系统应对海上安全挑战", "table 16.20"),
    Result("2025/sp9-1", 0, 1524, "成功评估在履行国际药物政策承诺方面取得的进展", "figure 16.21"),
    Result("2025/sp9-1", 1, 1537,
           "通过有效落实《京都宣言》，加强预防犯罪、刑事司法和法治，努力落实《2030 年议程》",
           "figure 16.22"),
    Result("2025/sp9-1", 2, 1554, "加速履行国际药物政策承诺，有效应对和打击世界毒品问题", "figure 16.23"),
    Result("2025/sp9-1", 3, 1571, "加强执行国际预防犯罪和刑事司法政策承诺", "figure 16.24"),
    Result("2025/sp9-2", 0, 1670,
           "扩大关于为医疗和科研目的适当使用麻醉药品和精神药物的知识基础，同时防止其转移用途",
           "figure 16.25"),
    Result("2025/sp9-2", 1, 1684,
           "用于非法药物制造的非表列化学品、特制前体、材料和设备的供应减少", "table 16.23"),
    Result("2025/sp9-2", 2, 1700,
           "相关国家工业部门积极主动地与国家主管当局合作，减少工业部门被贩毒者利用的风险", "figure 16.26"),
    Result("2025/sp9-2", 3, 1715, "强效新精神活性物质和非医用合成阿片类药物供应减少", "table 16.24"),
)
# fmt: on
HIGHLIGHTS = [r for r in RESULTS if r.n == 0]
PLANNED = [r for r in RESULTS if r.n > 0]


def measure_key(r: Result) -> str:
    return f"{r.scope}/{'highlight' if r.n == 0 else r.n}"


def test_every_scope_has_a_highlight_and_three_results() -> None:
    for scope in SCOPES:
        assert sorted(r.n for r in RESULTS if r.scope == scope) == [0, 1, 2, 3], scope


@pytest.mark.parametrize("result", HIGHLIGHTS, ids=[f"{r.scope}@L{r.line}" for r in HIGHLIGHTS])
def test_2023_highlight(sparql: Sparql, node: Node, key_of: KeyOf, result: Result) -> None:
    rows = sparql(
        """
        SELECT ?h ?title ?year ?scope ?line ?measure WHERE {
          ?h a kg:ProgrammePerformanceHighlight ; dcterms:title ?title ; kg:performanceYear ?year ;
             kg:scope ?scope ; kg:sourceLine ?line ; kg:hasPerformanceMeasure ?measure .
        }""",
        h=node("highlight", result.scope),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["title"] == result.title
    assert row["year"] == "2023"
    assert key_of(row["scope"], "scope") == result.scope
    assert row["line"] == str(result.line)
    assert key_of(row["measure"], "measure") == measure_key(result)


@pytest.mark.parametrize("result", PLANNED, ids=[f"{r.scope}/{r.n}@L{r.line}" for r in PLANNED])
def test_planned_result(sparql: Sparql, node: Node, key_of: KeyOf, result: Result) -> None:
    rows = sparql(
        """
        SELECT ?r ?n ?title ?scope ?line ?measure ?lesson WHERE {
          ?r a kg:PlannedResult ; kg:resultNumber ?n ; dcterms:title ?title ; kg:scope ?scope ;
             kg:sourceLine ?line ; kg:hasPerformanceMeasure ?measure .
          OPTIONAL { ?r kg:hasLessonLearned ?lesson }
        }""",
        r=node("result", f"{result.scope}/{result.n}"),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["n"] == str(result.n)
    assert row["title"] == result.title
    assert key_of(row["scope"], "scope") == result.scope
    assert row["line"] == str(result.line)
    assert key_of(row["measure"], "measure") == measure_key(result)
    # the lessons learned (经验教训和计划作出的改变) are printed under result 3 only
    assert (key_of(row["lesson"], "lesson") if "lesson" in row else None) == (
        f"{result.scope}/3" if result.n == 3 else None
    )


def test_thirty_planned_results_in_all(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?r WHERE { ?r a kg:PlannedResult }")
    assert sorted(key_of(r["r"], "result") for r in rows) == sorted(f"{r.scope}/{r.n}" for r in PLANNED)


@pytest.mark.parametrize("result", RESULTS, ids=[f"{measure_key(r)}:{r.measured_by}" for r in RESULTS])
def test_measure_is_presented_in_its_table_or_figure(sparql: Sparql, node: Node, key_of: KeyOf, result: Result) -> None:
    rows = sparql(
        """
        SELECT ?m ?where ?kind ?scope ?desc WHERE {
          ?m a kg:PerformanceMeasure ; kg:presentedIn ?where ; kg:scope ?scope .
          ?where a ?kind . FILTER(?kind IN (kg:Table, kg:Figure))
          OPTIONAL { ?m dcterms:description ?desc }
        }""",
        m=node("measure", measure_key(result)),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    kind, number = result.measured_by.split()
    assert key_of(row["where"], kind) == f"a-79-6-sect16/{number}"
    assert key_of(row["scope"], "scope") == result.scope
    if kind == "table":
        assert row.get("desc") == "业绩计量"
    else:
        figure = FIGURE_OF[number]
        assert row.get("desc") == figure.caption


# ---------------------------------------------------------------------------------------- figures


class Figure(NamedTuple):
    number: str
    printed: str  # as printed after 图
    line: int
    scope: str
    caption: str  # the caption line(s) under it, joined


# fmt: off
FIGURES = (
    Figure("16.1", "16.一", 582, "2025/sp1",
           "业绩计量：参与《联合国打击跨国有组织犯罪公约》实施情况审议机制和《公约》实施能力得到增强的国家数目(累计)"),
    Figure("16.2", "16.二", 597, "2025/sp1",
           "业绩计量：两个或两个以上受益国之间的法律和行动合作实例数目(年度)"),
    Figure("16.3", "16.三", 688, "2025/sp2",
           "业绩计量：在解决世界毒品问题的背景下，拉丁美洲因卫生和社会经济成果改善而受益的人数(年度)"),
    Figure("16.4", "16.四", 718, "2025/sp2",
           "业绩计量：东南亚会员国加强毒品和艾滋病毒/艾滋病预防、治疗、护理和康复干预措施的数目(年度)"),
    Figure("16.5", "16.五", 737, "2025/sp2",
           "业绩计量：撒哈拉以南非洲会员国考虑到国际标准的卫生和发展对策的数目(年度)"),
    Figure("16.6", "16.六", 818, "2025/sp3",
           "业绩计量：在实施情况审议机制框架内完成执行摘要的会员国数目(年度)"),
    Figure("16.7", "16.七", 835, "2025/sp3", "业绩计量：加入全球反腐败执法机构业务网络的国家数目(累计)"),
    Figure("16.8", "16.八", 850, "2025/sp3", "业绩计量：反腐败机构得到加强的国家数目(年度)"),
    Figure("16.9", "16.九", 975, "2025/sp4",
           "业绩计量：刑事司法官员发展预防和打击恐怖主义的技能和知识(年度)"),
    Figure("16.10", "16.十", 1069, "2025/sp5",
           "业绩计量：有能力进行以人为本的调查性面谈的执法官员人数(累计)"),
    # lines 1088 and 1090
    Figure("16.11", "16.十一", 1086, "2025/sp5",
           "业绩计量：将性别观点纳入预防犯罪和刑事司法改革主流的会员国(得到本次级方案支助的会员国百分比)"),
    Figure("16.12", "16.十二", 1103, "2025/sp5",
           "业绩计量：刑事司法行为者提供更多以人为本的司法服务的能力得到加强(累计)"),
    Figure("16.13", "16.十三", 1122, "2025/sp5",
           "业绩计量：在充分尊重人权的情况下开展预防犯罪和刑事司法改革工作的会员国数目(累计)"),
    Figure("16.14", "16.十四", 1186, "2025/sp6",
           "业绩计量：通过毒品和犯罪问题办公室年度报告调查表报告数据的非洲国家数目(年度)"),
    Figure("16.15", "16.十五", 1203, "2025/sp6",
           "业绩计量：毒品和犯罪问题办公室偷运移民问题观察站覆盖的国家数目(累计)和网络平台的访问量(年度)"),
    Figure("16.16", "16.十六", 1218, "2025/sp6",
           "业绩计量：制定国家处置计划的国家数目和对药物和前体化学品处置有更好了解的人员数目(年度)"),
    Figure("16.17", "16.十七", 1237, "2025/sp6",
           "业绩计量：持续参加毒品和犯罪问题办公室药物分析能力测试的法医实验室数目(累计)"),
    Figure("16.18", "16.十八", 1322, "2025/sp7",
           "业绩计量：毒品和犯罪问题办公室社交媒体频道的关注者人数(年度)"),
    Figure("16.19", "16.十九", 1337, "2025/sp7",
           "业绩计量：通过专门组织获得法律和财政援助的直接受益者人数(年度)"),
    Figure("16.20", "16.二十", 1453, "2025/sp8",
           "业绩计量：联合国毒品和犯罪问题办公室替代发展及预防和治疗吸毒和吸毒病症方案在阿富汗的受益人数(累计)"),
    Figure("16.21", "16.二十一", 1529, "2025/sp9-1",
           "业绩计量：参加麻醉药品委员会会议对秘书处向理事机构提供的技术和实质性服务的质量和及时性表示完全满意的"
           "会员国"),
    # lines 1548 and 1550
    Figure("16.22", "16.二十二", 1546, "2025/sp9-1",
           "业绩计量：参加预防犯罪和刑事司法委员会会议对秘书处向理事机构提供的技术和实质性服务的质量和及时性表示"
           "完全满意的会员国(百分比)"),
    # lines 1565 and 1567
    Figure("16.23", "16.二十三", 1563, "2025/sp9-1",
           "业绩计量：参加麻醉药品委员会会议对秘书处向理事机构提供的技术和实质性服务的质量和及时性表示完全满意的"
           "会员国(百分比)"),
    # lines 1586 and 1588
    Figure("16.24", "16.二十四", 1584, "2025/sp9-1",
           "业绩计量：参加预防犯罪和刑事司法委员会会议对秘书处向理事机构提供的技术和实质性服务的质量和及时性表示"
           "完全满意的会员国(百分比)"),
    Figure("16.25", "16.二十五", 1676, "2025/sp9-2",
           "业绩计量：参加国际麻醉品管制局电子学习模块的国家和领土数目(累计)"),
    Figure("16.26", "16.二十六", 1709, "2025/sp9-2", "业绩计量：已开展国家工业摸底工作的国家数目(年度)"),
)
# fmt: on
FIGURE_OF = {f.number: f for f in FIGURES}


def test_every_figure_measures_one_result() -> None:
    figures = [r.measured_by.split()[1] for r in RESULTS if r.measured_by.startswith("figure")]
    assert sorted(FIGURE_OF) == sorted(figures)


@pytest.mark.parametrize("figure", FIGURES, ids=[f"{f.printed}@L{f.line}" for f in FIGURES])
def test_figure(sparql: Sparql, node: Node, key_of: KeyOf, figure: Figure) -> None:
    rows = sparql(
        """
        SELECT ?f ?number ?printed ?caption ?scope ?line WHERE {
          ?f a kg:Figure ; kg:figureNumber ?number ; kg:printedNumber ?printed ; kg:caption ?caption ;
             kg:inScope ?scope ; kg:sourceLine ?line .
        }""",
        f=node("figure", f"a-79-6-sect16/{figure.number}"),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["number"], row["printed"], row["caption"]) == (figure.number, figure.printed, figure.caption)
    assert key_of(row["scope"], "scope") == figure.scope
    assert row["line"] == str(figure.line)


def test_figure_measures_have_no_entries(sparql: Sparql) -> None:
    rows = sparql("SELECT ?e WHERE { ?e kg:measure ?m . ?m kg:presentedIn ?f . ?f a kg:Figure }")
    assert rows == []


# -------------------------------------------------------------------- table measures: every cell

DASH = None  # the cell prints "—"


class Entry(NamedTuple):
    measure: str
    year: int
    status: str  # (实际) actual, (计划) planned
    row: int  # the line within the table
    line: int
    text: str | None  # the whole cell as printed; None for a dash


# fmt: off
ENTRIES = (
    # table 16.2 (header line 567)
    Entry("2025/sp1/highlight", 2021, "actual", 1, 568, (
          "东南亚刑事司法从业人员对新出现的威胁，包括专门加密网络促成的犯罪的认识提高"
    )),
    Entry("2025/sp1/highlight", 2022, "actual", 1, 568, "马来西亚成立东南亚首个加密货币分析实验室"),
    Entry("2025/sp1/highlight", 2023, "actual", 1, 568, "马来西亚警察利用专门的法证分析工具和程序进行调查"),
    Entry("2025/sp1/highlight", 2021, "actual", 2, 569, (
          "马来西亚警察通过培训和指导进行虚拟资产和区块链调查能力增强"
    )),
    Entry("2025/sp1/highlight", 2022, "actual", 2, 569, "马来西亚警察配备了专门的法证设备和工具"),
    Entry("2025/sp1/highlight", 2023, "actual", 2, 569, (
          "独立编写了 32 份刑事分析报告(比 2021 年增加 90%)，包括国际案件"
    )),
    # table 16.3 (header line 618)
    Entry("2025/sp1/3", 2022, "actual", 1, 619, "goIFAR 测试版进行内部和外部审查"),
    Entry("2025/sp1/3", 2023, "actual", 1, 619, "洪都拉斯和塞内加尔制定定制 goIFAR 行动计划"),
    Entry("2025/sp1/3", 2024, "planned", 1, 619, (
          "洪都拉斯和塞内加尔采用 goIFAR 另有两个国家制定定制 goIFAR 行动计划"
    )),
    Entry("2025/sp1/3", 2025, "planned", 1, 619, "另有两个国家采用 goIFAR"),
    # table 16.5 (header line 706)
    Entry("2025/sp2/1", 2021, "actual", 1, 707, (
          "Malongo 与 Vanmai 咖啡合作社签署长期协议，并向多民族玻利维亚国和老挝人民民主共和国的咖啡种植者发"
          "放第一笔款项"
    )),
    Entry("2025/sp2/1", 2022, "actual", 1, 707, (
          "Malongo 与哥伦比亚合作社签署长期协议，向欧洲出口优质咖啡 在提供经济和环境可持续生计方面加强关于无"
          "害环境做法的政策对话"
    )),
    Entry("2025/sp2/1", 2023, "actual", 1, 707, (
          "替代发展与环境实用指南推出后，环境考虑因素被纳入替代发展举措的主流 Malongo 增加了多民族玻利维亚国"
          "、老挝人民民主共和国、哥伦比亚和缅甸的咖啡出口 老挝人民民主共和国生产商与 Ethiquable 签署协议，复"
          "制公私营模式并将其扩展到茶叶 纪念《联合国替代发展问题指导原则》十周年：回顾过去，展望未来"
    )),
    Entry("2025/sp2/1", 2024, "planned", 1, 707, (
          "两个受非法作物影响国家设计替代发展试点项目 新社区实施替代发展举措，适当考虑应对环境问题和气候变化"
          " 与 Malongo 的伙伴关系模式被其他获得公平贸易认证的公司复制，用于产品出口"
    )),
    Entry("2025/sp2/1", 2025, "planned", 1, 707, (
          "地方社区实施同时应对经济、环境和社会可持续性问题的替代发展举措 针对受益国和新国家表达的需要和优先"
          "事项的替代发展举措有所增加"
    )),
    # table 16.7 (header line 872)
    Entry("2025/sp3/3", 2021, "actual", 1, 873, "第一项实益所有权决议获得通过"),
    Entry("2025/sp3/3", 2022, "actual", 1, 873, "三个国家加强披露实益所有人信息的国家框架"),
    Entry("2025/sp3/3", 2023, "actual", 1, 873, (
          "11 个国家加强实益所有权的知识基础 第二项实益所有权决议获得通过"
    )),
    Entry("2025/sp3/3", 2024, "planned", 1, 873, "五个国家加强关于实益所有权的合作、信息共享和同行学习"),
    Entry("2025/sp3/3", 2025, "planned", 1, 873, "三个国家制定关于实益所有权的政策和做法"),
    # table 16.9 (header line 946)
    Entry("2025/sp4/highlight", 2021, "actual", 1, 947, (
          "恐怖主义受害者和证人可获得更好的支助服务，即心理社会和法律援助"
    )),
    Entry("2025/sp4/highlight", 2022, "actual", 1, 947, (
          "通过新建立的支助网络，支持恐怖主义受害者重新融入社会"
    )),
    Entry("2025/sp4/highlight", 2023, "actual", 1, 947, (
          "在查明与刑事诉讼中保护受害者有关的立法、程序差距和挑战后，伊拉克改进为恐怖主义受害者提供服务的措"
          "施取得进展"
    )),
    Entry("2025/sp4/highlight", 2021, "actual", 2, 948, (
          "恐怖主义受害者在刑事司法程序中得到支助，包括关于其法律援助和保护机制"
    )),
    # table 16.10 (header line 963)
    Entry("2025/sp4/1", 2021, "actual", 1, 964, "会员国在塔利班接管后重新评估其反恐技术援助需求"),
    Entry("2025/sp4/1", 2022, "actual", 1, 964, (
          "中亚会员国提出申请并得到支持，以制定预防和打击恐怖主义的刑事司法措施和机制"
    )),
    Entry("2025/sp4/1", 2023, "actual", 1, 964, (
          "会员国采取措施应对恐怖主义，包括侦查外国恐怖主义战斗人员的动向，并支持对他们的起诉、进行改造和重"
          "返社会"
    )),
    Entry("2025/sp4/1", 2024, "planned", 1, 964, "会员国报告称预防和打击恐怖主义的措施和机制得到改进"),
    Entry("2025/sp4/1", 2025, "planned", 1, 964, "会员国加强跨界合作，包括分享良好做法"),
    # table 16.11 (header line 997)
    Entry("2025/sp4/3", 2021, "actual", 1, 998, "莫桑比克建立了一个反恐怖主义官员库"),
    Entry("2025/sp4/3", 2022, "actual", 1, 998, (
          "莫桑比克成立了打击跨国有组织犯罪中央内阁，并在国家刑事调查局内设立了反恐调查专门小组"
    )),
    Entry("2025/sp4/3", 2023, "actual", 1, 998, (
          "莫桑比克与莫桑比克法律和司法培训中心一道制定了培训和辅导框架"
    )),
    Entry("2025/sp4/3", 2024, "planned", 1, 998, "一个国家支持设立一个反恐起诉股"),
    Entry("2025/sp4/3", 2025, "planned", 1, 998, "一个国家促进并加强国家反恐政策及法律和体制框架"),
    # table 16.15 (header line 1308)
    Entry("2025/sp7/highlight", 2021, "actual", 1, 1309, (
          "与会员国接触以发起自愿试点举措，并使非政府利益攸关方参与《联合国打击跨国有组织犯罪公约》审议机制"
    )),
    Entry("2025/sp7/highlight", 2022, "actual", 1, 1309, (
          "墨西哥和巴基斯坦发起自愿试点举措并建立民间社会联盟"
    )),
    Entry("2025/sp7/highlight", 2023, "actual", 1, 1309, (
          "肯尼亚政府同意发起自愿试点举措，肯尼亚民间社会联盟成立，非政府利益攸关方参与审议进程"
    )),
    # table 16.16 (header line 1358)
    Entry("2025/sp7/3", 2021, "actual", 1, 1359, "与麻醉药品委员会一起举办的第一个虚拟青年论坛"),
    Entry("2025/sp7/3", 2022, "actual", 1, 1359, (
          "在《联合国打击跨国有组织犯罪公约》第十一届缔约方会议期间举办第一次青年协商"
    )),
    Entry("2025/sp7/3", 2023, "actual", 1, 1359, (
          "在《联合国反腐败公约》第二十届缔约国会议上举办“青年变革者”活动"
    )),
    Entry("2025/sp7/3", 2024, "planned", 1, 1359, "青年参与预防犯罪和刑事司法委员会"),
    Entry("2025/sp7/3", 2025, "planned", 1, 1359, (
          "举办区域青年协商会议支持第十五届联合国预防犯罪和刑事司法大会"
    )),
    # table 16.18 (header line 1427)
    Entry("2025/sp8/highlight", 2021, "actual", 1, 1428, DASH),
    Entry("2025/sp8/highlight", 2022, "actual", 1, 1428, (
          "加拉帕戈斯执法机构建立机制，改善机构间协调，打击燃料贩运和海上犯罪"
    )),
    Entry("2025/sp8/highlight", 2023, "actual", 1, 1428, (
          "通过认可加拉帕戈斯海上执法机构间指南，加强燃料供应的行政控制"
    )),
    # table 16.19 (header line 1442)
    Entry("2025/sp8/1", 2021, "actual", 1, 1443, (
          "斐济、巴布亚新几内亚和萨摩亚的共同国别分析与合作框架反映毒品和犯罪问题办公室在可持续发展目标 3、1"
          "6 和 17 下的任务授权"
    )),
    Entry("2025/sp8/1", 2022, "actual", 1, 1443, (
          "改进六个太平洋小岛屿发展中国家的 人口贩运数据收集系统 加强 14 个太平洋小岛屿发展中国家之间的南南"
          "合作"
    )),
    Entry("2025/sp8/1", 2023, "actual", 1, 1443, (
          "太平洋小岛屿发展中国家完成《反腐败公约》第一和第二周期，开始《联合国打击跨国有组织犯罪公约》第一"
          "次审议，并开始实施行动计划(太平洋反腐败路线图，即《泰尼瓦愿景》)"
    )),
    Entry("2025/sp8/1", 2024, "planned", 1, 1443, (
          "太平洋小岛屿发展中国家在跨国组织犯罪威胁方面的证据基础有所增加，并为打击跨国组织犯罪(包括滥用信息"
          "和通信技术助长的犯罪)做好了更充分的准备 14 个太平洋小岛屿发展中国家根据《联合国反腐败公约》促进和"
          "加强预防和打击腐败，并支持实施太平洋路线图，以解决该区域的腐败问题(《泰尼瓦愿景》)"
    )),
    Entry("2025/sp8/1", 2025, "planned", 1, 1443, "《泰尼瓦愿景》成为太平洋岛屿论坛领导人峰会的常设议程项目"),
    # table 16.20 (header line 1474)
    Entry("2025/sp8/3", 2021, "actual", 1, 1475, (
          "九个国家审查/建立机制，将关于海上犯罪的国际条例纳入国内法律"
    )),
    Entry("2025/sp8/3", 2022, "actual", 1, 1475, "加强起诉海上犯罪方面的区域协调"),
    Entry("2025/sp8/3", 2023, "actual", 1, 1475, (
          "九个国家的港口开始进行日常巡逻，并审查港口设施安全计划 马达加斯加捕获的受保护辐射龟 在马普托设立"
          "一个新的港口管制股"
    )),
    Entry("2025/sp8/3", 2024, "planned", 1, 1475, "五个港口符合国际船舶和港口设施规则"),
    Entry("2025/sp8/3", 2025, "planned", 1, 1475, (
          "在接受援助的 9 个国家中，每个国家至少有一个港口符合国际船舶和港口设施规则"
    )),
    # table 16.23 (header line 1695)
    Entry("2025/sp9-2/1", 2021, "actual", 1, 1696, (
          "麻醉药品委员会就非表列化学品举办两次全球协商会议和会外活动"
    )),
    Entry("2025/sp9-2/1", 2022, "actual", 1, 1696, "向会员国提供处理非表列化学品的措施目录"),
    Entry("2025/sp9-2/1", 2023, "actual", 1, 1696, "对 18 种化学品可能接受国际管制进行了评估"),
    Entry("2025/sp9-2/1", 2024, "planned", 1, 1696, (
          "会员国在促进工业界参与防止非表列化学品扩散和防止设备用于非法药物制造方面取得进展"
    )),
    Entry("2025/sp9-2/1", 2025, "planned", 1, 1696, "会员国与通过摸底工作确定的更广泛行业进行接触"),
    Entry("2025/sp9-2/1", 2021, "actual", 2, 1697, (
          "根据 1988 年《联合国禁止非法贩运麻醉药品和精神药物公约》第 13 条制定的“防止和调查非法药物制造所必"
          "需的材料和设备转用的准则”，以联合国所有正式语文提供"
    )),
    Entry("2025/sp9-2/1", 2022, "actual", 2, 1697, (
          "麻管局向国际麻醉品管制局的决策者提供关于第 13 条和设备的指导文件"
    )),
    Entry("2025/sp9-2/1", 2023, "actual", 2, 1697, (
          "通过出口前通知在线光平台，加强会员国通过与业界合作获得的关于非表列化学品的信息交流"
    )),
    Entry("2025/sp9-2/1", 2022, "actual", 3, 1698, (
          "会员国提高对防止设备用于非法药物制造和增加第 13 条实际使用的各种选项和办法的认识"
    )),
    # table 16.24 (header line 1730)
    Entry("2025/sp9-2/3", 2021, "actual", 1, 1731, "建立了区域技术干事网络"),
    Entry("2025/sp9-2/3", 2022, "actual", 1, 1731, (
          "执法和监管干事使用更新的事件通信(新精活物质通信系统)和分析(全球快速截获危险物质情报)工具"
    )),
    Entry("2025/sp9-2/3", 2023, "actual", 1, 1731, (
          "会员国获得与电子商务、快递业、货运代理业和互联网相关服务自愿合作的指导"
    )),
    Entry("2025/sp9-2/3", 2024, "planned", 1, 1731, (
          "25 个会员国与私营部门开展自愿合作，以防止新精神活性物质和非医用合成阿片类药物的贩运和销售"
    )),
    Entry("2025/sp9-2/3", 2025, "planned", 1, 1731, (
          "会员国增加新精神活性物质和非医用合成阿片类药物的缉获数量"
    )),
)
# fmt: on
TABLE_MEASURES = {  # table number -> (measure key, header line): every table of this kind in the text
    "16.2": ("2025/sp1/highlight", 567),
    "16.3": ("2025/sp1/3", 618),
    "16.5": ("2025/sp2/1", 706),
    "16.7": ("2025/sp3/3", 872),
    "16.9": ("2025/sp4/highlight", 946),
    "16.10": ("2025/sp4/1", 963),
    "16.11": ("2025/sp4/3", 997),
    "16.15": ("2025/sp7/highlight", 1308),
    "16.16": ("2025/sp7/3", 1358),
    "16.18": ("2025/sp8/highlight", 1427),
    "16.19": ("2025/sp8/1", 1442),
    "16.20": ("2025/sp8/3", 1474),
    "16.23": ("2025/sp9-2/1", 1695),
    "16.24": ("2025/sp9-2/3", 1730),
}  # fmt: skip


def entries_of(sparql: Sparql, node: Node, measure: str) -> list[dict[str, str]]:
    return sparql(
        """
        SELECT ?m ?e ?year ?status ?row ?line ?text ?dash WHERE {
          ?e a kg:PerformanceMeasureEntry ; kg:measure ?m ; kg:year ?year ; kg:status ?status ; kg:row ?row .
          OPTIONAL { ?e kg:sourceLine ?line }
          OPTIONAL { ?e kg:text ?text }
          OPTIONAL { ?e kg:dash ?dash }
        }""",
        m=node("measure", measure),
    )


def test_the_entries_cover_every_table_measure() -> None:
    assert sorted({e.measure for e in ENTRIES}) == sorted(m for m, _ in TABLE_MEASURES.values())
    tables = [r.measured_by.split()[1] for r in RESULTS if r.measured_by.startswith("table")]
    assert sorted(TABLE_MEASURES) == sorted(tables)
    assert len(ENTRIES) == 69


@pytest.mark.parametrize(
    ("table", "measure", "header"),
    [(t, m, h) for t, (m, h) in TABLE_MEASURES.items()],
    ids=[f"{t}-{m}@L{h}" for t, (m, h) in TABLE_MEASURES.items()],
)
def test_table_measure_has_exactly_the_printed_cells(
    sparql: Sparql, node: Node, key_of: KeyOf, table: str, measure: str, header: int
) -> None:
    rows = entries_of(sparql, node, measure)
    got = sorted((int(r["year"]), key_of(r["status"], "status"), int(r["row"])) for r in rows)
    want = sorted((e.year, e.status, e.row) for e in ENTRIES if e.measure == measure)
    assert got == want
    for r in rows:  # entry keys: {measure}/{year}-{status}-{row}
        assert key_of(r["e"], "measure-entry") == (f"{measure}/{r['year']}-{key_of(r['status'], 'status')}-{r['row']}")


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.measure}/{e.year}-{e.status}-{e.row}@L{e.line}" for e in ENTRIES])
def test_measure_entry(sparql: Sparql, node: Node, entry: Entry) -> None:
    key = f"{entry.measure}/{entry.year}-{entry.status}-{entry.row}"
    rows = [r for r in entries_of(sparql, node, entry.measure) if r["e"] == node("measure-entry", key).value]
    assert len(rows) == 1, key
    row = rows[0]
    assert row.get("line") == str(entry.line)
    if entry.text is DASH:
        assert row.get("dash") == "true"
        assert "text" not in row
    else:
        assert row.get("text") == entry.text
        assert row.get("dash") in (None, "false")


# ---------------------------------------------------------------------------------------- lessons learned


class Lesson(NamedTuple):
    scope: str
    paragraph: str
    line: int
    starts: str


# fmt: off
LESSONS = (
    Lesson("2025/sp1", "16.24", 611,
           "本次级方案的经验教训是，需要针对具体国家的可定制国家枪支的记录保存系统"),
    Lesson("2025/sp2", "16.37", 733,
           "本次级方案的经验教训是，如果将伙伴关系纳入国家卫生、药物管制和发展系统"),
    Lesson("2025/sp3", "16.50", 864, "本次级方案的经验教训是，需要满足对咨询服务和技术援助的强烈需求"),
    Lesson("2025/sp4", "16.63", 989, "本次级方案的经验教训是，实现可持续结构变革需要努力确保国家所有权。"),
    Lesson("2025/sp5", "16.77", 1118, "本次级方案的经验教训是，通过单一全球方案采取统一方法"),
    Lesson("2025/sp6", "16.90", 1233, "本次级方案的经验教训是，鼓励实验室持续参与此类能力测试。"),
    Lesson("2025/sp7", "16.103", 1351,
           "本次级方案的经验教训是，象征性参与阻碍青年有意义的参与和青年的机会。"),
    Lesson("2025/sp8", "16.116", 1467, "本次级方案的经验教训是，需要加强港口安全和海上安全管理系统"),
    Lesson("2025/sp9-1", "16.129", 1580,
           "本次级方案的经验教训是，有效履行关于预防犯罪和刑事司法的国际政策承诺"),
    Lesson("2025/sp9-2", "16.142", 1723, "本构成部分的经验教训是，认识到业务对策的重要性"),
)
# fmt: on


@pytest.mark.parametrize("lesson", LESSONS, ids=[f"{x.scope}-{x.paragraph}@L{x.line}" for x in LESSONS])
def test_lesson_learned(sparql: Sparql, node: Node, key_of: KeyOf, lesson: Lesson) -> None:
    rows = sparql(
        """
        SELECT ?l ?scope ?line ?text ?para WHERE {
          ?l a kg:LessonLearned ; kg:scope ?scope ; kg:sourceLine ?line ; kg:text ?text .
          OPTIONAL { ?l prov:wasDerivedFrom ?para }
        }""",
        l=node("lesson", f"{lesson.scope}/3"),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert key_of(row["scope"], "scope") == lesson.scope
    assert row["line"] == str(lesson.line)
    assert row["text"].startswith(lesson.starts)
    assert "将吸取经验教训" in row["text"]  # the planned change, in the same paragraph
    assert key_of(row["para"], "paragraph") == f"a-79-6-sect16/{lesson.paragraph}"


def test_ten_lessons_in_all(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?l WHERE { ?l a kg:LessonLearned }")
    assert sorted(key_of(r["l"], "lesson") for r in rows) == sorted(f"{les.scope}/3" for les in LESSONS)
