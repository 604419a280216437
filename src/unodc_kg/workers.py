"""User SPARQL runs in worker processes, so that a time limit really stops a query.

Neither pyoxigraph nor rdflib can cancel a running query from another thread
(../shared/design/measurements.md). Each worker process opens the store itself: its own copy of the
N-Quads in memory, or the on-disk store read-only (shared through the page cache, not copied); a
query past its limit is stopped by ending its worker, and a fresh worker takes its place. A slow
query holds one worker, never the server: the API's own bounded queries run in the server
process, and other SPARQL queries go to the other workers. With a remote store there are no
workers: unodc_kg.forward sends the queries on, under the same limits (`QueryRunner`).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import re
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

from .errors import QueryError, QueryTimeout, UnodcKgError
from .results import Answer, NotAcceptable, answer
from .sparql_text import blank, has_from
from .store import StoreLocation

log = logging.getLogger(__name__)


__all__ = ["Busy", "QueryRequest", "QueryRunner", "QueryTimeout", "Refused", "WorkerPool", "check_query", "execute"]


class Busy(UnodcKgError):
    """No worker became free in time."""


class Refused(QueryError):
    """A query the endpoint does not run (federation, update)."""


@dataclass(frozen=True)
class QueryRequest:
    query: str
    accept: str | None = None
    format: str | None = None
    base_iri: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000


class QueryRunner(Protocol):
    """What runs /sparql's queries under the limits: the worker pool, or the forwarder to a remote store."""

    async def start(self) -> None: ...

    async def run(self, req: QueryRequest, timeout: float) -> Answer:
        """The answer, or QueryTimeout, Busy, NotAcceptable or QueryError."""
        ...

    async def close(self) -> None: ...


_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)


def check_query(query: str) -> None:
    """Refuse, before running, what a read-only public endpoint never does: federation and updates.

    Strings, IRIs and comments are blanked first, so the words only count as SPARQL keywords.
    """
    bare = blank(query)
    if re.search(r"\bSERVICE\b", bare, re.I):
        raise Refused("SERVICE (federated query) is not allowed: this endpoint makes no requests on a caller's behalf")
    body = re.sub(r"^\s*((PREFIX\s+[^\s:]*:\s*|BASE\s*)\s*)+", "", bare, flags=re.I)
    if _UPDATE.match(body.lstrip()):
        raise Refused("SPARQL Update is not accepted: this endpoint is read-only")


def execute(store: object, req: QueryRequest) -> Answer:
    """Run one request on a pyoxigraph store (in a worker) and serialise the answer."""
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    options: dict[str, object] = {}
    if req.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    elif not has_from(req.query):
        # No dataset given: the default graph is the union of all graphs (a query's FROM would override it).
        options["use_default_graph_as_union"] = True
    if req.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        result = store.query(req.query, base_iri=req.base_iri, **options)  # type: ignore[arg-type]
        return answer(result, req.accept, req.format, req.max_rows)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {exc}") from exc
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def _worker_main(conn: Connection, location: StoreLocation) -> None:
    from .store.oxigraph import open_oxigraph

    try:
        store = open_oxigraph(location)
    except UnodcKgError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", execute(store, req)))
        except NotAcceptable as exc:
            conn.send(("not-acceptable", str(exc)))
        except QueryError as exc:
            conn.send(("error", str(exc)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    served: int = 0

    def call(self, req: QueryRequest, timeout: float) -> tuple[str, object]:
        self.conn.send(req)
        if not self.conn.poll(timeout):
            raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was stopped")
        kind, payload = self.conn.recv()
        return str(kind), payload

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class WorkerPool:
    """A fixed number of query worker processes over one local store (the N-Quads in memory, or on disk)."""

    location: StoreLocation
    size: int = 3
    queue_timeout: float = 5.0
    _idle: asyncio.Queue[_Worker] = field(init=False)
    _all: set[int] = field(default_factory=set, init=False)
    _ctx: mp.context.SpawnContext = field(default_factory=lambda: mp.get_context("spawn"), init=False)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(asyncio.to_thread(self._spawn) for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self.location), daemon=True, name="unodc-kg-query-worker"
        )
        proc.start()
        child.close()
        if not parent.poll(60):
            proc.kill()
            raise QueryError("a query worker did not start within 60 s")
        kind, message = parent.recv()
        if kind != "ready":
            proc.join(timeout=5)
            raise QueryError(f"a query worker failed to start: {message}")
        self._all.add(id(proc))
        return _Worker(proc, parent)

    async def run(self, req: QueryRequest, timeout: float) -> Answer:
        """Run a query in a free worker; raise QueryTimeout, Busy, NotAcceptable or QueryError."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.queue_timeout)
        except TimeoutError:
            raise Busy(f"all {self.size} query workers are busy; try again shortly") from None
        started = time.perf_counter()
        try:
            kind, payload = await asyncio.to_thread(worker.call, req, timeout)
        except QueryTimeout:
            log.warning("query stopped after %.1f s", time.perf_counter() - started)
            worker.stop()
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))
            raise
        except (EOFError, OSError, BrokenPipeError) as exc:  # the worker died (e.g. out of memory)
            worker.stop()
            self._idle.put_nowait(await asyncio.to_thread(self._spawn))
            raise QueryError(f"the query could not be answered: the worker stopped ({exc})") from exc
        worker.served += 1
        self._idle.put_nowait(worker)
        if kind == "ok":
            assert isinstance(payload, Answer)
            return payload
        if kind == "not-acceptable":
            raise NotAcceptable(str(payload))
        raise QueryError(str(payload))

    async def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().stop()
