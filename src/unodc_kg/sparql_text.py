"""Reading SPARQL text without a parser: what form a query has, and binding values where no engine can.

Strings, IRIs and comments are blanked first (replaced by spaces of the same length), so that only keywords and
punctuation count and positions in the blanked text are positions in the query.

Remote SPARQL endpoints take no substitutions, so `with_bindings` binds values by putting `BIND(term AS ?var)`
clauses at the start of the query's WHERE group: the terms are RDF terms serialised as N-Triples (pyoxigraph's
`str()`, which escapes literals and refuses malformed IRIs), never text pasted from a caller. At the start of the
outer group, a BIND of a constant joins exactly as a one-row VALUES block does, and binds like pyoxigraph's
`substitutions` (those too apply to the outer query only); BIND, not VALUES, because Virtuoso 7.2 plans a join
from a bound constant 8-10 times faster than from a VALUES block (decision 0010).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from .errors import QueryError

Term = ox.NamedNode | ox.Literal | ox.BlankNode
BlankNodeWriter = Callable[[ox.BlankNode], str]

_STRIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.I)
_PROLOGUE = re.compile(r"^\s*((PREFIX\s+[^\s:]*:\s*|BASE\s*)\s*)+", re.I)
# What sends a query to rdflib's parser: the word SERVICE anywhere (in any case, even inside an IRI, whose `<` may
# really be a less-than) or a \u escape (which SPARQL 1.1 lets stand for any character).
_MAYBE_SERVICE = re.compile(r"service|\\[uU]", re.I)
MAX_SERVICE_CHECK = 100_000  # characters of a query mentioning SERVICE that rdflib's parser is asked to read
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def blank(query: str) -> str:
    """The query with its strings, IRIs and comments replaced by spaces (same length, same positions).

    >>> blank('SELECT * WHERE { ?s ?p "a {" } # }')
    'SELECT * WHERE { ?s ?p       }    '
    """
    return _STRIP.sub(lambda m: " " * len(m.group(0)), query)


def query_form(query: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of the query (its first form keyword outside strings).

    >>> query_form('PREFIX s: <http://x/SELECT> # ASK\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    """
    m = _FORM.search(blank(query))
    if m is None:
        raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")
    return m.group(1).upper()


def has_from(query: str) -> bool:
    """Whether the query names its dataset with FROM or FROM NAMED (not a variable ?from nor a prefixed ex:from)."""
    return re.search(r"(?<![?$\w:])FROM\b", blank(query), re.I) is not None


def first_keyword(query: str) -> str:
    """The first word after the prologue (PREFIX and BASE), upper case: the form of a query, the verb of an update.

    >>> first_keyword("PREFIX ex: <http://x/SELECT> BASE <http://y/> # ASK\\ninsert data { }")
    'INSERT'
    """
    body = _PROLOGUE.sub("", blank(query))
    m = re.match(r"\s*([A-Za-z]+)", body)
    return m.group(1).upper() if m else ""


def mentions_service(query: str) -> bool:
    """Whether `calls_service` must parse the query: it has the word SERVICE (anywhere, any case) or a \\u escape."""
    return _MAYBE_SERVICE.search(query) is not None


def calls_service(query: str, max_parsed: int = 100_000) -> bool | None:
    """Whether the query has a SERVICE clause (federation), as a SPARQL parser reads it; None when it cannot tell.

    Blanking is not enough here: in `FILTER(1<2)SERVICE#>` the `<2)SERVICE#>` looks like an IRI, yet the engine
    reads a less-than, the keyword and a comment. So a query that mentions the word is parsed (rdflib's grammar
    knows where `<` is an operator). A query it cannot parse, or longer than `max_parsed` characters, that still
    has the word (or a \\u escape) anywhere is one it cannot tell. Parsing takes up to seconds for 100 kB.

    >>> calls_service('SELECT * { ?s ?p "SERVICE <http://x/>" }'), calls_service("SELECT ?service { ?service ?p ?o }")
    (False, False)
    >>> calls_service("SELECT * { FILTER(1<2)SERVICE#>\\n<http://10.0.0.1/> { ?s ?p ?o } }")
    True
    """
    if not mentions_service(query):
        return False
    if len(query) <= max_parsed:
        from rdflib.plugins.sparql.parser import parseQuery  # imported here: only such queries need it

        try:
            return _has_service_pattern(parseQuery(query))
        except Exception:  # any failure to parse or walk: the cautious reading below
            pass
    return None if re.search(r"\bSERVICE\b|\\[uU]", query, re.I) else False


def _has_service_pattern(node: object) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service_pattern(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_service_pattern(v) for v in node)
    return False


def _closing(bare: str, opening: int) -> int:
    """The index of the brace that closes the one at `opening`."""
    depth = 0
    for i in range(opening, len(bare)):
        if bare[i] == "{":
            depth += 1
        elif bare[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise QueryError("malformed SPARQL: a '{' is never closed")


def where_start(query: str) -> int:
    """The index just after the opening brace of the query's WHERE group.

    >>> q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    >>> q[where_start(q):]
    ' ?s ?p ?o }'
    """
    bare = blank(query)
    m = _FORM.search(bare)
    if m is None:
        raise QueryError("not a SPARQL query: no SELECT, CONSTRUCT, DESCRIBE or ASK")
    at = m.end()
    if m.group(1).upper() == "CONSTRUCT":
        rest = bare[at:].lstrip()
        if rest.startswith("{"):  # the template, then the WHERE group
            at = _closing(bare, len(bare) - len(rest)) + 1
        else:
            raise QueryError("values cannot be bound in a CONSTRUCT WHERE { … } query: write the template out")
    brace = bare.find("{", at)
    if brace < 0:
        raise QueryError("malformed SPARQL: the query has no WHERE group")
    return brace + 1


def bind_clauses(bindings: Mapping[str, Term], blank_node: BlankNodeWriter | None = None) -> str:
    """`BIND(<iri> AS ?a) BIND("text"@en AS ?b)` for these bindings; blank nodes are written by `blank_node(node)`,
    a function returning the endpoint's way of naming one, or refused when there is none."""
    clauses: list[str] = []
    for name, term in bindings.items():
        if not _VARIABLE.match(name):
            raise QueryError(f"cannot bind {name!r}: not a SPARQL variable name")
        if isinstance(term, ox.BlankNode):
            if blank_node is None:
                raise QueryError(f"cannot bind ?{name} to a blank node on this store: SPARQL cannot name blank nodes")
            text = blank_node(term)
        elif isinstance(term, ox.NamedNode | ox.Literal):
            text = str(term)  # N-Triples: IRIs were checked when the NamedNode was made, literals are escaped
        else:
            raise QueryError(f"cannot bind ?{name} to {term!r}: not an RDF term")
        clauses.append(f"BIND({text} AS ?{name})")
    return " ".join(clauses)


def with_bindings(query: str, bindings: Mapping[str, Term], blank_node: BlankNodeWriter | None = None) -> str:
    """The query with the bindings as BIND clauses at the start of its WHERE group (unchanged without bindings).

    >>> with_bindings("SELECT ?t WHERE { ?d a ?t }", {"d": ox.NamedNode("http://x/a%20b")})
    'SELECT ?t WHERE { BIND(<http://x/a%20b> AS ?d)  ?d a ?t }'
    >>> print(with_bindings("ASK { ?d ?p ?o }", {"o": ox.Literal('say "}" #', language="en")}))
    ASK { BIND("say \\"}\\" #"@en AS ?o)  ?d ?p ?o }
    """
    if not bindings:
        return query
    at = where_start(query)
    return f"{query[:at]} {bind_clauses(bindings, blank_node)} {query[at:]}"
