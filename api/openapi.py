"""The OpenAPI description, completed: what FastAPI cannot see from the routes' signatures.

FastAPI documents the routes that declare their parameters. Three things it cannot know are added here, once,
when /openapi.json is first asked for:

- /sparql reads its parameters and body itself (the SPARQL 1.1 Protocol allows repeated parameters and two
  kinds of body), so its parameters, request bodies and the media types of its answers are written out here;
- every error is `{"error": "..."}` (the `Error` schema), including a parameter FastAPI refuses (422, see
  app.py), so the default `HTTPValidationError` is replaced;
- any route may answer 502 (the store behind the server failed) or 503 (a query ran out of time).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from unodc_kg.results import FORMAT_NAMES, GRAPH_TYPES, RESULT_TYPES

from .mandates import Error

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_CONTENT = {"application/json": {"schema": ERROR_REF}}
STORE_ERRORS = {
    "502": {"description": "the store behind this server failed (its log says why)", "content": ERROR_CONTENT},
    "503": {
        "description": "a query took longer than the time limit, or every worker is busy (see Retry-After)",
        "content": ERROR_CONTENT,
        "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}},
    },
}
SPARQL_MEDIA = sorted({*RESULT_TYPES, *GRAPH_TYPES})
QUERY_DOC = "a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); SERVICE and updates are refused"
GRAPH_URI_DOC = "an IRI: the {} of the query's dataset (SPARQL 1.1 Protocol); may be repeated"


def _sparql_parameters(with_query: bool) -> list[dict[str, Any]]:
    """The protocol's parameters (query string of GET, and of a POST whose body is the query)."""
    params: list[dict[str, Any]] = []
    if with_query:
        params.append(
            {
                "name": "query",
                "in": "query",
                "required": False,
                "description": QUERY_DOC + "; without any parameter, GET /sparql describes the service",
                "schema": {"type": "string"},
                "examples": {"ask": {"value": "ASK { ?s ?p ?o }"}},
            }
        )
    for name, what in (("default-graph-uri", "default graph"), ("named-graph-uri", "named graphs")):
        params.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": GRAPH_URI_DOC.format(what),
                "schema": {"type": "array", "items": {"type": "string", "format": "iri"}},
                "style": "form",
                "explode": True,
            }
        )
    params.append(
        {
            "name": "timeout",
            "in": "query",
            "required": False,
            "description": "seconds the query may run, at most the server's limit (a caller may lower it only)",
            "schema": {"type": "number", "exclusiveMinimum": 0},
        }
    )
    params.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "the answer's format by name or media type; wins over Accept",
            "schema": {"type": "string", "enum": sorted({*FORMAT_NAMES, *SPARQL_MEDIA})},
        }
    )
    return params


def _sparql_responses(describes: bool) -> dict[str, Any]:
    ok = "the answer: solutions or a boolean (SPARQL results), or triples (CONSTRUCT, DESCRIBE)"
    if describes:
        ok += "; without a query, the service description (Turtle or another RDF format)"
    return {
        "200": {
            "description": ok,
            "content": {media: {} for media in SPARQL_MEDIA},
            "headers": {
                "X-Result-Limit": {"schema": {"type": "integer"}, "description": "rows (or triples) at most"},
                "X-Result-Truncated": {"schema": {"type": "string"}, "description": "true when the answer was cut"},
            },
        },
        **({"303": {"description": "a browser without a query is sent to the editor (/editor)"}} if describes else {}),
        "400": {"description": "no query, a malformed one, or a bad parameter", "content": ERROR_CONTENT},
        "403": {"description": "SPARQL Update: this endpoint is read-only", "content": ERROR_CONTENT},
        "406": {"description": "no format fits the Accept header", "content": ERROR_CONTENT},
        "413": {"description": "the request is larger than the server's limit", "content": ERROR_CONTENT},
        **({} if describes else {"415": {"description": "an unsupported content type", "content": ERROR_CONTENT}}),
    }


def _complete_sparql(paths: dict[str, Any]) -> None:
    ops = paths.get("/sparql", {})
    if "get" in ops:
        ops["get"]["parameters"] = _sparql_parameters(with_query=True)
        ops["get"]["responses"] = _sparql_responses(describes=True)
    if "post" in ops:
        form = {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": QUERY_DOC},
                **{p["name"]: p["schema"] for p in _sparql_parameters(with_query=False)},
            },
            "required": ["query"],
        }
        ops["post"]["parameters"] = _sparql_parameters(with_query=False)
        ops["post"]["requestBody"] = {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": form,
                    "encoding": {"default-graph-uri": {"explode": True}, "named-graph-uri": {"explode": True}},
                },
                "application/sparql-query": {"schema": {"type": "string", "description": QUERY_DOC}},
            },
        }
        ops["post"]["responses"] = _sparql_responses(describes=False)


def _errors_everywhere(paths: dict[str, Any]) -> None:
    """Every error answer is the Error schema; 502 and 503 can come from any route that asks the store."""
    for ops in paths.values():
        for op in ops.values():
            responses = op.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "a parameter of the wrong type", "content": ERROR_CONTENT}
            for status, response in STORE_ERRORS.items():
                responses.setdefault(status, response)


def openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, completed (see the module's docstring), built once."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    doc = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    paths = doc.get("paths", {})
    _complete_sparql(paths)
    _errors_everywhere(paths)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", Error.model_json_schema(ref_template="#/components/schemas/{model}"))
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = doc
    return doc
