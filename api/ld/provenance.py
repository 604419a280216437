"""Where a node was read from: prov:wasDerivedFrom followed to a paragraph, table, footnote or figure, with the
text the graph holds and the lines as printed in the project's copy of the source."""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from unodc_kg.config import Settings
from unodc_kg.store import Store, Term

from .names import Names
from .triples import chunks, values_block
from .views import segments
from .vocab import DCT, PROV, RDF_TYPE, spelt

EVIDENCE_CAP = 20  # derivation chains shown on a page
PRINTED_LINES_CAP = 12  # source lines quoted for one node

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

    def __init__(self, src: Store, names: Names, settings: Settings) -> None:
        self.src = src
        self.names = names
        self.settings = settings
        kg = names.prefixes["kg"]
        self.kg = kg
        self.source_classes = {
            kg + "Paragraph",
            kg + "StrategyParagraph",  # the strategy 2008-2011 prints no numbers: its blocks are keyed by position
            kg + "Table",
            kg + "Footnote",
            kg + "Figure",
            kg + "Document",
        }
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
            for r in self.src.select(
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
            rows = self.src.select(
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
        # A node read from the document itself (a heading) is quoted from it too.
        docs |= {c[-1] for c in chains if any(t.value == kg + "Document" for t in info[c[-1]].get(RDF_TYPE, []))}
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
                label = spelt(next((str(t.value) for t in i.get(RDF_TYPE, [])), n))  # the quote names it
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
                    "lang": self.names.label(p.value)[1],
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
                        "lang": self.names.label(root)[1],  # a Chinese title is marked as such
                        "kind": spelt(_source_kind({str(t.value) for t in r.get(RDF_TYPE, [])}, kg)),
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
    for name in ("Paragraph", "StrategyParagraph", "Table", "Footnote", "Figure", "Document"):
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
