"""Symbols of resolutions and decisions as the sources print them, and the keys they get.

>>> [r.key for r, _, _ in parse_symbol_cell("73/164; 74/164", "ga")]
['ga/73-164', 'ga/74-164']
>>> parse_symbol_cell("第 2011/259 号决定", "ecosoc")[0][0].un_symbol
'E/DEC/2011/259'
>>> parse_symbol_cell("1966/1106(XL)", "ecosoc")[0][0].key
'ecosoc/1966-1106-xl'
>>> [(r.key, m) for r, _, m in parse_symbol_cell("1997/30; ¹ 1999/28", "ecosoc")]
[('ecosoc/1997-30', '¹'), ('ecosoc/1999-28', None)]
"""

from __future__ import annotations

import re

from .records import InstrumentRef

# Digits in every pattern of the extractors are [0-9], not \d: \d also takes full-width (１２) and other
# scripts' digits, which would go into keys and IRIs (ASCII only). A number printed so is not read as one.
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
SUPERSCRIPT_DIGITS = {c: str((i + 1) % 10) for i, c in enumerate(SUPERSCRIPTS)}

# One printed symbol. Order matters: the longer forms first.
_SYMBOL = (
    r"(?:第\s*(?P<dec>[0-9]{1,4}/[0-9]{1,4})\s*号决定"  # decision: 第 2011/259 号决定
    r"|(?P<sc>[0-9]{3,4})\s*\((?P<scyear>[0-9]{4})\)"  # Security Council: 2370 (2017)
    r"|(?P<oldyear>[0-9]{4})/(?P<oldnum>[0-9]{1,4})\s*\((?P<oldsess>[IVXLC]+)\)"  # ECOSOC old style: 1966/1106(XL)
    r"|(?P<ganum>[0-9]{2,4})\s*\((?P<gasess>[IVXLC]+)\)"  # GA old style: 834(IX)
    r"|(?P<ss>S-[0-9]{1,2}/[0-9]{1,3})"  # GA special session: S-20/2
    r"|(?P<plain>[0-9]{1,4}/[0-9]{1,4})(?:\s(?P<part>[A-Z])(?![A-Za-z]))?"  # 73/164, 46/185 C
    r")"
)
SYMBOL_RE = re.compile(_SYMBOL)
_MARKER = rf"[{SUPERSCRIPTS}]"
_GROUP_ITEM = re.compile(rf"\s*(?P<sym>{_SYMBOL})\s*(?P<marker>{_MARKER})?\s*(?P<sep>;|；)?\s*(?P<lead>{_MARKER})?")
# A cell that begins like a symbol group (used to tell symbols from title text).
LOOKS_LIKE_SYMBOL = re.compile(rf"^\s*(?:{_SYMBOL})")

UN_SYMBOL_PREFIX = {"ga": "A/RES/", "ecosoc": "E/RES/", "sc": "S/RES/"}


class SymbolError(ValueError):
    """A symbol cell that does not parse; the message says what was expected."""


def symbol_key(symbol: str) -> str:
    """The key part of a printed symbol: lower case, '/' and brackets turned into '-'.

    >>> symbol_key("S-20/2"), symbol_key("834(IX)"), symbol_key("1946/9 (I)"), symbol_key("46/185 C")
    ('s-20-2', '834-ix', '1946-9-i', '46-185-c')
    """
    s = symbol.strip().lower()
    s = re.sub(r"\s*\(\s*", "-", s).replace(")", "")
    s = s.replace("/", "-")
    return re.sub(r"\s+", "-", s)


def make_ref(match: re.Match[str], organ: str) -> InstrumentRef:
    """Turn one symbol match into an instrument reference of `organ`."""
    g = match.groupdict()
    if g["dec"]:
        num = g["dec"]
        un = f"E/DEC/{num}" if organ == "ecosoc" else None
        year = int(num[:4]) if organ == "ecosoc" and len(num.split("/")[0]) == 4 else None
        return InstrumentRef(f"{organ}/dec-{symbol_key(num)}", "decision", organ, num, un, year)
    if g["sc"]:
        sym = f"{g['sc']} ({g['scyear']})"
        un = f"S/RES/{g['sc']}({g['scyear']})" if organ == "sc" else None
        return InstrumentRef(f"{organ}/{g['sc']}-{g['scyear']}", "resolution", organ, sym, un, int(g["scyear"]))
    if g["oldyear"]:
        printed = match.group(0).strip()
        sym = re.sub(r"\s+", " ", printed)
        un = f"E/RES/{g['oldnum']}({g['oldsess']})" if organ == "ecosoc" else None
        return InstrumentRef(f"{organ}/{symbol_key(sym)}", "resolution", organ, sym, un, int(g["oldyear"]))
    if g["ganum"]:
        sym = f"{g['ganum']}({g['gasess']})"
        un = f"A/RES/{sym}" if organ == "ga" else None
        return InstrumentRef(f"{organ}/{symbol_key(sym)}", "resolution", organ, sym, un)
    if g["ss"]:
        sym = g["ss"]
        un = f"A/RES/{sym}" if organ == "ga" else None
        return InstrumentRef(f"{organ}/{symbol_key(sym)}", "resolution", organ, sym, un)
    num = g["plain"]
    sym = f"{num} {g['part']}" if g["part"] else num
    prefix = UN_SYMBOL_PREFIX.get(organ)
    un = f"{prefix}{num}" if prefix and organ != "sc" else None
    year = int(num[:4]) if organ == "ecosoc" and len(num.split("/")[0]) == 4 else None
    return InstrumentRef(f"{organ}/{symbol_key(sym)}", "resolution", organ, sym, un, year)


def parse_symbol_cell(cell: str, organ: str) -> list[tuple[InstrumentRef, str, str | None]]:
    """Parse a cell of symbols separated by ';', each maybe followed by a footnote marker.

    Returns (instrument, printed symbol, marker) triples. Raises SymbolError when anything
    but symbols, separators and markers is left over, e.g. two symbols separated only by a
    space ("73/144; 74/124 74/20"), which the corrections file must split.
    """
    text = cell.strip()
    pos = 0
    out: list[tuple[InstrumentRef, str, str | None]] = []
    pending_marker: str | None = None
    while pos < len(text):
        m = _GROUP_ITEM.match(text, pos)
        if not m or m.end() == pos:
            raise SymbolError(f"expected a symbol such as 73/164 or 第 2011/259 号决定 at {text[pos:]!r}")
        if out and not _had_separator(text, pos):
            raise SymbolError(f"two symbols are not separated by ';' in {text!r}: the cell probably holds two entries")
        sym_match = SYMBOL_RE.match(m.group("sym"))
        assert sym_match is not None  # the group matched the same pattern
        ref = make_ref(sym_match, organ)
        marker = m.group("marker") or pending_marker
        out.append((ref, m.group("sym").strip(), marker))
        # "1997/30; ¹ 1999/28": a marker after the separator still belongs to the symbol before it.
        if m.group("lead"):
            out[-1] = (out[-1][0], out[-1][1], m.group("lead"))
        pending_marker = None
        pos = m.end()
    if not out:
        raise SymbolError("expected at least one symbol")
    last = out[-1]
    if len(out) > 1 and last[2] and all(m is None for _, _, m in out[:-1]):
        # "2002/13; 2005/22 ⁵": a marker at the end of the cell notes the entry (its shared title), not
        # only the last symbol; "1997/30; ¹ 1999/28" keeps its marker on the symbol it follows.
        out = [(r, s, last[2]) for r, s, _ in out]
    return out


def _had_separator(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" " + SUPERSCRIPTS)
    return before.endswith((";", "；"))


def split_symbol_title(text: str, organ: str) -> tuple[str, str]:
    """Split a row printed without tabs ("78/223 第十四届…") into symbol cell and title.

    The symbol cell is the longest run of symbols, separators and markers at the start.
    """
    pos = 0
    last_end = 0
    while True:
        m = _GROUP_ITEM.match(text, pos)
        if not m or m.end() == pos:
            break
        last_end = m.end()
        pos = m.end()
        if not m.group("sep"):
            break
    if last_end == 0:
        raise SymbolError(f"expected the row to start with a symbol: {text[:40]!r}")
    return text[:last_end].strip(), text[last_end:].strip()


# A symbol inside a title that is not introduced by 第 (as in "第 46/152 号决议") suggests that
# two entries were printed in one cell.
EMBEDDED_SYMBOL = re.compile(r"(?<![第0-9/])\s(?:S-)?[0-9]{1,4}/[0-9]{1,4}(?=\s|;|$)")
