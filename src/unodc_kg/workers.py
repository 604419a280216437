"""User SPARQL runs in worker processes, so that a time limit really stops a query.

Neither pyoxigraph nor rdflib can cancel a running query from another thread
(../shared/design/measurements.md). Each worker process opens the store itself: its own copy of the
N-Quads in memory, or the on-disk store read-only (shared through the page cache, not copied); a
query past its limit is stopped by ending its worker, and a fresh worker takes its place. A slow
query holds one worker, never the server: the API's own bounded queries run in the server
process, and other SPARQL queries go to the other workers. A worker may grow by at most
`query_memory` bytes beyond what its store takes (an address-space limit set once the store is open):
a query that wants more ends its worker, as a query past its time does, and the server stays small.
With a remote store there are no workers: unodc_kg.forward sends the queries on, under the same
limits (`QueryRunner`).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing as mp
import os
import resource
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

from .errors import QueryError, QueryTimeout, UnodcKgError
from .results import Answer, NotAcceptable, answer
from .sparql_text import MAX_SERVICE_CHECK, calls_service, first_keyword, has_from
from .store import StoreLocation

log = logging.getLogger(__name__)


__all__ = [
    "Busy",
    "OverLimit",
    "QueryRequest",
    "QueryRunner",
    "QueryTimeout",
    "Refused",
    "WorkerPool",
    "check_query",
    "check_service",
    "execute",
]


class Busy(UnodcKgError):
    """No worker became free in time."""


class Refused(QueryError):
    """A query the endpoint does not run (federation, update)."""


class OverLimit(UnodcKgError):
    """The query needed more memory, or its answer more bytes, than one query is given; it was stopped."""


@dataclass(frozen=True)
class QueryRequest:
    query: str
    accept: str | None = None
    format: str | None = None
    base_iri: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000
    max_bytes: int = 50_000_000  # of the serialised answer: rows are capped, but one row may be huge


class QueryRunner(Protocol):
    """What runs /sparql's queries under the limits: the worker pool, or the forwarder to a remote store."""

    async def start(self) -> None: ...

    async def run(self, req: QueryRequest, timeout: float) -> Answer:
        """The answer, or QueryTimeout, Busy, NotAcceptable or QueryError."""
        ...

    async def close(self) -> None: ...


FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def check_query(query: str, *, service: bool = True, max_parsed: int = MAX_SERVICE_CHECK) -> None:
    """Refuse, before running, what a read-only public endpoint never does: federation and updates.

    A query is a prologue and then SELECT, CONSTRUCT, DESCRIBE or ASK; anything else (an update, a store's own
    extension such as Virtuoso's DEFINE) is refused here, so that not even a remote store sees it. With
    `service=False` the check for SERVICE is left to `check_service`, which the workers make under the limits of
    a query: parsing a long query that mentions SERVICE can take seconds.
    """
    first = first_keyword(query)
    if first in UPDATES:
        raise Refused(f"SPARQL Update ({first}) is not accepted: this endpoint is read-only")
    if first not in FORMS:
        raise Refused(
            f"not a SPARQL query: after PREFIX and BASE a query starts with SELECT, CONSTRUCT, DESCRIBE or ASK, "
            f"not {first or 'nothing'!r}"
        )
    if service:
        check_service(query, max_parsed)


def check_service(query: str, max_parsed: int = MAX_SERVICE_CHECK) -> None:
    """Refuse a query with a SERVICE clause, or one that mentions SERVICE and cannot be read to tell."""
    service = calls_service(query, max_parsed)
    if service:
        raise Refused("SERVICE (federated query) is not allowed: this endpoint makes no requests on a caller's behalf")
    if service is None:
        raise Refused(
            "the query mentions SERVICE (or uses a \\u escape) and could not be read to tell whether it calls a "
            "service (federated query), which this endpoint never does; check its syntax or leave that out"
        )


def execute(store: object, req: QueryRequest) -> Answer:
    """Run one request on a pyoxigraph store (in a worker) and serialise the answer."""
    import pyoxigraph as ox

    assert isinstance(store, ox.Store)
    check_service(req.query)  # here, under the time limit: the server checked everything else
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
        ans = answer(result, req.accept, req.format, req.max_rows)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {exc}") from exc
    except (OSError, ValueError, RuntimeError, TypeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if len(ans.body) > req.max_bytes:
        raise OverLimit(
            f"the answer is {len(ans.body)} bytes, more than the limit of {req.max_bytes} for one answer "
            f"({ans.rows} rows): ask for fewer rows or shorter values"
        )
    return ans


def _vm_size() -> int:
    """This process's virtual memory (bytes), from /proc; 0 where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _limit_memory(query_memory: int) -> None:
    """Let this worker's address space grow by `query_memory` bytes beyond its size with the store open."""
    base = _vm_size()
    if base and query_memory > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = base + query_memory
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, location: StoreLocation, query_memory: int = 0) -> None:
    from .store.oxigraph import open_oxigraph

    try:
        store = open_oxigraph(location)
    except UnodcKgError as exc:
        conn.send(("failed", str(exc)))
        return
    # The SPARQL parser that looks for SERVICE is loaded before the limit is set: the headroom is the query's.
    importlib.import_module("rdflib.plugins.sparql.parser")
    _limit_memory(query_memory)
    # A query stopped at the memory limit aborts the engine; a Rust backtrace of it would fill the log, slowly.
    os.environ["RUST_BACKTRACE"] = "0"
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
        except OverLimit as exc:
            conn.send(("over-limit", str(exc)))
        except MemoryError:
            # Python ran out within the limit (the engine itself aborts the process); start afresh.
            conn.send(("out-of-memory", None))
            return


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
    query_memory: int = 0  # bytes a worker may grow beyond its store for a query (0: no limit)
    _idle: asyncio.Queue[_Worker] = field(init=False)
    _all: set[int] = field(default_factory=set, init=False)
    _starting: set[asyncio.Task[None]] = field(default_factory=set, init=False)
    _ctx: mp.context.SpawnContext = field(default_factory=lambda: mp.get_context("spawn"), init=False)

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(asyncio.to_thread(self._spawn) for _ in range(self.size)))
        for w in workers:
            self._idle.put_nowait(w)

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main,
            args=(child, self.location, self.query_memory),
            daemon=True,
            name="unodc-kg-query-worker",
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
        """Run a query in a free worker; raise QueryTimeout, Busy, OverLimit, NotAcceptable or QueryError."""
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.queue_timeout)
        except TimeoutError:
            raise Busy(f"all {self.size} query workers are busy; try again shortly") from None
        started = time.perf_counter()
        try:
            kind, payload = await asyncio.to_thread(worker.call, req, timeout)
        except QueryTimeout:
            log.warning("query stopped after %.1f s", time.perf_counter() - started)
            await self._replace(worker)
            raise
        except (EOFError, OSError) as exc:  # the worker died
            await self._replace(worker)
            code = worker.process.exitcode
            log.warning("a query worker stopped after %.1f s (exit code %s)", time.perf_counter() - started, code)
            # The engine aborts when an allocation fails at the limit; the kernel's OOM killer sends SIGKILL.
            if code in (-signal.SIGABRT, -signal.SIGKILL):
                raise OverLimit(self._memory_message()) from exc
            raise QueryError(f"the query could not be answered: its worker stopped (exit code {code})") from exc
        if kind == "out-of-memory":
            await self._replace(worker)
            raise OverLimit(self._memory_message())
        worker.served += 1
        self._idle.put_nowait(worker)
        if kind == "ok":
            assert isinstance(payload, Answer)
            return payload
        if kind == "not-acceptable":
            raise NotAcceptable(str(payload))
        if kind == "over-limit":
            raise OverLimit(str(payload))
        raise QueryError(str(payload))

    def _memory_message(self) -> str:
        limit = f"the limit of {self.query_memory // 2**20} MiB" if self.query_memory else "the memory it had"
        return f"the query needed more memory than {limit} for one query and was stopped"

    async def _replace(self, worker: _Worker) -> None:
        """End a worker (off the event loop: a big process takes a while to exit); a fresh one starts meanwhile,
        so that the caller has its answer without waiting for it."""
        await asyncio.to_thread(worker.stop)
        task = asyncio.create_task(self._respawn())
        self._starting.add(task)
        task.add_done_callback(self._starting.discard)

    async def _respawn(self) -> None:
        try:
            fresh = await asyncio.to_thread(self._spawn)
        except QueryError:
            log.exception("a query worker could not be restarted: the pool has one fewer")
            return
        self._idle.put_nowait(fresh)

    async def close(self) -> None:
        if self._starting:
            await asyncio.gather(*self._starting, return_exceptions=True)
        while not self._idle.empty():
            self._idle.get_nowait().stop()
