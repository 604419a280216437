"""The corrections file: every fix to a source, with its line and its reason.

Nothing is patched in code: the parser reads the corrected line, and the graph records the
correction (original text, corrected text, reason) on every node read from that line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorrectionError

ANOMALY_KINDS = frozenset(
    {
        "merged-cells",  # two list entries printed in one table cell
        "lost-tabs",  # table cells printed without their separators
        "wrong-column-header",  # a column header that contradicts the table and every sibling table
        "missing-label",  # a subcategory label lost in the conversion from PDF
        "lost-character",  # characters lost in the conversion from PDF
    }
)


@dataclass(frozen=True)
class Correction:
    document: str
    line: int
    kind: str
    original: str
    corrected: tuple[str, ...]
    reason: str


def load_corrections(path: Path, document: str | None = None) -> list[Correction]:
    """Load the corrections for one document (or all), checking every field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path}: not valid TOML: {exc}") from exc
    entries = data.get("correction", [])
    if not isinstance(entries, list):
        raise CorrectionError(f"{path}: expected [[correction]] tables")
    out: list[Correction] = []
    seen: set[tuple[str, int]] = set()
    for i, e in enumerate(entries, start=1):
        where = f"{path}: correction #{i}"
        try:
            doc, line, kind = str(e["document"]), int(e["line"]), str(e["kind"])
            original, reason = str(e["original"]), str(e["reason"]).strip()
            corrected = e["corrected"]
        except (KeyError, TypeError, ValueError) as exc:
            raise CorrectionError(f"{where}: needs document, line, kind, original, corrected, reason ({exc})") from exc
        if isinstance(corrected, str):
            corrected = [corrected]
        if not isinstance(corrected, list) or not all(isinstance(t, str) for t in corrected):
            raise CorrectionError(f"{where}: 'corrected' must be a string or a list of strings")
        if kind not in ANOMALY_KINDS:
            raise CorrectionError(f"{where}: unknown kind {kind!r}; expected one of {sorted(ANOMALY_KINDS)}")
        if line < 1 or not reason:
            raise CorrectionError(f"{where}: line must be >= 1 and the reason must be given")
        if (doc, line) in seen:
            raise CorrectionError(f"{where}: line {line} of {doc} is corrected twice; merge the two")
        seen.add((doc, line))
        if document is None or doc == document:
            out.append(Correction(doc, line, kind, original, tuple(corrected), reason))
    return out
