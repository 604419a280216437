"""Records of the strategy 2008-2011 -> the triples of its named graph (docs/model.md, "The strategy 2008-2011").

Two layers, as for the budget: the text as printed (kg:StrategyParagraph, with its lines) and what
it states (kg:Strategy, kg:StrategyTheme, kg:ResultArea, kg:StrategyResult, kg:StrategyObjective,
kg:StrategyAssumption, kg:StrategyNeed, kg:ManagementInitiative, kg:ManagementInitiativeItem), each
derived from the paragraphs it was read from; the citations of instruments in the text; the
corrections applied to the source. Every IRI comes from `Iris.id`.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from .extract.records import InstrumentRef
from .extract.strategy_records import StrategyDocument, StrategyParagraph
from .iris import Iris, undocs
from .rdf import INSTRUMENT_CLASS, posint, year, zh
from .reference import Reference


class StrategyGraphWriter:
    """Writes the graph of the strategy document."""

    def __init__(self, iris: Iris, ref: Reference) -> None:
        self.iris = iris
        self.ref = ref
        self.kg = iris.kg

    def write(self, doc: StrategyDocument) -> Graph:
        self.doc = doc
        self.g = g = Graph()
        g.bind("kg", self.kg)
        g.bind("id", Namespace(f"{self.iris.base}id/"))
        g.bind("dcterms", DCTERMS)
        g.bind("prov", PROV)
        self.dockey = doc.info.key
        self.docnode = self.iris.id("document", self.dockey)
        self.period = doc.strategy.key  # "2008-2011"
        self.strategy = self.iris.id("strategy", self.period)
        self.paragraphs = {p.key: p for p in doc.paragraphs}
        self.instrument_sources: dict[str, list[URIRef]] = defaultdict(list)
        self.instrument_refs: dict[str, InstrumentRef] = {}
        self._document()
        self._corrections()
        self._paragraphs()
        self._footnotes()
        self._strategy()
        self._themes()
        self._chapter_one()
        self._initiatives()
        self._citations()
        self._instruments()
        return g

    # ------------------------------------------------------------------ helpers
    def provenance(
        self,
        node: URIRef,
        derived_from: list[URIRef],
        line: int,
        last_line: int = 0,
        corrections: list[int] | None = None,
    ) -> None:
        for source in derived_from:
            self.g.add((node, PROV.wasDerivedFrom, source))
        self.g.add((node, self.kg.sourceLine, posint(line)))
        if last_line and last_line > line:
            self.g.add((node, self.kg.lastSourceLine, posint(last_line)))
        for n in sorted(set(corrections or [])):
            self.g.add((node, self.kg.correctedBy, self.iris.id("correction", f"{self.dockey}/{n}")))

    def para(self, key: str) -> URIRef:
        return self.iris.id("paragraph", f"{self.dockey}/{key}")

    def element(self, number: str | int) -> URIRef:
        """A theme ("1"), result area ("1.1") or result ("1.1.1"): the contract's `strategy` keys."""
        return self.iris.id("strategy", f"{self.period}/{number}")

    def from_paragraph(self, node: URIRef, p: StrategyParagraph, *more: StrategyParagraph) -> None:
        """Provenance of a node read from one paragraph (and the ones printed under it)."""
        last = more[-1] if more else p
        corrections = [n for x in (p, *more) for n in x.corrections]
        self.provenance(node, [self.para(x.key) for x in (p, *more)], p.line, last.last_line, corrections)

    def instrument(self, ref: InstrumentRef, source: URIRef) -> URIRef:
        self.instrument_refs.setdefault(ref.key, ref)
        if source not in self.instrument_sources[ref.key]:
            self.instrument_sources[ref.key].append(source)
        return self.iris.id("instrument", ref.key)

    # ------------------------------------------------------------------ document, corrections, text
    def _document(self) -> None:
        info, kg, d = self.doc.info, self.kg, self.docnode
        self.g.add((d, RDF.type, kg.Document))
        self.g.add((d, DCTERMS.identifier, Literal(info.symbol)))
        self.g.add((d, DCTERMS.title, zh(info.title_zh)))
        self.g.add((d, DCTERMS.title, Literal(info.title_en, lang="en")))
        self.g.add((d, DCTERMS.language, Literal(info.language)))
        self.g.add((d, kg.sourceFile, Literal(info.source_file)))
        self.g.add((d, kg.sha256, Literal(info.sha256)))
        # One document under two symbols (one per commission): each can be looked up.
        for symbol in re.split(r"\s+[–—-]\s+", info.symbol):
            self.g.add((d, RDFS.seeAlso, undocs(symbol.strip())))

    def _corrections(self) -> None:
        kg = self.kg
        for c in self.doc.corrections:
            node = self.iris.id("correction", f"{self.dockey}/{c.line}")
            self.g.add((node, RDF.type, kg.SourceCorrection))
            self.g.add((node, kg.sourceLine, posint(c.line)))
            self.g.add((node, kg.originalText, Literal(c.original)))
            self.g.add((node, kg.correctedText, Literal("\n".join(c.corrected))))
            self.g.add((node, kg.reason, Literal(c.reason, lang="en")))
            self.g.add((node, kg.anomalyKind, Literal(c.kind)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            self.g.add((node, PROV.wasDerivedFrom, self.docnode))

    def _paragraphs(self) -> None:
        kg = self.kg
        for p in self.doc.paragraphs:
            node = self.para(p.key)
            self.g.add((node, RDF.type, kg.StrategyParagraph))
            self.g.add((node, kg.blockNumber, Literal(p.key)))
            self.g.add((node, kg.readingOrder, posint(p.order)))
            self.g.add((node, kg.text, zh(p.text)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            parent = self.docnode
            if p.label:
                self.g.add((node, kg.itemLabel, Literal(p.label)))
            if p.parent:
                parent = self.para(p.parent)
                self.g.add((node, kg.partOfStrategyParagraph, parent))
            self.provenance(node, [parent], p.line, p.last_line, p.corrections)

    def _footnotes(self) -> None:
        kg = self.kg
        for fn in self.doc.footnotes:
            node = self.iris.id("footnote", f"{self.dockey}/{fn.key}")
            self.g.add((node, RDF.type, kg.Footnote))
            self.g.add((node, kg.marker, Literal(fn.marker)))
            self.g.add((node, kg.text, zh(fn.text)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            if fn.marked_in:
                self.g.add((node, kg.markedIn, self.para(fn.marked_in)))
            self.provenance(node, [self.docnode], fn.line)

    # ------------------------------------------------------------------ what the strategy states
    def _strategy(self) -> None:
        kg, s, st = self.kg, self.strategy, self.doc.strategy
        self.g.add((s, RDF.type, kg.Strategy))
        self.g.add((s, DCTERMS.title, zh(st.title)))
        self.g.add((s, DCTERMS.title, Literal(self.doc.info.title_en, lang="en")))  # official: the glossary
        self.g.add((s, kg.firstYear, year(st.first_year)))
        self.g.add((s, kg.lastYear, year(st.last_year)))
        self.provenance(s, [self.docnode], st.line)

    def _themes(self) -> None:
        kg = self.kg
        for t in self.doc.themes:
            node = self.element(t.number)
            intro = [self.paragraphs[k] for k in t.paragraphs]
            self.g.add((node, RDF.type, kg.StrategyTheme))
            self.g.add((node, kg.strategyNumber, Literal(str(t.number))))
            self.g.add((node, DCTERMS.title, zh(t.title)))
            self.g.add((node, kg.partOfStrategy, self.strategy))
            if intro:
                self.g.add((node, kg.text, zh("".join(p.text for p in intro))))
            corrections = t.corrections + [n for p in intro for n in p.corrections]
            sources = [self.docnode, *(self.para(p.key) for p in intro)]
            self.provenance(node, sources, t.line, intro[-1].last_line if intro else 0, corrections)
        for o in self.doc.objectives:
            node = self.iris.id("strategy-objective", f"{self.period}/{o.theme}/{o.position}")
            p = self.paragraphs[o.paragraph]
            self.g.add((node, RDF.type, kg.StrategyObjective))
            self.g.add((node, kg.text, zh(p.text)))
            self.g.add((node, kg.inTheme, self.element(o.theme)))
            self.g.add((node, kg.position, posint(o.position)))
            self.from_paragraph(node, p)
        for a in self.doc.areas:
            node = self.element(a.number)
            self.g.add((node, RDF.type, kg.ResultArea))
            self.g.add((node, kg.strategyNumber, Literal(a.number)))
            self.g.add((node, DCTERMS.title, zh(a.title)))
            self.g.add((node, kg.inTheme, self.element(a.theme)))
            self.provenance(node, [self.docnode], a.line, a.last_line, a.corrections)
        for r in self.doc.results:
            node = self.element(r.number)
            p = self.paragraphs[r.paragraph]
            self.g.add((node, RDF.type, kg.StrategyResult))
            self.g.add((node, kg.strategyNumber, Literal(r.number)))
            self.g.add((node, DCTERMS.title, zh(p.text)))
            self.g.add((node, kg.inResultArea, self.element(r.area)))
            self.from_paragraph(node, p)

    def _chapter_one(self) -> None:
        kg = self.kg
        for a in self.doc.assumptions:
            node = self.iris.id("strategy-assumption", f"{self.period}/{a.letter}")
            item = self.paragraphs[a.paragraph]
            bullets = [self.paragraphs[k] for k in a.bullets]
            self.g.add((node, RDF.type, kg.StrategyAssumption))
            self.g.add((node, kg.itemLabel, Literal(item.label or f"({a.letter})")))
            # The bullets printed under the item are part of what it assumes ("特别是提供：• … • …").
            self.g.add((node, kg.text, zh(item.text + "".join(f"\n• {b.text}" for b in bullets))))
            self.g.add((node, kg.partOfStrategy, self.strategy))
            self.from_paragraph(node, item, *bullets)
        for n in self.doc.needs:
            node = self.iris.id("strategy-need", f"{self.period}/{n.position}")
            p = self.paragraphs[n.paragraph]
            self.g.add((node, RDF.type, kg.StrategyNeed))
            self.g.add((node, kg.text, zh(p.text)))
            self.g.add((node, kg.position, posint(n.position)))
            self.g.add((node, kg.partOfStrategy, self.strategy))
            self.from_paragraph(node, p)

    def _initiatives(self) -> None:
        kg = self.kg
        for i in self.doc.initiatives:
            node = self.iris.id("management-initiative", f"{self.period}/{i.position}")
            self.g.add((node, RDF.type, kg.ManagementInitiative))
            self.g.add((node, DCTERMS.title, zh(i.title)))
            self.g.add((node, kg.position, posint(i.position)))
            self.g.add((node, kg.partOfStrategy, self.strategy))
            self.provenance(node, [self.docnode], i.line, i.last_line, i.corrections)
            for k, key in enumerate(i.items, start=1):
                item = self.iris.id("management-initiative", f"{self.period}/{i.position}/{k}")
                p = self.paragraphs[key]
                self.g.add((item, RDF.type, kg.ManagementInitiativeItem))
                self.g.add((item, kg.text, zh(p.text)))
                self.g.add((item, kg.position, posint(k)))
                self.g.add((item, kg.inInitiative, node))
                self.from_paragraph(item, p)

    # ------------------------------------------------------------------ citations and instruments
    def _citations(self) -> None:
        kg = self.kg
        counts: dict[str, int] = defaultdict(int)
        for c in self.doc.citations:
            kind, _, key = c.citing.partition(":")
            if kind == "p":
                citing, slug = self.para(key), key
            elif kind == "fn":
                citing, slug = self.iris.id("footnote", f"{self.dockey}/{key}"), f"fn-{key}"
            else:
                raise ValueError(f"unknown citing text {c.citing!r}")
            counts[slug] += 1
            node = self.iris.id("citation", f"{self.dockey}/{slug}/{counts[slug]}")
            inst = self.instrument(c.instrument, node)
            self.g.add((node, RDF.type, kg.Citation))
            self.g.add((node, kg.citingText, citing))
            self.g.add((node, kg.citedInstrument, inst))
            self.g.add((node, kg.quotation, zh(c.quotation)))
            self.provenance(node, [citing], c.line)
            self.g.add((citing, kg.cites, inst))

    def _instruments(self) -> None:
        kg = self.kg
        for key, ref in sorted(self.instrument_refs.items()):
            node = self.iris.id("instrument", key)
            for src in self.instrument_sources[key]:
                self.g.add((node, PROV.wasDerivedFrom, src))
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
