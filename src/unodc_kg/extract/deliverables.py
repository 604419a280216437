"""Deliverables tables: categories, subcategory totals, numbered items and narrative entries.

类别和次类别	2023 年 计划	2023 年 实际	2024 年 计划	2025 年 计划
A. 协助政府间进程和专家机构
议事机构文件(文件数目)	68	27	42	32              <- subcategory total
1. 打击跨国组织犯罪公约…文件	34	21	32	32        <- numbered item
2. …特设委员会的文件	34	6	10	—                 <- a dash: none
C. 实质性应交付产出
咨询、建议和倡导：为 15 个…                          <- narrative entry (category C, D, E)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import SourceError
from .records import DeliverableRow, DeliverablesTable, Quantity, Status
from .source import SourceLine

HEADER = re.compile(r"^类别和次类别\t")
HEADER_CELL = re.compile(r"^([0-9]{4})\s*年?\s*(计划|实际)$")
CATEGORY = re.compile(r"^([A-E])\.\s*(\S.*)$")
ITEM = re.compile(r"^([0-9]{1,3})\.\s*(\S.*)$")
GROUP = re.compile(r"^下列机构的会议\s*[:：]$")
SUBCATEGORY = re.compile(r"^(?P<label>[^0-9(（^]+?)\s*(?:\^(?P<marker>[a-z])\s*)?[(（](?P<unit>[^)）]+)[)）]$")
NARRATIVE = re.compile(r"^(?P<label>[^:：]{2,30}?)\s*[:：]\s*(?P<text>\S.*)$")
PARAGRAPH_TAGS = re.compile(r"<p>(.*?)</p>", re.S)
RULE_LINE = re.compile(r"^[\s\-]*-{3,}[\s\-]*$")
STATUS = {"计划": "planned", "实际": "actual"}
DASHES = {"—", "–", "-", "－"}


def parse_header(line: SourceLine, path: str) -> list[tuple[int, Status]]:
    """The year/status columns of a deliverables table header."""
    cells = [c.strip() for c in line.text.split("\t")[1:] if c.strip()]
    cols: list[tuple[int, Status]] = []
    for c in cells:
        m = HEADER_CELL.match(c)
        if not m:
            raise SourceError(
                path,
                line.number,
                f"deliverables table: expected a column like '2023 年 计划', got {c!r}",
                line.text,
            )
        status: Status = "planned" if m.group(2) == "计划" else "actual"
        cols.append((int(m.group(1)), status))
    if len(set(cols)) != len(cols):
        raise SourceError(path, line.number, "deliverables table: two columns have the same year and status", line.text)
    return cols


def parse_deliverables(
    table: DeliverablesTable, rows: Sequence[SourceLine], path: str
) -> list[tuple[SourceLine, str, str]]:
    """Fill `table.rows` from the lines after the caption. Returns footnote lines (line, marker, text)."""
    category: str | None = None
    subcategory: str | None = None
    unit: str | None = None
    group: str | None = None
    narrative_count: dict[str, int] = {}
    header_fixes: dict[int, int] = {}  # column -> line of the correction of the header in force
    footnotes: list[tuple[SourceLine, str, str]] = []
    for line in rows:
        text = line.text.strip()
        if not text or RULE_LINE.match(text):
            continue
        if HEADER.match(line.text):
            cols = parse_header(line, path)
            if table.columns and cols != table.columns:
                raise SourceError(
                    path,
                    line.number,
                    "deliverables table: a repeated header differs from the first",
                    line.text,
                )
            table.columns = cols
            header_fixes = {}
            if line.correction:
                table.corrections.append(line.number)
                # Only the columns whose heading the correction changed depend on it.
                before = line.correction.original.split("\t")[1:]
                after = line.text.split("\t")[1:]
                header_fixes = {
                    i: line.number
                    for i in range(len(after))
                    if i >= len(before) or before[i].strip() != after[i].strip()
                }
            continue
        fm = re.match(r"^\^([a-z])\s+(.+)$", text)
        if fm:
            footnotes.append((line, fm.group(1), fm.group(2)))
            continue
        if not table.columns:
            raise SourceError(path, line.number, "deliverables table: expected the header row first", line.text)
        cells = [c.strip() for c in line.text.split("\t")]
        first = cells[0]
        figures = [c for c in cells[1:] if c]
        m = CATEGORY.match(first)
        if m and not figures:
            category, subcategory, unit, group = m.group(1), None, None, None
            continue
        if category is None:
            raise SourceError(
                path, line.number, "deliverables table: expected a category row such as 'A. …'", line.text
            )
        if GROUP.match(first) and not figures:
            group = first
            continue
        m = ITEM.match(first)
        if m and figures:
            if subcategory is None:
                raise SourceError(path, line.number, "deliverables table: an item before any subcategory", line.text)
            table.rows.append(
                DeliverableRow(
                    kind="item",
                    category=category,
                    subcategory=subcategory,
                    line=line.number,
                    row=0,
                    item=int(m.group(1)),
                    title=m.group(2).strip(),
                    unit=unit,
                    group_heading=group,
                    quantities=_quantities(table, figures, line, path, header_fixes),
                    corrections=[line.number] if line.correction else [],
                )
            )
            continue
        m = SUBCATEGORY.match(first)
        if m and figures:
            subcategory, unit, group = m.group("label").strip(), m.group("unit").strip(), None
            table.rows.append(
                DeliverableRow(
                    kind="total",
                    category=category,
                    subcategory=subcategory,
                    line=line.number,
                    row=0,
                    unit=unit,
                    marker=m.group("marker"),
                    quantities=_quantities(table, figures, line, path, header_fixes),
                    corrections=[line.number] if line.correction else [],
                )
            )
            continue
        if category in "CDE" and not figures:
            for part in _narrative_parts(first):
                m = NARRATIVE.match(part)
                if not m:
                    raise SourceError(
                        path,
                        line.number,
                        f"deliverables table: expected a narrative entry 'subcategory：text' in category {category}",
                        line.text,
                    )
                narrative_count[category] = narrative_count.get(category, 0) + 1
                table.rows.append(
                    DeliverableRow(
                        kind="narrative",
                        category=category,
                        subcategory=m.group("label").strip(),
                        line=line.number,
                        row=0,
                        ordinal=narrative_count[category],
                        title=m.group("label").strip(),
                        text=m.group("text").strip(),
                        corrections=[line.number] if line.correction else [],
                    )
                )
            continue
        raise SourceError(
            path,
            line.number,
            "deliverables table: expected a subcategory total 'label(unit) n n n n', an item 'n. title n n n n', "
            "a category 'A. …' or a narrative entry",
            line.text,
        )
    if not table.columns:
        raise SourceError(path, rows[0].number if rows else None, "deliverables table: no header row found")
    for i, r in enumerate(table.rows, start=1):
        r.row = i
    return footnotes


def _narrative_parts(cell: str) -> list[str]:
    """A narrative cell may hold several entries as <p>…</p> paragraphs (a conversion artifact)."""
    parts = PARAGRAPH_TAGS.findall(cell)
    return [p.strip() for p in parts if p.strip()] if parts else [cell]


def _quantities(
    table: DeliverablesTable, figures: list[str], line: SourceLine, path: str, header_fixes: dict[int, int]
) -> list[Quantity]:
    if len(figures) != len(table.columns):
        raise SourceError(
            path,
            line.number,
            f"deliverables table: expected {len(table.columns)} figures (one per column), found {len(figures)}",
            line.text,
        )
    out: list[Quantity] = []
    for col, ((year, status), cell) in enumerate(zip(table.columns, figures, strict=True)):
        fix = [header_fixes[col]] if col in header_fixes else []
        if cell in DASHES:
            out.append(Quantity(year, status, 0, True, line.number, fix))
            continue
        digits = cell.replace(" ", "").replace("\u00a0", "")
        if not digits.isdecimal():  # not isdigit(): int() cannot read '²', which isdigit() accepts
            raise SourceError(
                path, line.number, f"deliverables table: expected a number or a dash, got {cell!r}", line.text
            )
        out.append(Quantity(year, status, int(digits), False, line.number, fix))
    return out
