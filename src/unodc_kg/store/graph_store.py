"""`unodc-kg load --store http://…/sparql`: the build's N-Quads put into a remote store, graph by graph, through the
SPARQL 1.1 Graph Store HTTP Protocol, then checked by counting what the query endpoint answers.

Each named graph is replaced (PUT) with its first part and appended to (POST) with the next ones, PART statements
at a time; statements with blank nodes go in one request per graph, so that a blank node stays one node. The load
stamp (stamp.py) is removed first and written last: while a load runs, or after one failed, the store says it is
unstamped. Graphs the previous stamp lists and the new N-Quads lack are deleted; no other graph is touched.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import httpx
import pyoxigraph as ox

from ..errors import StoreError
from . import http, stamp
from .base import LoadReport
from .oxigraph import file_digest
from .remote import RemoteStore

log = logging.getLogger(__name__)

PART = 50_000  # statements per request (about 8 MB of N-Triples)
N_TRIPLES = "application/n-triples"


class GraphStore:
    """A Graph Store Protocol endpoint (indirect graph identification: `?graph=IRI`)."""

    def __init__(self, url: str, user: str | None, password: str | None, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self._client = http.client(user, password)

    def send(self, method: str, graph: str, triples: Iterable[ox.Triple] | None = None) -> None:
        body = b"" if triples is None else "".join(f"{t} .\n" for t in triples).encode("utf-8")
        headers = {"Content-Type": f"{N_TRIPLES}; charset=utf-8"} if triples is not None else {}
        deadline = time.monotonic() + self.timeout
        try:
            response = self._client.request(
                method, self.url, params={"graph": graph}, content=body, headers=headers, timeout=http.timeout(deadline)
            )
        except httpx.HTTPError as exc:
            raise StoreError(str(http.unreachable(exc, self.url, f"{method} <{graph}>"))) from exc
        if method == "DELETE" and response.status_code == 404:
            return  # already gone
        if not 200 <= response.status_code < 300:
            raise http.refused(response, f"loading <{graph}>")

    def close(self) -> None:
        self._client.close()


def load_remote(nquads: Path, store: RemoteStore, graph_store: GraphStore, part: int = PART) -> LoadReport:
    """Load the N-Quads into the remote store; raise StoreError naming the graph, the URL and the answer on failure."""
    if not nquads.exists():
        raise StoreError(f"{nquads} does not exist: run `unodc-kg build` first")
    started = time.perf_counter()
    digest = file_digest(nquads)
    previous = store.stamp()
    graph_store.send("DELETE", stamp.GRAPH)
    counts = _send_graphs(nquads, graph_store, part)
    if previous is not None:
        for gone in sorted(set(previous.graphs) - set(counts)):
            log.info("deleting <%s>: loaded before, not in %s", gone, nquads)
            graph_store.send("DELETE", gone)
    found = _counts(store, sorted(counts))
    wrong = {g: (n, found.get(g, 0)) for g, n in counts.items() if found.get(g, 0) != n}
    if wrong:
        detail = "; ".join(f"<{g}> holds {got}, the N-Quads {want}" for g, (want, got) in sorted(wrong.items()))
        raise StoreError(f"after loading, {store.url} does not hold what {nquads} holds: {detail}")
    new = stamp.Stamp.new(digest, counts)
    graph_store.send("PUT", stamp.GRAPH, new.triples())
    return LoadReport(store.url, digest, counts, time.perf_counter() - started)


def _send_graphs(nquads: Path, graph_store: GraphStore, part: int) -> dict[str, int]:
    """Stream the N-Quads out, graph by graph, `part` statements a request; the statements sent per graph."""
    counts: dict[str, int] = defaultdict(int)
    pending: dict[str, list[ox.Triple]] = defaultdict(list)
    blank: dict[str, list[ox.Triple]] = defaultdict(list)  # statements with a blank node: one request per graph
    started: set[str] = set()

    def flush(graph: str, triples: list[ox.Triple]) -> None:
        graph_store.send("POST" if graph in started else "PUT", graph, triples)
        started.add(graph)
        log.info("sent %d statements of <%s>", len(triples), graph)

    try:
        quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        for q in quads:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise StoreError(f"{nquads}: a statement outside the named graphs ({q}): the build writes none")
            graph = q.graph_name.value
            t = ox.Triple(q.subject, q.predicate, q.object)
            counts[graph] += 1
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank[graph].append(t)
                continue
            pending[graph].append(t)
            if len(pending[graph]) >= part:
                flush(graph, pending.pop(graph))
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"{nquads}: cannot read: {exc}") from exc
    for graph in sorted(counts):
        for triples in (pending.pop(graph, []), blank.pop(graph, [])):
            if triples:
                flush(graph, triples)
    return dict(counts)


def _counts(store: RemoteStore, graphs: list[str]) -> dict[str, int]:
    """The statements of each graph as the query endpoint counts them."""
    found: dict[str, int] = {}
    for g in graphs:
        rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(g)})
        found[g] = int(rows[0]["n"].value) if rows else 0
    return found
