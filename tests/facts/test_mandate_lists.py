"""The legislative mandate lists of paragraph 16.9, as read off the source, against the graph.

Every fact here was read by eye from data/sources/A-79-6-Sect16.zh.txt (lines 82-479), with
data/corrections.toml applied; the line is in the parameter id (`@L123`) or a comment. The 35 lists
and their instruments are in listed.py; this module adds sample listings (every tricky layout:
wrapped and shared titles, footnote markers, decisions, old symbols, bare Security Council symbols,
treaties, CND declarations, corrected lines) and checks the graph through SPARQL.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import pytest
from listed import BY_KEY, LISTS, KeyOf, MandateList, Node, Sparql

LIST_IDS = [f"{m.key}@L{m.line}" for m in LISTS]


def listings_of(sparql: Sparql, node: Node, list_key: str) -> list[dict[str, str]]:
    return sparql(
        """
        SELECT ?list ?l ?inst ?line ?pos ?sym ?title ?col ?fn ?other WHERE {
          ?l a kg:MandateListing ; kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line .
          OPTIONAL { ?l kg:entryPosition ?pos }
          OPTIONAL { ?l kg:listedSymbol ?sym }
          OPTIONAL { ?l kg:listedTitle ?title }
          OPTIONAL { ?l kg:column ?col }
          OPTIONAL { ?l kg:hasFootnote ?fn }
          OPTIONAL { ?l kg:sharesEntryWith ?other }
        }""",
        list=node("mandate-list", list_key),
    )


# ---------------------------------------------------------------------------------------- the lists


def test_there_are_exactly_the_35_lists_of_the_source(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?list WHERE { ?list a kg:LegislativeMandateList }")
    found = sorted(key_of(r["list"], "mandate-list") for r in rows)
    assert len(LISTS) == 35
    assert found == sorted(BY_KEY)


def test_subprogramme_7_has_no_list(sparql: Sparql, node: Node) -> None:
    # lines 398-432: subprogramme 6's lists are followed directly by subprogramme 8's (line 432)
    rows = sparql("SELECT ?scope ?list WHERE { ?list kg:scope ?scope }", scope=node("scope", "2025/sp7"))
    assert [r for r in rows if "mandate-list" in r["list"]] == []


@pytest.mark.parametrize("expected", LISTS, ids=LIST_IDS)
def test_list_heading_scope_and_organ(sparql: Sparql, node: Node, key_of: KeyOf, expected: MandateList) -> None:
    rows = sparql(
        """
        SELECT ?list ?scope ?heading ?organ ?line ?kind ?para WHERE {
          ?list a kg:LegislativeMandateList ; kg:scope ?scope ; kg:heading ?heading .
          OPTIONAL { ?list kg:organ ?organ }
          OPTIONAL { ?list kg:sourceLine ?line }
          OPTIONAL { ?list kg:listKind ?kind }
          OPTIONAL { ?list prov:wasDerivedFrom ?para }
        }""",
        list=node("mandate-list", expected.key),
    )
    assert len(rows) == 1, rows
    row = rows[0]
    assert key_of(row["scope"], "scope") == expected.scope
    assert row["heading"] == expected.heading
    assert row.get("line") == str(expected.line)
    if expected.organ is None:
        assert "organ" not in row
    else:
        assert key_of(row["organ"], "organ") == expected.organ
    heading = expected.heading
    kind = (
        "treaties"
        if heading == "公约和议定书"
        else "declarations-and-statements"
        if heading.endswith("声明和宣言")
        else "resolutions-and-decisions"
        if heading.endswith("决议和决定")
        else "decisions"
        if heading.endswith("决定")
        else "resolutions"
    )
    assert row.get("kind") == kind
    assert key_of(row["para"], "paragraph") == "a-79-6-sect16/16.9"  # line 84


def test_lists_are_ordered_as_printed_within_each_scope(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?list ?order WHERE { ?list a kg:LegislativeMandateList ; kg:listOrder ?order }")
    by_scope: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in rows:
        key = key_of(r["list"], "mandate-list")
        by_scope[BY_KEY[key].scope].append((int(r["order"]), key))
    for scope, lists in by_scope.items():
        in_graph = [k for _, k in sorted(lists)]
        printed = [m.key for m in sorted((m for m in LISTS if m.scope == scope), key=lambda m: m.line)]
        assert in_graph == printed, scope


@pytest.mark.parametrize("expected", LISTS, ids=LIST_IDS)
def test_list_counts_and_instruments(sparql: Sparql, node: Node, key_of: KeyOf, expected: MandateList) -> None:
    rows = listings_of(sparql, node, expected.key)
    listings = {r["l"] for r in rows}
    instruments = {key_of(r["inst"], "instrument") for r in rows}
    # entries: listings joined by kg:sharesEntryWith ("73/164; 74/164" is one entry)
    parent = {li: li for li in listings}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for r in rows:
        if "other" in r:
            assert r["other"] in parent, f"{r['l']} shares an entry with a listing of another list"
            parent[find(r["l"])] = find(r["other"])
    entries = {find(li) for li in listings}
    assert len(listings) == expected.listings
    assert len(entries) == expected.entries
    assert len(instruments) == len(set(expected.instruments))
    assert instruments == set(expected.instruments)


@pytest.mark.parametrize("expected", LISTS, ids=LIST_IDS)
def test_listed_instruments_have_the_right_class_and_organ(
    sparql: Sparql, node: Node, key_of: KeyOf, expected: MandateList
) -> None:
    rows = sparql(
        """
        SELECT ?list ?inst ?class ?organ WHERE {
          ?l kg:inList ?list ; kg:instrument ?inst .
          ?inst a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)) && ?class != kg:LegalInstrument)
          FILTER NOT EXISTS { GRAPH graph:inferred { ?inst a ?class } }  # the class as stated, not by organ
          OPTIONAL { ?inst kg:adoptedBy ?organ }
        }""",
        list=node("mandate-list", expected.key),
    )
    classes: dict[str, set[str]] = defaultdict(set)
    organs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        key = key_of(r["inst"], "instrument")
        classes[key].add(r["class"].rsplit("/", 1)[-1])
        if "organ" in r:
            organs[key].add(key_of(r["organ"], "organ"))
    for key in expected.instruments:
        if key.startswith("treaty/"):
            # lines 93-95 and 327 print "议定书" (protocol) as the instrument itself
            want = "Protocol" if key.endswith("-protocol") or key == "treaty/fixed-platforms-1988" else "Convention"
        elif key == "cnd/joint-ministerial-statement-2014":  # line 261: 部长级联合声明
            want = "Statement"
        elif key.startswith("cnd/") and "declaration" in key:  # lines 257, 259: 宣言
            want = "Declaration"
        elif "/dec-" in key:  # printed 第 … 号决定
            want = "Decision"
        else:
            want = "Resolution"
        assert classes[key] == {want}, key
        assert organs[key] == (set() if expected.organ is None else {expected.organ}), key


# ---------------------------------------------------------------------------------------- listings


class Listing(NamedTuple):
    list: str
    instrument: str
    symbol: str | None  # as printed; None: not checked (treaties and declarations have none)
    title: str | None  # the title printed beside it (shared by the symbols of one entry)
    line: int
    column: int | None  # 1 left, 2 right; None where the layout does not say
    footnote: str | None = None  # key of the annex footnote the listing carries (ANNEX_5: see FOOTNOTES)


ANNEX_5 = "see test_annex_footnote"
T_63_2 = (  # CND 63/2: starts in the right column on line 177, continues in the second cell of line 179
    "改进联合国毒品和犯罪问题办公室治理和财务状况：延长改进联合国毒品和犯罪问题办公室治理和财务状况"
    "不限成员名额常设政府间工作组的任务授权"
)
T_62_6 = (  # CND 62/6 of subprogramme 2: left column on line 253, continues in the right cell of line 246
    "促进采取措施，防止艾滋病毒由于吸毒原因在妇女和暴露于与吸毒有关的风险因素的妇女中的传播，"
    "包括改善获得接触后预防措施的机会"
)
T_75_194 = (  # GA 75/194; 77/235: line 275, continued in the third cell of line 274
    "根据《联合国反腐败公约》防止和打击腐败行径及转移腐败所得行为，协助追回资产，"
    "并将此类资产退回合法所有者，特别是退回来源国"
)
T_73_164 = "打击基于宗教或信仰原因而针对他人实施的不容忍、丑化、污蔑、歧视、暴力煽动和暴力侵害行为"
T_74_176 = "改进打击贩运人口工作的协调"
T_72_284 = "联合国全球反恐战略及其审查"
T_MARRAKECH = "《马拉喀什预防腐败宣言》的后续行动"

# fmt: off
LISTINGS: tuple[Listing, ...] = (
    # ---- programme: treaties (lines 86-96)
    Listing("2025/programme/treaties", "treaty/single-convention-1961", None, line=88, column=None, title=
            "经《1972年议定书》修正的《1961年麻醉品单一公约》"),
    Listing("2025/programme/treaties", "treaty/untoc", None, line=91, column=None, title=
            "《联合国打击跨国有组织犯罪公约》及其议定书"),
    Listing("2025/programme/treaties", "treaty/untoc-smuggling-of-migrants-protocol", None,
            line=94, column=None, title=
            "《联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书》"),
    Listing("2025/programme/treaties", "treaty/uncac", None, "《联合国反腐败公约》", 96, None),
    # ---- programme: General Assembly
    Listing("2025/programme/ga", "ga/s-20-2", "S-20/2", "政治宣言", 100, 1),
    Listing("2025/programme/ga", "ga/73-164", "73/164", T_73_164, 100, 2),
    Listing("2025/programme/ga", "ga/74-164", "74/164", T_73_164, 100, 2),
    Listing("2025/programme/ga", "ga/70-177", "70/177", line=116, column=1, title=
            "为执行有关打击恐怖主义的国际公约和议定书提供技术援助"),
    Listing("2025/programme/ga", "ga/72-194", "72/194", line=116, column=1, title=
            "为执行有关打击恐怖主义的国际公约和议定书提供技术援助"),
    Listing("2025/programme/ga", "ga/78-1", "78/1", "大会主持召开的可持续发展高级别政治论坛政治宣言", 123, 2),
    # line 125 lost its tab: "78/223 第十四届…" is still an entry of the list
    Listing("2025/programme/ga", "ga/78-223", "78/223", line=125, column=None, title=
            "第十四届联合国预防犯罪和刑事司法大会的后续行动和第十五届联合国预防犯罪和刑事司法大会的筹备工作"),
    # ---- programme: ECOSOC
    Listing("2025/programme/ecosoc", "ecosoc/1946-9-i", "1946/9 (I)", "麻醉药品委员会", 129, 1),
    Listing("2025/programme/ecosoc", "ecosoc/2006-23", "2006/23", "加强司法行为基本原则", 138, 1),
    Listing("2025/programme/ecosoc", "ecosoc/2007-22", "2007/22", "加强司法行为基本原则", 138, 1),
    Listing("2025/programme/ecosoc", "ecosoc/dec-2011-259", "第 2011/259 号决定", line=138, column=2, title=
            "麻醉药品委员会和预防犯罪和刑事司法委员会重新召开会议期间的联席会议"),
    Listing("2025/programme/ecosoc", "ecosoc/dec-2022-317", "第 2022/317 号决定", line=140, column=2, title=
            "预防犯罪和刑事司法委员会今后各届会议专题讨论的安排"),
    # ---- programme: Security Council (bare symbols, one per line)
    Listing("2025/programme/sc", "sc/2370-2017", "2370 (2017)", None, 145, None),
    Listing("2025/programme/sc", "sc/2482-2019", "2482 (2019)", None, 147, None),
    Listing("2025/programme/sc", "sc/2462-2019", "2462 (2019)", None, 149, None),
    # ---- programme: CCPCJ
    Listing("2025/programme/ccpcj", "ccpcj/27-5", "27/5", "开展国际合作打击贩运文化财产", 155, 1),
    Listing("2025/programme/ccpcj", "ccpcj/30-3", "30/3", line=153, column=2, title=(
            "改进联合国毒品和犯罪问题办公室的治理和财务状况：延长改进联合国毒品和犯罪问题办公室治理和财务状"
            "况不限成员名额常设政府间工作组的任务授权"
            )),
    # ---- programme: CND
    Listing("2025/programme/cnd", "cnd/58-10", "58/10", line=159, column=2, title=
            "促进麻醉药品和精神药物合法国际贸易进出口许可国际电子系统的使用"),
    # 60/9 printed twice with two titles (lines 167, 168): two listings of one instrument
    Listing("2025/programme/cnd", "cnd/60-9", "60/9", line=167, column=2, title=
            "通过培训加强执法、边境管制和其他有关机构打击非法贩毒的能力"),
    Listing("2025/programme/cnd", "cnd/60-9", "60/9", line=168, column=2, title=
            "促进施行麻醉药品和精神药物合法贸易国际进出口许可电子系统"),
    Listing("2025/programme/cnd", "cnd/62-3", "62/3", line=173, column=2, title=(
            "通过国家行动、区域行动和国际行动推进有效的创新办法，处理合成药物特别是合成类阿片的非医疗使用构"
            "成的多方面挑战"
            )),
    Listing("2025/programme/cnd", "cnd/63-2", "63/2", T_63_2, 177, 2),
    Listing("2025/programme/cnd", "cnd/65-3", "65/3", line=179, column=2, title=
            "加紧努力，解决经常用于非法制造药物的非附表所列化学品转用和特制前体扩散问题"),
    Listing("2025/programme/cnd", "cnd/65-2", "65/2", line=180, column=1, title=
            "加强国际合作，处理非法药物贩运与非法枪支贩运之间的联系"),
    # ---- sp1
    Listing("2025/sp1/ga", "ga/73-189", "73/189", line=190, column=1, title=(
            "加强和促进关于器官捐献和移植的有效措施和国际合作，防止和打击为摘除器官贩运人口行为和贩运人体器"
            "官行为"
            )),
    Listing("2025/sp1/ga", "ga/74-176", "74/176", T_74_176, 192, 1),
    Listing("2025/sp1/ga", "ga/76-186", "76/186", T_74_176, 192, 1),
    Listing("2025/sp1/ga", "ga/78-228", "78/228", T_74_176, 192, 1),
    Listing("2025/sp1/ga", "ga/76-266", "76/266", "国际移民问题审查论坛进展宣言", 195, 2),
    # printed "2117 (2013);"
    Listing("2025/sp1/sc", "sc/2117-2013", "2117 (2013)", None, 199, 1),
    Listing("2025/sp1/sc", "sc/2616-2021", "2616 (2021)", None, 201, 2),
    Listing("2025/sp1/ccpcj", "ccpcj/20-4", "20/4", "促进开展进一步合作，打击跨国有组织犯罪", 205, 1),
    Listing("2025/sp1/ccpcj", "ccpcj/32-1", "32/1", line=209, column=2, title=
            "采取行动打击商业活动、公共采购以及货物和服务供应链中的人口贩运"),
    Listing("2025/sp1/cop-untoc", "cop-untoc/9-3", "9/3", line=214, column=1, title=
            "《联合国打击跨国有组织犯罪公约》国际合作条款的执行情况"),
    Listing("2025/sp1/cop-untoc", "cop-untoc/11-1", "11/1", line=214, column=1, title=
            "《联合国打击跨国有组织犯罪公约》国际合作条款的执行情况"),
    Listing("2025/sp1/cop-untoc", "cop-untoc/10-2", "10/2", line=221, column=1, title=
            "加强国际合作打击非法制造和贩运枪支及其零部件和弹药"),
    Listing("2025/sp1/cop-untoc", "cop-untoc/10-4", "10/4", line=216, column=2, title=
            "庆祝《联合国打击跨国有组织犯罪公约》通过二十周年并促进其有效实施"),
    # ---- sp2 (line 232 corrected: two entries in the right cell)
    Listing("2025/sp2/ga", "ga/s-30-1", "S-30/1", "我们对有效处理和应对世界毒品问题的共同承诺", 232, 1),
    Listing("2025/sp2/ga", "ga/73-144", "73/144", "国际家庭年二十周年及其后的后续行动", 232, 2),
    Listing("2025/sp2/ga", "ga/74-124", "74/124", "国际家庭年二十周年及其后的后续行动", 232, 2),
    Listing("2025/sp2/ga", "ga/74-20", "74/20", "全球卫生与外交政策：以包容性方式加强卫生系统", 232, 2),
    Listing("2025/sp2/ga", "ga/77-238", "77/238", "通过全面、综合、平衡的办法处理和应对世界毒品问题", 235, 2),
    Listing("2025/sp2/ecosoc", "ecosoc/2013-11", "2013/11", line=240, column=2, title=
            "联合国艾滋病毒/艾滋病联合规划署(艾滋病署)"),
    Listing("2025/sp2/ecosoc", "ecosoc/dec-2009-250", "第 2009/250 号决定", line=241, column=2, title=
            "对经 1972 年议定书修正的《1961 年麻醉品单一公约》的修正提案"),
    Listing("2025/sp2/cnd", "cnd/49-4", "49/4", line=246, column=1, title=
            "应对艾滋病毒/艾滋病和其他血源性疾病在吸毒者中的流行"),
    Listing("2025/sp2/cnd", "cnd/62-6", "62/6", T_62_6, 253, 1),
    # line 252 corrected: "65/4 66/4" with two titles
    Listing("2025/sp2/cnd", "cnd/65-4", "65/4", "促进基于科学证据的综合性早期预防", 252, 2),
    Listing("2025/sp2/cnd", "cnd/66-4", "66/4", line=252, column=2, title=
            "促进替代发展并将其作为一种可持续和包容性的以发展为导向的药物管制战略"),
    Listing("2025/sp2/cnd-declarations", "cnd/ministerial-declaration-2019", None,
            line=257, column=None, title=(
            "《关于在国家、区域和国际各级加大行动力度以加快履行我们对处理和应对世界毒品问题的共同承诺的部长"
            "级宣言》"
            )),
    Listing("2025/sp2/cnd-declarations", "cnd/political-declaration-2009", None, line=259, column=None, title=
            "关于开展国际合作以综合、平衡战略应对世界毒品问题的政治宣言和行动计划"),
    Listing("2025/sp2/cnd-declarations", "cnd/joint-ministerial-statement-2014", None,
            line=261, column=None, title=(
            "《麻醉药品委员会 2014 年会员国落实〈关于开展国际合作以综合、平衡战略应对世界毒品问题的政治宣言"
            "和行动计划〉情况高级别审议部长级联合声明》"
            )),
    Listing("2025/sp2/ccpcj", "ccpcj/26-2", "26/2", "确保在监狱能够利用预防艾滋病毒母婴传播的措施", 265, 1),
    # ---- sp3
    Listing("2025/sp3/ga", "ga/s-32-1", "S-32/1", line=274, column=1, title=
            "我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作"),
    Listing("2025/sp3/ga", "ga/75-194", "75/194", T_75_194, 275, 1),
    Listing("2025/sp3/ga", "ga/77-235", "77/235", T_75_194, 275, 1),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/1-1", "1/1", "审查执行情况", 279, 1),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/7-1", "7/1", "加强司法协助，促进国际合作和资产追回", 295, 1),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/9-7", "9/7", line=297, column=2, title=
            "加强使用实益所有权信息，以便利查明、追回和返还犯罪所得"),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/10-2", "10/2", line=300, column=2, title=
            "加强《联合国反腐败公约》在小岛屿发展中国家的实施"),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/8-8", "8/8", T_MARRAKECH, 308, 1),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/10-3", "10/3", T_MARRAKECH, 308, 1),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/dec-7-1", "第 7/1 号决定", line=310, column=2, title=
            "缔约国会议设立的附属机构的工作"),
    Listing("2025/sp3/cosp-uncac", "cosp-uncac/dec-10-2", "第 10/2 号决定", line=312, column=2, title=
            "进一步延长《联合国反腐败公约》实施情况审议机制第二周期"),
    # ---- sp4
    Listing("2025/sp4/treaties", "treaty/aircraft-offences-1963", None, line=320, column=None, title=
            "经 2014 年议定书修正的 1963 年《关于在航空器内的犯罪和犯有某些其他行为的公约》"),
    Listing("2025/sp4/treaties", "treaty/fixed-platforms-1988", None, line=327, column=None, title=
            "经 2005 年议定书修订的 1988 年《制止危及大陆架固定平台安全非法行为议定书》"),
    Listing("2025/sp4/treaties", "treaty/civil-aviation-2010", None, line=332, column=None, title=
            "2010 年《制止与国际民用航空有关的非法行为的公约》"),
    # line 336 corrected: the right cell holds two entries
    Listing("2025/sp4/ga", "ga/58-136", "58/136", line=336, column=1, title=(
            "在联合国毒品和犯罪问题办事处活动框架内加强国际合作和技术援助以促进各项有关恐怖主义的国际公约和"
            "议定书的执行"
            )),
    Listing("2025/sp4/ga", "ga/72-284", "72/284", T_72_284, 336, 2),
    Listing("2025/sp4/ga", "ga/77-298", "77/298", T_72_284, 336, 2),
    Listing("2025/sp4/ga", "ga/77-113", "77/113", "消除国际恐怖主义的措施", 336, 2),
    Listing("2025/sp4/ga", "ga/78-115", "78/115", "消除国际恐怖主义的措施", 336, 2),
    Listing("2025/sp4/ga", "ga/70-148", "70/148", "在反恐时保护人权和基本自由", 337, 1),
    Listing("2025/sp4/sc", "sc/1267-1999", "1267 (1999)", None, 341, 1),
    Listing("2025/sp4/sc", "sc/2610-2021", "2610 (2021)", None, 343, 2),
    # ---- sp5
    Listing("2025/sp5/ga", "ga/34-169", "34/169", "执法人员行为守则", 349, 1),
    Listing("2025/sp5/ga", "ga/70-175", "70/175", line=355, column=2, title=
            "联合国囚犯待遇最低限度标准规则(纳尔逊·曼德拉规则)"),
    Listing("2025/sp5/ga", "ga/78-224", "78/224", "通过改造和重新融入社会减少再次犯罪", 362, 2),
    Listing("2025/sp5/ecosoc", "ecosoc/1989-64", "1989/64", "保护死刑犯权利的保障措施的执行情况", 370, 2),
    # the annex footnotes: the marker follows the symbol it belongs to ("1997/30; ¹ 1999/28")
    Listing("2025/sp5/ecosoc", "ecosoc/1997-30", "1997/30", "少年司法", 373, 2, "a-79-6-sect16/1"),
    Listing("2025/sp5/ecosoc", "ecosoc/1999-28", "1999/28", "少年司法", 373, 2),
    Listing("2025/sp5/ecosoc", "ecosoc/1998-21", "1998/21",
            line=379, column=1, footnote="a-79-6-sect16/2", title=
            "联合国预防犯罪和刑事司法标准和规范"),
    Listing("2025/sp5/ecosoc", "ecosoc/2004-28", "2004/28", "联合国预防犯罪和刑事司法标准和规范", 379, 1),
    Listing("2025/sp5/ecosoc", "ecosoc/1998-23", "1998/23",
            line=381, column=1, footnote="a-79-6-sect16/3", title=
            "开展国际合作, 以求减少监狱人满为患和促进替代性刑罚"),
    Listing("2025/sp5/ecosoc", "ecosoc/1999-27", "1999/27", "刑法改革", 385, 1, "a-79-6-sect16/4"),
    # "2002/13; 2005/22 ⁵": see FOOTNOTES below for which carries ⁵
    Listing("2025/sp5/ecosoc", "ecosoc/2002-13", "2002/13", "采取行动促进有效预防犯罪", 387, 1, ANNEX_5),
    Listing("2025/sp5/ecosoc", "ecosoc/2005-22", "2005/22", "采取行动促进有效预防犯罪", 387, 1, ANNEX_5),
    Listing("2025/sp5/ecosoc", "ecosoc/dec-2005-247", "第 2005/247 号决定", line=391, column=2, title=
            "秘书长关于死刑和保护死刑犯权利的保障措施的报告"),
    Listing("2025/sp5/ccpcj", "ccpcj/17-2", "17/2", "通过提高检察机关的廉正及能力加强法治", 394, 1),
    Listing("2025/sp5/ccpcj", "ccpcj/28-1", "28/1", "加强社会所有成员参与预防犯罪", 396, 2),
    # ---- sp6
    Listing("2025/sp6/ga", "ga/834-ix", "834(IX)", "联合国麻醉品实验室", 402, 1),
    Listing("2025/sp6/ga", "ga/1395-xiv", "1395(XIV)", "麻醉品管制的技术援助", 402, 2),
    # line 415 corrected: lost its tabs
    Listing("2025/sp6/ecosoc", "ecosoc/1988-13", "1988/13", "加强国际管制麻醉品的合作与协调", 415, 1),
    Listing("2025/sp6/ecosoc", "ecosoc/2015-24", "2015/24", line=415, column=2, title=
            "为制定政策改进犯罪和刑事司法统计数据的质量和提供率"),
    # no tab: "19/5 法证…"
    Listing("2025/sp6/ccpcj", "ccpcj/19-5", "19/5", "法证领域的国际合作", 419, None),
    Listing("2025/sp6/cnd", "cnd/42-3", "42/3", "监测和核查非法种植", 423, 1),
    Listing("2025/sp6/cnd", "cnd/dec-63-15", "第 63/15 号决定", "改进和简化年度报告调查表", 428, 2),
    # ---- sp8
    Listing("2025/sp8/ga", "ga/76-220", "76/220", "联合国系统发展方面的业务活动", 438, 1),
    Listing("2025/sp8/ga", "ga/77-237", "77/237", line=439, column=2, title=
            "加强联合国预防犯罪和刑事司法方案，特别是其技术合作能力"),
    # no tab
    Listing("2025/sp8/cnd", "cnd/54-7", "54/7", "《巴黎公约》举措", 443, None),
    # ---- sp9-1
    Listing("2025/sp9-1/ga", "ga/415-v", "415(V)", "国际刑罚感化委员会职权之移交", 451, 1),
    Listing("2025/sp9-1/ga", "ga/72-305", "72/305", line=451, column=2, title=
            "审查大会关于加强经济及社会理事会的第 68/1 号决议的执行情况"),
    Listing("2025/sp9-1/ecosoc", "ecosoc/1992-22", "1992/22", line=456, column=None, title=
            "执行大会关于预防犯罪和刑事司法领域的业务活动和协调的第 46/152 号决议的执行情况"),
    Listing("2025/sp9-1/cnd", "cnd/dec-60-1", "第 60/1 号决定", "加强麻醉药品委员会各附属机构", 460, None),
    # ---- sp9-2
    Listing("2025/sp9-2/sc", "sc/1817-2008", "1817 (2008)", None, 467, None),
    Listing("2025/sp9-2/ecosoc", "ecosoc/1966-1106-xl", "1966/1106(XL)", line=471, column=1, title=
            "一九六一年麻醉品单一公约之实施"),
    Listing("2025/sp9-2/ecosoc", "ecosoc/1967-1196-xlii", "1967/1196(XLII)", line=472, column=1, title=
            "保证国际麻醉品管制局在技术上充分独立之行政办法"),
    Listing("2025/sp9-2/ecosoc", "ecosoc/1991-48", "1991/48", line=472, column=1, title=
            "保证国际麻醉品管制局在技术上充分独立之行政办法"),
    Listing("2025/sp9-2/ecosoc", "ecosoc/1973-1775-liv", "1973/1775(LIV)", line=473, column=1, title=
            "保证国际麻醉品管制局在技术上充分独立的行政办法的继续实施"),
    Listing("2025/sp9-2/cnd", "cnd/50-5", "50/5", "查明用于非法制造毒品的前体的来源", 478, 1),
    Listing("2025/sp9-2/cnd", "cnd/62-8", "62/8", line=479, column=2, title=
            "支持国际麻醉品管制局在与会员国合作并与麻醉药品委员会和世界卫生组织协作下履行条约规定的职能"),
)
# fmt: on


def test_every_list_has_samples() -> None:
    sampled = {s.list for s in LISTINGS}
    assert sampled == set(BY_KEY)
    for m in LISTS:
        assert sum(1 for s in LISTINGS if s.list == m.key) >= min(2, m.entries), m.key


@pytest.mark.parametrize("expected", LISTINGS, ids=[f"{s.list}:{s.instrument}@L{s.line}" for s in LISTINGS])
def test_listing(sparql: Sparql, node: Node, key_of: KeyOf, expected: Listing) -> None:
    rows = [
        r
        for r in listings_of(sparql, node, expected.list)
        if key_of(r["inst"], "instrument") == expected.instrument and r["line"] == str(expected.line)
    ]
    assert rows, f"no listing of {expected.instrument} on line {expected.line} in {expected.list}"
    assert len({r["l"] for r in rows}) == 1
    row = rows[0]
    if expected.symbol is not None:
        assert row.get("sym") == expected.symbol
    if expected.title is None:
        assert "title" not in row
    else:
        assert row.get("title") == expected.title
    if expected.column is not None:
        assert row.get("col") == str(expected.column)
    footnotes = {key_of(r["fn"], "footnote") for r in rows if "fn" in r}
    if expected.footnote != ANNEX_5:  # checked by test_annex_footnote
        assert footnotes == ({expected.footnote} if expected.footnote else set())


# ---------------------------------------------------------------------------------------- shared entries

SHARED = (
    ("2025/programme/ga", "ga/73-164 ga/74-164", 100),
    ("2025/programme/ga", "ga/49-168 ga/52-92", 108),
    ("2025/programme/cnd", "cnd/62-3 cnd/63-5", 173),
    ("2025/sp1/ga", "ga/74-176 ga/76-186 ga/78-228", 192),
    ("2025/sp1/cop-untoc", "cop-untoc/10-3 cop-untoc/11-5", 222),
    ("2025/sp2/ga", "ga/73-144 ga/74-124", 232),  # not with 74/20, printed in the same cell (corrected)
    ("2025/sp3/ga", "ga/75-194 ga/77-235", 275),
    ("2025/sp3/cosp-uncac", "cosp-uncac/8-8 cosp-uncac/9-6 cosp-uncac/10-3", 308),
    ("2025/sp4/ga", "ga/72-284 ga/75-291 ga/77-298", 336),  # not with 77/113; 78/115 (corrected)
    ("2025/sp4/ga", "ga/77-113 ga/78-115", 336),
    ("2025/sp5/ga", "ga/76-182 ga/77-232 ga/78-224", 362),
    ("2025/sp5/ecosoc", "ecosoc/1997-30 ecosoc/1999-28", 373),
    ("2025/sp5/ecosoc", "ecosoc/2002-13 ecosoc/2005-22", 387),
    ("2025/sp6/ecosoc", "ecosoc/2013-37 ecosoc/2015-24", 415),
    ("2025/sp9-2/ecosoc", "ecosoc/1967-1196-xlii ecosoc/1991-48", 472),
)


@pytest.mark.parametrize(("list_key", "group", "line"), SHARED, ids=[f"{s[0]}:{s[1]}@L{s[2]}" for s in SHARED])
def test_symbols_of_one_entry_share_it(
    sparql: Sparql, node: Node, key_of: KeyOf, list_key: str, group: str, line: int
) -> None:
    members = set(group.split())
    rows = [r for r in listings_of(sparql, node, list_key) if r["line"] == str(line)]
    by_listing: dict[str, set[str]] = defaultdict(set)
    inst_of: dict[str, str] = {}
    pos_of: dict[str, str | None] = {}
    for r in rows:
        inst_of[r["l"]] = key_of(r["inst"], "instrument")
        pos_of[r["l"]] = r.get("pos")
        if "other" in r:
            by_listing[r["l"]].add(r["other"])
    group_listings = {li for li, inst in inst_of.items() if inst in members}
    assert {inst_of[li] for li in group_listings} == members
    for li in group_listings:
        assert by_listing[li] == group_listings - {li}, inst_of[li]
    assert len({pos_of[li] for li in group_listings}) == 1  # one entry, one position in the list


def test_single_symbol_entries_share_nothing(sparql: Sparql, node: Node) -> None:
    # e.g. 74/20 (line 232) and 60/9 (lines 167, 168) are entries of their own
    for list_key, line in (("2025/sp2/ga", 232), ("2025/programme/cnd", 167), ("2025/programme/cnd", 168)):
        rows = [r for r in listings_of(sparql, node, list_key) if r["line"] == str(line)]
        lone = [r for r in rows if r["sym"] in ("74/20", "60/9")]
        assert lone and all("other" not in r for r in lone), (list_key, line)


# ---------------------------------------------------------------------------------------- footnotes


class Annex(NamedTuple):
    footnote: str
    marker: str
    line: int  # the line of the footnote's text
    text: str
    carriers: str  # the listings (instrument keys, line `listing_line` of 2025/sp5/ecosoc) that carry it
    listing_line: int
    may_also: str = ""  # a listing that may carry it too (the marker's place is ambiguous)


# fmt: off
FOOTNOTES = (
    # "1997/30; ¹ 1999/28" (line 373): the marker follows 1997/30
    Annex("a-79-6-sect16/1", "¹", 375, "特别是题为“刑事司法系统中儿童问题行动指南”的附件。",
          "ecosoc/1997-30", 373),
    # "1998/21; ² 2004/28" (line 379): the marker follows 1998/21
    Annex("a-79-6-sect16/2", "²", 405,
          "特别是题为“执行《为罪行和滥用权力行为受害者取得公理的基本原则宣言》的行动计划”的附件。",
          "ecosoc/1998-21", 379),
    Annex("a-79-6-sect16/3", "³", 407, "特别是题为“卡多马社区服务宣言”的附件。", "ecosoc/1998-23", 381),
    Annex("a-79-6-sect16/4", "⁴", 409, "特别是题为“关于良好的监狱管理方法的阿鲁沙宣言”的附件。",
          "ecosoc/1999-27", 385),
    # "2002/13; 2005/22 ⁵" (line 387): the marker ends the entry, after 2005/22; the annex it names, the
    # Guidelines for the Prevention of Crime, is the annex of ECOSOC resolution 2002/13. So 2002/13 carries
    # it; 2005/22, after which it is printed, may carry it too.
    Annex("a-79-6-sect16/5", "⁵", 411, "特别是题为“预防犯罪准则”的附件。", "ecosoc/2002-13", 387,
          may_also="ecosoc/2005-22"),
)
# fmt: on


@pytest.mark.parametrize("annex", FOOTNOTES, ids=[f"{f.marker}@L{f.line}" for f in FOOTNOTES])
def test_annex_footnote(sparql: Sparql, node: Node, key_of: KeyOf, annex: Annex) -> None:
    rows = sparql(
        """
        SELECT ?fn ?marker ?line ?text ?listing ?inst ?lline ?list WHERE {
          ?fn a kg:Footnote ; kg:marker ?marker ; kg:sourceLine ?line ; kg:text ?text .
          OPTIONAL {
            ?listing kg:hasFootnote ?fn ; kg:instrument ?inst ; kg:sourceLine ?lline ; kg:inList ?list
          }
        }""",
        fn=node("footnote", annex.footnote),
    )
    assert rows
    printed = {(r["marker"], r["line"], r["text"]) for r in rows}
    assert printed == {(annex.marker, str(annex.line), annex.text)}
    carriers = {
        (key_of(r["list"], "mandate-list"), key_of(r["inst"], "instrument"), r["lline"]) for r in rows if "listing" in r
    }
    required = {("2025/sp5/ecosoc", i, str(annex.listing_line)) for i in annex.carriers.split()}
    allowed = required | {("2025/sp5/ecosoc", i, str(annex.listing_line)) for i in annex.may_also.split()}
    assert required <= carriers <= allowed


def test_no_other_listing_carries_a_footnote(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?inst WHERE { ?l a kg:MandateListing ; kg:hasFootnote ?fn ; kg:instrument ?inst }")
    allowed = {i for f in FOOTNOTES for i in (f.carriers + " " + f.may_also).split()}
    assert {key_of(r["inst"], "instrument") for r in rows} <= allowed


# ---------------------------------------------------------------------------------------- corrections

CORRECTED = (
    # list, line, instruments read from that corrected line (data/corrections.toml)
    ("2025/sp2/ga", 232, "ga/s-30-1 ga/73-144 ga/74-124 ga/74-20"),
    ("2025/sp2/cnd", 252, "cnd/61-11 cnd/65-4 cnd/66-4"),
    ("2025/sp4/ga", 336, "ga/58-136 ga/59-153 ga/72-284 ga/75-291 ga/77-298 ga/77-113 ga/78-115"),
    ("2025/sp6/ecosoc", 415, "ecosoc/1988-13 ecosoc/2013-37 ecosoc/2015-24"),
)


@pytest.mark.parametrize(("list_key", "line", "instruments"), CORRECTED, ids=[f"{c[0]}@L{c[1]}" for c in CORRECTED])
def test_listings_of_a_corrected_line(
    sparql: Sparql, node: Node, key_of: KeyOf, list_key: str, line: int, instruments: str
) -> None:
    rows = sparql(
        """
        SELECT ?list ?inst ?line ?corr WHERE {
          ?l kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line .
          OPTIONAL { ?l kg:correctedBy ?corr }
        }""",
        list=node("mandate-list", list_key),
    )
    on_line = [r for r in rows if r["line"] == str(line)]
    assert {key_of(r["inst"], "instrument") for r in on_line} == set(instruments.split())
    assert {key_of(r.get("corr", "-"), "correction") if "corr" in r else None for r in on_line} == {
        f"a-79-6-sect16/{line}"
    }
    assert all("corr" not in r for r in rows if r["line"] != str(line))
