"""The web endpoint: the mandates API of contract.md, a SPARQL endpoint and dereferenceable IRIs.

A first, small version (issue 2: "build, then serve"); issue 3 makes it complete (protocol
coverage, limits, the site). The store is loaded once, at start-up, from the build.
"""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pyoxigraph as ox
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from unodc_kg.config import Settings
from unodc_kg.errors import QueryError, UnknownKeyError
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import Store

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _pick(accept: str, offered: list[str], default: str) -> str | None:
    """The first offered media type the Accept header allows (q-values ignored, order respected)."""
    if not accept.strip():
        return default
    wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    for w in wanted:
        if w in offered:
            return w
        if w in ("*/*", "application/*", "text/*"):
            return default
    return None


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    iris = Iris(settings.base)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = Store(settings.nquads_file)
        app.state.mandates = Mandates(app.state.store, iris)
        yield

    app = FastAPI(
        title="unodc-kg",
        description="The legislative mandates behind UNODC's programme (A/79/6 (Sect. 16)), as a knowledge graph.",
        version="0.1.0",
        lifespan=lifespan,
    )

    @app.exception_handler(UnknownKeyError)
    async def unknown_key(request: Request, exc: UnknownKeyError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=404)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=400)

    def service(request: Request) -> Mandates:
        return request.app.state.mandates  # type: ignore[no-any-return]

    @app.get("/api/deliverables", summary="A scope's deliverables in table order")
    def deliverables(request: Request, scope: str = Query(..., examples=["2025/sp1"])) -> dict[str, Any]:
        return service(request).deliverables(scope)

    @app.get("/api/deliverables/{edition}/{scope}/{item}", summary="One deliverable with its figures")
    def deliverable(request: Request, edition: str, scope: str, item: str) -> dict[str, Any]:
        return service(request).deliverable(f"{edition}/{scope}/{item}")

    @app.get(
        "/api/deliverables/{edition}/{scope}/{item}/mandates",
        summary="Which instruments mandate this deliverable, and why",
    )
    def mandates(request: Request, edition: str, scope: str, item: str) -> Response:
        doc = service(request).mandates(f"{edition}/{scope}/{item}")
        if (
            _pick(request.headers.get("accept", ""), ["application/json", "text/html"], "application/json")
            == "text/html"
        ):
            return HTMLResponse(_mandates_html(doc))
        return JSONResponse(doc)

    async def _sparql(request: Request, query: str | None) -> Response:
        store: Store = request.app.state.store
        if not query:
            return JSONResponse({"error": "no query: pass ?query=… (SPARQL 1.1 Protocol)"}, status_code=400)
        result = store.raw(query)
        accept = request.headers.get("accept", "")
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            media = _pick(accept, list(RESULT_FORMATS), "application/sparql-results+json")
            if media is None:
                return JSONResponse({"error": f"cannot answer in {accept}"}, status_code=406)
            body = result.serialize(format=RESULT_FORMATS[media])
            ctype = "application/sparql-results+json" if media == "application/json" else media
            return Response(body, media_type=ctype, headers={"Vary": "Accept"})
        media = _pick(accept, list(GRAPH_FORMATS), "text/turtle")
        if media is None:
            return JSONResponse({"error": f"cannot answer in {accept}"}, status_code=406)
        triples = list(result)  # type: ignore[call-overload]
        body = ox.serialize(triples, format=GRAPH_FORMATS[media])
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    @app.get("/sparql", summary="SPARQL 1.1 query (read-only)")
    async def sparql_get(request: Request, query: str | None = None) -> Response:
        return await _sparql(request, query)

    @app.post("/sparql", summary="SPARQL 1.1 query by POST (form or application/sparql-query)")
    async def sparql_post(request: Request) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip()
        query: str | None
        if ctype == "application/sparql-query":
            query = (await request.body()).decode("utf-8", errors="strict")
        else:
            form = await request.form()
            q = form.get("query")
            query = q if isinstance(q, str) else None
        return await _sparql(request, query)

    @app.get("/id/{path:path}", summary="Dereference an IRI of ours")
    def describe(request: Request, path: str) -> Response:
        store: Store = request.app.state.store
        node = ox.NamedNode(f"{settings.base}id/{path}")
        triples = list(store.raw("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": node}))  # type: ignore[call-overload]
        if not triples:
            return JSONResponse({"error": f"nothing is known about {node.value}"}, status_code=404)
        media = _pick(request.headers.get("accept", ""), ["text/html", *GRAPH_FORMATS], "text/turtle")
        if media == "text/html":
            return HTMLResponse(_entity_html(node.value, triples))
        if media is None:
            return JSONResponse({"error": "not acceptable"}, status_code=406)
        return Response(
            ox.serialize(triples, format=GRAPH_FORMATS[media]), media_type=media, headers={"Vary": "Accept"}
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        return _page(
            "unodc-kg",
            "<p>The legislative mandates behind UNODC's programme (A/79/6 (Sect. 16)), as a knowledge graph.</p>"
            "<form action='/ask' method='get'><label>Which resolutions mandate deliverable "
            "<input name='key' value='2025/sp1/7'></label> <button>Ask</button></form>"
            "<ul><li><a href='/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D'>"
            "SPARQL endpoint</a> (<code>/sparql</code>)</li><li><a href='/docs'>API documentation</a></li>"
            "<li><a href='/api/deliverables?scope=2025/sp1'>Deliverables of subprogramme 1 (JSON)</a></li></ul>",
        )

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask(request: Request, key: str) -> Response:
        try:
            return HTMLResponse(_mandates_html(service(request).mandates(key.strip())))
        except UnknownKeyError as exc:
            return HTMLResponse(_page("Unknown deliverable", f"<p>{html.escape(str(exc))}</p>"), status_code=404)

    return app


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _mandates_html(doc: dict[str, Any]) -> str:
    d = doc["deliverable"]
    rows = []
    for m in doc["mandates"]:
        bases = "<br>".join(
            html.escape(
                f"{b['kind']}: paragraph {b['paragraph']}, line {b['line']}"
                + (f" — {b['heading']['zh']}" if "heading" in b else f" — “{b['quotation']['zh']}”")
            )
            for b in m["basis"]
        )
        link = (
            f"<a href='https://undocs.org/{html.escape(m['un_symbol'])}'>{html.escape(m['un_symbol'])}</a>"
            if m["un_symbol"]
            else ""
        )
        rows.append(
            f"<tr><td><a href='{html.escape(m['iri'])}'>{html.escape(m['symbol'] or m['key'])}</a> {link}</td>"
            f"<td>{html.escape(m['organ'] or '')}</td><td lang='zh'>{html.escape(m['title'].get('zh', ''))}</td>"
            f"<td>{bases}</td></tr>"
        )
    body = (
        f"<p lang='zh'>{html.escape(d['title'].get('zh') or '')}</p><p>{len(doc['mandates'])} instruments</p>"
        "<table><tr><th>symbol</th><th>organ</th><th>title</th><th>basis</th></tr>" + "".join(rows) + "</table>"
    )
    return _page(f"Mandates of deliverable {d['key']}", body)


def _entity_html(iri: str, triples: list[Any]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(t.predicate.value)}</td><td>{html.escape(t.object.value)}</td></tr>" for t in triples
    )
    return _page(iri, f"<table>{rows}</table>")
