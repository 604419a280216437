"""Every IRI under the base resolves: entities, the ontology and its terms, the shapes, the named graphs.

    {base}id/{kind}/{key}       GET /id/{kind}/{key}       an entity (docs/model.md lists the kinds)
    {base}ontology/             GET /ontology/             the ontology (slash namespace) ...
    {base}ontology/{LocalName}  GET /ontology/{LocalName}  ... and each of its terms
    {base}shapes/               GET /shapes/               the SHACL shapes (shapes/*.ttl) ...
    {base}shapes/{Name}         GET /shapes/{Name}         ... and each shape
    {base}graph/{name}          GET /graph/{name}          a named graph: its whole content

Each answers HTML (for browsers), Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the Accept header
(with `Vary: Accept`) or by a file extension, which wins: /id/deliverable/2025/sp1/7.ttl, .jsonld, .nt,
.rdf, .html (for the two documents: /ontology.ttl, /shapes.ttl). Every answer names its variants in
`Link: <…>; rel="alternate"; type="…"` headers and the chosen one in `Content-Location`. 406 (JSON) when
no variant fits the Accept header, 404 (JSON, saying why) for an IRI we do not know.

The description of an entity is its outgoing triples (with the blank nodes they lead to), its incoming
links (capped at INCOMING_CAP, and the page says so when it cuts) and the names of the nodes it links to.
The HTML page adds where the entity was read from: prov:wasDerivedFrom followed to the paragraph, table,
footnote or figure, with the text the graph holds and the line as printed in the project's copy of the
source. Values from the URL are checked against the key patterns and bound as query values; IRIs pasted
into VALUES blocks are ones the graph itself returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse, RedirectResponse, Response

from unodc_kg.iris import ANY_KEY, KEY_PATTERNS, KINDS, valid_key, whole

from .ld.context import Context, get_context
from .ld.describe import INCOMING_CAP, exists
from .ld.negotiate import BY_EXT, LD_FORMATS, Format, negotiated, split_extension
from .ld.pages import entity_page, graph_context, ontology_context, ontology_model, shapes_context
from .ld.serialize import rdf_response
from .ld.state import graph_names, shapes_store
from .mandates import Error

router = APIRouter(tags=["linked data"])

TERM_SHAPE = r"[A-Za-z][A-Za-z0-9_-]{0,99}"
GRAPH_SHAPE = r"[a-z0-9][a-z0-9-]{0,99}"
TERM_NAME = whole(TERM_SHAPE)
GRAPH_NAME = whole(GRAPH_SHAPE)
EXTENSION = r"(?:\.(?:ttl|html|jsonld|nt|rdf))?"
ENTITY_PATH = rf"(?:{'|'.join(sorted(KINDS))})/{ANY_KEY}{EXTENSION}"


def documented(pattern: str, description: str, examples: list[str]) -> Any:
    """A path parameter with its pattern documented, not enforced: what does not match is a 404 that says why."""
    return Path(description=description, examples=examples, json_schema_extra={"pattern": f"^(?:{pattern})$"})


EXT = Path(description="the format: " + ", ".join(BY_EXT), json_schema_extra={"enum": list(BY_EXT)})


def not_found(message: str, iri: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if iri:
        body["iri"] = iri
    return JSONResponse(body, status_code=404)


# ---------------------------------------------------------------------------------------------- routes
F = TypeVar("F", bound=Callable[..., Any])


def ld_responses(what: str) -> dict[int | str, dict[str, Any]]:
    """The answers of a linked-data route: its variants, 404 for an IRI we do not know, 406 for no variant."""
    return {
        200: {"description": what, "content": {f.media: {} for f in LD_FORMATS}},
        404: {"model": Error, "description": "not an IRI of ours (or no such format); the error says why"},
        406: {"model": Error, "description": "no variant fits the Accept header: the error lists them"},
    }


def ld_route(path: str, **options: Any) -> Callable[[F], F]:
    """GET (documented in OpenAPI) and HEAD (the same answer without its body) on one path."""

    def register(fn: F) -> F:
        options.setdefault("response_class", Response)
        options.setdefault("responses", ld_responses(options.get("summary", "the resource")))
        router.add_api_route(path, fn, methods=["GET"], **options)
        router.add_api_route(path, fn, methods=["HEAD"], include_in_schema=False)
        return fn

    return register


# ---------------------------------------------------------------------------------------------- /id/
@ld_route(
    "/id/{path:path}",
    summary="Dereference an entity IRI {base}id/{kind}/{key}",
    description="HTML for browsers, or Turtle, JSON-LD, N-Triples, RDF/XML by `Accept` or by extension "
    "(`/id/deliverable/2025/sp1/7.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`; the extension wins). "
    f"The description is the entity's statements, its incoming links (at most {INCOMING_CAP}) and the names "
    "of the nodes it links to.",
    responses=ld_responses("The description of the entity"),
)
def entity(
    path: str = documented(
        ENTITY_PATH,
        "{kind}/{key}, optionally with a format's extension; keys of the contract's kinds match its patterns ("
        + ", ".join(f"{k}: {p}" for k, p in KEY_PATTERNS.items())
        + ")",
        ["deliverable/2025/sp1/7", "instrument/ga/75-194.ttl", "paragraph/a-79-6-sect16/16.54.c"],
    ),
    ctx: Context = Depends(get_context),
) -> Response:
    stem, ext = split_extension(path)
    node = None
    for candidate, fmt in ((path, None), (stem, ext)) if ext else ((path, None),):
        kind, _, key = candidate.partition("/")
        if kind not in KINDS:
            return not_found(
                f"/id/{path}: no kind of entity {kind!r}; the kinds are " + ", ".join(sorted(KINDS)),
                f"{ctx.iris.base}id/{path}",
            )
        if not valid_key(kind, key):  # the contract's pattern for its kind, else any lower-case key
            continue
        n = ox.NamedNode(str(ctx.iris.id(kind, key)))
        if exists(ctx.store, n):
            node, ext, path = n, fmt, candidate
            break
    if node is None:
        kind = path.partition("/")[0]
        shape = f"{kind} keys match {KEY_PATTERNS[kind]}; " if kind in KEY_PATTERNS else ""
        return not_found(
            f"nothing is known about {ctx.iris.base}id/{path}: an entity IRI is {{base}}id/{{kind}}/{{key}}, "
            "e.g. /id/deliverable/2025/sp1/7, /id/instrument/ga/75-194, /id/paragraph/a-79-6-sect16/16.54.c "
            f"({shape}keys are lower-case ASCII; see docs/model.md)",
            f"{ctx.iris.base}id/{path}",
        )
    local = f"/id/{path}"
    return negotiated(ctx.request, local, ext, LD_FORMATS, entity_page(ctx, ctx.store, node, local))


# ---------------------------------------------------------------------------------------------- /ontology/
@router.get("/ontology", include_in_schema=False)
def ontology_no_slash() -> RedirectResponse:
    return RedirectResponse("/ontology/", status_code=301)


ONTOLOGY_DOC = (
    "The ontology of unodc-kg (slash namespace `{base}ontology/`): HTML documentation of every class and "
    "property (labels in English and Chinese, definitions, domains and ranges), or the ontology as RDF."
)


def _ontology_document(ctx: Context, ext: Format | None) -> Response:
    def render(fmt: Format) -> Response:
        names = ctx.names()
        triples = ontology_model(ctx)["triples"]
        if fmt.rdf is not None:
            return rdf_response(triples, fmt, names)
        return ctx.page("ld/ontology.html", ontology_context(ctx, triples, names))

    return negotiated(ctx.request, "/ontology/", ext, LD_FORMATS, render)


@ld_route("/ontology/", summary="The ontology", description=ONTOLOGY_DOC)
def ontology(ctx: Context = Depends(get_context)) -> Response:
    return _ontology_document(ctx, None)


@ld_route("/ontology.{ext}", summary="The ontology in one format (ttl, jsonld, nt, rdf, html)")
def ontology_as(ext: str = EXT, ctx: Context = Depends(get_context)) -> Response:
    if ext not in BY_EXT:
        return not_found(f"/ontology.{ext}: no such format; use one of " + ", ".join(BY_EXT))
    return _ontology_document(ctx, BY_EXT[ext])


@ld_route(
    "/ontology/{name}",
    summary="A term of the ontology, {base}ontology/{LocalName}",
    description="A class or property: labels, definition, domain and range, and its uses (incoming links).",
)
def ontology_term(
    name: str = documented(TERM_SHAPE + EXTENSION, "a class or property", ["Deliverable", "inList.ttl"]),
    ctx: Context = Depends(get_context),
) -> Response:
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not TERM_NAME.match(candidate):
            continue
        node = ox.NamedNode(f"{ctx.iris.kg}{candidate}")
        if exists(ctx.store, node):
            path = f"/ontology/{candidate}"
            extra: dict[str, Any] = {"term": True}
            if candidate[0].islower():  # a property: how many statements use it
                rows = ctx.store.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p", {"p": node})
                extra["uses"] = int(rows[0]["n"].value) if rows else 0
                extra["uses_query"] = f"SELECT ?s ?o WHERE {{ ?s <{node.value}> ?o }} LIMIT 100"
            return negotiated(ctx.request, path, fmt, LD_FORMATS, entity_page(ctx, ctx.store, node, path, extra=extra))
    return not_found(
        f"the ontology has no term {name!r}: terms are {ctx.iris.kg}{{LocalName}}, e.g. /ontology/Deliverable, "
        "/ontology/inList; the list is at /ontology/",
        f"{ctx.iris.kg}{name}",
    )


# ---------------------------------------------------------------------------------------------- /shapes/
@router.get("/shapes", include_in_schema=False)
def shapes_no_slash() -> RedirectResponse:
    return RedirectResponse("/shapes/", status_code=301)


def _shapes_document(ctx: Context, ext: Format | None) -> Response:
    def render(fmt: Format) -> Response:
        names = ctx.names()
        mem = shapes_store(ctx.store, ctx.settings, ctx.iris)
        if fmt.rdf is not None:
            triples = mem.triples("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            return rdf_response(triples, fmt, names)
        return ctx.page("ld/shapes.html", shapes_context(ctx, mem, names))

    return negotiated(ctx.request, "/shapes/", ext, LD_FORMATS, render)


@ld_route("/shapes/", summary="The SHACL shapes the graph is validated against")
def shapes(ctx: Context = Depends(get_context)) -> Response:
    return _shapes_document(ctx, None)


@ld_route("/shapes.{ext}", summary="The shapes in one format (ttl, jsonld, nt, rdf, html)")
def shapes_as(ext: str = EXT, ctx: Context = Depends(get_context)) -> Response:
    if ext not in BY_EXT:
        return not_found(f"/shapes.{ext}: no such format; use one of " + ", ".join(BY_EXT))
    return _shapes_document(ctx, BY_EXT[ext])


@ld_route("/shapes/{name}", summary="One SHACL shape, {base}shapes/{Name}")
def shape(
    name: str = documented(TERM_SHAPE + EXTENSION, "a shape", ["DeliverableShape"]), ctx: Context = Depends(get_context)
) -> Response:
    mem = shapes_store(ctx.store, ctx.settings, ctx.iris)
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not TERM_NAME.match(candidate):
            continue
        node = ox.NamedNode(f"{ctx.iris.shape}{candidate}")
        if exists(mem, node):
            path = f"/shapes/{candidate}"
            files = sorted(
                str(r["g"].value).rsplit(":", 1)[-1]
                for r in mem.select("SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {"s": node})
            )
            page = entity_page(
                ctx, mem, node, path, name_sources=[mem, ctx.store], graph_sources=False, extra={"files": files}
            )
            return negotiated(ctx.request, path, fmt, LD_FORMATS, page)
    return not_found(
        f"no shape {name!r}: shapes are {ctx.iris.shape}{{Name}}, e.g. /shapes/DeliverableLineShape; "
        "the list is at /shapes/",
        f"{ctx.iris.shape}{name}",
    )


# ---------------------------------------------------------------------------------------------- /graph/
@ld_route(
    "/graph/{name}",
    summary="A named graph, {base}graph/{name}: its whole content",
    description="HTML: what the graph holds (counts by class); RDF (Turtle, JSON-LD, N-Triples, RDF/XML): every "
    "triple of the graph. Graphs: one per source document (e.g. a-79-6-sect16), ontology, reference.",
)
def named_graph(
    name: str = documented(GRAPH_SHAPE + EXTENSION, "a named graph", ["reference", "topics.nt"]),
    ctx: Context = Depends(get_context),
) -> Response:
    known = graph_names(ctx.store)
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not GRAPH_NAME.match(candidate):
            continue
        iri = str(ctx.iris.graph(candidate))
        if iri in known:
            node = ox.NamedNode(iri)
            path = f"/graph/{candidate}"

            def render(fmt: Format, node: ox.NamedNode = node, path: str = path) -> Response:
                names = ctx.names()
                if fmt.rdf is not None:
                    triples = ctx.store.triples("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": node})
                    return rdf_response(triples, fmt, names)
                return ctx.page("ld/graph.html", graph_context(ctx, node, names, path))

            return negotiated(ctx.request, path, fmt, LD_FORMATS, render)
    return not_found(
        f"no named graph {name!r}; the graphs are: " + ", ".join(g.rsplit("/", 1)[-1] for g in known),
        str(ctx.iris.graph(name)) if GRAPH_NAME.match(stem) else None,
    )
