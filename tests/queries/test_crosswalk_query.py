"""The saved query "What became of result area 3.2?" (queries/successors-of-result-area.rq), on the session's build.

Read by hand: result area 3.2 is 成果领域 3.2. 预防腐败 (E/CN.7/2007/14, line 405); subprogramme 3 of A/79/6
(Sect. 16), 反腐败 (line 783), has the objective "通过有效执行《联合国反腐败公约》预防和打击腐败" (16.40, line 787).
Result area 1.1 (line 230) has links of its own and of its results 1.1.1 (line 234) and 1.1.4 (line 242).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from saved_answers import rows_of, with_value

from unodc_kg.saved_queries import SavedQuery, load_saved_queries
from unodc_kg.store import Store

ROOT = Path(__file__).resolve().parents[2]
NAME = "successors-of-result-area"
ID = "https://w3id.org/unodc-kg/id/"


@pytest.fixture(scope="module")
def query() -> SavedQuery:
    return {q.name: q for q in load_saved_queries(ROOT / "queries")}[NAME]


def for_area(query: SavedQuery, key: str) -> str:
    return with_value(query, "area", f"{ID}strategy/{key}")


def test_the_header(query: SavedQuery) -> None:
    assert query.title == "What became of result area 3.2?"
    assert query.parameters == [("area", f"<{ID}strategy/2008-2011/3.2>")]


def test_result_area_3_2_became_subprogramme_3(query: SavedQuery, store: Store) -> None:
    rows = rows_of(store, query.text)
    assert [(r["from"], r["scope"], r["scopeZh"], r["scopeEn"], r["confidence"], r["reason"]) for r in rows] == [
        ("3.2", "2025/sp3", "反腐败", "Countering corruption", "high", "")
    ]
    (row,) = rows
    assert row["areaTitle"] == "预防腐败"
    assert "「预防腐败」(E/CN.7/2007/14, line 405)" in row["justification"]
    assert (
        "「通过有效执行《联合国反腐败公约》预防和打击腐败」(A/79/6 (Sect. 16) 16.40, line 787)" in row["justification"]
    )


def test_result_area_1_1_with_its_results(query: SavedQuery, store: Store) -> None:
    rows = rows_of(store, for_area(query, "2008-2011/1.1"))
    assert [(r["from"], r["scope"], r["confidence"]) for r in rows] == [
        ("1.1", "2025/sp1", "high"),
        ("1.1.1", "2025/sp3", "high"),
        ("1.1.4", "2025/sp9-1", "high"),
        ("1.1.4", "2025/sp9-2", "medium"),
    ]


def test_every_result_area_has_an_answer(query: SavedQuery, store: Store) -> None:
    areas = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2"] + [f"3.{n}" for n in range(1, 9)]
    for area in areas:
        assert rows_of(store, for_area(query, f"2008-2011/{area}")), area
