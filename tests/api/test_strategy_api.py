"""GET /api/strategy/2008-2011/{number} (contract.md) and GET /api/scopes/{edition}/{scope}/predecessors, live."""

from __future__ import annotations

import httpx
import pytest

ID = "https://w3id.org/unodc-kg/id/"


def get(server: str, path: str) -> httpx.Response:
    return httpx.get(server + path, headers={"Accept": "application/json"}, timeout=30)


def test_result_area_3_2_and_its_successor(server: str) -> None:
    response = get(server, "/api/strategy/2008-2011/3.2")
    assert response.status_code == 200
    body = response.json()
    assert body["key"] == "2008-2011/3.2"
    assert body["iri"] == f"{ID}strategy/2008-2011/3.2"
    assert body["title"] == {"zh": "预防腐败"}
    assert "text" in body
    assert body["source"]["line"] == 405
    assert "paragraph" in body["source"]
    (successor,) = body["successors"]
    assert successor["scope"] == "2025/sp3"
    assert successor["confidence"] == "high"
    assert "预防腐败" in successor["justification"] and "line 787" in successor["justification"]
    assert "reason" not in body


def test_a_result_has_its_paragraph_and_its_successors(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/1.1.4").json()
    assert body["source"] == {
        "document": "e-cn7-2007-14",
        "paragraph": "e-cn7-2007-14/1.1.4",
        "line": 242,
        "last_line": None,
    }
    assert [(s["scope"], s["confidence"]) for s in body["successors"]] == [
        ("2025/sp9-1", "high"),
        ("2025/sp9-2", "medium"),
    ]


def test_a_theme_gathers_the_links_below_it(server: str) -> None:
    body = get(server, "/api/strategy/2008-2011/3").json()
    assert body["title"] == {"zh": body["title"]["zh"]} and body["text"]["zh"]
    assert {s["scope"] for s in body["successors"]} == {"2025/sp2", "2025/sp3", "2025/sp5"}


@pytest.mark.parametrize("number", ["9.9", "3.9", "x", "3.2.99", "1.1.1.1"])
def test_unknown_numbers_are_404_with_what_keys_look_like(server: str, number: str) -> None:
    response = get(server, f"/api/strategy/2008-2011/{number}")
    assert response.status_code == 404
    assert "2008-2011/3.2" in response.json()["error"]


def test_predecessors_of_subprogramme_5(server: str) -> None:
    body = get(server, "/api/scopes/2025/sp5/predecessors").json()
    assert body["scope"]["key"] == "2025/sp5"
    assert [p["strategy"] for p in body["predecessors"]] == [
        "2008-2011/1.3",
        "2008-2011/3.1",
        "2008-2011/3.6",
        "2008-2011/3.7",
        "2008-2011/3.8",
    ]
    assert all(p["confidence"] in ("high", "medium", "low") and p["justification"] for p in body["predecessors"])


@pytest.mark.parametrize("path", ["2025/sp99", "2024/sp3", "2025/SP3"])
def test_unknown_scopes_are_404(server: str, path: str) -> None:
    response = get(server, f"/api/scopes/{path}/predecessors")
    assert response.status_code == 404
    assert "2025/sp9-1" in response.json()["error"]
