"""OWL reasoning with owlready2's HermiT: a consistency check, and the entailments the ontology is
designed for, kept in their own named graph ({base}graph/inferred) so that asserted and inferred
statements are always told apart.

HermiT sees the ontology, the vocabularies, the reference data and every source's graph (not an
earlier inferred graph, so reasoning twice gives the same result). What it adds that we keep: the
statements about our own nodes that were not asserted, e.g. `kg:mandatedBy` from the property chain
`kg:scope ∘ kg:hasLegislativeMandate` (a deliverable is mandated by what its subprogramme's lists
name). Bookkeeping (owl:Thing, owl:NamedIndividual, the reasoner's own ontology) is dropped.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, Graph, URIRef

from .errors import UnodcKgError
from .iris import Iris

log = logging.getLogger(__name__)
INFERENCES = "http://inferrences/"  # owlready2's ontology for what a reasoner adds (its spelling)
FRESH = "urn:unodc-kg:reasoner:only:"  # the classes without_nominals() makes; never in the output


class ReasoningError(UnodcKgError):
    """The graph is inconsistent, or the reasoner could not run."""


@dataclass
class Inference:
    graph: Graph
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)  # kind of statement -> how many

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return f"inferred {len(self.graph)} statements in {self.seconds:.2f} s: {kinds or 'none'}"


def reason(asserted: Graph, iris: Iris) -> Inference:
    """Check `asserted` for consistency with HermiT and return what it entails beyond it."""
    if shutil.which("java") is None:
        raise ReasoningError("java is not on PATH: owlready2's HermiT needs a Java runtime (17 or later)")
    import owlready2

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="unodc-kg-reason-") as tmp:
        source = Path(tmp) / "asserted.nt"
        without_nominals(asserted).serialize(source, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(source.as_uri()).load()
        try:
            # xsd:gYear is outside the OWL 2 datatype map: HermiT is told to ignore such values.
            owlready2.sync_reasoner(world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            raise ReasoningError(f"the graph is inconsistent (HermiT): {_first_line(exc)}") from exc
        except owlready2.OwlReadyJavaError as exc:
            raise ReasoningError(f"HermiT failed: {_first_line(exc)}") from exc
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
        if unsatisfiable:
            raise ReasoningError(f"unsatisfiable classes: {', '.join(unsatisfiable)}")
        out = Path(tmp) / "inferred.nt"
        world.get_ontology(INFERENCES).save(file=str(out), format="ntriples")
        raw = Graph().parse(out, format="nt")
    inferred = Graph()
    inferred.bind("kg", iris.kg)
    ours = f"{iris.base}id/"
    for s, p, o in raw:
        if not (isinstance(s, URIRef) and str(s).startswith(ours)):
            continue  # the reasoner's own ontology, and statements about terms rather than our nodes
        if p == RDF.type and (o in (OWL.Thing, OWL.NamedIndividual) or str(o).startswith(FRESH)):
            continue
        if (s, p, o) not in asserted:
            inferred.add((s, p, o))
    counts = Counter(_kind(p, o, iris) for _, p, o in inferred)
    result = Inference(inferred, time.perf_counter() - started, dict(counts))
    log.info(result.summary())
    return result


def without_nominals(asserted: Graph) -> Graph:
    """The graph HermiT is given: each `owl:hasValue <individual>` restriction becomes `owl:someValuesFrom` a fresh
    class that only that individual is asserted to belong to.

    Why: the classes defined by organ (ontology/organ-classes.ttl, e.g. kg:adoptedBy value organ:ga) are nominals,
    and nominals make HermiT realise our graph in about 100 s instead of 3. For our named individuals the two
    encodings entail the same class memberships: {ga} is a subclass of the fresh class, and nothing else is or can
    be entailed to be in it, as the class is new and nothing is asserted to be of a class defined by organ (a test
    checks this, and tests/unit/test_reason.py compares both encodings on a small graph).
    """
    hinted = [(r, v) for r, _, v in asserted.triples((None, OWL.hasValue, None)) if isinstance(v, URIRef)]
    if not hinted:
        return asserted
    graph = Graph()
    graph += asserted
    for restriction, individual in hinted:
        only = URIRef(f"{FRESH}{individual}")
        graph.remove((restriction, OWL.hasValue, individual))
        graph.add((restriction, OWL.someValuesFrom, only))
        graph.add((only, RDF.type, OWL.Class))
        graph.add((individual, RDF.type, only))
    return graph


def _kind(p: object, o: object, iris: Iris) -> str:
    if p == RDF.type:
        return "type " + str(o).replace(str(iris.kg), "kg:")
    return str(p).replace(str(iris.kg), "kg:")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
