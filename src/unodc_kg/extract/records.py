"""What the extractor produces: plain records, one per thing the document states.

Every record carries the source line it starts on (`line`) and, where it spans lines, the
last one (`last_line`). Keys follow ../../docs/model.md; records hold keys, not IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .corrections import Correction

Status = Literal["planned", "actual"]
InstrumentKind = Literal["resolution", "decision", "convention", "protocol", "declaration", "statement"]


@dataclass(frozen=True)
class InstrumentRef:
    """An instrument as the text names it, with the key the contract gives it."""

    key: str
    kind: InstrumentKind
    organ: str | None  # organ key; None for treaties
    symbol: str | None  # as printed, normalised ("73/164", "2370 (2017)", "2011/259"); None for treaties
    un_symbol: str | None  # official UN document symbol where there is one ("A/RES/73/164")
    year: int | None = None


@dataclass
class TextNode:
    """A numbered paragraph, a lettered item or a sub-item."""

    key: str  # "16.15", "16.15.a", "16.28.a.1"
    number: str  # as cited: "16.15", "16.15(a)", "16.28(a)(一)"
    text: str
    line: int
    scope: str  # scope key, e.g. "2025/sp1"
    last_line: int = 0
    label: str | None = None  # "(a)", "(一)"
    parent: str | None = None  # key of the parent paragraph or item
    role: str = "paragraph"  # objective, strategy, expected-results, lesson, measure-intro, ...
    corrections: list[int] = field(default_factory=list)

    @property
    def paragraph_key(self) -> str:
        """The numbered paragraph this text belongs to ("16.15" for "16.15.a")."""
        return ".".join(self.key.split(".")[:2])


@dataclass
class Footnote:
    key: str  # "1", "s1", "16.6-a"
    marker: str  # "¹", "*", "a"
    text: str
    line: int
    scope: str | None  # None for the notes of the title page, which belong to no scope's text
    marked_in: str | None = None  # key of the paragraph/item, or "table:16.6", or "listing"


@dataclass
class Citation:
    citing: str  # key of the citing node: "p:16.54.c", "fn:6", "deliverable:2025/sp1/7", "entry:..."
    paragraph: str  # numbered paragraph the citation counts for ("16.54")
    scope: str | None
    instrument: InstrumentRef
    quotation: str
    line: int


@dataclass
class SdgMention:
    node: str  # key of the naming node, as in Citation.citing
    goal: int
    line: int


@dataclass
class Scope:
    key: str  # "2025/sp1"
    kind: Literal["programme", "subprogramme", "component"]
    number: str  # "13" for the programme, "1", "9.1"
    label: str  # Chinese title as printed
    line: int
    parent: str | None = None
    alt_labels: list[str] = field(default_factory=list)


@dataclass
class MandateEntry:
    """One entry of a mandate list: one or more symbols sharing one printed title."""

    symbols: list[tuple[InstrumentRef, str, str | None]]  # (instrument, printed symbol, footnote marker)
    title: str | None
    line: int
    last_line: int
    column: int
    position: int = 0
    corrections: list[int] = field(default_factory=list)


@dataclass
class MandateList:
    scope: str
    slug: str  # "ga", "cnd-declarations", "treaties"
    heading: str
    organ: str | None
    list_kind: str
    order: int
    line: int
    entries: list[MandateEntry] = field(default_factory=list)


@dataclass
class Quantity:
    year: int
    status: Status
    value: int
    dash: bool
    line: int
    corrections: list[int] = field(default_factory=list)  # a corrected column heading this figure depends on


@dataclass
class DeliverableRow:
    """A row of a deliverables table: a subcategory total, a numbered item or a narrative entry."""

    kind: Literal["total", "item", "narrative"]
    category: str  # "A" .. "E"
    subcategory: str  # printed Chinese label, without unit and footnote marker
    line: int
    row: int
    item: int | None = None
    ordinal: int | None = None  # narrative: n-th narrative entry of its category in the table
    title: str | None = None
    text: str | None = None
    unit: str | None = None  # printed unit, e.g. "文件数目"
    marker: str | None = None  # footnote marker printed in the row
    group_heading: str | None = None
    quantities: list[Quantity] = field(default_factory=list)
    corrections: list[int] = field(default_factory=list)

    def key(self, scope: str) -> str | None:
        """The contract's key of the deliverable ("2025/sp1/7", "2025/sp3/c-1"); None for a subcategory total."""
        if self.kind == "item":
            return f"{scope}/{self.item}"
        if self.kind == "narrative":
            return f"{scope}/{self.category.lower()}-{self.ordinal}"
        return None


@dataclass
class DeliverablesTable:
    number: str  # "16.4"
    scope: str
    caption: str
    line: int
    introduced_by: str | None  # paragraph key
    columns: list[tuple[int, Status]]
    rows: list[DeliverableRow] = field(default_factory=list)
    corrections: list[int] = field(default_factory=list)


@dataclass
class MeasureCell:
    year: int
    status: Status
    row: int
    text: str | None  # None where the cell is a dash
    line: int


@dataclass
class PerformanceMeasure:
    owner: str  # "highlight" or the result number as text
    scope: str
    presented_in: str  # "table:16.2" or "figure:16.1"
    description: str
    line: int
    introduced_by: str | None = None
    cells: list[MeasureCell] = field(default_factory=list)


@dataclass
class TableRecord:
    number: str
    scope: str
    caption: str
    line: int
    introduced_by: str | None


@dataclass
class FigureRecord:
    number: str  # arabic: "16.1"
    printed: str  # as printed: "16.一"
    scope: str
    caption: str
    line: int
    introduced_by: str | None


@dataclass
class PlannedResult:
    scope: str
    number: int
    title: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)  # paragraph keys
    measure: PerformanceMeasure | None = None


@dataclass
class Highlight:
    scope: str
    title: str
    line: int
    year: int
    paragraphs: list[str] = field(default_factory=list)
    measure: PerformanceMeasure | None = None


@dataclass
class DocumentInfo:
    key: str
    symbol: str
    title_zh: str
    title_en: str
    language: str
    edition: int | None
    source_file: str
    sha256: str
    line_count: int


@dataclass
class ExtractedDocument:
    """Everything one source document states, as records."""

    info: DocumentInfo
    scopes: list[Scope] = field(default_factory=list)
    texts: list[TextNode] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    tables: list[TableRecord] = field(default_factory=list)
    figures: list[FigureRecord] = field(default_factory=list)
    mandate_lists: list[MandateList] = field(default_factory=list)
    deliverable_tables: list[DeliverablesTable] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    results: list[PlannedResult] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sdg_mentions: list[SdgMention] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # the corrections applied
