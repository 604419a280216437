"""Rendered answers, made once per build: the graph is read-only while the server runs, so the answer to
GET /api/deliverables/2025/sp1/7/mandates in a given variant is the same bytes until the next build.

Why: a mandates answer costs five SPARQL queries and the JSON (or HTML, or RDF) of some 190 instruments,
about 20 ms; kept, it costs a dictionary look-up, and the API keeps pace with the bare FastAPI stack
(benchmarks/results.md). The cache is bounded in bytes (least recently used answers go first), keyed by the
path and the variant, and belongs to one store: a server opened on another store starts with an empty one.
Every answer carries a strong ETag (a hash of its bytes), so a client that sends If-None-Match gets 304.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from .ld.negotiate import Format, negotiate, with_variant_headers

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
MAX_BYTES_ENV = "UNODC_KG_ANSWER_CACHE_MB"  # 0 turns the cache off (every answer is computed again)


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    etag: str


class AnswerCache:
    """Least-recently-used answers, at most `max_bytes` of bodies; safe across the server's threads."""

    def __init__(self, owner: object, max_bytes: int = DEFAULT_MAX_BYTES, version: str = "") -> None:
        self.owner = owner  # the store the answers were computed on
        self.version = version  # and what it held (a remote store can be loaded again by another process)
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._answers: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: tuple[str, str]) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return answer

    def peek(self, key: tuple[str, str]) -> Answer | None:
        """Like get, but a miss is not counted (the full route will count it)."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
                self.hits += 1
            return answer

    def put(self, key: tuple[str, str], body: bytes, media_type: str) -> Answer:
        answer = Answer(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if len(body) > self.max_bytes:
            return answer  # too big to keep (or the cache is off)
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self.bytes -= len(old.body)
            self._answers[key] = answer
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self.bytes -= len(dropped.body)
        return answer


def get_answers(request: Request) -> AnswerCache:
    """The app's answer cache, for the store it serves and what that store holds (store.version: the digest of
    the loaded N-Quads, or of a remote store's load stamp, read again at most every few seconds): a new store or
    a new load, a new cache."""
    state = request.app.state
    store = state.store
    version = str(getattr(store, "version", ""))
    cache: AnswerCache | None = getattr(state, "answers", None)
    if cache is None or cache.owner is not store or cache.version != version:
        megabytes = os.environ.get(MAX_BYTES_ENV)
        max_bytes = DEFAULT_MAX_BYTES if megabytes is None else int(float(megabytes) * 1024 * 1024)
        cache = AnswerCache(store, max_bytes, version)
        state.answers = cache
    return cache


def kept(
    request: Request, cache: AnswerCache, path: str, render: Callable[[Format], Response]
) -> Callable[[Format], Response]:
    """`render`, but each variant of `path` is rendered once; later requests get the same bytes, or 304."""

    def render_kept(fmt: Format) -> Response:
        key = (path, fmt.ext)
        answer = cache.get(key)
        if answer is None:
            fresh = render(fmt)
            if fresh.status_code != 200 or not isinstance(fresh.body, bytes):
                return fresh
            answer = cache.put(key, fresh.body, fresh.headers.get("content-type", fmt.content_type))
        return _respond(request, answer)

    return render_kept


def kept_answer(
    request: Request,
    cache: AnswerCache,
    path: str,
    ext: Format | None,
    offers: Sequence[Format],
    variant: Callable[[str, Format], str],
) -> Response | None:
    """The kept answer of `path` in the variant the request asks for, with every header `negotiated` gives it;
    None when it is not kept yet (or nothing fits: the full route says so). This is the whole of a request
    the cache can answer: no dependency, no thread, no query."""
    fmt = ext or negotiate(request.headers.get("accept"), offers)
    if fmt is None:
        return None
    answer = cache.peek((path, fmt.ext))
    if answer is None:
        return None
    return with_variant_headers(_respond(request, answer), path, ext, fmt, offers, variant)


def _respond(request: Request, answer: Answer) -> Response:
    headers = {"ETag": answer.etag, "Cache-Control": "public, max-age=300"}
    if _matches(request.headers.get("if-none-match"), answer.etag):
        return Response(status_code=304, headers=headers)
    return Response(answer.body, headers={**headers, "Content-Type": answer.media_type})


def _matches(if_none_match: str | None, etag: str) -> bool:
    """If-None-Match (RFC 9110): "*", or a list of entity tags compared weakly."""
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag in tags
