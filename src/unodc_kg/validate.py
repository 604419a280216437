"""SHACL validation of the built graph, with a readable report that points at source lines.

SHACL runs on pyshacl-turbo (a Rust engine with pySHACL's API; docs/decisions/0002); pySHACL
itself stays available as the reference engine (`--engine pyshacl`).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from .config import Settings
from .errors import ValidationError
from .iris import Iris

log = logging.getLogger(__name__)
ENGINES = ("pyshacl-turbo", "pyshacl")
SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    line: int | None


@dataclass
class Report:
    conforms: bool  # no Violation (warnings and infos do not break conformance)
    graph: Graph
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def text(self, base: str) -> str:
        def short(iri: str | None) -> str:
            if iri is None:
                return ""
            return (
                iri.replace(base + "id/", "id:").replace(base + "ontology/", "kg:").replace(base + "shapes/", "shape:")
            )

        lines = [
            f"Conforms: {'yes' if self.conforms else 'no'} ({self.count('Violation')} violations, "
            f"{self.count('Warning')} warnings, {self.count('Info')} infos)"
        ]
        for f in self.findings:
            where = f" (source line {f.line})" if f.line else ""
            path = f" {short(f.path)}" if f.path else ""
            value = f" = {short(f.value)}" if f.value else ""
            lines.append(
                f"{f.severity:9} {short(f.focus)}{where}{path}{value}\n          {f.message}  [{short(f.shape)}]"
            )
        return "\n".join(lines) + "\n"


def load_shapes(settings: Settings, iris: Iris) -> Graph:
    shapes = Graph()
    files = sorted(settings.shapes_dir.glob("*.ttl"))
    if not files:
        raise ValidationError(f"no SHACL shapes found in {settings.shapes_dir}")
    for path in files:
        try:
            shapes.parse(data=iris.rebase(path.read_text(encoding="utf-8")), format="turtle", publicID=str(path))
        except Exception as exc:  # rdflib raises many types for bad Turtle
            raise ValidationError(f"{path}: not valid Turtle: {exc}") from exc
    return shapes


def load_built_graph(settings: Settings) -> Graph:
    """The union of all named graphs of the last build, as one rdflib graph."""
    path = settings.nquads_file
    if not path.exists():
        raise ValidationError(f"{path} does not exist: run `unodc-kg build` first")
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(path, format="nquads")
    g = Graph()
    for ctx in ds.graphs():
        g += ctx
    return g


def run_shacl(data: Graph, shapes: Graph, engine: str = "pyshacl-turbo") -> Graph:
    if engine not in ENGINES:
        raise ValidationError(f"unknown SHACL engine {engine!r}; expected one of {ENGINES}")
    try:
        shacl = importlib.import_module(engine.replace("-", "_"))
        _, report, _ = shacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True)
    except Exception as exc:  # the engines raise their own types
        raise ValidationError(f"SHACL validation failed to run ({engine}): {exc}") from exc
    if not isinstance(report, Graph):
        raise ValidationError(f"{engine} returned no report graph")
    return report


def validate_graph(data: Graph, settings: Settings, engine: str = "pyshacl-turbo") -> Report:
    iris = Iris(settings.base)
    report_graph = run_shacl(data, load_shapes(settings, iris), engine)
    return interpret(report_graph, data, iris)


def interpret(report_graph: Graph, data: Graph, iris: Iris) -> Report:
    kg = Namespace(iris.kg)
    findings: list[Finding] = []
    for r in report_graph.subjects(RDF.type, SH.ValidationResult):
        sev = report_graph.value(r, SH.resultSeverity)
        focus = report_graph.value(r, SH.focusNode)
        line = data.value(focus, kg.sourceLine) if isinstance(focus, URIRef) else None
        path = report_graph.value(r, SH.resultPath)
        value = report_graph.value(r, SH.value)
        msgs = [str(m) for m in report_graph.objects(r, SH.resultMessage)]
        shape = report_graph.value(r, SH.sourceShape)
        findings.append(
            Finding(
                severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else None,
                value=str(value) if value is not None else None,
                message="; ".join(sorted(msgs)) or "(no message)",
                shape=str(shape) if isinstance(shape, URIRef) else None,
                line=int(line) if isinstance(line, Literal) else None,
            )
        )
    findings.sort(
        key=lambda f: (
            {"Violation": 0, "Warning": 1}.get(f.severity, 2),
            f.line or 0,
            f.focus,
            f.message,
            f.value or "",
        )
    )
    conforms = not any(f.severity == "Violation" for f in findings)
    return Report(conforms, report_graph, findings)


def write_report(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report.graph.serialize(path, format="turtle")


def severities(report: Report) -> Iterable[tuple[str, int]]:
    return ((s, report.count(s)) for s in ("Violation", "Warning", "Info"))
