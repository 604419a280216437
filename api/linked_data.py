"""Every IRI under the base resolves: entities, the ontology and its terms, the shapes, the named graphs.

    {base}id/{kind}/{key}       GET /id/{kind}/{key}       an entity (docs/model.md lists the kinds)
    {base}ontology/             GET /ontology/             the ontology (slash namespace) ...
    {base}ontology/{LocalName}  GET /ontology/{LocalName}  ... and each of its terms
    {base}shapes/               GET /shapes/               the SHACL shapes (shapes/*.ttl) ...
    {base}shapes/{Name}         GET /shapes/{Name}         ... and each shape
    {base}graph/{name}          GET /graph/{name}          a named graph: its whole content

Each answers HTML (for browsers), Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the Accept header
(with `Vary: Accept`) or by a file extension, which wins: /id/deliverable/2025/sp1/7.ttl, .jsonld, .nt,
.rdf, .html (for the two documents: /ontology.ttl, /shapes.ttl). Every answer names its variants in
`Link: <…>; rel="alternate"; type="…"` headers and the chosen one in `Content-Location`. 406 (JSON) when
no variant fits the Accept header, 404 (JSON, saying why) for an IRI we do not know.

The description of an entity is its outgoing triples (with the blank nodes they lead to), its incoming
links (capped at INCOMING_CAP, and the page says so when it cuts) and the names of the nodes it links to.
The HTML page adds where the entity was read from: prov:wasDerivedFrom followed to the paragraph, table,
footnote or figure, with the text the graph holds and the line as printed in the project's copy of the
source. Values from the URL are checked against the key patterns and bound as query values; IRIs pasted
into VALUES blocks are ones the graph itself returned.
"""

from __future__ import annotations

import hashlib
import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from unodc_kg.config import Settings
from unodc_kg.iris import KEY, KINDS, Iris, undocs
from unodc_kg.store import Store, Term

from .deps import get_iris, get_settings, get_store, get_templates

router = APIRouter(tags=["linked data"])

INCOMING_CAP = 500  # incoming links described at most; the page and the RDF say when there are more
OUTGOING_CAP = 5000  # a safety net: no node of ours has this many statements
EVIDENCE_CAP = 20  # derivation chains shown on a page
PRINTED_LINES_CAP = 12  # source lines quoted for one node

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"
PLAIN_STRINGS = {XSD + "string", RDF + "langString"}
SAFE_IRI = re.compile(r'^[^<>"{}|^`\\\s]+$')
TERM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,99}$")
RDF_UNPREFIXED = frozenset({"id", "graph", "sdg"})
GRAPH_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


# ---------------------------------------------------------------------------------------------- formats
@dataclass(frozen=True)
class Format:
    """A variant we can answer in: file extension, media type, and how to write it."""

    ext: str
    media: str
    name: str
    rdf: ox.RdfFormat | None = None
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return self.media if self.media.endswith("json") else f"{self.media}; charset=utf-8"


TURTLE = Format("ttl", "text/turtle", "Turtle", ox.RdfFormat.TURTLE, ("application/x-turtle",))
HTML = Format("html", "text/html", "HTML", None, ("application/xhtml+xml",))
JSONLD = Format("jsonld", "application/ld+json", "JSON-LD", ox.RdfFormat.JSON_LD)
NTRIPLES = Format("nt", "application/n-triples", "N-Triples", ox.RdfFormat.N_TRIPLES)
RDFXML = Format("rdf", "application/rdf+xml", "RDF/XML", ox.RdfFormat.RDF_XML)
JSON = Format("json", "application/json", "JSON")
# Linked data: Turtle when the client takes anything (*/*), HTML when a browser asks for it; a client
# that asks for plain JSON gets JSON-LD.
LD_FORMATS: tuple[Format, ...] = (TURTLE, HTML, replace(JSONLD, aliases=("application/json",)), NTRIPLES, RDFXML)
RDF_FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, RDFXML)
BY_EXT = {f.ext: f for f in LD_FORMATS}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """`text/html,application/xml;q=0.9,*/*;q=0.8` -> [("text/html", 1.0), ("application/xml", 0.9), ("*/*", 0.8)]."""
    out: list[tuple[str, float]] = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if media == "*":
            media = "*/*"
        if "/" not in media:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 1.0
        out.append((media, q))
    return out


def negotiate(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the Accept header prefers (its most specific matching range decides its q); ties go to the
    earlier offer; no header, or one we cannot read, takes the first offer; None when nothing fits."""
    ranges = parse_accept(accept or "")
    if not ranges:
        return offers[0]
    best: Format | None = None
    best_q = 0.0
    for offer in offers:
        q, rank = 0.0, -1
        for media, rq in ranges:
            typ, _, sub = media.partition("/")
            if media == offer.media:
                r = 3
            elif media in offer.aliases:
                r = 2
            elif sub == "*" and typ != "*" and offer.media.startswith(typ + "/"):
                r = 1
            elif media == "*/*":
                r = 0
            else:
                continue
            if r > rank:
                rank, q = r, rq
        if q > best_q:
            best, best_q = offer, q
    return best


def not_acceptable(offers: Sequence[Format], accept: str | None) -> JSONResponse:
    return JSONResponse(
        {
            "error": f"none of the variants of this resource fits the Accept header {accept!r}",
            "available": [f.media for f in offers],
            "hint": "ask for one of the available media types, or add a file extension: "
            + ", ".join(f".{f.ext}" for f in offers if f.ext != "json"),
        },
        status_code=406,
        headers={"Vary": "Accept"},
    )


def not_found(message: str, iri: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if iri:
        body["iri"] = iri
    return JSONResponse(body, status_code=404)


def link_header(urls: Iterable[tuple[str, Format]]) -> str:
    return ", ".join(f'<{u}>; rel="alternate"; type="{f.media}"' for u, f in urls)


def ld_variant(path: str, fmt: Format) -> str:
    """/id/deliverable/2025/sp1/7 -> /id/deliverable/2025/sp1/7.ttl; /ontology/ -> /ontology.ttl."""
    return f"{path.rstrip('/')}.{fmt.ext}"


def split_extension(path: str) -> tuple[str, Format | None]:
    stem, dot, ext = path.rpartition(".")
    if dot and ext in BY_EXT and stem:
        return stem, BY_EXT[ext]
    return path, None


# ---------------------------------------------------------------------------------------------- queries
class Source(Protocol):
    """Something that answers SPARQL with bound values (unodc_kg.store.Store, or the shapes store)."""

    def raw(self, sparql: str, bindings: Mapping[str, Term] | None = None, **options: object) -> object: ...


class MemoryStore:
    """A small in-memory store (the shapes) with Store's `raw` interface."""

    def __init__(self) -> None:
        self.store = ox.Store()

    def raw(self, sparql: str, bindings: Mapping[str, Term] | None = None, **options: object) -> object:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        return self.store.query(sparql, use_default_graph_as_union=True, substitutions=subs or None)


def select(src: Source, sparql: str, **bindings: Term) -> list[dict[str, Term]]:
    result = src.raw(sparql, bindings)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT query")
    names = [v.value for v in result.variables]
    rows: list[dict[str, Term]] = []
    for sol in result:
        row: dict[str, Term] = {}
        for n in names:
            value = sol[n]
            if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
                row[n] = value
        rows.append(row)
    return rows


def triples_of(src: Source, sparql: str, **bindings: Term) -> list[ox.Triple]:
    result = src.raw(sparql, bindings)
    if not isinstance(result, ox.QueryTriples):
        raise TypeError("expected a CONSTRUCT query")
    return list(dict.fromkeys(result))


def values_block(iris: Iterable[str]) -> str:
    """A VALUES list of IRIs the graph returned (checked once more: nothing that could end the IRI)."""
    return " ".join(f"<{i}>" for i in iris if SAFE_IRI.match(i))


def chunks(items: Sequence[str], size: int = 150) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def obj(t: ox.Triple) -> Term:
    """The object of a triple (our graphs hold no quoted triples)."""
    o = t.object
    if isinstance(o, ox.NamedNode | ox.Literal | ox.BlankNode):
        return o
    raise TypeError(f"a quoted triple as object: {o}")


def subj(t: ox.Triple) -> ox.NamedNode | ox.BlankNode:
    s = t.subject
    if isinstance(s, ox.NamedNode | ox.BlankNode):
        return s
    raise TypeError(f"a quoted triple as subject: {s}")


# ---------------------------------------------------------------------------------------------- names
class Names:
    """Readable names of IRIs: their labels (zh, en), symbols, numbers; and compact prefixed forms."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        base = iris.base
        self.prefixes: dict[str, str] = {
            "id": f"{base}id/",
            "kg": f"{base}ontology/",
            "shape": f"{base}shapes/",
            "graph": f"{base}graph/",
            "rdf": RDF,
            "rdfs": RDFS,
            "owl": OWL,
            "xsd": XSD,
            "skos": SKOS,
            "dcterms": DCT,
            "prov": PROV,
            "sh": SH,
            "qb": "http://purl.org/linked-data/cube#",
            "org": "http://www.w3.org/ns/org#",
            "sdg": "http://metadata.un.org/sdg/",
        }
        kg = self.prefixes["kg"]
        # Properties that name a node, most telling first.
        self.label_props = (SKOS + "prefLabel", RDFS + "label", DCT + "title")
        self.naming_props = (
            *self.label_props,
            kg + "symbol",
            DCT + "identifier",
            kg + "paragraphNumber",
            kg + "tableNumber",
            kg + "figureNumber",
            kg + "heading",
            kg + "listedSymbol",
            kg + "marker",
            SKOS + "notation",
            kg + "quotation",
        )
        self.values: dict[str, dict[str, list[ox.Literal]]] = defaultdict(lambda: defaultdict(list))

    def compact(self, iri: str) -> str:
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def local(self, iri: str) -> str:
        """Where an IRI of ours is served by this server (a path); other IRIs stay as they are."""
        return "/" + iri[len(self.iris.base) :] if iri.startswith(self.iris.base) else iri

    def learn(self, triples: Iterable[ox.Triple]) -> None:
        for t in triples:
            if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.Literal):
                p = t.predicate.value
                if p in self.naming_props and t.object not in self.values[t.subject.value][p]:
                    self.values[t.subject.value][p].append(t.object)

    def fetch(self, sources: Sequence[Source], iris: Iterable[str]) -> list[ox.Triple]:
        """Look up (and remember) the naming triples of these IRIs; returns them."""
        wanted = sorted({i for i in iris if i not in self.values and SAFE_IRI.match(i)})
        props = values_block(self.naming_props)
        found: list[ox.Triple] = []
        for part in chunks(wanted):
            for src in sources:
                found += triples_of(
                    src,
                    f"CONSTRUCT {{ ?n ?p ?l }} WHERE {{ VALUES ?n {{ {values_block(part)} }} "
                    f"VALUES ?p {{ {props} }} ?n ?p ?l }}",
                )
        found = list(dict.fromkeys(found))
        self.learn(found)
        for i in wanted:
            self.values.setdefault(i, defaultdict(list))
        return found

    def labels(self, iri: str, lang: str) -> list[str]:
        vals = self.values.get(iri, {})
        return [v.value for p in self.label_props for v in vals.get(p, []) if (v.language or "") == lang]

    def label(self, iri: str, prefer: tuple[str, ...] = ("zh", "en", "")) -> tuple[str, str | None]:
        """The best readable name of an IRI and its language (None when it is not a label from the graph)."""
        vals = self.values.get(iri, {})
        for lang in prefer:
            for p in self.label_props:
                for v in vals.get(p, []):
                    if (v.language or "") == lang:
                        return v.value, lang or None
        kg = self.prefixes["kg"]
        for p, fmt in (
            (kg + "symbol", "{}"),
            (DCT + "identifier", "{}"),
            (kg + "paragraphNumber", "paragraph {}"),
            (kg + "tableNumber", "table {}"),
            (kg + "figureNumber", "figure {}"),
            (kg + "heading", "{}"),
            (kg + "listedSymbol", "listed {}"),
            (kg + "marker", "footnote {}"),
            (SKOS + "notation", "{}"),
            (kg + "quotation", "“{}”"),
        ):
            if vals.get(p):
                v = vals[p][0]
                return fmt.format(v.value), (v.language or None) if p == kg + "heading" else None
        return self.compact(iri), None

    def predicate_label(self, iri: str) -> str:
        """Properties read in English: their rdfs:label@en, else their local name spelt out."""
        en = self.labels(iri, "en")
        if en:
            return en[0]
        local = re.split(r"[#/]", iri)[-1]
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower() or iri


# ---------------------------------------------------------------------------------------------- description
@dataclass
class Description:
    node: ox.NamedNode
    outgoing: list[ox.Triple]
    incoming: list[ox.Triple]
    incoming_total: int
    names: list[ox.Triple]

    @property
    def cut(self) -> bool:
        return self.incoming_total > len(self.incoming)

    def triples(self) -> list[ox.Triple]:
        return list(dict.fromkeys([*self.outgoing, *self.incoming, *self.names]))

    def note(self) -> str:
        more = (
            f" (of {self.incoming_total}; the first {len(self.incoming)} are given, ask /sparql for the rest)"
            if self.cut
            else ""
        )
        return (
            f"Description of <{self.node.value}>: {len(self.outgoing)} statements about it, "
            f"{len(self.incoming)} incoming links{more}, and the names of the nodes it links to."
        )


def exists(src: Source, node: ox.NamedNode) -> bool:
    result = src.raw("ASK { { ?n ?p ?o } UNION { ?s ?p ?n } }", {"n": node})
    return bool(result)


def describe(src: Source, node: ox.NamedNode, names: Names, name_sources: Sequence[Source]) -> Description:
    out = [
        ox.Triple(node, r["p"], r["o"])  # type: ignore[arg-type]
        for r in select(src, f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {OUTGOING_CAP}", s=node)
    ]
    # the blank nodes it leads to (SHACL paths, lists), as far as they go
    seen: set[str] = set()
    frontier = [t.object for t in out if isinstance(t.object, ox.BlankNode)]
    while frontier and len(seen) < 1000:
        b = frontier.pop()
        if b.value in seen:
            continue
        seen.add(b.value)
        for r in select(src, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", s=b):
            out.append(ox.Triple(b, r["p"], r["o"]))  # type: ignore[arg-type]
            if isinstance(r["o"], ox.BlankNode):
                frontier.append(r["o"])
    incoming = [
        ox.Triple(r["s"], r["p"], node)  # type: ignore[arg-type]
        for r in select(
            src, f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?p ?s LIMIT {INCOMING_CAP + 1}", o=node
        )
    ]
    total = len(incoming)
    if total > INCOMING_CAP:
        incoming = incoming[:INCOMING_CAP]
        rows = select(
            src, "SELECT ?o (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?o", o=node
        )
        total = int(rows[0]["n"].value) if rows else total
    linked: set[str] = {node.value}
    for t in out:
        linked.add(t.predicate.value)
        if isinstance(t.object, ox.NamedNode):
            linked.add(t.object.value)
    for t in incoming:
        linked.add(t.predicate.value)
        if isinstance(t.subject, ox.NamedNode):
            linked.add(t.subject.value)
    names.learn(out)
    found = names.fetch(name_sources, linked)
    name_triples = [t for t in found if subj(t).value != node.value]
    return Description(node, out, incoming, total, name_triples)


# ---------------------------------------------------------------------------------------------- writing RDF
def serialize(triples: Sequence[ox.Triple], fmt: Format, names: Names, note: str | None = None) -> bytes:
    if fmt.rdf is None:
        raise ValueError(f"{fmt.name} is not an RDF format")
    # Not id: or graph: (their local names hold slashes, which Turtle would have to escape).
    prefixes = None if fmt is NTRIPLES else {k: v for k, v in names.prefixes.items() if k not in RDF_UNPREFIXED}
    data = ox.serialize(triples, format=fmt.rdf, prefixes=prefixes) or b""
    if note and fmt.ext in ("ttl", "nt"):
        data = "".join(f"# {line}\n" for line in note.splitlines()).encode() + (data or b"")
    return data


def negotiated(
    request: Request,
    path: str,
    ext: Format | None,
    offers: Sequence[Format],
    render: Callable[[Format], Response],
    variant: Callable[[str, Format], str] = ld_variant,
) -> Response:
    """Choose the variant (extension first, then Accept), render it, and add the Link, Content-Location and
    Vary headers."""
    accept = request.headers.get("accept")
    fmt = ext or negotiate(accept, offers)
    if fmt is None:
        return not_acceptable(offers, accept)
    response = render(fmt)
    response.headers["Link"] = link_header((variant(path, f), f) for f in offers)
    response.headers["Content-Location"] = variant(path, fmt)
    if ext is None:
        response.headers["Vary"] = "Accept"
    return response


def rdf_response(triples: Sequence[ox.Triple], fmt: Format, names: Names, note: str | None = None) -> Response:
    return Response(serialize(triples, fmt, names, note), media_type=fmt.content_type)


# ---------------------------------------------------------------------------------------------- views
def term_view(term: Term, names: Names, graph: Mapping[str, list[ox.Triple]] | None = None) -> dict[str, Any]:
    """A term as the templates show it."""
    if isinstance(term, ox.NamedNode):
        label, lang = names.label(term.value)
        href = names.local(term.value)
        en = names.labels(term.value, "en")
        return {
            "type": "iri",
            "iri": term.value,
            "href": href,
            "label": label,
            "lang": lang,
            "en": en[0] if en and lang == "zh" else None,
            "compact": names.compact(term.value),
            "external": not href.startswith("/"),
        }
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        return {
            "type": "literal",
            "value": term.value,
            "lang": term.language,
            "datatype": None if dt in PLAIN_STRINGS else names.compact(dt),
        }
    return {"type": "bnode", "text": bnode_text(term, names, graph or {}, 0)}


def bnode_text(node: ox.BlankNode, names: Names, graph: Mapping[str, list[ox.Triple]], depth: int) -> str:
    """A blank node written inline, Turtle-like: lists as ( a b ), others as [ p o ; … ]."""
    if depth > 6:
        return "[ … ]"
    ts = graph.get(node.value, [])

    def show(t: Term) -> str:
        if isinstance(t, ox.NamedNode):
            return names.compact(t.value)
        if isinstance(t, ox.BlankNode):
            return bnode_text(t, names, graph, depth + 1)
        return f'"{t.value}"' + (f"@{t.language}" if t.language else "")

    items: list[str] = []
    cur: Term | None = node
    while isinstance(cur, ox.BlankNode):
        first = [obj(t) for t in graph.get(cur.value, []) if t.predicate.value == RDF + "first"]
        rest = [obj(t) for t in graph.get(cur.value, []) if t.predicate.value == RDF + "rest"]
        if not first or not rest:
            break
        items.append(show(first[0]))
        cur = rest[0]
    if items and isinstance(cur, ox.NamedNode) and cur.value == RDF + "nil":
        return "( " + " ".join(items) + " )"
    return "[ " + " ; ".join(f"{names.compact(t.predicate.value)} {show(obj(t))}" for t in ts) + " ]"


def grouped(
    triples: Sequence[ox.Triple], names: Names, key: Callable[[ox.Triple], Term], bnodes: Mapping[str, list[ox.Triple]]
) -> list[dict[str, Any]]:
    groups: dict[str, list[Term]] = {}
    for t in triples:
        groups.setdefault(t.predicate.value, []).append(key(t))
    out: list[dict[str, Any]] = []
    for p, values in groups.items():
        predicate = term_view(ox.NamedNode(p), names)
        predicate["label"] = names.predicate_label(p)
        out.append({"predicate": predicate, "terms": [term_view(v, names, bnodes) for v in values]})
    out.sort(key=lambda g: (g["predicate"]["iri"] != RDF_TYPE, g["predicate"]["label"].lower()))
    return out


def segments(text: str, needles: Iterable[str]) -> list[tuple[str, bool]]:
    """Split a text so the first place a needle occurs can be marked: [(before, False), (needle, True), …]."""
    for n in sorted({n for n in needles if n}, key=len, reverse=True):
        at = text.find(n)
        if at >= 0:
            return [(text[:at], False), (n, True), (text[at + len(n) :], False)]
    return [(text, False)]


# ---------------------------------------------------------------------------------------------- provenance
_SOURCE_LINES: dict[tuple[str, str], list[str] | None] = {}
_LOCK = threading.Lock()


def source_lines(settings: Settings, relative: str, sha256: str) -> list[str] | None:
    """The lines of a source file named in the graph, if it is still the file the graph was read from."""
    key = (relative, sha256)
    with _LOCK:
        if key in _SOURCE_LINES:
            return _SOURCE_LINES[key]
    lines: list[str] | None = None
    root = settings.root.resolve()
    path = (root / relative).resolve()
    if path.is_relative_to(root) and path.is_file():
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == sha256:
            lines = data.decode("utf-8").split("\n")
    with _LOCK:
        _SOURCE_LINES[key] = lines
    return lines


class Provenance:
    """Where a node was read from: prov:wasDerivedFrom followed to a paragraph, table, footnote or figure."""

    def __init__(self, src: Source, names: Names, settings: Settings) -> None:
        self.src = src
        self.names = names
        self.settings = settings
        kg = names.prefixes["kg"]
        self.kg = kg
        self.source_classes = {kg + "Paragraph", kg + "Table", kg + "Footnote", kg + "Figure", kg + "Document"}
        self.props = [
            RDF_TYPE,
            kg + "text",
            kg + "caption",
            kg + "sourceLine",
            kg + "lastSourceLine",
            kg + "quotation",
            kg + "listedSymbol",
            kg + "listedTitle",
            kg + "heading",
            kg + "paragraphNumber",
            kg + "tableNumber",
            kg + "figureNumber",
            kg + "marker",
            kg + "introducedBy",
            DCT + "isPartOf",
            kg + "sourceFile",
            kg + "sha256",
        ]

    def info(self, iris: Iterable[str]) -> dict[str, dict[str, list[Term]]]:
        out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for part in chunks(sorted(set(iris))):
            for r in select(
                self.src,
                f"SELECT ?n ?p ?o WHERE {{ VALUES ?n {{ {values_block(part)} }} "
                f"VALUES ?p {{ {values_block(self.props)} }} ?n ?p ?o }}",
            ):
                out[r["n"].value][r["p"].value].append(r["o"])
        return out

    def chains(self, node: ox.NamedNode) -> tuple[list[list[str]], int]:
        """Paths node -> … -> source (nearest sources only), at most EVIDENCE_CAP of them, and how many there are."""
        parent: dict[str, str] = {}
        roots: list[str] = []
        info = self.info([node.value])
        if self.source_classes & {t.value for t in info[node.value][RDF_TYPE]}:
            return [[node.value]], 1
        frontier = [node.value]
        visited = {node.value}
        for _ in range(6):
            if not frontier:
                break
            rows = select(
                self.src,
                f"SELECT ?n ?src ?t WHERE {{ VALUES ?n {{ {values_block(frontier)} }} "
                f"?n <{PROV}wasDerivedFrom> ?src . OPTIONAL {{ ?src a ?t }} }}",
            )
            types: dict[str, set[str]] = defaultdict(set)
            origin: dict[str, str] = {}
            for r in rows:
                s = r["src"].value
                origin.setdefault(s, r["n"].value)
                if "t" in r:
                    types[s].add(r["t"].value)
            nxt: list[str] = []
            for s in sorted(origin, key=lambda x: (frontier.index(origin[x]), x)):
                if s in visited:
                    continue
                visited.add(s)
                parent[s] = origin[s]
                if types[s] & self.source_classes:
                    roots.append(s)
                else:
                    nxt.append(s)
            frontier = nxt[:200]
        out: list[list[str]] = []
        for root in roots:
            chain = [root]
            while chain[-1] in parent:
                chain.append(parent[chain[-1]])
            out.append(list(reversed(chain)))
        return out[:EVIDENCE_CAP], len(out)

    def evidence(self, node: ox.NamedNode) -> tuple[list[dict[str, Any]], int]:
        chains, total = self.chains(node)
        if not chains:
            return [], 0
        kg = self.kg
        info = self.info({n for c in chains for n in c})
        intro = {str(i.value) for c in chains for i in info[c[-1]].get(kg + "introducedBy", [])}
        docs = {str(d.value) for c in chains for d in info[c[-1]].get(DCT + "isPartOf", [])}
        more = self.info(intro | docs)
        info.update(more)
        self.names.fetch([self.src], {n for c in chains for n in c} | intro)
        out = []
        for chain in chains:
            root = chain[-1]
            r = info[root]
            quotes: list[str] = []
            via = []
            for n in chain[1:-1] if len(chain) > 1 else []:
                i = info[n]
                quote = " ".join(
                    str(v.value)
                    for p in ("quotation", "listedSymbol", "listedTitle", "heading")
                    for v in i.get(kg + p, [])
                )
                quotes += [str(v.value) for p in ("quotation", "listedSymbol") for v in i.get(kg + p, [])]
                label = _spelt(next((str(t.value) for t in i.get(RDF_TYPE, [])), n))  # the quote names it
                via.append(
                    {
                        "href": self.names.local(n),
                        "compact": self.names.compact(n),
                        "label": label,
                        "quote": quote,
                        "line": _int(i.get(kg + "sourceLine")),
                    }
                )
            text_terms = r.get(kg + "text") or r.get(kg + "caption") or []
            text = str(text_terms[0].value) if text_terms else None
            intro_view = None
            for p in r.get(kg + "introducedBy", []):
                t = info[p.value].get(kg + "text")
                intro_view = {
                    "href": self.names.local(p.value),
                    "label": self.names.label(p.value)[0],
                    "text": str(t[0].value) if t else None,
                    "line": _int(info[p.value].get(kg + "sourceLine")),
                }
            # the lines to quote as printed: the node's own, else those of the nearest step that has one
            first = last = 0
            line_owner = next((n for n in chain if info[n].get(kg + "sourceLine")), None)
            if line_owner:
                first = _int(info[line_owner].get(kg + "sourceLine")) or 0
                last = _int(info[line_owner].get(kg + "lastSourceLine")) or first
            printed = self.printed(info, docs, first, last)
            out.append(
                {
                    "via": via,
                    "source": {
                        "href": self.names.local(root),
                        "compact": self.names.compact(root),
                        "label": self.names.label(root)[0],
                        "kind": _spelt(_source_kind({str(t.value) for t in r.get(RDF_TYPE, [])}, kg)),
                        "text": segments(text, quotes) if text else None,
                        "line": _int(r.get(kg + "sourceLine")),
                        "last_line": _int(r.get(kg + "lastSourceLine")),
                        "introduced_by": intro_view,
                    },
                    "printed": [(n, segments(t, quotes)) for n, t in printed],
                }
            )
        return out, total

    def printed(
        self, info: Mapping[str, Mapping[str, list[Term]]], docs: Iterable[str], first: int, last: int
    ) -> list[tuple[int, str]]:
        if not first:
            return []
        for d in sorted(docs):
            path = info.get(d, {}).get(self.kg + "sourceFile")
            sha = info.get(d, {}).get(self.kg + "sha256")
            if not path or not sha:
                continue
            lines = source_lines(self.settings, str(path[0].value), str(sha[0].value))
            if lines is None:
                continue
            last = min(max(last, first), first + PRINTED_LINES_CAP - 1, len(lines))
            return [(n, lines[n - 1]) for n in range(first, last + 1) if 0 < n <= len(lines)]
        return []


def _source_kind(types: set[str], kg: str) -> str:
    for name in ("Paragraph", "Table", "Footnote", "Figure", "Document"):
        if kg + name in types:
            return name
    return min(types, default="")


def _int(values: Sequence[Term] | None) -> int | None:
    if not values:
        return None
    try:
        return int(values[0].value)
    except ValueError:
        return None


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _spelt(iri: str) -> str:
    """kg:MandateListing -> "mandate listing"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", _local_name(iri)).lower()


# ---------------------------------------------------------------------------------------------- shared state
_STATE: weakref.WeakKeyDictionary[Store, dict[str, Any]] = weakref.WeakKeyDictionary()


def _cached(store: Store, name: str, make: Callable[[], Any]) -> Any:
    with _LOCK:
        state = _STATE.setdefault(store, {})
        if name in state:
            return state[name]
    value = make()
    with _LOCK:
        return state.setdefault(name, value)


def graph_names(store: Store) -> list[str]:
    def make() -> list[str]:
        return sorted(str(r["g"].value) for r in select(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    return list(_cached(store, "graphs", make))


def shapes_store(store: Store, settings: Settings, iris: Iris) -> MemoryStore:
    """The shapes of shapes/*.ttl (rebased to our base), one named graph per file, loaded once."""

    def make() -> MemoryStore:
        mem = MemoryStore()
        for path in sorted(settings.shapes_dir.glob("*.ttl")):
            mem.store.load(
                input=iris.rebase(path.read_text(encoding="utf-8")).encode(),
                format=ox.RdfFormat.TURTLE,
                to_graph=ox.NamedNode(f"urn:x-unodc-kg:file:shapes/{path.name}"),
            )
        return mem

    result: MemoryStore = _cached(store, "shapes", make)
    return result


# ---------------------------------------------------------------------------------------------- pages
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
    return Context(request, store, settings, iris, templates)


def formats_view(path: str, offers: Sequence[Format] = LD_FORMATS) -> list[dict[str, str]]:
    return [{"name": f.name, "href": ld_variant(path, f), "media": f.media} for f in offers if f is not HTML]


def entity_page(
    ctx: Context,
    src: Source,
    node: ox.NamedNode,
    path: str,
    *,
    name_sources: Sequence[Source] | None = None,
    graph_sources: bool = True,
    extra: dict[str, Any] | None = None,
) -> Callable[[Format], Response]:
    """The renderer of one resource's description in every format."""

    def render(fmt: Format) -> Response:
        names = ctx.names()
        desc = describe(src, node, names, name_sources or [src])
        if fmt.rdf is not None:
            return rdf_response(desc.triples(), fmt, names, desc.note())
        return ctx.page("ld/entity.html", entity_context(ctx, src, desc, names, path, graph_sources, extra or {}))

    return render


def entity_context(
    ctx: Context,
    src: Source,
    desc: Description,
    names: Names,
    path: str,
    graph_sources: bool,
    extra: dict[str, Any],
) -> dict[str, Any]:
    node = desc.node
    iri = node.value
    bnodes: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in desc.outgoing:
        if isinstance(t.subject, ox.BlankNode):
            bnodes[t.subject.value].append(t)
    own = [t for t in desc.outgoing if t.subject == node]
    kg = names.prefixes["kg"]
    types = [term_view(obj(t), names) for t in own if t.predicate.value == RDF_TYPE]
    type_iris = {obj(t).value for t in own if t.predicate.value == RDF_TYPE}
    label_rows = [
        {"property": names.compact(t.predicate.value), "value": t.object.value, "lang": t.object.language}
        for t in own
        if isinstance(t.object, ox.Literal)
        and t.predicate.value in (*names.label_props, SKOS + "altLabel")
        and t.object.language in ("zh", "en")
    ]
    label_rows.sort(key=lambda r: (r["lang"] != "zh", r["property"]))
    title, title_lang = names.label(iri)
    en = names.labels(iri, "en")
    symbols = [
        {"symbol": obj(t).value, "href": str(undocs(obj(t).value))}
        for t in own
        if t.predicate.value == DCT + "identifier" and kg + "LegalInstrument" in _ancestors(ctx, type_iris)
    ]
    related = []
    kind_key = ctx.iris.key_of(iri, "deliverable")
    if kind_key:
        related.append(("Which instruments mandate this deliverable?", f"/api/deliverables/{kind_key}/mandates"))
        related.append(("The deliverable as JSON (figures, source)", f"/api/deliverables/{kind_key}"))
    inst_key = ctx.iris.key_of(iri, "instrument")
    if inst_key:
        related.append(("What does this instrument mandate?", f"/api/instruments/{inst_key}/deliverables"))
    scope_key = ctx.iris.key_of(iri, "scope")
    if scope_key:
        related.append(("Its deliverables (JSON)", f"/api/deliverables?scope={scope_key}"))
    evidence: list[dict[str, Any]] = []
    evidence_total = 0
    graphs: list[dict[str, Any]] = []
    if graph_sources:
        evidence, evidence_total = Provenance(src, names, ctx.settings).evidence(node)
        graphs = [
            term_view(r["g"], names)
            for r in select(src, "SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", s=node)
        ]
    definitions = [
        {"value": t.object.value, "lang": t.object.language, "property": names.compact(t.predicate.value)}
        for t in own
        if t.predicate.value in (SKOS + "definition", RDFS + "comment", DCT + "description")
        and isinstance(t.object, ox.Literal)
    ]
    definitions.sort(key=lambda d: (d["lang"] != "en", d["property"]))
    return {
        "iri": iri,
        "compact": names.compact(iri),
        "title": title,
        "title_lang": title_lang,
        "title_en": en[0] if en and title_lang != "en" else None,
        "types": types,
        "labels": label_rows,
        "definitions": definitions,
        "symbols": symbols,
        "related": related,
        "evidence": evidence,
        "evidence_total": evidence_total,
        "graphs": graphs,
        "properties": grouped(own, names, obj, bnodes),
        "incoming": grouped(desc.incoming, names, subj, bnodes),
        "incoming_count": len(desc.incoming),
        "incoming_total": desc.incoming_total,
        "incoming_cut": desc.cut,
        "incoming_cap": INCOMING_CAP,
        "formats": formats_view(path),
        "term": False,
        "files": [],
        "uses": None,
        **extra,
    }


def _ancestors(ctx: Context, classes: set[str]) -> set[str]:
    """The classes and their superclasses (rdfs:subClassOf*), from the ontology."""
    if not classes:
        return set()
    rows = select(
        ctx.store,
        f"SELECT DISTINCT ?super WHERE {{ VALUES ?c {{ {values_block(sorted(classes))} }} "
        f"?c <{RDFS}subClassOf>* ?super }}",
    )
    return classes | {str(r["super"].value) for r in rows}


# ---------------------------------------------------------------------------------------------- /id/
F = TypeVar("F", bound=Callable[..., Any])


def ld_route(path: str, **options: Any) -> Callable[[F], F]:
    """GET (documented in OpenAPI) and HEAD (the same answer without its body) on one path."""

    def register(fn: F) -> F:
        router.add_api_route(path, fn, methods=["GET"], **options)
        router.add_api_route(path, fn, methods=["HEAD"], include_in_schema=False)
        return fn

    return register


@ld_route(
    "/id/{path:path}",
    summary="Dereference an entity IRI {base}id/{kind}/{key}",
    description="HTML for browsers, or Turtle, JSON-LD, N-Triples, RDF/XML by `Accept` or by extension "
    "(`/id/deliverable/2025/sp1/7.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`; the extension wins). "
    f"The description is the entity's statements, its incoming links (at most {INCOMING_CAP}) and the names "
    "of the nodes it links to.",
    response_class=Response,
    responses={
        200: {
            "description": "The description of the entity",
            "content": {f.media: {} for f in LD_FORMATS},
        },
        404: {"description": "Not an IRI of ours", "content": {"application/json": {"example": {"error": "…"}}}},
        406: {"description": "No variant fits the Accept header", "content": {"application/json": {}}},
    },
)
def entity(path: str, ctx: Context = Depends(get_context)) -> Response:
    stem, ext = split_extension(path)
    node = None
    for candidate, fmt in ((path, None), (stem, ext)) if ext else ((path, None),):
        kind, _, key = candidate.partition("/")
        if kind not in KINDS:
            return not_found(
                f"/id/{path}: no kind of entity {kind!r}; the kinds are " + ", ".join(sorted(KINDS)),
                f"{ctx.iris.base}id/{path}",
            )
        if not KEY.match(key):
            continue
        n = ox.NamedNode(f"{ctx.iris.base}id/{kind}/{key}")
        if exists(ctx.store, n):
            node, ext, path = n, fmt, candidate
            break
    if node is None:
        return not_found(
            f"nothing is known about {ctx.iris.base}id/{path}: an entity IRI is {{base}}id/{{kind}}/{{key}}, "
            "e.g. /id/deliverable/2025/sp1/7, /id/instrument/ga/75-194, /id/paragraph/a-79-6-sect16/16.54.c "
            "(keys are lower-case ASCII; see docs/model.md)",
            f"{ctx.iris.base}id/{path}",
        )
    local = f"/id/{path}"
    return negotiated(ctx.request, local, ext, LD_FORMATS, entity_page(ctx, ctx.store, node, local))


# ---------------------------------------------------------------------------------------------- /ontology/
@router.get("/ontology", include_in_schema=False)
def ontology_no_slash() -> RedirectResponse:
    return RedirectResponse("/ontology/", status_code=301)


def ontology_model(ctx: Context) -> dict[str, Any]:
    """The ontology's own statements (subjects in the kg: namespace, with the blank nodes they use)."""

    def make() -> list[ox.Triple]:
        kg = ctx.iris.kg
        graph = ox.NamedNode(str(ctx.iris.graph("ontology")))
        every = triples_of(ctx.store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", g=graph)
        by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
        for t in every:
            by_subject[subj(t).value].append(t)
        keep = [t for t in every if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(str(kg))]
        todo = [t.object for t in keep if isinstance(t.object, ox.BlankNode)]
        seen: set[str] = set()
        while todo:
            b = todo.pop()
            if b.value in seen:
                continue
            seen.add(b.value)
            for t in by_subject.get(b.value, []):
                keep.append(t)
                if isinstance(t.object, ox.BlankNode):
                    todo.append(t.object)
        return keep

    triples: list[ox.Triple] = _cached(ctx.store, "ontology", make)
    return {"triples": triples}


def ontology_context(ctx: Context, triples: Sequence[ox.Triple], names: Names) -> dict[str, Any]:
    kg = str(ctx.iris.kg)
    onto = kg
    props: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        props[subj(t).value][t.predicate.value].append(obj(t))
    names.learn(triples)
    names.fetch([ctx.store], {str(o.value) for t in triples for o in (t.object,) if isinstance(o, ox.NamedNode)})

    def texts(values: list[Term], lang: str) -> list[str]:
        return [str(v.value) for v in values if isinstance(v, ox.Literal) and (v.language or "") == lang]

    def refs(values: list[Term]) -> list[dict[str, Any]]:
        return [term_view(v, names) for v in values if isinstance(v, ox.NamedNode)]

    groups: dict[str, list[dict[str, Any]]] = {"classes": [], "object": [], "datatype": [], "other": []}
    for s in sorted(props, key=lambda x: x.lower()):
        if not s.startswith(kg) or s == onto:
            continue
        p = props[s]
        types = {str(v.value) for v in p.get(RDF_TYPE, [])}
        entry = {
            "name": s[len(kg) :],
            "href": names.local(s),
            "compact": names.compact(s),
            "en": texts(p.get(RDFS + "label", []), "en"),
            "zh": texts(p.get(RDFS + "label", []), "zh"),
            "definition": texts(p.get(SKOS + "definition", []), "en") or texts(p.get(RDFS + "comment", []), "en"),
            "definition_zh": texts(p.get(SKOS + "definition", []), "zh"),
            "domain": refs(p.get(RDFS + "domain", [])),
            "range": refs(p.get(RDFS + "range", [])),
            "super": refs(p.get(RDFS + "subClassOf", []) + p.get(RDFS + "subPropertyOf", [])),
            "types": [names.compact(t) for t in sorted(types)],
        }
        if OWL + "Class" in types:
            groups["classes"].append(entry)
        elif OWL + "ObjectProperty" in types:
            groups["object"].append(entry)
        elif OWL + "DatatypeProperty" in types or OWL + "AnnotationProperty" in types:
            groups["datatype"].append(entry)
        else:
            groups["other"].append(entry)
    meta = props.get(onto, {})
    return {
        "iri": onto,
        "title_en": texts(meta.get(DCT + "title", []), "en"),
        "title_zh": texts(meta.get(DCT + "title", []), "zh"),
        "description": texts(meta.get(DCT + "description", []), "en"),
        "version": [str(v.value) for v in meta.get(OWL + "versionInfo", [])],
        "license": refs(meta.get(DCT + "license", [])),
        "see_also": refs(meta.get(RDFS + "seeAlso", [])),
        "groups": groups,
        "count": sum(len(g) for g in groups.values()),
        "formats": formats_view("/ontology/"),
        "base": ctx.iris.base,
    }


ONTOLOGY_DOC = (
    "The ontology of unodc-kg (slash namespace `{base}ontology/`): HTML documentation of every class and "
    "property (labels in English and Chinese, definitions, domains and ranges), or the ontology as RDF."
)


def _ontology_document(ctx: Context, ext: Format | None) -> Response:
    def render(fmt: Format) -> Response:
        names = ctx.names()
        triples = ontology_model(ctx)["triples"]
        if fmt.rdf is not None:
            return rdf_response(triples, fmt, names)
        return ctx.page("ld/ontology.html", ontology_context(ctx, triples, names))

    return negotiated(ctx.request, "/ontology/", ext, LD_FORMATS, render)


@ld_route("/ontology/", summary="The ontology", description=ONTOLOGY_DOC)
def ontology(ctx: Context = Depends(get_context)) -> Response:
    return _ontology_document(ctx, None)


@ld_route("/ontology.{ext}", summary="The ontology in one format (ttl, jsonld, nt, rdf, html)")
def ontology_as(ext: str, ctx: Context = Depends(get_context)) -> Response:
    if ext not in BY_EXT:
        return not_found(f"/ontology.{ext}: no such format; use one of " + ", ".join(BY_EXT))
    return _ontology_document(ctx, BY_EXT[ext])


@ld_route(
    "/ontology/{name}",
    summary="A term of the ontology, {base}ontology/{LocalName}",
    description="A class or property: labels, definition, domain and range, and its uses (incoming links).",
)
def ontology_term(name: str, ctx: Context = Depends(get_context)) -> Response:
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not TERM_NAME.match(candidate):
            continue
        node = ox.NamedNode(f"{ctx.iris.kg}{candidate}")
        if exists(ctx.store, node):
            path = f"/ontology/{candidate}"
            extra: dict[str, Any] = {"term": True}
            if candidate[0].islower():  # a property: how many statements use it
                rows = select(ctx.store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p", p=node)
                extra["uses"] = int(rows[0]["n"].value) if rows else 0
                extra["uses_query"] = f"SELECT ?s ?o WHERE {{ ?s <{node.value}> ?o }} LIMIT 100"
            return negotiated(ctx.request, path, fmt, LD_FORMATS, entity_page(ctx, ctx.store, node, path, extra=extra))
    return not_found(
        f"the ontology has no term {name!r}: terms are {ctx.iris.kg}{{LocalName}}, e.g. /ontology/Deliverable, "
        "/ontology/inList; the list is at /ontology/",
        f"{ctx.iris.kg}{name}",
    )


# ---------------------------------------------------------------------------------------------- /shapes/
@router.get("/shapes", include_in_schema=False)
def shapes_no_slash() -> RedirectResponse:
    return RedirectResponse("/shapes/", status_code=301)


def shapes_context(ctx: Context, mem: MemoryStore, names: Names) -> dict[str, Any]:
    rows = select(
        mem,
        f"""SELECT ?s ?target ?label ?comment ?severity ?file (COUNT(DISTINCT ?ps) AS ?props) WHERE {{
              GRAPH ?file {{ ?s a <{SH}NodeShape> }}
              OPTIONAL {{ ?s <{SH}targetClass> ?target }}
              OPTIONAL {{ ?s <{RDFS}label> ?label }}
              OPTIONAL {{ ?s <{RDFS}comment> ?comment }}
              OPTIONAL {{ ?s <{SH}severity> ?severity }}
              OPTIONAL {{ ?s <{SH}property> ?ps }}
            }} GROUP BY ?s ?target ?label ?comment ?severity ?file ORDER BY ?file ?s""",
    )
    names.fetch([ctx.store], {str(r["target"].value) for r in rows if "target" in r})
    shapes: dict[str, dict[str, Any]] = {}
    for r in rows:
        s = str(r["s"].value)
        e = shapes.setdefault(
            s,
            {
                "href": names.local(s) if isinstance(r["s"], ox.NamedNode) else None,
                "compact": names.compact(s),
                "targets": [],
                "label": str(r["label"].value) if "label" in r else None,
                "comment": str(r["comment"].value) if "comment" in r else None,
                "severity": _local_name(str(r["severity"].value)) if "severity" in r else None,
                "file": str(r["file"].value).rsplit(":", 1)[-1],
                "properties": int(r["props"].value),
            },
        )
        if "target" in r and (t := term_view(r["target"], names)) not in e["targets"]:
            e["targets"].append(t)
    return {"shapes": list(shapes.values()), "formats": formats_view("/shapes/"), "base": ctx.iris.base}


def _shapes_document(ctx: Context, ext: Format | None) -> Response:
    def render(fmt: Format) -> Response:
        names = ctx.names()
        mem = shapes_store(ctx.store, ctx.settings, ctx.iris)
        if fmt.rdf is not None:
            triples = triples_of(mem, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            return rdf_response(triples, fmt, names)
        return ctx.page("ld/shapes.html", shapes_context(ctx, mem, names))

    return negotiated(ctx.request, "/shapes/", ext, LD_FORMATS, render)


@ld_route("/shapes/", summary="The SHACL shapes the graph is validated against")
def shapes(ctx: Context = Depends(get_context)) -> Response:
    return _shapes_document(ctx, None)


@ld_route("/shapes.{ext}", summary="The shapes in one format (ttl, jsonld, nt, rdf, html)")
def shapes_as(ext: str, ctx: Context = Depends(get_context)) -> Response:
    if ext not in BY_EXT:
        return not_found(f"/shapes.{ext}: no such format; use one of " + ", ".join(BY_EXT))
    return _shapes_document(ctx, BY_EXT[ext])


@ld_route("/shapes/{name}", summary="One SHACL shape, {base}shapes/{Name}")
def shape(name: str, ctx: Context = Depends(get_context)) -> Response:
    mem = shapes_store(ctx.store, ctx.settings, ctx.iris)
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not TERM_NAME.match(candidate):
            continue
        node = ox.NamedNode(f"{ctx.iris.shape}{candidate}")
        if exists(mem, node):
            path = f"/shapes/{candidate}"
            files = sorted(
                str(r["g"].value).rsplit(":", 1)[-1]
                for r in select(mem, "SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } }", s=node)
            )
            page = entity_page(
                ctx, mem, node, path, name_sources=[mem, ctx.store], graph_sources=False, extra={"files": files}
            )
            return negotiated(ctx.request, path, fmt, LD_FORMATS, page)
    return not_found(
        f"no shape {name!r}: shapes are {ctx.iris.shape}{{Name}}, e.g. /shapes/DeliverableLineShape; "
        "the list is at /shapes/",
        f"{ctx.iris.shape}{name}",
    )


# ---------------------------------------------------------------------------------------------- /graph/
def graph_context(ctx: Context, node: ox.NamedNode, names: Names, path: str) -> dict[str, Any]:
    stats = select(
        ctx.store,
        "SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?g { ?s ?p ?o } } "
        "GROUP BY ?g",
        g=node,
    )
    classes = select(
        ctx.store,
        f"SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{RDF_TYPE}> ?c }} }} "
        "GROUP BY ?g ?c ORDER BY DESC(?n) ?c",
        g=node,
    )
    names.fetch([ctx.store], {str(r["c"].value) for r in classes} | set(graph_names(ctx.store)))
    return {
        "iri": node.value,
        "compact": names.compact(node.value),
        "name": node.value.rsplit("/", 1)[-1],
        "triples": int(stats[0]["triples"].value) if stats else 0,
        "subjects": int(stats[0]["subjects"].value) if stats else 0,
        "classes": [{"class": term_view(r["c"], names), "count": int(r["n"].value)} for r in classes],
        "graphs": [term_view(ox.NamedNode(g), names) for g in graph_names(ctx.store)],
        "formats": formats_view(path),
    }


@ld_route(
    "/graph/{name}",
    summary="A named graph, {base}graph/{name}: its whole content",
    description="HTML: what the graph holds (counts by class); RDF (Turtle, JSON-LD, N-Triples, RDF/XML): every "
    "triple of the graph. Graphs: one per source document (e.g. a-79-6-sect16), ontology, reference.",
)
def named_graph(name: str, ctx: Context = Depends(get_context)) -> Response:
    known = graph_names(ctx.store)
    stem, ext = split_extension(name)
    for candidate, fmt in ((name, None), (stem, ext)) if ext else ((name, None),):
        if not GRAPH_NAME.match(candidate):
            continue
        iri = str(ctx.iris.graph(candidate))
        if iri in known:
            node = ox.NamedNode(iri)
            path = f"/graph/{candidate}"

            def render(fmt: Format, node: ox.NamedNode = node, path: str = path) -> Response:
                names = ctx.names()
                if fmt.rdf is not None:
                    triples = triples_of(ctx.store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", g=node)
                    return rdf_response(triples, fmt, names)
                return ctx.page("ld/graph.html", graph_context(ctx, node, names, path))

            return negotiated(ctx.request, path, fmt, LD_FORMATS, render)
    return not_found(
        f"no named graph {name!r}; the graphs are: " + ", ".join(g.rsplit("/", 1)[-1] for g in known),
        str(ctx.iris.graph(name)) if GRAPH_NAME.match(stem) else None,
    )
