"""The headline questions, answered in the JSON shapes of ../shared/design/contract.md.

Used by the command line and the API alike, so both give the same documents. Keys from the
caller are checked against the contract's patterns, then bound as values (never pasted).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from .errors import UnknownKeyError
from .iris import Iris
from .store import Store, Term, iri

DELIVERABLE_KEY = re.compile(r"^\d{4}/(?:programme|sp[1-8]|sp9-[12])/(?:\d+|[a-e]-\d+)$")
SCOPE_KEY = re.compile(r"^\d{4}/(?:programme|sp[1-9]|sp9-[12])$")
INSTRUMENT_KEY = re.compile(r"^[a-z][a-z-]*/[a-z0-9][a-z0-9-]*$")
DELIVERABLE_HELP = (
    "deliverable keys look like 2025/sp1/7 (item 7 of subprogramme 1's table), 2025/programme/10, "
    "2025/sp9-2/3 or 2025/sp3/c-1 (first narrative deliverable of category C); "
    "list a scope's keys with `unodc-kg deliverables --scope 2025/sp1`"
)
SCOPE_HELP = "scope keys look like 2025/programme, 2025/sp1 … 2025/sp8, 2025/sp9-1, 2025/sp9-2"
BASIS_ORDER = {"scope-list": 0, "programme-list": 1, "cited": 2, "topic": 3}
STATUS_ORDER = {"planned": 0, "actual": 1}

PREFIXES = """
PREFIX kg: <{kg}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _bindings(**values: Term | None) -> dict[str, Term]:
    """The variables to bind, leaving out those not given."""
    return {k: v for k, v in values.items() if v is not None}


def _v(term: Term | None) -> str | None:
    return None if term is None else term.value


def _lang(term: Term | None) -> str | None:
    return term.language if isinstance(term, ox.Literal) else None


class Mandates:
    """Questions about deliverables and the instruments that mandate them."""

    def __init__(self, store: Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.prefixes = PREFIXES.format(kg=iris.kg)

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
        if not DELIVERABLE_KEY.match(key):
            raise UnknownKeyError(f"{key!r} is not a deliverable key: {DELIVERABLE_HELP}")
        node = iri(str(self.iris.id("deliverable", key)))
        if not self.store.ask(self.prefixes + "ASK { ?d a kg:Deliverable }", {"d": node}):
            raise UnknownKeyError(f"no deliverable {key!r} in the graph: {DELIVERABLE_HELP}")
        return node

    def deliverable(self, key: str) -> dict[str, Any]:
        """GET /api/deliverables/{key}: one deliverable with its figures and its source."""
        node = self._check_deliverable(key)
        docs = self._deliverables(node=node)
        return docs[0]

    def deliverables(self, scope: str) -> dict[str, Any]:
        """GET /api/deliverables?scope=…: a scope's deliverables in table order."""
        if not SCOPE_KEY.match(scope):
            raise UnknownKeyError(f"{scope!r} is not a scope key: {SCOPE_HELP}")
        scope_node = iri(str(self.iris.id("scope", scope)))
        if not self.store.ask(self.prefixes + "ASK { ?s kg:scopeNumber ?n }", {"s": scope_node}):
            raise UnknownKeyError(f"no scope {scope!r} in the graph: {SCOPE_HELP}")
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
        """GET /api/deliverables/{key}/mandates: the instruments that mandate a deliverable, with the reasons."""
        node = self._check_deliverable(key)
        deliverable = self._deliverables(node=node)[0]
        bases = self._bases(node)
        return {"deliverable": deliverable, "mandates": self._instruments(bases)}

    def _bases(self, node: ox.NamedNode) -> dict[str, list[dict[str, Any]]]:
        rows = self.q(
            """
            SELECT ?d ?inst ?basis ?list ?heading ?order ?position ?line ?listedTitle ?para ?citing ?quote
            WHERE {
              ?d kg:scope ?scope .
              {
                ?list kg:scope ?scope ; kg:heading ?heading ; kg:listOrder ?order .
                ?listing kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line ; kg:entryPosition ?position .
                OPTIONAL { ?listing kg:listedTitle ?listedTitle }
                OPTIONAL { ?list prov:wasDerivedFrom ?para }
                BIND(IF(EXISTS { ?scope a kg:Programme }, "programme-list", "scope-list") AS ?basis)
              } UNION {
                ?scope kg:partOf+ ?programme . ?programme a kg:Programme .
                ?list kg:scope ?programme ; kg:heading ?heading ; kg:listOrder ?order .
                ?listing kg:inList ?list ; kg:instrument ?inst ; kg:sourceLine ?line ; kg:entryPosition ?position .
                OPTIONAL { ?listing kg:listedTitle ?listedTitle }
                OPTIONAL { ?list prov:wasDerivedFrom ?para }
                BIND("programme-list" AS ?basis)
              } UNION {
                ?c a kg:Citation ; kg:citedInstrument ?inst ; kg:citingText ?citing ; kg:sourceLine ?line ;
                   kg:quotation ?quote .
                ?citing kg:inScope|kg:scope|(kg:measure/kg:scope) ?scope .
                OPTIONAL { ?citing kg:markedIn|(kg:inTable/kg:introducedBy)|(kg:measure/kg:presentedIn/kg:introducedBy)
                           ?para }
                BIND("cited" AS ?basis)
              }
            }""",
            d=node,
        )
        bases: dict[str, list[dict[str, Any]]] = defaultdict(list)
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
                sort_key: tuple[Any, ...] = (BASIS_ORDER[kind], 0, basis["line"], 0)
            else:
                basis["paragraph"] = self.paragraph_key(r["para"].value) if "para" in r else None
                basis["heading"] = {"zh": r["heading"].value}
                basis["list"] = self.key(r["list"], "mandate-list")
                basis["line"] = int(r["line"].value)
                if "listedTitle" in r:
                    basis["title"] = {"zh": r["listedTitle"].value}
                sort_key = (BASIS_ORDER[kind], int(r["order"].value), int(r["position"].value), basis["line"])
            ident = (
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
            bases[r["inst"].value].append(basis)
        return bases

    def _instruments(self, bases: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
        if not bases:
            return []
        values = " ".join(f"<{i}>" for i in sorted(bases))  # IRIs come from the graph itself, not the caller
        rows = self.q(
            f"""
            SELECT ?inst ?class ?symbol ?un ?organ ?title WHERE {{
              VALUES ?inst {{ {values} }}
              ?inst a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
              OPTIONAL {{ ?inst kg:symbol ?symbol }}
              OPTIONAL {{ ?inst dcterms:identifier ?un }}
              OPTIONAL {{ ?inst kg:adoptedBy/skos:notation ?organ }}
              OPTIONAL {{ ?inst dcterms:title ?title }}
            }}"""
        )
        info: dict[str, dict[str, Any]] = {}
        for r in rows:
            i = info.setdefault(r["inst"].value, {"classes": set(), "zh": set(), "en": set()})
            i["classes"].add(r["class"].value.rsplit("/", 1)[-1])
            for f in ("symbol", "un", "organ"):
                if f in r:
                    i[f] = r[f].value
            if "title" in r:
                lang = _lang(r["title"]) or "zh"
                if lang in ("zh", "en"):
                    i[lang].add(r["title"].value)
        out: list[dict[str, Any]] = []
        for inst_iri, bs in bases.items():
            bs.sort(key=lambda b: b["_sort"])
            first = bs[0]["_sort"]
            for b in bs:
                del b["_sort"]
            i = info.get(inst_iri, {"classes": set(), "zh": set(), "en": set()})
            listed = next((b["title"]["zh"] for b in bs if "title" in b), None)
            title: dict[str, str] = {}
            zh_title = listed or (sorted(i["zh"])[0] if i["zh"] else None)
            if zh_title:
                title["zh"] = zh_title
            if i["en"]:
                title["en"] = sorted(i["en"])[0]
            kinds = i["classes"] & {
                "Resolution",
                "Decision",
                "Convention",
                "Protocol",
                "Declaration",
                "Statement",
            }
            out.append(
                {
                    "key": self.key(iri(inst_iri), "instrument"),
                    "iri": inst_iri,
                    "symbol": i.get("symbol"),
                    "un_symbol": i.get("un"),
                    "organ": i.get("organ"),
                    "kind": sorted(kinds)[0].lower() if kinds else None,
                    "title": title,
                    "basis": bs,
                    "_sort": first,
                }
            )
        out.sort(key=lambda m: (m["_sort"], m["key"]))
        for m in out:
            del m["_sort"]
        return out
