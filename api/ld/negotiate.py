"""The variants a resource is answered in, and choosing one: the file extension wins, then the Accept header.

Every answer names its variants in `Link: <…>; rel="alternate"; type="…"` headers and the chosen one in
`Content-Location`, with `Vary: Accept` when the header chose; 406 (JSON) when no variant fits. The Accept
header is read by unodc_kg.negotiation, as the SPARQL endpoint's is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import JSONResponse, Response

from unodc_kg.negotiation import choose


@dataclass(frozen=True)
class Format:
    """A variant we can answer in: file extension, media type, and how to write it."""

    ext: str
    media: str
    name: str
    rdf: ox.RdfFormat | None = None
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return self.media if self.media.endswith("json") else f"{self.media}; charset=utf-8"


TURTLE = Format("ttl", "text/turtle", "Turtle", ox.RdfFormat.TURTLE, ("application/x-turtle",))
HTML = Format("html", "text/html", "HTML", None, ("application/xhtml+xml",))
JSONLD = Format("jsonld", "application/ld+json", "JSON-LD", ox.RdfFormat.JSON_LD)
NTRIPLES = Format("nt", "application/n-triples", "N-Triples", ox.RdfFormat.N_TRIPLES)
RDFXML = Format("rdf", "application/rdf+xml", "RDF/XML", ox.RdfFormat.RDF_XML)
JSON = Format("json", "application/json", "JSON")
# Linked data: Turtle when the client takes anything (*/*), HTML when a browser asks for it; a client
# that asks for plain JSON gets JSON-LD.
LD_FORMATS: tuple[Format, ...] = (TURTLE, HTML, replace(JSONLD, aliases=("application/json",)), NTRIPLES, RDFXML)
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
BY_EXT = {f.ext: f for f in LD_FORMATS}


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the Accept header prefers (its most specific matching range decides its q); ties go to the
    earlier offer; no header, or one we cannot read, takes the first offer; None when nothing fits."""
    return choose(accept, offers)


def not_acceptable(offers: Sequence[Format], accept: str | None) -> JSONResponse:
    return JSONResponse(
        {
            "error": f"none of the variants of this resource fits the Accept header {accept!r}",
            "available": [f.media for f in offers],
            "hint": "ask for one of the available media types, or add a file extension: "
            + ", ".join(f".{f.ext}" for f in offers if f.ext != "json"),
        },
        status_code=406,
        headers={"Vary": "Accept"},
    )


def link_header(urls: Iterable[tuple[str, Format]]) -> str:
    return ", ".join(f'<{u}>; rel="alternate"; type="{f.media}"' for u, f in urls)


def ld_variant(path: str, fmt: Format) -> str:
    """/id/deliverable/2025/sp1/7 -> /id/deliverable/2025/sp1/7.ttl; /ontology/ -> /ontology.ttl."""
    return f"{path.rstrip('/')}.{fmt.ext}"


def split_extension(path: str) -> tuple[str, Format | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in BY_EXT and stem:
        return stem, BY_EXT[ext]
    return path, None


def negotiated(
    request: Request,
    path: str,
    ext: Format | None,
    offers: Sequence[Format],
    render: Callable[[Format], Response],
    variant: Callable[[str, Format], str] = ld_variant,
) -> Response:
    """Choose the variant (extension first, then Accept), render it, and add the Link, Content-Location and
    Vary headers."""
    accept = request.headers.get("accept")
    fmt = ext or negotiate(accept, offers)
    if fmt is None:
        return not_acceptable(offers, accept)
    return with_variant_headers(render(fmt), path, ext, fmt, offers, variant)


def with_variant_headers(
    response: Response,
    path: str,
    ext: Format | None,
    fmt: Format,
    offers: Sequence[Format],
    variant: Callable[[str, Format], str] = ld_variant,
) -> Response:
    """The Link header naming every variant, Content-Location the chosen one, Vary when Accept chose it."""
    response.headers["Link"] = link_header((variant(path, f), f) for f in offers)
    response.headers["Content-Location"] = variant(path, fmt)
    if ext is None:
        response.headers["Vary"] = "Accept"
    return response


def requested_format(param: str | None, offers: Sequence[Format]) -> Format | JSONResponse | None:
    """The variant a `?format=` parameter names (by extension: json, html, ttl, jsonld, nt, rdf), None without one,
    or a 400 (JSON) that lists the variants when it names none of the offers."""
    if param is None:
        return None
    by_ext = {f.ext: f for f in offers}
    fmt = by_ext.get(param.strip().lower())
    if fmt is None:
        return JSONResponse({"error": f"format {param!r} is not one of {', '.join(by_ext)}"}, status_code=400)
    return fmt
