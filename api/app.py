"""The web endpoint: create_app(settings) wires the routers; the store is opened once, at start-up: the build's
N-Quads in memory, an on-disk store or a remote SPARQL endpoint (settings.store; unodc_kg.store.locate).

Routers: sparql (the SPARQL 1.1 Protocol), mandates (the API of contract.md), linked_data (every IRI
under the base resolves), site (pages for people). api imports unodc_kg, never the reverse.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from unodc_kg.config import Settings
from unodc_kg.errors import QueryError, QueryTimeout, StoreError, StoreUnavailable, UnknownKeyError
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import locate, open_store

from . import linked_data, mandates, site, sparql, strategy
from .openapi import openapi
from .settings import ServerSettings

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RefuseControlCharacters:
    """No key or IRI of ours holds a control character, and the router's patterns end in `$`, which lets a trailing
    newline through: /id/deliverable/2025/sp1/7%0A would answer for …/7, /ontology/%0A for /ontology/. Such a
    path is answered 404 (the contract's answer to an unknown key) before it is routed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = CONTROL.search(scope.get("path", "")) if scope["type"] == "http" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        message = (
            f"the path holds the control character {found.group()!r} at {found.start()}: no key or IRI of ours does"
        )
        await JSONResponse({"error": message}, status_code=404)(scope, receive, send)


class SecurityHeaders:
    """Headers every answer carries: browsers must not guess a type other than the one we send (an answer that
    quotes a caller's text is never run as a script or a page), and pages are not shown inside other sites."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None, server: ServerSettings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    server = server or ServerSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.server_settings = server
        app.state.iris = Iris(settings.base)
        app.state.store = open_store(locate(None, settings), settings)
        try:
            app.state.mandates = Mandates(app.state.store, app.state.iris)
            app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
            async with sparql.lifespan(app):
                yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="unodc-kg",
        description="The legislative mandates behind UNODC's programme (A/79/6 (Sect. 16)), as a knowledge graph: "
        "the mandates API of contract.md, a read-only SPARQL 1.1 endpoint, and every IRI under the base.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served below from our own copy of Swagger UI: no CDN at run time
        redoc_url=None,
    )
    app.add_middleware(RefuseControlCharacters)
    app.add_middleware(SecurityHeaders)
    # Open to any origin, never with credentials: the data is public and nothing here uses cookies.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
        expose_headers=["*"],
    )

    @app.exception_handler(UnknownKeyError)
    async def unknown_key(request: Request, exc: UnknownKeyError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404)

    # A parameter FastAPI cannot read (e.g. ?run=maybe) answers 422 in the one error shape of every route.
    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": validation_message(exc)}, status_code=422)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    # A remote store that is down, slow or broken is the server's trouble, not the caller's; the details (the
    # store's URL, its answer) go to the log, not to a public caller.
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("%s %s: %s", request.method, request.url.path, exc)
        status = 502 if isinstance(exc, StoreUnavailable) else 500
        return JSONResponse({"error": "the store behind this server failed; its log says why"}, status_code=status)

    @app.exception_handler(QueryTimeout)
    async def store_timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="unodc-kg API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    app.include_router(sparql.router)
    app.include_router(mandates.router)
    app.include_router(strategy.router)
    app.include_router(linked_data.router)
    app.include_router(site.router)
    app.include_router(site.downloads_router)
    app.openapi = lambda: openapi(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's refusal in one sentence that names each bad parameter, e.g. "query parameter 'run': …"."""
    parts = []
    for err in exc.errors():
        where = [str(p) for p in err.get("loc", ())]
        name = f"{where[0]} parameter {'.'.join(where[1:])!r}" if len(where) > 1 else ".".join(where) or "request"
        given = err.get("input")
        shown = f" (given {str(given)[:80]!r})" if isinstance(given, str | int | float) else ""
        parts.append(f"{name}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "the request's parameters cannot be read"
