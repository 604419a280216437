"""Virtuoso 7.2's departures from SPARQL 1.1 that a remote store smooths over, so that it answers as Oxigraph does.

A remote store learns that it talks to Virtuoso from the `Server` header of its first answer; none of this applies
to other servers. Each rewrite keeps the meaning of the query or of the answer (decision 0010 lists what remains):

- a simple string literal with non-ASCII characters in an expression (`CONCAT("图 ", ?n)`) reaches Virtuoso's
  evaluator as a narrow string, every such character a `?`; written `"图 "^^xsd:string` (the same literal in RDF
  1.1) it stays whole;
- its SPARQL JSON results name blank nodes `nodeID://b123` (not a blank node label; its N-Triples say `_:b123`),
  and write xsd:boolean values as "1" and "0" (the data, and Virtuoso's N-Triples, say "true" and "false");
- a blank node is named in a query as `<nodeID://b123>`.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from . import http

XSD_STRING = "<http://www.w3.org/2001/XMLSchema#string>"

_TOKEN = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_TYPED = re.compile(r"\s*(@|\^\^)")  # what makes a string a language-tagged or typed literal
_SEPARATOR = re.compile(r"separator\s*=\s*$", re.I)  # GROUP_CONCAT's separator is a plain string, not a literal


def typed_strings(query: str) -> str:
    """The query with each simple string literal that holds a non-ASCII character written as ^^xsd:string.

    >>> typed_strings('SELECT (CONCAT("图 ", ?n) AS ?t) ("表"@zh AS ?v) WHERE { } # "注"')
    'SELECT (CONCAT("图 "^^<http://www.w3.org/2001/XMLSchema#string>, ?n) AS ?t) ("表"@zh AS ?v) WHERE { } # "注"'
    >>> typed_strings('SELECT (GROUP_CONCAT(?w; separator="、") AS ?ws) WHERE { }')
    'SELECT (GROUP_CONCAT(?w; separator="、") AS ?ws) WHERE { }'
    """
    out: list[str] = []
    last = 0
    for m in _TOKEN.finditer(query):
        token = m.group(0)
        out.append(query[last : m.end()])
        last = m.end()
        if (
            token[0] in "\"'"
            and not token.isascii()
            and not _TYPED.match(query, m.end())
            and not _SEPARATOR.search(query, 0, m.start())
        ):
            out.append("^^" + XSD_STRING)
    out.append(query[last:])
    return "".join(out)


_SEP = rb'"\s{0,8}:\s{0,8}"'  # `": "` between a JSON key and its value
_NEXT = rb'"\s{0,8},\s{0,8}"'  # `", "` between two members of an object
_BOOLEAN = rb'("datatype' + _SEP + rb"http://www\.w3\.org/2001/XMLSchema#boolean" + _NEXT + rb"value" + _SEP + rb")"
JSON_REWRITES: tuple[http.Rewrite, ...] = (
    (re.compile(rb'("type' + _SEP + rb"bnode" + _NEXT + rb"value" + _SEP + rb")nodeID://"), rb"\1"),
    (re.compile(_BOOLEAN + rb'1"'), rb'\1true"'),
    (re.compile(_BOOLEAN + rb'0"'), rb'\1false"'),
)


def blank_node(node: ox.BlankNode) -> str:
    """How a query names a blank node Virtuoso answered as `_:label`."""
    return f"<nodeID://{node.value}>"


def is_virtuoso(server_header: str) -> bool:
    return server_header.lower().startswith("virtuoso")
