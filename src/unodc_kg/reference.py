"""The hand-written parts of the graph: ontology, vocabularies, reference data, sources manifest.

Loaded once per build; gives the extractor its `Lexicon` (names it must recognise) and the
RDF writer the concepts and labels it links to.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from .config import Settings
from .errors import BuildError
from .extract.budget import DocumentSpec, Lexicon
from .iris import Iris


@dataclass(frozen=True)
class Subcategory:
    iri: URIRef
    category: str  # "A"
    unit_code: str | None
    unit_zh: str | None


@dataclass
class Reference:
    """Everything the build takes from hand-written files."""

    ontology: Graph
    reference: Graph
    lexicon: Lexicon
    subcategories: dict[tuple[str, str], Subcategory]  # (category letter, printed zh label) -> concept
    categories: dict[str, URIRef]
    reference_instruments: dict[str, URIRef]  # key -> IRI of instruments defined in the reference data
    scope_titles_en: dict[str, str]  # scope key -> official English title
    documents: list[DocumentSpec] = field(default_factory=list)


def _parse_turtle(path: Path, iris: Iris, into: Graph) -> None:
    try:
        into.parse(data=iris.rebase(path.read_text(encoding="utf-8")), format="turtle", publicID=str(path))
    except Exception as exc:  # rdflib raises many types for bad Turtle
        raise BuildError(f"{path}: not valid Turtle: {exc}") from exc


def load_documents(settings: Settings) -> list[DocumentSpec]:
    manifest = settings.root / "data" / "sources.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        return [
            DocumentSpec(
                key=d["key"],
                file=d["file"],
                symbol=d["symbol"],
                title_en=d["title_en"],
                language=d["language"],
                edition=int(d["edition"]),
                section=str(d["section"]),
                adapter=str(d["adapter"]),
            )
            for d in data.get("document", [])
        ]
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise BuildError(f"{manifest}: cannot read the sources manifest: {exc}") from exc


def load_reference(settings: Settings, iris: Iris) -> Reference:
    ontology = Graph()
    for path in sorted(settings.ontology_dir.glob("*.ttl")) + sorted(
        (settings.ontology_dir / "vocabularies").glob("*.ttl")
    ):
        _parse_turtle(path, iris, ontology)
    reference = Graph()
    for path in sorted(settings.reference_dir.glob("*.ttl")):
        _parse_turtle(path, iris, reference)
    kg = iris.kg

    organ_names: dict[str, str] = {}
    for organ in reference.subjects(RDF.type, kg.Organ):
        key = str(reference.value(organ, SKOS.notation))
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in reference.objects(organ, prop):
                if isinstance(label, Literal) and label.language == "zh":
                    organ_names[str(label)] = key
    instrument_names: dict[str, str] = {}
    reference_instruments: dict[str, URIRef] = {}
    prefix = f"{iris.base}id/instrument/"
    for s in set(reference.subjects(SKOS.notation, None)):
        if isinstance(s, URIRef) and str(s).startswith(prefix):
            key = str(s)[len(prefix) :]
            reference_instruments[key] = s
            for prop in (SKOS.altLabel, SKOS.hiddenLabel):  # hidden: a form read from a list, never printed whole
                for label in reference.objects(s, prop):
                    if isinstance(label, Literal) and label.language == "zh":
                        instrument_names[str(label)] = key

    categories: dict[str, URIRef] = {}
    subcategories: dict[tuple[str, str], Subcategory] = {}
    scheme = iris.id("scheme", "deliverable-categories")
    for concept in ontology.subjects(SKOS.inScheme, scheme):
        broader = ontology.value(concept, SKOS.broader)
        if broader is None:
            categories[str(ontology.value(concept, SKOS.notation))] = URIRef(str(concept))
    for concept in ontology.subjects(SKOS.inScheme, scheme):
        broader = ontology.value(concept, SKOS.broader)
        if broader is None:
            continue
        letter = str(ontology.value(broader, SKOS.notation))
        unit = ontology.value(concept, kg.unitCode)
        unit_zh = next(
            (str(u) for u in ontology.objects(concept, kg.unitLabel) if getattr(u, "language", None) == "zh"),
            None,
        )
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in ontology.objects(concept, prop):
                if isinstance(label, Literal) and label.language == "zh":
                    subcategories[(letter, str(label))] = Subcategory(
                        URIRef(str(concept)), letter, str(unit) if unit else None, unit_zh
                    )
    if not organ_names or not categories or not subcategories:
        raise BuildError("the reference data or vocabularies are incomplete: no organs or deliverable categories found")

    titles: dict[str, str] = {}
    scopes_file = settings.reference_dir / "scopes.toml"
    try:
        data = tomllib.loads(scopes_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(f"{scopes_file}: {exc}") from exc
    for edition, ed in data.get("edition", {}).items():
        titles[f"{edition}/programme"] = ed["programme"]
        for sp, title in ed.get("scopes", {}).items():
            titles[f"{edition}/{sp}"] = title

    return Reference(
        ontology=ontology,
        reference=reference,
        lexicon=Lexicon(organ_names, instrument_names),
        subcategories=subcategories,
        categories=categories,
        reference_instruments=reference_instruments,
        scope_titles_en=titles,
        documents=load_documents(settings),
    )
