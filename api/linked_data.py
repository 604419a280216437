"""Every IRI under the base resolves: /id/{kind}/{key} and the ontology, by content negotiation."""

from __future__ import annotations

from html import escape

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from unodc_kg.config import Settings
from unodc_kg.store import Store

from .deps import get_settings, get_store

router = APIRouter(tags=["linked data"])
GRAPH_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES}


@router.get("/id/{path:path}", summary="Dereference an IRI of ours")
def describe(
    path: str, request: Request, store: Store = Depends(get_store), settings: Settings = Depends(get_settings)
) -> Response:
    node = ox.NamedNode(f"{settings.base}id/{path}")
    triples = list(store.raw("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": node}))  # type: ignore[call-overload]
    if not triples:
        return JSONResponse({"error": f"nothing is known about {node.value}"}, status_code=404)
    accept = request.headers.get("accept", "")
    if "text/html" in accept:
        rows = "".join(
            f"<tr><td>{escape(t.predicate.value)}</td><td>{escape(t.object.value)}</td></tr>" for t in triples
        )
        return HTMLResponse(
            f"<!doctype html><title>{escape(node.value)}</title><h1>{escape(node.value)}</h1><table>{rows}</table>"
        )
    media = "application/n-triples" if "n-triples" in accept else "text/turtle"
    return Response(ox.serialize(triples, format=GRAPH_FORMATS[media]), media_type=media, headers={"Vary": "Accept"})
