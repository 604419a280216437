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

from rdflib import BNode, Dataset, Graph, URIRef
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


def canonical_turtle(graph: Graph) -> bytes:
    """Turtle whose bytes depend only on the triples (sorted subjects and predicates, no blank nodes)."""
    data = graph.serialize(format="longturtle", encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def nquads(graphs: dict[str, Graph]) -> bytes:
    """N-Quads, one named graph per source, lines sorted so that the same graph gives the same bytes."""
    ds = Dataset()
    for name, g in graphs.items():
        target = ds.graph(URIRef(name))
        if any(isinstance(term, BNode) for triple in g for term in triple):
            # The ontology's class expressions (ontology/organ-classes.ttl) are blank nodes: labels derived
            # from the triples around them keep the bytes the same from build to build.
            g = to_canonical_graph(g)
        for triple in g:
            target.add(triple)
    data = ds.serialize(format="nquads", encoding="utf-8")
    text = data if isinstance(data, bytes) else data.encode("utf-8")
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    return b"\n".join(lines) + b"\n"


def outputs(settings: Settings, result: BuildResult) -> dict[Path, bytes]:
    iris = Iris(settings.base)
    files: dict[Path, bytes] = {}
    for key in result.documents:
        files[settings.generated_dir / f"{key}.ttl"] = canonical_turtle(result.graphs[str(iris.graph(key))])
    inferred = result.graphs.get(str(iris.graph("inferred")))
    if inferred is not None:
        files[settings.generated_dir / "inferred.ttl"] = canonical_turtle(inferred)
    files[settings.nquads_file] = nquads(result.graphs)
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
