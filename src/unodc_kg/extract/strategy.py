"""Adapter for the UNODC strategy 2008-2011 (E/CN.7/2007/14 – E/CN.15/2007/5), Chinese text converted from PDF.

The document is a note by the Secretariat to the two commissions: a cover page with their session
headers, the title, a summary (摘要) and three chapters: 一. the strategy (its vision, the assumptions
it rests on, the needs it responds to), 二. objectives and results (three themes, each with its main
objectives, result areas 成果领域 n.m and numbered results n.m.k), 三. management support (initiatives,
each a heading followed by bullets). It has no printed paragraph numbers.

The adapter reads it in two passes. The first joins the source lines into blocks of text (the PDF
conversion wrapped every paragraph, with blank lines between the lines): a block starts at a marker
(a heading, a result number, (a), •) or at an indented line after a block that is complete; every
other line continues the block before it (docs/sources.md has the rules). The second pass gives the
blocks their keys and their part in the structure, and checks the numbering. Layout knowledge lives
here; facts do not: organ and treaty names come from the reference data (`Lexicon`), fixes to the
source from the corrections file.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import SourceError
from .budget import CJK_NUMBER, DocumentSpec, Lexicon, cjk_number
from .citations import citation_pattern, find_citations
from .records import Citation, DocumentInfo, Footnote, InstrumentRef
from .source import SourceDocument, SourceLine
from .strategy_records import (
    Assumption,
    Initiative,
    Need,
    Objective,
    ResultArea,
    StrategyDocument,
    StrategyParagraph,
    StrategyRecord,
    StrategyResult,
    Theme,
)

log = logging.getLogger(__name__)

TITLE = re.compile(r"^(?P<title>\S.*?(?P<first>[0-9]{4})-(?P<last>[0-9]{4})\s*年战略)$")
SUMMARY = re.compile(r"^摘要$")
CHAPTER = re.compile(rf"^(?P<n>{CJK_NUMBER})\.\s*(?P<title>\S.*)$")
THEME = re.compile(r"^(?P<n>[1-9])\.\s+(?P<title>[^0-9\s].*)$")
OBJECTIVES = re.compile(r"^主要目标[：:]?$")
AREA = re.compile(r"^成果领域\s*(?P<theme>[0-9]+)\.(?P<area>[0-9]+)\.?\s+(?P<text>\S.*)$")
RESULT = re.compile(r"^(?P<theme>[0-9]+)\.(?P<area>[0-9]+)\.(?P<result>[0-9]+)\.?\s+(?P<text>\S.*)$")
ITEM = re.compile(r"^\((?P<letter>[a-z])\)\s*(?P<text>\S.*)$")
BULLET = re.compile(r"^•\s*(?P<text>\S.*)$")
RULE = re.compile(r"^_{3,}$")  # the rule above the footnotes of a page
FOOTNOTE = re.compile(r"^(?P<marker>[0-9]{1,2})\s+(?P<text>\S.*)$")
PAGE_NUMBER = re.compile(r"^[0-9]{1,3}$")
# A footnote marker lost its superscript in the conversion: a number after the final full stop.
MARKER_AT_END = re.compile(r"(?<=[。；])\s*(?P<marker>[0-9]{1,2})$")
TERMINAL = ("。", "；", "：", ";", ":")
FRONT_PAGE_LINES = 60  # where the title and the summary are looked for (the real ones are at lines 21 and 25)
# The body text is set 60 to 72 columns wide (a Chinese character takes two). An indented line
# after a block that ends without punctuation continues that block only if the block's last line
# was full; a shorter line ended the block (a bullet, a result), and the indented line starts the
# next paragraph.
FULL_LINE = 56

# The three chapters, by the title printed after 一./二./三.
CHAPTER_ROLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"年战略$"), "strategy"),
    (re.compile(r"^目标和成果$"), "results"),
    (re.compile(r"^管理支助$"), "management"),
)
ASSUMPTIONS_INTRO = re.compile(rf"(?P<count>{CJK_NUMBER})个假设为基础：$")
NEEDS_INTRO = re.compile(r"下述需要：$")
NEEDS_END = re.compile(r"上述需要")
THEMES_INTRO = re.compile(rf"(?P<count>{CJK_NUMBER})个主题：(?P<titles>.+)。$")
# "以各项大会决议为指导，特别是 2000 年 12 月 23 日第 55/231 号决议、…和第 60/260 号决议": resolutions
# listed, each with its date, after the organ whose resolutions they are, in the same sentence.
_SYMBOL = r"(?:S-)?[0-9]{1,4}/[0-9]{1,4}(?:\s[A-Z](?![A-Za-z]))?"
DATED_SYMBOL = re.compile(
    rf"(?:[0-9]{{4}}\s*年\s*[0-9]{{1,2}}\s*月\s*[0-9]{{1,2}}\s*日\s*)?(?P<cite>第\s*{_SYMBOL}(?:\s*(?:、|和)\s*{_SYMBOL})*"
    r"\s*号(?:决议|决定))"
)
BRACKETED = re.compile(r"《[^《》]{2,60}》")

HEADING_KINDS = frozenset({"summary", "chapter", "theme", "objectives"})  # blocks no line continues


def display_width(text: str) -> int:
    """Columns a line takes in the PDF: two for a Chinese (wide) character, one for the others.

    >>> display_width("1.359 亿美元")
    12
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def joins_with_space(left: str, right: str) -> bool:
    """Whether a wrapped line joins the one before it with a space.

    The Chinese text sets a space between a Chinese character and a number or Latin letter
    ("第 55/231 号决议"); at a line break the PDF conversion keeps it at neither end, so it is put back.
    Chinese characters join without one.

    >>> [joins_with_space(a, b) for a, b in (("第", "5"), ("1", "号"), ("的", "能"), ("，", "1"))]
    [True, True, False, False]
    """

    def ideograph(c: str) -> bool:
        return unicodedata.category(c) == "Lo" and unicodedata.east_asian_width(c) in "WF"

    def latin(c: str) -> bool:
        return c.isascii() and c.isalnum()

    return (ideograph(left) and latin(right)) or (latin(left) and ideograph(right))


@dataclass
class _Block:
    """A block of text as the first pass joins it."""

    kind: str  # summary, chapter, theme, objectives, area, result, item, bullet, paragraph, footnote
    first: SourceLine
    match: re.Match[str] | None
    text: str = ""
    last_line: int = 0
    last_width: int = 0
    offsets: list[tuple[int, int]] = field(default_factory=list)
    corrections: list[int] = field(default_factory=list)

    def add(self, line: SourceLine, text: str) -> None:
        if self.text and text and joins_with_space(self.text[-1], text[0]):
            self.text += " "
        self.offsets.append((len(self.text), line.number))
        self.text += text
        self.last_line = line.number
        self.last_width = display_width(text)
        if line.correction and line.number not in self.corrections:
            self.corrections.append(line.number)


@dataclass
class _Chapter:
    number: int
    role: str
    line: SourceLine
    top: list[StrategyParagraph] = field(default_factory=list)  # its top-level paragraphs, in order


class StrategyAdapter:
    """Reads the strategy 2008-2011 (E/CN.7/2007/14) into records."""

    name = "strategy-2008-2011"

    def __init__(self, spec: DocumentSpec, lexicon: Lexicon) -> None:
        self.spec = spec
        self.lex = lexicon
        self.re_citation = citation_pattern(lexicon.organ_names)
        organs = "|".join(re.escape(n) for n in sorted(lexicon.organ_names, key=len, reverse=True))
        self.re_organ = re.compile(organs)
        self.re_organ_resolutions = re.compile(rf"(?P<organ>{organs})(?:有关)?(?:决议|决定)")
        # The running page header prints the document's two symbols, one per line.
        self.page_headers = {s.strip() for s in re.split(r"\s+[–—-]\s+", spec.symbol)}

    # ------------------------------------------------------------------ entry point
    def layout_problem(self, src: SourceDocument) -> str | None:
        """None when the first page reads like the strategy (a title '…2008-2011 年战略', then 摘要), else what was
        expected."""
        front = [x.text.strip() for x in src.lines[:FRONT_PAGE_LINES]]
        title = next((i for i, t in enumerate(front) if TITLE.match(t)), None)
        if title is not None and any(SUMMARY.match(t) for t in front[title:]):
            return None
        return f"expected a title '…2008-2011 年战略' and then a summary '摘要' in the first {FRONT_PAGE_LINES} lines"

    def extract(self, src: SourceDocument) -> StrategyDocument:
        self.path = src.display_path
        self.lines = src.lines
        start, strategy = self._front()
        self.doc = StrategyDocument(
            info=DocumentInfo(
                key=self.spec.key,
                symbol=self.spec.symbol,
                title_zh=strategy.title,
                title_en=self.spec.title_en,
                language=self.spec.language,
                edition=None,  # not a budget: no budget year
                source_file=src.display_path,
                sha256=src.sha256,
                line_count=src.line_count,
            ),
            strategy=strategy,
            corrections=list(src.corrections),
        )
        blocks, footnotes = self._blocks(start)
        self._structure(blocks)
        self._footnotes(footnotes)
        self._find_citations()
        return self.doc

    def err(self, line: SourceLine, message: str) -> SourceError:
        return SourceError(self.path, line.number, message, line.text)

    def at_end(self, message: str) -> SourceError:
        """What was expected and never came: an error at the last line, where a truncated file stops."""
        if not self.lines:
            return SourceError(self.path, None, f"{message}; the document has no lines")
        return self.err(self.lines[-1], f"{message}; the text ends at this line")

    # ------------------------------------------------------------------ front matter
    def _front(self) -> tuple[int, StrategyRecord]:
        """Skip the cover page (the two session headers); read the title; return where the summary starts."""
        title: re.Match[str] | None = None
        title_line: SourceLine | None = None
        for i, line in enumerate(self.lines):
            text = line.text.strip()
            if SUMMARY.match(text):
                if title is None or title_line is None:
                    raise self.err(line, "the summary (摘要) before the title: expected a title '…2008-2011 年战略'")
                first, last = int(title.group("first")), int(title.group("last"))
                if first != self.spec.edition or last <= first:
                    raise self.err(
                        title_line,
                        f"the title names the period {first}-{last}; data/sources.toml gives {self.spec.edition} "
                        "as its first year",
                    )
                record = StrategyRecord(f"{first}-{last}", title.group("title"), first, last, title_line.number)
                return i + 1, record
            if title is None and (m := TITLE.match(text)):
                title, title_line = m, line
        raise self.at_end("no summary (a line '摘要') found: expected the title page and the summary")

    # ------------------------------------------------------------------ first pass: lines -> blocks
    def _blocks(self, start: int) -> tuple[list[_Block], list[_Block]]:
        blocks: list[_Block] = [_Block("summary", self.lines[start - 1], None)]
        footnotes: list[_Block] = []
        current: _Block | None = None  # the block a line may continue
        in_notes = False
        for line in self.lines[start:]:
            text = line.text.strip()
            if not text or text in self.page_headers or PAGE_NUMBER.match(text):
                continue  # blank lines between wrapped lines, the running header, page numbers
            if RULE.match(text):
                in_notes = True
                continue
            if in_notes:
                if m := FOOTNOTE.match(text):
                    note = _Block("footnote", line, m)
                    note.add(line, m.group("text"))
                    footnotes.append(note)
                    continue
                last = footnotes[-1] if footnotes else None
                if last is not None and not last.text.endswith(TERMINAL) and not line.text[:1].isspace():
                    last.add(line, text)  # a note that wraps
                    continue
                in_notes = False  # the text goes on after the notes; `current` is still open
            new = self._marker_block(line, text)
            if new is None:
                indented = line.text[:1].isspace()
                if (
                    current is not None
                    and current.kind not in HEADING_KINDS
                    and (not indented or (not current.text.endswith(TERMINAL) and current.last_width >= FULL_LINE))
                ):
                    current.add(line, text)
                    continue
                if not indented:
                    raise self.err(
                        line,
                        "expected an indented paragraph, a heading, a numbered result, an item (a) or a bullet •: "
                        "a line that is not indented continues a paragraph, and there is none to continue here",
                    )
                new = _Block("paragraph", line, None)
                new.add(line, text)
            blocks.append(new)
            current = new
        return blocks, footnotes

    def _marker_block(self, line: SourceLine, text: str) -> _Block | None:
        """A block that starts with a marker (a heading, a result, an item, a bullet), or None."""
        for kind, pattern in (
            ("chapter", CHAPTER),
            ("result", RESULT),
            ("area", AREA),
            ("theme", THEME),
            ("objectives", OBJECTIVES),
            ("item", ITEM),
            ("bullet", BULLET),
        ):
            if m := pattern.match(text):
                block = _Block(kind, line, m)
                if "text" in pattern.groupindex:
                    block.add(line, m.group("text"))
                else:
                    block.last_line = line.number
                    if line.correction:
                        block.corrections.append(line.number)
                return block
        return None

    # ------------------------------------------------------------------ second pass: blocks -> structure
    def _structure(self, blocks: list[_Block]) -> None:
        self.chapters: list[_Chapter] = []
        chapter: _Chapter | None = None
        summary: list[StrategyParagraph] = []
        container: tuple[str, object] | None = None  # what a bullet printed now belongs to
        items: dict[str, int] = {}  # paragraph key -> its lettered items so far
        bullets: dict[str, int] = {}  # paragraph or item key -> its bullets so far
        theme: Theme | None = None
        area: ResultArea | None = None
        objectives = False  # between 主要目标 and the theme's first result area
        initiative: Initiative | None = None
        last_top: StrategyParagraph | None = None
        for i, b in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if b.kind == "summary":
                continue
            if b.kind == "chapter":
                chapter = self._chapter(b, chapter)
                container, theme, area, objectives, initiative, last_top = None, None, None, False, None, None
                continue
            if chapter is None:
                if b.kind != "paragraph":
                    raise self.err(b.first, "the summary (摘要) holds paragraphs only; expected '一. …' to end it")
                para = self._paragraph(b, f"summary.{len(summary) + 1}", "paragraph")
                summary.append(para)
                continue
            role = chapter.role
            if b.kind in ("theme", "objectives", "area", "result") and role != "results":
                raise self.err(b.first, f"a {b.kind} heading outside the chapter of objectives and results (二.)")
            if b.kind == "theme":
                assert b.match is not None
                theme = self._theme(b, theme)
                area, objectives, container, last_top = None, False, None, None
            elif b.kind == "objectives":
                if theme is None or area is not None or objectives:
                    raise self.err(
                        b.first, "主要目标 (main objectives) must follow a theme heading once, before 成果领域"
                    )
                objectives, container = True, ("objectives", theme)
            elif b.kind == "area":
                area = self._area(b, theme, area)
                objectives, container = False, None
            elif b.kind == "result":
                self._result(b, area)
                container = None
            elif b.kind == "item":
                assert b.match is not None
                if last_top is None or role != "strategy":
                    raise self.err(b.first, "a lettered item (a) must follow a paragraph of the strategy (一.)")
                letter = b.match.group("letter")
                expected = "abcdefghijklmnopqrstuvwxyz"[items.get(last_top.key, 0)]
                if letter != expected:
                    raise self.err(b.first, f"item ({letter}) where ({expected}) was expected")
                items[last_top.key] = items.get(last_top.key, 0) + 1
                item = self._paragraph(b, f"{last_top.key}.{letter}", "item", f"({letter})", last_top.key)
                container = ("paragraph", item)
            elif b.kind == "bullet":
                container = self._bullet(b, chapter, container, bullets, theme, initiative)
            elif b.kind == "paragraph":
                if role == "management" and b.text.endswith(("：", ":")) and nxt is not None and nxt.kind == "bullet":
                    initiative = self._initiative(b)
                    container = ("initiative", initiative)
                    continue
                if role == "management" and initiative is not None:
                    raise self.err(b.first, "expected a bullet or the heading of the next initiative ('…：')")
                if area is not None:
                    raise self.err(b.first, "expected a numbered result (such as 1.1.2.) or the next heading")
                para = self._paragraph(b, f"ch{chapter.number}.{len(chapter.top) + 1}", "paragraph")
                chapter.top.append(para)
                last_top = para
                container = ("paragraph", para)
                if objectives and theme is not None:
                    self._objective(theme, para)
                elif theme is not None:
                    theme.paragraphs.append(para.key)
            else:  # pragma: no cover - _marker_block makes no other kind
                raise self.err(b.first, f"unexpected block {b.kind}")
        self._check_complete()
        self._strategy_chapter()
        self._results_chapter()

    def _paragraph(
        self, b: _Block, key: str, kind: str, label: str | None = None, parent: str | None = None
    ) -> StrategyParagraph:
        if any(p.key == key for p in self.doc.paragraphs):
            raise self.err(b.first, f"paragraph {key} appears twice")
        text, marker = b.text.strip(), None
        if kind == "paragraph" and (m := MARKER_AT_END.search(text)):
            text, marker = text[: m.start()].rstrip(), m.group("marker")
        para = StrategyParagraph(
            key=key,
            kind=kind,  # type: ignore[arg-type]
            text=text,
            line=b.first.number,
            last_line=b.last_line,
            order=len(self.doc.paragraphs) + 1,
            label=label,
            parent=parent,
            footnote=marker,
            corrections=list(b.corrections),
            offsets=list(b.offsets),
        )
        self.doc.paragraphs.append(para)
        return para

    def _chapter(self, b: _Block, previous: _Chapter | None) -> _Chapter:
        assert b.match is not None
        number = cjk_number(b.match.group("n"))
        expected = 1 if previous is None else previous.number + 1
        if number != expected:
            raise self.err(b.first, f"chapter {b.match.group('n')}. where chapter {expected} was expected")
        title = b.match.group("title").strip()
        role = next((r for pattern, r in CHAPTER_ROLES if pattern.search(title)), None)
        if role is None or any(c.role == role for c in self.chapters):
            raise self.err(
                b.first,
                f"unknown or repeated chapter {title!r}: expected '…年战略', '目标和成果' and '管理支助', once each",
            )
        chapter = _Chapter(number, role, b.first)
        self.chapters.append(chapter)
        return chapter

    def _theme(self, b: _Block, previous: Theme | None) -> Theme:
        assert b.match is not None
        number = int(b.match.group("n"))
        expected = 1 if previous is None else previous.number + 1
        if number != expected:
            raise self.err(b.first, f"theme {number} where theme {expected} was expected")
        if previous is not None:
            self._check_theme(previous, b.first)
            self._check_area(self.doc.areas[-1], b.first)
        theme = Theme(number, b.match.group("title").strip(), b.first.number, [], list(b.corrections))
        self.doc.themes.append(theme)
        return theme

    def _check_theme(self, theme: Theme, line: SourceLine) -> None:
        if not any(o.theme == theme.number for o in self.doc.objectives):
            raise self.err(line, f"theme {theme.number} has no main objectives (主要目标) before this line")
        if not any(a.theme == theme.number for a in self.doc.areas):
            raise self.err(line, f"theme {theme.number} has no result area (成果领域) before this line")

    def _area(self, b: _Block, theme: Theme | None, previous: ResultArea | None) -> ResultArea:
        assert b.match is not None
        t, a = int(b.match.group("theme")), int(b.match.group("area"))
        if theme is None or t != theme.number:
            raise self.err(b.first, f"result area {t}.{a} outside theme {t}")
        expected = 1 if previous is None else int(previous.number.split(".")[1]) + 1
        if a != expected:
            raise self.err(b.first, f"result area {t}.{a} where {t}.{expected} was expected")
        if previous is not None:
            self._check_area(previous, b.first)
        area = ResultArea(f"{t}.{a}", t, b.text.strip(), b.first.number, b.last_line, list(b.corrections))
        self.doc.areas.append(area)
        return area

    def _check_area(self, area: ResultArea, line: SourceLine) -> None:
        if not any(r.area == area.number for r in self.doc.results):
            raise self.err(line, f"result area {area.number} has no numbered result before this line")

    def _result(self, b: _Block, area: ResultArea | None) -> None:
        assert b.match is not None
        t, a, r = (int(b.match.group(g)) for g in ("theme", "area", "result"))
        number = f"{t}.{a}.{r}"
        if area is None or area.number != f"{t}.{a}":
            raise self.err(b.first, f"result {number} outside result area {t}.{a}")
        done = [x for x in self.doc.results if x.area == area.number]
        if r != len(done) + 1:
            raise self.err(b.first, f"result {number} where {area.number}.{len(done) + 1} was expected")
        self._paragraph(b, number, "result")
        self.doc.results.append(StrategyResult(number, area.number, number))

    def _objective(self, theme: Theme, para: StrategyParagraph) -> None:
        position = sum(1 for o in self.doc.objectives if o.theme == theme.number) + 1
        self.doc.objectives.append(Objective(theme.number, position, para.key))

    def _initiative(self, b: _Block) -> Initiative:
        title = b.text.strip().rstrip("：:").strip()
        initiative = Initiative(
            len(self.doc.initiatives) + 1, title, b.first.number, b.last_line, [], list(b.corrections)
        )
        self.doc.initiatives.append(initiative)
        return initiative

    def _bullet(
        self,
        b: _Block,
        chapter: _Chapter,
        container: tuple[str, object] | None,
        bullets: dict[str, int],
        theme: Theme | None,
        initiative: Initiative | None,
    ) -> tuple[str, object] | None:
        """Place a bullet: an objective, an initiative's item, or a bullet of a paragraph or item."""
        if container is None:
            raise self.err(b.first, "a bullet • must follow a paragraph, an item, 主要目标 or an initiative heading")
        kind, owner = container
        if kind in ("objectives", "initiative"):
            para = self._paragraph(b, f"ch{chapter.number}.{len(chapter.top) + 1}", "bullet")
            chapter.top.append(para)
            if kind == "objectives" and theme is not None:
                self._objective(theme, para)
            elif initiative is not None:
                initiative.items.append(para.key)
            return container
        assert isinstance(owner, StrategyParagraph)
        n = bullets.get(owner.key, 0) + 1
        bullets[owner.key] = n
        self._paragraph(b, f"{owner.key}.{n}", "bullet", None, owner.key)
        return container

    # ------------------------------------------------------------------ checks and what the chapters state
    def _check_complete(self) -> None:
        roles = {c.role for c in self.chapters}
        for role, what in (("strategy", "一. …年战略"), ("results", "二. 目标和成果"), ("management", "三. 管理支助")):
            if role not in roles:
                raise self.at_end(f"the chapter {what} is missing (truncated file?)")
        last_line = self.lines[-1]
        if not self.doc.themes:
            raise self.err(last_line, "no theme found in the chapter of objectives and results")
        self._check_theme(self.doc.themes[-1], last_line)
        self._check_area(self.doc.areas[-1], last_line)
        if not self.doc.initiatives:
            raise self.err(last_line, "no management-support initiative found (truncated file?)")
        for initiative in self.doc.initiatives:
            if not initiative.items:  # pragma: no cover - an initiative is only read before a bullet
                raise SourceError(self.path, initiative.line, f"initiative {initiative.title!r} has no bullet")

    def _strategy_chapter(self) -> None:
        """The assumptions (the lettered items of '…个假设为基础：'), the needs (the paragraphs after '下述需要：')."""
        chapter = next(c for c in self.chapters if c.role == "strategy")
        top = chapter.top
        intro = next((p for p in top if ASSUMPTIONS_INTRO.search(p.text)), None)
        if intro is None:
            raise self.err(chapter.line, "expected the paragraph that announces the assumptions ('…个假设为基础：')")
        items = [p for p in self.doc.paragraphs if p.parent == intro.key and p.kind == "item"]
        m = ASSUMPTIONS_INTRO.search(intro.text)
        assert m is not None
        if len(items) != cjk_number(m.group("count")):
            raise SourceError(
                self.path,
                intro.line,
                f"the paragraph announces {m.group('count')} assumptions, but {len(items)} lettered items follow it",
            )
        for item in items:
            bullets = [p.key for p in self.doc.paragraphs if p.parent == item.key]
            self.doc.assumptions.append(Assumption(item.key.rsplit(".", 1)[1], item.key, bullets))
        start = next((i for i, p in enumerate(top) if NEEDS_INTRO.search(p.text)), None)
        if start is None:
            raise self.err(chapter.line, "expected the paragraph that introduces the needs ('…下述需要：')")
        end = next((i for i in range(start + 1, len(top)) if NEEDS_END.search(top[i].text)), None)
        if end is None or end == start + 1:
            raise SourceError(
                self.path,
                top[start].line,
                "expected the needs, then a paragraph that ends them ('…上述需要…')",
            )
        for position, p in enumerate(top[start + 1 : end], start=1):
            self.doc.needs.append(Need(position, p.key))

    def _results_chapter(self) -> None:
        """The chapter's first paragraph lists the themes ('…三个主题：A；B；C。'): they must be the headings."""
        chapter = next(c for c in self.chapters if c.role == "results")
        intro = next((p for p in chapter.top if THEMES_INTRO.search(p.text)), None)
        if intro is None:
            raise self.err(chapter.line, "expected the paragraph that lists the themes ('…三个主题：…。')")
        m = THEMES_INTRO.search(intro.text)
        assert m is not None
        listed = [t.strip() for t in m.group("titles").split("；")]
        printed = [t.title for t in self.doc.themes]
        if cjk_number(m.group("count")) != len(listed) or listed != printed:
            raise SourceError(
                self.path,
                intro.line,
                f"the paragraph lists the themes {listed}, but the headings are {printed}",
            )

    # ------------------------------------------------------------------ footnotes and citations
    def _footnotes(self, notes: list[_Block]) -> None:
        for note in notes:
            assert note.match is not None
            marker = note.match.group("marker")
            holders = [p for p in self.doc.paragraphs if p.footnote == marker]
            if len(holders) != 1:
                raise self.err(
                    note.first,
                    f"footnote {marker}: expected one paragraph ending with its marker, found {len(holders)}",
                )
            text = note.text.strip()
            self.doc.footnotes.append(Footnote(marker, marker, text, note.first.number, None, holders[0].key))
        for p in self.doc.paragraphs:
            if p.footnote and not any(fn.marker == p.footnote for fn in self.doc.footnotes):
                message = f"paragraph {p.key} ends with the marker of a footnote {p.footnote} that is not printed"
                raise SourceError(self.path, p.last_line, message)

    def _find_citations(self) -> None:
        for p in self.doc.paragraphs:
            for pos, ref, quote in self._citations_in(p.text):
                self.doc.citations.append(Citation(f"p:{p.key}", p.key, None, ref, quote, p.line_at(pos)))
        for fn in self.doc.footnotes:
            for _, ref, quote in self._citations_in(fn.text):
                self.doc.citations.append(Citation(f"fn:{fn.key}", fn.marked_in or "", None, ref, quote, fn.line))

    def _citations_in(self, text: str) -> list[tuple[int, InstrumentRef, str]]:
        """Every instrument the text cites, with where its words start and the words, in order."""
        organs: Mapping[str, str] = self.lex.organ_names
        found: list[tuple[int, InstrumentRef, str]] = []
        next_from: dict[str, int] = {}
        previous: tuple[int, InstrumentRef, str] | None = None
        for ref, quote in find_citations(text, organs, self.lex.instrument_names, self.re_citation):
            if previous is not None and quote == previous[2] and ref.organ and previous[1].organ == ref.organ:
                pos = previous[0]  # another symbol of the same words: "大会第 45/179、46/152 号决议"
            else:
                pos = text.find(quote, next_from.get(quote, 0))
                next_from[quote] = pos + 1
            previous = (pos, ref, quote)
            found.append(previous)
        taken = [m.span() for m in self.re_citation.finditer(text)]
        found.extend(self._resolutions_after_organ(text, taken))
        for m in BRACKETED.finditer(text):
            if not any(a <= m.start() < a + len(q) for a, _, q in found):
                log.info("%s: %s is not in the reference data: not recorded as a citation", self.path, m.group(0))
        found.sort(key=lambda t: t[0])
        return found

    def _resolutions_after_organ(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, InstrumentRef, str]]:
        """Resolutions listed with their dates after the organ that adopted them, in the same sentence."""
        out: list[tuple[int, InstrumentRef, str]] = []
        for sentence in re.finditer(r"[^。；]+", text):
            s0, s1 = sentence.span()
            for lead in self.re_organ_resolutions.finditer(text, s0, s1):
                other = self.re_organ.search(text, lead.end(), s1)
                stop = other.start() if other else s1
                name = lead.group("organ")
                for m in DATED_SYMBOL.finditer(text, lead.end(), stop):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    # The organ is named once, before the list: read each entry as "{organ}第 n 号决议".
                    for ref, _ in find_citations(name + m.group("cite"), self.lex.organ_names, {}, self.re_citation):
                        out.append((m.start(), ref, m.group(0)))
        return out
