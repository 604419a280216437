"""Performance-measure tables: one column per year, actual or planned, one or more rows.

    2021(实际)	2022(实际)	2023(实际)	2024(计划)	2025(计划)
    …	goIFAR 测试版进行内部和外部审查	…

An empty cell states nothing for that year; a dash states "none".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import SourceError
from .records import MeasureCell, PerformanceMeasure, Status
from .source import SourceLine

YEAR_CELL = re.compile(r"^([0-9]{4})\s*[(（](实际|计划)[)）]$")
DASHES = {"—", "–", "－", "-"}


def is_header(line: SourceLine) -> bool:
    cells = [c.strip() for c in line.text.split("\t") if c.strip()]
    return bool(cells) and all(YEAR_CELL.match(c) for c in cells)


def parse_measure_table(measure: PerformanceMeasure, header: SourceLine, rows: Sequence[SourceLine], path: str) -> None:
    """Fill `measure.cells` from a header line and the row lines after it."""
    columns: list[tuple[int, Status]] = []
    for c in (c.strip() for c in header.text.split("\t") if c.strip()):
        m = YEAR_CELL.match(c)
        if not m:
            raise SourceError(
                path,
                header.number,
                f"performance measure: expected a column like '2021(实际)', got {c!r}",
                header.text,
            )
        columns.append((int(m.group(1)), "actual" if m.group(2) == "实际" else "planned"))
    if len(set(columns)) != len(columns):
        raise SourceError(
            path, header.number, "performance measure: two columns have the same year and status", header.text
        )
    for row_no, line in enumerate(rows, start=1):
        cells = [c.strip() for c in line.text.split("\t")]
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()
        if len(cells) > len(columns):
            raise SourceError(
                path,
                line.number,
                f"performance measure: {len(cells)} cells in a table of {len(columns)} years",
                line.text,
            )
        for (year, status), cell in zip(columns, cells, strict=False):
            if not cell:
                continue
            measure.cells.append(MeasureCell(year, status, row_no, None if cell in DASHES else cell, line.number))
    if not measure.cells:
        raise SourceError(path, header.number, "performance measure: a table with no entries", header.text)
