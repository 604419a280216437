"""The checks made before a query runs (unodc_kg.workers.check_query), without a server: what the hostile suite
found a simple scan got wrong, and the remote store's path, where the server itself looks for SERVICE."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from api import sparql
from unodc_kg.sparql_text import calls_service, first_keyword
from unodc_kg.workers import Refused, check_query, check_service

TRAP = "<http://127.0.0.1:9/sparql>"


@pytest.mark.parametrize(
    "q",
    [
        # `<2)SERVICE#>` matched the IRI pattern, so the scan blanked the keyword the engine then ran.
        f"SELECT * WHERE {{ FILTER(1<2)SERVICE#>\n{TRAP} {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND({TRAP} AS ?u) FILTER(1<2)SERVICE?u#>\n{{ ?s ?p ?o }} }}",
        f"select * {{ service silent {TRAP} {{ ?s ?p ?o }} }}",
        f"ASK {{ FILTER NOT EXISTS {{ SERVICE {TRAP} {{ }} }} }}",
    ],
)
def test_a_service_clause_is_refused(q: str) -> None:
    assert calls_service(q) is True
    with pytest.raises(Refused, match=re.escape("SERVICE (federated query) is not allowed")):
        check_query(q)


@pytest.mark.parametrize(
    "q",
    [
        # A variable or a prefix named service was refused as if it were the keyword.
        "SELECT ?service WHERE { ?service ?p ?o }",
        "PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }",
        "SELECT * WHERE { ?s ?p 'SERVICE <http://10.0.0.1/> {}' } # SERVICE",
    ],
)
def test_the_word_service_elsewhere_is_not_refused(q: str) -> None:
    assert calls_service(q) is False
    check_query(q)


def test_a_query_too_long_to_parse_that_mentions_service_is_refused_as_unreadable() -> None:
    q = "SELECT ?service WHERE { ?service ?p ?o }" + " " * 200
    check_service(q)
    with pytest.raises(Refused, match="could not be read"):
        check_service(q, max_parsed=100)


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ("DEFINE get:soft 'replace' SELECT * FROM <http://169.254.169.254/> { ?s ?p ?o }", "not 'DEFINE'"),
        ("PREFIX a: <http://a/SELECT> # ASK\nLOAD <http://10.0.0.1/x>", "SPARQL Update (LOAD)"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "SPARQL Update (WITH)"),
        ("  # nothing but a comment", "not 'nothing'"),
    ],
)
def test_only_a_query_form_passes(q: str, words: str) -> None:
    with pytest.raises(Refused, match=re.escape(words)):
        check_query(q, service=False)


def test_the_first_keyword_is_read_past_the_prologue() -> None:
    assert first_keyword("BASE <http://x/> PREFIX : <http://y/INSERT> construct { } WHERE { }") == "CONSTRUCT"


def test_for_a_remote_store_one_query_at_a_time_is_checked_in_the_server() -> None:
    q = f"SELECT * WHERE {{ SERVICE {TRAP} {{ ?s ?p ?o }} }}"

    async def both() -> tuple[object, object]:
        with pytest.raises(Refused):
            await sparql._check_service_here(q)
        async with sparql._CHECKING:  # another query is being checked
            busy = await sparql._check_service_here("SELECT ?service { ?service ?p ?o }")
        return busy, await sparql._check_service_here("SELECT ?service { ?service ?p ?o }")

    busy, fine = asyncio.run(both())
    assert fine is None
    assert getattr(busy, "status_code", None) == 503
    assert "being checked" in json.loads(getattr(busy, "body", b"{}"))["error"]
