"""A remote store: any SPARQL 1.1 Query endpoint (Virtuoso, GraphDB, QLever, Fuseki), queried over HTTP.

Queries are sent as an URL-encoded POST (SPARQL 1.1 Protocol §2.1.2; Virtuoso 7.2 never answers a direct
`application/sparql-query` POST), results asked for as SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT,
DESCRIBE), and read by pyoxigraph's parsers, as they arrive, into pyoxigraph terms: the layer above sees the same
types as from the embedded stores. No `default-graph-uri` is sent unless a caller gives one: the endpoint's default
graph must be the union of its named graphs (Virtuoso's is; README, "Running on an external SPARQL store").

Remote endpoints take no substitutions: values are bound by BIND clauses (unodc_kg.sparql_text.with_bindings),
their terms written as N-Triples. Blank nodes can be bound on Virtuoso only (it names them `<nodeID://…>`).
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from ..errors import QueryError, StoreError, UnodcKgError
from ..sparql_text import query_form, with_bindings
from . import http, stamp
from . import virtuoso as dialect
from .base import Bindings, Row, StoreLocation, solution_rows

log = logging.getLogger(__name__)

RESULTS_JSON = "application/sparql-results+json"
JSON_TYPES = (RESULTS_JSON, "application/json")
GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples' media type before RDF 1.1
    "text/turtle": ox.RdfFormat.TURTLE,
}
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"


@dataclass(frozen=True)
class Request:
    """One query to the endpoint, as the SPARQL 1.1 Protocol has it."""

    query: str
    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()


class RemoteStore:
    """The store interface over a SPARQL 1.1 Query endpoint; `timeout` bounds each of our own queries."""

    def __init__(
        self,
        location: StoreLocation,
        *,
        timeout: float = 30.0,
        user: str | None = None,
        password: str | None = None,
        stamp_ttl: float = 5.0,
    ) -> None:
        if location.url is None:
            raise StoreError(f"{location}: a remote store needs the URL of its SPARQL endpoint")
        self.location = location
        self.url = location.url
        self.timeout = timeout
        self.stamp_ttl = stamp_ttl
        self._client = http.client(user, password)
        self._virtuoso: bool | None = None  # learnt from the Server header of a first answer
        self._stamp: stamp.Stamp | None = None
        self._stamp_read = -float("inf")
        self._unstamped = ""
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ HTTP
    @contextmanager
    def send(
        self, req: Request, form: str, deadline: float, row_cap: int | None = None
    ) -> Iterator[tuple[str, http.Body]]:
        """POST one query; yields the answer's media type and its body as a file, read as it arrives.

        An answer the server cut by its own limits is refused, unless it still holds more than `row_cap` rows
        (the caller cuts it there, and says so)."""
        accept = ACCEPT_GRAPH if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
        virtuoso = self.is_virtuoso(deadline)
        fields = [("query", dialect.typed_strings(req.query) if virtuoso else req.query)]
        fields += [("default-graph-uri", g) for g in req.default_graphs]
        fields += [("named-graph-uri", g) for g in req.named_graphs]
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            with self._client.stream(
                "POST", self.url, content=urlencode(fields), headers=headers, timeout=http.timeout(deadline)
            ) as response:
                if response.status_code not in (200, 206):
                    raise http.refused(response, "the remote SPARQL endpoint refused the query", query=True)
                incomplete = _incomplete(response, row_cap)
                if incomplete:
                    raise QueryError(f"the remote SPARQL endpoint gave only part of the answer ({incomplete})")
                media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                rewrites = dialect.JSON_REWRITES if virtuoso and media in JSON_TYPES else ()
                yield media, http.Body(response, deadline, rewrites)
        except httpx.HTTPError as exc:
            raise http.unreachable(exc, self.url, "the remote SPARQL endpoint") from exc

    @contextmanager
    def fetch(self, req: Request, deadline: float, whole: bool = False, row_cap: int | None = None) -> Iterator[object]:
        """Run a query; yields pyoxigraph's result: QuerySolutions, QueryBoolean, or an iterator of Triples.

        The answer is parsed as it arrives, so a caller may stop reading when it has enough (the row cap of
        /sparql); it must be read inside the `with`, while the connection is open. With `whole`, the answer is
        read to its end first, and the result may be kept. Errors while reading are raised as UnodcKgError.
        """
        form = query_form(req.query)
        with self.send(req, form, deadline, row_cap) as (media, body):
            try:
                source: io.BufferedReader | bytes = body.read() if whole else io.BufferedReader(body, 1 << 16)
                if form in ("CONSTRUCT", "DESCRIBE"):
                    fmt = GRAPH_TYPES.get(media)
                    if fmt is None:
                        raise QueryError(
                            f"the remote endpoint answered a {form} query in {media!r}, not {ACCEPT_GRAPH}"
                        )
                    yield (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(source, format=fmt))
                else:
                    if media not in JSON_TYPES:
                        raise QueryError(
                            f"the remote endpoint answered a {form} query in {media!r}, not {RESULTS_JSON}"
                        )
                    yield ox.parse_query_results(source, format=ox.QueryResultsFormat.JSON)
            except (SyntaxError, OSError, ValueError) as exc:
                if isinstance(body.error, UnodcKgError):
                    raise body.error from exc
                raise QueryError(f"cannot read the remote endpoint's answer: {exc}") from exc

    # ------------------------------------------------------------------ the store interface
    def raw(self, sparql: str, bindings: Bindings | None = None) -> object:
        """The whole answer, read: QuerySolutions or QueryBoolean as from pyoxigraph (solutions are parsed as they
        are iterated: a malformed answer raises SyntaxError then), or a list of Triples."""
        text = with_bindings(sparql, bindings or {}, self._blank_node)
        started = time.monotonic()
        with self.fetch(Request(text), started + self.timeout, whole=True) as result:
            try:
                out = result if isinstance(result, ox.QuerySolutions | ox.QueryBoolean) else list(result)  # type: ignore[call-overload]
            except (SyntaxError, OSError, ValueError) as exc:
                raise QueryError(f"cannot read the remote endpoint's answer: {exc}") from exc
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%.1f ms %s", 1000 * (time.monotonic() - started), " ".join(text.split())[-300:])
        return out

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[Row]:
        result = self.raw(sparql, bindings)
        try:
            return solution_rows(result)
        except (SyntaxError, OSError, ValueError) as exc:  # the answer is parsed as it is read
            raise QueryError(f"cannot read the remote endpoint's answer: {exc}") from exc

    def ask(self, sparql: str, bindings: Bindings | None = None) -> bool:
        result = self.raw(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def triples(self, sparql: str, bindings: Bindings | None = None) -> list[ox.Triple]:
        result = self.raw(sparql, bindings)
        if not isinstance(result, list):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return list(dict.fromkeys(result))

    @property
    def version(self) -> str:
        """The digest in the load stamp, read again at most every `stamp_ttl` seconds; without a stamp, a value
        that changes each time it is read again (nothing tells what the data is, so nothing may be cached long)."""
        found = self.stamp()
        return found.digest if found is not None else self._unstamped

    def stamp(self) -> stamp.Stamp | None:
        with self._lock:
            if time.monotonic() - self._stamp_read < self.stamp_ttl:
                return self._stamp
        found = stamp.Stamp.from_rows(self.select(stamp.QUERY))
        with self._lock:
            self._stamp, self._stamp_read = found, time.monotonic()
            self._unstamped = f"unstamped:{time.time_ns()}"
        return found

    def graphs(self) -> list[str]:
        found = self.stamp()
        if found is not None:
            return sorted(found.graphs)
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows if "g" in r and r["g"].value != stamp.GRAPH)

    def __len__(self) -> int:
        found = self.stamp()
        if found is not None:
            return sum(found.graphs.values())
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{stamp.GRAPH}>) }}")
        return int(rows[0]["n"].value) if rows else 0

    def close(self) -> None:
        self._client.close()

    def is_virtuoso(self, deadline: float) -> bool:
        """Whether the endpoint is Virtuoso (store/virtuoso.py), asked once: by the Server header of `ASK {}`."""
        if self._virtuoso is None:
            try:
                response = self._client.post(
                    self.url, data={"query": "ASK {}"}, headers={"Accept": RESULTS_JSON}, timeout=http.timeout(deadline)
                )
            except httpx.HTTPError as exc:
                raise http.unreachable(exc, self.url, "the remote SPARQL endpoint") from exc
            self._virtuoso = dialect.is_virtuoso(response.headers.get("server", ""))
            log.info("%s is %s", self.url, "Virtuoso" if self._virtuoso else response.headers.get("server", "a server"))
        return self._virtuoso

    def _blank_node(self, node: ox.BlankNode) -> str:
        if not self.is_virtuoso(time.monotonic() + self.timeout):
            raise QueryError(f"cannot bind the blank node _:{node.value} on this remote store: SPARQL cannot name one")
        return dialect.blank_node(node)


def _incomplete(response: httpx.Response, row_cap: int | None) -> str | None:
    """Why an answer is not whole, or None. Virtuoso answers a query cut by its own limits with HTTP 200 (206 in
    later versions) and says so in headers only: `X-SPARQL-MaxRows` (ResultSetMaxRows; also sent when the answer
    has exactly that many rows) or `X-SQL-State` (an "anytime" answer cut by MaxQueryExecutionTime)."""
    state = response.headers.get("x-sql-state")
    if state or response.status_code == 206:
        return f"X-SQL-State {state}: {response.headers.get('x-sql-message', '')}".strip()
    max_rows = response.headers.get("x-sparql-maxrows")
    if max_rows is not None and not (row_cap is not None and max_rows.isdigit() and int(max_rows) > row_cap):
        return f"cut at {max_rows} rows by the server's limit (Virtuoso: ResultSetMaxRows in virtuoso.ini)"
    return None
