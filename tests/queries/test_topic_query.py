"""The saved query "which mandates of 2025/sp1/7 concern its topic" (queries/mandates-on-topic-of-deliverable.rq),
and the ranking of the mandates answer that it mirrors (unodc_kg.query.Mandates, the "topic" basis).

Deliverable 7 of subprogramme 1 is "防止和打击贩运枪支和有关犯罪" (table 16.4, line 642): firearms. Read by hand from
data/sources/A-79-6-Sect16.zh.txt, the instruments that mandate it and speak of firearms (枪支, 火器, 小武器和轻武器)
in their printed titles are, in the lists of paragraph 16.9:
- subprogramme 1's General Assembly list (lines 186-195): 76/32; 77/80 "协助各国制止小武器和轻武器非法贩运并加以收集"
  (line 190, second column) and 76/232; 77/71 "小武器和轻武器非法贸易的各方面问题" (line 194);
- subprogramme 1's list of the COP to the Organized Crime Convention (lines 211-222): 5/4 and 6/2 (line 213), 7/2
  (216), 9/2 (219), 10/2 (221), 11/6 (222, second column); none of the other 14 COP symbols names firearms;
- the programme's treaties (lines 89-96): the Firearms Protocol (line 95);
- the programme's CND list (lines 152-180): 65/2, on the links between drug and firearms trafficking (line 180).
Subprogramme 1's citations (the Organized Crime Convention, lines 544, 552, 648) do not name firearms.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from saved_answers import rows_of, with_value

from unodc_kg.query import Mandates
from unodc_kg.saved_queries import SavedQuery, load_saved_queries
from unodc_kg.store import Store

ROOT = Path(__file__).resolve().parents[2]
NAME = "mandates-on-topic-of-deliverable"
ID = "https://w3id.org/unodc-kg/id/"
SP1 = [f"2025/sp1/{n}" for n in range(1, 11)] + ["2025/sp1/c-1", "2025/sp1/c-2"]

FIREARMS_PROTOCOL = "《联合国打击跨国有组织犯罪公约关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书》"
SALW = "小武器和轻武器"
# instrument, symbol as listed (a treaty's is its name), organ, basis, line, the instrument's words that matched
EXPECTED_SP1_7 = [
    ("ga/76-32", "76/32", "ga", "scope-list", 190, SALW),
    ("ga/77-80", "77/80", "ga", "scope-list", 190, SALW),
    ("ga/76-232", "76/232", "ga", "scope-list", 194, SALW),
    ("ga/77-71", "77/71", "ga", "scope-list", 194, SALW),
    ("cop-untoc/5-4", "5/4", "cop-untoc", "scope-list", 213, "枪支"),
    ("cop-untoc/6-2", "6/2", "cop-untoc", "scope-list", 213, "枪支"),
    ("cop-untoc/7-2", "7/2", "cop-untoc", "scope-list", 216, "枪支"),
    ("cop-untoc/9-2", "9/2", "cop-untoc", "scope-list", 219, "枪支"),
    ("cop-untoc/10-2", "10/2", "cop-untoc", "scope-list", 221, "枪支"),
    ("cop-untoc/11-6", "11/6", "cop-untoc", "scope-list", 222, "枪支"),
    ("treaty/untoc-firearms-protocol", FIREARMS_PROTOCOL, "", "programme-list", 95, "枪支"),
    ("cnd/65-2", "65/2", "cnd", "programme-list", 180, "枪支"),
]


@pytest.fixture(scope="module")
def query() -> SavedQuery:
    return {q.name: q for q in load_saved_queries(ROOT / "queries")}[NAME]


def for_deliverable(query: SavedQuery, key: str) -> str:
    return with_value(query, "deliverable", f"{ID}deliverable/{key}")


def test_the_header(query: SavedQuery) -> None:
    assert query.title == "Which mandates of a deliverable concern its topic?"
    assert query.parameters == [("deliverable", f"<{ID}deliverable/2025/sp1/7>")]


def test_firearms_mandates_of_deliverable_7_of_subprogramme_1(
    query: SavedQuery, store: Store, source_lines: list[str]
) -> None:
    assert source_lines[641].startswith("7. 防止和打击贩运枪支和有关犯罪")
    rows = rows_of(store, query.text)
    got = [(r["instrument"], r["symbol"], r["organ"], r["basis"], int(r["line"]), r["instrumentWords"]) for r in rows]
    assert got == EXPECTED_SP1_7
    for r in rows:
        line = source_lines[int(r["line"]) - 1]
        assert r["topic"] == "firearms"
        assert r["deliverableWords"] == "枪支"
        assert r["title"] and r["title"] in line, r  # the title printed on that line of the list ...
        assert r["instrumentWords"] in r["title"], r  # ... holds the words that matched
        assert r["symbol"] in line, r


def test_no_other_instrument_of_those_lists_names_firearms(source_lines: list[str]) -> None:
    # Lines 182-222 are subprogramme 1's lists; 86-180 the programme's: the symbols above are all that name firearms.
    lines = {n for n in range(86, 223) if re.search("枪支|火器|小武器", source_lines[n - 1])}
    assert lines == {95, 180, 190, 194, 213, 216, 219, 221, 222}


def test_the_query_and_the_api_agree(query: SavedQuery, store: Store, mandates: Mandates) -> None:
    """Every deliverable of subprogramme 1: the query's instruments are those with a "topic" basis, on the same
    topics, and they come first in the answer."""
    for key in SP1:
        rows = rows_of(store, for_deliverable(query, key))
        by_query: dict[str, set[str]] = {}
        for r in rows:
            by_query.setdefault(r["instrument"], set()).add(r["topic"])
        answer = mandates.mandates(key)
        by_api = {
            m["key"]: {t["key"] for b in m["basis"] if b["kind"] == "topic" for t in b["topics"]}
            for m in answer["mandates"]
        }
        by_api = {k: v for k, v in by_api.items() if v}
        assert by_query == by_api, key
        assert [m["key"] for m in answer["mandates"][: len(by_api)]] == sorted(
            by_api, key=lambda k: [m["key"] for m in answer["mandates"]].index(k)
        )


def test_the_answer_is_the_same_on_every_run(query: SavedQuery, store: Store) -> None:
    assert rows_of(store, query.text) == rows_of(store, query.text)


# ---------------------------------------------------------------------------------------------- the ranking


def _topic_basis(m: dict[str, Any]) -> dict[str, Any] | None:
    return next((b for b in m["basis"] if b["kind"] == "topic"), None)


def test_the_answer_of_deliverable_7_is_ranked(mandates: Mandates) -> None:
    answer = mandates.mandates("2025/sp1/7")
    first = answer["mandates"][: len(EXPECTED_SP1_7)]
    assert [m["key"] for m in first] == [e[0] for e in EXPECTED_SP1_7]
    for m, (_key, _symbol, _organ, kind, line, words) in zip(first, EXPECTED_SP1_7, strict=True):
        assert [b["kind"] for b in m["basis"]] == [kind, "topic"]
        topic = m["basis"][1]
        assert topic["line"] == line and topic["paragraph"] == "a-79-6-sect16/16.9"
        assert topic["topics"] == [
            {
                "key": "firearms",
                "iri": ID + "topic/firearms",
                "label": {"en": "Firearms", "zh": "枪支"},
                "matched": {"deliverable": ["枪支"], "instrument": [words]},
            }
        ]
    # then the rest, in the order of their first basis: subprogramme 1's GA list first (64/293, line 188)
    rest = answer["mandates"][len(EXPECTED_SP1_7) :]
    assert rest[0]["key"] == "ga/64-293" and not any(_topic_basis(m) for m in rest)
    assert len(answer["mandates"]) == 188


@pytest.fixture(scope="module")
def answers(mandates: Mandates) -> dict[str, dict[str, Any]]:
    scopes = ["2025/programme", *(f"2025/sp{n}" for n in range(1, 9)), "2025/sp9-1", "2025/sp9-2"]
    return {d["key"]: mandates.mandates(d["key"]) for s in scopes for d in mandates.deliverables(s)["deliverables"]}


def _has_topic(store: Store, node: str) -> set[str]:
    rows = rows_of(
        store,
        f"SELECT ?k WHERE {{ <{node}> <https://w3id.org/unodc-kg/ontology/hasTopic> ?t . "
        "?t <http://www.w3.org/2004/02/skos/core#notation> ?k }",
    )
    return {r["k"] for r in rows}


def test_every_answer_is_ranked_with_its_bases(answers: dict[str, dict[str, Any]], store: Store) -> None:
    assert len(answers) == 150
    ranked = 0
    for key, answer in answers.items():
        mine = _has_topic(store, f"{ID}deliverable/{key}")
        shared = [len(b["topics"]) if (b := _topic_basis(m)) else 0 for m in answer["mandates"]]
        # topic matches first, more shared topics first
        assert shared == sorted(shared, reverse=True), key
        for m in answer["mandates"]:
            kinds = [b["kind"] for b in m["basis"]]
            assert kinds[0] != "topic" and kinds.count("topic") <= 1, (key, m["key"])  # a topic alone mandates nothing
            b = _topic_basis(m)
            if b is None:
                continue
            ranked += 1
            topics = {t["key"] for t in b["topics"]}
            assert topics <= mine and topics <= _has_topic(store, m["iri"]), (key, m["key"])
            assert [t["key"] for t in b["topics"]] == sorted(topics)
            for t in b["topics"]:
                assert t["matched"]["deliverable"] and t["matched"]["instrument"]
                assert set(t["label"]) == {"en", "zh"}
    assert ranked > 500  # most answers rank something


def test_the_rest_keeps_the_order_of_the_first_basis(answers: dict[str, dict[str, Any]]) -> None:
    order = {"scope-list": 0, "programme-list": 1, "cited": 2}
    for key, answer in answers.items():
        firsts = [order[m["basis"][0]["kind"]] for m in answer["mandates"] if not _topic_basis(m)]
        assert firsts == sorted(firsts), key
