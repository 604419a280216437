"""The mandates API of contract.md: /api/deliverables…, /api/instruments…, /api/search.

    GET /api/deliverables?scope=2025/sp1                   a scope's deliverables in table order
    GET /api/deliverables/{edition}/{scope}/{item}         one deliverable, its figures and its source
    GET /api/deliverables/{edition}/{scope}/{item}/mandates   which instruments mandate it, and why
    GET /api/instruments/{organ}/{id}                      one instrument (key e.g. ga/75-194, treaty/untoc)
    GET /api/instruments/{organ}/{id}/deliverables         what it mandates, and why (the inverse)
    GET /api/search?q=贩运人口                              instruments, deliverables, results, scopes by symbol/title

The two questions answer JSON (the default), HTML for a browser, or the RDF subgraph that justifies the
answer (Turtle, JSON-LD, N-Triples, RDF/XML) by `Accept` (with `Vary: Accept`) or `?format=json|html|ttl|
jsonld|nt|rdf` (which wins). Keys are checked against the contract's patterns before anything else; an
unknown key is a 404 whose JSON error says what keys look like. The JSON is unodc_kg.query's, the same the
command line prints.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from unodc_kg.iris import (
    DELIVERABLE_SCOPE_PART,
    EDITION,
    INSTRUMENT_ID,
    INSTRUMENT_ORGAN,
    ITEM,
    KEY_PATTERNS,
    undocs,
)
from unodc_kg.query import SCOPE_HELP, SEARCH_LIMIT, SEARCH_MAX_LENGTH, Mandates

from .answers import AnswerCache, get_answers, kept, kept_answer
from .deps import get_iris, get_mandates, get_settings, get_store, get_templates
from .ld.context import Context, get_context
from .ld.names import Names
from .ld.negotiate import HTML, JSON, JSONLD, NTRIPLES, RDFXML, TURTLE, Format, negotiated
from .ld.serialize import rdf_response

router = APIRouter(prefix="/api", tags=["mandates"])

# JSON when the client takes anything; HTML when a browser asks for it; RDF when asked for.
API_FORMATS: tuple[Format, ...] = (JSON, HTML, TURTLE, JSONLD, NTRIPLES, RDFXML)
BY_PARAM = {f.ext: f for f in API_FORMATS}
FORMAT_DOC = (
    "The variant, which wins over `Accept`: json (the default), html, ttl (Turtle), jsonld (JSON-LD), "
    "nt (N-Triples) or rdf (RDF/XML). The RDF variants are the subgraph that justifies the answer."
)


# ---------------------------------------------------------------------------------------------- documentation
class Text(BaseModel):
    """A text in Chinese (as printed) and, where an official one exists, in English."""

    zh: str | None = None
    en: str | None = None


class TopicMatch(BaseModel):
    """The words of a topic's rule found on each side (topic bases)."""

    deliverable: list[str]
    instrument: list[str]


class SharedTopic(BaseModel):
    """A topic (id:scheme/topics) the instrument and the deliverable share (topic bases)."""

    key: str = Field(examples=["firearms"])
    iri: str
    label: Text
    matched: TopicMatch


class Basis(BaseModel):
    """Why an instrument mandates a deliverable."""

    kind: Literal["scope-list", "programme-list", "cited", "topic"] = Field(
        description="scope-list: listed among the mandates of the deliverable's own subprogramme or component; "
        "programme-list: listed for the whole programme; cited: cited in the text of the deliverable's subprogramme; "
        "topic: shares a topic with the deliverable (ranks the answer: these instruments come first)"
    )
    paragraph: str | None = Field(None, description="key of the paragraph, e.g. a-79-6-sect16/16.9")
    line: int = Field(description="line of the project's copy of the source")
    heading: Text | None = Field(None, description="the list's heading as printed (lists)")
    list_: str | None = Field(None, alias="list", description="mandate-list key, e.g. 2025/sp1/ga (lists)")
    title: Text | None = Field(None, description="the title printed beside the symbol (lists)")
    quotation: Text | None = Field(None, description="the words of the citation (cited)")
    topics: list[SharedTopic] | None = Field(None, description="the shared topics and the words that matched (topic)")


class Instrument(BaseModel):
    key: str = Field(examples=["cop-untoc/10-2"])
    iri: str
    symbol: str | None = Field(description="as printed, e.g. 10/2, 73/164, S-20/2")
    un_symbol: str | None = Field(description="the UN document symbol (A/RES/73/164), null where there is none")
    organ: str | None = Field(description="organ key; null for treaties")
    kind: str | None = Field(description="resolution, decision, convention, protocol, declaration or statement")
    title: Text


class Mandate(Instrument):
    basis: list[Basis]


class Quantity(BaseModel):
    year: int
    status: Literal["planned", "actual"]
    value: int
    dash: bool | None = Field(None, description="true where the source prints a dash (value 0)")


class SourceRef(BaseModel):
    paragraph: str | None
    table: str | None
    line: int


class Deliverable(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "key": "2025/sp1/1",
                    "iri": "https://w3id.org/unodc-kg/id/deliverable/2025/sp1/1",
                    "scope": "2025/sp1",
                    "table": "16.4",
                    "category": "A",
                    "subcategory": {"zh": "议事机构文件", "en": "Parliamentary documentation"},
                    "title": {"zh": "打击跨国组织犯罪公约及其各项议定书缔约方会议及各工作组文件"},
                    "unit": "documents",
                    "quantities": [
                        {"year": 2023, "status": "planned", "value": 34},
                        {"year": 2023, "status": "actual", "value": 21},
                        {"year": 2024, "status": "planned", "value": 32},
                        {"year": 2025, "status": "planned", "value": 32},
                    ],
                    "source": {"paragraph": "a-79-6-sect16/16.26", "table": "16.4", "line": 631},
                    "item": 1,
                }
            ]
        }
    )
    key: str
    iri: str
    scope: str
    table: str | None
    category: str | None
    subcategory: Text
    title: Text
    unit: str | None
    quantities: list[Quantity] = Field(description="empty for a narrative deliverable, which carries its text")
    source: SourceRef
    item: int | None = None
    group: Text | None = None
    text: Text | None = None


class ScopeDeliverables(BaseModel):
    scope: str
    iri: str
    table: str | None
    deliverables: list[Deliverable]


class MandatesAnswer(BaseModel):
    """Which instruments mandate this deliverable, and why."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "deliverable": {"key": "2025/sp1/7", "iri": "…", "title": {"zh": "防止和打击贩运枪支和有关犯罪"}},
                    "mandates": [
                        {
                            "key": "cop-untoc/10-2",
                            "iri": "https://w3id.org/unodc-kg/id/instrument/cop-untoc/10-2",
                            "symbol": "10/2",
                            "un_symbol": None,
                            "organ": "cop-untoc",
                            "kind": "resolution",
                            "title": {"zh": "加强国际合作打击非法制造和贩运枪支及其零部件和弹药"},
                            "basis": [
                                {
                                    "kind": "scope-list",
                                    "paragraph": "a-79-6-sect16/16.9",
                                    "heading": {"zh": "联合国打击跨国有组织犯罪公约缔约方会议决议"},
                                    "list": "2025/sp1/cop-untoc",
                                    "line": 221,
                                    "title": {"zh": "加强国际合作打击非法制造和贩运枪支及其零部件和弹药"},
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )
    deliverable: Deliverable
    mandates: list[Mandate]


class MandatedDeliverable(BaseModel):
    key: str = Field(examples=["2025/sp1/1"])
    iri: str
    title: Text
    scope: str
    basis: list[Basis]


class InstrumentDeliverables(BaseModel):
    """What this instrument mandates, and why: the inverse of the mandates question, in the same shape."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "instrument": {
                        "key": "ga/64-293",
                        "iri": "https://w3id.org/unodc-kg/id/instrument/ga/64-293",
                        "symbol": "64/293",
                        "un_symbol": "A/RES/64/293",
                        "organ": "ga",
                        "kind": "resolution",
                        "title": {"zh": "联合国打击贩运人口的全球行动计划"},
                    },
                    "deliverables": [
                        {
                            "key": "2025/sp1/1",
                            "iri": "https://w3id.org/unodc-kg/id/deliverable/2025/sp1/1",
                            "title": {"zh": "打击跨国组织犯罪公约及其各项议定书缔约方会议及各工作组文件"},
                            "scope": "2025/sp1",
                            "basis": [
                                {
                                    "kind": "scope-list",
                                    "paragraph": "a-79-6-sect16/16.9",
                                    "heading": {"zh": "大会决议"},
                                    "list": "2025/sp1/ga",
                                    "line": 188,
                                    "title": {"zh": "联合国打击贩运人口的全球行动计划"},
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )
    instrument: Instrument
    deliverables: list[MandatedDeliverable]


class Match(BaseModel):
    field: Literal["symbol", "un_symbol", "key", "title"]
    text: str
    lang: str | None = None


class SearchResult(BaseModel):
    type: Literal["instrument", "deliverable", "result", "scope"]
    key: str
    iri: str
    title: Text | None = None
    symbol: str | None = None
    un_symbol: str | None = None
    organ: str | None = None
    kind: str | None = None
    scope: str | None = None
    match: Match
    page: str = Field(description="the entity's page on this server")
    api: str | None = Field(None, description="the mandates question about it (instruments and deliverables)")


class SearchAnswer(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "75/158",
                    "total": 1,
                    "limit": SEARCH_LIMIT,
                    "truncated": False,
                    "results": [
                        {
                            "type": "instrument",
                            "key": "ga/75-158",
                            "iri": "https://w3id.org/unodc-kg/id/instrument/ga/75-158",
                            "symbol": "75/158",
                            "un_symbol": "A/RES/75/158",
                            "organ": "ga",
                            "kind": "resolution",
                            "title": {"zh": "…"},
                            "match": {"field": "symbol", "text": "75/158"},
                            "page": "/id/instrument/ga/75-158",
                            "api": "/api/instruments/ga/75-158/deliverables",
                        }
                    ],
                }
            ]
        }
    )
    query: str
    total: int = Field(description="every match; at most `limit` are in results")
    limit: int
    truncated: bool
    results: list[SearchResult]


class Error(BaseModel):
    """Every error answer of the server: what went wrong, and what keys or values look like."""

    error: str = Field(examples=["no deliverable '2025/sp1/99' in the graph: deliverable keys look like 2025/sp1/7 …"])
    iri: str | None = Field(None, description="the IRI that was asked for (linked data)")
    available: list[str] | None = Field(None, description="the media types on offer (406)")
    hint: str | None = Field(None, description="how to ask instead (406)")


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


def key_part(pattern: str, description: str, example: str) -> Any:
    """A path segment of a key, its contract pattern documented but not enforced by FastAPI: a key that does not
    match is an unknown key, a 404 whose JSON error says what keys look like (contract.md)."""
    return Path(description=description, examples=[example], json_schema_extra={"pattern": f"^(?:{pattern})$"})


def format_param() -> Any:
    """`?format=`, its values documented; an unknown one is a 400 that lists them."""
    return Query(None, description=FORMAT_DOC, json_schema_extra={"enum": list(BY_PARAM)})


EDITION_PART = key_part(EDITION, "the budget year of the proposed programme budget", "2025")
DELIVERABLE_SCOPE = key_part(DELIVERABLE_SCOPE_PART, "the subprogramme or component (or programme)", "sp1")
ITEM_PART = key_part(ITEM, "the item number printed in the table, or {category letter}-{ordinal}", "7")
ORGAN_PART = key_part(INSTRUMENT_ORGAN, "the organ's key, or treaty", "ga")
IDENT_PART = key_part(INSTRUMENT_ID, "the symbol in lower case with '/' and spaces as '-'", "75-194")


# ---------------------------------------------------------------------------------------------- helpers
def api_variant(path: str, fmt: Format) -> str:
    return f"{path}?format={fmt.ext}"


def bad_request(message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=400)


def _format(param: str | None) -> Format | JSONResponse | None:
    if param is None:
        return None
    fmt = BY_PARAM.get(param.strip().lower())
    if fmt is None:
        return bad_request(f"format {param!r} is not one of {', '.join(BY_PARAM)}")
    return fmt


def _scope_labels(ctx: Context, names: Names, scopes: set[str]) -> dict[str, dict[str, str | None]]:
    iris = {s: str(ctx.iris.id("scope", s)) for s in scopes}
    names.fetch([ctx.store], iris.values())
    out: dict[str, dict[str, str | None]] = {}
    for s, i in iris.items():
        zh, en = names.labels(i, "zh"), names.labels(i, "en")
        out[s] = {"zh": zh[0] if zh else None, "en": en[0] if en else None}
    return out


def _undocs(un_symbol: str | None) -> str | None:
    return str(undocs(un_symbol)) if un_symbol else None


def _basis_counts(items: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for m in items:
        for kind in {b["kind"] for b in m["basis"]}:
            counts[kind] += 1
    return dict(counts)


def _kept(request: Request, path: str, format: str | None) -> Response | None:
    """The answer as kept from an earlier request (api/answers.py), answered on the event loop: no thread, no
    query. None sends the request down the full route (key check, negotiation, rendering)."""
    ext = _format(format)
    if isinstance(ext, JSONResponse):
        return None
    return kept_answer(request, get_answers(request), path, ext, API_FORMATS, api_variant)


def _services(request: Request) -> tuple[Mandates, Context, AnswerCache]:
    """What the full route needs, from the app's state (the route runs in a worker thread)."""
    ctx = get_context(request, get_store(request), get_settings(request), get_iris(request), get_templates(request))
    return get_mandates(request), ctx, get_answers(request)


# ---------------------------------------------------------------------------------------------- routes
@router.get(
    "/deliverables",
    summary="A scope's deliverables in table order",
    response_model=None,
    responses={200: {"model": ScopeDeliverables}, 400: {"model": Error}, 404: {"model": Error}},
)
def deliverables(
    scope: str | None = Query(
        None,
        description=SCOPE_HELP,
        examples=["2025/sp1"],
        json_schema_extra={"pattern": f"^(?:{KEY_PATTERNS['scope']})$"},
    ),
    svc: Mandates = Depends(get_mandates),
) -> dict[str, Any] | JSONResponse:
    if not scope:
        return bad_request(f"give a scope: /api/deliverables?scope=2025/sp1 ({SCOPE_HELP})")
    return svc.deliverables(scope)


@router.get(
    "/deliverables/{edition}/{scope}/{item}",
    summary="One deliverable with its figures and its source",
    response_model=None,
    responses={200: {"model": Deliverable}, 404: {"model": Error}},
)
def deliverable(
    edition: str = EDITION_PART,
    scope: str = DELIVERABLE_SCOPE,
    item: str = ITEM_PART,
    svc: Mandates = Depends(get_mandates),
) -> dict[str, Any]:
    return svc.deliverable(f"{edition}/{scope}/{item}")


@router.get(
    "/deliverables/{edition}/{scope}/{item}/mandates",
    summary="Which instruments mandate this deliverable, and why",
    description="Every instrument listed among the legislative mandates of the deliverable's own subprogramme "
    "or component (`scope-list`), of the whole programme (`programme-list`), or cited in the text of its "
    "subprogramme (`cited`), with the paragraph and line of each reason. E.g. /api/deliverables/2025/sp1/7/mandates.",
    response_model=None,
    responses=_variants(MandatesAnswer, "the instruments with their basis"),
)
async def mandates(
    request: Request,
    edition: str = EDITION_PART,
    scope: str = DELIVERABLE_SCOPE,
    item: str = ITEM_PART,
    format: str | None = format_param(),
) -> Response:
    key = f"{edition}/{scope}/{item}"
    path = f"/api/deliverables/{key}/mandates"
    kept_now = _kept(request, path, format)
    return kept_now if kept_now is not None else await run_in_threadpool(_mandates, request, key, path, format)


def _mandates(request: Request, key: str, path: str, format: str | None) -> Response:
    svc, ctx, answers = _services(request)
    svc.deliverable_node(key)  # the key first: a 404 that says what keys look like
    ext = _format(format)
    if isinstance(ext, JSONResponse):
        return ext

    def render(fmt: Format) -> Response:
        names = Names(ctx.iris)
        if fmt.rdf is not None:
            note = f"The statements that justify the answer of GET {path}: which instruments mandate {key}, and why."
            return rdf_response(svc.mandates_graph(key), fmt, names, note)
        doc = svc.mandates(key)
        if fmt is JSON:
            return JSONResponse(doc)
        d = doc["deliverable"]
        for m in doc["mandates"]:
            m["undocs"] = _undocs(m["un_symbol"])
        return ctx.page(
            "ld/mandates.html",
            {
                "doc": doc,
                "d": d,
                "scope_label": _scope_labels(ctx, names, {d["scope"]})[d["scope"]],
                "counts": _basis_counts(doc["mandates"]),
                "formats": [{"name": f.name, "href": api_variant(path, f), "media": f.media} for f in API_FORMATS],
                "page": f"/id/deliverable/{key}",
            },
        )

    return negotiated(request, path, ext, API_FORMATS, kept(request, answers, path, render), variant=api_variant)


@router.get(
    "/instruments/{organ}/{ident}",
    summary="One legal instrument",
    description="The instrument as the mandate entries give it. Keys: ga/75-194, ecosoc/dec-2011-259, "
    "sc/2370-2017, cnd/58-10, cosp-uncac/dec-10-2, treaty/untoc, cnd/political-declaration-2009.",
    response_model=None,
    responses={200: {"model": Instrument}, 404: {"model": Error}},
)
def instrument(
    organ: str = ORGAN_PART, ident: str = IDENT_PART, svc: Mandates = Depends(get_mandates)
) -> dict[str, Any]:
    return svc.instrument(f"{organ}/{ident}")


@router.get(
    "/instruments/{organ}/{ident}/deliverables",
    summary="What does this instrument mandate? The deliverables, and why",
    description="The inverse of the mandates question, in the same shape: every deliverable whose answer names "
    "this instrument, with the same basis. E.g. /api/instruments/ga/75-194/deliverables, "
    "/api/instruments/cosp-uncac/dec-10-2/deliverables, /api/instruments/treaty/untoc/deliverables.",
    response_model=None,
    responses=_variants(InstrumentDeliverables, "the deliverables with their basis"),
)
async def instrument_deliverables(
    request: Request,
    organ: str = ORGAN_PART,
    ident: str = IDENT_PART,
    format: str | None = format_param(),
) -> Response:
    key = f"{organ}/{ident}"
    path = f"/api/instruments/{key}/deliverables"
    kept_now = _kept(request, path, format)
    if kept_now is not None:
        return kept_now
    return await run_in_threadpool(_instrument_deliverables, request, key, path, format)


def _instrument_deliverables(request: Request, key: str, path: str, format: str | None) -> Response:
    svc, ctx, answers = _services(request)
    svc.instrument_node(key)
    ext = _format(format)
    if isinstance(ext, JSONResponse):
        return ext

    def render(fmt: Format) -> Response:
        names = Names(ctx.iris)
        if fmt.rdf is not None:
            note = f"The statements that justify the answer of GET {path}: what {key} mandates, and why."
            return rdf_response(svc.instrument_deliverables_graph(key), fmt, names, note)
        doc = svc.instrument_deliverables(key)
        if fmt is JSON:
            return JSONResponse(doc)
        scopes: dict[str, list[dict[str, Any]]] = {}
        for d in doc["deliverables"]:
            scopes.setdefault(d["scope"], []).append(d)
        labels = _scope_labels(ctx, names, set(scopes))
        return ctx.page(
            "ld/instrument_deliverables.html",
            {
                "doc": doc,
                "i": doc["instrument"],
                "undocs": _undocs(doc["instrument"]["un_symbol"]),
                "scopes": [{"key": s, "label": labels[s], "deliverables": ds} for s, ds in scopes.items()],
                "counts": _basis_counts(doc["deliverables"]),
                "formats": [{"name": f.name, "href": api_variant(path, f), "media": f.media} for f in API_FORMATS],
                "page": f"/id/instrument/{key}",
            },
        )

    return negotiated(request, path, ext, API_FORMATS, kept(request, answers, path, render), variant=api_variant)


@router.get(
    "/search",
    summary="Search instruments, deliverables, results and scopes by symbol or title (Chinese or English)",
    description="Finds `75/158` and `A/RES/75/158` (symbols), `ga/75-158` (keys), `贩运人口` (Chinese titles) and "
    "`trafficking` (official English titles, where the graph has them). Ranked: an exact symbol or key first, "
    f"then an exact title, symbols that contain the text, titles that contain it. At most {SEARCH_LIMIT} results; "
    "`total` counts them all.",
    response_model=None,
    responses={200: {"model": SearchAnswer}, 400: {"model": Error, "description": "q missing, empty or too long"}},
)
def search(
    q: str | None = Query(
        None, description=f"a symbol or words of a title, 1 to {SEARCH_MAX_LENGTH} characters", examples=["贩运人口"]
    ),
    svc: Mandates = Depends(get_mandates),
) -> Response:
    if q is None or not q.strip():
        return bad_request("give a search text: /api/search?q=75/158 (a symbol) or /api/search?q=贩运人口 (a title)")
    if len(q) > SEARCH_MAX_LENGTH:
        return bad_request(f"the search text has {len(q)} characters; at most {SEARCH_MAX_LENGTH} are allowed")
    doc = svc.search(q)
    for r in doc["results"]:
        r["page"] = f"/id/{r['type']}/{r['key']}"
        if r["type"] == "instrument":
            r["api"] = f"/api/instruments/{r['key']}/deliverables"
        elif r["type"] == "deliverable":
            r["api"] = f"/api/deliverables/{r['key']}/mandates"
    return JSONResponse(doc)
