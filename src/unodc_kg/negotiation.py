"""Content negotiation: the one reader of the HTTP Accept header, and the two ways we choose by it.

Pure (no web framework, no store): media types in, media types out.

- `parse_accept` reads the header (RFC 9110 §12.5.1): media ranges with their q-values, wildcards.
- `choose` picks one of a resource's variants: each variant takes the q of the most specific range that
  names it (its own media type, then one of its aliases, then type/*, then */*); the highest q wins, ties go
  to the earlier variant. The linked-data pages and the mandates API choose this way (api.ld.negotiate).
- `by_preference` lists the ranges a client takes (q > 0), most wanted first; the SPARQL endpoint walks that
  list against the result formats it can write (unodc_kg.results.negotiate).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

WILDCARD = "*/*"


@dataclass(frozen=True)
class MediaRange:
    """One range of an Accept header: `type/subtype`, `type/*` or `*/*` (lower case), and its q-value."""

    media: str
    q: float = 1.0

    @property
    def type(self) -> str:
        return self.media.partition("/")[0]

    @property
    def subtype(self) -> str:
        return self.media.partition("/")[2]


def _qvalue(text: str) -> float:
    """A q-value, held to 0..1; one we cannot read counts as 1, as if it were not there."""
    try:
        return min(max(float(text.strip()), 0.0), 1.0)
    except ValueError:
        return 1.0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header, in the order given.

    Parameter names are read case-insensitively; a bare `*` (sent by some old clients) means */*; parts with
    no media type are skipped.

    >>> [(r.media, r.q) for r in parse_accept("text/html,application/xml;q=0.9,*/*;q=0.8")]
    [('text/html', 1.0), ('application/xml', 0.9), ('*/*', 0.8)]
    >>> [(r.media, r.q) for r in parse_accept("Text/Turtle; Q=0.5, *; q=.2, nonsense")]
    [('text/turtle', 0.5), ('*/*', 0.2)]
    """
    out: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = WILDCARD
        if "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                q = _qvalue(value)
        out.append(MediaRange(media, q))
    return out


class Variant(Protocol):
    """A variant a resource can be answered in: its media type and the other types that ask for it."""

    @property
    def media(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


V = TypeVar("V", bound=Variant)


def specificity(media_range: MediaRange, variant: Variant) -> int | None:
    """How closely a range names a variant: 3 its media type, 2 an alias, 1 type/*, 0 */*; None: not at all."""
    if media_range.media == variant.media:
        return 3
    if media_range.media in variant.aliases:
        return 2
    if media_range.subtype == "*" and media_range.type != "*" and variant.media.startswith(media_range.type + "/"):
        return 1
    if media_range.media == WILDCARD:
        return 0
    return None


def quality(ranges: Sequence[MediaRange], variant: Variant) -> float:
    """The q a client gives a variant: that of the most specific range naming it (the first such range); 0 if none."""
    q, rank = 0.0, -1
    for r in ranges:
        s = specificity(r, variant)
        if s is not None and s > rank:
            rank, q = s, r.q
    return q


def choose(accept: str | None, variants: Sequence[V]) -> V | None:
    """The variant the Accept header prefers; ties go to the earlier variant; no header, or one with no media
    range we can read, takes the first variant; None when nothing fits.

    >>> from types import SimpleNamespace as V
    >>> turtle, html = V(media="text/turtle", aliases=()), V(media="text/html", aliases=("application/xhtml+xml",))
    >>> choose("text/html;q=0, */*;q=0.1", [turtle, html]) is turtle, choose(None, [html, turtle]) is html
    (True, True)
    >>> choose("image/png", [turtle, html]) is None
    True
    """
    ranges = parse_accept(accept)
    if not ranges:
        return variants[0]
    best: V | None = None
    best_q = 0.0
    for variant in variants:
        q = quality(ranges, variant)
        if q > best_q:
            best, best_q = variant, q
    return best


def by_preference(accept: str | None) -> list[MediaRange]:
    """The ranges a client takes (q > 0), highest q first, ties in the order given.

    >>> [r.media for r in by_preference("text/csv;q=0.5, application/json, text/html;q=0")]
    ['application/json', 'text/csv']
    """
    return sorted((r for r in parse_accept(accept) if r.q > 0), key=lambda r: -r.q)
