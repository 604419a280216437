"""SPARQL injection through every parameter of every route, against a live server over HTTP (issue 6, item 2).

The routes and their parameters are read from the app itself (its routes, and the OpenAPI description for
/sparql, which reads its parameters by hand), so a new route or parameter is attacked without touching this
file; it only needs a valid value in VALID (the test says so when one is missing). Each parameter in turn is
replaced by, and then suffixed with, each payload while the others keep valid values: the payload is the only
bad part of the request. Every answer must be a clean 4xx (a free-text parameter may answer 200), never a 5xx;
no HTML page may echo a payload's markup unescaped; and the graph must answer afterwards exactly as before.

Requests are sent with http.client, byte for byte as written here (no client normalises `..` or re-encodes).
"""

from __future__ import annotations

import http.client
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import pytest
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from api.app import create_app

log = logging.getLogger(__name__)

PAYLOADS = [
    "2025/sp1/7> } ; DROP ALL ; #",  # close the IRI and the group, then an update
    'x") } UNION { ?s ?p ?o }',  # close a literal
    "x\\u0022) } UNION { ?s ?p ?o }",  # a SPARQL \u escape of '"', which the parser would decode
    "\\u003e } ; DROP ALL ; #",  # \u003e is '>': an escaped end of IRI
    "%3E%20%7D",  # '> }' percent-encoded once more
    '"',
    "'",
    ">",
    "<script>alert(1)</script>",
    "\n",
    "7\nDROP ALL",
    "\x00",
    "ＤＲＯＰ　ＡＬＬ",  # full-width forms, which NFKC folds into ASCII
    "é",
    "k" * 5000,  # a very long key
]
TRAVERSALS = ["..", "../..", "%2e%2e", "..%2f..%2fpyproject.toml", "%2e%2e%2f%2e%2e%2fpyproject.toml", "....//"]
# A valid value for each parameter, by (route, name) and then by name: the baseline each attack changes.
VALID = {
    ("/api/deliverables", "scope"): "2025/sp1",
    ("/api/scopes/{edition}/{scope}/predecessors", "scope"): "sp3",
    ("/ontology/{name}", "name"): "Deliverable",
    ("/shapes/{name}", "name"): "DeliverableShape",
    ("/graph/{name}", "name"): "reference",
    ("/downloads/{name}", "name"): "a-79-6-sect16.ttl",
    ("/editor", "query"): "mandates-of-deliverable",
    ("/sparql", "query"): "ASK { ?s ?p ?o }",
    ("/sparql", "format"): "json",
    ("/sparql", "timeout"): "3",
    ("/sparql", "default-graph-uri"): "https://w3id.org/unodc-kg/graph/reference",
    ("/sparql", "named-graph-uri"): "https://w3id.org/unodc-kg/graph/reference",
    "edition": "2025",
    "scope": "sp1",
    "item": "7",
    "organ": "ga",
    "ident": "75-194",
    "number": "3.2",
    "path": "deliverable/2025/sp1/7",
    "key": "2025/sp1/7",
    "q": "贩运人口",
    "format": "json",
    "run": "true",
    "ext": "ttl",
}
# Parameters whose value is free text, not a key: any text is a fair question (a search, a picker left empty).
FREE_TEXT = {("/api/search", "q"), ("/ask", "key"), ("/editor", "run")}
SPARQL_DATASET = ("default-graph-uri", "named-graph-uri")
MANDATES = "/api/deliverables/2025/sp1/7/mandates"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # the template, e.g. /api/deliverables/{edition}/{scope}/{item}
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]

    def url(self, values: dict[str, str], encode: bool = True) -> str:
        """The request target with these values; `encode=False` leaves a path value as it is (traversals)."""
        target = self.path.replace(":path}", "}")
        for name in self.path_params:
            value = values[name]
            shown = quote(value, safe="/" if name == "path" else "") if encode else value
            target = target.replace("{" + name + "}", shown)
        query = {n: values[n] for n in self.query_params if n in values}
        return target + ("?" + urlencode(query, quote_via=quote) if query else "")


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """The app's routes, through the routers it includes (FastAPI wraps an included router in a route)."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield r
        elif (inner := getattr(r, "original_router", None)) is not None:
            yield from _api_routes(inner.routes)


def _routes() -> list[Route]:
    """Every route that takes a value, GET (and POST /sparql), from the app's routes and its OpenAPI document."""
    app = create_app()
    described = app.openapi()["paths"]
    out: dict[tuple[str, str], Route] = {}
    for r in _api_routes(app.routes):
        for method in sorted(r.methods & {"GET", "POST"}):
            path = r.path_format
            params = described.get(path, {}).get(method.lower(), {}).get("parameters", [])
            query = {p.name for p in r.dependant.query_params} | {p["name"] for p in params if p["in"] == "query"}
            if method == "POST" and path != "/sparql":
                continue
            form = described.get(path, {}).get(method.lower(), {}).get("requestBody", {}).get("content", {})
            query |= set(form.get("application/x-www-form-urlencoded", {}).get("schema", {}).get("properties", {}))
            paths = tuple(p.name for p in r.dependant.path_params)
            if paths or query:
                out[(method, path)] = Route(method, r.path, paths, tuple(sorted(query)))
    return sorted(out.values(), key=lambda r: (r.path, r.method))


ROUTES = _routes()


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    location: str = ""


def request(server: str, method: str, target: str, body: str | None = None, accept: str = "*/*") -> Answer:
    """One request, the target sent exactly as given (no client normalises `..` or re-encodes it)."""
    where = urlsplit(server)
    conn = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=60)
    headers = {"Accept": accept}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, target, body=body.encode() if body is not None else None, headers=headers)
        response = conn.getresponse()
        kind, location = response.getheader("content-type") or "", response.getheader("location") or ""
        return Answer(
            response.status, kind, response.read(), urlsplit(location)._replace(scheme="", netloc="").geturl()
        )
    finally:
        conn.close()


def send(server: str, route: Route, values: dict[str, str], encode: bool = True) -> Answer:
    if route.method == "POST":  # the form: every parameter in the body
        body = urlencode({n: values[n] for n in route.query_params if n in values}, quote_via=quote)
        return request(server, "POST", route.path, body)
    return request(server, "GET", route.url(values, encode))


def baseline(route: Route) -> dict[str, str]:
    values: dict[str, str] = {}
    for name in (*route.path_params, *route.query_params):
        value = VALID.get((route.path, name), VALID.get(name))
        if value is None:
            pytest.fail(f"{route.method} {route.path}: give the parameter {name!r} a valid value in VALID")
        values[name] = value
    return values


def graph_state(server: str) -> tuple[bytes, int]:
    """What must not change: a fixed mandates answer, and the number of statements."""
    answer = request(server, "GET", MANDATES, accept="application/json")
    assert answer.status == 200
    counted = request(server, "GET", "/sparql?" + urlencode({"query": COUNT}), accept="application/sparql-results+json")
    assert counted.status == 200
    rows = json.loads(counted.body)["results"]["bindings"]
    return answer.body, int(rows[0]["n"]["value"])


@pytest.fixture(scope="module")
def before(server: str) -> tuple[bytes, int]:
    return graph_state(server)


def attacks(route: Route, name: str) -> list[tuple[str, str]]:
    """(description, value): each payload in place of the valid value, and after it."""
    valid = baseline(route)[name]
    return [(f"{p[:30]!r}", p) for p in PAYLOADS] + [(f"{valid}+{p[:30]!r}", valid + p) for p in PAYLOADS]


def check_answer(route: Route, name: str, payload: str, response: Answer) -> str | None:
    """What is wrong with an answer to an attack, or None."""
    status = response.status
    body = response.body
    if status >= 500:
        return f"{status} {body[:200]!r}"
    # /sparql's values are a query and its dataset, not keys; its own hardening is tested in tests/api.
    free = (route.path, name) in FREE_TEXT or route.path == "/sparql"
    if status >= 300 and status != 304 and not 400 <= status < 500:
        return f"{status}: neither an answer nor a clean 4xx"
    trimmed = payload.strip() == baseline(route)[name]  # a valid value with blanks around it, e.g. "json\n"
    if status < 300 and not (free or trimmed):
        return f"{status}: a key with a payload was taken as a key"
    if "html" in response.content_type and b"<script>alert" in body:
        return "the page echoes the payload's markup unescaped"
    return None


def test_every_route_with_values_is_attacked() -> None:
    """The machines' and people's routes are all here, /sparql both ways, /downloads among them."""
    found = {(r.method, r.path) for r in ROUTES}
    for needed in [
        ("GET", "/api/deliverables/{edition}/{scope}/{item}/mandates"),
        ("GET", "/api/instruments/{organ}/{ident}/deliverables"),
        ("GET", "/api/search"),
        ("GET", "/id/{path:path}"),
        ("GET", "/ask"),
        ("GET", "/editor"),
        ("GET", "/downloads/{name}"),
        ("GET", "/sparql"),
        ("POST", "/sparql"),
    ]:
        assert needed in found, needed


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method} {r.path}" for r in ROUTES])
def test_injection_through_every_parameter_is_inert(server: str, before: tuple[bytes, int], route: Route) -> None:
    valid = baseline(route)
    ok = send(server, route, valid)
    assert ok.status == 200, f"the baseline {route.url(valid)} answers {ok.status}: fix VALID"
    problems = []
    for name in (*route.path_params, *route.query_params):
        if route.path == "/sparql" and name in SPARQL_DATASET:
            continue  # test_sparql_dataset_iris_are_refused_cleanly, on a server of its own
        for label, value in attacks(route, name):
            response = send(server, route, {**valid, name: value})
            problem = check_answer(route, name, value, response)
            if problem:
                problems.append(f"{name}={label}: {problem}")
    assert not problems, "\n".join(problems[:30])


def test_sparql_dataset_iris_are_refused_cleanly(server_factory: Callable[[dict[str, str]], str]) -> None:
    """Payloads as default-graph-uri and named-graph-uri: 4xx (or 200: an IRI naming no graph), on a server of
    its own so that a failure here cannot take the other tests' server down."""
    server = server_factory({})
    before = graph_state(server)
    route = next(r for r in ROUTES if r.path == "/sparql" and r.method == "GET")
    valid = baseline(route)
    for name in SPARQL_DATASET:
        for label, value in attacks(route, name):
            response = send(server, route, {**valid, name: value})
            assert 400 <= response.status < 500 or response.status == 200, f"{name}={label}: {response.status}"
    assert graph_state(server) == before


def test_path_traversal_on_downloads_is_refused(server: str) -> None:
    for traversal in TRAVERSALS:
        for target in (f"/downloads/{traversal}", f"/downloads/{traversal}/pyproject.toml"):
            response = request(server, "GET", target)
            if response.status in (307, 308):  # a trailing slash taken off: follow it, once
                response = request(server, "GET", response.location)
            assert 400 <= response.status < 500, (target, response.status)
            assert b"[project]" not in response.body


def test_a_script_in_a_question_comes_back_escaped(server: str) -> None:
    """/ask?key=<script>…: the page says the key is unknown, with the key escaped, never as markup."""
    target = "/ask?" + urlencode({"key": "<script>alert(1)</script>"})
    response = request(server, "GET", target, accept="text/html")
    body = response.body.decode()
    assert response.status == 404
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body or "&#39;&lt;script&gt;" in body


def test_an_unknown_key_says_what_keys_look_like(server: str) -> None:
    """The contract's 404: a JSON error naming the bad key and the shape of good ones."""
    response = request(server, "GET", "/api/deliverables/2025/sp1/7%3E%20%7D/mandates", accept="application/json")
    assert response.status == 404
    error = json.loads(response.body)["error"]
    assert "'2025/sp1/7> }'" in error and "deliverable keys look like 2025/sp1/7" in error


def test_a_control_character_in_a_path_is_not_dropped(server: str) -> None:
    """The router's patterns end in `$`, which would let …/7%0A answer for …/7: refused first, naming it."""
    for target in ("/id/deliverable/2025/sp1/7%0A", "/ontology/%0A", "/api/deliverables/2025/sp1/7%0A/mandates"):
        response = request(server, "GET", target, accept="application/json")
        assert response.status == 404, target
        assert "control character '\\n'" in json.loads(response.body)["error"], target


def test_content_negotiation_values_are_inert(server: str) -> None:
    """Accept headers and ?format= with payloads: 200 in some variant, 406 or 400, never a server error."""
    for target in (MANDATES, "/id/deliverable/2025/sp1/7", "/api/strategy/2008-2011/3.2", "/graph/reference"):
        for accept in ['text/html;q="> } DROP ALL', "*/*;q=nan", "x" * 5000, "text/turtle;q=-1, \\u0022", "'"]:
            response = request(server, "GET", target, accept=accept)
            assert response.status in (200, 406), (target, accept, response.status)


def test_the_graph_answers_as_before(server: str, before: tuple[bytes, int]) -> None:
    """Runs after the attacks (pytest keeps the file's order): nothing was dropped, added or changed."""
    assert graph_state(server) == before
