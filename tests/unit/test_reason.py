"""OWL reasoning with HermiT (owlready2): consistency, the entailments kept, and nothing else."""

from __future__ import annotations

import shutil

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from unodc_kg import pipeline
from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.reason import Inference, ReasoningError, reason

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
    assert inference.counts == {"kg:mandatedBy": len(inference.graph)}


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
