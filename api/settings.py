"""Settings of the server: its limits. Read from the environment only in `ServerSettings.from_env()`."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from unodc_kg.errors import ConfigError


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from exc
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{name} must be a positive number, not {raw!r}")
    return value


@dataclass(frozen=True)
class ServerSettings:
    """Limits that keep the public endpoint safe; a caller may lower the time limit, never raise it."""

    query_timeout: float = 10.0  # seconds a SPARQL query may run before it is stopped
    max_rows: int = 10_000  # rows (or triples) of one answer; more is cut, and the cut is announced
    max_body: int = 1_000_000  # bytes of a request body or query string
    workers: int = 3  # processes that run SPARQL queries (a slow query holds one, never the server)
    queue_timeout: float = 5.0  # seconds a query may wait for a free worker before 503
    max_answer: int = 50_000_000  # bytes of one serialised answer (rows are capped, but a row may be huge)
    query_memory: int = 1024  # MiB a query worker may grow beyond its store before the query is stopped

    @classmethod
    def from_env(cls) -> ServerSettings:
        return cls(
            query_timeout=_number("UNODC_KG_QUERY_TIMEOUT", cls.query_timeout),
            max_rows=int(_number("UNODC_KG_MAX_ROWS", cls.max_rows)),
            max_body=int(_number("UNODC_KG_MAX_BODY", cls.max_body)),
            workers=int(_number("UNODC_KG_WORKERS", cls.workers)),
            queue_timeout=_number("UNODC_KG_QUEUE_TIMEOUT", cls.queue_timeout),
            max_answer=int(_number("UNODC_KG_MAX_ANSWER", cls.max_answer)),
            query_memory=int(_number("UNODC_KG_QUERY_MEMORY", cls.query_memory)),
        )
