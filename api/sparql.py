"""/sparql: the SPARQL 1.1 Protocol, query operation only, read-only, with limits.

GET ?query=…, POST form (application/x-www-form-urlencoded) and POST application/sparql-query;
default-graph-uri and named-graph-uri honoured; answers negotiated on Accept (or `format`);
queries run in worker processes (unodc_kg.workers), or are sent on to a remote store
(unodc_kg.forward), under a time limit a caller may lower (`timeout=` seconds) but not raise;
answers are cut at a row limit, announced in the headers X-Result-Limit and X-Result-Truncated.
A request body is read only up to its limit; an answer over its byte limit, or a query that needs more
memory than one is given, is refused (503). GET /sparql without a query describes the service.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from unodc_kg.errors import QueryError, StoreError
from unodc_kg.forward import RemoteQueries
from unodc_kg.results import NotAcceptable
from unodc_kg.sparql_text import mentions_service
from unodc_kg.store import RemoteStore, Store
from unodc_kg.workers import (
    Busy,
    OverLimit,
    QueryRequest,
    QueryRunner,
    QueryTimeout,
    Refused,
    WorkerPool,
    check_query,
    check_service,
)

from . import service_description
from .settings import ServerSettings

log = logging.getLogger(__name__)
router = APIRouter(tags=["sparql"])
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
# Characters of a query mentioning SERVICE that the server itself parses for a remote store (up to a second or so).
REMOTE_SERVICE_CHECK = 10_000
_CHECKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-service-check")
_CHECKING = asyncio.Lock()
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
        pool = WorkerPool(
            store.location,
            size=server.workers,
            queue_timeout=server.queue_timeout,
            query_memory=server.query_memory * 2**20,
        )
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


def _decode(raw: str) -> dict[str, list[str]]:
    """The parameters of a query string or form; UnicodeDecodeError when an escape is not UTF-8 (e.g. %C3%28)."""
    return _params(parse_qsl(raw, keep_blank_values=True, errors="strict"))


def _is_iri(value: str) -> bool:
    """Whether the store would take `value` as a graph name (checked here, so a worker never meets a bad one)."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


# A query stopped at its limit costs a worker process (ended and replaced): a floor keeps callers from making the
# server do that many times a second.
MIN_TIMEOUT = 1.0


def _timeout(params: dict[str, list[str]], limit: float) -> float | JSONResponse:
    """The time limit of this request: the server's, or less when the caller asks (`timeout=` seconds)."""
    if "timeout" not in params:
        return limit
    raw = params["timeout"][0]
    try:
        asked = float(raw)
    except ValueError:
        return _error(400, f"timeout must be a number of seconds, not {raw!r}")
    if not math.isfinite(asked) or asked <= 0:
        return _error(400, f"timeout must be a positive number of seconds, not {raw!r}")
    if asked < MIN_TIMEOUT:
        return _error(400, f"timeout must be at least {MIN_TIMEOUT:g} s, not {raw!r}")
    return min(asked, limit)  # a caller may lower the limit, never raise it


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
    timeout = _timeout(params, server.query_timeout)
    if isinstance(timeout, Response):
        return timeout
    for name in ("default-graph-uri", "named-graph-uri"):
        for value in params.get(name, []):
            if not _is_iri(value):
                return _error(400, f"{name} must be an absolute IRI, not {value[:200]!r}")
    pool: QueryRunner = request.app.state.workers
    try:
        check_query(query, service=False)
        remote = not isinstance(pool, WorkerPool)  # workers look for SERVICE themselves, under the limits
        if remote and mentions_service(query) and (busy := await _check_service_here(query)) is not None:
            return busy
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
        max_bytes=server.max_answer,
    )
    try:
        ans = await pool.run(req, timeout)
    except QueryTimeout as exc:
        return _error(503, str(exc), {"Retry-After": "5"})
    except Busy as exc:
        return _error(503, str(exc), {"Retry-After": "2"})
    except OverLimit as exc:
        return _error(503, str(exc))
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
    if len(ans.body) > server.max_answer:  # a remote store's answer: the workers check their own
        return _error(503, f"the answer is {len(ans.body)} bytes, more than the limit of {server.max_answer}")
    media = ans.media_type + ("; charset=utf-8" if ans.media_type.startswith("text/") else "")
    return Response(ans.body, media_type=media, headers=headers)


async def _check_service_here(query: str) -> Response | None:
    """Look for SERVICE in a query for a remote store, in the server: one query at a time, in a thread of its own,
    as parsing may hold the interpreter for a second; raise Refused, or answer 503 while another is being read."""
    if _CHECKING.locked():
        message = "another query that mentions SERVICE is being checked; try again shortly"
        return _error(503, message, {"Retry-After": "2"})
    async with _CHECKING:
        check = partial(check_service, query, REMOTE_SERVICE_CHECK)
        await asyncio.get_running_loop().run_in_executor(_CHECKER, check)
    return None


def _too_big(request: Request, size: int) -> Response | None:
    limit: int = request.app.state.server_settings.max_body
    if size > limit:
        return _error(413, f"the request is {size} bytes; the limit is {limit}")
    return None


async def _read_body(request: Request) -> bytes | Response:
    """The request body, read only up to the limit: a body sent in chunks declares no length."""
    limit: int = request.app.state.server_settings.max_body
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return _error(413, f"the request body is more than {limit} bytes, the limit")
        chunks.append(chunk)
    return b"".join(chunks)


@router.get("/sparql", summary="SPARQL 1.1 query by GET; without a query, the service description")
async def sparql_get(request: Request) -> Response:
    raw = request.url.query
    if (big := _too_big(request, len(raw.encode()))) is not None:
        return big
    try:
        params = _decode(raw)
    except UnicodeDecodeError:
        return _error(400, "the query string is not valid UTF-8 once its %-escapes are decoded")
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
    body = await _read_body(request)
    if isinstance(body, Response):
        return body
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        url_params = _decode(request.url.query)
    except UnicodeDecodeError:
        return _error(400, "the query string is not valid UTF-8 once its %-escapes are decoded")
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
            form = _decode(body.decode("utf-8"))
        except UnicodeDecodeError:
            return _error(400, "the form is not valid UTF-8 (nor, once its %-escapes are decoded, are its values)")
        for k, v in url_params.items():
            form.setdefault(k, []).extend(v)
        return await _answer(request, form, None)
    return _error(415, f"unsupported content type {ctype or '(none)'!r}: use {FORM} or {SPARQL_QUERY}")


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other(request: Request) -> Response:
    return _error(405, "only GET and POST are allowed on /sparql (query only, read-only)", {"Allow": "GET, POST"})
