"""SPARQL answers as bytes: content negotiation, result serialisers, and the row cap.

pyoxigraph serialises a whole result; to cap an answer at N rows we take N rows ourselves and
write them in the four SPARQL result formats (JSON, XML, CSV, TSV) here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal as Lit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .negotiation import WILDCARD, by_preference

Form = Lit["solutions", "boolean", "graph"]

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# The `format` parameter: short names and media types.
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "xml-rdf": "application/rdf+xml",
}
DEFAULTS = {
    "solutions": "application/sparql-results+json",
    "boolean": "application/sparql-results+json",
    "graph": "text/turtle",
}


class NotAcceptable(Exception):
    """No offered media type fits the request; the message lists what is offered."""


def offered(form: Form) -> list[str]:
    return list(GRAPH_TYPES) if form == "graph" else list(RESULT_TYPES)


def negotiate(form: Form, accept: str | None, fmt: str | None) -> str:
    """The media type to answer in: the `format` parameter wins, then Accept (unodc_kg.negotiation reads it):
    its ranges, most wanted first, each taking the first result format it names; */* takes the default.

    >>> negotiate("solutions", "text/csv;q=0.5, application/sparql-results+xml", None)
    'application/sparql-results+xml'
    >>> negotiate("graph", "*/*", None), negotiate("boolean", None, "xml")
    ('text/turtle', 'application/sparql-results+xml')
    """
    choices = offered(form)
    if fmt:
        media = FORMAT_NAMES.get(fmt.strip().lower(), fmt.strip().lower())
        if media in choices:
            return media
        raise NotAcceptable(f"format {fmt!r} does not fit a {form} answer; use one of {choices}")
    if not accept or not accept.strip():
        return DEFAULTS[form]
    for r in by_preference(accept):
        if r.media in choices:
            return r.media
        if r.subtype == "*":  # type/*: the default if it is of that type, else the first offer that is
            if r.media == WILDCARD or DEFAULTS[form].startswith(r.type + "/"):
                return DEFAULTS[form]
            fitting = [c for c in choices if c.startswith(r.type + "/")]
            if fitting:
                return fitting[0]
    raise NotAcceptable(f"cannot answer a {form} query in {accept!r}; offered: {choices}")


@dataclass(frozen=True)
class Answer:
    form: Form
    media_type: str
    body: bytes
    rows: int  # rows, or triples, in the answer
    truncated: bool  # True when the answer was cut at the row limit


def _term_json(t: ox.NamedNode | ox.BlankNode | ox.Literal | object) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}  # RDF-star triple terms: not in our data


def _term_csv(t: object) -> str:
    return t.value if isinstance(t, ox.NamedNode | ox.BlankNode | ox.Literal) else str(t)


def _term_tsv(t: object) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        value = t.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        value = value.replace("\r", "\\r")
        if t.language:
            return f'"{value}"@{t.language}'
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{value}"^^<{t.datatype.value}>'
        return f'"{value}"'
    return str(t)


def _term_xml(name: str, t: object) -> str:
    if isinstance(t, ox.NamedNode):
        inner = f"<uri>{escape(t.value)}</uri>"
    elif isinstance(t, ox.BlankNode):
        inner = f"<bnode>{escape(t.value)}</bnode>"
    elif isinstance(t, ox.Literal):
        if t.language:
            inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            inner = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        else:
            inner = f"<literal>{escape(t.value)}</literal>"
    else:
        inner = f"<literal>{escape(str(t))}</literal>"
    return f"<binding name={quoteattr(name)}>{inner}</binding>"


def write_solutions(variables: Sequence[str], rows: Iterable[Sequence[object | None]], media_type: str) -> bytes:
    """SELECT results in one of the four SPARQL 1.1 result formats."""
    kind = RESULT_TYPES[media_type]
    rows = list(rows)
    if kind == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, r, strict=True) if t is not None} for r in rows]
        return json.dumps(
            {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, ensure_ascii=False
        ).encode("utf-8")
    if kind == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head><results>")
        for r in rows:
            out.append("<result>")
            out += [_term_xml(v, t) for v, t in zip(variables, r, strict=True) if t is not None]
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if kind == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for r in rows:
            w.writerow(["" if t is None else _term_csv(t) for t in r])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else _term_tsv(t) for t in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_boolean(value: bool, media_type: str) -> bytes:
    kind = RESULT_TYPES[media_type]
    word = "true" if value else "false"
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if kind == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{word}</boolean></sparql>\n"
        ).encode()
    return f"_askResult\r\n{word}\r\n".encode() if kind == "csv" else f"?_askResult\n{word}\n".encode()


def write_graph(triples: Sequence[ox.Triple], media_type: str) -> bytes:
    return ox.serialize(list(triples), format=GRAPH_TYPES[media_type]) or b""


def answer(result: object, accept: str | None, fmt: str | None, max_rows: int) -> Answer:
    """Turn a pyoxigraph result into bytes in the negotiated format, cut at `max_rows` rows or triples."""
    if isinstance(result, ox.QueryBoolean):
        media = negotiate("boolean", accept, fmt)
        return Answer("boolean", media, write_boolean(bool(result), media), 1, False)
    if isinstance(result, ox.QuerySolutions):
        media = negotiate("solutions", accept, fmt)
        names = [v.value for v in result.variables]
        rows: list[list[object | None]] = []
        truncated = False
        for sol in result:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append([sol[n] for n in names])
        return Answer("solutions", media, write_solutions(names, rows, media), len(rows), truncated)
    media = negotiate("graph", accept, fmt)
    triples: list[ox.Triple] = []
    truncated = False
    for t in result:  # type: ignore[attr-defined]
        if len(triples) == max_rows:
            truncated = True
            break
        triples.append(t)
    return Answer("graph", media, write_graph(triples, media), len(triples), truncated)
