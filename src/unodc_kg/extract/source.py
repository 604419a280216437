"""Reading a source document into numbered lines, with the corrections file applied."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from .corrections import Correction


@dataclass(frozen=True)
class SourceLine:
    """One line as the parser sees it: its number in the source file and its (corrected) text.

    A correction may turn one source line into several; they all keep the source line's number.
    """

    number: int
    text: str
    correction: Correction | None = None


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    display_path: str
    sha256: str
    line_count: int
    lines: tuple[SourceLine, ...]
    corrections: tuple[Correction, ...]


def read_source(path: Path, corrections: Sequence[Correction], display_path: str | None = None) -> SourceDocument:
    """Read a UTF-8 source, check it is text, and apply its corrections.

    Raises SourceError naming the file and the line for undecodable bytes, NUL bytes or
    a correction that no longer matches the line it corrects.
    """
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(shown, None, f"cannot read the source: {exc.strerror}") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(shown, 1, "the file is UTF-16; expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            shown,
            bad_line,
            f"byte {exc.start} is not UTF-8 ({exc.reason}); expected UTF-8 text (re-encoded as GBK?)",
        ) from exc
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        bad = text[: text.index("\x00")].count("\n") + 1
        raise SourceError(shown, bad, "NUL byte in the text; expected plain UTF-8 text")
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    by_line = {c.line: c for c in corrections}
    out: list[SourceLine] = []
    for number, raw_line in enumerate(raw_lines, start=1):
        line = raw_line.rstrip("\r")
        fix = by_line.get(number)
        if fix is None:
            out.append(SourceLine(number, line))
            continue
        if line != fix.original:
            raise SourceError(
                shown,
                number,
                f"correction {fix.kind!r} expects this line to read {fix.original[:80]!r}; "
                "the source changed, so the correction must be reviewed",
                line,
            )
        out.extend(SourceLine(number, t, fix) for t in fix.corrected)
    missing = sorted(n for n in by_line if n > len(raw_lines))
    if missing:
        raise SourceError(shown, missing[0], f"a correction names line {missing[0]}, past the end of the file")
    return SourceDocument(
        path=path,
        display_path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        line_count=len(raw_lines),
        lines=tuple(out),
        corrections=tuple(sorted(corrections, key=lambda c: c.line)),
    )
