"""Unit tests of unodc_kg/negotiation.py: the one reader of the Accept header, and the two ways we choose by it
(a resource's variants: api.ld.negotiate; SPARQL result formats: unodc_kg.results.negotiate)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from api.ld.negotiate import HTML, JSON, JSONLD, LD_FORMATS, NTRIPLES, RDFXML, TURTLE, Format, negotiate
from unodc_kg.negotiation import MediaRange, by_preference, choose, parse_accept, specificity
from unodc_kg.results import NotAcceptable
from unodc_kg.results import negotiate as sparql_negotiate

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
API_FORMATS = (JSON, HTML, TURTLE, JSONLD, NTRIPLES, RDFXML)  # as api/mandates.py offers them


@dataclass(frozen=True)
class Offer:
    media: str
    aliases: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------ parse_accept
@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        (None, []),
        ("", []),
        (" , ,", []),
        ("text/turtle", [("text/turtle", 1.0)]),
        ("text/csv;q=0.5, application/json", [("text/csv", 0.5), ("application/json", 1.0)]),
        ("TEXT/Turtle ; Q = 0.25", [("text/turtle", 0.25)]),  # names and types are case-insensitive
        ("text/html;level=1;q=0.3", [("text/html", 0.3)]),  # other parameters are ignored
        ("*; q=.2", [("*/*", 0.2)]),  # the bare * some old clients send
        ("text/*;q=0", [("text/*", 0.0)]),  # kept: q=0 says "not this"
        ("text/turtle;q=2, text/html;q=-1", [("text/turtle", 1.0), ("text/html", 0.0)]),  # held to 0..1
        ("text/turtle;q=abc, text/html;q=", [("text/turtle", 1.0), ("text/html", 1.0)]),  # unreadable: as if absent
        ("turtle, , text", []),  # no media type
    ],
)
def test_parse_accept(header: str | None, ranges: list[tuple[str, float]]) -> None:
    assert [(r.media, r.q) for r in parse_accept(header)] == ranges


def test_parse_accept_browser_header() -> None:
    assert [(r.media, r.q) for r in parse_accept(BROWSER)] == [
        ("text/html", 1.0),
        ("application/xhtml+xml", 1.0),
        ("application/xml", 0.9),
        ("image/avif", 1.0),
        ("image/webp", 1.0),
        ("*/*", 0.8),
    ]


def test_a_q_of_nan_never_chooses() -> None:
    (r,) = parse_accept("text/turtle;q=nan")
    assert math.isnan(r.q)
    assert choose("text/turtle;q=nan", [Offer("text/turtle")]) is None
    assert by_preference("text/turtle;q=nan") == []


def test_media_range_parts() -> None:
    r = MediaRange("application/ld+json", 0.5)
    assert (r.type, r.subtype) == ("application", "ld+json")


# ------------------------------------------------------------------------------------------ choose
def test_specificity_ranks_exact_alias_type_wildcard() -> None:
    offer = Offer("text/html", ("application/xhtml+xml",))
    ranks = [specificity(MediaRange(m), offer) for m in ("text/html", "application/xhtml+xml", "text/*", "*/*")]
    assert ranks == [3, 2, 1, 0]
    assert specificity(MediaRange("image/*"), offer) is None
    assert specificity(MediaRange("*/html"), offer) is None


@pytest.mark.parametrize(
    ("accept", "media"),
    [  # the cases of tests/api/test_linked_data.py::test_accept_preferences, and more
        ("*/*", "text/turtle"),
        ("", "text/turtle"),
        (None, "text/turtle"),
        ("nonsense", "text/turtle"),  # nothing readable: the first variant
        (BROWSER, "text/html"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.5", "application/rdf+xml"),
        ("text/turtle;q=0.1, application/n-triples", "application/n-triples"),
        ("application/json", "application/ld+json"),
        ("application/*", "application/ld+json"),
        ("text/html;q=0, */*;q=0.1", "text/turtle"),
        ("image/png, text/*;q=0.2", "text/turtle"),
        ("application/x-turtle", "text/turtle"),
        ("application/xhtml+xml", "text/html"),
        ("text/*;q=0.9, text/turtle;q=0.1", "text/html"),  # the most specific range decides an offer's q
        ("application/n-triples, application/rdf+xml", "application/n-triples"),  # ties: the earlier offer
        ("image/png", None),
        ("text/turtle;q=0, text/html;q=0", None),
    ],
)
def test_linked_data_variants(accept: str | None, media: str | None) -> None:
    chosen = negotiate(accept, LD_FORMATS)
    assert (chosen.media if chosen else None) == media


def test_mandates_api_variants() -> None:
    """The API answers JSON to anything, HTML to a browser, and plain JSON is JSON there (not JSON-LD)."""

    def media(accept: str) -> str | None:
        f: Format | None = negotiate(accept, API_FORMATS)
        return f.media if f else None

    assert media("*/*") == "application/json"
    assert media(BROWSER) == "text/html"
    assert media("application/json") == "application/json"
    assert media("application/ld+json") == "application/ld+json"
    assert media("image/png") is None


# ------------------------------------------------------------------------------------------ by_preference
def test_by_preference_orders_by_q_then_position() -> None:
    ranges = by_preference("text/csv;q=0.5, application/json, text/html;q=0, text/tab-separated-values;q=0.5")
    assert [r.media for r in ranges] == ["application/json", "text/csv", "text/tab-separated-values"]


# ------------------------------------------------------------------------------------------ SPARQL results
@pytest.mark.parametrize(
    ("form", "accept", "media"),
    [
        ("solutions", "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("solutions", None, "application/sparql-results+json"),
        ("solutions", "  ", "application/sparql-results+json"),
        ("solutions", "*/*", "application/sparql-results+json"),
        ("solutions", "application/*", "application/sparql-results+json"),
        ("solutions", "text/*", "text/csv"),  # the default is not text/: the first text/ format
        ("solutions", "text/*;q=0.9, text/csv;q=0.1", "text/csv"),  # ranges in order of q, each its first format
        ("solutions", "text/csv;q=0, text/*", "text/csv"),
        ("solutions", "application/json", "application/json"),
        ("solutions", "text/tab-separated-values; Q=0.4, text/csv;q=0.5", "text/csv"),
        ("boolean", "application/sparql-results+xml", "application/sparql-results+xml"),
        ("graph", "*/*", "text/turtle"),
        ("graph", "application/*", "application/n-triples"),
        ("graph", "application/rdf+xml;q=0.5, application/ld+json;q=0.6", "application/ld+json"),
        ("graph", "*; q=.2", "text/turtle"),  # a bare * is */*, as on the linked-data pages
        ("graph", "text/turtle;q=abc, text/html;q=0.5", "text/turtle"),  # an unreadable q counts as 1
        ("graph", "application/n-triples;q=2, text/turtle", "application/n-triples"),  # q held to 1: ties by position
    ],
)
def test_sparql_result_formats(form: str, accept: str | None, media: str) -> None:
    assert sparql_negotiate(form, accept, None) == media  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("form", "accept"),
    [
        ("solutions", "image/png"),
        ("solutions", "text/turtle"),
        ("graph", "application/sparql-results+json"),
        ("graph", "text/turtle;q=0"),
        ("graph", "nonsense"),  # a header with no readable range is not "no header"
        ("graph", "image/*"),
    ],
)
def test_sparql_not_acceptable(form: str, accept: str) -> None:
    with pytest.raises(NotAcceptable):
        sparql_negotiate(form, accept, None)  # type: ignore[arg-type]


def test_sparql_format_parameter_wins() -> None:
    assert sparql_negotiate("graph", "text/turtle", "nt") == "application/n-triples"
    assert sparql_negotiate("solutions", "image/png", " CSV ") == "text/csv"
    with pytest.raises(NotAcceptable):
        sparql_negotiate("graph", "*/*", "csv")


def test_both_negotiations_read_the_header_alike() -> None:
    """The same header, read once: q-values, case and the bare * count the same for pages and for SPARQL."""
    accept = "Application/N-Triples; Q=0.3, text/turtle;q=0.2, *;q=0.1"
    page = negotiate(accept, LD_FORMATS)
    assert page is not None and page.media == "application/n-triples"
    assert sparql_negotiate("graph", accept, None) == "application/n-triples"
