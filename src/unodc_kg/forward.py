"""/sparql on a remote store: the caller's query is sent on to the remote endpoint, under our limits.

The checks are the endpoint's own (workers.check_query: no update, no SERVICE), made before this; then at most
`size` queries are in flight at once (a caller waits `queue_timeout` for a turn, then Busy), each within its time
limit, and the answer is read as it arrives and cut at the row cap (unodc_kg.results writes it, so the formats,
the negotiation and the truncation headers are those of the embedded store). The remote server goes on with a
query we stopped waiting for until its own limit (Virtuoso: MaxQueryExecutionTime; README).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from .errors import QueryError, StoreUnavailable
from .results import Answer, Form, answer, negotiate
from .sparql_text import query_form
from .store.remote import RemoteStore, Request
from .workers import Busy, QueryRequest

log = logging.getLogger(__name__)

FORMS: dict[str, Form] = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass
class RemoteQueries:
    """Runs /sparql's queries on a remote store: a QueryRunner, like the worker pool."""

    store: RemoteStore
    size: int = 3
    queue_timeout: float = 5.0
    _slots: asyncio.Semaphore = field(init=False)

    async def start(self) -> None:
        self._slots = asyncio.Semaphore(self.size)

    async def run(self, req: QueryRequest, timeout: float) -> Answer:
        negotiate(FORMS[query_form(req.query)], req.accept, req.format)  # NotAcceptable before the remote works
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self.queue_timeout)
        except TimeoutError:
            raise Busy(f"{self.size} queries are already running on the remote store; try again shortly") from None
        try:
            return await asyncio.to_thread(self._run, req, timeout)
        finally:
            self._slots.release()

    def _run(self, req: QueryRequest, timeout: float) -> Answer:
        started = time.monotonic()
        # Relative IRIs resolve against our base, as on the embedded store (a BASE of the query's own comes after).
        query = f"BASE <{req.base_iri}>\n{req.query}" if req.base_iri else req.query
        remote = Request(query, req.default_graphs, req.named_graphs)
        try:
            with self.store.fetch(remote, started + timeout, row_cap=req.max_rows) as result:
                return answer(result, req.accept, req.format, req.max_rows)
        except StoreUnavailable:
            log.warning("the remote store failed a query after %.1f s", time.monotonic() - started)
            raise
        except (SyntaxError, OSError, ValueError) as exc:  # raised while reading, outside the store's checks
            raise QueryError(f"cannot read the remote endpoint's answer: {exc}") from exc

    async def close(self) -> None:
        """Nothing of its own to close: the store's connections close with the store."""
