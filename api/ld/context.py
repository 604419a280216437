"""What a linked-data request brings: the request, the store, the settings, the IRIs and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.store import Store

from ..deps import get_iris, get_settings, get_store, get_templates
from .names import Names
from .views import mark_chinese


@dataclass
class Context:
    request: Request
    store: Store
    settings: Settings
    iris: Iris
    templates: Jinja2Templates

    def names(self) -> Names:
        return Names(self.iris)

    def page(self, template: str, ctx: dict[str, Any], status: int = 200) -> Response:
        return self.templates.TemplateResponse(self.request, template, ctx, status_code=status)


def get_context(
    request: Request,
    store: Store = Depends(get_store),
    settings: Settings = Depends(get_settings),
    iris: Iris = Depends(get_iris),
    templates: Jinja2Templates = Depends(get_templates),
) -> Context:
    # Pages of linked data quote texts that mix Chinese and English (the crosswalk's justifications).
    templates.env.filters.setdefault("zh", mark_chinese)
    return Context(request, store, settings, iris, templates)
