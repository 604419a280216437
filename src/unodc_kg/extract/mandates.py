"""The legislative-mandate lists: two-column tables of symbols and titles.

The PDF prints each list in two newspaper columns: read the left column of a block (a run of
rows between blank lines, i.e. a page) top to bottom, then the right column. The text
conversion flattened this into rows of tab-separated cells: `symbol, title, symbol, title`.
A title that wraps continues in a cell with no symbol; in reading order it belongs to the
entry just before it, which may be at the bottom of the other column or of the previous page:

    49/4   应对…流行            |            女中的传播，…     <- continues 62/6 (bottom left)
    …
    62/6   促进…风险因素的妇     |

Cells that cannot be read without guessing (two entries in one cell) raise an error that
names the line; the corrections file then says how the line is to be read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import SourceError
from .records import InstrumentRef, MandateEntry
from .source import SourceLine
from .symbols import (
    EMBEDDED_SYMBOL,
    LOOKS_LIKE_SYMBOL,
    SUPERSCRIPTS,
    SymbolError,
    parse_symbol_cell,
    split_symbol_title,
)

RULE_LINE = re.compile(r"^[\s\-]*-{3,}[\s\-]*$")
FOOTNOTE_LINE = re.compile(rf"^([{SUPERSCRIPTS}])\s*(.+)$")


@dataclass
class _Piece:
    """An entry or a title fragment, placed in a block and a column."""

    block: int
    column: int
    row: int
    line: SourceLine
    symbols: list[tuple[InstrumentRef, str, str | None]] | None  # None for a fragment
    title: str


def parse_symbol_list(
    rows: Sequence[SourceLine], organ: str, path: str
) -> tuple[list[MandateEntry], list[tuple[SourceLine, str, str]]]:
    """Parse a list of resolutions or decisions of one organ.

    Returns the entries in reading order and the footnote lines met inside the table
    (line, marker, text), which the caller files as footnotes.
    """
    pieces: list[_Piece] = []
    footnotes: list[tuple[SourceLine, str, str]] = []
    block = 0
    for r, line in enumerate(rows):
        text = line.text
        if not text.strip() or RULE_LINE.match(text):
            block += 1
            continue
        fm = FOOTNOTE_LINE.match(text.strip())
        if fm:
            footnotes.append((line, fm.group(1), fm.group(2).strip()))
            block += 1
            continue
        for column, sym_cell, title in _slots(line, path):
            if sym_cell:
                try:
                    symbols = parse_symbol_cell(sym_cell, organ)
                except SymbolError as exc:
                    raise SourceError(path, line.number, f"mandate list: {exc}", text) from exc
                _check_title(title, line, path)
                pieces.append(_Piece(block, column, r, line, symbols, title))
            elif title:
                pieces.append(_Piece(block, column, r, line, None, title))
    return _in_reading_order(pieces, path), footnotes


def _slots(line: SourceLine, path: str) -> list[tuple[int, str, str]]:
    """The (column, symbol cell, title cell) slots of one row."""
    text = line.text.rstrip()
    if "\t" not in text:
        try:
            sym, title = split_symbol_title(text.strip(), "ga")
        except SymbolError as exc:
            raise SourceError(path, line.number, f"mandate list: {exc}", line.text) from exc
        return [(1, sym, title)]
    cells = [c.strip() for c in text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) > 4:
        raise SourceError(path, line.number, f"mandate list: expected at most 4 cells, found {len(cells)}", text)
    is_sym = [bool(c) and bool(LOOKS_LIKE_SYMBOL.match(c)) and not _is_title(c) for c in cells]
    if len(cells) == 4:
        return [(1, cells[0], cells[1]), (2, cells[2], cells[3])]
    if len(cells) == 3:
        if is_sym[2]:
            return [(1, cells[0], cells[1]), (2, cells[2], "")]
        return [(1, cells[0], cells[1]), (2, "", cells[2])]
    if len(cells) == 2:
        if is_sym[0] and is_sym[1]:  # symbol-only lists (Security Council): one symbol per column
            return [(1, cells[0], ""), (2, cells[1], "")]
        return [(1, cells[0], cells[1])]
    return [(1, cells[0], "")] if cells else []


def _is_title(cell: str) -> bool:
    """A cell that starts like a symbol but goes on with title text is a tab-less entry."""
    try:
        _, title = split_symbol_title(cell, "ga")
    except SymbolError:
        return True
    return bool(title)


def _check_title(title: str, line: SourceLine, path: str) -> None:
    if EMBEDDED_SYMBOL.search(title):
        raise SourceError(
            path,
            line.number,
            "mandate list: a title contains another symbol, so the cell probably holds two entries; "
            "say in the corrections file how the line is to be split",
            line.text,
        )


def _in_reading_order(pieces: list[_Piece], path: str) -> list[MandateEntry]:
    ordered = sorted(pieces, key=lambda p: (p.block, p.column, p.row))
    entries: list[MandateEntry] = []
    for p in ordered:
        if p.symbols is None:
            if not entries:
                raise SourceError(
                    path, p.line.number, "mandate list: a title fragment with no entry before it", p.line.text
                )
            owner = entries[-1]
            owner.title = (owner.title or "") + p.title
            owner.last_line = max(owner.last_line, p.line.number)
            if p.line.correction and p.line.number not in owner.corrections:
                owner.corrections.append(p.line.number)
            continue
        entries.append(
            MandateEntry(
                symbols=p.symbols,
                title=p.title or None,
                line=p.line.number,
                last_line=p.line.number,
                column=p.column,
                corrections=[p.line.number] if p.line.correction else [],
            )
        )
    for i, e in enumerate(entries, start=1):
        e.position = i
    return entries
