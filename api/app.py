"""The web endpoint: create_app(settings) wires the routers; the store is loaded once, at start-up.

Routers: sparql (the SPARQL 1.1 Protocol), mandates (the API of contract.md), linked_data (every IRI
under the base resolves), site (pages for people). api imports unodc_kg, never the reverse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from unodc_kg.config import Settings
from unodc_kg.errors import QueryError, UnknownKeyError
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import Store

from . import linked_data, mandates, site, sparql, strategy
from .settings import ServerSettings

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None, server: ServerSettings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    server = server or ServerSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.server_settings = server
        app.state.iris = Iris(settings.base)
        app.state.store = Store(settings.nquads_file)
        app.state.mandates = Mandates(app.state.store, app.state.iris)
        app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
        async with sparql.lifespan(app):
            yield

    app = FastAPI(
        title="unodc-kg",
        description="The legislative mandates behind UNODC's programme (A/79/6 (Sect. 16)), as a knowledge graph: "
        "the mandates API of contract.md, a read-only SPARQL 1.1 endpoint, and every IRI under the base.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served below from our own copy of Swagger UI: no CDN at run time
        redoc_url=None,
    )
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

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

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
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
