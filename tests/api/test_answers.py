"""Rendered answers kept per build (api/answers.py): the same bytes every time, ETags, 304, bounded memory."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest

from api.answers import AnswerCache
from unodc_kg.query import Mandates


def fetch(url: str, **headers: str) -> tuple[int, bytes, dict[str, str]]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read(), {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, e.read(), {k.lower(): v for k, v in e.headers.items()}


# ---------------------------------------------------------------------------------------------- the cache itself
def test_least_recently_used_answers_go_first_when_the_bytes_run_out() -> None:
    cache = AnswerCache(owner=None, max_bytes=10)
    cache.put(("/a", "json"), b"aaaa", "application/json")
    cache.put(("/b", "json"), b"bbbb", "application/json")
    assert cache.get(("/a", "json")) is not None  # /a is now the most recently used
    cache.put(("/c", "json"), b"cccc", "application/json")  # 12 bytes > 10: /b goes
    assert cache.get(("/b", "json")) is None
    assert [k for k in (("/a", "json"), ("/c", "json")) if cache.get(k)] == [("/a", "json"), ("/c", "json")]
    assert cache.bytes == 8 and len(cache) == 2
    assert (cache.hits, cache.misses) == (3, 1)


def test_an_answer_bigger_than_the_cache_is_served_but_not_kept() -> None:
    cache = AnswerCache(owner=None, max_bytes=3)
    answer = cache.put(("/big", "json"), b"too big", "application/json")
    assert answer.body == b"too big" and answer.etag.startswith('"')
    assert len(cache) == 0 and cache.bytes == 0


def test_the_etag_is_a_hash_of_the_bytes() -> None:
    cache = AnswerCache(owner=None)
    one = cache.put(("/x", "json"), b"{}", "application/json")
    same = cache.put(("/y", "json"), b"{}", "application/json")
    other = cache.put(("/z", "json"), b"[]", "application/json")
    assert one.etag == same.etag != other.etag


# ---------------------------------------------------------------------------------------------- over HTTP
def test_the_kept_answer_is_the_computed_one(server: str, mandates: Mandates) -> None:
    url = f"{server}/api/deliverables/2025/sp1/7/mandates"
    first = fetch(url, Accept="application/json")
    second = fetch(url, Accept="application/json")
    assert first[0] == second[0] == 200
    assert first[1] == second[1]  # byte for byte
    assert json.loads(first[1]) == json.loads(json.dumps(mandates.mandates("2025/sp1/7")))
    assert first[2]["etag"] == second[2]["etag"] and first[2]["content-type"].startswith("application/json")
    assert "Accept" in first[2]["vary"] and first[2]["content-location"].endswith("?format=json")


def test_if_none_match_gives_304_without_a_body(server: str) -> None:
    url = f"{server}/api/instruments/ga/75-194/deliverables"
    status, body, headers = fetch(url)
    assert status == 200 and body
    etag = headers["etag"]
    assert fetch(url, **{"If-None-Match": etag})[:2] == (304, b"")
    assert fetch(url, **{"If-None-Match": f'"other", W/{etag}'})[0] == 304  # a list, compared weakly
    assert fetch(url, **{"If-None-Match": "*"})[0] == 304
    assert fetch(url, **{"If-None-Match": '"not-this-one"'})[0] == 200


def test_each_variant_is_kept_apart(server: str) -> None:
    url = f"{server}/api/deliverables/2025/sp3/c-1/mandates"
    answers = {fmt: fetch(f"{url}?format={fmt}") for fmt in ("json", "html", "ttl", "nt")}
    assert all(status == 200 for status, _, _ in answers.values())
    assert len({h["etag"] for _, _, h in answers.values()}) == 4
    assert answers["html"][2]["content-type"].startswith("text/html")
    assert answers["ttl"][2]["content-type"].startswith("text/turtle")
    assert b"<html" in answers["html"][1].lower() and b"@prefix" in answers["ttl"][1]
    again = fetch(url, Accept="text/turtle")
    assert again[1] == answers["ttl"][1] and again[2]["etag"] == answers["ttl"][2]["etag"]


def test_unknown_keys_are_still_404_and_never_kept(server: str) -> None:
    for _ in range(2):
        status, body, headers = fetch(f"{server}/api/deliverables/2025/sp1/99/mandates")
        assert status == 404 and "etag" not in headers
        assert "keys look like" in json.loads(body)["error"]


@pytest.fixture(scope="module")
def uncached_server(server_factory: Callable[[dict[str, str]], str]) -> str:
    return server_factory({"UNODC_KG_ANSWER_CACHE_MB": "0"})


def test_with_the_cache_off_every_answer_is_computed_and_the_same(server: str, uncached_server: str) -> None:
    for path in ("/api/deliverables/2025/sp9-2/16/mandates", "/api/instruments/treaty/untoc/deliverables"):
        kept, fresh = fetch(server + path), fetch(uncached_server + path)
        assert kept[0] == fresh[0] == 200
        assert kept[1] == fresh[1] and kept[2]["etag"] == fresh[2]["etag"]


def test_a_kept_path_still_refuses_what_it_always_refused(server: str) -> None:
    """Once 2025/sp2/1's answer is kept, a bad format is still 400 and an Accept nothing fits still 406."""
    url = f"{server}/api/deliverables/2025/sp2/1/mandates"
    assert fetch(url)[0] == 200 and fetch(url)[0] == 200  # kept now
    status, body, _ = fetch(f"{url}?format=xlsx")
    assert status == 400 and "xlsx" in json.loads(body)["error"]
    status, body, headers = fetch(url, Accept="image/png")
    assert status == 406 and "Accept" in headers["vary"]
    status, _, headers = fetch(url, Accept="text/turtle;q=0.5, application/ld+json")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")


def test_a_new_load_of_the_store_starts_a_new_cache() -> None:
    """A remote store loaded again by another process changes its version: nothing kept before is served."""
    from types import SimpleNamespace

    from api.answers import get_answers

    store = SimpleNamespace(version="sha256:one")
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(store=store)))
    first = get_answers(request)  # type: ignore[arg-type]
    first.put(("/p", "json"), b"{}", "application/json")
    assert get_answers(request) is first  # type: ignore[arg-type]
    store.version = "sha256:two"
    second = get_answers(request)  # type: ignore[arg-type]
    assert second is not first and second.get(("/p", "json")) is None and second.version == "sha256:two"
