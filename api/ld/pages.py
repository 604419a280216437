"""The pages of linked data: renderers of a description in every variant, and the template contexts of the
entity (api/templates/ld/entity.html), ontology, shapes and graph pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import pyoxigraph as ox
from fastapi.responses import Response

from unodc_kg.iris import undocs
from unodc_kg.store import Store, Term

from .context import Context
from .crosswalk import entity_sections
from .describe import INCOMING_CAP, Description, describe
from .names import Names
from .negotiate import HTML, LD_FORMATS, Format, ld_variant
from .provenance import Provenance
from .serialize import rdf_response
from .state import cached, graph_names
from .triples import obj, subj, values_block
from .views import grouped, term_view
from .vocab import DCT, OWL, RDF_TYPE, RDFS, SH, SKOS, local_name


# ---------------------------------------------------------------------------------------------- entities
def formats_view(path: str, offers: Sequence[Format] = LD_FORMATS) -> list[dict[str, str]]:
    return [{"name": f.name, "href": ld_variant(path, f), "media": f.media} for f in offers if f is not HTML]


def entity_page(
    ctx: Context,
    src: Store,
    node: ox.NamedNode,
    path: str,
    *,
    name_sources: Sequence[Store] | None = None,
    graph_sources: bool = True,
    extra: dict[str, Any] | None = None,
) -> Callable[[Format], Response]:
    """The renderer of one resource's description in every format."""

    def render(fmt: Format) -> Response:
        names = ctx.names()
        inferred = str(ctx.iris.graph("inferred")) if graph_sources else None
        desc = describe(src, node, names, name_sources or [src], inferred)
        if fmt.rdf is not None:
            return rdf_response(desc.triples(), fmt, names, desc.note())
        return ctx.page("ld/entity.html", entity_context(ctx, src, desc, names, path, graph_sources, extra or {}))

    return render


def entity_context(
    ctx: Context,
    src: Store,
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
    crosswalk: dict[str, Any] = {"crosswalk_element": None, "crosswalk_scope": None}
    if graph_sources:
        crosswalk = entity_sections(ctx.store, ctx.iris, iri)
    if crosswalk["crosswalk_element"]:
        e = crosswalk["crosswalk_element"]
        related.append(("What became of it in 2025? (the crosswalk, with the instruments its text cites)", e["api"]))
    if crosswalk["crosswalk_scope"]:
        question = "What does it carry on from the strategy 2008-2011? (the crosswalk)"
        related.append((question, f"/api/scopes/{scope_key}/predecessors"))
    evidence: list[dict[str, Any]] = []
    evidence_total = 0
    graphs: list[dict[str, Any]] = []
    if graph_sources:
        evidence, evidence_total = Provenance(src, names, ctx.settings).evidence(node)
        graphs = [
            term_view(r["g"], names)
            for r in src.select("SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", {"s": node})
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
        "inferred": grouped(desc.inferred, names, obj, bnodes),
        "inferred_graph": term_view(ox.NamedNode(str(ctx.iris.graph("inferred"))), names),
        "incoming": grouped(desc.incoming, names, subj, bnodes),
        "incoming_count": len(desc.incoming),
        "incoming_total": desc.incoming_total,
        "incoming_cut": desc.cut,
        "incoming_cap": INCOMING_CAP,
        "formats": formats_view(path),
        "term": False,
        "files": [],
        "uses": None,
        **crosswalk,
        **extra,
    }


def _ancestors(ctx: Context, classes: set[str]) -> set[str]:
    """The classes and their superclasses (rdfs:subClassOf*), from the ontology."""
    if not classes:
        return set()
    rows = ctx.store.select(
        f"SELECT DISTINCT ?super WHERE {{ VALUES ?c {{ {values_block(sorted(classes))} }} "
        f"?c <{RDFS}subClassOf>* ?super }}",
    )
    return classes | {str(r["super"].value) for r in rows}


# ---------------------------------------------------------------------------------------------- the ontology
def ontology_model(ctx: Context) -> dict[str, Any]:
    """The ontology's own statements (subjects in the kg: namespace, with the blank nodes they use)."""

    def make() -> list[ox.Triple]:
        kg = ctx.iris.kg
        graph = ox.NamedNode(str(ctx.iris.graph("ontology")))
        every = ctx.store.triples("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
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

    triples: list[ox.Triple] = cached(ctx.store, "ontology", make)
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


# ---------------------------------------------------------------------------------------------- the shapes
def shapes_context(ctx: Context, mem: Store, names: Names) -> dict[str, Any]:
    rows = mem.select(
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
                "severity": local_name(str(r["severity"].value)) if "severity" in r else None,
                "file": str(r["file"].value).rsplit(":", 1)[-1],
                "properties": int(r["props"].value),
            },
        )
        if "target" in r and (t := term_view(r["target"], names)) not in e["targets"]:
            e["targets"].append(t)
    return {"shapes": list(shapes.values()), "formats": formats_view("/shapes/"), "base": ctx.iris.base}


# ---------------------------------------------------------------------------------------------- named graphs
def graph_context(ctx: Context, node: ox.NamedNode, names: Names, path: str) -> dict[str, Any]:
    stats = ctx.store.select(
        "SELECT ?g (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) WHERE { GRAPH ?g { ?s ?p ?o } } "
        "GROUP BY ?g",
        {"g": node},
    )
    classes = ctx.store.select(
        f"SELECT ?g ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{RDF_TYPE}> ?c }} }} "
        "GROUP BY ?g ?c ORDER BY DESC(?n) ?c",
        {"g": node},
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
