"""/sparql: the SPARQL 1.1 Protocol, query only (first version: in-process, no limits yet)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pyoxigraph as ox
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from unodc_kg.store import Store

from .deps import get_store

router = APIRouter(tags=["sparql"])
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield


@router.get("/sparql", summary="SPARQL 1.1 query (read-only)")
def sparql_get(request: Request, query: str | None = None, store: Store = Depends(get_store)) -> Response:
    if not query:
        return JSONResponse({"error": "no query"}, status_code=400)
    result = store.raw(query)
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        return Response(
            result.serialize(format=ox.QueryResultsFormat.JSON), media_type="application/sparql-results+json"
        )
    triples = list(result)  # type: ignore[call-overload]
    return Response(ox.serialize(triples, format=ox.RdfFormat.TURTLE), media_type="text/turtle")
