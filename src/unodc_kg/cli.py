"""The command line: build, validate, ask the headline questions, run SPARQL, load a store, serve.

Exit status: 0 ok (validate: conforms), 1 validate: does not conform, 2 error (with a message,
never a traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import UnodcKgError

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger("unodc_kg")


def _settings(args: argparse.Namespace) -> Settings:
    s = Settings.from_env()
    if getattr(args, "base", None):
        s = dataclasses.replace(s, base=args.base)
    if getattr(args, "store", None):
        s = dataclasses.replace(s, store=args.store)
    if getattr(args, "graph_store", None):
        s = dataclasses.replace(s, graph_store=args.graph_store)
    return s


def _store(settings: Settings) -> Store:
    """The store of the settings (--store, UNODC_KG_STORE; by default the build's N-Quads in memory)."""
    from .store import locate, open_store

    return open_store(locate(None, settings), settings)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _json(doc: Any) -> None:
    _out(json.dumps(doc, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------------- build and validate
def cmd_build(args: argparse.Namespace) -> int:
    from . import pipeline
    from .extract.records import ExtractedDocument
    from .validate import validate_graph

    settings = _settings(args)
    started = time.perf_counter()
    result = pipeline.assemble(settings)
    extracted = time.perf_counter()
    if not args.no_validate:
        report = validate_graph(result.union(), settings, args.engine)
        if not report.conforms:
            sys.stderr.write(report.text(settings.base))
            sys.stderr.write("build: the new graph does not conform; the previous outputs are left as they were\n")
            return 1
        log.info("validation: %d violations, %d warnings", report.count("Violation"), report.count("Warning"))
    validated = time.perf_counter()
    inference = None if args.no_reason else pipeline.infer(settings, result)
    reasoned = time.perf_counter()
    written = pipeline.write_atomically(pipeline.outputs(settings, result), replace_all=True)
    done = time.perf_counter()
    triples = sum(len(g) for g in result.graphs.values())
    for doc in result.documents.values():
        if isinstance(doc, ExtractedDocument):
            _out(_summary(doc))
    _out(
        f"built {triples} triples in {len(result.graphs)} named graphs: extract+RDF {extracted - started:.2f} s, "
        f"validate {validated - extracted:.2f} s, reason {reasoned - validated:.2f} s, write {done - reasoned:.2f} s"
    )
    if inference is not None:
        _out(inference.summary())
    for path in written:
        _out(f"  wrote {path.relative_to(settings.root) if path.is_relative_to(settings.root) else path}")
    return 0


def cmd_reason(args: argparse.Namespace) -> int:
    """Reason again over the last build's asserted graphs and rewrite its inferred graph."""
    from rdflib import Dataset, Graph

    from . import pipeline
    from .errors import BuildError
    from .iris import Iris

    settings = _settings(args)
    path = settings.nquads_file
    if not path.exists():
        raise BuildError(f"{path} does not exist: run `unodc-kg build` first")
    ds = Dataset()
    ds.parse(path, format="nquads")
    result = pipeline.BuildResult()
    for g in ds.graphs():
        if len(g):
            copy = Graph()
            copy += g
            result.graphs[str(g.identifier)] = copy
    inference = pipeline.infer(settings, result)
    iris = Iris(settings.base)
    files = {
        path: pipeline.nquads(result.graphs),
        settings.generated_dir / "inferred.ttl": pipeline.canonical_turtle(result.graphs[str(iris.graph("inferred"))]),
    }
    pipeline.write_atomically(files)
    _out(inference.summary())
    return 0


def _summary(doc: Any) -> str:
    lines = [f"{doc.info.key} ({doc.info.symbol}), {doc.info.line_count} lines, {len(doc.corrections)} corrections:"]
    for lst in doc.mandate_lists:
        n = sum(len(e.symbols) for e in lst.entries)
        lines.append(f"  list {lst.scope}/{lst.slug:18} {len(lst.entries):3} entries {n:3} instruments  {lst.heading}")
    for t in doc.deliverable_tables:
        kinds = {k: sum(1 for r in t.rows if r.kind == k) for k in ("total", "item", "narrative")}
        lines.append(
            f"  table {t.number:6} {t.scope:14} {kinds['item']:3} items, {kinds['narrative']} narrative, "
            f"{kinds['total']} subcategory totals"
        )
    lines.append(
        f"  {len(doc.results)} planned results, {len(doc.highlights)} performance highlights, "
        f"{sum(len(r.measure.cells) for r in (*doc.results, *doc.highlights) if r.measure)} measure entries, "
        f"{len(doc.citations)} citations, {len(doc.footnotes)} footnotes"
    )
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import load_built_graph, validate_graph, write_report

    settings = _settings(args)
    started = time.perf_counter()
    report = validate_graph(load_built_graph(settings), settings, args.engine)
    elapsed = time.perf_counter() - started
    if args.format == "turtle":
        data = report.graph.serialize(format="turtle")
        _out(data if isinstance(data, str) else data.decode())
    else:
        _out(report.text(settings.base) + f"({args.engine}, {elapsed:.2f} s)")
    if args.output:
        write_report(report, Path(args.output))
    return 0 if report.conforms else 1


# ---------------------------------------------------------------------- questions
def _mandates_service(args: argparse.Namespace) -> Any:
    from .iris import Iris
    from .query import Mandates

    settings = _settings(args)
    return Mandates(_store(settings), Iris(settings.base))


def _figures(d: dict[str, Any]) -> str:
    qs = d.get("quantities") or []
    if not qs:
        return "  (narrative: no figures)"
    return "  " + " | ".join(f"{q['year']} {q['status']} {'—' if q.get('dash') else q['value']}" for q in qs)


def _deliverable_text(d: dict[str, Any]) -> str:
    sub = d["subcategory"].get("en") or d["subcategory"].get("zh")
    head = f"{d['key']}  table {d['table']}, {d['category']} {sub}" + (f" ({d['unit']})" if d.get("unit") else "")
    body = d["title"].get("zh") or ""
    if d.get("text"):
        body += "：" + d["text"]["zh"]
    src = d["source"]
    where = f"source: paragraph {src['paragraph']}, table {src['table']}, line {src['line']}"
    return f"{head}\n  {body}\n{_figures(d)}\n  {where}"


def cmd_mandates(args: argparse.Namespace) -> int:
    doc = _mandates_service(args).mandates(args.key)
    if args.format == "json":
        _json(doc)
        return 0
    lines = [_deliverable_text(doc["deliverable"]), "", f"mandated by {len(doc['mandates'])} instruments:"]
    for m in doc["mandates"]:
        organ = (m["organ"] or "treaty").upper()
        sym = m["symbol"] or m["key"]
        un = f" ({m['un_symbol']})" if m["un_symbol"] else ""
        lines.append(f"  {organ} {sym}{un} [{m['kind']}]  {m['title'].get('zh') or m['title'].get('en') or ''}")
        for b in m["basis"]:
            if b["kind"] == "cited":
                lines.append(
                    f"      {b['kind']}: paragraph {b['paragraph']}, line {b['line']}: “{b['quotation']['zh']}”"
                )
            elif b["kind"] == "topic":
                shared = "; ".join(
                    f"{t['key']} ({'、'.join(t['matched']['deliverable'])} / {'、'.join(t['matched']['instrument'])})"
                    for t in b["topics"]
                )
                lines.append(f"      topic: {shared}, line {b['line']}")
            else:
                lines.append(
                    f"      {b['kind']}: {b['heading']['zh']} ({b['list']}), paragraph {b['paragraph']}, "
                    f"line {b['line']}"
                )
    _out("\n".join(lines))
    return 0


def cmd_deliverable(args: argparse.Namespace) -> int:
    doc = _mandates_service(args).deliverable(args.key)
    if args.format == "json":
        _json(doc)
    else:
        _out(_deliverable_text(doc))
    return 0


def cmd_deliverables(args: argparse.Namespace) -> int:
    doc = _mandates_service(args).deliverables(args.scope)
    if args.format == "json":
        _json(doc)
    else:
        _out(f"{doc['scope']}: {len(doc['deliverables'])} deliverables in table {doc['table']}")
        for d in doc["deliverables"]:
            _out(_deliverable_text(d))
    return 0


def cmd_instrument(args: argparse.Namespace) -> int:
    doc = _mandates_service(args).instrument_deliverables(args.key)
    if args.format == "json":
        _json(doc)
        return 0
    i = doc["instrument"]
    un = f" ({i['un_symbol']})" if i.get("un_symbol") else ""
    title = i["title"].get("zh") or i["title"].get("en") or ""
    lines = [
        f"{(i['organ'] or 'treaty').upper()} {i['symbol'] or i['key']}{un} [{i['kind']}]  {title}",
        "",
        f"mandates {len(doc['deliverables'])} deliverables:",
    ]
    for d in doc["deliverables"]:
        kinds = ", ".join(sorted({b["kind"] for b in d["basis"]}))
        lines.append(f"  {d['key']:18} {kinds:28} {d['title'].get('zh') or ''}")
    _out("\n".join(lines))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    doc = _mandates_service(args).search(args.text)
    if args.format == "json":
        _json(doc)
        return 0
    lines = [f"{doc['total']} matches for {doc['query']!r}" + (f" (first {doc['limit']})" if doc["truncated"] else "")]
    for r in doc["results"]:
        title = (r.get("title") or {}).get("zh") or (r.get("title") or {}).get("en") or ""
        lines.append(f"  {r['type']:12} {r['key']:28} {title}")
    _out("\n".join(lines))
    return 0


# ---------------------------------------------------------------------- the crosswalk 2008-2011 -> 2025
CURATED = "curated crosswalk (data/reference/crosswalk-2008-2025.toml), not stated in either document"


def _crosswalk(args: argparse.Namespace) -> Any:
    from .crosswalk_query import Crosswalk
    from .iris import Iris

    settings = _settings(args)
    return Crosswalk(_store(settings), Iris(settings.base))


def cmd_strategy(args: argparse.Namespace) -> int:
    """A theme, result area or result of the strategy 2008-2011: its successors in 2025, the instruments it cites."""
    crosswalk = _crosswalk(args)
    doc = crosswalk.element_by_key(args.key)
    if args.format == "json":
        _json(doc)
        return 0
    src = doc["source"]
    lines = [
        f"{doc['key']} ({doc['kind']})  {doc['title']['zh'] or ''}",
        f"  source: E/CN.7/2007/14, paragraph {src['paragraph'] or '-'}, line {src['line']}"
        + (f"-{src['last_line']}" if src["last_line"] else ""),
    ]
    if doc["text"]["zh"]:
        lines.append(f"  {doc['text']['zh']}")
    labels = crosswalk.scope_labels(s["scope"] for s in doc["successors"])
    lines += ["", f"successors in 2025 ({CURATED}):"]
    for s in doc["successors"]:
        label = labels.get(s["scope"], {})
        name = " ".join(x for x in (label.get("zh"), f"({label['en']})" if label.get("en") else None) if x)
        lines.append(f"  {s['scope']:12} {name}  confidence {s['confidence']}, from {s['from']}")
        lines.append(f"      {s['justification']}")
    if not doc["successors"]:
        lines.append(f"  none: {doc.get('reason')}")
    lines += ["", f"instruments cited in its text ({len(doc['cited'])}):"]
    for c in doc["cited"]:
        title = c["title"].get("zh") or c["title"].get("en") or ""
        lines.append(f"  {c['key']:24} {title}  “{c['quotation']}”, paragraph {c['paragraph']}, line {c['line']}")
    _out("\n".join(lines))
    return 0


def cmd_predecessors(args: argparse.Namespace) -> int:
    """The work of the strategy 2008-2011 a 2025 scope carries on (the inverse of `strategy`)."""
    doc = _crosswalk(args).predecessors_by_key(args.key)
    if args.format == "json":
        _json(doc)
        return 0
    scope = doc["scope"]
    en = f" ({scope['label']['en']})" if scope["label"].get("en") else ""
    lines = [f"{scope['key']}  {scope['label'].get('zh') or ''}{en}", "", f"carries on ({CURATED}):"]
    for p in doc["predecessors"]:
        lines.append(f"  {p['strategy']:16} {p['kind']:12} {p['title']['zh'] or ''}  confidence {p['confidence']}")
        lines.append(f"      {p['justification']}")
    if not doc["predecessors"]:
        lines.append("  nothing: the crosswalk links no theme, result area or result of 2008-2011 to this scope")
    _out("\n".join(lines))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from .errors import QueryError

    settings = _settings(args)
    path = Path(args.file)
    try:
        sparql = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{path}: cannot read the query: {exc.strerror}") from exc
    store = _store(settings)
    try:
        _print_result(store.raw(sparql), args.format)
    except QueryError as exc:
        raise QueryError(f"{path}: {exc}") from exc
    except (SyntaxError, OSError, ValueError) as exc:  # a remote store's answer is parsed as it is printed
        raise QueryError(f"{path}: cannot read the store's answer: {exc}") from exc
    return 0


def _print_result(result: object, fmt: str) -> None:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        _out(json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower())
    elif isinstance(result, ox.QuerySolutions):
        formats = {
            "json": ox.QueryResultsFormat.JSON,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }
        if fmt in formats:
            sys.stdout.write(result.serialize(format=formats[fmt]).decode("utf-8"))  # type: ignore[union-attr]
        else:
            _out(_table(result))
    else:
        data = ox.serialize(result, format=ox.RdfFormat.TURTLE)  # type: ignore[arg-type]
        sys.stdout.write(data.decode("utf-8") if isinstance(data, bytes) else str(data))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > width:
            break
        out, used = out + c, used + w
    return out + " " * (width - used)


def _table(result: Any) -> str:
    names = [v.value for v in result.variables]
    rows = [[("" if s[n] is None else s[n].value) for n in names] for s in result]
    widths = [min(max([_width(n), *(_width(r[i]) for r in rows)]), 80) for i, n in enumerate(names)]
    lines = ["  ".join(_fit(n, w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


def cmd_load(args: argparse.Namespace) -> int:
    """Load the build's N-Quads into an on-disk or a remote store, and check that it holds them."""
    from .store import load, locate

    settings = _settings(args)
    if not settings.store:
        raise UnodcKgError("load needs --store URL (or UNODC_KG_STORE): file:///path/dir or http(s)://host/sparql")
    _out(load(locate(None, settings), settings).summary())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.settings import ServerSettings

    from .store import locate

    settings = _settings(args)
    limits = ServerSettings.from_env()
    location = locate(None, settings)
    if location.kind == "memory" and location.path is not None and not location.path.exists():
        raise UnodcKgError(f"{location.path} does not exist: run `unodc-kg build` first")
    log.info("serving the store %s", location)
    # a GET query string up to the body limit reaches the app (and its JSON 413 past it), not h11's plain 400 at 16 kB
    line_limit = limits.max_body + 16 * 1024
    uvicorn.run(
        create_app(settings), host=args.host, port=args.port, log_level="info", h11_max_incomplete_event_size=line_limit
    )
    return 0


# ---------------------------------------------------------------------- wiring
STORE_HELP = (
    "the store to ask (or UNODC_KG_STORE): file:///path/dir (made by `unodc-kg load`), file:///path/x.nq, or a "
    "remote SPARQL endpoint http(s)://host:port/sparql; default: the build's N-Quads, in memory"
)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="unodc-kg", description="The mandates behind UNODC's programme, as a knowledge graph."
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")
    p.add_argument("--base", help="base IRI of the data (default https://w3id.org/unodc-kg/, or UNODC_KG_BASE)")
    sub = p.add_subparsers(dest="command", required=True)

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help: str, store: bool = False
    ) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(fn=fn)
        if store:
            sp.add_argument("--store", metavar="URL", help=STORE_HELP)
        return sp

    b = add("build", cmd_build, "extract the sources, write the graph to data/generated/ (validated first)")
    b.add_argument("--no-validate", action="store_true", help="write without SHACL validation")
    b.add_argument("--no-reason", action="store_true", help="write without OWL reasoning (no inferred graph)")
    b.add_argument("--engine", default="pyshacl-turbo", choices=("pyshacl-turbo", "pyshacl"))
    v = add(
        "validate",
        cmd_validate,
        "validate the built graph against the SHACL shapes (exit 0 conforms, 1 not, 2 error)",
    )
    v.add_argument("--format", choices=("text", "turtle"), default="text")
    v.add_argument("--output", help="also write the report as Turtle to this file")
    v.add_argument("--engine", default="pyshacl-turbo", choices=("pyshacl-turbo", "pyshacl"))
    add("reason", cmd_reason, "check the built graph with HermiT and rewrite its inferred graph ({base}graph/inferred)")
    m = add("mandates", cmd_mandates, "which instruments mandate a deliverable, and why (e.g. 2025/sp1/7)", store=True)
    m.add_argument("key")
    m.add_argument("--format", choices=("text", "json"), default="text")
    d = add("deliverable", cmd_deliverable, "describe one deliverable (e.g. 2025/sp1/1)", store=True)
    d.add_argument("key")
    d.add_argument("--format", choices=("text", "json"), default="text")
    ds = add(
        "deliverables", cmd_deliverables, "every deliverable of a scope's table (e.g. --scope 2025/sp1)", store=True
    )
    ds.add_argument("--scope", required=True)
    ds.add_argument("--format", choices=("text", "json"), default="text")
    ins = add(
        "instrument", cmd_instrument, "what an instrument mandates, and why (e.g. ga/75-194, treaty/untoc)", store=True
    )
    ins.add_argument("key")
    ins.add_argument("--format", choices=("text", "json"), default="text")
    se = add("search", cmd_search, "find instruments, deliverables, results and scopes by symbol or title", store=True)
    se.add_argument("text")
    se.add_argument("--format", choices=("text", "json"), default="text")
    st = add(
        "strategy",
        cmd_strategy,
        "a theme, result area or result of the strategy 2008-2011 (e.g. 3.2 or 2008-2011/3.2), its successors in "
        "2025 (the curated crosswalk) and the instruments its text cites",
        store=True,
    )
    st.add_argument("key")
    st.add_argument("--format", choices=("text", "json"), default="text")
    pr = add(
        "predecessors",
        cmd_predecessors,
        "the themes, result areas and results of the strategy 2008-2011 a scope carries on (e.g. 2025/sp3)",
        store=True,
    )
    pr.add_argument("key")
    pr.add_argument("--format", choices=("text", "json"), default="text")
    q = add("query", cmd_query, "run a SPARQL query file on the built graph", store=True)
    q.add_argument("file")
    q.add_argument("--format", choices=("table", "json", "csv", "tsv"), default="table")
    lo = sub.add_parser(
        "load",
        help="load the built graph into an on-disk or a remote SPARQL store, and check it",
        description="Load data/generated/unodc-kg.nq into the store of --store, then check that every named graph "
        "holds what the N-Quads hold. file:///path/dir: an on-disk Oxigraph store, written beside the old one and "
        "swapped in when complete (a failed load leaves the old one). http(s)://host:port/sparql: a remote SPARQL "
        "1.1 store, loaded graph by graph through its Graph Store Protocol endpoint (--graph-store, or by the "
        "server's convention: Virtuoso's /sparql-graph-crud-auth, GraphDB's /repositories/ID/rdf-graphs/service, "
        "Fuseki's /DATASET/data), with the credentials of UNODC_KG_STORE_USER and UNODC_KG_STORE_PASSWORD.",
    )
    lo.set_defaults(fn=cmd_load)
    lo.add_argument("--store", metavar="URL", help="where to load: file:///path/dir or http(s)://host:port/sparql")
    lo.add_argument(
        "--graph-store",
        metavar="URL",
        help="a remote store's Graph Store Protocol endpoint (or UNODC_KG_GRAPH_STORE; default: by convention)",
    )
    s = add("serve", cmd_serve, "serve the graph over HTTP (default http://127.0.0.1:8000)", store=True)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return int(args.fn(args))
    except UnodcKgError as exc:
        sys.stderr.write(f"unodc-kg {args.command}: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 2
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
