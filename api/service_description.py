"""The SPARQL service description (GET /sparql without a query), with a VoID description of the dataset."""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SH, VOID

from unodc_kg.results import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, negotiate
from unodc_kg.saved_queries import load_saved_queries

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = Namespace("https://schema.org/")
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n|\s|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)
_FORM = re.compile(r"^(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}


def describe(request: Request) -> Graph:
    app = request.app
    iris = app.state.iris
    server = app.state.server_settings
    endpoint = URIRef(str(request.url_for("sparql_get")))
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    service = URIRef(str(endpoint) + "#service")
    dataset = URIRef(f"{iris.base}dataset")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for media in (*dict.fromkeys(RESULT_TYPES), *GRAPH_TYPES):
        if media in RESULT_FORMAT_IRIS:
            g.add((service, SD.resultFormat, RESULT_FORMAT_IRIS[media]))
    g.add(
        (
            service,
            RDFS.comment,
            Literal(
                f"Read-only SPARQL 1.1 query service. Queries are stopped after {server.query_timeout:g} s "
                f"(a caller may ask for less with timeout=…); answers are cut at {server.max_rows} rows, "
                f"announced in X-Result-Truncated; requests are limited to {server.max_body} bytes; "
                "SERVICE and SPARQL Update are refused.",
                lang="en",
            ),
        )
    )
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, DCTERMS.title, Literal("unodc-kg: the mandates behind UNODC's programme", lang="en")))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    g.add((dataset, VOID.uriSpace, Literal(f"{iris.base}id/")))
    g.add((dataset, VOID.vocabulary, URIRef(str(iris.kg))))
    default = URIRef(str(endpoint) + "#default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("The union of all named graphs.", lang="en")))
    store = app.state.store
    counts = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    ours = set(store.graphs())  # a remote store may hold graphs that are not the data's (its load stamp)
    total = 0
    for row in (r for r in counts if r["g"].value in ours):
        name, n = URIRef(row["g"].value), int(row["n"].value)
        total += n
        ng = URIRef(str(endpoint) + "#graph-" + name.rsplit("/", 1)[-1])
        g.add((dataset, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, name))
        g.add((ng, SD.graph, name))
        g.add((name, RDF.type, VOID.Dataset))
        g.add((name, VOID.triples, Literal(n, datatype=XSD.integer)))
        g.add((dataset, VOID.subset, name))
    g.add((dataset, VOID.triples, Literal(total, datatype=XSD.integer)))
    _examples(g, request, endpoint)
    return g


def _examples(g: Graph, request: Request, endpoint: URIRef) -> None:
    """Our saved queries as examples, in the convention of the SIB SPARQL examples (sh:SPARQLExecutable)."""
    g.bind("sh", SH)
    g.bind("schema", SCHEMA)
    base: str = request.app.state.iris.base
    rebase = request.app.state.iris.rebase
    for q in load_saved_queries(request.app.state.settings.queries_dir):
        node = URIRef(f"{str(request.base_url).rstrip('/')}/queries#{q.name}")
        form = _FORM.search(_PROLOGUE.sub("", q.text))
        kind = form.group(1).lower() if form else "select"
        g.add((node, RDF.type, SH.SPARQLExecutable))
        g.add((node, RDF.type, SH[f"SPARQL{kind.capitalize()}Executable"]))
        g.add((node, RDFS.label, Literal(q.title, lang="en")))
        g.add((node, RDFS.comment, Literal(q.description, lang="en")))
        g.add((node, SH[kind], Literal(rebase(q.text) if base else q.text)))
        g.add((node, SCHEMA.target, endpoint))


def response(request: Request) -> Response:
    try:
        media = negotiate("graph", request.headers.get("accept"), request.query_params.get("format"))
    except NotAcceptable as exc:
        return JSONResponse({"error": str(exc)}, status_code=406)
    fmt = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
    }[media]
    body = describe(request).serialize(format=fmt, encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})
