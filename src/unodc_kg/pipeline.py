"""The only module that ties the stages together: sources -> extract -> RDF -> validate -> outputs.

Outputs are written to temporary files beside their targets and renamed over them only after
the whole build (and its validation) succeeded, so a failed build leaves the last good output.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from . import crosswalk, topics
from .config import Settings
from .errors import BuildError
from .extract.budget import BudgetSectionAdapter, DocumentSpec, Lexicon
from .extract.corrections import load_corrections
from .extract.source import SourceDocument, read_source
from .extract.strategy import StrategyAdapter
from .iris import Iris
from .rdf import DocumentGraphWriter
from .reason import Inference, reason
from .reference import Reference, load_reference
from .strategy_rdf import StrategyGraphWriter

log = logging.getLogger(__name__)


class Extractor(Protocol):
    def extract(self, src: SourceDocument) -> Any: ...


class Writer(Protocol):
    def write(self, records: Any) -> Graph: ...


@dataclass(frozen=True)
class DocumentKind:
    """How one layout of document is read (adapter: text -> records) and written (records -> RDF)."""

    adapter: Callable[[DocumentSpec, Lexicon], Extractor]
    writer: Callable[[Iris, Reference], Writer]


# A new layout is a new entry here; a new edition or language of a known layout is only a new entry
# in data/sources.toml.
ADAPTERS: dict[str, DocumentKind] = {
    "programme-budget-section": DocumentKind(BudgetSectionAdapter, DocumentGraphWriter),
    "strategy-2008-2011": DocumentKind(StrategyAdapter, StrategyGraphWriter),
}


@dataclass
class BuildResult:
    documents: dict[str, Any] = field(default_factory=dict)  # document key -> its records
    graphs: dict[str, Graph] = field(default_factory=dict)  # named graph IRI -> graph
    written: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def union(self) -> Graph:
        g = Graph()
        for part in self.graphs.values():
            g += part
        return g

    def asserted(self) -> Graph:
        """Every graph but what a reasoner inferred ({base}graph/inferred)."""
        g = Graph()
        for name, part in self.graphs.items():
            if not name.endswith("/graph/inferred"):
                g += part
        return g


def kind_of(spec: DocumentSpec) -> DocumentKind:
    kind = ADAPTERS.get(spec.adapter)
    if kind is None:
        raise BuildError(
            f"data/sources.toml: document {spec.key} names unknown adapter {spec.adapter!r}; known: {sorted(ADAPTERS)}"
        )
    return kind


def extract(settings: Settings, spec: DocumentSpec, ref: Reference) -> Any:
    """Read one source document (the project's copy) into records."""
    kind = kind_of(spec)
    corrections = load_corrections(settings.corrections_file, spec.key)
    path = settings.sources_dir / spec.file
    src = read_source(path, corrections, display_path=f"data/sources/{spec.file}")
    return kind.adapter(spec, ref.lexicon).extract(src)


def assemble(settings: Settings) -> BuildResult:
    """Extract every source and turn it into named graphs (nothing written yet)."""
    started = time.perf_counter()
    iris = Iris(settings.base)
    ref = load_reference(settings, iris)
    result = BuildResult()
    result.graphs[str(iris.graph("ontology"))] = ref.ontology
    result.graphs[str(iris.graph("reference"))] = ref.reference
    for spec in ref.documents:
        doc = extract(settings, spec, ref)
        result.documents[spec.key] = doc
        result.graphs[str(iris.graph(spec.key))] = kind_of(spec).writer(iris, ref).write(doc)
        log.info("%s: read with the %s adapter", spec.key, spec.adapter)
    result.graphs[str(iris.graph("topics"))] = topics.tag(settings, iris, result.graphs)  # docs/model.md, "Topics"
    result.graphs[str(iris.graph("reference"))] += crosswalk.links(settings, iris, result.graphs)  # "The crosswalk"
    result.seconds = time.perf_counter() - started
    return result


def infer(settings: Settings, result: BuildResult) -> Inference:
    """Run the reasoner on every asserted graph; put what it entails in {base}graph/inferred."""
    iris = Iris(settings.base)
    inference = reason(result.asserted(), iris)
    result.graphs[str(iris.graph("inferred"))] = inference.graph
    return inference


def _ox_term(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise BuildError(f"cannot write the term {term!r}")


def _ox_triples(graph: Graph) -> list[ox.Triple]:
    """The triples in a fixed order (subject, predicate, object as N-Triples), blank nodes labelled from the
    triples around them (the ontology's class expressions, ontology/organ-classes.ttl), so that the same graph
    always gives the same bytes."""
    rows = list(graph)
    if any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in rows):
        rows = list(to_canonical_graph(graph))
    triples = [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in rows]  # type: ignore[arg-type]
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def canonical_turtle(graph: Graph, triples: list[ox.Triple] | None = None) -> bytes:
    """Turtle whose bytes depend only on the triples: sorted, grouped by subject, our prefixes (written by
    Oxigraph, several times faster than rdflib's serialisers on our graphs)."""
    prefixes = {p: str(ns) for p, ns in graph.namespaces() if p and str(ns)}
    rows = _ox_triples(graph) if triples is None else triples
    data = ox.serialize(rows, format=ox.RdfFormat.TURTLE, prefixes=dict(sorted(prefixes.items())))
    assert data is not None  # no output file given: the bytes are returned
    return data


def nquads(graphs: dict[str, Graph], triples: dict[str, list[ox.Triple]] | None = None) -> bytes:
    """N-Quads, one named graph per source, lines sorted so that the same graph gives the same bytes."""
    done = triples or {}
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
        for name, g in graphs.items()
        for t in (done[name] if name in done else _ox_triples(g))
    ]
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert data is not None  # no output file given: the bytes are returned
    lines = sorted(set(data.split(b"\n")) - {b""})
    return b"\n".join(lines) + b"\n"


def outputs(settings: Settings, result: BuildResult) -> dict[Path, bytes]:
    iris = Iris(settings.base)
    files: dict[Path, bytes] = {}
    triples: dict[str, list[ox.Triple]] = {}  # each graph is read once, for its Turtle and the N-Quads
    turtle = [(key, str(iris.graph(key))) for key in result.documents] + [("inferred", str(iris.graph("inferred")))]
    for key, name in turtle:
        if name in result.graphs:
            triples[name] = _ox_triples(result.graphs[name])
            files[settings.generated_dir / f"{key}.ttl"] = canonical_turtle(result.graphs[name], triples[name])
    files[settings.nquads_file] = nquads(result.graphs, triples)
    return files


def write_atomically(files: dict[Path, bytes]) -> list[Path]:
    """Write every file to a temporary name, fsync, then rename them all over their targets."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; outputs are for everyone to read
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            staged.append((Path(tmp), target))
    except OSError as exc:
        for staged_tmp, _ in staged:
            staged_tmp.unlink(missing_ok=True)
        raise BuildError(f"cannot write the outputs: {exc}") from exc
    for staged_tmp, target in staged:
        os.replace(staged_tmp, target)
    return [t for _, t in staged]
