"""Terms as the templates show them: IRIs with their names and links, literals, blank nodes written inline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from markupsafe import Markup, escape

from unodc_kg.store import Term

from .names import Names
from .triples import obj
from .vocab import PLAIN_STRINGS, RDF, RDF_TYPE

CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"  # CJK punctuation, ideographs, full-width forms
CJK_RUN = re.compile(f"[{CJK}]+(?:[\\s\\d]*[{CJK}]+)*")  # a run of Chinese, with the numbers inside it


def mark_chinese(text: str | None) -> Markup:
    """Escape a text in which Chinese words may appear, and mark each run of them lang="zh" (the `zh` filter).

    >>> str(mark_chinese("「预防腐败」(line 405) <b>"))
    '<span lang="zh">「预防腐败」</span>(line 405) &lt;b&gt;'
    """
    text = text or ""
    out, last = [], 0
    for m in CJK_RUN.finditer(text):
        out += [escape(text[last : m.start()]), Markup('<span lang="zh">'), escape(m.group()), Markup("</span>")]
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


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
