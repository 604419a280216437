"""HTTP to a remote store: one pooled client, credentials given as the server asks (Digest or Basic), errors that
name the URL, the HTTP status and the start of the server's answer, and a deadline over a whole answer.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Generator, Iterator, Sequence

import httpx

from ..errors import QueryError, QueryTimeout, StoreError, StoreUnavailable, UnodcKgError

EXCERPT = 300  # characters of a refusing server's answer quoted in an error


class ChallengeAuth(httpx.Auth):
    """Answer the server's challenge: Digest (Virtuoso's /sparql-graph-crud-auth) or Basic (GraphDB, Fuseki)."""

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            yield from self._digest.auth_flow(request)
        elif challenge.startswith("basic"):
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)


def client(user: str | None, password: str | None) -> httpx.Client:
    auth = ChallengeAuth(user, password or "") if user else None
    return httpx.Client(auth=auth, follow_redirects=False, headers={"User-Agent": "unodc-kg"})


def timeout(deadline: float) -> httpx.Timeout:
    """httpx's limits for what is left before the deadline (httpx times each step, not the whole answer)."""
    left = max(deadline - time.monotonic(), 0.001)
    return httpx.Timeout(left, connect=min(left, 10.0))


def excerpt(response: httpx.Response) -> str:
    try:
        body = response.read().decode("utf-8", errors="replace")
    except httpx.HTTPError:
        return "(no answer body)"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()  # HTML error pages: their text
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "") if text else "(empty answer body)"


def refused(response: httpx.Response, what: str, query: bool = False) -> UnodcKgError:
    """The error for a server's refusal: a StoreError naming the request, the HTTP status and the start of the answer
    (StoreUnavailable for a server down or overloaded: 502, 503, 504). For a query (`query`), a 4xx answer, or a 500
    (the server failed on this query: Virtuoso answers its compiler's errors so), is a QueryError, which names the
    status and the answer but not the endpoint's URL (a public caller may read it)."""
    answer = f"HTTP {response.status_code}: {excerpt(response)}"
    if query and (400 <= response.status_code <= 500) and response.status_code not in (401, 403, 404, 407):
        return QueryError(f"{what}: {answer}")
    message = f"{what}: {response.request.method} {response.request.url} answered {answer}"
    if response.status_code in (401, 403):
        message += " (credentials: UNODC_KG_STORE_USER and UNODC_KG_STORE_PASSWORD, or the server's grants)"
    return StoreUnavailable(message) if response.status_code >= 500 else StoreError(message)


def unreachable(exc: httpx.HTTPError, url: str, what: str) -> StoreError | QueryTimeout:
    if isinstance(exc, httpx.TimeoutException):
        return QueryTimeout(f"{what} did not answer within the time limit ({type(exc).__name__})")
    return StoreUnavailable(f"{what}: cannot reach {url}: {exc}")


Rewrite = tuple["re.Pattern[bytes]", bytes]


class Body(io.RawIOBase):
    """A streamed answer body as a file for pyoxigraph's parsers, checked against a deadline as it is read.

    `rewrites` (pattern, replacement) are applied to the bytes as they pass, for a server's known departures from
    what pyoxigraph reads (remote.VIRTUOSO_JSON); a match is at most HOLD bytes long. Errors while reading are
    kept in `error` (pyoxigraph reports them as its own OSError).
    """

    HOLD = 160  # bytes held back, so that a match split between two chunks is still found

    def __init__(self, response: httpx.Response, deadline: float, rewrites: Sequence[Rewrite] = ()) -> None:
        super().__init__()
        self._chunks: Iterator[bytes] = response.iter_bytes()
        self._deadline = deadline
        self._rewrites = tuple(rewrites)
        self._pending = b""  # read, not yet rewritten
        self._ready = b""  # rewritten, not yet handed out
        self._done = False
        self.url = str(response.request.url)
        self.error: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._ready and not self._done:
            self._fill()
        n = min(len(buffer), len(self._ready))
        buffer[:n] = self._ready[:n]
        self._ready = self._ready[n:]
        return n

    def _fill(self) -> None:
        if time.monotonic() > self._deadline:
            self.error = QueryTimeout("the remote store did not finish its answer within the time limit")
            raise OSError(str(self.error))
        try:
            chunk = next(self._chunks, None)
        except httpx.HTTPError as exc:
            self.error = unreachable(exc, self.url, "reading the answer")
            raise OSError(str(self.error)) from exc
        if chunk is None:
            self._done = True
            self._ready += self._rewrite(self._pending)
            self._pending = b""
        elif not self._rewrites:
            self._ready += chunk
        else:
            self._pending += chunk
            cut = max(0, len(self._pending) - self.HOLD)
            for pattern, _ in self._rewrites:
                for m in pattern.finditer(self._pending, 0, cut + self.HOLD):
                    if m.start() < cut < m.end():
                        cut = m.end()
            self._ready += self._rewrite(self._pending[:cut])
            self._pending = self._pending[cut:]

    def _rewrite(self, data: bytes) -> bytes:
        for pattern, replacement in self._rewrites:
            data = pattern.sub(replacement, data)
        return data
