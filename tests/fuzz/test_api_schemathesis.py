"""Property-based fuzzing of the HTTP API from its own OpenAPI description (issue 6, 3a).

Schemathesis reads /openapi.json from a live server on 127.0.0.1 and, for every documented operation (the
mandates and strategy APIs, /sparql GET and POST, the linked-data routes), sends the description's examples,
then generated requests that fit the description and requests that do not. No answer may be a server error,
and every answer must be one the description declares: its status code, its media type and, for JSON, its
schema (the pydantic models of api/mandates.py and api/strategy.py; `Error` for every error).

The operations are read from the app's OpenAPI document when the tests are collected (a new route is fuzzed
without touching this file); each is fuzzed against the live server. Bounded for CI: at most MAX_EXAMPLES
requests per operation and mode, derandomized, so a run is reproducible and takes well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.app import create_app

MAX_EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
DESCRIPTION = create_app().openapi()
OPERATIONS = sorted((path, method.upper()) for path, ops in DESCRIPTION["paths"].items() for method in ops)
SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def api_schema(server: str) -> schemathesis.schemas.BaseSchema:
    """The live server's own OpenAPI description, with its address as the base of every request."""
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    schema.config.update(base_url=server)
    return schema


def asked_for_its_own_time_limit(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """A 503 with Retry-After for a request that set `timeout=` itself (/sparql): the query was stopped at the
    limit the caller chose, as documented (e.g. timeout=5e-324), not a fault of the server."""
    body = case.body if isinstance(case.body, dict) else {}
    asked = "timeout" in (case.query or {}) or "timeout" in body
    return response.status_code == 503 and asked and "retry-after" in {h.lower() for h in response.headers}


def _run(strategy: st.SearchStrategy[schemathesis.Case], examples: int, base_url: str) -> None:
    @given(case=strategy)
    @settings(SETTINGS, max_examples=examples)
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=base_url, timeout=30)
        checks = CHECKS[1:] if asked_for_its_own_time_limit(case, response) else CHECKS
        case.validate_response(response, checks=checks)

    check()


def test_every_route_is_described() -> None:
    """The machines' routes are in the description: the APIs, /sparql both ways, the linked data."""
    described = set(OPERATIONS)
    for needed in [
        ("/api/deliverables/{edition}/{scope}/{item}/mandates", "GET"),
        ("/api/instruments/{organ}/{ident}/deliverables", "GET"),
        ("/api/strategy/2008-2011/{number}", "GET"),
        ("/sparql", "GET"),
        ("/sparql", "POST"),
        ("/id/{path}", "GET"),
        ("/graph/{name}", "GET"),
    ]:
        assert needed in described


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_the_api_answers_as_described(
    api_schema: schemathesis.schemas.BaseSchema, server: str, path: str, method: str
) -> None:
    operation = api_schema[path][method]
    examples: list[st.SearchStrategy[schemathesis.Case]] = operation.get_strategies_from_examples()
    if examples:
        _run(st.one_of(examples), MAX_EXAMPLES, server)
    described = DESCRIPTION["paths"][path][method.lower()]
    takes_input = bool(described.get("parameters") or described.get("requestBody"))
    # A request that does not fit the description needs something to get wrong: a parameter or a body.
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if takes_input else (GenerationMode.POSITIVE,):
        _run(operation.as_strategy(generation_mode=mode), MAX_EXAMPLES, server)
