"""Readable names of IRIs, learnt from the graph as a page or an RDF answer needs them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from unodc_kg.iris import Iris
from unodc_kg.store import Store

from .triples import SAFE_IRI, chunks, values_block
from .vocab import DCT, OWL, PROV, RDF, RDFS, SH, SKOS, XSD, spelt


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
            kg + "blockNumber",
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

    def fetch(self, sources: Sequence[Store], iris: Iterable[str]) -> list[ox.Triple]:
        """Look up (and remember) the naming triples of these IRIs; returns them."""
        wanted = sorted({i for i in iris if i not in self.values and SAFE_IRI.match(i)})
        props = values_block(self.naming_props)
        found: list[ox.Triple] = []
        for part in chunks(wanted):
            for src in sources:
                found += src.triples(
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
            (kg + "blockNumber", "paragraph {}"),  # the strategy's blocks (docs/model.md: ch1.3, 3.2.1)
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
        return spelt(iri) or iri
