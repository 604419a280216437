"""Dependencies the routers share; tests may override them (app.dependency_overrides)."""

from __future__ import annotations

from fastapi import Request
from fastapi.templating import Jinja2Templates

from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.query import Mandates
from unodc_kg.store import Store

from .settings import ServerSettings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_server_settings(request: Request) -> ServerSettings:
    return request.app.state.server_settings  # type: ignore[no-any-return]


def get_iris(request: Request) -> Iris:
    return request.app.state.iris  # type: ignore[no-any-return]


def get_store(request: Request) -> Store:
    """The in-process store: for the API's own bounded queries (user SPARQL runs in workers)."""
    return request.app.state.store  # type: ignore[no-any-return]


def get_mandates(request: Request) -> Mandates:
    return request.app.state.mandates  # type: ignore[no-any-return]


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates  # type: ignore[no-any-return]
