"""The app as a whole: its documentation is served from our own files, and its OpenAPI description is complete."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read()


def test_docs_load_nothing_from_outside(server: str) -> None:
    status, body = fetch(server + "/docs")
    assert status == 200
    refs = re.findall(r'(?:src|href)="([^"]+)"', body.decode())
    assert refs and all(r.startswith("/") for r in refs), refs
    for ref in refs:
        assert fetch(server + ref)[0] == 200


def test_openapi_describes_the_mandates_api(server: str) -> None:
    spec = json.loads(fetch(server + "/openapi.json")[1])
    paths = spec["paths"]
    assert "/api/deliverables/{edition}/{scope}/{item}/mandates" in paths
    assert "/sparql" in paths and {"get", "post"} <= set(paths["/sparql"])


def test_every_answer_carries_the_security_headers(server: str) -> None:
    """Pages, API answers, SPARQL results and errors alike: no type sniffing, no framing by other sites."""
    for path in ("/", "/api/deliverables/2025/sp1/7/mandates", "/sparql?query=ASK%7B%7D", "/api/deliverables/x"):
        try:
            with urllib.request.urlopen(server + path, timeout=30) as r:
                headers = r.headers
        except urllib.error.HTTPError as exc:
            headers = exc.headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
