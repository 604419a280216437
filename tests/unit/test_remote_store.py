"""The remote store against small real HTTP servers on 127.0.0.1 that answer as a failing or quirky endpoint does:
each failure is an error that says what happened, and Virtuoso's answers are read as the embedded store's."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest

from unodc_kg.config import Settings
from unodc_kg.errors import ConfigError, QueryError, QueryTimeout, StoreError, StoreUnavailable
from unodc_kg.store import RemoteStore, StoreLocation, locate
from unodc_kg.store.http import Body

Reply = tuple[int, dict[str, str], bytes]
RESULTS = "application/sparql-results+json"


@pytest.fixture
def endpoint() -> Iterator[Callable[[Callable[[str], Reply]], RemoteStore]]:
    """endpoint(answer) -> a RemoteStore over a server whose every POST is answered by answer(query)."""
    servers: list[ThreadingHTTPServer] = []
    stores: list[RemoteStore] = []

    def start(answer: Callable[[str], Reply]) -> RemoteStore:
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                status, headers, body = answer(form["query"][0])
                self.server_version, self.sys_version = headers.pop("Server", "Test"), ""
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        store = RemoteStore(StoreLocation("remote", url=f"http://127.0.0.1:{server.server_port}/sparql"), timeout=2)
        stores.append(store)
        return store

    yield start
    for store in stores:
        store.close()
    for server in servers:
        server.shutdown()
        server.server_close()


def results(bindings: list[dict[str, object]], variables: list[str], server: str = "Virtuoso/07.20.3229") -> Reply:
    body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, indent=1).encode()
    return 200, {"Content-Type": RESULTS, "Server": server}, body


def test_virtuoso_blank_nodes_and_booleans_are_read_as_the_embedded_store_answers(
    endpoint: Callable[[Callable[[str], Reply]], RemoteStore],
) -> None:
    row = {
        "b": {"type": "bnode", "value": "nodeID://b10007"},
        "t": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1"},
        "f": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0"},
    }
    seen: list[str] = []

    def answer(query: str) -> Reply:
        seen.append(query)
        return results([row], ["b", "t", "f"])

    store = endpoint(answer)
    [got] = store.select("SELECT ?b ?t ?f WHERE { ?b ?p ?o }")
    assert got["b"] == ox.BlankNode("b10007")
    assert got["t"] == ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    assert got["f"].value == "false"
    store.select("SELECT ?o WHERE { ?b ?p ?o }", {"b": got["b"]})
    assert "BIND(<nodeID://b10007> AS ?b)" in seen[-1]  # Virtuoso's name of its blank node


def test_a_rewrite_finds_its_pattern_across_chunks() -> None:
    """The body reaches the parser in pieces; a blank node label cut in two is still rewritten."""
    from unodc_kg.store.virtuoso import JSON_REWRITES

    rows = [{"b": {"type": "bnode", "value": f"nodeID://b{i}"}} for i in range(300)]
    data = json.dumps({"head": {"vars": ["b"]}, "results": {"bindings": rows}}).encode()

    class Chunked(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for i in range(0, len(data), 7):
                yield data[i : i + 7]

    response = httpx.Response(200, stream=Chunked(), request=httpx.Request("POST", "http://127.0.0.1/sparql"))
    body = Body(response, time.monotonic() + 5, JSON_REWRITES)
    labels = [s["b"].value for s in ox.parse_query_results(body.read(), format=ox.QueryResultsFormat.JSON)]
    assert labels == [f"b{i}" for i in range(300)]


def test_another_server_keeps_its_answer_and_cannot_bind_blank_nodes(
    endpoint: Callable[[Callable[[str], Reply]], RemoteStore],
) -> None:
    store = endpoint(lambda q: results([{"b": {"type": "bnode", "value": "x1"}}], ["b"], server="Fuseki"))
    [row] = store.select("SELECT ?b WHERE { ?b ?p ?o }")
    with pytest.raises(QueryError, match="cannot bind the blank node"):
        store.select("SELECT ?o WHERE { ?b ?p ?o }", {"b": row["b"]})


def test_an_answer_cut_by_the_servers_row_limit_is_refused(
    endpoint: Callable[[Callable[[str], Reply]], RemoteStore],
) -> None:
    def answer(query: str) -> Reply:
        status, headers, body = results([{"n": {"type": "literal", "value": "1"}}], ["n"])
        return status, {**headers, "X-SPARQL-MaxRows": "1"}, body

    with pytest.raises(QueryError, match="ResultSetMaxRows"):
        endpoint(answer).select("SELECT ?n WHERE { ?s ?p ?n }")


def test_the_servers_failure_on_a_query_is_the_querys_error(
    endpoint: Callable[[Callable[[str], Reply]], RemoteStore],
) -> None:
    message = b"Virtuoso 37000 Error SQ156: Internal Optimized compiler error"
    store = endpoint(lambda q: (500, {"Content-Type": "text/plain", "Server": "Virtuoso/7"}, message))
    with pytest.raises(QueryError, match=r"HTTP 500: Virtuoso 37000 Error SQ156") as caught:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert "127.0.0.1" not in str(caught.value)  # a public caller may read it


def test_a_server_that_is_down_or_overloaded_is_unavailable(
    endpoint: Callable[[Callable[[str], Reply]], RemoteStore],
) -> None:
    store = endpoint(lambda q: (503, {"Content-Type": "text/html"}, b"<html><body>Service Unavailable</body></html>"))
    with pytest.raises(StoreUnavailable, match=r"answered HTTP 503: Service Unavailable"):
        store.ask("ASK {}")


def test_a_slow_server_is_a_timeout(endpoint: Callable[[Callable[[str], Reply]], RemoteStore]) -> None:
    def answer(query: str) -> Reply:
        if query != "ASK {}":
            time.sleep(3)
        return 200, {"Content-Type": RESULTS}, b'{"head": {}, "boolean": true}'

    store = endpoint(answer)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        store.ask("ASK { ?s ?p ?o }")
    assert time.monotonic() - started < 2.9


def test_nobody_listening_names_the_address() -> None:
    store = RemoteStore(StoreLocation("remote", url="http://127.0.0.1:9/sparql"), timeout=2)
    with pytest.raises(StoreUnavailable, match=r"cannot reach http://127\.0\.0\.1:9/sparql"):
        store.ask("ASK {}")


def test_an_answer_in_another_format_is_refused(endpoint: Callable[[Callable[[str], Reply]], RemoteStore]) -> None:
    store = endpoint(lambda q: (200, {"Content-Type": "text/html"}, b"<html>a login page</html>"))
    with pytest.raises(QueryError, match="text/html"):
        store.select("SELECT * WHERE { ?s ?p ?o }")


# ---------------------------------------------------------------------------------------------- --store URL
def test_where_each_store_lives(tmp_path: Path) -> None:
    settings = Settings(output=tmp_path)
    assert locate(None, settings) == StoreLocation("memory", path=tmp_path / "unodc-kg.nq")
    assert locate("file:///srv/kg/store", settings) == StoreLocation("disk", path=Path("/srv/kg/store"))
    assert locate("file:///srv/kg/unodc-kg.nq", settings).kind == "memory"
    remote = locate("http://127.0.0.1:8890/sparql", Settings(output=tmp_path, store_user="dba"))
    assert remote.graph_store == "http://127.0.0.1:8890/sparql-graph-crud-auth"
    given = locate("http://h/sparql", Settings(graph_store="http://h/gsp"))
    assert given.graph_store == "http://h/gsp"
    assert locate(None, Settings(store="https://h/repositories/kg")).graph_store == (
        "https://h/repositories/kg/rdf-graphs/service"
    )


@pytest.mark.parametrize(
    "spec,message",
    [
        ("/srv/kg/store", "expected file:///path/dir"),
        ("file://srv/kg", "absolute path"),
        ("ftp://h/sparql", "expected file:///path/dir"),
        ("http:///sparql", "no host"),
        ("http://dba:secret@h/sparql", "UNODC_KG_STORE_PASSWORD"),
    ],
)
def test_a_store_url_that_names_no_store_says_what_one_looks_like(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        locate(spec, Settings())
    assert "secret" not in str(caught.value)


def test_the_settings_never_show_the_password() -> None:
    assert "hunter2" not in repr(Settings(store_user="dba", store_password="hunter2"))


def test_a_disk_location_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    from unodc_kg.store import DiskStore

    with pytest.raises(StoreError, match="unodc-kg load --store file://"):
        DiskStore(tmp_path)
