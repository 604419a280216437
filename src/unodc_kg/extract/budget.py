"""Adapter for a section of the proposed programme budget (Chinese text converted from PDF).

It walks the document once, top to bottom, keeping track of where it is (front matter,
general direction, legislative mandates, programme of work; which subprogramme; which part
of it) and hands tables to their own parsers. Layout knowledge lives here; facts do not:
names of organs and instruments come from the reference data (`Lexicon`), fixes to the
source from the corrections file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import SourceError
from .citations import citation_pattern, find_citations, find_sdgs
from .deliverables import parse_deliverables
from .mandates import parse_symbol_list
from .performance import is_header as is_measure_header
from .performance import parse_measure_table
from .records import (
    Citation,
    DeliverablesTable,
    DocumentInfo,
    ExtractedDocument,
    FigureRecord,
    Footnote,
    Highlight,
    InstrumentKind,
    InstrumentRef,
    MandateEntry,
    MandateList,
    PerformanceMeasure,
    PlannedResult,
    Scope,
    SdgMention,
    TableRecord,
    TextNode,
)
from .source import SourceDocument, SourceLine
from .symbols import SUPERSCRIPT_DIGITS, SUPERSCRIPTS

CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A Chinese numeral from 1 to 99, and nothing else ("二二", "十十" are not numbers): patterns that read
# one use this, so that cjk_number never meets a string it cannot read.
CJK_NUMBER = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
TERMINAL = ("。", "；", "：", ";", ":", "”", "！", "？")


def cjk_number(text: str) -> int:
    """Chinese numerals up to 99.

    >>> [cjk_number(t) for t in ("一", "十", "十一", "二十", "二十六")]
    [1, 10, 11, 20, 26]
    """
    if "十" not in text:
        return CJK_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CJK_DIGITS[tens] if tens else 1) * 10 + (CJK_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class Lexicon:
    """Names the adapter must recognise, taken from the reference data."""

    organ_names: Mapping[str, str]  # Chinese name (and short forms) -> organ key
    instrument_names: Mapping[str, str]  # Chinese title as printed -> instrument key (treaties, declarations)


@dataclass(frozen=True)
class DocumentSpec:
    """What the sources manifest says about a document."""

    key: str
    file: str
    symbol: str
    title_en: str
    language: str
    edition: int
    section: str  # "16": paragraphs are numbered 16.n, tables 表 16.n
    adapter: str = "programme-budget-section"


HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), kind)
    for p, kind in (
        (r"^总方向$", "general"),
        (r"^任务和背景$", "general"),
        (r"^[0-9]{4} 年战略和外部因素$", "general"),
        (r"^立法授权$", "mandates"),
        (r"^应交付产出$", "deliverables"),
        (r"^评价活动$", "evaluation"),
        (r"^工作方案$", "work-programme"),
        (r"^目标$", "objective"),
        (r"^战略$", "strategy"),
        (r"^(?P<year>[0-9]{4}) 年方案执行情况$", "highlight"),
        (r"^[0-9]{4} 年计划成果$", "results"),
        (r"^[0-9]{4} 年方案执行情况和 [0-9]{4} 年具体目标$", "result-performance"),
        (r"^[0-9]{4} 年方案业绩和 [0-9]{4} 年目标$", "result-performance"),
        (r"^[0-9]{4} 年拟议方案计划$", "result-plan"),
        # Printed where the plan heading belongs in seven results; read as that heading (docs/sources.md).
        (r"^[0-9]{4} 年拟议方案预算$", "result-plan"),
        (r"^经验教训和计划作出的改变$", "lessons"),
    )
]


def heading_kind(text: str) -> tuple[str, re.Match[str]] | None:
    """The kind of a section heading, or None."""
    for pattern, kind in HEADINGS:
        m = pattern.match(text)
        if m:
            return kind, m
    return None


FRONT_PAGE_LINES = 60  # where the title page is looked for (the real one takes 20 lines)
# A subprogramme or a component in the table of contents: "次级方案 1, 打击跨国有组织犯罪<tab>18".
TOC_ENTRY = re.compile(r"^(?P<kind>次级方案|构成部分)\s*(?P<n>[0-9])(?![0-9])")
EXPECTED_RESULTS = re.compile(r"(预计|上述工作).{0,20}取得下列成果")
MEASURE_INTRO = re.compile(r"^下述业绩计量")
TABLE_MENTION = re.compile(r"[表]\s*16\.([0-9]+)")


@dataclass
class _State:
    part: str = "front"
    scope: str = ""
    sub: str = ""
    text: TextNode | None = None  # the text node a continuation line would extend
    item: TextNode | None = None  # the last lettered item, for sub-items
    highlight: Highlight | None = None
    result: PlannedResult | None = None
    awaiting_title: str | None = None  # scope key whose title is on the next line
    last_para: TextNode | None = None
    seen_keys: set[str] = field(default_factory=set)


class BudgetSectionAdapter:
    """Reads a programme budget section (A/79/6 (Sect. 16) and its kin) into records."""

    name = "programme-budget-section"

    def __init__(self, spec: DocumentSpec, lexicon: Lexicon) -> None:
        self.spec = spec
        self.lex = lexicon
        s = re.escape(spec.section)
        self.re_para = re.compile(rf"^({s}\.[0-9]+)\.?\s+(\S.*)$")
        self.re_table = re.compile(rf"^表\s*{s}\.([0-9]+)$")
        self.re_figure = re.compile(rf"^图\s*{s}\.({CJK_NUMBER})$")
        self.re_page_header = re.compile(rf"^第\s*{s}\s*款\s+\S+$")
        organs = "|".join(re.escape(n) for n in sorted(lexicon.organ_names, key=len, reverse=True))
        self.re_list_heading = re.compile(rf"^(?P<organ>{organs})的?(?P<kind>决议和决定|决议|决定|声明和宣言)$")
        self.re_citation = citation_pattern(lexicon.organ_names)

    # ------------------------------------------------------------------ entry point
    def layout_problem(self, src: SourceDocument) -> str | None:
        """None when the front page reads like a budget section (its title and '第 16 款'), else what was expected."""
        front = [x.text.strip() for x in src.lines[:FRONT_PAGE_LINES]]
        section = re.compile(rf"^第\s*{re.escape(self.spec.section)}\s*款$")
        if any("拟议方案预算" in t for t in front) and any(section.match(t) for t in front):
            return None
        return (
            f"expected the front page of a programme budget section ('… 拟议方案预算' and '第 {self.spec.section} 款' "
            f"in the first {FRONT_PAGE_LINES} lines)"
        )

    def extract(self, src: SourceDocument) -> ExtractedDocument:
        self.src = src
        self.path = src.display_path
        self.lines = src.lines
        self.doc = ExtractedDocument(
            info=DocumentInfo(
                key=self.spec.key,
                symbol=self.spec.symbol,
                title_zh="",
                title_en=self.spec.title_en,
                language=self.spec.language,
                edition=self.spec.edition,
                source_file=src.display_path,
                sha256=src.sha256,
                line_count=src.line_count,
            ),
            corrections=list(src.corrections),
        )
        self.ed = str(self.spec.edition)
        self.st = _State()
        self.work_scopes: list[tuple[str, SourceLine]] = []
        self.contents: dict[str, SourceLine] = {}  # scope key -> its entry in the table of contents
        self.contents_parent: str | None = None  # the subprogramme a component entry of the contents belongs to
        self._walk()
        self._check_complete()
        self._link_footnotes()
        self._find_citations()
        return self.doc

    # ------------------------------------------------------------------ helpers
    def err(self, line: SourceLine, message: str) -> SourceError:
        return SourceError(self.path, line.number, message, line.text)

    def at_end(self, message: str) -> SourceError:
        """What was expected and never came: an error at the last line, where a truncated file stops."""
        if not self.lines:
            return SourceError(self.path, None, f"{message}; the document has no lines")
        return self.err(self.lines[-1], f"{message}; the text ends at this line")

    @staticmethod
    def norm(text: str) -> str:
        t = text.strip().strip("\t").strip()
        return re.sub(r"^-\s+", "", t)

    def scope_key(self, sp: str, comp: str | None) -> str:
        return f"{self.ed}/sp{sp}-{comp}" if comp else f"{self.ed}/sp{sp}"

    def add_scope(self, key: str, kind: str, number: str, label: str, line: int, parent: str | None) -> None:
        for s in self.doc.scopes:
            if s.key == key:
                if label and label != s.label:
                    if s.label and self.st.part == "work":
                        # The programme of work's heading is the title; other printings stay as variants.
                        s.alt_labels.append(s.label)
                        s.label = label
                    elif s.label:
                        s.alt_labels.append(label)
                    else:
                        s.label = label
                return
        self.doc.scopes.append(Scope(key, kind, number, label, line, parent))  # type: ignore[arg-type]

    def scope(self, key: str) -> Scope:
        return next(s for s in self.doc.scopes if s.key == key)

    def next_nonblank(self, i: int) -> int:
        while i < len(self.lines) and not self.lines[i].text.strip():
            i += 1
        return i

    # ------------------------------------------------------------------ the walk
    def _walk(self) -> None:
        lines = self.lines
        i = 0
        programme = f"{self.ed}/programme"
        while i < len(lines):
            line = lines[i]
            raw = line.text
            text = self.norm(raw)
            st = self.st
            if st.part == "mandates" and not self.re_page_header.match(text):
                i = self._mandates(i)  # blank lines matter there: they end a block of the two-column lists
                continue
            if not text:
                i += 1
                continue
            # Front matter: title, table of contents, the *, **, *** notes.
            if st.part == "front":
                if re.match(r"^A\.\s.*方案计划.*执行情况$", text) and "\t" not in raw:
                    st.part = "start"
                    self.add_scope(programme, "programme", "13", self._programme_label(), line.number, None)
                    st.scope = programme
                elif "\t" in raw and (m := TOC_ENTRY.match(raw.split("\t", 1)[0].strip())):
                    self._contents_entry(m, line)
                elif m := re.match(r"^(\*{1,3})\s+(\S.*)$", text):
                    self.doc.footnotes.append(
                        Footnote(f"s{len(m.group(1))}", m.group(1), m.group(2), line.number, None, "document")
                    )
                elif not self.doc.info.title_zh and re.match(rf"^第\s*{re.escape(self.spec.section)}\s*款$", text):
                    j = self.next_nonblank(i + 1)
                    budget_title = next((x.text.strip() for x in lines[:i] if "拟议方案预算" in x.text), "")
                    if not budget_title:
                        raise self.err(line, "front matter: expected the title '… 拟议方案预算' before this line")
                    if j >= len(lines):
                        raise self.err(line, "front matter: expected the section's title after this line (truncated?)")
                    self.doc.info.title_zh = f"{budget_title} {text} {lines[j].text.strip()}"
                i += 1
                continue
            if self.re_page_header.match(text):
                i += 1  # a running page header printed inside the text
                continue
            i = self._body_line(i, line, text)

    def _contents_entry(self, m: re.Match[str], line: SourceLine) -> None:
        """Note a scope the table of contents lists: the programme of work must hold each (a truncated file won't).

        A subprogramme with components (次级方案 9, then 构成部分 1 and 2) is expected through its components.
        """
        if m.group("kind") == "次级方案":
            self.contents_parent = self.scope_key(m.group("n"), None)
            self.contents[self.contents_parent] = line
            return
        parent = self.contents_parent
        if parent is None:
            raise self.err(line, "table of contents: a component (构成部分) before any subprogramme (次级方案)")
        self.contents.pop(parent, None)
        self.contents[f"{parent}-{m.group('n')}"] = line

    def _programme_label(self) -> str:
        for j, x in enumerate(self.lines):
            if re.match(r"^方案\s*13$", x.text.strip()) and (k := self.next_nonblank(j + 1)) < len(self.lines):
                return self.lines[k].text.strip()
        return ""

    # ------------------------------------------------------------------ body
    def _body_line(self, i: int, line: SourceLine, text: str) -> int:
        st = self.st
        found = heading_kind(text)
        if found is not None and "\t" not in line.text:
            if found[0] == "highlight":
                self.performance_year = int(found[1].group("year"))
            return self._heading(i, line, found[0])
        if st.awaiting_title:
            sc = self.scope(st.awaiting_title)
            if sc.label and sc.label != text:
                sc.alt_labels.append(sc.label)
            sc.label = text
            st.awaiting_title = None
            return i + 1
        if m := self._scope_header(text):
            return self._enter_scope(i, line, m)
        if m := re.match(r"^成果\s*([0-9]+)\s*[：:]\s*(\S.*)$", text):
            st.result = PlannedResult(st.scope, int(m.group(1)), m.group(2), line.number)
            if any(r.scope == st.scope and r.number == st.result.number for r in self.doc.results):
                raise self.err(line, f"result {m.group(1)} appears twice in {st.scope}")
            self.doc.results.append(st.result)
            st.sub, st.text = "result", None
            return i + 1
        if m := self.re_table.match(text):
            return self._table(i, line, m.group(1))
        if m := self.re_figure.match(text):
            return self._figure(i, line, m.group(1))
        if fm := re.match(rf"^([{SUPERSCRIPTS}])\s*(\S.*)$", text):
            self.doc.footnotes.append(
                Footnote(SUPERSCRIPT_DIGITS[fm.group(1)], fm.group(1), fm.group(2), line.number, st.scope)
            )
            return i + 1
        if m := self.re_para.match(text):
            self._paragraph(line, m.group(1), m.group(2))
            return i + 1
        if m := re.match(r"^\(([a-z])\)\s*(\S.*)$", text):
            self._item(line, m.group(1), m.group(2), sub=False)
            return i + 1
        if m := re.match(rf"^\(({CJK_NUMBER})\)\s*(\S.*)$", text):
            self._item(line, m.group(1), m.group(2), sub=True)
            return i + 1
        if st.sub == "highlight" and st.highlight is None:
            st.highlight = Highlight(st.scope, text, line.number, self.performance_year)
            self.doc.highlights.append(st.highlight)
            st.text = None
            return i + 1
        if st.text is not None and not st.text.text.endswith(TERMINAL):
            # A paragraph broken by a page break (and maybe a footnote) goes on here.
            st.text.text += text
            st.text.last_line = line.number
            if line.correction:
                st.text.corrections.append(line.number)
            return i + 1
        raise self.err(
            line,
            f"unexpected text in {st.scope or 'the front matter'} ({st.part}/{st.sub}): expected a "
            "numbered paragraph, an item, a heading, a table or a figure",
        )

    def _heading(self, i: int, line: SourceLine, heading: str) -> int:
        st = self.st
        st.text = None
        if heading == "general":
            st.part, st.sub = "general", "general"
        elif heading == "mandates":
            st.part, st.sub = "mandates", ""
            self.mandate_scope = f"{self.ed}/programme"
            self.list_order: dict[str, int] = {}
            self.current_list: MandateList | None = None
            self.list_rows: list[SourceLine] = []
        elif heading == "work-programme":
            st.part, st.sub = "work", ""
        elif heading in ("objective", "strategy", "highlight", "results", "deliverables", "evaluation"):
            st.sub = heading
            if heading == "highlight":
                st.highlight = None
            if heading in ("results", "deliverables"):
                st.result = None
        elif heading in ("result-performance", "result-plan", "lessons"):
            if st.result is None:
                raise self.err(line, "a part of a planned result before any '成果 n：' heading")
            st.sub = heading
        return i + 1

    def register_scope(self, sp: str, comp: str | None, title: str | None, line: SourceLine) -> str:
        """Record a subprogramme (and its component) from a header such as 次级方案 9，构成部分 1; return the key."""
        parent_sp = f"{self.ed}/sp{sp}"
        label = "" if comp else (title or "")
        self.add_scope(parent_sp, "subprogramme", sp, label, line.number, f"{self.ed}/programme")
        key = self.scope_key(sp, comp)
        if comp:
            self.add_scope(key, "component", f"{sp}.{comp}", title or "", line.number, parent_sp)
        return key

    def _scope_header(self, text: str) -> re.Match[str] | None:
        return re.match(r"^次级方案\s*([0-9])(?:\s*[，,]\s*构成部分\s*([0-9]))?\s*(\S.*)?$", text) or re.match(
            r"^构成部分\s*([0-9])\s*[：:]\s*(\S.*)$", text
        )

    def _enter_scope(self, i: int, line: SourceLine, m: re.Match[str]) -> int:
        st = self.st
        if m.re.pattern.startswith("^构成部分"):
            sp9 = f"{self.ed}/sp9"
            key = f"{sp9}-{m.group(1)}"
            self.add_scope(key, "component", f"9.{m.group(1)}", m.group(2), line.number, sp9)
        else:
            sp, comp, title = m.group(1), m.group(2), m.group(3)
            key = self.register_scope(sp, comp, title, line)
            if not title and not (st.part == "work" and sp == "9" and not comp):
                st.awaiting_title = key
            elif not title and not comp and not self.scope(key).label:
                self.scope(key).label = m.group(0).strip()  # "次级方案 9": no other title is printed
        st.scope, st.sub, st.text, st.item, st.result, st.highlight = key, "", None, None, None, None
        if st.part == "work" and not (key.endswith("/sp9")):
            self.work_scopes.append((key, line))
        return i + 1

    def _paragraph(self, line: SourceLine, number: str, body: str) -> None:
        st = self.st
        role = {
            "objective": "objective",
            "strategy": "strategy",
            "highlight": "highlight",
            "result": "result",
            "result-performance": "result",
            "result-plan": "result",
            "lessons": "lesson",
            "deliverables": "deliverables-intro",
            "evaluation": "paragraph",
            "general": "paragraph",
        }.get(st.sub, "paragraph")
        if st.part == "mandates":
            role = "mandates"
        if MEASURE_INTRO.match(body):
            role = "measure-intro"
        elif st.sub == "strategy" and EXPECTED_RESULTS.search(body):
            role = "expected-results"
        node = self._new_text(number, number, body, line, role, None, None)
        st.text, st.item, st.last_para = node, None, node
        if st.sub == "highlight" and st.highlight is not None:
            st.highlight.paragraphs.append(node.key)
        elif st.result is not None and st.sub in ("result", "result-performance", "result-plan", "lessons"):
            st.result.paragraphs.append(node.key)
            if role == "lesson":
                st.result.lessons.append(node.key)

    def _item(self, line: SourceLine, label: str, body: str, sub: bool) -> None:
        st = self.st
        if st.last_para is None:
            raise self.err(line, "a lettered item before any numbered paragraph")
        if sub:
            if st.item is None:
                raise self.err(line, "a sub-item (一) before any lettered item")
            parent = st.item
            key = f"{parent.key}.{cjk_number(label)}"
            number = f"{parent.number}({label})"
        else:
            parent = st.last_para
            key = f"{parent.key}.{label}"
            number = f"{parent.number}({label})"
        role = {"strategy": "strategy-item", "expected-results": "expected-result"}.get(
            parent.role if not sub else (st.last_para.role), "item"
        )
        node = self._new_text(key, number, body, line, role, f"({label})", parent.key)
        st.text = node
        if not sub:
            st.item = node

    def _new_text(
        self,
        key: str,
        number: str,
        body: str,
        line: SourceLine,
        role: str,
        label: str | None,
        parent: str | None,
    ) -> TextNode:
        if key in self.st.seen_keys:
            raise self.err(line, f"paragraph {number} appears twice")
        self.st.seen_keys.add(key)
        node = TextNode(
            key,
            number,
            body.strip(),
            line.number,
            self.st.scope,
            line.number,
            label,
            parent,
            role,
            [line.number] if line.correction else [],
        )
        self.doc.texts.append(node)
        return node

    # ------------------------------------------------------------------ tables and figures
    def _introducer(self, kind: str, number: str) -> str | None:
        """The paragraph that presents a table or figure ("…(见表 16.2)", "表 16.4 列示…")."""
        mention = re.compile(rf"{kind}\s*{re.escape(number)}(?![0-9一二三四五六七八九十])")
        for t in reversed(self.doc.texts):
            if mention.search(t.text):
                return t.paragraph_key
        return None

    def _table(self, i: int, line: SourceLine, n: str) -> int:
        st = self.st
        number = f"{self.spec.section}.{n}"
        j = self.next_nonblank(i + 1)
        if j >= len(self.lines):
            raise self.err(line, f"table {number} has no caption")
        caption = self.lines[j].text.strip()
        intro = self._introducer("表", number)
        self.doc.tables.append(TableRecord(number, st.scope, caption, line.number, intro))
        st.text = None
        if "应交付产出" in caption:
            return self._deliverables_table(j + 1, number, caption, line, intro)
        if caption == "业绩计量":
            return self._measure_table(j + 1, number, caption, line, intro)
        raise self.err(self.lines[j], f"table {number}: expected a caption '业绩计量' or '…应交付产出'")

    def _measure_owner(self, line: SourceLine) -> tuple[str, Highlight | PlannedResult]:
        st = self.st
        if st.sub == "highlight" and st.highlight is not None:
            return "highlight", st.highlight
        if st.result is not None:
            return str(st.result.number), st.result
        raise self.err(line, "a performance measure outside a programme performance or a planned result")

    def _measure_table(self, j: int, number: str, caption: str, line: SourceLine, intro: str | None) -> int:
        owner_name, owner = self._measure_owner(line)
        h = self.next_nonblank(j)
        if h >= len(self.lines) or not is_measure_header(self.lines[h]):
            raise self.err(
                self.lines[min(h, len(self.lines) - 1)],
                f"table {number}: expected year columns like '2021(实际)'",
            )
        k = h + 1
        while k < len(self.lines) and self.lines[k].text.strip() and "\t" in self.lines[k].text:
            k += 1
        measure = PerformanceMeasure(owner_name, self.st.scope, f"table:{number}", caption, line.number, intro)
        parse_measure_table(measure, self.lines[h], self.lines[h + 1 : k], self.path)
        self._set_measure(owner, measure, line)
        return k

    def _set_measure(self, owner: Highlight | PlannedResult, measure: PerformanceMeasure, line: SourceLine) -> None:
        if owner.measure is not None:
            raise self.err(line, "a second performance measure for the same result")
        owner.measure = measure

    def _figure(self, i: int, line: SourceLine, printed: str) -> int:
        owner_name, owner = self._measure_owner(line)
        number = f"{self.spec.section}.{cjk_number(printed)}"
        j = self.next_nonblank(i + 1)
        if j >= len(self.lines):
            raise self.err(line, f"figure {number} has no caption (truncated file?)")
        caption_line = self.lines[j]
        caption = caption_line.text.strip()
        if not caption.startswith("业绩计量"):
            raise self.err(caption_line, f"figure {number}: expected a caption '业绩计量：…'")
        k = self.next_nonblank(j + 1)
        if k < len(self.lines) and re.match(r"^[(（][^)）]+[)）]$", self.lines[k].text.strip()):
            caption += self.lines[k].text.strip()  # the unit line under the caption, e.g. (百分比)
            j = k
        printed_label = f"{self.spec.section}.{printed}"
        intro = self._introducer("图", printed_label)
        self.doc.figures.append(FigureRecord(number, printed_label, self.st.scope, caption, line.number, intro))
        measure = PerformanceMeasure(owner_name, self.st.scope, f"figure:{number}", caption, caption_line.number, intro)
        self._set_measure(owner, measure, line)
        self.st.text = None
        return j + 1

    def _deliverables_table(self, j: int, number: str, caption: str, line: SourceLine, intro: str | None) -> int:
        k = j
        while k < len(self.lines):
            t = self.norm(self.lines[k].text)
            if t and (self._scope_header(t) or (heading_kind(t) or ("",))[0] in ("evaluation", "work-programme")):
                break
            k += 1
        table = DeliverablesTable(number, self.st.scope, caption, line.number, intro, [])
        footnotes = parse_deliverables(table, self.lines[j:k], self.path)
        if not table.rows:
            raise self.err(line, f"table {number}: no deliverables found")
        self.doc.deliverable_tables.append(table)
        for fl, marker, text in footnotes:
            self.doc.footnotes.append(
                Footnote(f"{number}-{marker}", marker, text, fl.number, self.st.scope, f"table:{number}")
            )
        return k

    # ------------------------------------------------------------------ legislative mandates
    def _mandates(self, i: int) -> int:
        line = self.lines[i]
        text = self.norm(line.text)
        st = self.st
        if not text:
            if self.current_list is not None:
                self.list_rows.append(line)
            return i + 1
        if (heading_kind(text) or ("",))[0] == "deliverables":
            self._close_list()
            st.part, st.scope, st.sub = "general", f"{self.ed}/programme", "deliverables"
            st.text = None
            return i + 1
        if m := self.re_para.match(text):
            self._paragraph(line, m.group(1), m.group(2))
            return i + 1
        if m := self._scope_header(text):
            self._close_list()
            sp, comp, title = m.group(1), m.group(2), m.group(3)
            key = self.register_scope(sp, comp, title, line)
            self.mandate_scope = key
            st.scope = key
            j = self.next_nonblank(i + 1)
            nxt = self.norm(self.lines[j].text) if j < len(self.lines) else ""
            if not title and nxt and not self._list_heading(nxt):
                self.scope(key).label = self.scope(key).label or nxt
                return j + 1
            return i + 1
        if heading := self._list_heading(text):
            self._close_list()
            organ, kind = heading
            slug = {"公约和议定书": "treaties"}.get(text) or (
                f"{organ}-declarations" if kind == "declarations-and-statements" else str(organ)
            )
            scope = self.mandate_scope
            order = self.list_order.get(scope, 0) + 1
            self.list_order[scope] = order
            self.current_list = MandateList(scope, slug, text, organ, kind, order, line.number)
            self.list_rows = []
            return i + 1
        if self.current_list is None:
            raise self.err(line, "legislative mandates: expected a list heading such as '大会决议'")
        self.list_rows.append(line)
        return i + 1

    def _list_heading(self, text: str) -> tuple[str | None, str] | None:
        if text == "公约和议定书":
            return None, "treaties"
        m = self.re_list_heading.match(text)
        if not m:
            return None
        kinds = {
            "决议": "resolutions",
            "决定": "decisions",
            "决议和决定": "resolutions-and-decisions",
            "声明和宣言": "declarations-and-statements",
        }
        return self.lex.organ_names[m.group("organ")], kinds[m.group("kind")]

    def _close_list(self) -> None:
        lst = self.current_list
        if lst is None:
            return
        self.current_list = None
        rows = self.list_rows
        if lst.list_kind in ("treaties", "declarations-and-statements"):
            lst.entries = self._named_entries(rows, lst)
        else:
            assert lst.organ is not None
            entries, footnotes = parse_symbol_list(rows, lst.organ, self.path)
            lst.entries = entries
            for fl, marker, text in footnotes:
                self.doc.footnotes.append(
                    Footnote(SUPERSCRIPT_DIGITS[marker], marker, text, fl.number, lst.scope, "listing")
                )
        if not lst.entries:
            raise SourceError(self.path, lst.line, f"legislative mandates: the list '{lst.heading}' is empty")
        self.doc.mandate_lists.append(lst)

    def _named_entries(self, rows: list[SourceLine], lst: MandateList) -> list[MandateEntry]:
        entries: list[MandateEntry] = []
        for line in rows:
            name = self.norm(line.text)
            if not name or re.match(r"^-{3,}", name):
                continue
            key = self.lex.instrument_names.get(name)
            if key is None:
                raise self.err(
                    line,
                    f"legislative mandates: '{name[:40]}' is not a known instrument; add its "
                    "printed title to data/reference/instruments.ttl",
                )
            # The class comes from the reference data; the record only says what kind of list named it.
            kind: InstrumentKind = "declaration" if lst.list_kind != "treaties" else "convention"
            ref = InstrumentRef(key, kind, lst.organ, None, None)
            entries.append(
                MandateEntry(
                    [(ref, name, None)],
                    name,
                    line.number,
                    line.number,
                    1,
                    len(entries) + 1,
                    [line.number] if line.correction else [],
                )
            )
        return entries

    # ------------------------------------------------------------------ after the walk
    def _check_complete(self) -> None:
        if self.st.part == "front":
            raise self.at_end("no programme plan found: expected a line 'A. … 方案计划和 … 执行情况'")
        if self.st.awaiting_title:
            raise self.at_end(f"the title of {self.st.awaiting_title} is missing")
        if self.st.part == "mandates":
            raise self.at_end("the legislative mandates never end: expected '应交付产出'")
        if not self.doc.deliverable_tables:
            raise self.at_end("no deliverables table found (truncated file?)")
        with_table = {t.scope for t in self.doc.deliverable_tables}
        for key, line in self.work_scopes:
            if key not in with_table:
                raise self.err(
                    line, f"{key} has no deliverables table before the next subprogramme or the end (truncated file?)"
                )
        self._check_contents()

    def _check_contents(self) -> None:
        """Every subprogramme and component the table of contents lists is in the programme of work, and no other."""
        if not self.contents:
            start = next(x for x in self.lines if x.number == self.doc.scopes[0].line)  # where the plan starts
            raise self.err(start, "expected a table of contents (目录) listing the subprogrammes before this line")
        worked = {key: line for key, line in self.work_scopes}
        last = self.lines[-1].number
        for key, line in self.contents.items():
            if key not in worked:
                raise self.err(
                    line,
                    f"the table of contents lists {key}, but the programme of work has no such part "
                    f"(the text stops at line {last}): truncated file? expected its heading and its deliverables",
                )
        for key, line in worked.items():
            if key not in self.contents:
                raise self.err(line, f"{key} is not in the table of contents: expected one of {sorted(self.contents)}")

    def _link_footnotes(self) -> None:
        """A footnote belongs to the text that carries its marker, and counts in that text's scope."""
        for fn in self.doc.footnotes:
            if fn.marked_in in ("document",) or fn.key.startswith("s"):
                continue
            if fn.marked_in == "listing":
                for lst in self.doc.mandate_lists:
                    for e in lst.entries:
                        if any(mk == fn.marker for _, _, mk in e.symbols):
                            fn.scope = lst.scope
                continue
            if fn.marked_in and fn.marked_in.startswith("table:"):
                continue
            holders = [t for t in self.doc.texts if fn.marker in t.text and t.line <= fn.line]
            if holders:
                fn.marked_in = holders[-1].key
                fn.scope = holders[-1].scope

    def _find_citations(self) -> None:
        organ_names, inst_names, pat = self.lex.organ_names, self.lex.instrument_names, self.re_citation
        nodes: list[tuple[str, str, str | None, str, int]] = []  # (citing, paragraph, scope, text, line)
        for t in self.doc.texts:
            nodes.append((f"p:{t.key}", t.paragraph_key, t.scope, t.text, t.line))
        for fn in self.doc.footnotes:
            para = fn.marked_in if fn.marked_in and fn.marked_in[0].isdigit() else None
            para_key = ".".join(para.split(".")[:2]) if para else ""
            nodes.append((f"fn:{fn.key}", para_key, fn.scope, fn.text, fn.line))
        for tbl in self.doc.deliverable_tables:
            for r in tbl.rows:
                key = r.key(tbl.scope)
                if key:
                    nodes.append(
                        (
                            f"deliverable:{key}",
                            tbl.introduced_by or "",
                            tbl.scope,
                            (r.title or "") + (r.text or ""),
                            r.line,
                        )
                    )
        owners: list[Highlight | PlannedResult] = [*self.doc.highlights, *self.doc.results]
        # Headings and captions cite too: a result's title (成果 1：通过有效落实《京都宣言》…), a highlight's title,
        # a measure's description, a table's or a figure's caption. They count for the paragraph they belong to.
        for res in self.doc.results:
            first = res.paragraphs[0] if res.paragraphs else ""
            nodes.append((f"result:{res.scope}/{res.number}", first, res.scope, res.title, res.line))
        for h in self.doc.highlights:
            nodes.append((f"highlight:{h.scope}", h.paragraphs[0] if h.paragraphs else "", h.scope, h.title, h.line))
        # A measure's description is often its table's or figure's caption: cited once, by the measure.
        described = {(o.measure.presented_in, o.measure.description) for o in owners if o.measure}
        captioned: list[TableRecord | FigureRecord] = [*self.doc.tables, *self.doc.figures]
        for rec in captioned:
            kind = "table" if isinstance(rec, TableRecord) else "figure"
            if (f"{kind}:{rec.number}", rec.caption) not in described:
                nodes.append((f"{kind}:{rec.number}", rec.introduced_by or "", rec.scope, rec.caption, rec.line))
        for o in owners:
            if o.measure is None:
                continue
            m = o.measure
            nodes.append(
                (f"performance-measure:{m.scope}/{m.owner}", m.introduced_by or "", o.scope, m.description, m.line)
            )
            for c in o.measure.cells:
                if c.text:
                    nodes.append(
                        (
                            f"measure:{o.measure.scope}/{o.measure.owner}/{c.year}-{c.status}-{c.row}",
                            o.measure.introduced_by or "",
                            o.scope,
                            c.text,
                            c.line,
                        )
                    )
        for citing, para, scope, text, line in nodes:
            for ref, quote in find_citations(text, organ_names, inst_names, pat):
                self.doc.citations.append(Citation(citing, para, scope, ref, quote, line))
            for goal in find_sdgs(text):
                self.doc.sdg_mentions.append(SdgMention(citing, goal, line))
