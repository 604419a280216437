"""The only module that ties the stages together: sources -> extract -> RDF -> validate -> outputs.

The outputs are published together, only after the whole build (and its validation) succeeded, by one swap
of the output folder (`write_atomically`): a failed or killed build leaves the last good outputs as they were.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from . import crosswalk, topics
from .config import Settings
from .errors import BuildError, SourceError
from .extract.budget import BudgetSectionAdapter, DocumentSpec, Lexicon
from .extract.corrections import load_corrections
from .extract.source import SourceDocument, read_source
from .extract.strategy import StrategyAdapter
from .iris import Iris
from .rdf import DocumentGraphWriter
from .reason import Inference, reason
from .reference import Reference, load_reference
from .strategy_rdf import StrategyGraphWriter
from .swap import exchange, fsync_dir

log = logging.getLogger(__name__)


class Extractor(Protocol):
    def layout_problem(self, src: SourceDocument) -> str | None:
        """None when the document's first page has the layout this adapter reads, else what was expected."""

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
    shown = f"data/sources/{spec.file}"
    adapter = kind.adapter(spec, ref.lexicon)
    check_layout(spec, read_source(path, [], display_path=shown), adapter, ref)  # before its corrections are matched
    return adapter.extract(read_source(path, corrections, display_path=shown))


def check_layout(spec: DocumentSpec, src: SourceDocument, adapter: Extractor, ref: Reference) -> None:
    """A SourceError when the document's first page is not what its adapter reads, naming the adapter that
    would read it, if any."""
    problem = adapter.layout_problem(src)
    if problem is None:
        return
    fits = [name for name, kind in ADAPTERS.items() if kind.adapter(spec, ref.lexicon).layout_problem(src) is None]
    hint = (
        f"; it reads like a {fits[0]} document: does data/sources.toml name the right adapter for {spec.key}?"
        if fits
        else f"; no adapter knows this layout (known: {', '.join(sorted(ADAPTERS))}; a new layout needs a new one)"
    )
    raise SourceError(src.display_path, 1, f"unknown document layout for the {spec.adapter} adapter: {problem}{hint}")


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


# ---------------------------------------------------------------------- publishing the outputs
OUTPUT_SUFFIXES = (".ttl", ".nq")  # what the build writes in its output folder, and nothing else


def write_atomically(files: dict[Path, bytes], *, replace_all: bool = False) -> list[Path]:
    """Publish `files` (all in one output folder) together, or not at all.

    The guarantee: whoever reads the output folder, at any moment, sees either the whole previous set of
    files or the whole new one, never a mix and never a partly written file; a build that fails or is killed
    (even with SIGKILL, at any point) leaves the previous set exactly as it was, byte for byte.

    How: the new set is written into a sibling staging folder (`.generated.new-…` beside `generated/`),
    each file fsynced, then read back and checked (its bytes; the N-Quads loaded into a store and counted);
    only then is the staging folder swapped with the output folder in one step (Linux renameat2
    RENAME_EXCHANGE) and the old set, now in the staging folder, removed. A process that has a file of the
    old set open reads it to its end. Where the system cannot swap in one step the folder is moved aside
    and the new one renamed in (two renames: in between the folder is briefly missing, and a build killed
    there is rolled back by the next one). Leftovers of a killed build (`.generated.new-…`,
    `.generated.old-…`) are removed by the next build, under a lock on the parent folder that also keeps
    two builds from publishing at once.

    `replace_all`: the new set is the whole folder (a build: files it no longer writes go, and anything else
    in the folder is refused, since the folder belongs to the build); otherwise the files of the folder that
    `files` does not name are carried over (`unodc-kg reason` rewrites two of them).
    """
    folders = {p.parent for p in files}
    if len(folders) != 1:
        raise BuildError(f"the outputs must go into one folder, not {sorted(map(str, folders))}")
    out = folders.pop().resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _publishing_lock(out.parent):
            _clean_leftovers(out)
            carried = _carried_over(out, {p.name for p in files}, replace_all)
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
            try:
                _stage(staging, files, carried)
                _swap_in(staging, out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # the new set before the swap, the old one after it
    except OSError as exc:  # the parent folder not writable, the output folder a mount point, …
        raise BuildError(f"cannot publish the outputs in {out}: {exc}; the previous ones are as they were") from exc
    return [out / p.name for p in files]


@contextlib.contextmanager
def _publishing_lock(parent: Path) -> Iterator[None]:
    """An exclusive lock on the output folder's parent (no lock file to leave behind)."""
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed build left beside the output folder; put the old folder back if it was moved aside."""
    old = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if old and not out.exists():
        log.warning("%s is missing and %s is there: a build was killed while swapping; restored it", out, old[-1])
        old[-1].rename(out)
    for leftover in [*out.parent.glob(f".{out.name}.new-*"), *out.parent.glob(f".{out.name}.old-*")]:
        log.info("removing %s, left by a build that did not finish", leftover)
        shutil.rmtree(leftover, ignore_errors=True)


def _carried_over(out: Path, names: set[str], replace_all: bool) -> list[Path]:
    """The files of the output folder that go into the new set unchanged."""
    if not out.exists():
        return []
    present = [p for p in sorted(out.iterdir()) if p.name not in names]
    if replace_all:
        foreign = [p.name for p in present if not (p.is_file() and p.suffix in OUTPUT_SUFFIXES)]
        if foreign:
            raise BuildError(
                f"{out} holds {', '.join(foreign)}, which the build does not write: the build replaces the whole "
                "folder at once, so move them elsewhere; nothing was written"
            )
        return []
    return [p for p in present if p.is_file()]


def _stage(staging: Path, files: dict[Path, bytes], carried: list[Path]) -> None:
    """Write the new set into `staging`, durably, and check it reads back as written."""
    os.chmod(staging, 0o755)  # mkdtemp makes 0700; the outputs are for everyone to read
    for path in carried:
        shutil.copy2(path, staging / path.name)
    for target, data in files.items():
        with open(staging / target.name, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(staging / target.name, 0o644)
    fsync_dir(staging)
    for target, data in files.items():
        _check_staged(staging / target.name, data)


def _check_staged(path: Path, data: bytes) -> None:
    """The staged file holds the bytes meant for it; N-Quads load into a store with one statement per line."""
    if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(data).digest():
        raise BuildError(f"{path}: the file reads back differently from what was written; nothing was published")
    if path.suffix == ".nq":
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, OSError, ValueError) as exc:
            raise BuildError(f"{path}: the new N-Quads do not load ({exc}); nothing was published") from exc
        lines = data.count(b"\n")
        if len(store) != lines:
            raise BuildError(f"{path}: {len(store)} statements load from {lines} lines; nothing was published")


def _swap_in(staging: Path, out: Path) -> None:
    """Put the staged set where `out` is; afterwards `staging` holds the old set (or nothing)."""
    if not out.exists():
        staging.rename(out)
    elif not _exchange(staging, out):  # a file system that cannot swap in one step
        aside = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(aside)
        staging.rename(out)  # a build killed before this line is rolled back by the next one
        aside.rename(staging)
    fsync_dir(out.parent)
    log.info("published %s", out)


def _exchange(a: Path, b: Path) -> bool:
    return exchange(a, b)  # a seam for the tests of the two-rename fallback
