"""The only place IRIs are minted: `{base}id/{kind}/{key}`, the ontology, shapes and graphs.

>>> iris = Iris("https://w3id.org/unodc-kg/")
>>> str(iris.id("deliverable", "2025/sp1/7"))
'https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7'
>>> str(iris.kg.Deliverable), str(iris.graph("a-79-6-sect16"))
('https://w3id.org/unodc-kg/ontology/Deliverable', 'https://w3id.org/unodc-kg/graph/a-79-6-sect16')
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef

from .config import DEFAULT_BASE

KINDS = frozenset(
    {
        "document",
        "paragraph",
        "table",
        "figure",
        "footnote",
        "correction",
        "scope",
        "objective",
        "strategy-item",
        "expected-result",
        "highlight",
        "result",
        "lesson",
        "measure",
        "measure-entry",
        "deliverable",
        "subcategory-total",
        "dataset",
        "observation",
        "mandate-list",
        "mandate-listing",
        "citation",
        "instrument",
        "organ",
        "deliverable-category",
        "status",
        "scheme",
        "topic",  # the topics of id:scheme/topics, their rules and tags (docs/model.md, "Topics")
        "topic-rule",
        "topic-tag",
        "strategy",  # the strategy 2008-2011, its themes, result areas and results (contract)
        "strategy-objective",
        "strategy-assumption",
        "strategy-need",
        "management-initiative",
        "crosswalk-link",  # the curated links from the strategy 2008-2011 to the 2025 scopes (docs/model.md)
    }
)


def whole(pattern: str) -> re.Pattern[str]:
    """A pattern that must match the whole text: `$` would let a trailing newline through ("7\\n")."""
    return re.compile(rf"\A(?:{pattern})\Z")


# Any key: lower-case ASCII, '/'-separated segments.
ANY_KEY = r"[a-z0-9][a-z0-9.\-]*(?:/[a-z0-9][a-z0-9.\-]*)*"
KEY = whole(ANY_KEY)
MAX_KEY_LENGTH = 200  # no key of ours comes near; longer ones are refused before anything else

# The segments of the keys of contract.md, as the API's paths take them (and as /openapi.json documents them).
EDITION = r"[0-9]{4}"
SCOPE_PART = r"programme|sp[1-8]|sp9|sp9-[12]"  # sp9 is subprogramme 9 itself, sp9-1 and sp9-2 its components
DELIVERABLE_SCOPE_PART = r"programme|sp[1-8]|sp9-[12]"  # deliverables are in the tables of a component
ITEM = r"[0-9]{1,4}|[a-e]-[0-9]{1,3}"
ORGAN = r"ga|ecosoc|sc|cnd|ccpcj|cop-untoc|cosp-uncac|incb|crime-congress"
INSTRUMENT_ORGAN = rf"{ORGAN}|treaty"
INSTRUMENT_ID = r"[0-9a-z][0-9a-z-]{0,99}"
STRATEGY_EDITION = "2008-2011"
STRATEGY_NUMBER = r"[1-9][0-9]?(?:\.[1-9][0-9]?){0,2}"

# The contract's key patterns, by kind of entity; kinds not named here take KEY.
KEY_PATTERNS: dict[str, str] = {
    "deliverable": rf"{EDITION}/(?:{DELIVERABLE_SCOPE_PART})/(?:{ITEM})",
    "scope": rf"{EDITION}/(?:{SCOPE_PART})",
    "result": rf"{EDITION}/(?:{SCOPE_PART})/[0-9]{{1,3}}",
    "instrument": rf"(?:{INSTRUMENT_ORGAN})/{INSTRUMENT_ID}",
    "organ": ORGAN,
    "strategy": rf"{STRATEGY_EDITION}(?:/{STRATEGY_NUMBER})?",
}
KEYS: dict[str, re.Pattern[str]] = {kind: whole(p) for kind, p in KEY_PATTERNS.items()}


def shown(key: str, limit: int = 80) -> str:
    """A caller's key as an error message quotes it: repr'd (a newline shows as \\n), a long one cut.

    >>> shown("2025/sp1/7"), shown("x" * 100, limit=3)
    ("'2025/sp1/7'", "'xxx'… (100 characters)")
    """
    return repr(key) if len(key) <= limit else f"{key[:limit]!r}… ({len(key)} characters)"


def valid_key(kind: str, key: str) -> bool:
    """Whether `key` is a key of this kind by contract.md's patterns (any lower-case key for other kinds).

    >>> valid_key("deliverable", "2025/sp1/7"), valid_key("deliverable", "2025/sp1/7\\n")
    (True, False)
    >>> valid_key("instrument", "ga/75-194> } ; DROP ALL ; #")
    False
    """
    if len(key) > MAX_KEY_LENGTH:
        return False
    return bool(KEYS.get(kind, KEY).match(key))


SDG = Namespace("http://metadata.un.org/sdg/")
UNDOCS = "https://undocs.org/"


class Iris:
    """IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base
        self.kg = Namespace(f"{base}ontology/")
        self.shape = Namespace(f"{base}shapes/")

    def topic_tag(self, node: str, topic: str) -> URIRef:
        """The tag of a node with a topic: {base}id/topic-tag/{kind}/{key}/{topic} for {base}id/{kind}/{key}."""
        prefix = f"{self.base}id/"
        if not node.startswith(prefix):
            raise ValueError(f"not one of our nodes: {node}")
        return self.id("topic-tag", f"{node[len(prefix) :]}/{topic}")

    def id(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of entity {kind!r}")
        if not KEY.match(key):  # whole-text pattern: nothing can end the IRI
            raise ValueError(f"not a valid key for {kind}: {key!r} (lower-case ASCII, '/'-separated)")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def key_of(self, iri: str, kind: str) -> str | None:
        """The key of an IRI of the given kind, or None if it is not one."""
        prefix = f"{self.base}id/{kind}/"
        return iri[len(prefix) :] if iri.startswith(prefix) else None

    def rebase(self, text: str) -> str:
        """Hand-written Turtle uses the default base; rewrite it to this one."""
        return text if self.base == DEFAULT_BASE else text.replace(DEFAULT_BASE, self.base)


def sdg(goal: int) -> URIRef:
    return SDG[str(goal)]


def undocs(symbol: str) -> URIRef:
    return URIRef(UNDOCS + symbol.replace(" ", ""))
