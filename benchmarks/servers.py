"""The servers measured over HTTP, each started alone as `python -m benchmarks.servers KIND --port P ...`, all on
uvicorn with the same settings (one worker process, no access log, warnings only):

    ours              the project's app (api.app.create_app) over the graph in UNODC_KG_OUTPUT
    rdflib-endpoint   rdflib-endpoint's SparqlEndpoint over the same N-Quads (rdflib Dataset, union default graph)
    floor             a trivial FastAPI app: GET /small answers {"ok": true}, GET /big a constant JSON document
                      (our answer, read once at start) serialised on every request as the mandates API does
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import uvicorn

UVICORN = {"host": "127.0.0.1", "workers": 1, "access_log": False, "log_level": "warning"}


def serve(app: Any, port: int) -> None:
    uvicorn.run(app, port=port, **UVICORN)  # type: ignore[arg-type]


def ours() -> Any:
    from api.app import create_app
    from unodc_kg.config import Settings

    return create_app(Settings.from_env())


def rdflib_endpoint(nquads: Path) -> Any:
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    return SparqlEndpoint(graph=ds, path="/sparql", cors_enabled=True)


def floor(answer: Path) -> Any:
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    big = json.loads(answer.read_text(encoding="utf-8"))
    app = FastAPI()

    # Plain `def`, as the mandates handler is: both run in Starlette's thread pool.
    @app.get("/small")
    def small() -> JSONResponse:
        return JSONResponse({"ok": True})

    @app.get("/big")
    def big_answer() -> JSONResponse:
        return JSONResponse(big)

    return app


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="a server under test")
    p.add_argument("kind", choices=("ours", "rdflib-endpoint", "floor"))
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", type=Path, help="the N-Quads (rdflib-endpoint)")
    p.add_argument("--answer", type=Path, help="the JSON answer the floor's /big returns")
    a = p.parse_args(argv)
    if a.kind == "ours":
        serve(ours(), a.port)
    elif a.kind == "rdflib-endpoint":
        serve(rdflib_endpoint(a.data), a.port)
    else:
        serve(floor(a.answer), a.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
