"""The deliverables tables of A/79/6 (Sect. 16), as read off the source, against the graph and the API.

Every fact was read by eye from data/sources/A-79-6-Sect16.zh.txt (tables 16.1, 16.4, 16.6, 16.8,
16.12, 16.13, 16.14, 16.17, 16.21, 16.22 and 16.25), with data/corrections.toml applied (lines 628
and 636: the fourth column of table 16.4 is 2025 planned; line 1272: the lost label of the second
narrative of table 16.14). Each row names its source line. Quantities are "2023 planned, 2023
actual, 2024 planned, 2025 planned" as printed; "—" is a dash (0 with "dash": true).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

import pytest
from listed import SCOPES, KeyOf, Node, Sparql

from unodc_kg.query import Mandates

DOCS = "parliamentary-documentation"
MEET = "substantive-services-for-meetings"
CONF = "conference-and-secretariat-services-for-meetings"
PROJ = "field-and-technical-cooperation-projects"
DAYS = "seminars-workshops-and-training-events"
PUBS = "publications"
MATS = "technical-materials"
ADVICE = "consultation-advice-and-advocacy"
DATA = "databases-and-substantive-digital-materials"
OUTREACH = "outreach-programmes-special-events-and-information-materials"
MEDIA = "external-and-media-relations"
DIGITAL = "digital-platforms-and-multimedia-content"
SAFETY = "safety-and-security"

# The subcategories (glossary.md: the Chinese as the tables print it, the official English) and units.
SUBCATEGORIES = {
    DOCS: ("议事机构文件", "Parliamentary documentation", "documents"),
    MEET: ("实质性会议服务", "Substantive services for meetings", "meetings"),
    CONF: ("会议和秘书处会议服务", "Conference and secretariat services for meetings", "meetings"),
    PROJ: ("外地和技术合作项目", "Field and technical cooperation projects", "projects"),
    DAYS: ("研讨会、讲习班和培训活动", "Seminars, workshops and training events", "days"),
    PUBS: ("出版物", "Publications", "publications"),
    MATS: ("技术材料", "Technical materials", "materials"),
    ADVICE: ("协商、咨询和倡导", "Consultation, advice and advocacy", None),
    DATA: ("数据库和实质性数字材料", "Databases and substantive digital materials", None),
    OUTREACH: (
        "外联方案、特别活动和宣传材料",
        "Outreach programmes, special events and information materials",
        None,
    ),
    MEDIA: ("对外关系和媒体关系", "External and media relations", None),
    DIGITAL: ("数字平台和多媒体内容", "Digital platforms and multimedia content", None),
    SAFETY: ("安全和安保", "Safety and security", None),
}
COLUMNS = ((2023, "planned"), (2023, "actual"), (2024, "planned"), (2025, "planned"))


class Table(NamedTuple):
    scope: str
    number: str  # 表 16.x
    line: int  # the line of its caption number
    paragraph: str  # the paragraph that presents it ("表 16.4 列示…")
    items: int  # numbered rows
    narratives: str  # narrative keys in the order printed
    totals: int  # subcategory rows


TABLES = (
    Table("2025/programme", "16.1", 485, "16.10", 11, "c-1 c-2 d-1 d-2", 4),
    Table("2025/sp1", "16.4", 625, "16.26", 10, "c-1 c-2", 4),
    Table("2025/sp2", "16.6", 747, "16.39", 14, "c-1 d-1", 5),
    Table("2025/sp3", "16.8", 879, "16.52", 10, "c-1 c-2", 6),
    Table("2025/sp4", "16.12", 1004, "16.65", 8, "c-1 c-2 d-1 d-2", 4),
    Table("2025/sp5", "16.13", 1132, "16.79", 6, "c-1 d-1", 6),
    Table("2025/sp6", "16.14", 1247, "16.92", 10, "c-1 c-2", 5),
    Table("2025/sp7", "16.17", 1365, "16.105", 7, "d-1 d-2 d-3", 3),
    Table("2025/sp8", "16.21", 1481, "16.118", 3, "c-1 d-1 d-2 e-1", 3),
    Table("2025/sp9-1", "16.22", 1596, "16.131", 19, "c-1 c-2 d-1 d-2", 3),
    Table("2025/sp9-2", "16.25", 1737, "16.144", 18, "c-1 c-2 d-1 d-2 d-3", 6),
)
TABLE_OF = {t.scope: t for t in TABLES}


class Row(NamedTuple):
    line: int
    item: int  # the number printed before the title
    category: str
    subcategory: str
    quantities: str  # four cells as printed
    title: str
    group: str | None = None  # "下列机构的会议：" printed above a run of meeting rows


# fmt: off
ROWS: dict[str, tuple[Row, ...]] = {
    "2025/programme": (
        # 实质性会议服务(3 小时会议次数) (line 490)
        Row(492, 1, "A", MEET, "1 1 1 1", "第五委员会", group="下列机构的会议:"),
        Row(495, 2, "A", MEET, "1 1 1 1", "行政和预算问题咨询委员会", group="下列机构的会议:"),
        Row(496, 3, "A", MEET, "1 1 1 1", "方案和协调委员会", group="下列机构的会议:"),
        # 外地和技术合作项目(项目数目) (line 498)
        Row(499, 4, "B", PROJ, "1 1 1 1", "性别平等"),
        Row(500, 5, "B", PROJ, "1 1 1 1", "独立评价职能"),
        # 研讨会、讲习班和培训活动(天数) (line 501)
        Row(502, 6, "B", DAYS, "7 7 8 7", "与性别平等有关的启发思考会议和会外活动"),
        Row(503, 7, "B", DAYS, "— 4 — 6", "为国家对口单位提供性别平等培训"),
        Row(504, 8, "B", DAYS, "— 2 — 2", "关于评价相关专题的会外活动和会议"),
        # 技术材料(材料数目) (line 505)
        Row(506, 9, "B", MATS, "4 1 5 3", "与性别平等有关的专题"),
        Row(507, 10, "B", MATS, "15 17 15 16", "评价(独立评价、联合评价、全系统评价和综合研究)"),
        Row(508, 11, "B", MATS, "1 1 1 3", "评价工具、方法和途径以及评价能力发展"),
    ),
    "2025/sp1": (
        # 议事机构文件(文件数目) (line 630)
        Row(631, 1, "A", DOCS, "34 21 32 32", "打击跨国组织犯罪公约及其各项议定书缔约方会议及各工作组文件"),
        Row(632, 2, "A", DOCS, "34 6 10 —", title=
            "拟订一项关于打击为犯罪目的使用信息和通信技术的全面国际公约特设委员会的文件"),
        # 实质性会议服务(3 小时会议次数) (line 633)
        Row(634, 3, "A", MEET, "26 20 26 26", "缔约方大会，包括其工作组的会议"),
        Row(637, 4, "A", MEET, "58 62 20 —", title=
            "拟订一项关于打击为犯罪目的使用信息和通信技术的全面国际公约特设委员会的会议"),
        # 外地和技术合作项目(项目数目) (line 639)
        Row(640, 5, "B", PROJ, "3 2 2 2", "预防和打击跨国组织犯罪"),
        Row(641, 6, "B", PROJ, "4 5 5 5", "防止和打击非法货物贩运并加强边境管理"),
        Row(642, 7, "B", PROJ, "1 1 1 1", "防止和打击贩运枪支和有关犯罪"),
        Row(643, 8, "B", PROJ, "2 2 1 1", "预防和打击贩运人口和偷运移民"),
        Row(644, 9, "B", PROJ, "3 2 2 2", "防止和打击将信息和通信技术用于犯罪目的和洗钱"),
        # 出版物(出版物数目) (line 645)
        Row(646, 10, "B", PUBS, "3 9 5 10", "有组织犯罪和非法贩运"),
    ),
    "2025/sp2": (
        # 议事机构文件(文件数目) (line 753)
        Row(754, 1, "A", DOCS, "3 3 3 3", title=(
            "向麻醉药品委员会提交关于会员国在履行 2009 年《政治宣言和行动计划》以及与减少毒品需求和相关事项"
            "、艾滋病毒/艾滋病、减少毒品供应和相关事项以及替代发展有关的决议中所作承诺方面取得进展的报告"
        )),
        Row(755, 2, "A", DOCS, "5 — 5 —", "向麻醉药品委员会提交的区域贩毒趋势报告"),
        Row(756, 3, "A", DOCS, "2 2 2 2", title=
            "麻醉药品委员会关于委员会与联合国艾滋病毒/艾滋病联合规划署方案协调委员会之间协调和对接的说明"),
        # 实质性会议服务(3 小时会议次数) (line 757)
        Row(759, 4, "A", MEET, "21 21 21 21", group="下列机构的会议：", title=
            "麻醉药品委员会，减少毒品需求及相关事项、艾滋病毒/艾滋病、减少毒品供应及相关事项和替代发展问题"),
        Row(760, 5, "A", MEET, "15 12 15 12", group="下列机构的会议：", title=
            "麻醉药品委员会附属机构(各国禁毒执法机构负责人及近东和中东非法贩运毒品及有关事项小组委员会)"),
        Row(761, 6, "A", MEET, "1 1 1 1", group="下列机构的会议：", title=
            "预防犯罪和刑事司法委员会，减少毒品需求、艾滋病毒/艾滋病预防、治疗和护理以及可持续生计问题"),
        Row(764, 7, "A", MEET, "5 5 5 5", group="下列机构的会议：", title=
            "减少毒品需求、艾滋病毒/艾滋病和替代发展问题专家组"),
        # 外地和技术合作项目 ^a (项目数目) (line 766)
        Row(767, 8, "B", PROJ, "5 5 5 1", "吸毒预防、治疗、护理和康复以及医用受管制物质的供应和获取"),
        Row(768, 9, "B", PROJ, "5 5 5 1", "艾滋病毒/艾滋病预防、治疗和护理"),
        Row(769, 10, "B", PROJ, "1 1 1 1", "替代发展与可持续生计"),
        # 研讨会、讲习班和培训活动(天数) (line 770)
        Row(771, 11, "B", DAYS, "15 15 15 15", "关于药物管制公约和减少药物供应的培训课程"),
        Row(772, 12, "B", DAYS, "9 9 9 9", "关于减少毒品需求、艾滋病毒/艾滋病和替代发展的培训"),
        # 出版物(出版物数目) (line 773)
        Row(774, 13, "B", PUBS, "2 2 2 2", "吸毒预防和治疗以及受管制物质的获取"),
        Row(775, 14, "B", PUBS, "1 1 1 1", "艾滋病毒/艾滋病预防、治疗和护理"),
    ),
    "2025/sp3": (
        # 议事机构文件(文件数目) (line 885)
        Row(886, 1, "A", DOCS, "7 6 6 7", "缔约国会议及其附属机构会议的报告"),
        Row(887, 2, "A", DOCS, "2 2 2 2", "关于联合国反腐败公约实施情况审议机制的专题报告"),
        Row(888, 3, "A", DOCS, "8 8 16 8", "关于实施情况审议机制的区域报告和其他背景文件"),
        Row(889, 4, "A", DOCS, "63 64 56 63", title=
            "各届缔约国会议和缔约国会议附属机构的背景文件(包括供实施情况审议组审议的国别审议报告的执行摘要)"),
        # 实质性会议服务(3 小时会议次数) (line 890)
        Row(892, 5, "A", MEET, "58 56 42 56", "缔约国会议及其附属机构", group="下列机构的会议："),
        # 外地和技术合作项目(项目数目) (line 894)
        Row(895, 6, "B", PROJ, "1 1 1 1", title=
            "通过有效实施《联合国反腐败公约》预防和打击腐败以支持可持续发展目标 16"),
        # 研讨会、讲习班和培训活动(天数) (line 896)
        Row(897, 7, "B", DAYS, "5 5 5 5", title=(
            "关于为《联合国反腐败公约》特定领域制定指南或工具的专家组研讨会，包括基于通过实施情况审议机制确"
            "定的需求"
        )),
        # 出版物(出版物数目) (line 898)
        Row(899, 8, "B", PUBS, "3 3 3 3", "反腐败"),
        # 技术材料(材料数目) (line 900)
        Row(901, 9, "B", MATS, "4 4 6 6", "反腐败"),
        Row(902, 10, "B", MATS, "2 2 — —", "电子学习模块"),
    ),
    "2025/sp4": (
        # 议事机构文件(文件数目) (line 1010)
        Row(1011, 1, "A", DOCS, "1 1 1 1", "秘书长提交预防犯罪和刑事司法委员会的报告"),
        Row(1012, 2, "A", DOCS, "— — 1 1", "秘书长提交大会的报告"),
        # 实质性会议服务(3 小时会议次数) (line 1013)
        Row(1014, 3, "A", MEET, "2 1 2 1", "大会及其附属机构的会议"),
        Row(1015, 4, "A", MEET, "5 4 2 2", "安全理事会及其附属机构的会议"),
        Row(1016, 5, "A", MEET, "4 25 — —", "《联合国全球反恐战略》两年期审查"),
        Row(1017, 6, "A", MEET, "13 15 1 15", "预防犯罪和刑事司法委员会会议"),
        # 外地和技术合作项目(项目数目) (line 1019)
        Row(1020, 7, "B", PROJ, "1 1 1 1", "加强反恐法律制度全球方案"),
        # 出版物(出版物数目) (line 1021)
        Row(1022, 8, "B", PUBS, "3 1 3 3", "与反恐怖主义有关的具体专题问题"),
    ),
    "2025/sp5": (
        # 议事机构文件(文件数目) (line 1138)
        Row(1139, 1, "A", DOCS, "1 1 1 2", "为预防犯罪和刑事司法委员会准备的报告"),
        # 实质性会议服务(3 小时会议次数) (line 1140)
        Row(1141, 2, "A", MEET, "1 1 1 1", "预防犯罪和刑事司法委员会会议"),
        # 外地和技术合作项目(项目数目) (line 1143)
        Row(1144, 3, "B", PROJ, "5 5 4 4", "在预防犯罪和刑事司法领域为会员国提供支持"),
        # 研讨会、讲习班和培训活动(天数) (line 1145)
        Row(1146, 4, "B", DAYS, "40 40 80 80", "关于预防犯罪和刑事司法的培训课程、研讨会和讲习班"),
        # 出版物(出版物数目) (line 1147)
        Row(1148, 5, "B", PUBS, "3 3 4 4", "指导材料(例如手册、工具和研究报告)"),
        # 技术材料(材料数目) (line 1149)
        Row(1150, 6, "B", MATS, "20 20 20 20", "电子学习模块"),
    ),
    "2025/sp6": (
        # 议事机构文件(文件数目) (line 1253)
        Row(1254, 1, "A", DOCS, "1 1 1 1", "提交麻醉药品委员会的世界药物滥用情况报告"),
        Row(1255, 2, "A", DOCS, "1 1 1 1", "提交预防犯罪和刑事司法委员会的世界犯罪趋势报告"),
        # 实质性会议服务(3 小时会议次数) (line 1258)
        Row(1259, 3, "A", MEET, "1 1 1 1", "麻醉药品委员会关于世界药物滥用情况的会议"),
        Row(1260, 4, "A", MEET, "1 1 1 1", "预防犯罪和刑事司法委员会关于世界犯罪趋势的会议"),
        # 研讨会、讲习班和培训活动(天数) (line 1262)
        Row(1263, 5, "B", DAYS, "10 10 10 10", "关于药物管制、预防犯罪和法医学的讲习班和培训"),
        # 出版物(出版物数目) (line 1264)
        Row(1265, 6, "B", PUBS, "5 5 5 5", "关于药物管制和预防犯罪的研究出版物"),
        Row(1266, 7, "B", PUBS, "4 4 4 4", "关于药物管制和预防犯罪的法证科学出版物"),
        Row(1267, 8, "B", PUBS, "1 1 1 1", "关于毒品、犯罪和社会的期刊"),
        # 技术材料(材料数目) (line 1268)
        Row(1269, 9, "B", MATS, "5 5 5 5", "非法药物作物监测"),
        Row(1270, 10, "B", MATS, "9 9 9 9", "药物管制和预防犯罪"),
    ),
    "2025/sp7": (
        # 外地和技术合作项目(项目数目) (line 1370)
        Row(1371, 1, "B", PROJ, "1 1 1 1", "倡导和全球信息传播"),
        Row(1372, 2, "B", PROJ, "4 2 3 3", "民间社会伙伴关系"),
        Row(1373, 3, "B", PROJ, "1 1 1 1", "城市安全治理与增强青年权能"),
        Row(1374, 4, "B", PROJ, "1 1 1 1", "联合国援助人口贩运活动受害者特别是妇女和儿童自愿信托基金"),
        # 研讨会、讲习班和培训活动(天数) (line 1375)
        Row(1376, 5, "B", DAYS, "20 29 30 20", title=(
            "民间社会组织有效参与毒品和犯罪问题办公室任务范围内议题，包括打击毒品、犯罪和腐败的培训活动、讲"
            "习班和研讨会"
        )),
        # 出版物(出版物数目) (line 1377)
        Row(1378, 6, "B", PUBS, "1 2 2 2", title=
            "民间社会组织有效参与毒品和犯罪问题办公室任务范围内各项事务包括打击毒品、犯罪和腐败"),
        Row(1379, 7, "B", PUBS, "1 4 1 3", "成果管理制和将《2030 年议程》纳入主流"),
    ),
    "2025/sp8": (
        # 外地和技术合作项目(项目数目) (line 1486)
        Row(1487, 1, "B", PROJ, "13 13 13 13", "毒品和犯罪问题办公室任务领域的区域和国家方案"),
        # 技术材料(材料数目) (line 1488)
        Row(1489, 2, "B", MATS, "2 2 2 2", "业务连续性、联合国改革和效率议程"),
        # 研讨会、讲习班和培训活动(天数) (line 1490)
        Row(1491, 3, "B", DAYS, "13 13 13 13", "方案制定和《2030 年议程》"),
    ),
    "2025/sp9-1": (
        # 议事机构文件(文件数目) (line 1602)
        Row(1603, 1, "A", DOCS, "5 4 5 4", title=(
            "提交大会的关于国际合作打击世界毒品问题的报告以及关于预防犯罪和刑事司法的报告，包括关于联合国预"
            "防犯罪和刑事司法大会的报告"
        )),
        Row(1604, 2, "A", DOCS, "2 2 2 2", title=(
            "提交经济及社会理事会的关于麻醉药品委员会以及预防犯罪和刑事司法委员会对年度可持续发展高级别政治"
            "论坛贡献的说明"
        )),
        Row(1605, 3, "A", DOCS, "4 4 4 4", title=
            "提交经济及社会理事会的关于麻醉药品委员会以及预防犯罪和刑事司法委员会的年度报告"),
        Row(1606, 4, "A", DOCS, "13 17 14 17", "提交预防犯罪和刑事司法委员会的年度报告"),
        Row(1607, 5, "A", DOCS, "14 13 14 13", "提交麻醉药品委员会的报告"),
        Row(1608, 6, "A", DOCS, "24 30 28 30", "秘书处提交麻醉药品委员会附属机构的报告和说明"),
        Row(1609, 7, "A", DOCS, "2 2 2 2", "秘书处提交麻醉药品委员会和预防犯罪和刑事司法委员会的说明"),
        Row(1610, 8, "A", DOCS, "2 — — —", "与麻醉药品委员会有关的特设专家组会议的文件"),
        Row(1611, 9, "A", DOCS, "— — — 20", "提交第十五届联合国预防犯罪和刑事司法大会区域筹备会议的报告"),
        # 实质性会议服务(3 小时会议次数) (line 1614)
        Row(1616, 10, "A", MEET, "6 6 6 6", "经济及社会理事会", group="下列机构的会议："),
        Row(1617, 11, "A", MEET, "46 37 46 46", "预防犯罪和刑事司法委员会", group="下列机构的会议："),
        Row(1618, 12, "A", MEET, "46 42 46 46", "麻醉药品委员会", group="下列机构的会议："),
        Row(1619, 13, "A", MEET, "40 36 40 50", "麻醉药品委员会附属机构", group="下列机构的会议："),
        Row(1620, 14, "A", MEET, "16 17 16 17", group="下列机构的会议：", title=
            "改进毒品和犯罪问题办公室的管理和财务状况不限成员名额常设政府间工作组"),
        Row(1621, 15, "A", MEET, "4 — — —", "与麻醉药品委员会有关的特设专家组", group="下列机构的会议："),
        Row(1622, 16, "A", MEET, "— — — 30", group="下列机构的会议：", title=
            "第十五届预防犯罪和刑事司法大会区域筹备会议"),
        # 出版物(出版物数目) (line 1624)
        Row(1625, 17, "B", PUBS, "1 1 1 1", "麻醉药品和精神药物及其前体的制造"),
        Row(1626, 18, "B", PUBS, "1 1 1 1", "国际药物管制条约下的国家主管机构目录"),
        Row(1627, 19, "B", PUBS, "3 2 3 3", "国际药物管制公约的附表和表格"),
    ),
    "2025/sp9-2": (
        # 议事机构文件(文件数目) (line 1743)
        Row(1744, 1, "A", DOCS, "1 2 1 1", "国际麻醉品管制局的年度报告"),
        Row(1745, 2, "A", DOCS, "3 3 3 3", title=(
            "国际麻醉品管制局关于 1988 年《公约》第 12 条执行情况的报告、关于麻醉药品的报告和关于精神药物的"
            "报告"
        )),
        Row(1746, 3, "A", DOCS, "8 8 8 8", title=(
            "关于监督用于合法目的的麻醉药品、精神药物和前体化学品的流动的报告以及关于阿片类药物原料的供应以"
            "及医疗和科学用阿片类药物的需求的报告"
        )),
        Row(1747, 4, "A", DOCS, "11 12 11 11", title=(
            "财务和行政委员会和概算常设委员会的报告、关于闭会期间发展动态的报告以及关于各项决定的执行情况、"
            "国际麻醉品管制局审查的事项和作出的决定的报告"
        )),
        Row(1750, 5, "A", DOCS, "6 6 6 6", title=
            "麻醉药品需求估计、精神药物需求评估和苯丙胺类兴奋剂前体的合法需求评估"),
        Row(1751, 6, "A", DOCS, "23 11 23 23", title=(
            "各国政府对条约遵守情况的总体评估、关于确保执行国际药物管制条约措施的报告、国际麻醉品管制局执行"
            "任务的报告以及关于会员国对麻管局建议的执行情况的具体研究和评价"
        )),
        # 实质性会议服务(3小时会议次数) (line 1752)
        Row(1754, 7, "A", MEET, "60 58 60 60", "国际麻醉品管制局及其概算常设委员会", group="下列机构的会议:"),
        Row(1755, 8, "A", MEET, "18 6 18 18", group="下列机构的会议:", title=
            "向国际麻醉品管制局提供咨询意见的特设专家组"),
        Row(1756, 9, "A", MEET, "20 60 20 20", group="下列机构的会议:", title=
            "国际麻醉品管制局酌情与会员国、国际和区域组织、私营部门和学术界举行的会议"),
        # 会议和秘书处会议服务(3小时会议次数) (line 1757)
        Row(1759, 10, "A", CONF, "60 58 60 60", group="下列机构的会议:", title=
            "国际麻醉品管制局及其概算常设委员会"),
        Row(1760, 11, "A", CONF, "18 6 18 18", group="下列机构的会议:", title=
            "向国际麻醉品管制局提供咨询意见的特设专家组"),
        Row(1761, 12, "A", CONF, "20 60 20 20", group="下列机构的会议:", title=
            "国际麻醉品管制局酌情与会员国、国际和区域组织、私营部门和学术界就麻管局的全球项目举行的会议"),
        # 外地和技术合作项目(项目数目) (line 1763)
        Row(1764, 13, "B", PROJ, "3 3 3 3", "支持政府遵守国际药物管制公约"),
        # 研讨会、讲习班和培训活动(天数) (line 1765)
        Row(1766, 14, "B", DAYS, "4 7 4 4", title=(
            "关于药物管制条约的遵守情况以及用于合法目的的国际受管制物质的供应、同时防止被转用和滥用的培训课"
            "程"
        )),
        # 技术材料(材料数目) (line 1767)
        Row(1768, 15, "B", MATS, "64 64 64 64", "麻醉药品和精神药物的医疗和科学需求估计和评估"),
        Row(1769, 16, "B", MATS, "12 12 12 12", title=(
            "会员国根据 1961 年、1971 年和 1988 年《公约》以及经济及社会理事会相关决议提交条约规定的麻醉药品"
            "、精神药物和前体化学品报告的表格, 每年更新这三项公约管制的麻醉药品、精神药物和前体化学品清单"
        )),
        Row(1770, 17, "B", MATS, "5 5 5 5", title=(
            "需要批准才可进口 1971 年《公约》附表三和附表四所列物质的国家的表格, 未列入附表的化学品的国际特"
            "别监督清单"
        )),
        Row(1771, 18, "B", MATS, "15 15 15 15", "为国家当局提供的关于执行三项国际药物管制公约规定的培训材料"),
    ),
}
# fmt: on


class Total(NamedTuple):
    line: int
    category: str
    subcategory: str
    quantities: str
    footnote: str | None = None  # footnote key, for the ^a of table 16.6


# fmt: off
TOTALS: dict[str, tuple[Total, ...]] = {
    "2025/programme": (Total(490, "A", MEET, "3 3 3 3"), Total(498, "B", PROJ, "2 2 2 2"),
                       Total(501, "B", DAYS, "7 13 8 15"), Total(505, "B", MATS, "20 19 21 22")),
    "2025/sp1": (Total(630, "A", DOCS, "68 27 42 32"), Total(633, "A", MEET, "84 82 46 26"),
                 Total(639, "B", PROJ, "13 12 11 11"), Total(645, "B", PUBS, "3 9 5 10")),
    "2025/sp2": (Total(753, "A", DOCS, "10 5 10 5"), Total(757, "A", MEET, "42 39 42 39"),
                 # printed "外地和技术合作项目 ^a (项目数目)"
                 Total(766, "B", PROJ, "11 11 11 3", "a-79-6-sect16/16.6-a"),
                 Total(770, "B", DAYS, "24 24 24 24"), Total(773, "B", PUBS, "3 3 3 3")),
    "2025/sp3": (Total(885, "A", DOCS, "80 80 80 80"), Total(890, "A", MEET, "58 56 42 56"),
                 Total(894, "B", PROJ, "1 1 1 1"), Total(896, "B", DAYS, "5 5 5 5"),
                 Total(898, "B", PUBS, "3 3 3 3"), Total(900, "B", MATS, "6 6 6 6")),
    "2025/sp4": (Total(1010, "A", DOCS, "1 1 2 2"), Total(1013, "A", MEET, "24 45 5 18"),
                 Total(1019, "B", PROJ, "1 1 1 1"), Total(1021, "B", PUBS, "3 1 3 3")),
    "2025/sp5": (Total(1138, "A", DOCS, "1 1 1 2"), Total(1140, "A", MEET, "1 1 1 1"),
                 Total(1143, "B", PROJ, "5 5 4 4"), Total(1145, "B", DAYS, "40 40 80 80"),
                 Total(1147, "B", PUBS, "3 3 4 4"), Total(1149, "B", MATS, "20 20 20 20")),
    "2025/sp6": (Total(1253, "A", DOCS, "2 2 2 2"), Total(1258, "A", MEET, "2 2 2 2"),
                 Total(1262, "B", DAYS, "10 10 10 10"), Total(1264, "B", PUBS, "10 10 10 10"),
                 Total(1268, "B", MATS, "14 14 14 14")),
    "2025/sp7": (Total(1370, "B", PROJ, "7 5 6 6"), Total(1375, "B", DAYS, "20 29 30 20"),
                 Total(1377, "B", PUBS, "2 6 3 5")),
    "2025/sp8": (Total(1486, "B", PROJ, "13 13 13 13"), Total(1488, "B", MATS, "2 2 2 2"),
                 Total(1490, "B", DAYS, "13 13 13 13")),
    "2025/sp9-1": (Total(1602, "A", DOCS, "66 72 69 92"), Total(1614, "A", MEET, "158 138 154 195"),
                   Total(1624, "B", PUBS, "5 4 5 5")),
    # table 16.25 has two meeting subcategories with the same figures (lines 1752 and 1757)
    "2025/sp9-2": (Total(1743, "A", DOCS, "52 42 52 52"), Total(1752, "A", MEET, "98 124 98 98"),
                   Total(1757, "A", CONF, "98 124 98 98"), Total(1763, "B", PROJ, "3 3 3 3"),
                   Total(1765, "B", DAYS, "4 7 4 4"), Total(1767, "B", MATS, "96 96 96 96")),
}
# fmt: on


class Narrative(NamedTuple):
    key: str  # {letter}-{ordinal within the category}
    line: int
    category: str
    subcategory: str
    title: str  # the label printed before the colon
    starts: str  # what the text after the label starts with
    ends: str  # what it ends with


# fmt: off
NARRATIVES: dict[str, tuple[Narrative, ...]] = {
    "2025/programme": (
        Narrative("c-1", 510, "C", ADVICE, "协商、咨询和倡导",
                  starts="为药物管制、预防犯罪、反腐败和预防恐怖主义领域提供咨询服务",
                  ends="向会员国和民间社会宣传药物管制、预防犯罪、反腐败和预防恐怖主义问题。"),
        Narrative("c-2", 511, "C", DATA, "数据库和实质性数字材料", "联合评价。", "联合评价。"),
        Narrative("d-1", 513, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="评价简报(约 17 份)和培训；",
                  ends="酌情代表秘书长出席国际活动和论坛。"),
        Narrative("d-2", 514, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="毒品和犯罪问题办公室网站和社交媒体账户。",
                  ends="毒品和犯罪问题办公室网站和社交媒体账户。"),
    ),
    # line 648: one cell with two <p> paragraphs
    "2025/sp1": (
        Narrative("c-1", 648, "C", ADVICE, "咨询、建议和倡导",
                  starts="为 15 个尚未加入《联合国打击跨国组织犯罪公约》及其议定书的国家",
                  ends="向 5 个会员国和国际麻醉品管制局提供与三项药物管制公约有关的咨询服务。"),
        Narrative("c-2", 648, "C", DATA, "数据库和实质性数字材料",
                  starts="电子资源和犯罪法律共享(夏洛克)平台",
                  ends="涵盖 15 种犯罪类型；加密货币电子学习课程。"),
    ),
    "2025/sp2": (
        Narrative("c-1", 777, "C", ADVICE, "咨询、建议和倡导",
                  starts="关于执法和执行药物管制公约的咨询服务；",
                  ends="替代发展和可持续生计。"),
        Narrative("d-1", 779, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="禁止药物滥用和非法贩运国际日、世界精神卫生日",
                  ends="社交媒体宣传和活动。"),
    ),
    "2025/sp3": (
        Narrative("c-1", 904, "C", ADVICE, "协商、咨询和倡导",
                  starts="在实施情况审议机制运作的整个过程中提供咨询服务",
                  ends="进行 20 次国家访问并起草国家审查报告和执行摘要。"),
        Narrative("c-2", 905, "C", DATA, "数据库和实质性数字材料",
                  starts="与执行《联合国反腐败公约》有关的法律和判例",
                  ends="电子工具和培训材料。"),
    ),
    "2025/sp4": (
        Narrative("c-1", 1024, "C", ADVICE, "协商、咨询和倡导",
                  starts="就法律起草工作、战略和行动计划提供咨询服务；",
                  ends="与 19 项国际法律文书有关的咨询和宣传"),  # no full stop print),
        Narrative("c-2", 1025, "C", DATA, "数据库和实质性数字材料",
                  starts="夏洛克反恐怖主义工具", ends="在线反恐怖主义学习平台。"),
        Narrative("d-1", 1027, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="法律、刑事司法和有关领域的资料袋。",
                  ends="法律、刑事司法和有关领域的资料袋。"),
        Narrative("d-2", 1028, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="网站和社交媒体账户；", ends="开展专门宣传活动。"),
    ),
    "2025/sp5": (
        Narrative("c-1", 1152, "C", ADVICE, "协商、咨询和倡导",
                  starts="就预防犯罪和刑事司法为 70 个会员国",
                  ends="就预防犯罪和刑事司法改革方面的最佳做法提供咨询。"),
        Narrative("d-1", 1154, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="纪念纳尔逊·曼德拉国际日的运动；",
                  ends="筹资举措和战略伙伴关系。"),
    ),
    # line 1272: two <p> paragraphs; the second lost its label (restored by the correction)
    "2025/sp6": (
        Narrative("c-1", 1272, "C", ADVICE, "协商、咨询和倡导",
                  starts="为各国政府、国际、区域和国家组织、机构和实验室进行大约 35 次",
                  ends="情况介绍和传播活动。"),
        Narrative("c-2", 1272, "C", DATA, "数据库和实质性数字材料",
                  starts="根据对年度犯罪趋势调查的回复整理的国际犯罪统计数据；",
                  ends="毒品和犯罪问题办公室偷运移民问题观察站。"),
    ),
    # printed after the table's closing rule (lines 1380-1382), one per line
    "2025/sp7": (
        Narrative("d-1", 1386, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="纪念国际禁止吸毒和非法贩运日",
                  ends="筹款外联和战略伙伴关系。"),
        Narrative("d-2", 1388, "D", MEDIA, "对外关系和媒体关系", "新闻稿和活动。", "新闻稿和活动。"),
        Narrative("d-3", 1390, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="毒品和犯罪问题办公室网站和社交媒体渠道。",
                  ends="毒品和犯罪问题办公室网站和社交媒体渠道。"),
    ),
    "2025/sp8": (
        Narrative("c-1", 1493, "C", ADVICE, "咨询、建议和倡导",
                  starts="通过外地办事处网络向大约 150 个会员国和利益攸关方",
                  ends="战略和业务外地支助及实质性监督服务。"),
        Narrative("d-1", 1495, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="纪念禁止药物滥用和非法贩运国际日",
                  ends="特别关注国家或区域情况。"),
        Narrative("d-2", 1496, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="毒品和犯罪问题办公室外地办事处网站。",
                  ends="毒品和犯罪问题办公室外地办事处网站。"),
        Narrative("e-1", 1498, "E", SAFETY, "安全和安保",
                  starts="为分布在 97 个国家的大约 125 个外地办事处地点",
                  ends="提供安全和安保服务。"),
    ),
    "2025/sp9-1": (
        Narrative("c-1", 1629, "C", ADVICE, "咨询、建议和倡导",
                  starts="向设在维也纳的各委员会、会员国代表",
                  ends="就各委员会通过的相关决议和决定所载任务的后续行动提供咨询。"),
        Narrative("c-2", 1630, "C", DATA, "数据库和实质性数字材料",
                  starts="麻醉药品和精神药物及其前体制造数据库；",
                  ends="决议和决定数据库。"),
        Narrative("d-1", 1632, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="各委员会的特别活动，",
                  ends="包括发行年度《世界毒品问题报告》。"),
        Narrative("d-2", 1633, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="各委员会、联合国预防犯罪和刑事司法大会",
                  ends="重点介绍各委员会工作的主要进展。"),
    ),
    # lines 1773-1774 use ASCII colons; d-1 to d-3 follow the table's closing rule (lines 1776-1777)
    "2025/sp9-2": (
        Narrative("c-1", 1773, "C", ADVICE, "协商、咨询和倡导",
                  starts="为国际麻醉品管制局开展国家行动提供实质性支助",
                  ends="新精神活性物质和合成阿片类药物有关的问题进行协商。"),
        Narrative("c-2", 1774, "C", DATA, "数据库和实质性数字材料",
                  starts="国际麻醉品管制局秘书处使用的国际药物管制系统数据库",
                  ends="新精神活性物质通信系统和全球快速截获危险物质情报系统。"),
        Narrative("d-1", 1781, "D", OUTREACH, "外联方案、特别活动和宣传材料",
                  starts="在政府间会议和国际麻醉品管制局",
                  ends="举办会外活动。"),
        Narrative("d-2", 1783, "D", MEDIA, "对外关系和媒体关系",
                  starts="关于国际麻醉品管制局活动的新闻稿和新闻发布会；",
                  ends="向决策者和公众宣传麻管局的建议和立场。"),
        Narrative("d-3", 1785, "D", DIGITAL, "数字平台和多媒体内容",
                  starts="国际麻醉品管制局网站和机构社交媒体账户；",
                  ends="确保麻管局成员和国家主管当局的网页安全。"),
    ),
}
# fmt: on


def quantities(printed: str) -> list[dict[str, Any]]:
    """ "34 6 10 —" -> the four quantities of the contract, a dash being 0 with "dash": true."""
    cells = printed.split()
    assert len(cells) == 4
    out: list[dict[str, Any]] = []
    for (year, status), cell in zip(COLUMNS, cells, strict=True):
        q: dict[str, Any] = {"year": year, "status": status, "value": 0 if cell == "—" else int(cell)}
        if cell == "—":
            q["dash"] = True
        out.append(q)
    return out


ALL_ROWS = [(scope, row) for scope, rows in ROWS.items() for row in rows]
ALL_TOTALS = [(scope, t) for scope, ts in TOTALS.items() for t in ts]
ALL_NARRATIVES = [(scope, n) for scope, ns in NARRATIVES.items() for n in ns]


def test_the_facts_cover_every_table() -> None:
    assert tuple(t.scope for t in TABLES) == SCOPES
    for t in TABLES:
        assert [r.item for r in ROWS[t.scope]] == list(range(1, t.items + 1)), t.number
        assert " ".join(n.key for n in NARRATIVES[t.scope]) == t.narratives, t.number
        assert len(TOTALS[t.scope]) == t.totals, t.number


# ---------------------------------------------------------------------------------------- tables


@pytest.mark.parametrize("table", TABLES, ids=[f"{t.number}-{t.scope}@L{t.line}" for t in TABLES])
def test_table_lists_its_deliverables_in_printed_order(mandates: Mandates, table: Table) -> None:
    doc = mandates.deliverables(table.scope)
    assert doc["scope"] == table.scope
    assert doc["table"] == table.number
    keys = [d["key"] for d in doc["deliverables"]]
    expected = [f"{table.scope}/{i}" for i in range(1, table.items + 1)]
    expected += [f"{table.scope}/{n}" for n in table.narratives.split()]
    assert keys == expected
    assert sum(1 for d in doc["deliverables"] if "item" in d) == table.items
    assert sum(1 for d in doc["deliverables"] if "item" not in d) == len(table.narratives.split())


@pytest.mark.parametrize("table", TABLES, ids=[f"{t.number}-{t.scope}@L{t.line}" for t in TABLES])
def test_table_node(sparql: Sparql, node: Node, key_of: KeyOf, table: Table) -> None:
    rows = sparql(
        """
        SELECT ?t ?scope ?intro ?line ?dataset WHERE {
          ?t kg:tableNumber ?number ; kg:inScope ?scope .
          OPTIONAL { ?t kg:introducedBy ?intro }
          OPTIONAL { ?t kg:sourceLine ?line }
          OPTIONAL {
            ?dataset a qb:DataSet ; qb:structure ?s . ?obs qb:dataSet ?dataset ; prov:wasDerivedFrom ?t
          }
        }""",
        number=table.number,
    )
    assert rows, table.number
    assert {key_of(r["t"], "table") for r in rows} == {f"a-79-6-sect16/{table.number}"}
    assert {key_of(r["scope"], "scope") for r in rows} == {table.scope}
    assert {key_of(r["intro"], "paragraph") for r in rows if "intro" in r} == {f"a-79-6-sect16/{table.paragraph}"}
    assert {r.get("line") for r in rows} == {str(table.line)}
    assert {key_of(r["dataset"], "dataset") for r in rows if "dataset" in r} == {table.scope}


# ---------------------------------------------------------------------------------------- numbered rows


@pytest.mark.parametrize(("scope", "row"), ALL_ROWS, ids=[f"{s}/{r.item}@L{r.line}" for s, r in ALL_ROWS])
def test_numbered_deliverable(mandates: Mandates, scope: str, row: Row) -> None:
    key = f"{scope}/{row.item}"
    table = TABLE_OF[scope]
    zh, en, unit = SUBCATEGORIES[row.subcategory]
    doc = mandates.deliverable(key)
    assert doc["key"] == key
    assert doc["iri"].endswith(f"/id/deliverable/{key}")
    assert doc["scope"] == scope
    assert doc["table"] == table.number
    assert doc["item"] == row.item
    assert doc["category"] == row.category
    assert doc["subcategory"] == {"zh": zh, "en": en}
    assert doc["title"] == {"zh": row.title}
    assert doc["unit"] == unit
    assert doc["quantities"] == quantities(row.quantities)
    assert doc["source"]["line"] == row.line
    assert doc["source"]["paragraph"] == f"a-79-6-sect16/{table.paragraph}"
    assert doc.get("group") == ({"zh": row.group} if row.group else None)
    assert "text" not in doc


def test_every_numbered_deliverable_has_four_observations_in_its_dataset(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?d ?dataset ?year ?status ?line WHERE {
          ?d a kg:Deliverable ; kg:itemNumber ?n .
          ?o kg:lineItem ?d ; qb:dataSet ?dataset ; kg:year ?year ; kg:status ?status .
          OPTIONAL { ?o kg:sourceLine ?line }
        }"""
    )
    cells: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in rows:
        key = key_of(r["d"], "deliverable")
        assert key_of(r["dataset"], "dataset") == key.rsplit("/", 1)[0]
        cells[key].add((r["year"], key_of(r["status"], "status")))
    assert len(cells) == len(ALL_ROWS) == 116
    for key, got in cells.items():
        assert got == {(str(y), s) for y, s in COLUMNS}, key
    assert len(rows) == 4 * 116
    line_of = {f"{s}/{r.item}": r.line for s, r in ALL_ROWS}
    for r in rows:
        assert r.get("line") == str(line_of[key_of(r["d"], "deliverable")])


# ---------------------------------------------------------------------------------------- subcategory rows


@pytest.mark.parametrize(("scope", "total"), ALL_TOTALS, ids=[f"{s}/{t.subcategory}@L{t.line}" for s, t in ALL_TOTALS])
def test_subcategory_total(sparql: Sparql, node: Node, key_of: KeyOf, scope: str, total: Total) -> None:
    zh, _, unit = SUBCATEGORIES[total.subcategory]
    rows = sparql(
        """
        SELECT ?t ?scope ?table ?cat ?sub ?label ?unit ?line ?fn ?year ?status ?value ?dash ?dataset WHERE {
          ?t a kg:SubcategoryTotal ; kg:scope ?scope ; kg:inTable ?table ; kg:category ?cat ;
             kg:subcategory ?sub ;
             kg:printedLabel ?label ; kg:unit ?unit ; kg:sourceLine ?line .
          OPTIONAL { ?t kg:hasFootnote ?fn }
          ?o kg:lineItem ?t ; kg:year ?year ; kg:status ?status ; kg:quantity ?value ; kg:dash ?dash ;
             qb:dataSet ?dataset .
        }""",
        t=node("subcategory-total", f"{scope}/{total.subcategory}"),
    )
    assert rows, f"no subcategory total {scope}/{total.subcategory}"
    one = rows[0]
    assert key_of(one["scope"], "scope") == scope
    assert key_of(one["table"], "table") == f"a-79-6-sect16/{TABLE_OF[scope].number}"
    assert key_of(one["cat"], "deliverable-category") == total.category.lower()
    assert key_of(one["sub"], "deliverable-category") == f"{total.category.lower()}/{total.subcategory}"
    assert one["label"].startswith(zh)
    assert one["unit"] == unit
    assert one["line"] == str(total.line)
    assert {key_of(r["fn"], "footnote") for r in rows if "fn" in r} == ({total.footnote} if total.footnote else set())
    assert {key_of(r["dataset"], "dataset") for r in rows} == {scope}
    got = sorted((int(r["year"]), key_of(r["status"], "status"), int(r["value"]), r["dash"] == "true") for r in rows)
    want = sorted((q["year"], q["status"], q["value"], q.get("dash", False)) for q in quantities(total.quantities))
    assert got == want


@pytest.mark.parametrize(("scope", "total"), ALL_TOTALS, ids=[f"{s}/{t.subcategory}@L{t.line}" for s, t in ALL_TOTALS])
def test_subcategory_total_is_the_sum_of_its_rows(scope: str, total: Total) -> None:
    """A check of the facts themselves: every printed total is the sum of the rows under it."""
    sums = [0, 0, 0, 0]
    for row in ROWS[scope]:
        if row.subcategory == total.subcategory:
            for i, q in enumerate(quantities(row.quantities)):
                sums[i] += q["value"]
    assert sums == [q["value"] for q in quantities(total.quantities)]


def test_every_subcategory_row_is_in_the_graph_and_no_other(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql("SELECT ?t WHERE { ?t a kg:SubcategoryTotal }")
    assert sorted(key_of(r["t"], "subcategory-total") for r in rows) == sorted(
        f"{s}/{t.subcategory}" for s, t in ALL_TOTALS
    )


# ---------------------------------------------------------------------------------------- narrative rows


@pytest.mark.parametrize(
    ("scope", "narrative"), ALL_NARRATIVES, ids=[f"{s}/{n.key}@L{n.line}" for s, n in ALL_NARRATIVES]
)
def test_narrative_deliverable(mandates: Mandates, scope: str, narrative: Narrative) -> None:
    key = f"{scope}/{narrative.key}"
    zh, en, _ = SUBCATEGORIES[narrative.subcategory]
    doc = mandates.deliverable(key)
    assert doc["key"] == key
    assert doc["scope"] == scope
    assert doc["table"] == TABLE_OF[scope].number
    assert doc["category"] == narrative.category
    assert doc["subcategory"] == {"zh": zh, "en": en}
    assert doc["title"] == {"zh": narrative.title}
    assert doc["quantities"] == []
    assert "item" not in doc
    assert doc["source"]["line"] == narrative.line
    assert doc["source"]["paragraph"] == f"a-79-6-sect16/{TABLE_OF[scope].paragraph}"
    text = doc["text"]["zh"]
    assert text.startswith(narrative.starts)
    assert text.endswith(narrative.ends)
    assert "<p>" not in text and "</p>" not in text
    assert not text.startswith((narrative.title, "：", ":", " "))


def test_narrative_ordinals_and_categories(sparql: Sparql, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?d ?ordinal ?cat WHERE {
          ?d a kg:Deliverable ; kg:narrativeOrdinal ?ordinal ; kg:category ?cat
        }"""
    )
    got = sorted((key_of(r["d"], "deliverable"), r["ordinal"], key_of(r["cat"], "deliverable-category")) for r in rows)
    want = sorted((f"{s}/{n.key}", n.key.split("-")[1], n.category.lower()) for s, n in ALL_NARRATIVES)
    assert got == want


def test_restored_label_of_table_16_14(sparql: Sparql, node: Node, key_of: KeyOf) -> None:
    # line 1272 (corrected): the second paragraph of category C is 数据库和实质性数字材料
    for key in ("2025/sp6/c-1", "2025/sp6/c-2"):
        rows = sparql("SELECT ?d ?corr WHERE { ?d kg:correctedBy ?corr }", d=node("deliverable", key))
        assert {key_of(r["corr"], "correction") for r in rows} == {"a-79-6-sect16/1272"}, key


# ---------------------------------------------------------------------------------------- special cases


def test_table_16_4_fourth_column_is_2025_planned(
    mandates: Mandates, sparql: Sparql, node: Node, key_of: KeyOf
) -> None:
    # lines 628 and 636 head the fourth column "2024 年 计划" a second time; corrected to 2025 planned
    doc = mandates.deliverable("2025/sp1/2")  # line 632: 34 6 10 —
    assert [(q["year"], q["status"]) for q in doc["quantities"]] == list(COLUMNS)
    assert doc["quantities"][3] == {"year": 2025, "status": "planned", "value": 0, "dash": True}
    assert doc["quantities"][2] == {"year": 2024, "status": "planned", "value": 10}
    rows = sparql("SELECT ?t ?corr WHERE { ?t kg:correctedBy ?corr }", t=node("table", "a-79-6-sect16/16.4"))
    assert {key_of(r["corr"], "correction") for r in rows} == {"a-79-6-sect16/628", "a-79-6-sect16/636"}


def test_table_16_6_footnote_a(sparql: Sparql, node: Node, key_of: KeyOf) -> None:
    rows = sparql(
        """
        SELECT ?fn ?marker ?text ?line ?in WHERE {
          ?fn kg:marker ?marker ; kg:text ?text ; kg:sourceLine ?line ; kg:markedIn ?in
        }""",
        fn=node("footnote", "a-79-6-sect16/16.6-a"),
    )
    assert len(rows) == 1
    assert rows[0]["marker"] == "a"
    assert rows[0]["line"] == "781"
    assert rows[0]["text"] == "关于减少毒品供应的外地和技术合作项目及其出版物，参见表 16.4 下的应交付产出 B.6 和 B.10。"
    assert key_of(rows[0]["in"], "table") == "a-79-6-sect16/16.6"


def test_table_16_25_has_two_meeting_subcategories(mandates: Mandates) -> None:
    by_key = {d["key"]: d for d in mandates.deliverables("2025/sp9-2")["deliverables"]}
    # lines 1752-1756: 实质性会议服务 items 7-9; lines 1757-1761: 会议和秘书处会议服务 items 10-12
    for item in (7, 8, 9):
        assert by_key[f"2025/sp9-2/{item}"]["subcategory"]["zh"] == "实质性会议服务"
    for item in (10, 11, 12):
        assert by_key[f"2025/sp9-2/{item}"]["subcategory"]["zh"] == "会议和秘书处会议服务"
    # the same bodies under both: 7 and 10 read alike, with the same figures
    assert by_key["2025/sp9-2/7"]["title"] == by_key["2025/sp9-2/10"]["title"]
    assert by_key["2025/sp9-2/7"]["quantities"] == by_key["2025/sp9-2/10"]["quantities"]


def test_programme_table_keys(mandates: Mandates) -> None:
    # table 16.1 (lines 485-514): the programme's own deliverables are 2025/programme/1 … 11
    doc = mandates.deliverables("2025/programme")
    assert [d["key"] for d in doc["deliverables"] if "item" in d] == [f"2025/programme/{i}" for i in range(1, 12)]
    assert mandates.deliverable("2025/programme/10")["title"]["zh"] == "评价(独立评价、联合评价、全系统评价和综合研究)"
