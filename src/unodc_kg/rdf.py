"""Records -> triples: the graph of one source document (docs/model.md is the map)."""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from .errors import SourceError
from .extract.records import (
    DeliverableRow,
    DeliverablesTable,
    ExtractedDocument,
    Footnote,
    Highlight,
    PerformanceMeasure,
    PlannedResult,
    TextNode,
)
from .iris import sdg, undocs
from .rdf_base import QB, SourceGraphWriter, posint, year, zh

SCOPE_CLASS = {"programme": "Programme", "subprogramme": "Subprogramme", "component": "Component"}


class DocumentGraphWriter(SourceGraphWriter):
    """Writes the graph of one programme budget section."""

    def write(self, doc: ExtractedDocument) -> Graph:
        self.doc = doc
        g = self.start(doc.info.key)
        self.texts: dict[str, TextNode] = {t.key: t for t in doc.texts}
        self._document()
        self.corrections(doc.corrections)
        self._scopes()
        self._texts()
        self._tables_and_figures()
        self._footnotes()
        self._programme_content()
        self._deliverables()
        self._mandates()
        self._citations()
        self.instruments()
        return g

    # ------------------------------------------------------------------ helpers
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def para(self, key: str) -> URIRef:
        return self.iris.id("paragraph", f"{self.dockey}/{key}")

    def scope(self, key: str) -> URIRef:
        return self.iris.id("scope", key)

    def table(self, number: str) -> URIRef:
        return self.iris.id("table", f"{self.dockey}/{number}")

    def figure(self, number: str) -> URIRef:
        return self.iris.id("figure", f"{self.dockey}/{number}")

    def footnote(self, key: str) -> URIRef:
        return self.iris.id("footnote", f"{self.dockey}/{key}")

    def node_of(self, citing: str) -> URIRef:
        """The IRI of a citing or naming node, from the extractor's 'kind:key' reference."""
        kind, _, key = citing.partition(":")
        if kind == "p":
            return self.para(key)
        if kind == "fn":
            return self.footnote(key)
        if kind == "deliverable":
            return self.iris.id("deliverable", key)
        if kind == "measure":
            return self.iris.id("measure-entry", key)
        if kind == "performance-measure":
            return self.iris.id("measure", key)
        if kind in ("result", "highlight"):
            return self.iris.id(kind, key)
        if kind == "table":
            return self.table(key)
        if kind == "figure":
            return self.figure(key)
        raise ValueError(f"unknown citing node {citing!r}")

    # ------------------------------------------------------------------ document and corrections
    def _document(self) -> None:
        info = self.doc.info
        self.document(info.symbol, info.title_zh, info.title_en, info.language, info.source_file, info.sha256)
        self.g.add((self.docnode, RDFS.seeAlso, undocs(info.symbol)))
        if info.edition:
            self.g.add((self.docnode, self.kg.edition, year(info.edition)))

    # ------------------------------------------------------------------ programme structure
    def _scopes(self) -> None:
        kg, edition = self.kg, self.doc.info.edition
        for s in self.doc.scopes:
            node = self.scope(s.key)
            self.g.add((node, RDF.type, kg[SCOPE_CLASS[s.kind]]))
            self.g.add((node, kg.scopeNumber, Literal(s.number)))
            self.g.add((node, SKOS.prefLabel, zh(s.label)))
            for alt in s.alt_labels:
                self.g.add((node, SKOS.altLabel, zh(alt)))
            en = self.ref.scope_titles_en.get(s.key)
            if en:
                self.g.add((node, SKOS.prefLabel, Literal(en, lang="en")))
            if edition:
                self.g.add((node, kg.edition, year(edition)))
            if s.parent:
                self.g.add((node, kg.partOf, self.scope(s.parent)))
            self.provenance(node, self.docnode, s.line)

    def _texts(self) -> None:
        kg = self.kg
        for t in self.doc.texts:
            node = self.para(t.key)
            self.g.add((node, RDF.type, kg.Paragraph))
            self.g.add((node, kg.paragraphNumber, Literal(t.number)))
            self.g.add((node, kg.text, zh(t.text)))
            self.g.add((node, kg.inScope, self.scope(t.scope)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            parent = self.docnode
            if t.label:
                self.g.add((node, RDF.type, kg.ParagraphItem))
                self.g.add((node, kg.itemLabel, Literal(t.label)))
                assert t.parent is not None
                parent = self.para(t.parent)
                self.g.add((node, kg.partOfParagraph, parent))
            self.provenance(node, parent, t.line, t.last_line, t.corrections)

    def _tables_and_figures(self) -> None:
        kg = self.kg
        for tb in self.doc.tables:
            node = self.table(tb.number)
            self.g.add((node, RDF.type, kg.Table))
            self.g.add((node, kg.tableNumber, Literal(tb.number)))
            self.g.add((node, kg.caption, zh(tb.caption)))
            self.g.add((node, kg.inScope, self.scope(tb.scope)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            if tb.introduced_by:
                self.g.add((node, kg.introducedBy, self.para(tb.introduced_by)))
            self.provenance(node, self.docnode, tb.line)
        for dt in self.doc.deliverable_tables:
            for n in dt.corrections:
                self.g.add((self.table(dt.number), kg.correctedBy, self.iris.id("correction", f"{self.dockey}/{n}")))
        for f in self.doc.figures:
            node = self.figure(f.number)
            self.g.add((node, RDF.type, kg.Figure))
            self.g.add((node, kg.figureNumber, Literal(f.number)))
            self.g.add((node, kg.printedNumber, Literal(f.printed)))
            self.g.add((node, kg.caption, zh(f.caption)))
            self.g.add((node, kg.inScope, self.scope(f.scope)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            if f.introduced_by:
                self.g.add((node, kg.introducedBy, self.para(f.introduced_by)))
            self.provenance(node, self.docnode, f.line)

    def _footnotes(self) -> None:
        kg = self.kg
        for fn in self.doc.footnotes:
            node = self.footnote(fn.key)
            self.g.add((node, RDF.type, kg.Footnote))
            self.g.add((node, kg.marker, Literal(fn.marker)))
            self.g.add((node, kg.text, zh(fn.text)))
            if fn.scope:
                self.g.add((node, kg.inScope, self.scope(fn.scope)))
            self.g.add((node, DCTERMS.isPartOf, self.docnode))
            holder = self._footnote_holder(fn)
            if holder is not None:
                self.g.add((node, kg.markedIn, holder))
            self.provenance(node, self.docnode, fn.line)

    def _footnote_holder(self, fn: Footnote) -> URIRef | None:
        if not fn.marked_in or fn.marked_in in ("document", "listing"):
            return None  # listings point at their footnotes (kg:hasFootnote)
        if fn.marked_in.startswith("table:"):
            return self.table(fn.marked_in.split(":", 1)[1])
        return self.para(fn.marked_in)

    def _programme_content(self) -> None:
        kg = self.kg
        strategy_keys: set[str] = set()
        for t in self.doc.texts:
            scope = self.scope(t.scope)
            local = ".".join(t.key.split(".")[2:])  # "16.15.a" -> "a"; "16.28.a.1" -> "a.1"
            if t.role == "objective":
                node = self.iris.id("objective", t.scope)
                cls = kg.Objective
            elif t.role == "strategy-item":
                if f"{t.scope}/{local}" in strategy_keys:
                    raise SourceError(self.doc.info.source_file, t.line, f"strategy item {local} twice in {t.scope}")
                strategy_keys.add(f"{t.scope}/{local}")
                node = self.iris.id("strategy-item", f"{t.scope}/{local}")
                cls = kg.StrategyItem
            elif t.role == "expected-result":
                node = self.iris.id("expected-result", f"{t.scope}/{local}")
                cls = kg.ExpectedResult
            else:
                continue
            self.g.add((node, RDF.type, cls))
            self.g.add((node, kg.text, zh(t.text)))
            self.g.add((node, kg.scope, scope))
            if t.label:
                self.g.add((node, kg.itemLabel, Literal(t.label)))
            self.provenance(node, self.para(t.key), t.line, t.last_line, t.corrections)
        for h in self.doc.highlights:
            self._highlight(h)
        for r in self.doc.results:
            self._result(r)
        for m in self.doc.sdg_mentions:
            self.g.add((self.node_of(m.node), kg.namesSDG, sdg(m.goal)))

    def _highlight(self, h: Highlight) -> None:
        kg = self.kg
        node = self.iris.id("highlight", h.scope)
        self.g.add((node, RDF.type, kg.ProgrammePerformanceHighlight))
        self.g.add((node, DCTERMS.title, zh(h.title)))
        self.g.add((node, kg.performanceYear, year(h.year)))
        self.g.add((node, kg.scope, self.scope(h.scope)))
        self.provenance(node, self.docnode if not h.paragraphs else self.para(h.paragraphs[0]), h.line)
        for p in h.paragraphs[1:]:
            self.g.add((node, PROV.wasDerivedFrom, self.para(p)))
        if h.measure:
            self.g.add((node, kg.hasPerformanceMeasure, self._measure(h.measure)))

    def _result(self, r: PlannedResult) -> None:
        kg = self.kg
        node = self.iris.id("result", f"{r.scope}/{r.number}")
        self.g.add((node, RDF.type, kg.PlannedResult))
        self.g.add((node, kg.resultNumber, posint(r.number)))
        self.g.add((node, DCTERMS.title, zh(r.title)))
        self.g.add((node, kg.scope, self.scope(r.scope)))
        self.provenance(node, self.docnode if not r.paragraphs else self.para(r.paragraphs[0]), r.line)
        for p in r.paragraphs[1:]:
            self.g.add((node, PROV.wasDerivedFrom, self.para(p)))
        if r.measure:
            self.g.add((node, kg.hasPerformanceMeasure, self._measure(r.measure)))
        if r.lessons:
            lesson = self.iris.id("lesson", f"{r.scope}/{r.number}")
            self.g.add((lesson, RDF.type, kg.LessonLearned))
            self.g.add((lesson, kg.text, zh("".join(self.texts[k].text for k in r.lessons))))
            self.g.add((lesson, kg.scope, self.scope(r.scope)))
            first = self.texts[r.lessons[0]]
            self.provenance(lesson, self.para(first.key), first.line, self.texts[r.lessons[-1]].last_line)
            for k in r.lessons[1:]:
                self.g.add((lesson, PROV.wasDerivedFrom, self.para(k)))
            self.g.add((node, kg.hasLessonLearned, lesson))

    def _measure(self, m: PerformanceMeasure) -> URIRef:
        kg = self.kg
        node = self.iris.id("measure", f"{m.scope}/{m.owner}")
        kind, number = m.presented_in.split(":", 1)
        shown_in = self.table(number) if kind == "table" else self.figure(number)
        self.g.add((node, RDF.type, kg.PerformanceMeasure))
        self.g.add((node, DCTERMS.description, zh(m.description)))
        self.g.add((node, kg.presentedIn, shown_in))
        self.g.add((node, kg.scope, self.scope(m.scope)))
        self.provenance(node, shown_in, m.line)
        for c in m.cells:
            entry = self.iris.id("measure-entry", f"{m.scope}/{m.owner}/{c.year}-{c.status}-{c.row}")
            self.g.add((entry, RDF.type, kg.PerformanceMeasureEntry))
            self.g.add((entry, kg.measure, node))
            self.g.add((entry, kg.year, year(c.year)))
            self.g.add((entry, kg.status, self.iris.id("status", c.status)))
            self.g.add((entry, kg.row, posint(c.row)))
            if c.text is None:
                self.g.add((entry, kg.dash, Literal(True)))
            else:
                self.g.add((entry, kg.text, zh(c.text)))
            self.provenance(entry, shown_in, c.line)
        return node

    # ------------------------------------------------------------------ deliverables (Data Cube)
    def _deliverables(self) -> None:
        for t in self.doc.deliverable_tables:
            self._deliverables_table(t)

    def _subcategory(self, t: DeliverablesTable, row: DeliverableRow) -> tuple[URIRef, str | None]:
        sub = self.ref.subcategories.get((row.category, row.subcategory))
        if sub is None:
            raise SourceError(
                self.doc.info.source_file,
                row.line,
                f"table {t.number}: {row.subcategory!r} is not a subcategory of category {row.category} in "
                "ontology/vocabularies/deliverable-categories.ttl",
            )
        if row.unit and sub.unit_zh and row.unit.replace(" ", "") != sub.unit_zh.replace(" ", ""):
            raise SourceError(
                self.doc.info.source_file,
                row.line,
                f"table {t.number}: unit {row.unit!r} printed for {row.subcategory!r}, expected {sub.unit_zh!r}",
            )
        return sub.iri, sub.unit_code

    def _deliverables_table(self, t: DeliverablesTable) -> None:
        kg = self.kg
        table = self.table(t.number)
        dataset = self.iris.id("dataset", t.scope)
        scope = self.scope(t.scope)
        self.g.add((dataset, RDF.type, QB.DataSet))
        self.g.add((dataset, QB.structure, kg.deliverablesStructure))
        self.g.add((dataset, kg.scope, scope))
        self.g.add((dataset, DCTERMS.title, zh(t.caption)))
        self.provenance(dataset, table, t.line)
        for row in t.rows:
            sub_iri, unit = self._subcategory(t, row)
            if row.kind == "total":
                slug = str(sub_iri).rsplit("/", 1)[1]
                node = self.iris.id("subcategory-total", f"{t.scope}/{slug}")
                self.g.add((node, RDF.type, kg.SubcategoryTotal))
                printed = f"{row.subcategory}{' ^' + row.marker if row.marker else ''}({row.unit})"
                self.g.add((node, kg.printedLabel, zh(printed)))
                if row.marker:
                    self.g.add((node, kg.hasFootnote, self.footnote(f"{t.number}-{row.marker}")))
                obs_key = f"{t.scope}/total-{slug}"
            else:
                key = row.key(t.scope) or ""
                node = self.iris.id("deliverable", key)
                self.g.add((node, RDF.type, kg.Deliverable))
                self.g.add((node, DCTERMS.title, zh(row.title or "")))
                if row.kind == "item":
                    self.g.add((node, kg.itemNumber, posint(row.item or 0)))
                else:
                    self.g.add((node, kg.narrativeOrdinal, posint(row.ordinal or 0)))
                    self.g.add((node, kg.text, zh(row.text or "")))
                if row.group_heading:
                    self.g.add((node, kg.groupHeading, zh(row.group_heading)))
                obs_key = key
            self.g.add((node, kg.scope, scope))
            self.g.add((node, kg.inTable, table))
            self.g.add((node, kg.category, self.ref.categories[row.category]))
            self.g.add((node, kg.subcategory, sub_iri))
            self.g.add((node, kg.tableRow, posint(row.row)))
            if unit and row.kind != "narrative":
                self.g.add((node, kg.unit, Literal(unit)))
            self.provenance(node, table, row.line, 0, row.corrections)
            for q in row.quantities:
                obs = self.iris.id("observation", f"{obs_key}/{q.year}-{q.status}")
                self.g.add((obs, RDF.type, QB.Observation))
                self.g.add((obs, QB.dataSet, dataset))
                self.g.add((obs, kg.lineItem, node))
                self.g.add((obs, kg.year, year(q.year)))
                self.g.add((obs, kg.status, self.iris.id("status", q.status)))
                self.g.add((obs, kg.quantity, Literal(q.value, datatype=XSD.nonNegativeInteger)))
                self.g.add((obs, kg.dash, Literal(q.dash)))
                self.provenance(obs, table, q.line, 0, row.corrections + q.corrections)

    # ------------------------------------------------------------------ mandates
    def _mandates(self) -> None:
        kg = self.kg
        mandates_para = next((t for t in self.doc.texts if t.role == "mandates"), None)
        for lst in self.doc.mandate_lists:
            lnode = self.iris.id("mandate-list", f"{lst.scope}/{lst.slug}")
            scope = self.scope(lst.scope)
            self.g.add((lnode, RDF.type, kg.LegislativeMandateList))
            self.g.add((lnode, kg.scope, scope))
            self.g.add((lnode, kg.heading, zh(lst.heading)))
            self.g.add((lnode, kg.listKind, Literal(lst.list_kind)))
            self.g.add((lnode, kg.listOrder, posint(lst.order)))
            if lst.organ:
                self.g.add((lnode, kg.organ, self.iris.id("organ", lst.organ)))
            self.provenance(lnode, self.para(mandates_para.key) if mandates_para else self.docnode, lst.line)
            used: dict[str, int] = {}
            for entry in lst.entries:
                nodes: list[URIRef] = []
                for ref, printed, marker in entry.symbols:
                    base_key = f"{lst.scope}/{lst.slug}/{ref.key.replace('/', '-')}"
                    used[base_key] = used.get(base_key, 0) + 1
                    key = base_key if used[base_key] == 1 else f"{base_key}-{used[base_key]}"
                    node = self.iris.id("mandate-listing", key)
                    nodes.append(node)
                    inst = self.instrument(ref, node)
                    self.g.add((node, RDF.type, kg.MandateListing))
                    self.g.add((node, kg.inList, lnode))
                    self.g.add((node, kg.instrument, inst))
                    self.g.add((node, kg.listedSymbol, Literal(printed)))
                    self.g.add((node, kg.entryPosition, posint(entry.position)))
                    self.g.add((node, kg.column, posint(entry.column)))
                    if entry.title:
                        self.g.add((node, kg.listedTitle, zh(entry.title)))
                        self.instrument_titles[ref.key].add(entry.title)
                    if marker:
                        digit = str("¹²³⁴⁵⁶⁷⁸⁹".index(marker) + 1)
                        self.g.add((node, kg.hasFootnote, self.footnote(digit)))
                    self.provenance(node, lnode, entry.line, entry.last_line, entry.corrections)
                    self.g.add((scope, kg.hasLegislativeMandate, inst))
                for a in nodes:
                    for b in nodes:
                        if a != b:
                            self.g.add((a, kg.sharesEntryWith, b))

    def _citations(self) -> None:
        counts: dict[str, int] = defaultdict(int)
        for c in self.doc.citations:
            citing = self.node_of(c.citing)
            slug = (
                c.citing.split(":", 1)[1] if c.citing.startswith("p:") else c.citing.replace(":", "-").replace("/", "-")
            )
            counts[slug] += 1
            node = self.iris.id("citation", f"{self.dockey}/{slug}/{counts[slug]}")
            paragraph = self.para(c.paragraph) if c.paragraph and not c.citing.startswith("p:") else None
            self.citation(node, citing, c.instrument, c.quotation, c.line, paragraph)
