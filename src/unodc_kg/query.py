"""The headline questions, answered in the JSON shapes of ../shared/design/contract.md.

Used by the command line and the API alike, so both give the same documents. Keys from the
caller are checked against the contract's patterns, then bound as values (never pasted).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from .errors import UnknownKeyError
from .iris import KEYS, Iris, shown, valid_key
from .store import Store, Term, iri
from .topics import normalise

# The contract's key patterns (unodc_kg.iris), whole-text: a key is checked against them before any query.
DELIVERABLE_KEY = KEYS["deliverable"]
SCOPE_KEY = KEYS["scope"]
INSTRUMENT_KEY_CONTRACT = KEYS["instrument"]
INSTRUMENT_HELP = (
    "instrument keys look like ga/75-194 (General Assembly resolution 75/194), ga/s-20-2, ecosoc/2005-20, "
    "ecosoc/dec-2011-259 (an ECOSOC decision), sc/2370-2017, cnd/58-10, ccpcj/27-5, cop-untoc/10-4, "
    "cosp-uncac/dec-10-2, treaty/untoc or cnd/political-declaration-2009: the organ (ga, ecosoc, sc, cnd, ccpcj, "
    "cop-untoc, cosp-uncac, incb, crime-congress) or treaty, a slash, then the symbol in lower case with '/' "
    "and spaces as '-'; find a key by symbol or title with a search (GET /api/search?q=75/194)"
)
DELIVERABLE_HELP = (
    "deliverable keys look like 2025/sp1/7 (item 7 of subprogramme 1's table), 2025/programme/10, "
    "2025/sp9-2/3 or 2025/sp3/c-1 (first narrative deliverable of category C); "
    "list a scope's keys with `unodc-kg deliverables --scope 2025/sp1`"
)
SCOPE_HELP = "scope keys look like 2025/programme, 2025/sp1 … 2025/sp8, 2025/sp9-1, 2025/sp9-2"
BASIS_ORDER = {"scope-list": 0, "programme-list": 1, "cited": 2, "topic": 3}
STATUS_ORDER = {"planned": 0, "actual": 1}
INSTRUMENT_CLASSES = frozenset({"Resolution", "Decision", "Convention", "Protocol", "Declaration", "Statement"})
SEARCH_LIMIT = 50
SEARCH_MAX_LENGTH = 200
TYPE_ORDER = {"instrument": 0, "deliverable": 1, "result": 2, "scope": 3}
SYMBOL_FIELDS = frozenset({"symbol", "un_symbol", "key"})
_SEGMENT = re.compile(r"[/\s()]")


PREFIXES = """
PREFIX kg: <{kg}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


def _bindings(**values: Term | None) -> dict[str, Term]:
    """The variables to bind, leaving out those not given."""
    return {k: v for k, v in values.items() if v is not None}


def values_block(iris: Iterable[str]) -> str:
    """IRIs the graph returned, for a VALUES block: each written by pyoxigraph, which refuses a malformed IRI
    (one holding '>', a space, a quote…), so nothing can end the IRI early."""
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def _v(term: Term | None) -> str | None:
    return None if term is None else term.value


def _lang(term: Term | None) -> str | None:
    return term.language if isinstance(term, ox.Literal) else None


# Why an instrument mandates a deliverable: the three kinds of basis of contract.md, as one query that answers
# both directions ("which instruments mandate this deliverable?" binds ?d, "what does this instrument mandate?"
# binds ?inst), so the two can never disagree. Each branch is the same join whichever way it is asked; only the
# order its patterns are written in changes, because Oxigraph joins them in roughly that order: from the bound
# deliverable outwards, or from the bound instrument's listings and citations outwards, the deliverables last
# (5-7 times faster than the other way round).
# A list's paragraph and a listing's printed title are looked up afterwards, for the lists and listings of the
# answer (_looked_up): Oxigraph evaluates an OPTIONAL { ?list prov:wasDerivedFrom ?para } over the whole graph
# before joining it (at 10 times the graph, 55 ms instead of 3 for the programme's lists), and starts from the
# pattern when it is required (0.5 s).
_DELIVERABLE = "?d a kg:Deliverable ; kg:scope ?scope ."
_BASIS_BRANCHES = (
    (
        """
        ?list kg:scope ?scope ; kg:heading ?heading ; kg:listOrder ?order .
        ?listing kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line ; kg:entryPosition ?position .""",
        """
        ?listing kg:instrument ?inst ; kg:inList ?list ; kg:sourceLine ?line ; kg:entryPosition ?position .
        ?list kg:scope ?scope ; kg:heading ?heading ; kg:listOrder ?order .""",
        """
        BIND(IF(EXISTS { ?scope a kg:Programme }, "programme-list", "scope-list") AS ?basis)""",
    ),
    (
        """
        ?scope kg:partOf+ ?programme . ?programme a kg:Programme .
        ?list kg:scope ?programme ; kg:heading ?heading ; kg:listOrder ?order .
        ?listing kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line ; kg:entryPosition ?position .""",
        # From an instrument: its programme listings, then every scope under the programme (a sub-select, so that
        # Oxigraph walks kg:partOf+ once rather than once per listing; 16 times faster).
        """
        ?listing kg:instrument ?inst ; kg:inList ?list ; kg:sourceLine ?line ; kg:entryPosition ?position .
        ?list kg:scope ?programme ; kg:heading ?heading ; kg:listOrder ?order .
        { SELECT ?scope ?programme WHERE { ?scope kg:partOf+ ?programme . ?programme a kg:Programme } }""",
        """
        BIND("programme-list" AS ?basis)""",
    ),
    (
        # From a deliverable: the texts of its scope, then their citations (not every citation of the graph).
        """
        ?citing kg:inScope|kg:scope|(kg:measure/kg:scope) ?scope .
        ?c kg:citingText ?citing ; a kg:Citation ; kg:citedInstrument ?inst ; kg:sourceLine ?line ;
           kg:quotation ?quote .""",
        """
        ?c kg:citedInstrument ?inst ; a kg:Citation ; kg:citingText ?citing ; kg:sourceLine ?line ;
           kg:quotation ?quote .
        ?citing kg:inScope|kg:scope|(kg:measure/kg:scope) ?scope .""",
        """
        OPTIONAL { ?c kg:inParagraph ?para }
        BIND("cited" AS ?basis)""",
    ),
)


def _basis_query(towards_deliverables: bool) -> str:
    branches = []
    for forward, inverse, tail in _BASIS_BRANCHES:
        if towards_deliverables:
            branches.append(f"{inverse or forward}{tail}\n        {_DELIVERABLE}")
        else:
            branches.append(f"\n        {_DELIVERABLE}{forward}{tail}")
    return (
        "SELECT ?d ?inst ?basis ?list ?listing ?c ?heading ?order ?position ?line ?listedTitle ?para ?citing ?quote\n"
        "WHERE {\n  {" + "\n  } UNION {".join(branches) + "\n  }\n}"
    )


class Mandates:
    """Questions about deliverables and the instruments that mandate them."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.prefixes = PREFIXES.format(kg=iris.kg)
        self._index: list[dict[str, Any]] | None = None

    def q(self, body: str, **bindings: Term) -> list[dict[str, Term]]:
        return self.store.select(self.prefixes + body, bindings)

    def key(self, term: Term, kind: str) -> str:
        k = self.iris.key_of(term.value, kind)
        if k is None:
            raise ValueError(f"{term.value} is not an IRI of a {kind}")
        return k

    def paragraph_key(self, iri_value: str) -> str:
        """id:paragraph/a-79-6-sect16/16.54.c -> "a-79-6-sect16/16.54" (the numbered paragraph)."""
        key = self.iris.key_of(iri_value, "paragraph") or ""
        doc, _, number = key.partition("/")
        return f"{doc}/{'.'.join(number.split('.')[:2])}"

    # ------------------------------------------------------------------ deliverables
    def _check_deliverable(self, key: str) -> ox.NamedNode:
        if not valid_key("deliverable", key):
            raise UnknownKeyError(f"{shown(key)} is not a deliverable key: {DELIVERABLE_HELP}")
        node = iri(str(self.iris.id("deliverable", key)))
        if not self.store.ask(self.prefixes + "ASK { ?d a kg:Deliverable }", {"d": node}):
            raise UnknownKeyError(f"no deliverable {shown(key)} in the graph: {DELIVERABLE_HELP}")
        return node

    def deliverable_node(self, key: str) -> ox.NamedNode:
        """The IRI of a deliverable key, after checking the key's pattern and that the graph knows it."""
        return self._check_deliverable(key)

    def deliverable(self, key: str) -> dict[str, Any]:
        """GET /api/deliverables/{key}: one deliverable with its figures and its source."""
        node = self._check_deliverable(key)
        docs = self._deliverables(node=node)
        return docs[0]

    def deliverables(self, scope: str) -> dict[str, Any]:
        """GET /api/deliverables?scope=…: a scope's deliverables in table order."""
        if not valid_key("scope", scope):
            raise UnknownKeyError(f"{shown(scope)} is not a scope key: {SCOPE_HELP}")
        scope_node = iri(str(self.iris.id("scope", scope)))
        if not self.store.ask(self.prefixes + "ASK { ?s kg:scopeNumber ?n }", {"s": scope_node}):
            raise UnknownKeyError(f"no scope {shown(scope)} in the graph: {SCOPE_HELP}")
        items = self._deliverables(scope=scope_node)
        table = items[0]["table"] if items else None
        return {"scope": scope, "iri": scope_node.value, "table": table, "deliverables": items}

    def _deliverables(
        self, node: ox.NamedNode | None = None, scope: ox.NamedNode | None = None
    ) -> list[dict[str, Any]]:
        bindings = _bindings(d=node, scope=scope)
        rows = self.q(
            """
            SELECT ?d ?scope ?tableNumber ?catNotation ?sub ?subZh ?subEn ?title ?text ?unit ?row ?line ?intro ?item
                   ?ordinal ?group
            WHERE {
              ?d a kg:Deliverable ; kg:scope ?scope ; kg:inTable ?table ; kg:category ?cat ; kg:subcategory ?sub ;
                 kg:tableRow ?row ; kg:sourceLine ?line .
              ?table kg:tableNumber ?tableNumber .
              ?cat skos:notation ?catNotation .
              OPTIONAL { ?sub skos:prefLabel ?subZh FILTER(lang(?subZh) = "zh") }
              OPTIONAL { ?sub skos:prefLabel ?subEn FILTER(lang(?subEn) = "en") }
              OPTIONAL { ?d dcterms:title ?title }
              OPTIONAL { ?d kg:text ?text }
              OPTIONAL { ?d kg:unit ?unit }
              OPTIONAL { ?d kg:itemNumber ?item }
              OPTIONAL { ?d kg:narrativeOrdinal ?ordinal }
              OPTIONAL { ?d kg:groupHeading ?group }
              OPTIONAL { ?table kg:introducedBy ?intro }
            }""",
            **bindings,
        )
        quantities = self._quantities(node, scope)
        out: list[dict[str, Any]] = []
        for r in sorted(rows, key=lambda r: (r["scope"].value, int(r["row"].value))):
            key = self.key(r["d"], "deliverable")
            doc: dict[str, Any] = {
                "key": key,
                "iri": r["d"].value,
                "scope": self.key(r["scope"], "scope"),
                "table": _v(r.get("tableNumber")),
                "category": _v(r.get("catNotation")),
                "subcategory": {k: v for k, v in (("zh", _v(r.get("subZh"))), ("en", _v(r.get("subEn")))) if v},
                "title": {"zh": _v(r.get("title"))},
                "unit": _v(r.get("unit")),
                "quantities": quantities.get(r["d"].value, []),
                "source": {
                    "paragraph": self.paragraph_key(r["intro"].value) if "intro" in r else None,
                    "table": _v(r.get("tableNumber")),
                    "line": int(r["line"].value),
                },
            }
            if "item" in r:
                doc["item"] = int(r["item"].value)
            if "group" in r:
                doc["group"] = {"zh": r["group"].value}
            if "text" in r:
                doc["text"] = {"zh": r["text"].value}
            out.append(doc)
        return out

    def _quantities(self, node: ox.NamedNode | None, scope: ox.NamedNode | None) -> dict[str, list[dict[str, Any]]]:
        bindings = _bindings(d=node, scope=scope)
        rows = self.q(
            """
            SELECT ?d ?scope ?year ?status ?value ?dash WHERE {
              ?d a kg:Deliverable ; kg:scope ?scope .
              ?o kg:lineItem ?d ; kg:year ?year ; kg:status ?status ; kg:quantity ?value ; kg:dash ?dash .
            }""",
            **bindings,
        )
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            q: dict[str, Any] = {
                "year": int(r["year"].value),
                "status": self.key(r["status"], "status"),
                "value": int(r["value"].value),
            }
            if r["dash"].value == "true":
                q["dash"] = True
            out[r["d"].value].append(q)
        for qs in out.values():
            qs.sort(key=lambda q: (q["year"], STATUS_ORDER.get(q["status"], 9)))
        return out

    # ------------------------------------------------------------------ mandates
    def mandates(self, key: str) -> dict[str, Any]:
        """GET /api/deliverables/{key}/mandates: the instruments that mandate a deliverable, with the reasons.

        Ranked: the instruments that share a topic with the deliverable first (more shared topics first), each
        with a basis "topic" naming the shared topics; then the others, in the order of their first basis.
        """
        node = self._check_deliverable(key)
        deliverable = self._deliverables(node=node)[0]
        bases = self._bases(node)
        self._add_topic_bases(node, bases)
        return {"deliverable": deliverable, "mandates": self._instruments(bases)}

    def _bases(self, node: ox.NamedNode) -> dict[str, list[dict[str, Any]]]:
        bases: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for _d, inst, basis, _nodes in self._basis_rows(d=node):
            bases[inst].append(basis)
        return bases

    def _basis_rows(
        self, d: ox.NamedNode | None = None, inst: ox.NamedNode | None = None
    ) -> list[tuple[str, str, dict[str, Any], tuple[str, ...]]]:
        """(deliverable, instrument, basis, nodes that justify it) for a bound deliverable or instrument.

        One query answers both directions, so "which instruments mandate this deliverable?" and "what
        does this instrument mandate?" can never disagree. A basis carries its sort key in "_sort".
        """
        rows = self.q(_basis_query(towards_deliverables=d is None), **_bindings(d=d, inst=inst))
        # In a fixed order, whatever order the store gives them in (Oxigraph and Virtuoso differ).
        rows.sort(key=lambda r: sorted((k, str(v)) for k, v in r.items()))
        paragraphs = self._looked_up("prov:wasDerivedFrom", {r["list"].value for r in rows if "list" in r})
        titles = self._looked_up("kg:listedTitle", {r["listing"].value for r in rows if "listing" in r})
        for r in rows:
            if "list" in r and r["list"].value in paragraphs:
                r["para"] = paragraphs[r["list"].value]
            if "listing" in r and r["listing"].value in titles:
                r["listedTitle"] = titles[r["listing"].value]
        out: list[tuple[str, str, dict[str, Any], tuple[str, ...]]] = []
        seen: set[tuple[str, ...]] = set()
        for r in rows:
            kind = r["basis"].value
            basis: dict[str, Any] = {"kind": kind}
            if kind == "cited":
                citing = r["citing"].value
                para = citing if self.iris.key_of(citing, "paragraph") else _v(r.get("para"))
                basis["paragraph"] = self.paragraph_key(para) if para else None
                basis["quotation"] = {"zh": r["quote"].value}
                basis["line"] = int(r["line"].value)
                # Two citations on one line (line 1443) go in reading order: citation n of a text is …/n.
                ordinal = (_v(r.get("c")) or "").rsplit("/", 1)[-1]
                sort_key: tuple[Any, ...] = (
                    BASIS_ORDER[kind],
                    0,
                    basis["line"],
                    int(ordinal) if ordinal.isdigit() else 0,
                )
                nodes = tuple(n for n in (_v(r.get("c")), citing) if n)
            else:
                basis["paragraph"] = self.paragraph_key(r["para"].value) if "para" in r else None
                basis["heading"] = {"zh": r["heading"].value}
                basis["list"] = self.key(r["list"], "mandate-list")
                basis["line"] = int(r["line"].value)
                if "listedTitle" in r:
                    basis["title"] = {"zh": r["listedTitle"].value}
                sort_key = (BASIS_ORDER[kind], int(r["order"].value), int(r["position"].value), basis["line"])
                nodes = tuple(n for n in (_v(r.get("listing")), r["list"].value, _v(r.get("para"))) if n)
            ident = (
                r["d"].value,
                r["inst"].value,
                kind,
                str(basis.get("list")),
                str(basis["line"]),
                str(basis.get("quotation")),
            )
            if ident in seen:
                continue
            seen.add(ident)
            basis["_sort"] = sort_key
            out.append((r["d"].value, r["inst"].value, basis, nodes))
        return out

    def _instruments(self, bases: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The mandate entries, ranked: those with a "topic" basis first (more shared topics first), then by their
        first basis (scope list, programme list, citation; list order, position in the list, line)."""
        if not bases:
            return []
        info = self._instrument_info(sorted(bases))
        out: list[dict[str, Any]] = []
        for inst_iri, bs in bases.items():
            bs.sort(key=lambda b: b["_sort"])
            first = bs[0]["_sort"]
            for b in bs:
                del b["_sort"]
            listed = next((b["title"]["zh"] for b in bs if "title" in b), None)
            doc = self._instrument_doc(inst_iri, info.get(inst_iri), listed)
            doc["basis"] = bs
            shared = next((len(b["topics"]) for b in bs if b["kind"] == "topic"), 0)
            doc["_sort"] = (0 if shared else 1, -shared, first)
            out.append(doc)
        out.sort(key=lambda m: (m["_sort"], m["key"]))
        for m in out:
            del m["_sort"]
        return out

    # ------------------------------------------------------------------ topics
    def _topics(self, nodes: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
        """node IRI -> topic IRI -> {key, iri, label, words}: the topic tags of these nodes (IRIs from the graph).

        Three look-ups from the subject side (a node's kg:hasTopic, then its tags, minted as the build mints them,
        then the topics' labels): Oxigraph answers `?tag kg:taggedNode ?n` for bound ?n, and OPTIONALs, in time
        that grows with the graph (127 ms at 100 times the graph, against 2 ms for this)."""
        if not nodes:
            return {}
        values = values_block(nodes)
        rows = self.q(
            f"SELECT ?n ?topic ?key WHERE {{ VALUES ?n {{ {values} }} "
            "?n kg:hasTopic ?topic . ?topic skos:notation ?key }"
        )
        if not rows:
            return {}
        tags = {str(self.iris.topic_tag(r["n"].value, r["key"].value)): r for r in rows}
        words: dict[str, set[str]] = defaultdict(set)
        for r in self.q(
            f"SELECT ?tag ?word WHERE {{ VALUES ?tag {{ {values_block(sorted(tags))} }} ?tag kg:matchedText ?word }}"
        ):
            words[r["tag"].value].add(r["word"].value)
        topic_values = values_block(sorted({r["topic"].value for r in rows}))
        labels: dict[str, dict[str, str]] = defaultdict(dict)
        for r in self.q(f"SELECT ?topic ?l WHERE {{ VALUES ?topic {{ {topic_values} }} ?topic skos:prefLabel ?l }}"):
            lang = _lang(r["l"])
            if lang in ("en", "zh"):
                labels[r["topic"].value].setdefault(lang, r["l"].value)
        out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for tag, r in sorted(tags.items()):
            if tag not in words:
                continue  # a kg:hasTopic without its tag: nothing matched to show
            topic = r["topic"].value
            label = labels.get(topic, {})
            out[r["n"].value][topic] = {
                "key": r["key"].value,
                "iri": topic,
                "label": {k: label[k] for k in ("en", "zh") if k in label},
                "words": words[tag],
            }
        return out

    def _add_topic_bases(self, d: ox.NamedNode, bases: dict[str, list[dict[str, Any]]]) -> None:
        """Give each instrument of the answer that shares a topic with the deliverable a basis "topic".

        {"kind": "topic", "topics": [{"key", "iri", "label": {"en", "zh"}, "matched": {"deliverable": [words],
        "instrument": [words]}}], "paragraph", "line"}: the topics both were tagged with (graph/topics), with the
        words of each that matched; the line (and paragraph) is where the instrument's matched words are printed:
        the first listing in this answer whose printed title holds them, else the instrument's first basis.
        A topic basis ranks an instrument, it does not mandate anything: an instrument gets one only when it
        already has another basis.
        """
        if not bases:
            return
        topics = self._topics([d.value, *sorted(bases)])
        mine = topics.get(d.value, {})
        if not mine:
            return
        for inst, bs in bases.items():
            theirs = topics.get(inst, {})
            shared = sorted(set(mine) & set(theirs), key=lambda t: mine[t]["key"])
            if not shared:
                continue
            entries = [
                {
                    "key": mine[t]["key"],
                    "iri": t,
                    "label": mine[t]["label"],
                    "matched": {"deliverable": sorted(mine[t]["words"]), "instrument": sorted(theirs[t]["words"])},
                }
                for t in shared
            ]
            words = {normalise(w) for t in shared for w in theirs[t]["words"]}
            where = min(
                (
                    b
                    for b in bs
                    if b["kind"] in ("scope-list", "programme-list")
                    and any(w in normalise(b.get("title", {}).get("zh", "")) for w in words)
                ),
                key=lambda b: b["_sort"],
                default=min(bs, key=lambda b: b["_sort"]),
            )
            bs.append(
                {
                    "kind": "topic",
                    "topics": entries,
                    "paragraph": where.get("paragraph"),
                    "line": where["line"],
                    "_sort": (BASIS_ORDER["topic"], 0, where["line"], 0),
                }
            )

    def _topic_nodes(self, d: ox.NamedNode, instruments: list[str]) -> list[str]:
        """The topic tags (and their topics) behind the "topic" bases of a deliverable's answer."""
        topics = self._topics([d.value, *instruments])
        shared = {t for inst in instruments for t in topics.get(inst, {})} & set(topics.get(d.value, {}))
        if not shared:
            return []
        tags = {
            str(self.iris.topic_tag(n, topics[n][t]["key"]))
            for n in (d.value, *instruments)
            for t in shared
            if t in topics.get(n, {})
        }
        return sorted(tags | shared)

    def _looked_up(self, prop: str, nodes: set[str]) -> dict[str, Term]:
        """node -> its value of `prop` (one per node: a list's paragraph, a listing's printed title); IRIs from the
        graph, never from a caller."""
        found: dict[str, Term] = {}
        ordered = sorted(nodes)
        for start in range(0, len(ordered), 500):
            values = values_block(ordered[start : start + 500])
            rows = self.q(f"SELECT ?n ?v WHERE {{ VALUES ?n {{ {values} }} ?n {prop} ?v }}")
            for r in sorted(rows, key=lambda r: (r["n"].value, str(r["v"])), reverse=True):
                found[r["n"].value] = r["v"]  # the first in order wins, should a node ever have two
        return found

    def _instrument_info(self, instruments: list[str]) -> dict[str, dict[str, Any]]:
        """Classes, symbols, organ and titles of instruments (IRIs taken from the graph, never from a caller)."""
        # One row per (instrument, property, value), DISTINCT: an instrument stated in several graphs (every source
        # restates the instruments it names) must not multiply its values into each other.
        values = values_block(instruments)
        rows = self.q(
            f"""
            SELECT DISTINCT ?inst ?p ?v WHERE {{
              VALUES ?inst {{ {values} }}
              {{ VALUES ?p {{ rdf:type kg:symbol dcterms:identifier dcterms:title skos:altLabel }} ?inst ?p ?v }}
              UNION {{ ?inst kg:adoptedBy ?organ . ?organ skos:notation ?v BIND(kg:adoptedBy AS ?p) }}
            }}"""
        )
        field = {
            RDF_TYPE: "classes",
            f"{self.iris.kg}symbol": "symbol",
            f"{DCTERMS}identifier": "un",
            f"{self.iris.kg}adoptedBy": "organ",
            f"{DCTERMS}title": "title",
            f"{SKOS}altLabel": "alt",
        }
        info: dict[str, dict[str, Any]] = {}
        for r in sorted(rows, key=lambda r: (r["p"].value, r["v"].value)):
            i = info.setdefault(r["inst"].value, {"classes": set(), "zh": set(), "en": set(), "alt": set()})
            kind, value = field[r["p"].value], r["v"].value
            if kind == "classes":
                if value.startswith(str(self.iris.kg)):
                    i["classes"].add(value.rsplit("/", 1)[-1])
            elif kind == "alt":
                if _lang(r["v"]) == "zh":
                    i["alt"].add(value)
            elif kind == "title":
                lang = _lang(r["v"]) or "zh"
                if lang in ("zh", "en"):
                    i[lang].add(value)
            else:
                i.setdefault(kind, value)
        return info

    def _instrument_doc(self, inst_iri: str, info: dict[str, Any] | None, listed: str | None) -> dict[str, Any]:
        """An instrument as the contract's mandate entries give it (without the basis)."""
        i = info or {"classes": set(), "zh": set(), "en": set(), "alt": set()}
        title: dict[str, str] = {}
        # An instrument only cited (never listed) has no printed title of its own: its fullest printed name.
        fullest = max(sorted(i["alt"]), key=len) if i["alt"] else None
        zh_title = listed or (sorted(i["zh"])[0] if i["zh"] else fullest)
        if zh_title:
            title["zh"] = zh_title
        if i["en"]:
            title["en"] = sorted(i["en"])[0]
        kinds = i["classes"] & INSTRUMENT_CLASSES
        return {
            "key": self.key(iri(inst_iri), "instrument"),
            "iri": inst_iri,
            "symbol": i.get("symbol"),
            "un_symbol": i.get("un"),
            "organ": i.get("organ"),
            "kind": sorted(kinds)[0].lower() if kinds else None,
            "title": title,
        }

    # ------------------------------------------------------------------ instruments
    def _check_instrument(self, key: str) -> ox.NamedNode:
        if not valid_key("instrument", key):
            raise UnknownKeyError(f"{shown(key)} is not an instrument key: {INSTRUMENT_HELP}")
        node = iri(str(self.iris.id("instrument", key)))
        if not self.store.ask(
            self.prefixes + "ASK { ?i a/rdfs:subClassOf* kg:LegalInstrument }",
            {"i": node},
        ):
            raise UnknownKeyError(f"no instrument {shown(key)} in the graph: {INSTRUMENT_HELP}")
        return node

    def instrument_node(self, key: str) -> ox.NamedNode:
        """The IRI of an instrument key, after checking the key's pattern and that the graph knows it."""
        return self._check_instrument(key)

    def instrument(self, key: str) -> dict[str, Any]:
        """GET /api/instruments/{key}: one instrument, as the mandate entries give it.

        Its Chinese title is the one printed beside its symbol where a list names it first (by source line),
        else the first of the titles the sources print; the English one only where an official one is known.
        """
        node = self._check_instrument(key)
        return self._instrument_of(node)

    def _instrument_of(self, node: ox.NamedNode) -> dict[str, Any]:
        listed = self.q(
            """
            SELECT ?inst ?title ?line WHERE {
              ?listing kg:instrument ?inst ; kg:listedTitle ?title ; kg:sourceLine ?line .
            }""",
            inst=node,
        )
        first = min(listed, key=lambda r: (int(r["line"].value), r["title"].value), default=None)
        info = self._instrument_info([node.value]).get(node.value)
        return self._instrument_doc(node.value, info, first["title"].value if first else None)

    def instrument_deliverables(self, key: str) -> dict[str, Any]:
        """GET /api/instruments/{key}/deliverables: what an instrument mandates, with the reasons.

        The inverse of `mandates`: a deliverable is here, with a basis, exactly when the instrument is in
        that deliverable's answer with the same basis ("topic" bases aside: they rank a deliverable's mandates,
        they do not mandate). Deliverables in table order, scope by scope.
        """
        node = self._check_instrument(key)
        instrument = self._instrument_of(node)
        by_d: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for d, _inst, basis, _nodes in self._basis_rows(inst=node):
            by_d[d].append(basis)
        info = self._deliverable_heads(sorted(by_d))
        out: list[dict[str, Any]] = []
        for d_iri, bs in by_d.items():
            bs.sort(key=lambda b: b["_sort"])
            for b in bs:
                del b["_sort"]
            head = info[d_iri]
            out.append({**{k: v for k, v in head.items() if not k.startswith("_")}, "basis": bs, "_row": head["_row"]})
        out.sort(key=lambda x: (x["scope"], x["_row"]))
        for x in out:
            del x["_row"]
        return {"instrument": instrument, "deliverables": out}

    def _deliverable_heads(self, deliverables: list[str]) -> dict[str, dict[str, Any]]:
        """key, iri, title and scope of deliverables (IRIs from the graph), with their table row in "_row"."""
        if not deliverables:
            return {}
        values = values_block(deliverables)
        rows = self.q(
            f"""
            SELECT ?d ?scope ?title ?row WHERE {{
              VALUES ?d {{ {values} }}
              ?d kg:scope ?scope ; kg:tableRow ?row .
              OPTIONAL {{ ?d dcterms:title ?title }}
            }}"""
        )
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            out[r["d"].value] = {
                "key": self.key(r["d"], "deliverable"),
                "iri": r["d"].value,
                "title": {"zh": _v(r.get("title"))},
                "scope": self.key(r["scope"], "scope"),
                "_row": int(r["row"].value),
            }
        return out

    # ------------------------------------------------------------------ the answers as RDF
    def mandates_graph(self, key: str) -> list[ox.Triple]:
        """The subgraph that justifies `mandates(key)`: the deliverable, its scope (and the programme it is
        part of), the instruments, the listings and lists that name them, the citations and the texts that
        cite them, the paragraphs the lists come from, and the topic tags (and topics) of the "topic" bases."""
        node = self._check_deliverable(key)
        rows = self._basis_rows(d=node)
        topic_nodes = self._topic_nodes(node, sorted({inst for _d, inst, _b, _n in rows}))
        return self._justification(rows, extra=topic_nodes)

    def instrument_deliverables_graph(self, key: str) -> list[ox.Triple]:
        """The subgraph that justifies `instrument_deliverables(key)` (see `mandates_graph`)."""
        node = self._check_instrument(key)
        return self._justification(self._basis_rows(inst=node), extra=[node.value])

    def _justification(
        self, rows: list[tuple[str, str, dict[str, Any], tuple[str, ...]]], extra: list[str] | None = None
    ) -> list[ox.Triple]:
        nodes: set[str] = set(extra or [])
        deliverables: set[str] = set()
        for d, inst, _basis, via in rows:
            deliverables.add(d)
            nodes.add(inst)
            nodes.update(via)
        nodes |= deliverables
        if deliverables:
            values = values_block(sorted(deliverables))
            for r in self.q(
                f"""
                SELECT ?d ?scope ?up WHERE {{
                  VALUES ?d {{ {values} }}
                  ?d kg:scope ?scope . OPTIONAL {{ ?scope kg:partOf+ ?up }}
                }}"""
            ):
                nodes.add(r["scope"].value)
                if "up" in r:
                    nodes.add(r["up"].value)
        return self.triples_about(sorted(nodes))

    def triples_about(self, nodes: list[str]) -> list[ox.Triple]:
        """Every triple whose subject is one of these IRIs (taken from the graph), without duplicates."""
        out: dict[ox.Triple, None] = {}
        for start in range(0, len(nodes), 200):
            values = values_block(nodes[start : start + 200])
            for t in self.store.triples(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
                out[t] = None
        return list(out)

    # ------------------------------------------------------------------ search
    def search(self, q: str, limit: int = SEARCH_LIMIT) -> dict[str, Any]:
        """Instruments, deliverables, results and scopes whose symbol, key or title (zh or en) matches `q`.

        Ranked: an exact symbol or key first, then an exact title, then symbols that contain `q` as a
        whole segment ("75/158" in "A/RES/75/158"), symbols that contain it, titles that contain it, and
        titles that contain every word of it. `total` counts every match; at most `limit` are returned.
        """
        text = q.strip()
        if not text:
            raise ValueError("the search text is empty: give a symbol (75/158, A/RES/75/158) or words of a title")
        if len(text) > SEARCH_MAX_LENGTH:
            raise ValueError(f"the search text is longer than {SEARCH_MAX_LENGTH} characters")
        needle = _norm(text)
        compact = needle.replace(" ", "")
        words = needle.split()
        hits: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        for entry in self._search_index():
            best: tuple[int, int, str, str, str] | None = None
            for field, lang, value, normed in entry["_fields"]:
                rank = _match_rank(field, normed, needle, compact, words)
                if rank is None:
                    continue
                pos = normed.find(needle) if needle in normed else 0
                cand = (rank, pos, field, lang, value)
                if best is None or cand[:2] < best[:2]:
                    best = cand
            if best is None:
                continue
            rank, pos, field, lang, value = best
            doc = {k: v for k, v in entry.items() if not k.startswith("_")}
            doc["match"] = {"field": field, "text": value, **({"lang": lang} if lang else {})}
            order = (rank, TYPE_ORDER[entry["type"]], pos, len(value), entry["_order"])
            hits.append((order, doc))
        hits.sort(key=lambda h: h[0])
        return {
            "query": text,
            "total": len(hits),
            "limit": limit,
            "truncated": len(hits) > limit,
            "results": [doc for _, doc in hits[:limit]],
        }

    def _search_index(self) -> list[dict[str, Any]]:
        """What search looks through, read once from the store (a few hundred entries)."""
        if self._index is not None:
            return self._index
        entries: dict[str, dict[str, Any]] = {}

        def entry(node: Term, typ: str, key: str, order: tuple[Any, ...]) -> dict[str, Any]:
            e = entries.get(node.value)
            if e is None:
                e = entries[node.value] = {"type": typ, "key": key, "iri": node.value, "_fields": [], "_order": order}
            return e

        def add(e: dict[str, Any], field: str, term: Term | None) -> None:
            if term is None:
                return
            lang = _lang(term)
            item = (field, lang, term.value, _norm(term.value))
            if item not in e["_fields"]:
                e["_fields"].append(item)

        for r in self.q(
            """
            SELECT ?inst ?symbol ?un ?title ?listedTitle ?alt WHERE {
              ?inst a/rdfs:subClassOf* kg:LegalInstrument .
              OPTIONAL { ?inst kg:symbol ?symbol }
              OPTIONAL { ?inst dcterms:identifier ?un }
              OPTIONAL { ?inst dcterms:title ?title }
              OPTIONAL { ?inst skos:altLabel ?alt }
              OPTIONAL { [] kg:instrument ?inst ; kg:listedTitle ?listedTitle }
            }"""
        ):
            key = self.key(r["inst"], "instrument")
            e = entry(r["inst"], "instrument", key, (key,))
            add(e, "key", ox.Literal(key))
            add(e, "symbol", r.get("symbol"))
            add(e, "un_symbol", r.get("un"))
            for f in ("title", "listedTitle", "alt"):
                add(e, "title", r.get(f))
        for inst_iri, i in self._instrument_info(sorted(entries)).items():
            listed = next((v for f, lang, v, _ in entries[inst_iri]["_fields"] if f == "title" and lang == "zh"), None)
            doc = self._instrument_doc(inst_iri, i, None)
            if listed and "zh" not in doc["title"]:
                doc["title"]["zh"] = listed
            entries[inst_iri].update({k: v for k, v in doc.items() if k not in ("key", "iri")})
        for r in self.q(
            """
            SELECT ?n ?class ?scope ?title ?label ?row ?number WHERE {
              { ?n a kg:Deliverable ; kg:scope ?scope ; kg:tableRow ?row ; dcterms:title ?title . BIND("d" AS ?class) }
              UNION { ?n a kg:PlannedResult ; kg:scope ?scope ; kg:resultNumber ?row ; dcterms:title ?title .
                      BIND("r" AS ?class) }
              UNION { ?n a/rdfs:subClassOf* kg:Scope ; skos:prefLabel ?label . OPTIONAL { ?n kg:scopeNumber ?number }
                      BIND("s" AS ?class) }
            }"""
        ):
            cls = r["class"].value
            if cls == "s":
                key = self.key(r["n"], "scope")
                e = entry(r["n"], "scope", key, (key,))
                add(e, "key", ox.Literal(key))
                add(e, "title", r.get("label"))
                lab = r["label"]
                e.setdefault("title", {})[_lang(lab) or "zh"] = lab.value
                continue
            kind = "deliverable" if cls == "d" else "result"
            key = self.key(r["n"], kind)
            e = entry(r["n"], kind, key, (self.key(r["scope"], "scope"), int(r["row"].value)))
            add(e, "key", ox.Literal(key))
            add(e, "title", r.get("title"))
            e["scope"] = self.key(r["scope"], "scope")
            e["title"] = {"zh": r["title"].value}
        self._index = sorted(entries.values(), key=lambda e: (TYPE_ORDER[e["type"]], e["_order"]))
        return self._index


def _norm(text: str) -> str:
    """Compare texts as a reader would: NFKC (full-width forms), case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _match_rank(field: str, normed: str, needle: str, compact: str, words: list[str]) -> int | None:
    """0 exact symbol or key, 1 exact title, 2 symbol holding the text as whole segments, 3 symbol holding it,
    4 title holding it, 5 title holding every word of it; None when it does not match."""
    if field in SYMBOL_FIELDS:
        tight = normed.replace(" ", "")
        if tight == compact:
            return 0
        at = tight.find(compact)
        while at >= 0:
            before = tight[at - 1] if at else "/"
            after = tight[at + len(compact)] if at + len(compact) < len(tight) else "/"
            if _SEGMENT.match(before) and _SEGMENT.match(after):
                return 2
            at = tight.find(compact, at + 1)
        return 3 if compact in tight else None
    if normed == needle:
        return 1
    if needle in normed:
        return 4
    if len(words) > 1 and all(w in normed for w in words):
        return 5
    return None
