"""OWL reasoning with HermiT (owlready2): consistency, the entailments kept, and nothing else."""

from __future__ import annotations

import shutil

import pytest
from rdflib import OWL, RDF, Graph, Namespace, URIRef

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.reason import Inference, ReasoningError, reason, without_nominals

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java (17 or later)")
KG = Namespace("https://w3id.org/unodc-kg/ontology/")
ID = Namespace("https://w3id.org/unodc-kg/id/")


@pytest.fixture(scope="module")
def asserted(build: pipeline.BuildResult) -> Graph:
    return build.asserted()


@pytest.fixture(scope="module")
def inference(asserted: Graph, settings: Settings) -> Inference:
    return reason(asserted, Iris(settings.base))


def test_the_real_graph_is_consistent_and_its_mandates_are_inferred_through_the_scope(
    inference: Inference, asserted: Graph
) -> None:
    deliverable = ID["deliverable/2025/sp1/7"]
    inferred = set(inference.graph.objects(deliverable, KG.mandatedBy))
    listed = set(asserted.objects(ID["scope/2025/sp1"], KG.hasLegislativeMandate))
    assert inferred == listed and len(listed) == 57  # the 57 instruments of subprogramme 1's lists (lines 188-222)
    # subprogramme 7 has no list: nothing is inferred for its deliverables
    assert not set(inference.graph.objects(ID["deliverable/2025/sp7/1"], KG.mandatedBy))


def test_only_new_statements_about_our_nodes_are_kept(inference: Inference, asserted: Graph) -> None:
    assert len(inference.graph) > 10_000
    for s, p, o in inference.graph:
        assert (s, p, o) not in asserted
        assert str(s).startswith(str(ID))
    mandated = len(set(inference.graph.triples((None, KG.mandatedBy, None))))
    typed = len(set(inference.graph.triples((None, RDF.type, None))))
    assert mandated + typed == len(inference.graph)
    assert inference.counts["kg:mandatedBy"] == mandated
    assert sum(n for k, n in inference.counts.items() if k.startswith("type ")) == typed


ORGAN_CLASSES = {
    # class: (kind, organ) as defined in ontology/organ-classes.ttl
    "GeneralAssemblyResolution": ("Resolution", "ga"),
    "EconomicAndSocialCouncilResolution": ("Resolution", "ecosoc"),
    "EconomicAndSocialCouncilDecision": ("Decision", "ecosoc"),
    "SecurityCouncilResolution": ("Resolution", "sc"),
    "CommissionOnNarcoticDrugsResolution": ("Resolution", "cnd"),
    "CommissionOnNarcoticDrugsDecision": ("Decision", "cnd"),
    "CommissionOnCrimePreventionAndCriminalJusticeResolution": ("Resolution", "ccpcj"),
    "ConferenceOfThePartiesToTheOrganizedCrimeConventionResolution": ("Resolution", "cop-untoc"),
    "ConferenceOfTheStatesPartiesToTheConventionAgainstCorruptionResolution": ("Resolution", "cosp-uncac"),
    "ConferenceOfTheStatesPartiesToTheConventionAgainstCorruptionDecision": ("Decision", "cosp-uncac"),
}


@pytest.mark.parametrize("name", sorted(ORGAN_CLASSES))
def test_classes_defined_by_organ_hold_exactly_the_instruments_of_that_organ_and_kind(
    name: str, inference: Inference, asserted: Graph
) -> None:
    kind, organ = ORGAN_CLASSES[name]
    expected = {s for s in asserted.subjects(KG.adoptedBy, ID[f"organ/{organ}"]) if (s, RDF.type, KG[kind]) in asserted}
    inferred = set(inference.graph.subjects(RDF.type, KG[name]))
    assert expected and inferred == expected
    assert not set(asserted.subjects(RDF.type, KG[name])), "classes defined by organ are never asserted"
    assert inference.counts[f"type kg:{name}"] == len(expected)


def test_general_assembly_resolutions_include_the_special_session_ones(inference: Inference) -> None:
    """S-20/2 (line 100) and 75/194 (line 275) are General Assembly resolutions; CND 48/14 is not."""
    ga = set(inference.graph.subjects(RDF.type, KG.GeneralAssemblyResolution))
    assert {ID["instrument/ga/s-20-2"], ID["instrument/ga/75-194"]} <= ga
    assert (ID["instrument/cnd/58-10"], RDF.type, KG.CommissionOnNarcoticDrugsResolution) in inference.graph


def test_the_nominal_free_encoding_entails_the_same_memberships_as_hasvalue(settings: Settings) -> None:
    """without_nominals() swaps `owl:hasValue organ:ga` for a fresh class only organ:ga is in, for speed.
    On a small graph HermiT is run on both encodings: the same classes for the same instruments."""
    g = Graph().parse(settings.root / "ontology" / "organ-classes.ttl")
    g.parse(settings.root / "ontology" / "unodc-kg.ttl")
    g.parse(settings.root / "data" / "reference" / "organs.ttl")
    samples = {
        "ga/75-194": ("Resolution", "ga"),
        "ecosoc/dec-2011-259": ("Decision", "ecosoc"),
        "cnd/58-10": ("Resolution", "cnd"),
        "sc/2370-2017": ("Resolution", "sc"),
        "ccpcj/27-5": ("Resolution", "ccpcj"),
    }
    for key, (kind, organ) in samples.items():
        g.add((ID[f"instrument/{key}"], RDF.type, KG[kind]))
        g.add((ID[f"instrument/{key}"], KG.adoptedBy, ID[f"organ/{organ}"]))
    g.add((ID["instrument/treaty/untoc"], RDF.type, KG.Convention))
    iris = Iris(settings.base)
    assert without_nominals(g) is not g and (None, OWL.hasValue, None) not in without_nominals(g)
    fast = reason(g, iris)
    slow = _reason_with_nominals(g, iris)
    assert set(fast.graph) == set(slow.graph)
    assert (ID["instrument/ecosoc/dec-2011-259"], RDF.type, KG.EconomicAndSocialCouncilDecision) in fast.graph
    assert len(set(fast.graph.triples((None, RDF.type, None)))) == len(samples)


def _reason_with_nominals(g: Graph, iris: Iris) -> Inference:
    import unodc_kg.reason as module

    original = module.without_nominals
    module.without_nominals = lambda graph: graph  # type: ignore[assignment]  # HermiT on the hasValue encoding
    try:
        return reason(g, iris)
    finally:
        module.without_nominals = original


def test_reasoning_twice_changes_nothing(inference: Inference, asserted: Graph, settings: Settings) -> None:
    again = reason(asserted, Iris(settings.base))
    assert set(again.graph) == set(inference.graph)


def test_an_inconsistent_graph_is_caught(build: pipeline.BuildResult, settings: Settings) -> None:
    """A resolution that is also a decision (the two classes are disjoint)."""
    g = Graph()
    for name in ("https://w3id.org/unodc-kg/graph/ontology", "https://w3id.org/unodc-kg/graph/reference"):
        g += build.graphs[name]
    node = ID["instrument/ga/73-164"]
    g.add((node, RDF.type, KG.Resolution))
    g.add((node, RDF.type, KG.Decision))
    with pytest.raises(ReasoningError, match="inconsistent"):
        reason(g, Iris(settings.base))


def test_a_class_nothing_can_belong_to_is_caught(build: pipeline.BuildResult, settings: Settings) -> None:
    g = Graph()
    g += build.graphs["https://w3id.org/unodc-kg/graph/ontology"]
    odd = URIRef("https://w3id.org/unodc-kg/ontology/ResolutionAndDecision")
    g.add((odd, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    g.add((odd, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), KG.Resolution))
    g.add((odd, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), KG.Decision))
    with pytest.raises(ReasoningError, match=r"unsatisfiable classes: .*ResolutionAndDecision"):
        reason(g, Iris(settings.base))
