"""The mandates API of contract.md: /api/deliverables…, /api/instruments…, /api/search."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from unodc_kg.query import Mandates

from .deps import get_mandates

router = APIRouter(prefix="/api", tags=["mandates"])


@router.get("/deliverables", summary="A scope's deliverables in table order")
def deliverables(
    scope: str = Query(..., examples=["2025/sp1"]), svc: Mandates = Depends(get_mandates)
) -> dict[str, Any]:
    return svc.deliverables(scope)


@router.get("/deliverables/{edition}/{scope}/{item}", summary="One deliverable with its figures")
def deliverable(edition: str, scope: str, item: str, svc: Mandates = Depends(get_mandates)) -> dict[str, Any]:
    return svc.deliverable(f"{edition}/{scope}/{item}")


@router.get(
    "/deliverables/{edition}/{scope}/{item}/mandates", summary="Which instruments mandate this deliverable, and why"
)
def mandates(edition: str, scope: str, item: str, svc: Mandates = Depends(get_mandates)) -> dict[str, Any]:
    return svc.mandates(f"{edition}/{scope}/{item}")
