"""What every source's graph writer does alike: provenance, the document node, corrections, citations and the
instruments a source names. The budget writer (rdf.py) and the strategy writer (strategy_rdf.py) extend it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from .extract.corrections import Correction
from .extract.records import InstrumentRef
from .iris import Iris, undocs
from .reference import Reference

QB = Namespace("http://purl.org/linked-data/cube#")
INSTRUMENT_CLASS = {
    "resolution": "Resolution",
    "decision": "Decision",
    "convention": "Convention",
    "protocol": "Protocol",
    "declaration": "Declaration",
    "statement": "Statement",
}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def year(y: int) -> Literal:
    return Literal(str(y), datatype=XSD.gYear)


def posint(n: int) -> Literal:
    return Literal(n, datatype=XSD.positiveInteger)


class SourceGraphWriter:
    """Shared parts of the writers of one source document's named graph."""

    def __init__(self, iris: Iris, ref: Reference) -> None:
        self.iris = iris
        self.ref = ref
        self.kg = iris.kg

    def start(self, dockey: str) -> Graph:
        """A fresh graph for document `dockey`, with our prefixes."""
        self.dockey = dockey
        self.docnode = self.iris.id("document", dockey)
        self.g = g = Graph()
        g.bind("kg", self.kg)
        g.bind("id", Namespace(f"{self.iris.base}id/"))
        g.bind("dcterms", DCTERMS)
        g.bind("prov", PROV)
        g.bind("skos", SKOS)
        g.bind("qb", QB)
        self.instrument_sources: dict[str, list[URIRef]] = defaultdict(list)
        self.instrument_refs: dict[str, InstrumentRef] = {}
        self.instrument_titles: dict[str, set[str]] = defaultdict(set)
        return g

    def provenance(
        self,
        node: URIRef,
        derived_from: URIRef | Sequence[URIRef],
        line: int,
        last_line: int = 0,
        corrections: Iterable[int] | None = None,
    ) -> None:
        """Where a node comes from: what it was derived from, its source line(s), the corrections it depends on."""
        for source in [derived_from] if isinstance(derived_from, URIRef) else derived_from:
            self.g.add((node, PROV.wasDerivedFrom, source))
        self.g.add((node, self.kg.sourceLine, posint(line)))
        if last_line and last_line > line:
            self.g.add((node, self.kg.lastSourceLine, posint(last_line)))
        for n in sorted(set(corrections or [])):
            self.g.add((node, self.kg.correctedBy, self.iris.id("correction", f"{self.dockey}/{n}")))

    def document(self, symbol: str, title_zh: str, title_en: str, language: str, source_file: str, sha256: str) -> None:
        d, kg = self.docnode, self.kg
        self.g.add((d, RDF.type, kg.Document))
        self.g.add((d, DCTERMS.identifier, Literal(symbol)))
        if title_zh:
            self.g.add((d, DCTERMS.title, zh(title_zh)))
        self.g.add((d, DCTERMS.title, Literal(title_en, lang="en")))
        self.g.add((d, DCTERMS.language, Literal(language)))
        self.g.add((d, kg.sourceFile, Literal(source_file)))
        self.g.add((d, kg.sha256, Literal(sha256)))

    def corrections(self, corrections: Iterable[Correction]) -> None:
        kg = self.kg
        for c in corrections:
            node = self.iris.id("correction", f"{self.dockey}/{c.line}")
            self.g.add((node, RDF.type, kg.SourceCorrection))
            self.g.add((node, kg.sourceLine, posint(c.line)))
            self.g.add((node, kg.originalText, Literal(c.original)))
            self.g.add((node, kg.correctedText, Literal("\n".join(c.corrected))))
            self.g.add((node, kg.reason, Literal(c.reason, lang="en")))
            self.g.add((node, kg.anomalyKind, Literal(c.kind)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            self.g.add((node, PROV.wasDerivedFrom, self.docnode))

    def instrument(self, ref: InstrumentRef, source: URIRef) -> URIRef:
        """The IRI of an instrument the source names; `source` (a listing or citation) is where."""
        self.instrument_refs.setdefault(ref.key, ref)
        if source not in self.instrument_sources[ref.key]:
            self.instrument_sources[ref.key].append(source)
        return self.iris.id("instrument", ref.key)

    def citation(
        self,
        node: URIRef,
        citing: URIRef,
        ref: InstrumentRef,
        quotation: str,
        line: int,
        paragraph: URIRef | None = None,
    ) -> None:
        """One citation; `paragraph` is the numbered paragraph it counts for, when the citing text is not one
        (a footnote, a table's caption or row, a result's title)."""
        kg = self.kg
        inst = self.instrument(ref, node)
        self.g.add((node, RDF.type, kg.Citation))
        self.g.add((node, kg.citingText, citing))
        self.g.add((node, kg.citedInstrument, inst))
        self.g.add((node, kg.quotation, zh(quotation)))
        self.provenance(node, citing, line)
        if paragraph is not None and paragraph != citing:
            self.g.add((node, kg.inParagraph, paragraph))
        self.g.add((citing, kg.cites, inst))

    def instruments(self) -> None:
        """The instruments named in this source: derived from their listings and citations; for those not in the
        reference data, their class, organ, symbols and year as the symbol gives them."""
        kg = self.kg
        for key, ref in sorted(self.instrument_refs.items()):
            node = self.iris.id("instrument", key)
            for src in self.instrument_sources[key]:
                self.g.add((node, PROV.wasDerivedFrom, src))
            for title in sorted(self.instrument_titles[key]):
                self.g.add((node, DCTERMS.title, zh(title)))
            if key in self.ref.reference_instruments:
                continue  # class, titles and organ come from the reference data
            self.g.add((node, RDF.type, kg[INSTRUMENT_CLASS[ref.kind]]))
            if ref.organ:
                self.g.add((node, kg.adoptedBy, self.iris.id("organ", ref.organ)))
            if ref.symbol:
                self.g.add((node, kg.symbol, Literal(ref.symbol)))
            if ref.un_symbol:
                self.g.add((node, DCTERMS.identifier, Literal(ref.un_symbol)))
                self.g.add((node, RDFS.seeAlso, undocs(ref.un_symbol)))
            if ref.year:
                self.g.add((node, kg.year, year(ref.year)))
