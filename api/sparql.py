"""/sparql: the SPARQL 1.1 Protocol, query operation only, read-only, with limits.

GET ?query=…, POST form (application/x-www-form-urlencoded) and POST application/sparql-query;
default-graph-uri and named-graph-uri honoured; answers negotiated on Accept (or `format`);
queries run in worker processes (unodc_kg.workers), or are sent on to a remote store
(unodc_kg.forward), under a time limit a caller may lower (`timeout=` seconds) but not raise;
answers are cut at a row limit, announced in the headers X-Result-Limit and X-Result-Truncated.
GET /sparql without a query describes the service.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import parse_qsl

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from unodc_kg.errors import QueryError, StoreError
from unodc_kg.forward import RemoteQueries
from unodc_kg.results import NotAcceptable
from unodc_kg.store import RemoteStore, Store
from unodc_kg.workers import Busy, QueryRequest, QueryRunner, QueryTimeout, Refused, WorkerPool, check_query

from . import service_description
from .settings import ServerSettings

log = logging.getLogger(__name__)
router = APIRouter(tags=["sparql"])
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
PROTOCOL_PARAMS = {
    "query",
    "default-graph-uri",
    "named-graph-uri",
    "timeout",
    "format",
    "update",
    "using-graph-uri",
    "using-named-graph-uri",
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    server: ServerSettings = app.state.server_settings
    store: Store = app.state.store
    pool: QueryRunner
    if isinstance(store, RemoteStore):
        pool = RemoteQueries(store, size=server.workers, queue_timeout=server.queue_timeout)
    else:
        pool = WorkerPool(store.location, size=server.workers, queue_timeout=server.queue_timeout)
    await pool.start()
    app.state.workers = pool
    try:
        yield
    finally:
        await pool.close()


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _params(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


async def _answer(request: Request, params: dict[str, list[str]], query: str | None) -> Response:
    server: ServerSettings = request.app.state.server_settings
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        return _error(403, "SPARQL Update is not accepted: this endpoint is read-only")
    for name in ("timeout", "format"):
        if len(params.get(name, [])) > 1:
            return _error(400, f"the parameter {name!r} is given more than once")
    if query is None:
        queries = params.get("query", [])
        if len(queries) > 1:
            return _error(400, "the parameter 'query' is given more than once; send one query")
        if not queries:
            return _error(400, "no query: pass query=… (SPARQL 1.1 Protocol); GET /sparql alone describes the service")
        query = queries[0]
    if not query.strip():
        return _error(400, "the query is empty")
    timeout = server.query_timeout
    if "timeout" in params:
        try:
            asked = float(params["timeout"][0])
        except ValueError:
            return _error(400, f"timeout must be a number of seconds, not {params['timeout'][0]!r}")
        if asked <= 0:
            return _error(400, "timeout must be positive")
        timeout = min(asked, server.query_timeout)  # a caller may lower the limit, never raise it
    try:
        check_query(query)
    except Refused as exc:
        return _error(400, str(exc))
    req = QueryRequest(
        query=query,
        accept=request.headers.get("accept"),
        format=params["format"][0] if params.get("format") else None,
        base_iri=request.app.state.settings.base,
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        max_rows=server.max_rows,
    )
    pool: QueryRunner = request.app.state.workers
    try:
        ans = await pool.run(req, timeout)
    except QueryTimeout as exc:
        return _error(503, str(exc), {"Retry-After": "5"})
    except Busy as exc:
        return _error(503, str(exc), {"Retry-After": "2"})
    except NotAcceptable as exc:
        return _error(406, str(exc), {"Vary": "Accept"})
    except StoreError as exc:
        log.error("/sparql: %s", exc)
        return _error(502, "the store behind this server failed; its log says why")
    except QueryError as exc:
        return _error(400, str(exc))
    headers = {
        "Vary": "Accept",
        "X-Result-Limit": str(server.max_rows),
        "X-Result-Rows": str(ans.rows),
        "X-Time-Limit": f"{timeout:g}",
    }
    if ans.truncated:
        headers["X-Result-Truncated"] = "true"
    media = ans.media_type + ("; charset=utf-8" if ans.media_type.startswith("text/") else "")
    return Response(ans.body, media_type=media, headers=headers)


def _too_big(request: Request, size: int) -> Response | None:
    limit: int = request.app.state.server_settings.max_body
    if size > limit:
        return _error(413, f"the request is {size} bytes; the limit is {limit}")
    return None


@router.get("/sparql", summary="SPARQL 1.1 query by GET; without a query, the service description")
async def sparql_get(request: Request) -> Response:
    raw = request.url.query
    if (big := _too_big(request, len(raw.encode()))) is not None:
        return big
    try:
        params = _params(parse_qsl(raw, keep_blank_values=True, strict_parsing=False, errors="strict"))
    except UnicodeDecodeError:
        return _error(400, "the query string is not valid UTF-8")
    if not params.keys() & PROTOCOL_PARAMS:
        accept = request.headers.get("accept", "")
        if "text/html" in accept and "turtle" not in accept:
            return RedirectResponse("/editor", status_code=303)
        return service_description.response(request)
    return await _answer(request, params, None)


@router.post("/sparql", summary="SPARQL 1.1 query by POST: a form, or the query as application/sparql-query")
async def sparql_post(request: Request) -> Response:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and (big := _too_big(request, int(declared))) is not None:
        return big
    body = await request.body()
    if (big := _too_big(request, len(body))) is not None:
        return big
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url_params = _params(parse_qsl(request.url.query, keep_blank_values=True))
    if ctype == SPARQL_UPDATE:
        return _error(403, "SPARQL Update is not accepted: this endpoint is read-only")
    if ctype == SPARQL_QUERY:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, "the query is not valid UTF-8")
        if "query" in url_params:
            return _error(400, "send the query either in the body or as a parameter, not both")
        return await _answer(request, url_params, text)
    if ctype == FORM:
        try:
            form = _params(parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict"))
        except UnicodeDecodeError:
            return _error(400, "the form is not valid UTF-8")
        for k, v in url_params.items():
            form.setdefault(k, []).extend(v)
        return await _answer(request, form, None)
    return _error(415, f"unsupported content type {ctype or '(none)'!r}: use {FORM} or {SPARQL_QUERY}")


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other(request: Request) -> Response:
    return _error(405, "only GET and POST are allowed on /sparql (query only, read-only)", {"Allow": "GET, POST"})
