"""What the strategy adapter produces: plain records of the UNODC strategy 2008-2011 (E/CN.7/2007/14).

Two layers, as for the budget: the text as printed (`StrategyParagraph`: every paragraph, lettered
item, bullet and numbered result, with the lines it was read from) and what the text states (themes,
result areas, results, objectives, assumptions, needs, management-support initiatives and their
items), each pointing at the paragraphs it was read from by key. Keys follow ../../docs/model.md
("The strategy 2008-2011"); records hold keys, not IRIs. Citations and footnotes reuse the budget's
records (`records.Citation`, `records.Footnote`) with no scope.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from .corrections import Correction
from .records import Citation, DocumentInfo, Footnote

BlockKind = Literal["paragraph", "item", "bullet", "result"]


@dataclass
class StrategyParagraph:
    """A block of text as printed: a paragraph, a lettered item, a bullet or a numbered result.

    `key` is the paragraph key of docs/model.md: "summary.1", "ch1.3", "ch1.3.d", "ch1.3.d.1", "1.1.1".
    """

    key: str
    kind: BlockKind
    text: str  # as printed, the lines joined, the item label, bullet or result number left out
    line: int
    last_line: int
    order: int = 0  # reading order in the document, 1 for the first paragraph
    label: str | None = None  # "(a)" for a lettered item
    parent: str | None = None  # key of the paragraph or item a bullet or item belongs to
    footnote: str | None = None  # the marker of the footnote printed at the end of the text ("1")
    corrections: list[int] = field(default_factory=list)  # corrected source lines the text was read from
    offsets: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, source line) per line

    def line_at(self, offset: int) -> int:
        """The source line on which the character at `offset` of the text was printed."""
        if not self.offsets:
            return self.line
        i = bisect_right([o for o, _ in self.offsets], offset) - 1
        return self.offsets[max(i, 0)][1]


@dataclass
class StrategyRecord:
    """The strategy as a whole: its title and the period it covers."""

    key: str  # "2008-2011"
    title: str  # as printed on the title page
    first_year: int
    last_year: int
    line: int


@dataclass
class Theme:
    number: int  # 1, 2, 3 ("1. 法治")
    title: str
    line: int
    paragraphs: list[str] = field(default_factory=list)  # keys of the paragraphs that introduce it
    corrections: list[int] = field(default_factory=list)


@dataclass
class Objective:
    """One of the main objectives (主要目标) of a theme."""

    theme: int
    position: int  # 1 for the first objective of the theme
    paragraph: str


@dataclass
class ResultArea:
    number: str  # "1.1" (printed 成果领域 1.1.)
    theme: int
    title: str
    line: int
    last_line: int
    corrections: list[int] = field(default_factory=list)


@dataclass
class StrategyResult:
    number: str  # "1.1.1" (printed 1.1.1.)
    area: str  # "1.1"
    paragraph: str  # the paragraph key, which is the number itself


@dataclass
class Assumption:
    """One of the assumptions the strategy rests on: a lettered item and the bullets printed under it."""

    letter: str  # "a"
    paragraph: str  # key of the item
    bullets: list[str] = field(default_factory=list)  # keys of the bullets printed under the item


@dataclass
class Need:
    """One of the needs of UNODC's stakeholders the strategy responds to (an unnumbered paragraph)."""

    position: int
    paragraph: str


@dataclass
class Initiative:
    """A management-support initiative (a heading such as 改进着重成果的管理：) and its bullets."""

    position: int
    title: str  # without the closing colon
    line: int
    last_line: int
    items: list[str] = field(default_factory=list)  # keys of its bullets
    corrections: list[int] = field(default_factory=list)


@dataclass
class StrategyDocument:
    """Everything the strategy document states, as records."""

    info: DocumentInfo
    strategy: StrategyRecord
    paragraphs: list[StrategyParagraph] = field(default_factory=list)  # in reading order
    themes: list[Theme] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    areas: list[ResultArea] = field(default_factory=list)
    results: list[StrategyResult] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)  # citing "p:{paragraph key}", scope None
    corrections: list[Correction] = field(default_factory=list)  # the corrections applied

    def paragraph(self, key: str) -> StrategyParagraph:
        for p in self.paragraphs:
            if p.key == key:
                return p
        raise KeyError(key)
