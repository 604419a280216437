"""Citations of instruments in running text, and the Sustainable Development Goals it names.

大会第 45/179、46/152 和 46/185 C 号等决议   -> ga/45-179, ga/46-152, ga/46-185-c
大会 2006 年第 60/288 号决议                  -> ga/60-288
安全理事会第 2482 (2019) 号决议               -> sc/2482-2019
《联合国反腐败公约》                           -> treaty/uncac (names from the reference data)
可持续发展目标 3、4、5、10 和 16              -> SDG 3, 4, 5, 10, 16
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .records import InstrumentRef
from .symbols import SYMBOL_RE, make_ref

_NUMBER = r"(?:[0-9]{3,4}\s*\([0-9]{4}\)|(?:S-)?[0-9]{1,4}/[0-9]{1,4}(?:\s[A-Z](?![A-Za-z]))?)"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:、|和|及|,|，)\s*{_NUMBER})*"


def citation_pattern(organ_names: Mapping[str, str]) -> re.Pattern[str]:
    """Organ name, at most a short phrase (no sentence break, no other 第), 第 numbers 号 (等) 决议/决定."""
    names = "|".join(re.escape(n) for n in sorted(organ_names, key=len, reverse=True))
    return re.compile(
        # "大会关于加强经济及社会理事会的第 68/1 号决议": the organ is the one before 关于…的.
        rf"(?P<organ>{names})(?:关于[^。；第《》]{{0,40}}?的)?(?P<gap>[^。；第《》]{{0,12}}?)"
        rf"第\s*(?P<numbers>{_NUMBERS})\s*号等?(?P<kind>决议|决定)"
    )


def find_citations(
    text: str, organ_names: Mapping[str, str], instrument_names: Mapping[str, str], pattern: re.Pattern[str]
) -> list[tuple[InstrumentRef, str]]:
    """Every instrument the text cites, with the words that cite it, in order of appearance."""
    found: list[tuple[int, InstrumentRef, str]] = []
    for m in pattern.finditer(text):
        organ = organ_names[m.group("organ")]
        for n in SYMBOL_RE.finditer(m.group("numbers")):
            ref = make_ref(n, organ)
            if m.group("kind") == "决定" and ref.kind != "decision":
                ref = InstrumentRef(
                    f"{organ}/dec-{ref.key.split('/', 1)[1]}",
                    "decision",
                    organ,
                    ref.symbol,
                    f"E/DEC/{ref.symbol}" if organ == "ecosoc" else None,
                    ref.year,
                )
            found.append((m.start("numbers") + n.start(), ref, m.group(0)))
    # "1961 年、1971 年和 1988 年《公约》": the years before the last one are short forms too ("1961 年《公约》").
    for m in YEAR_LIST.finditer(text):
        for y in re.finditer(r"[0-9]{4}", m.group("years")):
            key = instrument_names.get(f"{y.group(0)} 年{m.group('title')}")
            if key is not None:
                found.append((m.start() + y.start(), InstrumentRef(key, "convention", None, None, None), m.group(0)))
    taken: list[tuple[int, int]] = []
    # Longest titles first, so that a title inside a longer one is not cited twice.
    for name, key in sorted(instrument_names.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if not ("《" in name and name.endswith("》")):
            continue  # only bracketed titles (maybe with their year) are unambiguous in running text
        for m in re.finditer(re.escape(name), text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if text.startswith(("缔约国会议", "缔约方会议"), m.end()):
                continue  # "《公约》缔约国会议" names the Conference, not the Convention
            taken.append((m.start(), m.end()))
            found.append((m.start(), InstrumentRef(key, "convention", None, None, None), name))
    found.sort(key=lambda t: (t[0], t[1].key))
    return [(ref, quote) for _, ref, quote in found]


YEAR_LIST = re.compile(r"(?P<years>(?:[0-9]{4}\s*年\s*(?:、|和|及)\s*)+)[0-9]{4}\s*年\s*(?P<title>《公约》)")


SDG = re.compile(
    r"(?:可持续发展目标(?:[^。；]{0,60}?目标)?|实现目标)\s*"
    r"(?P<goals>[0-9]{1,2}(?![0-9])(?:\s*(?:、|和)\s*[0-9]{1,2}(?![0-9]))*)(?!\s*[年个%％])"
)


def find_sdgs(text: str) -> list[int]:
    """The goal numbers of every 可持续发展目标 n、m 和 k the text names, in order, once each."""
    out: list[int] = []
    for m in SDG.finditer(text):
        for g in re.findall(r"[0-9]{1,2}", m.group("goals")):
            n = int(g)
            if 1 <= n <= 17 and n not in out:
                out.append(n)
    return out
