"""The strategy 2008-2011 and its crosswalk to 2025 (contract.md; docs/model.md, "The crosswalk"): routes only.

    GET /api/strategy/2008-2011/{number}                   a theme, result area or result, with its successors
                                                           and the instruments its text cites
    GET /api/scopes/{edition}/{scope}/predecessors         the inverse: the work of 2008-2011 a scope carries on

Both answer JSON (the default), HTML for a browser, or the RDF subgraph that justifies the answer (Turtle,
JSON-LD, N-Triples, RDF/XML) by `Accept` (with `Vary: Accept`) or `?format=json|html|ttl|jsonld|nt|rdf` (which
wins), as the mandates API does. The questions are unodc_kg.crosswalk_query's, the same the command line asks
(`unodc-kg strategy 3.2`, `unodc-kg predecessors 2025/sp3`); an unknown number or scope is a 404 whose JSON error
says what keys look like.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from unodc_kg.browse import Browse
from unodc_kg.crosswalk_query import STRATEGY, Crosswalk
from unodc_kg.iris import SCOPE_PART, STRATEGY_NUMBER, Iris
from unodc_kg.store import Store

from .deps import get_iris, get_store
from .ld.context import Context, get_context
from .ld.crosswalk import element_view, predecessors_view, scope_index, scope_view
from .ld.negotiate import HTML, JSON, JSONLD, NTRIPLES, RDFXML, TURTLE, Format, negotiated, requested_format
from .ld.serialize import rdf_response
from .mandates import EDITION_PART, Error, Text, format_param, key_part

router = APIRouter(prefix="/api", tags=["strategy"])

API_FORMATS: tuple[Format, ...] = (JSON, HTML, TURTLE, JSONLD, NTRIPLES, RDFXML)


# ---------------------------------------------------------------------------------------------- documentation
class Source(BaseModel):
    document: str = Field(examples=["e-cn7-2007-14"])
    paragraph: str | None = Field(description="the paragraph the element was read from, e.g. e-cn7-2007-14/3.2.1")
    line: int | None
    last_line: int | None


class Successor(BaseModel):
    scope: str = Field(examples=["2025/sp3"])
    justification: str | None = Field(description="both quotations with their lines, then a curated note")
    confidence: str | None = Field(examples=["high"], description="high, medium or low")
    from_: str | None = Field(None, alias="from", description="the element the link is on, e.g. 2008-2011/3.2")


class Cited(BaseModel):
    key: str | None = Field(examples=["treaty/uncac"])
    iri: str
    symbol: str | None
    un_symbol: str | None = None
    organ: str | None
    title: Text
    quotation: str | None = Field(description="the words of the citation, as printed (Chinese)")
    paragraph: str | None = Field(description="the citing paragraph, e.g. e-cn7-2007-14/3.2.1")
    line: int | None
    from_: str | None = Field(None, alias="from", description="the element whose text cites it")


class StrategyElement(BaseModel):
    """A theme, result area or result of the strategy 2008-2011, and the 2025 scopes that carry its work on."""

    key: str = Field(examples=["2008-2011/3.2"])
    iri: str
    kind: str = Field(description="theme, result-area or result")
    number: str
    title: Text
    text: Text
    source: Source
    successors: list[Successor] = Field(
        description="the curated crosswalk's links on the element and on the elements under it (else above it)"
    )
    cited: list[Cited] = Field(description="the instruments cited in its text or in the text of the elements under it")
    reason: str | None = Field(None, description="why there is no successor (only when `successors` is empty)")


class Predecessor(BaseModel):
    strategy: str = Field(examples=["2008-2011/3.2"])
    iri: str | None
    kind: str
    title: Text
    justification: str | None
    confidence: str | None


class ScopeRef(BaseModel):
    key: str = Field(examples=["2025/sp3"])
    iri: str
    label: Text


class ScopePredecessors(BaseModel):
    """The work of the strategy 2008-2011 that a 2025 scope carries on, by the curated crosswalk."""

    scope: ScopeRef
    predecessors: list[Predecessor]


def _variants(model: type[BaseModel], what: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "model": model,
            "description": f"{what} (JSON); HTML for a browser; the justifying subgraph as RDF",
            "content": {f.media: {} for f in API_FORMATS if f is not JSON},
        },
        400: {"model": Error, "description": "an unknown `format`"},
        404: {"model": Error, "description": "an unknown key: the error says what keys look like"},
        406: {"model": Error, "description": "no variant fits the Accept header"},
    }


# ---------------------------------------------------------------------------------------------- helpers
def get_crosswalk(store: Store = Depends(get_store), iris: Iris = Depends(get_iris)) -> Crosswalk:
    return Crosswalk(store, iris)


def api_variant(path: str, fmt: Format) -> str:
    return f"{path}?format={fmt.ext}"


def formats_view(path: str) -> list[dict[str, str]]:
    return [{"name": f.name, "href": api_variant(path, f), "media": f.media} for f in API_FORMATS if f is not HTML]


# ---------------------------------------------------------------------------------------------- routes
@router.get(
    "/strategy/2008-2011/{number}",
    summary="A theme, result area or result of 2008-2011, and its successors",
    description="The element (key, IRI, title, text, source), the 2025 scopes that carry its work on by the curated "
    "crosswalk (`successors`, each with `from`, the element the link is on) and the instruments cited in its text "
    "or the text of the elements under it (`cited`). E.g. /api/strategy/2008-2011/3.2, /api/strategy/2008-2011/1.",
    response_model=None,
    responses=_variants(StrategyElement, "the element and its successors"),
)
def strategy_element(
    request: Request,
    number: str = key_part(STRATEGY_NUMBER, "a theme (1), result area (3.2) or result (3.2.1)", "3.2"),
    format: str | None = format_param(),
    crosswalk: Crosswalk = Depends(get_crosswalk),
    ctx: Context = Depends(get_context),
) -> Response:
    crosswalk.element_node(number)  # the key first: a 404 that says what keys look like
    ext = requested_format(format, API_FORMATS)
    if isinstance(ext, JSONResponse):
        return ext
    key = f"{STRATEGY}/{number}"
    path = f"/api/strategy/{key}"

    def render(fmt: Format) -> Response:
        names = ctx.names()
        if fmt.rdf is not None:
            note = (
                f"The statements that justify the answer of GET {path}: {key}, the crosswalk links that carry its "
                "work on (curated reference data), the scopes they lead to, and the instruments its text cites."
            )
            return rdf_response(crosswalk.element_graph(number), fmt, names, note)
        doc = crosswalk.element(number)
        if fmt is JSON:
            return JSONResponse(doc)
        view = element_view(crosswalk, scope_index(Browse(ctx.store, ctx.iris)), doc)
        return ctx.page("ld/strategy_element.html", {"e": view, "formats": formats_view(path), "api": path})

    return negotiated(request, path, ext, API_FORMATS, render, variant=api_variant)


@router.get(
    "/scopes/{edition}/{scope}/predecessors",
    summary="The work of 2008-2011 a scope carries on",
    description="The themes, result areas and results of the strategy 2008-2011 the curated crosswalk links to the "
    "scope, with the justification and confidence of each link. E.g. /api/scopes/2025/sp3/predecessors.",
    response_model=None,
    responses=_variants(ScopePredecessors, "the scope and its predecessors"),
)
def scope_predecessors(
    request: Request,
    edition: str = EDITION_PART,
    scope: str = key_part(SCOPE_PART, "the subprogramme or component (or programme)", "sp3"),
    format: str | None = format_param(),
    crosswalk: Crosswalk = Depends(get_crosswalk),
    ctx: Context = Depends(get_context),
) -> Response:
    crosswalk.scope_node(edition, scope)
    ext = requested_format(format, API_FORMATS)
    if isinstance(ext, JSONResponse):
        return ext
    key = f"{edition}/{scope}"
    path = f"/api/scopes/{key}/predecessors"

    def render(fmt: Format) -> Response:
        names = ctx.names()
        if fmt.rdf is not None:
            note = (
                f"The statements that justify the answer of GET {path}: the crosswalk links (curated reference "
                f"data) from the strategy 2008-2011 to {key}, and the elements they are from."
            )
            return rdf_response(crosswalk.predecessors_graph(edition, scope), fmt, names, note)
        doc = crosswalk.predecessors(edition, scope)
        if fmt is JSON:
            return JSONResponse(doc)
        view = predecessors_view(doc)
        return ctx.page(
            "ld/scope_predecessors.html",
            {
                "p": view,
                "scope": scope_view(scope_index(Browse(ctx.store, ctx.iris)), key),
                "formats": formats_view(path),
                "api": path,
            },
        )

    return negotiated(request, path, ext, API_FORMATS, render, variant=api_variant)
