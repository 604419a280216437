"""The saved queries on the Virtuoso store give the answers read off the source: the tables of
tests/queries/expected and the checks of tests/queries/test_saved_queries.py, run through the store interface."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from unodc_kg.saved_queries import SavedQuery, load_saved_queries
from unodc_kg.store import RemoteStore, Store

QUERIES_TESTS = Path(__file__).resolve().parents[1] / "queries"
if str(QUERIES_TESTS) not in sys.path:
    sys.path.insert(0, str(QUERIES_TESTS))

import test_saved_queries as checked  # noqa: E402  (tests/queries: the expected answers and their checks)
from test_same_answers import VIRTUOSO_DIFFERS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The answers here are compared by lexical form (tests/queries' `answer`), so a language tag that differs does not.
DIFFERS = {k: v for k, v in VIRTUOSO_DIFFERS.items() if k != "mandates-on-topic-of-deliverable"}


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return {q.name: q for q in load_saved_queries(ROOT / "queries")}


def names(chosen: set[str] | dict[str, Any]) -> list[Any]:
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=DIFFERS[n])) if n in DIFFERS else n
        for n in sorted(chosen)
    ]


@pytest.mark.parametrize("name", names(checked.CSV_CHECKED))
def test_answer_matches_expected_csv(name: str, saved: dict[str, SavedQuery], remote_store: RemoteStore) -> None:
    header, rows = checked.answer(remote_store, saved[name].text)
    expected_header, expected = checked.read_csv(name)
    assert header == expected_header
    assert rows == expected


@pytest.mark.parametrize("name", names(checked.INLINE))
def test_answer_matches_inline_expectations(
    name: str, saved: dict[str, SavedQuery], remote_store: RemoteStore, source_lines: list[str]
) -> None:
    _, rows = checked.answer(remote_store, saved[name].text)
    if name == "corrections":
        checked.check_corrections(rows, source_lines)
    else:
        checked.INLINE[name](rows)


@pytest.mark.parametrize("name", names(checked.CHECKED_ELSEWHERE))
def test_answer_is_the_embedded_stores(
    name: str, saved: dict[str, SavedQuery], remote_store: RemoteStore, store: Store
) -> None:
    """The queries checked by modules of their own: as the embedded store answers them, value for value."""
    assert checked.answer(remote_store, saved[name].text) == checked.answer(store, saved[name].text)
