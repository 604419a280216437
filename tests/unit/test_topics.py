"""Topics: the scheme (ontology/vocabularies/topics.ttl), its terms (ontology/topics.ttl), the tagging rules
(data/reference/topic-rules.toml) on real lines of the sources, and the tagger (src/unodc_kg/topics.py).

The rule cases quote the text they test and the line of the project's copy of the source that prints it
(A = data/sources/A-79-6-Sect16.zh.txt, E = data/sources/E-CN7-2007-14.zh.txt); each checks the topics the
text gets, with the words that matched, and the topics it must not get (the false hits the rules keep out).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.errors import BuildError
from unodc_kg.iris import Iris
from unodc_kg.topics import Rule, Rules, load_rules, normalise, parse_rules, scheme_topics, tag_graphs

ROOT = Path(__file__).resolve().parents[2]
SCHEME_FILE = ROOT / "ontology" / "vocabularies" / "topics.ttl"
TERMS_FILE = ROOT / "ontology" / "topics.ttl"
RULES_FILE = ROOT / "data" / "reference" / "topic-rules.toml"
SOURCES = {
    "A": ROOT / "data" / "sources" / "A-79-6-Sect16.zh.txt",
    "E": ROOT / "data" / "sources" / "E-CN7-2007-14.zh.txt",
}
BASE = "https://w3id.org/unodc-kg/"
KG = Namespace(BASE + "ontology/")
ID = Namespace(BASE + "id/")
SCHEME = ID["scheme/topics"]
UNBIS = "http://metadata.un.org/thesaurus/"

# The alignments to the UNBIS Thesaurus, each checked (id, English and Chinese label) in a public scrape of
# metadata.un.org (GitHub ClementSicard/un-unbis-thesaurus-scraper, all_topics.json, commit 6dd402d): a new one
# is added here only after such a check.
UNBIS_ALIGNMENTS = {
    "alternative-development": {("closeMatch", "1001407")},  # CROP SUBSTITUTION 作物取代
    "corruption": {("exactMatch", "1001328")},  # CORRUPTION 腐败
    "cultural-property": {("closeMatch", "1001440")},  # CULTURAL PROPERTY PROTECTION 保护文化财产
    "cybercrime": {("closeMatch", "1001186")},  # COMPUTER CRIMES 计算机犯罪
    "data-and-statistics": {("closeMatch", "1001393"), ("closeMatch", "1001784")},  # CRIMINAL / DRUG STATISTICS
    "drug-trafficking": {("closeMatch", "1001786")},  # DRUG TRAFFIC 贩毒
    "firearms": {("closeMatch", "1002354")},  # FIREARMS 火器
    "gender": {("closeMatch", "1002612")},  # GENDER EQUALITY 两性平等
    "hiv-aids": {("exactMatch", "1000181")},  # HIV/AIDS
    "juvenile-justice": {("closeMatch", "1003507")},  # JUVENILE JUSTICE 少年司法
    "maritime-crime": {("closeMatch", "1003939")},  # MARITIME SECURITY 海上安全
    "money-laundering": {("closeMatch", "1003642")},  # LAUNDERING OF FUNDS 洗钱
    "organized-crime": {("closeMatch", "1004663")},  # ORGANIZED CRIME 有组织的犯罪
    "precursors": {("exactMatch", "1005079")},  # PRECURSOR CHEMICALS 化学先质
    "prisons": {("closeMatch", "1005119"), ("closeMatch", "1005113")},  # PRISONS, PRISON REFORM
    "terrorism": {("exactMatch", "1006475")},  # TERRORISM 恐怖主义
    "trafficking-in-persons": {("exactMatch", "1006622")},  # TRAFFICKING IN PERSONS 贩卖人口
    "victims": {("exactMatch", "1001377")},  # CRIME VICTIMS 犯罪受害者
}
TOPICS = {
    "access-to-controlled-medicines",
    "alternative-development",
    "asset-recovery",
    "corruption",
    "cultural-property",
    "cybercrime",
    "data-and-statistics",
    "drug-demand-reduction",
    "drug-trafficking",
    "environment",
    "firearms",
    "forensics",
    "gender",
    "hiv-aids",
    "juvenile-justice",
    "maritime-crime",
    "money-laundering",
    "organized-crime",
    "precursors",
    "prisons",
    "smuggling-of-migrants",
    "synthetic-drugs",
    "terrorism",
    "trafficking-in-persons",
    "victims",
}


@pytest.fixture(scope="module")
def scheme() -> Graph:
    return Graph().parse(SCHEME_FILE, format="turtle")


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules(RULES_FILE)


@pytest.fixture(scope="module")
def source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES.values())


def _source_line(doc: str, line: int) -> str:
    return SOURCES[doc].read_text(encoding="utf-8").split("\n")[line - 1]


# ---------------------------------------------------------------------------------------------- the scheme


@pytest.mark.parametrize("path", [SCHEME_FILE, TERMS_FILE], ids=["scheme", "terms"])
def test_file_has_no_blank_nodes_and_the_default_base(path: Path) -> None:
    graph = Graph().parse(path, format="turtle")
    assert len(graph) > 20
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]
    for term in {x for t in graph for x in t if isinstance(x, URIRef)}:
        if "unodc-kg" in term:
            assert term.startswith(BASE), term


def test_the_scheme_has_the_topics(scheme: Graph) -> None:
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in scheme
    concepts = set(scheme.subjects(RDF.type, SKOS.Concept))
    assert {str(c).removeprefix(str(ID["topic/"])) for c in concepts} == TOPICS
    assert set(scheme.objects(SCHEME, SKOS.hasTopConcept)) == concepts
    assert scheme_topics(scheme, Iris(BASE)) == {k: ID[f"topic/{k}"] for k in TOPICS}


@pytest.mark.parametrize("key", sorted(TOPICS))
def test_a_topic_is_labelled_as_the_sources_word_it(scheme: Graph, source_text: str, key: str) -> None:
    concept = ID[f"topic/{key}"]
    assert [str(n) for n in scheme.objects(concept, SKOS.notation)] == [key]
    assert list(scheme.objects(concept, SKOS.inScheme)) == [SCHEME]
    assert (concept, SKOS.topConceptOf, SCHEME) in scheme
    labels = {lab.language: str(lab) for lab in scheme.objects(concept, SKOS.prefLabel) if isinstance(lab, Literal)}
    assert set(labels) == {"en", "zh"}, concept
    # The Chinese label is the sources' wording: printed as it is, or two printed terms joined by 和.
    zh = labels["zh"]
    assert zh in source_text or all(part in source_text for part in zh.split("和")), zh
    # The English label is ours, and says so.
    notes = [str(n) for n in scheme.objects(concept, SKOS.scopeNote) if getattr(n, "language", None) == "en"]
    assert len(notes) == 1 and "not an official" in notes[0]
    assert [d for d in scheme.objects(concept, SKOS.definition) if getattr(d, "language", None) == "en"]


def test_unbis_alignments_are_the_verified_ones_only(scheme: Graph) -> None:
    found: dict[str, set[tuple[str, str]]] = {}
    for relation in (SKOS.exactMatch, SKOS.closeMatch):
        for concept, target in scheme.subject_objects(relation):
            assert re.fullmatch(re.escape(UNBIS) + r"\d{7}", str(target)), target
            key = str(concept).removeprefix(str(ID["topic/"]))
            found.setdefault(key, set()).add((str(relation).rsplit("#", 1)[1], str(target).removeprefix(UNBIS)))
    assert found == UNBIS_ALIGNMENTS
    for relation in (SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch):
        assert not list(scheme.subject_objects(relation))


def test_the_terms_of_the_topics_module() -> None:
    terms = Graph().parse(TERMS_FILE, format="turtle")
    declared = {
        s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in terms.subjects(RDF.type, t)
    }
    assert declared == {
        KG.TopicRule,
        KG.TopicTag,
        KG.hasTopic,
        KG.taggedNode,
        KG.topic,
        KG.matchedText,
        KG.signalText,
        KG.exclusionText,
    }
    for term in declared:
        for lang in ("en", "zh"):
            assert len([x for x in terms.objects(term, RDFS.label) if getattr(x, "language", None) == lang]) == 1
        assert [x for x in terms.objects(term, SKOS.definition) if getattr(x, "language", None) == "en"]
        assert (term, RDFS.isDefinedBy, URIRef(BASE + "ontology/")) in terms
    assert not list(terms.subjects(RDF.type, OWL.Ontology))  # a module of the kg: ontology, not one of its own


# ---------------------------------------------------------------------------------------------- the rules


def test_every_topic_has_one_rule(rules: Rules) -> None:
    assert [r.topic for r in rules.rules] == sorted(TOPICS)
    assert rules.documents == ("e-cn7-2007-14",)
    for rule in rules.rules:
        assert rule.signals and all(s == normalise(s) for s in rule.signals), rule.topic


# (source, line, the text quoted from that line, topic -> words it must get, topics it must not get)
CASES = [
    ("A", 642, "防止和打击贩运枪支和有关犯罪", {"firearms": ["枪支"]}, {"trafficking-in-persons"}),
    (
        "A",
        643,
        "预防和打击贩运人口和偷运移民",
        {"trafficking-in-persons": ["贩运人口"], "smuggling-of-migrants": ["偷运移民"]},
        set(),
    ),
    # smuggling of migrants is not trafficking in persons
    ("A", 207, "加强国际合作，解决偷运移民问题", {"smuggling-of-migrants": ["偷运移民"]}, {"trafficking-in-persons"}),
    # the protocol's "especially women and children" is not about gender
    (
        "A",
        93,
        "《联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》",
        {"trafficking-in-persons": ["贩运人口"], "organized-crime": ["组织犯罪"]},
        {"gender"},
    ),
    # GA 75/158; 77/194, trafficking in women and girls
    ("A", 110, "贩运妇女和儿童", {"trafficking-in-persons": ["贩运妇女"], "gender": ["妇女"]}, set()),
    ("A", 603, "改进火器、零部件和弹药的登记和可追溯性", {"firearms": ["火器"]}, set()),
    ("A", 194, "小武器和轻武器非法贸易的各方面问题", {"firearms": ["小武器和轻武器"]}, set()),
    # CND 65/1: alternative development that protects the environment is no crime against it
    (
        "A",
        251,
        "促进替代发展，将其作为一项面向发展的药物管制战略，同时考虑到保护环境的措施",
        {"alternative-development": ["替代发展"]},
        {"environment"},
    ),
    # COSP 9/3: ICT used by supreme audit institutions is not cybercrime
    (
        "A",
        292,
        "《关于加强最高审计机关和反腐败机构之间的合作以更有效地预防和打击腐败的阿布扎比宣言》的后续行动，以及信息和通信技术的使用",
        {"corruption": ["腐败"]},
        {"cybercrime"},
    ),
    ("A", 193, "打击为犯罪目的使用信息和通信技术行为", {"cybercrime": ["为犯罪目的使用信息和通信技术"]}, set()),
    # GA 45/179 is about the drug control machinery, not demand reduction
    ("A", 104, "加强联合国药物滥用管制机构", {}, {"drug-demand-reduction"}),
    # CND 54/3: reference samples for laboratories, not access to controlled medicines
    (
        "A",
        164,
        "确保药物检测实验室科研用途的管制物质参照样本和检测样本的供应",
        {"forensics": ["实验室"]},
        {"access-to-controlled-medicines"},
    ),
    (
        "A",
        1715,
        "强效新精神活性物质和非医用合成阿片类药物供应减少",
        {"synthetic-drugs": ["新精神活性物质", "合成阿片类药物"]},
        {"access-to-controlled-medicines"},
    ),
    # CND 58/5: alternatives to conviction are not alternative development
    ("A", 173, "对适当的毒品相关轻微罪行实行替代定罪或惩罚措施", {}, {"alternative-development"}),
    # GA 71/1 is about refugees and migrants, not smuggling
    ("A", 189, "关于难民和移民的纽约宣言", {}, {"smuggling-of-migrants"}),
    # the 1988 convention on maritime navigation is an instrument against terrorism
    (
        "A",
        326,
        "经 2005 年议定书修正的 1988 年《制止危及海上航行安全非法行为公约》",
        {"terrorism": ["海上航行安全"]},
        {"maritime-crime"},
    ),
    # the heading of narrative deliverables: a database is not data
    ("A", 511, "数据库和实质性数字材料", {}, {"data-and-statistics"}),
    (
        "A",
        1374,
        "联合国援助人口贩运活动受害者特别是妇女和儿童自愿信托基金",
        {"trafficking-in-persons": ["人口贩运"], "victims": ["受害者"]},
        {"gender"},
    ),
    ("A", 170, "保护儿童免受毒品困扰", {}, {"juvenile-justice"}),
    ("A", 360, "打击网上儿童性剥削和性虐待", {"cybercrime": ["网上儿童性剥削"]}, {"juvenile-justice"}),
    # the 2008-2011 strategy: vulnerable groups are not victims, women and children there not gender
    ("E", 392, "一般公众和易受害群体对贩运人口问题的认识", {"trafficking-in-persons": ["贩运人口"]}, {"victims"}),
    ("E", 495, "弱势社会群体包括妇女和儿童的援助受害人方", {"victims": ["受害人"]}, {"gender"}),
    ("E", 371, "特别关注妇女和儿童", {}, {"gender"}),
    ("E", 388, "创造处理青年犯罪和暴力犯罪的工具", {"juvenile-justice": ["青年犯罪"]}, set()),
    ("E", 457, "吸毒致瘾者治疗和康复", {"drug-demand-reduction": ["吸毒致瘾者"]}, set()),
]


@pytest.mark.parametrize(("doc", "line", "text", "expected", "absent"), CASES, ids=[f"{c[0]}{c[1]}" for c in CASES])
def test_rules_on_source_lines(
    rules: Rules, doc: str, line: int, text: str, expected: dict[str, list[str]], absent: set[str]
) -> None:
    assert normalise(text) in normalise(_source_line(doc, line)), f"{doc} line {line} does not print {text!r}"
    found = rules.topics(text)
    for topic, words in expected.items():
        assert found.get(topic) == words, (topic, found)
    assert not absent & set(found), found


def test_a_signal_counts_outside_an_exclusion_only() -> None:
    rule = Rule("gender", ("妇女",), ("特别是妇女和儿童",))
    assert rule.matches("特别是妇女和儿童") == []
    assert rule.matches("特别是妇女和儿童；增强妇女权能") == ["妇女"]
    assert rule.matches("特 别是妇女和儿童") == []  # white space of the conversion does not matter
    assert Rule("hiv-aids", ("艾滋病",)).matches("ＨＩＶ：艾滋病") == ["艾滋病"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[topic]]\nkey = "firearms"\nsignals = []\n', "no signals"),
        ('[[topic]]\nkey = "firearms"\nsignals = ["枪支", "枪支"]\n', "listed twice"),
        ('[[topic]]\nkey = "Firearms"\nsignals = ["枪支"]\n', "no key"),
        ('[[topic]]\nkey = "firearms"\nsignals = ["枪支"]\nwords = ["火器"]\n', "unknown fields"),
        ('[[topic]]\nkey = "a"\nsignals = ["x"]\n[[topic]]\nkey = "a"\nsignals = ["y"]\n', "two rules"),
        ('[scan]\ndocuments = "e-cn7-2007-14"\n', "[scan] documents"),
        ("[[topic]\n", "not valid TOML"),
    ],
)
def test_bad_rules_are_refused(text: str, message: str) -> None:
    with pytest.raises(BuildError, match=re.escape(message)):
        parse_rules(text, "rules.toml")


# ---------------------------------------------------------------------------------------------- the tagger

FIXTURE = """
@prefix kg: <https://w3id.org/unodc-kg/ontology/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7> a kg:Deliverable ;
    dcterms:title "防止和打击贩运枪支和有关犯罪"@zh .
<https://w3id.org/unodc-kg/id/instrument/cop-untoc/10-2> a kg:Resolution ;
    dcterms:title "加强国际合作打击非法制造和贩运枪支及其零部件和弹药"@zh .
<https://w3id.org/unodc-kg/id/instrument/ccpcj/30-1> a kg:Resolution ;
    dcterms:title "加强国际合作，解决偷运移民问题"@zh .
<https://w3id.org/unodc-kg/id/paragraph/a-79-6-sect16/16.23> a kg:Paragraph ;
    kg:text "为了有效打击非法贩运枪支"@zh .
"""
STRATEGY = """
@prefix kg: <https://w3id.org/unodc-kg/ontology/> .
<https://w3id.org/unodc-kg/id/strategy/2008-2011/3.2> kg:text "预防腐败"@zh .
"""
ONTOLOGY = """
@prefix kg: <https://w3id.org/unodc-kg/ontology/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kg:Resolution rdfs:subClassOf kg:LegalInstrument .
"""
SMALL_RULES = Rules(
    (
        Rule("corruption", ("腐败",)),
        Rule("firearms", ("枪支",)),
        Rule("smuggling-of-migrants", ("偷运移民",)),
    ),
    ("e-cn7-2007-14",),
)


def _graphs() -> dict[str, Graph]:
    iris = Iris(BASE)
    ontology = Graph().parse(data=ONTOLOGY, format="turtle")
    small = Graph()
    for key in ("corruption", "firearms", "smuggling-of-migrants"):
        small.add((ID[f"topic/{key}"], SKOS.inScheme, SCHEME))
        small.add((ID[f"topic/{key}"], SKOS.notation, Literal(key)))
    ontology += small
    return {
        str(iris.graph("ontology")): ontology,
        str(iris.graph("a-79-6-sect16")): Graph().parse(data=FIXTURE, format="turtle"),
        str(iris.graph("e-cn7-2007-14")): Graph().parse(data=STRATEGY, format="turtle"),
    }


def test_tags_name_their_node_topic_words_and_rule() -> None:
    g = tag_graphs(_graphs(), Iris(BASE), SMALL_RULES)
    tag = ID["topic-tag/deliverable/2025/sp1/7/firearms"]
    deliverable = ID["deliverable/2025/sp1/7"]
    assert (tag, RDF.type, KG.TopicTag) in g
    assert (tag, KG.taggedNode, deliverable) in g
    assert (tag, KG.topic, ID["topic/firearms"]) in g
    assert list(g.objects(tag, KG.matchedText)) == [Literal("枪支", lang="zh")]
    assert set(g.objects(tag, PROV.wasDerivedFrom)) == {deliverable, ID["topic-rule/firearms"]}
    assert (deliverable, KG.hasTopic, ID["topic/firearms"]) in g
    # the rule is in the graph with its words
    rule = ID["topic-rule/firearms"]
    assert (rule, RDF.type, KG.TopicRule) in g and (rule, KG.signalText, Literal("枪支", lang="zh")) in g
    tagged = {str(n).removeprefix(str(ID)): str(t).rsplit("/", 1)[1] for n, t in g.subject_objects(KG.hasTopic)}
    assert tagged == {
        "deliverable/2025/sp1/7": "firearms",
        "instrument/cop-untoc/10-2": "firearms",  # a subclass of kg:LegalInstrument
        "instrument/ccpcj/30-1": "smuggling-of-migrants",
        "strategy/2008-2011/3.2": "corruption",  # any node with a text in the strategy's graph
    }  # not the budget's paragraph: paragraphs of the budget are not read
    assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


def test_tagging_twice_gives_the_same_graph() -> None:
    first = tag_graphs(_graphs(), Iris(BASE), SMALL_RULES)
    second = tag_graphs(_graphs(), Iris(BASE), SMALL_RULES)
    assert sorted(first) == sorted(second)
    assert pipeline.canonical_turtle(first) == pipeline.canonical_turtle(second)


def test_rules_and_scheme_must_agree() -> None:
    rules = Rules((*SMALL_RULES.rules, Rule("piracy", ("海盗",))))
    with pytest.raises(BuildError, match="rules without a topic \\['piracy'\\]"):
        tag_graphs(_graphs(), Iris(BASE), rules)


# ---------------------------------------------------------------------------------------------- the real build


@pytest.fixture(scope="module")
def topics_graph(build: pipeline.BuildResult, settings: Settings) -> Graph:
    return build.graphs[str(Iris(settings.base).graph("topics"))]


def test_every_topic_tags_something_in_the_sources(topics_graph: Graph) -> None:
    counts: dict[str, int] = {}
    for tag in topics_graph.subjects(RDF.type, KG.TopicTag):
        key = str(topics_graph.value(tag, KG.topic)).rsplit("/", 1)[1]
        counts[key] = counts.get(key, 0) + 1
    assert set(counts) == TOPICS, sorted(TOPICS - set(counts))


def test_every_tag_records_words_its_node_prints(build: pipeline.BuildResult, topics_graph: Graph) -> None:
    texts: dict[URIRef, str] = {}
    for name, g in build.graphs.items():
        if name.endswith("/graph/topics"):
            continue
        for p in (DCTERMS.title, KG.text):
            for s, o in g.subject_objects(p):
                if isinstance(s, URIRef) and isinstance(o, Literal) and o.language == "zh":
                    texts[s] = texts.get(s, "") + "\n" + normalise(str(o))
    tags = list(topics_graph.subjects(RDF.type, KG.TopicTag))
    assert len(tags) > 400
    for tag in tags:
        node = topics_graph.value(tag, KG.taggedNode)
        words = [str(w) for w in topics_graph.objects(tag, KG.matchedText)]
        assert words and isinstance(node, URIRef), tag
        assert all(w in texts[node] for w in words), (tag, words)
        assert (node, KG.hasTopic, topics_graph.value(tag, KG.topic)) in topics_graph
        assert str(tag).startswith(str(node).replace("/id/", "/id/topic-tag/", 1) + "/"), tag
    assert not [t for t in topics_graph if any(isinstance(x, BNode) for x in t)]


def test_deliverable_7_of_subprogramme_1_is_about_firearms(topics_graph: Graph) -> None:
    assert set(topics_graph.objects(ID["deliverable/2025/sp1/7"], KG.hasTopic)) == {ID["topic/firearms"]}
