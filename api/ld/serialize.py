"""Triples written in an RDF variant, with our prefixes and, for Turtle and N-Triples, a note as comments."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox
from fastapi.responses import Response

from .names import Names
from .negotiate import NTRIPLES, Format

RDF_UNPREFIXED = frozenset({"id", "graph", "sdg"})


def serialize(triples: Sequence[ox.Triple], fmt: Format, names: Names, note: str | None = None) -> bytes:
    if fmt.rdf is None:
        raise ValueError(f"{fmt.name} is not an RDF format")
    # Not id: or graph: (their local names hold slashes, which Turtle would have to escape).
    prefixes = None if fmt is NTRIPLES else {k: v for k, v in names.prefixes.items() if k not in RDF_UNPREFIXED}
    data = ox.serialize(triples, format=fmt.rdf, prefixes=prefixes) or b""
    if note and fmt.ext in ("ttl", "nt"):
        data = "".join(f"# {line}\n" for line in note.splitlines()).encode() + (data or b"")
    return data


def rdf_response(triples: Sequence[ox.Triple], fmt: Format, names: Names, note: str | None = None) -> Response:
    return Response(serialize(triples, fmt, names, note), media_type=fmt.content_type)
