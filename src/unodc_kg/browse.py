"""The questions the site's browse pages ask: scopes, objectives, results and measures, mandate lists, tables.

Small typed functions over the query store, next to query.py's headline questions (whose JSON the
pages reuse for deliverables and mandates). Keys from the caller are checked against query.py's
patterns, then bound as values (`store.select(q, {"scope": NamedNode(...)})`), never pasted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import UnknownKeyError
from .iris import Iris, shown, valid_key
from .query import PREFIXES, SCOPE_HELP
from .store import Store, Term

STATUS_ORDER = {"planned": 0, "actual": 1}


# ---------------------------------------------------------------------- value types
@dataclass(frozen=True)
class Label:
    """A text in Chinese (as printed in the source) and, where the graph has an official one, English."""

    zh: str | None = None
    en: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a statement was read: the paragraph (key like a-79-6-sect16/16.14) and the line of the source."""

    paragraph: str | None = None
    line: int | None = None

    @property
    def paragraph_number(self) -> str | None:
        return self.paragraph.rsplit("/", 1)[-1] if self.paragraph else None


@dataclass(frozen=True)
class Scope:
    key: str  # 2025/sp1
    iri: str
    kind: str  # programme, subprogramme, component
    number: str  # "13", "1", "9.1"
    edition: str
    title: Label
    parent: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # results, deliverables, lists

    @property
    def heading(self) -> str:
        """How the source names it: 方案 13, 次级方案 1, 构成部分 1 (of subprogramme 9)."""
        if self.kind == "programme":
            return f"Programme {self.number}"
        if self.kind == "component":
            sp, _, part = self.number.partition(".")
            return f"Subprogramme {sp}, component {part}"
        return f"Subprogramme {self.number}"


@dataclass(frozen=True)
class Passage:
    text: str
    source: Source


@dataclass(frozen=True)
class MeasureEntry:
    year: int
    status: str  # planned, actual
    row: int
    text: str | None
    dash: bool
    line: int | None


@dataclass(frozen=True)
class Measure:
    key: str  # 2025/sp1/3 or 2025/sp1/highlight
    description: str | None
    presented_in: str | None  # "table" or "figure"
    number: str | None  # 16.3
    printed_number: str | None  # 16.一
    caption: str | None
    line: int | None
    entries: tuple[MeasureEntry, ...] = ()

    @property
    def columns(self) -> list[tuple[int, str]]:
        """The (year, status) columns of the measure's table, in reading order."""
        cols = {(e.year, e.status) for e in self.entries}
        return sorted(cols, key=lambda c: (c[0], STATUS_ORDER.get(c[1], 9)))

    @property
    def grid(self) -> list[list[MeasureEntry | None]]:
        """One list per printed row, one cell per column (None where the table has no text there)."""
        cols = self.columns
        rows = sorted({e.row for e in self.entries})
        cell = {(e.row, e.year, e.status): e for e in self.entries}
        return [[cell.get((r, y, s)) for y, s in cols] for r in rows]


@dataclass(frozen=True)
class PlannedResult:
    key: str  # 2025/sp1/1
    number: int
    title: str | None
    line: int | None
    paragraphs: tuple[str, ...]
    lesson: str | None
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Highlight:
    """The programme performance in the past year (2023) the section reports for a scope."""

    key: str
    title: str | None
    year: int | None
    line: int | None
    paragraphs: tuple[str, ...]
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str


@dataclass(frozen=True)
class ListedSymbol:
    symbol: str | None  # as printed, "73/164"
    instrument: str  # key, ga/73-164
    un_symbol: str | None  # A/RES/73/164


@dataclass(frozen=True)
class ListEntry:
    """One entry of a mandate list: one or more symbols that share the printed title."""

    position: int
    column: int | None
    title: str | None
    line: int | None
    symbols: tuple[ListedSymbol, ...]
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True)
class MandateList:
    key: str  # 2025/sp1/cop-untoc
    heading: str
    organ: str | None
    kind: str | None
    order: int
    source: Source
    entries: tuple[ListEntry, ...]


@dataclass(frozen=True)
class Quantity:
    year: int
    status: str
    value: int
    dash: bool


@dataclass(frozen=True)
class TableLine:
    """One line of a deliverables table: a subcategory total or a deliverable, in printed order."""

    kind: str  # "total" or "deliverable"
    row: int
    key: str  # deliverable key 2025/sp1/7, or subcategory-total key 2025/sp1/publications
    category: str  # A … E
    category_label: Label
    subcategory_label: Label
    printed_label: str | None = None  # totals: 议事机构文件(文件数目)
    unit: str | None = None
    quantities: tuple[Quantity, ...] = ()
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True)
class DeliverableOption:
    """A deliverable as the pickers list it."""

    key: str
    scope: str
    row: int
    label: str  # "7" or "C-1"
    title: str


# ---------------------------------------------------------------------- helpers
def _int(term: Term | None) -> int | None:
    return None if term is None else int(term.value)


def _str(term: Term | None) -> str | None:
    return None if term is None else term.value


def _bool(term: Term | None) -> bool:
    return term is not None and term.value in ("true", "1")


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", number))


class Browse:
    """The browse pages' questions, over one store and one base IRI."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.prefixes = PREFIXES.format(kg=iris.kg)

    def _q(self, body: str, **bindings: Term) -> list[dict[str, Term]]:
        return self.store.select(self.prefixes + body, bindings)

    def _key(self, term: Term | None, kind: str) -> str | None:
        return None if term is None else self.iris.key_of(term.value, kind)

    def _paragraph(self, term: Term | None) -> str | None:
        return self._key(term, "paragraph")

    def scope_node(self, key: str) -> ox.NamedNode:
        """The IRI of a scope key, checked against the contract's pattern and the graph."""
        if not valid_key("scope", key):
            raise UnknownKeyError(f"{shown(key)} is not a scope key: {SCOPE_HELP}")
        node = ox.NamedNode(str(self.iris.id("scope", key)))
        if not self.store.ask(self.prefixes + "ASK { ?s kg:scopeNumber ?n }", {"s": node}):
            raise UnknownKeyError(f"no scope {shown(key)} in the graph: {SCOPE_HELP}")
        return node

    # ------------------------------------------------------------------ scopes
    def scopes(self) -> list[Scope]:
        """Every programme, subprogramme and component, with its titles and what it holds, in printed order."""
        rows = self._q(
            """
            SELECT ?s ?number ?edition ?class ?zh ?en ?parent WHERE {
              ?s kg:scopeNumber ?number ; a ?class .
              FILTER(?class IN (kg:Programme, kg:Subprogramme, kg:Component))
              OPTIONAL { ?s kg:edition ?edition }
              OPTIONAL { ?s skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
              OPTIONAL { ?s skos:prefLabel ?en FILTER(lang(?en) = "en") }
              OPTIONAL { ?s kg:partOf ?parent }
            }"""
        )
        counts = self._scope_counts()
        first: dict[str, dict[str, Term]] = {}
        classes: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            first.setdefault(r["s"].value, r)
            classes[r["s"].value].add(r["class"].value.rsplit("/", 1)[-1].lower())
        out: list[Scope] = []
        for iri_value, r in first.items():
            key = self.iris.key_of(iri_value, "scope")
            if key is None:
                continue
            kind = next(k for k in ("programme", "component", "subprogramme") if k in classes[iri_value])
            out.append(
                Scope(
                    key=key,
                    iri=iri_value,
                    kind=kind,
                    number=r["number"].value,
                    edition=(_str(r.get("edition")) or key.split("/", 1)[0])[:4],
                    title=Label(zh=_str(r.get("zh")), en=_str(r.get("en"))),
                    parent=self._key(r.get("parent"), "scope"),
                    counts=counts.get(iri_value, {}),
                )
            )
        out.sort(key=lambda sc: (sc.edition, sc.kind != "programme", _number_key(sc.number)))
        return out

    def _scope_counts(self) -> dict[str, dict[str, int]]:
        rows = self._q(
            """
            SELECT ?s ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
              { ?x a kg:PlannedResult ; kg:scope ?s . BIND("results" AS ?what) }
              UNION { ?x a kg:Deliverable ; kg:scope ?s . BIND("deliverables" AS ?what) }
              UNION { ?x a kg:LegislativeMandateList ; kg:scope ?s . BIND("lists" AS ?what) }
            } GROUP BY ?s ?what"""
        )
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for r in rows:
            out[r["s"].value][r["what"].value] = int(r["n"].value)
        return out

    def scope(self, key: str) -> Scope:
        """One scope (UnknownKeyError if the key is malformed or names nothing)."""
        node = self.scope_node(key)
        for s in self.scopes():
            if s.iri == node.value:
                return s
        raise UnknownKeyError(f"no scope {shown(key)} in the graph: {SCOPE_HELP}")

    def objective(self, key: str) -> Passage | None:
        rows = self._q(
            """
            SELECT ?scope ?text ?line ?para WHERE {
              ?o a kg:Objective ; kg:scope ?scope ; kg:text ?text .
              OPTIONAL { ?o kg:sourceLine ?line }
              OPTIONAL { ?o prov:wasDerivedFrom ?para }
            }""",
            scope=self.scope_node(key),
        )
        if not rows:
            return None
        r = rows[0]
        return Passage(r["text"].value, Source(self._paragraph(r.get("para")), _int(r.get("line"))))

    # ------------------------------------------------------------------ results and measures
    def measures(self, key: str) -> dict[str, Measure]:
        """The scope's performance measures by IRI, each with its table entries (figures carry only a caption)."""
        scope = self.scope_node(key)
        rows = self._q(
            """
            SELECT ?scope ?m ?desc ?line ?where ?isFigure ?tableNumber ?figureNumber ?printed ?caption WHERE {
              ?m a kg:PerformanceMeasure ; kg:scope ?scope .
              OPTIONAL { ?m dcterms:description ?desc }
              OPTIONAL { ?m kg:sourceLine ?line }
              OPTIONAL {
                ?m kg:presentedIn ?where .
                BIND(EXISTS { ?where a kg:Figure } AS ?isFigure)
                OPTIONAL { ?where kg:tableNumber ?tableNumber }
                OPTIONAL { ?where kg:figureNumber ?figureNumber }
                OPTIONAL { ?where kg:printedNumber ?printed }
                OPTIONAL { ?where kg:caption ?caption }
              }
            }""",
            scope=scope,
        )
        entry_rows = self._q(
            """
            SELECT ?scope ?m ?year ?status ?row ?text ?dash ?line WHERE {
              ?m a kg:PerformanceMeasure ; kg:scope ?scope .
              ?e kg:measure ?m ; kg:year ?year ; kg:status ?status ; kg:row ?row .
              OPTIONAL { ?e kg:text ?text }
              OPTIONAL { ?e kg:dash ?dash }
              OPTIONAL { ?e kg:sourceLine ?line }
            }""",
            scope=scope,
        )
        entries: dict[str, list[MeasureEntry]] = defaultdict(list)
        for r in entry_rows:
            entries[r["m"].value].append(
                MeasureEntry(
                    year=int(r["year"].value[:4]),
                    status=self._key(r["status"], "status") or r["status"].value,
                    row=int(r["row"].value),
                    text=_str(r.get("text")),
                    dash=_bool(r.get("dash")),
                    line=_int(r.get("line")),
                )
            )
        out: dict[str, Measure] = {}
        for r in rows:
            m = r["m"].value
            where = None
            if "where" in r:
                where = "figure" if _bool(r.get("isFigure")) else "table"
            es = sorted(entries.get(m, []), key=lambda e: (e.year, STATUS_ORDER.get(e.status, 9), e.row))
            out[m] = Measure(
                key=self._key(r["m"], "measure") or m,
                description=_str(r.get("desc")),
                presented_in=where,
                number=_str(r.get("figureNumber") or r.get("tableNumber")),
                printed_number=_str(r.get("printed")),
                caption=_str(r.get("caption")),
                line=_int(r.get("line")),
                entries=tuple(es),
            )
        return out

    def _derivations(self, scope: ox.NamedNode, cls: str) -> dict[str, tuple[str, ...]]:
        rows = self._q(
            f"""
            SELECT ?scope ?x ?para WHERE {{
              ?x a kg:{cls} ; kg:scope ?scope ; prov:wasDerivedFrom ?para .
            }}""",
            scope=scope,
        )
        out: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            p = self._paragraph(r["para"])
            if p:
                out[r["x"].value].append(p)
        return {k: tuple(sorted(v, key=_number_key)) for k, v in out.items()}

    def results(self, key: str) -> list[PlannedResult]:
        """The scope's planned results in order, each with its performance measures."""
        scope = self.scope_node(key)
        measures = self.measures(key)
        rows = self._q(
            """
            SELECT ?scope ?r ?n ?title ?line ?m ?lessonText WHERE {
              ?r a kg:PlannedResult ; kg:scope ?scope ; kg:resultNumber ?n .
              OPTIONAL { ?r dcterms:title ?title }
              OPTIONAL { ?r kg:sourceLine ?line }
              OPTIONAL { ?r kg:hasPerformanceMeasure ?m }
              OPTIONAL { ?r kg:hasLessonLearned/kg:text ?lessonText }
            }""",
            scope=scope,
        )
        paragraphs = self._derivations(scope, "PlannedResult")
        first: dict[str, dict[str, Term]] = {}
        result_measures: dict[str, list[Measure]] = defaultdict(list)
        for r in rows:
            first.setdefault(r["r"].value, r)
            m = measures.get(r["m"].value) if "m" in r else None
            if m is not None and m not in result_measures[r["r"].value]:
                result_measures[r["r"].value].append(m)
        out = [
            PlannedResult(
                key=self.iris.key_of(iri_value, "result") or iri_value,
                number=int(r["n"].value),
                title=_str(r.get("title")),
                line=_int(r.get("line")),
                paragraphs=paragraphs.get(iri_value, ()),
                lesson=_str(r.get("lessonText")),
                measures=tuple(sorted(result_measures[iri_value], key=lambda m: m.key)),
            )
            for iri_value, r in first.items()
        ]
        return sorted(out, key=lambda x: x.number)

    def highlight(self, key: str) -> Highlight | None:
        """The scope's programme performance in the past year, with its measure."""
        scope = self.scope_node(key)
        rows = self._q(
            """
            SELECT ?scope ?h ?title ?year ?line ?m WHERE {
              ?h a kg:ProgrammePerformanceHighlight ; kg:scope ?scope .
              OPTIONAL { ?h dcterms:title ?title }
              OPTIONAL { ?h kg:performanceYear ?year }
              OPTIONAL { ?h kg:sourceLine ?line }
              OPTIONAL { ?h kg:hasPerformanceMeasure ?m }
            }""",
            scope=scope,
        )
        if not rows:
            return None
        measures = self.measures(key)
        r = rows[0]
        ms = tuple(measures[x["m"].value] for x in rows if "m" in x and x["m"].value in measures)
        year = _str(r.get("year"))
        return Highlight(
            key=self._key(r["h"], "highlight") or r["h"].value,
            title=_str(r.get("title")),
            year=int(year[:4]) if year else None,
            line=_int(r.get("line")),
            paragraphs=self._derivations(scope, "ProgrammePerformanceHighlight").get(r["h"].value, ()),
            measures=ms,
        )

    # ------------------------------------------------------------------ mandate lists
    def mandate_lists(self, key: str) -> list[MandateList]:
        """The legislative-mandate lists printed for the scope, each with its entries in reading order."""
        scope = self.scope_node(key)
        lists = self._q(
            """
            SELECT ?scope ?list ?heading ?order ?kind ?organ ?line ?para WHERE {
              ?list a kg:LegislativeMandateList ; kg:scope ?scope ; kg:heading ?heading ; kg:listOrder ?order .
              OPTIONAL { ?list kg:listKind ?kind }
              OPTIONAL { ?list kg:organ/skos:notation ?organ }
              OPTIONAL { ?list kg:sourceLine ?line }
              OPTIONAL { ?list prov:wasDerivedFrom ?para }
            }""",
            scope=scope,
        )
        listings = self._q(
            """
            SELECT ?scope ?list ?listing ?inst ?symbol ?title ?position ?column ?line ?un ?marker ?note WHERE {
              ?list a kg:LegislativeMandateList ; kg:scope ?scope .
              ?listing kg:inList ?list ; kg:instrument ?inst ; kg:entryPosition ?position .
              OPTIONAL { ?listing kg:listedSymbol ?symbol }
              OPTIONAL { ?listing kg:listedTitle ?title }
              OPTIONAL { ?listing kg:column ?column }
              OPTIONAL { ?listing kg:sourceLine ?line }
              OPTIONAL { ?inst dcterms:identifier ?un }
              OPTIONAL { ?listing kg:hasFootnote ?f . ?f kg:marker ?marker ; kg:text ?note }
            }""",
            scope=scope,
        )
        # listing -> its row (one per footnote); entries group listings that share a position in a list
        by_entry: dict[tuple[str, int], dict[str, dict[str, Term]]] = defaultdict(dict)
        notes: dict[tuple[str, int], dict[str, Footnote]] = defaultdict(dict)
        for r in listings:
            entry = (r["list"].value, int(r["position"].value))
            by_entry[entry].setdefault(r["listing"].value, r)
            if "marker" in r and "note" in r:
                notes[entry][r["marker"].value] = Footnote(r["marker"].value, r["note"].value)
        entries: dict[str, list[ListEntry]] = defaultdict(list)
        for (list_iri, position), members in by_entry.items():
            # the symbols of one entry in printed order ("9/3; 11/1"): by line, then by number
            rows = sorted(
                members.values(),
                key=lambda r: (_int(r.get("line")) or 0, _number_key(_str(r.get("symbol")) or r["inst"].value)),
            )
            symbols = tuple(
                ListedSymbol(
                    symbol=_str(r.get("symbol")),
                    instrument=self._key(r["inst"], "instrument") or r["inst"].value,
                    un_symbol=_str(r.get("un")),
                )
                for r in rows
            )
            first = rows[0]
            entries[list_iri].append(
                ListEntry(
                    position=position,
                    column=_int(first.get("column")),
                    title=next((r["title"].value for r in rows if "title" in r), None),
                    line=min((int(r["line"].value) for r in rows if "line" in r), default=None),
                    symbols=symbols,
                    footnotes=tuple(notes[(list_iri, position)].values()),
                )
            )
        out = [
            MandateList(
                key=self._key(r["list"], "mandate-list") or r["list"].value,
                heading=r["heading"].value,
                organ=_str(r.get("organ")),
                kind=_str(r.get("kind")),
                order=int(r["order"].value),
                source=Source(self._paragraph(r.get("para")), _int(r.get("line"))),
                entries=tuple(sorted(entries.get(r["list"].value, []), key=lambda e: e.position)),
            )
            for r in lists
        ]
        return sorted(out, key=lambda x: x.order)

    def organs(self) -> dict[str, Label]:
        """Organ key (ga, ecosoc, …) -> its names."""
        rows = self._q(
            """
            SELECT ?key ?zh ?en WHERE {
              ?o a kg:Organ ; skos:notation ?key .
              OPTIONAL { ?o skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }
              OPTIONAL { ?o skos:prefLabel ?en FILTER(lang(?en) = "en") }
            }"""
        )
        return {r["key"].value: Label(_str(r.get("zh")), _str(r.get("en"))) for r in rows}

    # ------------------------------------------------------------------ deliverables tables
    def table_lines(self, key: str) -> list[TableLine]:
        """The lines of the scope's deliverables table in printed order: subcategory totals and deliverables."""
        scope = self.scope_node(key)
        rows = self._q(
            """
            SELECT ?scope ?x ?kind ?row ?catN ?catZh ?catEn ?subZh ?subEn ?label ?unit WHERE {
              { ?x a kg:Deliverable . BIND("deliverable" AS ?kind) }
              UNION { ?x a kg:SubcategoryTotal . BIND("total" AS ?kind) }
              ?x kg:scope ?scope ; kg:tableRow ?row ; kg:category ?cat ; kg:subcategory ?sub .
              ?cat skos:notation ?catN .
              OPTIONAL { ?cat skos:prefLabel ?catZh FILTER(lang(?catZh) = "zh") }
              OPTIONAL { ?cat skos:prefLabel ?catEn FILTER(lang(?catEn) = "en") }
              OPTIONAL { ?sub skos:prefLabel ?subZh FILTER(lang(?subZh) = "zh") }
              OPTIONAL { ?sub skos:prefLabel ?subEn FILTER(lang(?subEn) = "en") }
              OPTIONAL { ?x kg:printedLabel ?label }
              OPTIONAL { ?x kg:unit ?unit }
            }""",
            scope=scope,
        )
        figures = self._q(
            """
            SELECT ?scope ?x ?year ?status ?value ?dash WHERE {
              ?x a kg:SubcategoryTotal ; kg:scope ?scope .
              ?o kg:lineItem ?x ; kg:year ?year ; kg:status ?status ; kg:quantity ?value .
              OPTIONAL { ?o kg:dash ?dash }
            }""",
            scope=scope,
        )
        notes = self._q(
            """
            SELECT ?scope ?x ?marker ?note WHERE {
              ?x a kg:SubcategoryTotal ; kg:scope ?scope ; kg:hasFootnote ?f .
              ?f kg:marker ?marker ; kg:text ?note .
            }""",
            scope=scope,
        )
        quantities: dict[str, list[Quantity]] = defaultdict(list)
        for r in figures:
            quantities[r["x"].value].append(
                Quantity(
                    year=int(r["year"].value[:4]),
                    status=self._key(r["status"], "status") or r["status"].value,
                    value=int(r["value"].value),
                    dash=_bool(r.get("dash")),
                )
            )
        footnotes: dict[str, list[Footnote]] = defaultdict(list)
        for r in notes:
            footnotes[r["x"].value].append(Footnote(r["marker"].value, r["note"].value))
        out: list[TableLine] = []
        for r in rows:
            kind = r["kind"].value
            x = r["x"].value
            line_key = self._key(r["x"], "deliverable" if kind == "deliverable" else "subcategory-total")
            out.append(
                TableLine(
                    kind=kind,
                    row=int(r["row"].value),
                    key=line_key or x,
                    category=r["catN"].value,
                    category_label=Label(_str(r.get("catZh")), _str(r.get("catEn"))),
                    subcategory_label=Label(_str(r.get("subZh")), _str(r.get("subEn"))),
                    printed_label=_str(r.get("label")),
                    unit=_str(r.get("unit")),
                    quantities=tuple(sorted(quantities.get(x, []), key=lambda q: (q.year, STATUS_ORDER[q.status]))),
                    footnotes=tuple(footnotes.get(x, [])),
                )
            )
        return sorted(out, key=lambda t: t.row)

    def deliverable_options(self) -> list[DeliverableOption]:
        """Every deliverable, for the pickers: key, scope, printed item (or category and ordinal), title."""
        rows = self._q(
            """
            SELECT ?d ?scope ?row ?item ?ordinal ?cat ?title ?text WHERE {
              ?d a kg:Deliverable ; kg:scope ?scope ; kg:tableRow ?row ; kg:category/skos:notation ?cat .
              OPTIONAL { ?d kg:itemNumber ?item }
              OPTIONAL { ?d kg:narrativeOrdinal ?ordinal }
              OPTIONAL { ?d dcterms:title ?title }
              OPTIONAL { ?d kg:text ?text }
            }"""
        )
        out: list[DeliverableOption] = []
        for r in rows:
            key = self._key(r["d"], "deliverable")
            scope = self._key(r["scope"], "scope")
            if key is None or scope is None:
                continue
            label = r["item"].value if "item" in r else f"{r['cat'].value}-{_str(r.get('ordinal')) or '?'}"
            title = _str(r.get("title")) or _str(r.get("text")) or ""
            out.append(DeliverableOption(key=key, scope=scope, row=int(r["row"].value), label=label, title=title))
        return sorted(out, key=lambda o: (o.scope, o.row))
