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

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .extract.strategy_records import StrategyDocument, StrategyParagraph
from .iris import undocs
from .rdf_base import SourceGraphWriter, posint, year, zh


class StrategyGraphWriter(SourceGraphWriter):
    """Writes the graph of the strategy document."""

    def write(self, doc: StrategyDocument) -> Graph:
        self.doc = doc
        g = self.start(doc.info.key)
        self.period = doc.strategy.key  # "2008-2011"
        self.strategy = self.iris.id("strategy", self.period)
        self.paragraphs = {p.key: p for p in doc.paragraphs}
        self._document()
        self.corrections(doc.corrections)
        self._paragraphs()
        self._footnotes()
        self._strategy()
        self._themes()
        self._chapter_one()
        self._initiatives()
        self._citations()
        self.instruments()
        return g

    # ------------------------------------------------------------------ helpers
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

    def _document(self) -> None:
        info, d = self.doc.info, self.docnode
        self.document(info.symbol, info.title_zh, info.title_en, info.language, info.source_file, info.sha256)
        # One document under two symbols (one per commission): each can be looked up.
        for symbol in re.split(r"\s+[–—-]\s+", info.symbol):
            self.g.add((d, RDFS.seeAlso, undocs(symbol.strip())))

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
            self.citation(node, citing, c.instrument, c.quotation, c.line)
