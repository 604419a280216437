"""The site a legal officer uses without SPARQL: home, browse, the mandates question, editor, queries, downloads.

Pages are Jinja2 templates (api/templates/); their data comes from unodc_kg.query.Mandates (the
contract's JSON) and unodc_kg.browse.Browse (the browse pages' own questions). Nothing here calls
another site: the SPARQL editor (YASGUI) is vendored under api/static/vendor/yasgui/ and sends
its queries to this server's /sparql only.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from unodc_kg.browse import Browse, DeliverableOption, Scope
from unodc_kg.config import Settings
from unodc_kg.crosswalk_query import Crosswalk
from unodc_kg.errors import UnknownKeyError
from unodc_kg.iris import Iris, whole
from unodc_kg.query import Mandates
from unodc_kg.saved_queries import load_saved_queries
from unodc_kg.store import Store, Term

from .deps import get_iris, get_mandates, get_settings, get_store, get_templates
from .ld.crosswalk import element_view, predecessors_view, scope_index
from .ld.views import mark_chinese
from .mandates import Error

router = APIRouter(include_in_schema=False)
downloads_router = APIRouter(tags=["downloads"])  # the files are for machines too: described in /openapi.json

BASIS_LABELS = {
    "scope-list": "Listed among the legislative mandates of this subprogramme or component",
    "programme-list": "Listed among the legislative mandates of the whole programme",
    "cited": "Cited in the text of this subprogramme or component",
    "topic": "Shares a topic with the deliverable",
}
BASIS_SHORT = {
    "scope-list": "listed (subprogramme)",
    "programme-list": "listed (programme)",
    "cited": "cited",
    "topic": "shares a topic",
}
STANDARD_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
DOWNLOAD_PATTERN = r"[a-z0-9][a-z0-9.\-]{0,99}"
DOWNLOAD_NAME = whole(DOWNLOAD_PATTERN)
MEDIA_TYPES = {
    ".ttl": "text/turtle; charset=utf-8",
    ".nq": "application/n-quads",
    ".jsonld": "application/ld+json",
}
JSONLD_NAME = "unodc-kg.jsonld"


# ---------------------------------------------------------------------- dependencies
def get_browse(store: Store = Depends(get_store), iris: Iris = Depends(get_iris)) -> Browse:
    return Browse(store, iris)


def get_site_templates(templates: Jinja2Templates = Depends(get_templates)) -> Jinja2Templates:
    """The app's templates, with the site's filters registered once."""
    env = templates.env
    if "paragraph" not in env.filters:
        env.filters["paragraph"] = paragraph_label
        env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else ""
        env.filters["zh"] = mark_chinese
        env.globals["BASIS_LABELS"] = BASIS_LABELS
        env.globals["BASIS_SHORT"] = BASIS_SHORT
    return templates


def paragraph_label(key: str | None) -> str:
    """a-79-6-sect16/16.16.a -> 16.16(a); a-79-6-sect16/16.28.a.1 -> 16.28(a)(1)."""
    if not key:
        return ""
    number = key.rsplit("/", 1)[-1]
    parts = number.split(".")
    head = ".".join(parts[:2])
    return head + "".join(f"({p})" for p in parts[2:])


# ---------------------------------------------------------------------- figures and the chart
def figure_columns(edition: str | int) -> list[tuple[int, str]]:
    """The four figures of a deliverable in a budget for year E: E-2 planned and actual, E-1 and E planned."""
    e = int(edition)
    return [(e - 2, "planned"), (e - 2, "actual"), (e - 1, "planned"), (e, "planned")]


def figure_cells(quantities: list[dict[str, Any]] | tuple[Any, ...], edition: str | int) -> list[str]:
    """The printed cells of a line: the number, "—" for a dash, "" where the source has nothing."""
    found: dict[tuple[int, str], str] = {}
    for q in quantities:
        year, status, value, dash = (
            (q["year"], q["status"], q["value"], bool(q.get("dash")))
            if isinstance(q, dict)
            else (q.year, q.status, q.value, q.dash)
        )
        found[(year, status)] = "—" if dash else str(value)
    return [found.get(c, "") for c in figure_columns(edition)]


@dataclass(frozen=True)
class Bar:
    year: int
    status: str
    value: int
    dash: bool
    x: float
    y: float
    width: float
    height: float

    @property
    def text(self) -> str:
        return "—" if self.dash else str(self.value)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    left: float
    maximum: int
    bars: tuple[Bar, ...]

    @property
    def summary(self) -> str:
        return "; ".join(f"{b.year} {b.status}: {b.text}" for b in self.bars)


def chart(quantities: list[dict[str, Any]], edition: str | int) -> Chart | None:
    """A small planned-vs-actual bar chart, laid out here and drawn as inline SVG by the template."""
    if not quantities:
        return None
    by_column = {(q["year"], q["status"]): q for q in quantities}
    columns = [c for c in figure_columns(edition) if c in by_column] or sorted(by_column)
    width, height, left, top, bottom = 400, 200, 40.0, 24.0, 44.0
    maximum = max([int(by_column[c]["value"]) for c in columns] + [1])
    plot = height - top - bottom
    slot = (width - left - 10) / len(columns)
    bar_width = min(48.0, slot * 0.6)
    bars = []
    for i, (year, status) in enumerate(columns):
        q = by_column[(year, status)]
        value = int(q["value"])
        h = plot * value / maximum
        x = left + i * slot + (slot - bar_width) / 2
        bars.append(Bar(year, status, value, bool(q.get("dash")), x, top + plot - h, bar_width, h))
    return Chart(width, height, top + plot, left, maximum, tuple(bars))


# ---------------------------------------------------------------------- pickers
@dataclass(frozen=True)
class PickerGroup:
    scope: Scope
    options: tuple[DeliverableOption, ...]


def picker_groups(browse: Browse) -> list[PickerGroup]:
    """Every deliverable, grouped by scope in printed order (for the deliverable selects)."""
    options: dict[str, list[DeliverableOption]] = defaultdict(list)
    for o in browse.deliverable_options():
        options[o.scope].append(o)
    return [PickerGroup(s, tuple(options[s.key])) for s in browse.scopes() if options.get(s.key)]


# ---------------------------------------------------------------------- saved queries
@dataclass(frozen=True)
class SavedQueryView:
    """A saved query as the pages show it: parameters as (variable, default value) pairs."""

    name: str
    title: str
    description: str
    parameters: tuple[tuple[str, str], ...]
    text: str


def load_queries(settings: Settings) -> list[SavedQueryView]:
    """The saved queries of queries/*.rq, sorted by name (unodc_kg.saved_queries reads their headers)."""
    return [
        SavedQueryView(q.name, q.title, q.description, tuple(q.parameters), q.text)
        for q in load_saved_queries(settings.queries_dir)
    ]


def prefixes(iris: Iris) -> dict[str, str]:
    """The prefixes the editor preloads: ours (under the served base) and the standard ones."""
    return {"kg": str(iris.kg), "id": f"{iris.base}id/", **STANDARD_PREFIXES}


# ---------------------------------------------------------------------- downloads
@dataclass(frozen=True)
class Download:
    name: str
    title: str
    format: str
    media_type: str
    size: int | None
    statements: int | None
    note: str


_count_lock = threading.Lock()
_counts: dict[tuple[str, int, int], int] = {}
_jsonld_lock = threading.Lock()


def statement_count(path: Path) -> int:
    """Triples (Turtle) or quads (N-Quads) in a file, counted once per version of the file."""
    stat = path.stat()
    ident = (str(path), stat.st_mtime_ns, stat.st_size)
    with _count_lock:
        if ident not in _counts:
            fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE
            _counts[ident] = sum(1 for _ in ox.parse(path=str(path), format=fmt))
        return _counts[ident]


def jsonld(request: Request, store: Store) -> bytes:
    """The whole dataset as JSON-LD (named graphs kept), serialised from the store on first request, then cached."""
    state = request.app.state
    cached = getattr(state, "site_jsonld", None)
    if cached is not None and cached[0] is store:
        return bytes(cached[1])
    with _jsonld_lock:
        cached = getattr(state, "site_jsonld", None)
        if cached is not None and cached[0] is store:
            return bytes(cached[1])
        rows = store.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        ours = set(store.graphs())  # a remote store may hold graphs that are not the data's (its load stamp)
        quads = [_quad(r) for r in rows if r["g"].value in ours]
        data = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
        assert isinstance(data, bytes)
        state.site_jsonld = (store, data, len(quads))
        return bytes(data)


def _quad(row: dict[str, Term]) -> ox.Quad:
    s, p, o, g = row["s"], row["p"], row["o"], row["g"]
    if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode) or isinstance(g, ox.Literal):
        raise ValueError(f"not a quad: {row}")
    return ox.Quad(s, p, o, g)


def jsonld_count(request: Request, store: Store) -> int:
    jsonld(request, store)
    return int(request.app.state.site_jsonld[2])


INFERRED_FILE = "inferred.ttl"  # the reasoner's graph, written beside the sources' Turtle


def source_turtle_files(settings: Settings) -> list[Path]:
    return sorted(
        p for p in settings.generated_dir.glob("*.ttl") if DOWNLOAD_NAME.match(p.name) and p.name != INFERRED_FILE
    )


def downloads(request: Request, settings: Settings, store: Store) -> list[Download]:
    out = [
        Download(
            name=p.name,
            title=f"Source {p.stem}: everything read from it (one named graph)",
            format="Turtle",
            media_type=MEDIA_TYPES[".ttl"],
            size=p.stat().st_size,
            statements=statement_count(p),
            note="triples",
        )
        for p in source_turtle_files(settings)
    ]
    inferred = settings.generated_dir / INFERRED_FILE
    if inferred.exists():
        out.append(
            Download(
                name=inferred.name,
                title="What OWL reasoning (HermiT) inferred: the named graph inferred, kept apart from the sources",
                format="Turtle",
                media_type=MEDIA_TYPES[".ttl"],
                size=inferred.stat().st_size,
                statements=statement_count(inferred),
                note="triples",
            )
        )
    nq = settings.nquads_file
    if nq.exists():
        out.append(
            Download(
                name=nq.name,
                title="The whole graph: every source, the ontology and the reference data, in named graphs",
                format="N-Quads",
                media_type=MEDIA_TYPES[".nq"],
                size=nq.stat().st_size,
                statements=statement_count(nq),
                note="quads",
            )
        )
    data = jsonld(request, store)
    out.append(
        Download(
            name=JSONLD_NAME,
            title="The whole graph as JSON-LD (one @graph per named graph)",
            format="JSON-LD",
            media_type=MEDIA_TYPES[".jsonld"],
            size=len(data),
            statements=jsonld_count(request, store),
            note="quads",
        )
    )
    return out


def _figures(d: dict[str, Any] | None) -> list[tuple[tuple[int, str], str]]:
    """(column, cell) pairs of a deliverable document, for one-line summaries."""
    if not d or not d.get("quantities"):
        return []
    edition = d["key"].split("/", 1)[0]
    return list(zip(figure_columns(edition), figure_cells(d["quantities"], edition), strict=True))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


# ---------------------------------------------------------------------- pages
@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
) -> Response:
    scopes = browse.scopes()
    return templates.TemplateResponse(
        request,
        "home.html",
        {"scopes": scopes, "groups": picker_groups(browse), "key": None},
    )


@router.get("/browse", response_class=HTMLResponse)
def browse_index(
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
) -> Response:
    return templates.TemplateResponse(request, "browse.html", {"scopes": browse.scopes()})


@router.get("/browse/deliverable/{edition}/{scope}/{item}", response_class=HTMLResponse)
def browse_deliverable(
    edition: str,
    scope: str,
    item: str,
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
    svc: Mandates = Depends(get_mandates),
) -> Response:
    answer = svc.mandates(f"{edition}/{scope}/{item}")  # UnknownKeyError -> 404
    d = answer["deliverable"]
    by_basis: dict[str, list[tuple[dict[str, Any], list[dict[str, Any]]]]] = defaultdict(list)
    for m in answer["mandates"]:
        kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for b in m["basis"]:
            kinds[b["kind"]].append(b)
        for kind, bases in kinds.items():
            by_basis[kind].append((m, bases))
    groups = [(k, by_basis[k]) for k in BASIS_LABELS if by_basis.get(k)]
    return templates.TemplateResponse(
        request,
        "deliverable.html",
        {
            "d": d,
            "scope": browse.scope(d["scope"]),
            "edition": edition,
            "columns": figure_columns(edition),
            "cells": figure_cells(d["quantities"], edition),
            "chart": chart(d["quantities"], edition),
            "groups": groups,
            "count": len(answer["mandates"]),
            "organs": browse.organs(),
        },
    )


@router.get("/browse/{edition}/{scope}", response_class=HTMLResponse)
def browse_scope(
    edition: str,
    scope: str,
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
    svc: Mandates = Depends(get_mandates),
    store: Store = Depends(get_store),
    iris: Iris = Depends(get_iris),
) -> Response:
    key = f"{edition}/{scope}"
    this = browse.scope(key)  # UnknownKeyError -> 404
    scopes = browse.scopes()
    try:
        predecessors = predecessors_view(Crosswalk(store, iris).predecessors(edition, scope))["rows"]
    except UnknownKeyError:
        predecessors = []
    deliverables = {d["key"]: d for d in svc.deliverables(key)["deliverables"]}
    lines = browse.table_lines(key)
    table = deliverables and next(iter(deliverables.values()))["table"]
    return templates.TemplateResponse(
        request,
        "scope.html",
        {
            "scope": this,
            "parent": next((s for s in scopes if s.key == this.parent), None),
            "children": [s for s in scopes if s.parent == this.key],
            "objective": browse.objective(key),
            "highlight": browse.highlight(key),
            "results": browse.results(key),
            "lists": browse.mandate_lists(key),
            "organs": browse.organs(),
            "lines": lines,
            "deliverables": deliverables,
            "cells": {
                **{ln.key: figure_cells(ln.quantities, edition) for ln in lines if ln.kind == "total"},
                **{k: figure_cells(d["quantities"], edition) for k, d in deliverables.items()},
            },
            "columns": figure_columns(edition),
            "table": table,
            "predecessors": predecessors,
        },
    )


@router.get("/strategy", response_class=HTMLResponse)
def strategy(
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
    store: Store = Depends(get_store),
    iris: Iris = Depends(get_iris),
) -> Response:
    """The strategy 2008-2011: its themes and result areas, each with the 2025 scopes that carry its work on."""
    crosswalk = Crosswalk(store, iris)
    scopes = scope_index(browse)
    themes: list[dict[str, Any]] = []
    for e in crosswalk.outline():
        view = element_view(crosswalk, scopes, crosswalk.element(e["number"]))
        if view["kind"] == "theme":
            unique = {s["scope"]: s["scope_view"] for s in view["successors_view"]}
            themes.append({**view, "areas": [], "scopes": sorted(unique.values(), key=lambda v: v["key"])})
        elif themes:
            themes[-1]["areas"].append(view)
    return templates.TemplateResponse(request, "strategy.html", {"themes": themes})


@router.get("/ask", response_class=HTMLResponse)
def ask(
    request: Request,
    key: str | None = None,
    templates: Jinja2Templates = Depends(get_site_templates),
    browse: Browse = Depends(get_browse),
    svc: Mandates = Depends(get_mandates),
) -> Response:
    key = (key or "").strip() or None
    answer: dict[str, Any] | None = None
    error: str | None = None
    if key:
        try:
            answer = svc.mandates(key)
        except UnknownKeyError as exc:
            error = str(exc)
    counts: dict[str, int] = defaultdict(int)
    topics: dict[str, dict[str, Any]] = {}
    for m in (answer or {}).get("mandates", []):
        for kind in {b["kind"] for b in m["basis"]}:
            counts[kind] += 1
        for b in m["basis"]:
            for t in b.get("topics") or []:
                topics.setdefault(t["key"], t)
    d = answer["deliverable"] if answer else None
    return templates.TemplateResponse(
        request,
        "ask.html",
        {
            "key": key,
            "answer": answer,
            "error": error,
            "counts": counts,
            "topics": list(topics.values()),
            "groups": picker_groups(browse),
            "organs": browse.organs(),
            "scope": browse.scope(d["scope"]) if d else None,
            "figures": _figures(d),
        },
        status_code=404 if error else 200,
    )


@router.get("/editor", response_class=HTMLResponse)
def editor(
    request: Request,
    query: str | None = None,
    run: bool = False,
    templates: Jinja2Templates = Depends(get_site_templates),
    settings: Settings = Depends(get_settings),
    iris: Iris = Depends(get_iris),
) -> Response:
    queries = load_queries(settings)
    pfx = prefixes(iris)
    starter = "".join(f"PREFIX {k}: <{v}>\n" for k, v in pfx.items()) + "\nSELECT * WHERE {\n  ?s ?p ?o .\n} LIMIT 10\n"
    chosen: SavedQueryView | None = None
    if query:
        chosen = next((q for q in queries if q.name == query), None)
        if chosen is None:
            names = ", ".join(q.name for q in queries)
            raise UnknownKeyError(f"no saved query {query!r}; the saved queries are: {names} (see /queries)")
    elif queries:
        chosen = queries[0]
    config = {
        "endpoint": "/sparql",
        "prefixes": pfx,
        "query": chosen.text if chosen else starter,
        "name": chosen.name if chosen else None,
        "title": chosen.title if chosen else None,
        "run": bool(run and chosen),
        "newTabQuery": starter,
    }
    return templates.TemplateResponse(
        request, "editor.html", {"config": config, "queries": queries, "chosen": chosen, "run": run}
    )


@router.get("/queries", response_class=HTMLResponse)
def saved_queries(
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    settings: Settings = Depends(get_settings),
) -> Response:
    return templates.TemplateResponse(request, "queries.html", {"queries": load_queries(settings)})


@router.get("/downloads", response_class=HTMLResponse)
def downloads_page(
    request: Request,
    templates: Jinja2Templates = Depends(get_site_templates),
    settings: Settings = Depends(get_settings),
    store: Store = Depends(get_store),
) -> Response:
    return templates.TemplateResponse(request, "downloads.html", {"files": downloads(request, settings, store)})


@downloads_router.get(
    "/downloads/{name}",
    summary="One file of the whole graph: a source's Turtle, the inferred graph, the N-Quads or the JSON-LD",
    description="The names are listed on /downloads: a-79-6-sect16.ttl, e-cn7-2007-14.ttl, inferred.ttl, "
    f"unodc-kg.nq, {JSONLD_NAME}.",
    response_class=Response,
    responses={
        200: {"description": "the file, as an attachment", "content": {m: {} for m in MEDIA_TYPES.values()}},
        404: {"model": Error, "description": "no such download: the error lists them"},
    },
)
def download(
    request: Request,
    name: str = PathParam(examples=["e-cn7-2007-14.ttl"], json_schema_extra={"pattern": f"^(?:{DOWNLOAD_PATTERN})$"}),
    settings: Settings = Depends(get_settings),
    store: Store = Depends(get_store),
) -> Response:
    if name == JSONLD_NAME:
        return Response(jsonld(request, store), media_type=MEDIA_TYPES[".jsonld"], headers=_attachment(name))
    files = {p.name: p for p in source_turtle_files(settings)}
    inferred = settings.generated_dir / INFERRED_FILE
    if inferred.exists():
        files[inferred.name] = inferred
    if settings.nquads_file.exists():
        files[settings.nquads_file.name] = settings.nquads_file
    path = files.get(name)
    if path is None:
        raise UnknownKeyError(f"no download {name!r}; the downloads are: {', '.join([*files, JSONLD_NAME])}")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=_attachment(name))
