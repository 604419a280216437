"""Tests of the hand-written ontology, vocabularies and reference data.

What is checked: every file parses and has no blank nodes; every term of docs/model.md is declared
in ontology/unodc-kg.ttl with labels (@en, @zh) and a definition; the reused terms are declared in
ontology/external.ttl only; the SKOS schemes, organs and instruments carry the labels, notations
and symbol patterns the extractor and the shapes rely on, with Chinese labels that occur verbatim in
the source; and the whole is consistent under HermiT (skipped where no `java` is on PATH).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SKOS

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology" / "unodc-kg.ttl"
EXTERNAL = ROOT / "ontology" / "external.ttl"
CATEGORIES = ROOT / "ontology" / "vocabularies" / "deliverable-categories.ttl"
STATUSES = ROOT / "ontology" / "vocabularies" / "figure-status.ttl"
ORGANS = ROOT / "data" / "reference" / "organs.ttl"
INSTRUMENTS = ROOT / "data" / "reference" / "instruments.ttl"
ALL_FILES = [ONTOLOGY, EXTERNAL, CATEGORIES, STATUSES, ORGANS, INSTRUMENTS]
MODEL_DOC = ROOT / "docs" / "model.md"
SOURCE = ROOT / "data" / "sources" / "A-79-6-Sect16.zh.txt"

BASE = "https://w3id.org/unodc-kg/"
KG = Namespace(BASE + "ontology/")
ID = Namespace(BASE + "id/")
ONTOLOGY_IRI = URIRef(BASE + "ontology/")
QB = Namespace("http://purl.org/linked-data/cube#")
# A plain Namespace: rdflib's XSD warns when pytest probes module attributes during collection.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
CATEGORY_SCHEME = ID["scheme/deliverable-categories"]
STATUS_SCHEME = ID["scheme/figure-status"]

DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    QB.DimensionProperty,
    QB.MeasureProperty,
    QB.AttributeProperty,
    QB.DataStructureDefinition,
}
TERM_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
REUSED_NAMESPACES = (str(DCTERMS), str(SKOS), str(PROV), str(ORG), str(QB))
# The datatypes of the OWL 2 datatype map that our ranges use (xsd:gYear is not in the map).
OWL2_DATATYPES = {XSD.string, XSD.positiveInteger, XSD.nonNegativeInteger, XSD.boolean}

requires_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="HermiT needs a Java runtime and `java` is not on PATH"
)


# ---------------------------------------------------------------------------------------------
# Helpers and fixtures
# ---------------------------------------------------------------------------------------------


def _parse(*paths: Path) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def _literals(graph: Graph, subject: URIRef, predicate: URIRef, language: str | None) -> list[str]:
    return [str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == language]


def _one(graph: Graph, subject: URIRef, predicate: URIRef, language: str | None = None) -> str:
    values = _literals(graph, subject, predicate, language)
    assert len(values) == 1, f"{subject} needs exactly one {predicate} @{language}, has {values}"
    return values[0]


def _kg_terms(graph: Graph) -> set[URIRef]:
    """The classes and properties our ontology declares in the kg: namespace."""
    return {
        s
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(KG)) and s != ONTOLOGY_IRI
    }


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return _parse(ONTOLOGY)


@pytest.fixture(scope="module")
def external() -> Graph:
    return _parse(EXTERNAL)


@pytest.fixture(scope="module")
def categories() -> Graph:
    return _parse(CATEGORIES)


@pytest.fixture(scope="module")
def statuses() -> Graph:
    return _parse(STATUSES)


@pytest.fixture(scope="module")
def organs() -> Graph:
    return _parse(ORGANS)


@pytest.fixture(scope="module")
def instruments() -> Graph:
    return _parse(INSTRUMENTS)


@pytest.fixture(scope="module")
def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# All files
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_file_parses_without_blank_nodes(path: Path) -> None:
    graph = _parse(path)
    assert len(graph) > 0
    blank = [t for t in graph if any(isinstance(term, BNode) for term in t)]
    assert blank == [], f"{path.name} has blank nodes: {blank[:3]}"


@pytest.mark.parametrize("path", [p for p in ALL_FILES if p != EXTERNAL], ids=lambda p: p.name)
def test_file_uses_the_default_base_only(path: Path) -> None:
    graph = _parse(path)
    ours = [str(term) for t in graph for term in t if isinstance(term, URIRef) and "unodc-kg" in term]
    assert ours, f"{path.name} names none of our IRIs"
    assert BASE in path.read_text(encoding="utf-8")
    assert all(iri.startswith(BASE) for iri in ours), [i for i in ours if not i.startswith(BASE)]


# ---------------------------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert _literals(ontology, ONTOLOGY_IRI, DCTERMS.title, "en")
    assert _literals(ontology, ONTOLOGY_IRI, DCTERMS.description, "en")
    assert [str(v) for v in ontology.objects(ONTOLOGY_IRI, OWL.versionInfo)] == ["0.1.0"]
    assert list(ontology.objects(ONTOLOGY_IRI, DCTERMS.license))


def _model_terms() -> set[str]:
    # The brief's pattern is kg:[A-Za-z]+; digits are allowed after the first letter so that
    # kg:sha256 is read whole rather than as "kg:sha".
    return set(re.findall(r"kg:([A-Za-z][A-Za-z0-9]*)", MODEL_DOC.read_text(encoding="utf-8")))


def test_every_term_of_the_model_is_declared(ontology: Graph) -> None:
    names = _model_terms()
    assert len(names) >= 100, "docs/model.md names fewer kg: terms than expected: is the regex stale?"
    # unodc-kg.ttl and the modules of the kg: ontology beside it (ontology/topics.ttl ...), not external.ttl
    modules = sorted(p for p in ONTOLOGY.parent.glob("*.ttl") if p not in (ONTOLOGY, EXTERNAL))
    declared = ontology + _parse(*modules)
    undeclared = sorted(name for name in names if not set(declared.objects(KG[name], RDF.type)) & DECLARATION_TYPES)
    assert undeclared == []


def test_every_term_has_labels_and_a_definition(ontology: Graph) -> None:
    terms = _kg_terms(ontology)
    assert len(terms) > 90
    for term in sorted(terms):
        _one(ontology, term, RDFS.label, "en")
        _one(ontology, term, RDFS.label, "zh")
        _one(ontology, term, SKOS.definition, "en")
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, term


def test_labels_tell_the_terms_apart(ontology: Graph) -> None:
    for language in ("en", "zh"):
        labels = [label for term in _kg_terms(ontology) for label in _literals(ontology, term, RDFS.label, language)]
        assert sorted({label for label in labels if labels.count(label) > 1}) == [], language


def test_no_property_is_both_object_and_datatype(ontology: Graph, external: Graph) -> None:
    graph = ontology + external
    objects = set(graph.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    annotations = set(graph.subjects(RDF.type, OWL.AnnotationProperty))
    assert objects & datatypes == set()
    assert (objects | datatypes) & annotations == set()


def test_datatype_ranges_are_in_the_owl2_datatype_map(ontology: Graph) -> None:
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        for datatype in ontology.objects(prop, RDFS.range):
            assert datatype in OWL2_DATATYPES, f"{prop} has range {datatype}"


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.Programme, KG.Scope),
        (KG.Subprogramme, KG.Scope),
        (KG.Component, KG.Scope),
        (KG.Resolution, KG.LegalInstrument),
        (KG.Decision, KG.LegalInstrument),
        (KG.Declaration, KG.LegalInstrument),
        (KG.Statement, KG.LegalInstrument),
        (KG.Treaty, KG.LegalInstrument),
        (KG.Convention, KG.Treaty),
        (KG.Protocol, KG.Treaty),
        (KG.Deliverable, KG.DeliverableLine),
        (KG.SubcategoryTotal, KG.DeliverableLine),
        (KG.ParagraphItem, KG.Paragraph),
        (KG.Organ, ORG.Organization),
        (KG.Document, PROV.Entity),
        (KG.Paragraph, PROV.Entity),
        (KG.Table, PROV.Entity),
        (KG.Figure, PROV.Entity),
        (KG.Footnote, PROV.Entity),
    ],
    ids=lambda term: str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1],
)
def test_class_hierarchy(ontology: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in ontology


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (KG.Resolution, KG.Decision),
        (KG.Deliverable, KG.SubcategoryTotal),
        (KG.Convention, KG.Protocol),
        (KG.Programme, KG.Subprogramme),
    ],
    ids=lambda term: str(term).rsplit("/", 1)[-1],
)
def test_disjoint_classes(ontology: Graph, one: URIRef, other: URIRef) -> None:
    assert (one, OWL.disjointWith, other) in ontology or (other, OWL.disjointWith, one) in ontology


def test_functional_properties(ontology: Graph) -> None:
    for prop in (KG.sourceLine, KG.resultNumber, KG.scope, KG.lineItem, KG.quantity):
        assert (prop, RDF.type, OWL.FunctionalProperty) in ontology, prop
    # Non-simple properties (defined by a chain) cannot be functional in OWL 2 DL.
    assert (KG.mandatedBy, RDF.type, OWL.FunctionalProperty) not in ontology


def test_properties_used_on_several_classes_have_no_single_domain(ontology: Graph) -> None:
    for prop in (KG.scope, KG.text, KG.sourceLine, KG.year, KG.status, KG.dash, KG.itemLabel, KG.mandatedBy):
        assert list(ontology.objects(prop, RDFS.domain)) == [], prop


def test_mandates_and_citations(ontology: Graph) -> None:
    assert (KG.cites, RDFS.subPropertyOf, DCTERMS.references) in ontology
    assert (KG.hasLegislativeMandate, RDFS.domain, KG.Scope) in ontology
    assert (KG.hasLegislativeMandate, RDFS.range, KG.LegalInstrument) in ontology
    assert (KG.mandatesScope, OWL.inverseOf, KG.hasLegislativeMandate) in ontology
    chains = list(ontology.objects(KG.mandatedBy, OWL.propertyChainAxiom))
    assert len(chains) == 1
    assert list(Collection(ontology, chains[0])) == [KG.scope, KG.hasLegislativeMandate]
    assert (KG.mandatedBy, RDFS.subPropertyOf, None) not in ontology
    assert (KG.namesSDG, RDF.type, OWL.ObjectProperty) in ontology
    assert list(ontology.objects(KG.namesSDG, RDFS.range)) == []
    assert any("metadata.un.org/sdg" in str(c) for c in ontology.objects(KG.namesSDG, RDFS.comment))


def test_data_cube_structure(ontology: Graph) -> None:
    structure = KG.deliverablesStructure
    assert (structure, RDF.type, QB.DataStructureDefinition) in ontology
    specs = list(ontology.objects(structure, QB.component))
    assert all(isinstance(spec, URIRef) for spec in specs)
    found: dict[URIRef, set[URIRef]] = {QB.dimension: set(), QB.measure: set(), QB.attribute: set()}
    for spec in specs:
        assert (spec, RDF.type, QB.ComponentSpecification) in ontology
        for role, members in found.items():
            members.update(o for o in ontology.objects(spec, role) if isinstance(o, URIRef))
    assert found == {
        QB.dimension: {KG.lineItem, KG.year, KG.status},
        QB.measure: {KG.quantity},
        QB.attribute: {KG.dash},
    }
    for dimension in found[QB.dimension]:
        assert (dimension, RDF.type, QB.DimensionProperty) in ontology
    assert (KG.quantity, RDF.type, QB.MeasureProperty) in ontology
    assert (KG.quantity, RDFS.range, XSD.nonNegativeInteger) in ontology
    assert (KG.dash, RDF.type, QB.AttributeProperty) in ontology
    assert (KG.dash, RDFS.range, XSD.boolean) in ontology
    assert (KG.status, QB.codeList, STATUS_SCHEME) in ontology


def test_unit_properties_are_declared_on_concepts(ontology: Graph) -> None:
    for prop in (KG.unitCode, KG.unitLabel):
        assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
        assert (prop, RDFS.domain, SKOS.Concept) in ontology
    for prop in (KG.resolutionSymbolPattern, KG.decisionSymbolPattern):
        assert (prop, RDFS.domain, KG.Organ) in ontology
        assert (prop, RDFS.range, XSD.string) in ontology


# ---------------------------------------------------------------------------------------------
# The reused terms
# ---------------------------------------------------------------------------------------------


def _reused_terms(graphs: Iterable[Graph]) -> set[URIRef]:
    """Reused classes and properties: predicates and rdf:type objects in the reused namespaces."""
    terms: set[URIRef] = set()
    for graph in graphs:
        for _s, p, o in graph:
            terms.add(p)  # type: ignore[arg-type]
            if p in (RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
                terms.add(o)  # type: ignore[arg-type]
    return {t for t in terms if isinstance(t, URIRef) and str(t).startswith(REUSED_NAMESPACES)}


def test_every_reused_term_is_declared_in_external(
    ontology: Graph, categories: Graph, statuses: Graph, organs: Graph, instruments: Graph, external: Graph
) -> None:
    used = _reused_terms([ontology, categories, statuses, organs, instruments])
    undeclared = sorted(t for t in used if not set(external.objects(t, RDF.type)) & TERM_TYPES)
    assert undeclared == []


def test_external_only_declares_reused_terms(external: Graph) -> None:
    for s in set(external.subjects()):
        assert str(s).startswith(REUSED_NAMESPACES), s
    # Declarations only: nothing that would change what a reused term means.
    for predicate in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass):
        assert list(external.triples((None, predicate, None))) == [], predicate
    assert list(external.subjects(RDF.type, OWL.Ontology)) == []


def test_the_ontology_does_not_redefine_reused_terms(ontology: Graph) -> None:
    for s in set(ontology.subjects()):
        assert not str(s).startswith(REUSED_NAMESPACES), f"{s} is described in unodc-kg.ttl"


# ---------------------------------------------------------------------------------------------
# The SKOS schemes
# ---------------------------------------------------------------------------------------------

CATEGORY_LABELS = {
    "a": ("A", "Facilitation of the intergovernmental process and expert bodies", "协助政府间进程和专家机构"),
    "b": ("B", "Generation and transfer of knowledge", "生成和转让知识"),
    "c": ("C", "Substantive deliverables", "实质性应交付产出"),
    "d": ("D", "Communication deliverables", "信息传播方面的应交付产出"),
    "e": ("E", "Enabling deliverables", "辅助性应交付产出"),
}

# slug: (English label, Chinese label, unit code, unit label @en, unit label @zh)
SUBCATEGORIES: dict[str, tuple[str, str, str | None, str | None, str | None]] = {
    "a/parliamentary-documentation": (
        "Parliamentary documentation",
        "议事机构文件",
        "documents",
        "number of documents",
        "文件数目",
    ),
    "a/substantive-services-for-meetings": (
        "Substantive services for meetings",
        "实质性会议服务",
        "meetings",
        "number of three-hour meetings",
        "3 小时会议次数",
    ),
    "a/conference-and-secretariat-services-for-meetings": (
        "Conference and secretariat services for meetings",
        "会议和秘书处会议服务",
        "meetings",
        "number of three-hour meetings",
        "3 小时会议次数",
    ),
    "b/field-and-technical-cooperation-projects": (
        "Field and technical cooperation projects",
        "外地和技术合作项目",
        "projects",
        "number of projects",
        "项目数目",
    ),
    "b/seminars-workshops-and-training-events": (
        "Seminars, workshops and training events",
        "研讨会、讲习班和培训活动",
        "days",
        "number of days",
        "天数",
    ),
    "b/publications": ("Publications", "出版物", "publications", "number of publications", "出版物数目"),
    "b/technical-materials": (
        "Technical materials",
        "技术材料",
        "materials",
        "number of materials",
        "材料数目",
    ),
    "c/consultation-advice-and-advocacy": (
        "Consultation, advice and advocacy",
        "协商、咨询和倡导",
        None,
        None,
        None,
    ),
    "c/databases-and-substantive-digital-materials": (
        "Databases and substantive digital materials",
        "数据库和实质性数字材料",
        None,
        None,
        None,
    ),
    "d/outreach-programmes-special-events-and-information-materials": (
        "Outreach programmes, special events and information materials",
        "外联方案、特别活动和宣传材料",
        None,
        None,
        None,
    ),
    "d/external-and-media-relations": (
        "External and media relations",
        "对外关系和媒体关系",
        None,
        None,
        None,
    ),
    "d/digital-platforms-and-multimedia-content": (
        "Digital platforms and multimedia content",
        "数字平台和多媒体内容",
        None,
        None,
        None,
    ),
    "e/safety-and-security": ("Safety and security", "安全和安保", None, None, None),
}


@pytest.mark.parametrize(
    ("path", "scheme"),
    [(CATEGORIES, CATEGORY_SCHEME), (STATUSES, STATUS_SCHEME)],
    ids=["categories", "status"],
)
def test_every_concept_is_labelled_and_in_its_scheme(path: Path, scheme: URIRef, source_text: str) -> None:
    graph = _parse(path)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    _one(graph, scheme, SKOS.prefLabel, "en")
    _one(graph, scheme, SKOS.prefLabel, "zh")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts
    for concept in concepts:
        _one(graph, concept, SKOS.prefLabel, "en")
        assert _one(graph, concept, SKOS.prefLabel, "zh") in source_text, concept
        for label in _literals(graph, concept, SKOS.altLabel, "zh"):
            assert label in source_text, (concept, label)
        assert (concept, SKOS.inScheme, scheme) in graph
        assert str(concept).startswith(str(ID))
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == set(graph.subjects(SKOS.topConceptOf, scheme))


def test_deliverable_categories(categories: Graph) -> None:
    tops = set(categories.objects(CATEGORY_SCHEME, SKOS.hasTopConcept))
    assert tops == {ID[f"deliverable-category/{letter}"] for letter in CATEGORY_LABELS}
    for letter, (notation, english, chinese) in CATEGORY_LABELS.items():
        concept = ID[f"deliverable-category/{letter}"]
        assert [str(n) for n in categories.objects(concept, SKOS.notation)] == [notation]
        assert _one(categories, concept, SKOS.prefLabel, "en") == english
        assert _one(categories, concept, SKOS.prefLabel, "zh") == chinese


def test_deliverable_subcategories(categories: Graph) -> None:
    all_concepts = set(categories.subjects(RDF.type, SKOS.Concept))
    expected = {ID[f"deliverable-category/{slug}"] for slug in SUBCATEGORIES}
    assert all_concepts - set(categories.objects(CATEGORY_SCHEME, SKOS.hasTopConcept)) == expected
    for slug, (english, chinese, unit, unit_en, unit_zh) in SUBCATEGORIES.items():
        concept = ID[f"deliverable-category/{slug}"]
        parent = ID[f"deliverable-category/{slug.split('/')[0]}"]
        assert list(categories.objects(concept, SKOS.broader)) == [parent]
        assert (parent, SKOS.narrower, concept) in categories
        assert _one(categories, concept, SKOS.prefLabel, "en") == english
        assert _one(categories, concept, SKOS.prefLabel, "zh") == chinese
        assert [str(u) for u in categories.objects(concept, KG.unitCode)] == ([unit] if unit else [])
        assert _literals(categories, concept, KG.unitLabel, "en") == ([unit_en] if unit_en else [])
        assert _literals(categories, concept, KG.unitLabel, "zh") == ([unit_zh] if unit_zh else [])
    consultation = ID["deliverable-category/c/consultation-advice-and-advocacy"]
    assert _literals(categories, consultation, SKOS.altLabel, "zh") == ["咨询、建议和倡导"]


def test_figure_statuses(statuses: Graph) -> None:
    expected = {"planned": "计划", "actual": "实际"}
    assert set(statuses.subjects(RDF.type, SKOS.Concept)) == {ID[f"status/{key}"] for key in expected}
    for key, chinese in expected.items():
        concept = ID[f"status/{key}"]
        assert _one(statuses, concept, SKOS.prefLabel, "en") == key
        assert _one(statuses, concept, SKOS.prefLabel, "zh") == chinese


# ---------------------------------------------------------------------------------------------
# Organs and their symbol patterns
# ---------------------------------------------------------------------------------------------

ORGAN_LABELS = {
    "ga": ("General Assembly", "大会"),
    "ecosoc": ("Economic and Social Council", "经济及社会理事会"),
    "sc": ("Security Council", "安全理事会"),
    "cnd": ("Commission on Narcotic Drugs", "麻醉药品委员会"),
    "ccpcj": ("Commission on Crime Prevention and Criminal Justice", "预防犯罪和刑事司法委员会"),
    "cop-untoc": (
        "Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
        "联合国打击跨国有组织犯罪公约缔约方会议",
    ),
    "cosp-uncac": (
        "Conference of the States Parties to the United Nations Convention against Corruption",
        "联合国反腐败公约缔约国会议",
    ),
    "incb": ("International Narcotics Control Board", "国际麻醉品管制局"),
    "crime-congress": (
        "United Nations Congress on Crime Prevention and Criminal Justice",
        "联合国预防犯罪和刑事司法大会",
    ),
}

# Symbols as the source's lists print them, and which of them each pattern must match. The short
# form "58/10" is shared by General Assembly and commission resolutions: the organ of a listed
# symbol comes from the list heading, the pattern only checks the form.
SYMBOLS = [
    "73/164",
    "S-20/2",
    "834(IX)",
    "46/185 C",
    "2005/20",
    "1946/9 (I)",
    "1966/1106(XL)",
    "2011/259",
    "2370 (2017)",
    "58/10",
    "63/15",
]
COMMISSION_FORMS = {"58/10", "63/15"}
RESOLUTION_MATCHES = {
    "ga": {"73/164", "S-20/2", "834(IX)", "46/185 C"} | COMMISSION_FORMS,
    "ecosoc": {"2005/20", "1946/9 (I)", "1966/1106(XL)", "2011/259"},
    "sc": {"2370 (2017)"},
    "cnd": COMMISSION_FORMS,
    "ccpcj": COMMISSION_FORMS,
    "cop-untoc": COMMISSION_FORMS,
    "cosp-uncac": COMMISSION_FORMS,
}
DECISION_MATCHES = {
    "ecosoc": {"2005/20", "2011/259"},
    "cnd": COMMISSION_FORMS,
    "ccpcj": COMMISSION_FORMS,
    "cop-untoc": COMMISSION_FORMS,
    "cosp-uncac": COMMISSION_FORMS,
}
# More symbols printed in the source, each with the organ that must accept it.
MORE_RESOLUTIONS = [
    ("ga", "1395(XIV)"),
    ("ga", "415(V)"),
    ("ga", "S-32/1"),
    ("ecosoc", "1967/1196(XLII)"),
    ("ecosoc", "1973/1775(LIV)"),
    ("sc", "1267 (1999)"),
    ("cosp-uncac", "10/12"),
]


def _pattern(graph: Graph, key: str, prop: URIRef) -> re.Pattern[str] | None:
    values = [str(v) for v in graph.objects(ID[f"organ/{key}"], prop)]
    assert len(values) <= 1
    if not values:
        return None
    text = values[0]
    assert text.startswith("^") and text.endswith("$"), text
    # Keep to the syntax XPath (sh:pattern) shares with Python.
    assert "(?" not in text and "\\d" not in text, text
    return re.compile(text)


def test_organs_are_labelled(organs: Graph, source_text: str) -> None:
    assert set(organs.subjects(RDF.type, KG.Organ)) == {ID[f"organ/{key}"] for key in ORGAN_LABELS}
    for key, (english, chinese) in ORGAN_LABELS.items():
        organ = ID[f"organ/{key}"]
        assert _one(organs, organ, SKOS.prefLabel, "en") == english
        assert _one(organs, organ, SKOS.prefLabel, "zh") == chinese
        assert chinese in source_text
        for label in _literals(organs, organ, SKOS.altLabel, "zh"):
            assert label in source_text, (key, label)
        assert [str(n) for n in organs.objects(organ, SKOS.notation)] == [key]
        assert list(organs.objects(organ, DCTERMS.source)), key
    assert {"ECOSOC", "CND", "CCPCJ", "INCB"} <= {
        str(o) for o in organs.objects(None, SKOS.altLabel) if o.language == "en"
    }


@pytest.mark.parametrize("key", list(ORGAN_LABELS))
def test_symbol_patterns(organs: Graph, key: str) -> None:
    for prop, expected in (
        (KG.resolutionSymbolPattern, RESOLUTION_MATCHES),
        (KG.decisionSymbolPattern, DECISION_MATCHES),
    ):
        pattern = _pattern(organs, key, prop)
        if key not in expected:
            assert pattern is None, f"{key} adopts none of the instruments here: no {prop}"
            continue
        assert pattern is not None, f"{key} needs {prop}"
        matched = {symbol for symbol in SYMBOLS if pattern.match(symbol)}
        assert matched == expected[key], f"{key} {prop}: {sorted(matched ^ expected[key])}"


def test_more_printed_symbols_match(organs: Graph) -> None:
    for key, symbol in MORE_RESOLUTIONS:
        pattern = _pattern(organs, key, KG.resolutionSymbolPattern)
        assert pattern is not None and pattern.match(symbol), (key, symbol)


# ---------------------------------------------------------------------------------------------
# Instruments without a UN resolution symbol
# ---------------------------------------------------------------------------------------------

# key: (class, year of adoption, what the source prints that must be among the altLabels @zh: an int
# is the number of a line of the source's lists, read without its "- " bullet; a str is a string).
INSTRUMENTS_EXPECTED: dict[str, tuple[URIRef, str, list[int | str]]] = {
    # Paragraph 16.9, the programme's conventions and protocols.
    "treaty/single-convention-1961": (KG.Convention, "1961", [88]),
    "treaty/psychotropic-substances-1971": (KG.Convention, "1971", [89]),
    "treaty/illicit-traffic-1988": (KG.Convention, "1988", [90]),
    "treaty/untoc": (KG.Convention, "2000", [91, "《联合国打击跨国有组织犯罪公约》"]),
    "treaty/untoc-trafficking-in-persons-protocol": (KG.Protocol, "2000", [93]),
    "treaty/untoc-smuggling-of-migrants-protocol": (KG.Protocol, "2000", [94]),
    "treaty/untoc-firearms-protocol": (KG.Protocol, "2001", [95]),
    "treaty/uncac": (KG.Convention, "2003", [96]),
    # Subprogramme 4, the international legal instruments against terrorism.
    "treaty/aircraft-offences-1963": (KG.Convention, "1963", [320]),
    "treaty/unlawful-seizure-of-aircraft-1970": (KG.Convention, "1970", [321]),
    "treaty/civil-aviation-safety-1971": (KG.Convention, "1971", [322]),
    "treaty/internationally-protected-persons-1973": (KG.Convention, "1973", [323]),
    "treaty/hostages-1979": (KG.Convention, "1979", [324]),
    # Adopted in 1979, opened for signature in 1980 (the year of its usual name and of the key).
    "treaty/nuclear-material-1980": (KG.Convention, "1979", [325]),
    "treaty/maritime-navigation-1988": (KG.Convention, "1988", [326]),
    "treaty/fixed-platforms-1988": (KG.Protocol, "1988", [327]),
    "treaty/plastic-explosives-1991": (KG.Convention, "1991", [328]),
    "treaty/terrorist-bombings-1997": (KG.Convention, "1997", [329]),
    "treaty/terrorism-financing-1999": (KG.Convention, "1999", [330]),
    "treaty/nuclear-terrorism-2005": (KG.Convention, "2005", [331]),
    "treaty/civil-aviation-2010": (KG.Convention, "2010", [332]),
    # Subprogramme 2, 麻醉药品委员会声明和宣言.
    "cnd/ministerial-declaration-2019": (KG.Declaration, "2019", [257]),
    "cnd/political-declaration-2009": (KG.Declaration, "2009", [259]),
    "cnd/joint-ministerial-statement-2014": (KG.Statement, "2014", [261]),
    # Cited in paragraph 16.70 (line 1060) and in the title of result 1 of component 1 (line 1537).
    "crime-congress/kyoto-declaration": (
        KG.Declaration,
        "2021",
        ["《关于推进预防犯罪、刑事司法和法治：努力实现<2030 年可持续发展议程>的京都宣言》", "《京都宣言》"],
    ),
}

# Official English names given in the project glossary.
GLOSSARY_TITLES = {
    "treaty/untoc": "United Nations Convention against Transnational Organized Crime",
    "treaty/uncac": "United Nations Convention against Corruption",
    "treaty/terrorist-bombings-1997": "International Convention for the Suppression of Terrorist Bombings",
    "treaty/terrorism-financing-1999": ("International Convention for the Suppression of the Financing of Terrorism"),
    "treaty/nuclear-terrorism-2005": ("International Convention for the Suppression of Acts of Nuclear Terrorism"),
    "treaty/civil-aviation-2010": (
        "Convention on the Suppression of Unlawful Acts Relating to International Civil Aviation"
    ),
    "cnd/political-declaration-2009": (
        "Political Declaration and Plan of Action on International Cooperation towards an Integrated and "
        "Balanced Strategy to Counter the World Drug Problem"
    ),
}


def _printed(item: int | str) -> str:
    if isinstance(item, str):
        return item
    line = SOURCE.read_text(encoding="utf-8").split("\n")[item - 1]
    return line.removeprefix("- ")


def test_the_instruments_are_all_there(instruments: Graph) -> None:
    assert len(INSTRUMENTS_EXPECTED) == 25
    typed = {s for s, o in instruments.subject_objects(RDF.type) if o != OWL.NamedIndividual}
    assert typed == {ID[f"instrument/{key}"] for key in INSTRUMENTS_EXPECTED}


@pytest.mark.parametrize("key", list(INSTRUMENTS_EXPECTED))
def test_instrument(instruments: Graph, source_text: str, key: str) -> None:
    kind, year, printed = INSTRUMENTS_EXPECTED[key]
    instrument = ID[f"instrument/{key}"]
    assert set(instruments.objects(instrument, RDF.type)) - {OWL.NamedIndividual} == {kind}
    assert [str(n) for n in instruments.objects(instrument, SKOS.notation)] == [key]
    title = _one(instruments, instrument, DCTERMS.title, "en")
    if key in GLOSSARY_TITLES:
        assert title == GLOSSARY_TITLES[key]
    labels = _literals(instruments, instrument, SKOS.altLabel, "zh")
    missing = {_printed(item) for item in printed} - set(labels)
    assert missing == set(), f"{key}: the source prints {missing}"
    for label in labels:
        assert label in source_text, f"{key}: {label} is not printed in the source"
    years = list(instruments.objects(instrument, KG.year))
    assert years == [Literal(year, datatype=XSD.gYear)]
    adopted_by = list(instruments.objects(instrument, KG.adoptedBy))
    organ = key.split("/", 1)[0]
    assert adopted_by == ([ID[f"organ/{organ}"]] if organ in ("cnd", "crime-congress") else [])


# ---------------------------------------------------------------------------------------------
# HermiT
# ---------------------------------------------------------------------------------------------

ABOX_MANDATE = """
@prefix kg: <https://w3id.org/unodc-kg/ontology/> .
@prefix id: <https://w3id.org/unodc-kg/id/> .
<https://w3id.org/unodc-kg/id/scope/2025/sp1> a kg:Subprogramme ;
    kg:hasLegislativeMandate <https://w3id.org/unodc-kg/id/instrument/ga/73-164> .
<https://w3id.org/unodc-kg/id/instrument/ga/73-164> a kg:Resolution .
<https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7> a kg:Deliverable ;
    kg:scope <https://w3id.org/unodc-kg/id/scope/2025/sp1> .
<https://w3id.org/unodc-kg/id/objective/2025/sp1> a kg:Objective ;
    kg:scope <https://w3id.org/unodc-kg/id/scope/2025/sp1> .
"""

ABOX_RESOLUTION_AND_DECISION = """
@prefix kg: <https://w3id.org/unodc-kg/ontology/> .
<https://w3id.org/unodc-kg/id/instrument/ecosoc/2011-259> a kg:Resolution , kg:Decision .
"""


def _reason(
    tmp_path: Path,
    paths: list[Path],
    abox: str = "",
    *,
    infer_property_values: bool = False,
    ignore_unsupported_datatypes: bool = False,
) -> Any:
    """Load the files (and a Turtle ABox) into a fresh owlready2 world and run HermiT on it."""
    owlready2 = pytest.importorskip("owlready2")
    graph = _parse(*paths)
    if abox:
        graph.parse(data=abox, format="turtle")
    ntriples = tmp_path / "merged.nt"
    graph.serialize(ntriples, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(ntriples.as_uri()).load()
    owlready2.sync_reasoner(
        world,
        infer_property_values=infer_property_values,
        debug=0,
        ignore_unsupported_datatypes=ignore_unsupported_datatypes,
    )
    return world


@requires_java
def test_ontology_is_consistent_under_hermit(tmp_path: Path) -> None:
    world = _reason(tmp_path, [ONTOLOGY, EXTERNAL, CATEGORIES, STATUSES])
    assert list(world.inconsistent_classes()) == []


@requires_java
def test_reference_data_is_consistent_with_the_ontology_under_hermit(tmp_path: Path) -> None:
    # kg:year values are xsd:gYear, outside the OWL 2 datatype map: HermiT must be told to ignore them.
    world = _reason(tmp_path, ALL_FILES, ignore_unsupported_datatypes=True)
    assert list(world.inconsistent_classes()) == []


@requires_java
def test_hermit_infers_mandates_through_the_scope(tmp_path: Path) -> None:
    world = _reason(tmp_path, [ONTOLOGY, EXTERNAL], ABOX_MANDATE, infer_property_values=True)
    instrument = world[str(ID["instrument/ga/73-164"])]
    for node in ("deliverable/2025/sp1/7", "objective/2025/sp1"):
        individual = world[str(ID[node])]
        assert instrument in individual.mandatedBy, node
    # No domain on kg:mandatedBy: the objective does not become a deliverable.
    objective = world[str(ID["objective/2025/sp1"])]
    assert world[str(KG.Deliverable)] not in objective.is_a


@requires_java
def test_hermit_rejects_a_resolution_that_is_a_decision(tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(tmp_path, [ONTOLOGY, EXTERNAL], ABOX_RESOLUTION_AND_DECISION)
