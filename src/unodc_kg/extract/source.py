"""Reading a source document into numbered lines, with the corrections file applied."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

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


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(raw: bytes, shown: str) -> str:
    """The text of a source file, or a SourceError saying why it is not complete UTF-8 text and where.

    Tells apart what happens to these files: re-encoded as UTF-16 (with or without a byte-order mark) or
    GBK, cut short (in the middle of a character or of a line), emptied.

    >>> decode("第 16 款\\n".encode(), "x.txt")
    '第 16 款\\n'
    >>> decode("第 16 款".encode("utf-16"), "x.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    unodc_kg.errors.SourceError: x.txt:1: not UTF-8: looks like UTF-16 (it starts with a byte-order mark); ...
    """
    if not raw.strip():
        raise SourceError(shown, 1, "the file is empty; expected the text of the document")
    if raw.startswith(UTF16_BOMS):
        message = "not UTF-8: looks like UTF-16 (it starts with a byte-order mark); expected UTF-8 text"
        raise SourceError(shown, 1, message)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _not_utf8(raw, exc, shown)
    if "\x00" in text and (order := _utf16_order(raw)):
        raise SourceError(shown, 1, f"not UTF-8: looks like UTF-16 ({order}, no byte-order mark); expected UTF-8 text")
    if not text.endswith("\n"):
        last = text.count("\n") + 1
        message = "the file ends in the middle of this line (no line break after it): truncated? expected whole lines"
        raise SourceError(shown, last, message, text.rsplit("\n", 1)[-1])
    return text


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, shown: str) -> NoReturn:
    """Say why bytes that are not UTF-8 are what they are: UTF-16, cut short, GBK or something else."""
    if order := _utf16_order(raw):
        raise SourceError(shown, 1, f"not UTF-8: looks like UTF-16 ({order}, no byte-order mark); expected UTF-8 text")
    line = raw[: exc.start].count(b"\n") + 1
    shown_line = raw[raw.rfind(b"\n", 0, exc.start) + 1 :].split(b"\n", 1)[0].decode("utf-8", "replace")
    if exc.end == len(raw) and exc.reason == "unexpected end of data":
        message = "the file ends in the middle of a character: truncated? expected complete UTF-8 text"
        raise SourceError(shown, line, message, shown_line) from exc
    bad = raw[exc.start : exc.start + 4].hex(" ")
    gbk = _decodes(raw, "gbk")
    if gbk:  # show the line as it reads in GBK, not as mojibake
        start = raw.rfind(b"\n", 0, exc.start) + 1
        shown_line = raw[start:].split(b"\n", 1)[0].decode("gbk")
    guess = "re-encoded as GBK" if gbk else "another encoding"
    message = f"not UTF-8: the bytes at line {line} ({bad} …) are not UTF-8; expected UTF-8 text ({guess}?)"
    raise SourceError(shown, line, message, shown_line) from exc


def _utf16_order(raw: bytes) -> str | None:
    """'little-endian' or 'big-endian' when the bytes read as UTF-16 text with line breaks where its 0x0A bytes
    are (text in UTF-8 or GBK read as UTF-16 has next to none), else None."""
    breaks = raw.count(b"\n")
    for codec, order in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if breaks and text.count("\n") * 2 >= breaks:
            return order
    return None


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


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
    text = decode(raw, shown)
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
        fix = by_line[missing[0]]
        raise SourceError(
            shown,
            missing[0],
            f"a correction names line {missing[0]}, past the end of the file (it ends at line {len(raw_lines)}): "
            f"truncated? expected the line to read {fix.original[:60]!r}",
        )
    return SourceDocument(
        path=path,
        display_path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        line_count=len(raw_lines),
        lines=tuple(out),
        corrections=tuple(sorted(corrections, key=lambda c: c.line)),
    )
