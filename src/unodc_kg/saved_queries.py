"""The saved SPARQL queries of queries/*.rq: their names, titles, descriptions and parameters.

Each file opens with a header comment the web site lists and loads into its editor::

    # title: Which instruments mandate a deliverable?
    # description: One or two sentences saying what the answer is and how to read it;
    #   a line of the header that starts with "#" and two spaces continues the field above it.
    # parameter: deliverable = <https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7>  (what to change)
    PREFIX kg: <https://w3id.org/unodc-kg/ontology/>
    SELECT ... WHERE { VALUES ?deliverable { <https://w3id.org/unodc-kg/id/deliverable/2025/sp1/7> } ... }

The header is the run of comment lines at the top of the file. ``title`` and ``description`` are
required, once each; ``parameter`` lines are optional, and each names a variable that the query binds
with ``VALUES ?name { default }``, so the query runs as it is and a user changes the value in place.
Other comment lines of the header are free text and are ignored.

>>> q = parse_saved_query(
...     "example",
...     "# title: Example\\n# description: Counts.\\n#   Every triple.\\n"
...     "# parameter: g = <urn:g>  (a graph)\\n"
...     "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { <urn:g> } GRAPH ?g { ?s ?p ?o } }\\n",
... )
>>> (q.name, q.title, q.description, q.parameters)
('example', 'Example', 'Counts. Every triple.', [('g', '<urn:g>')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError

SUFFIX = ".rq"
_FIELD = re.compile(r"^#\s?(?P<key>[A-Za-z][A-Za-z-]*):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
_PARAMETER = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>\S(?:.*?\S)?)(?:\s{2,}\(.*\))?$")
_FIELDS = ("title", "description", "parameter")


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: ``name`` is the file stem, ``parameters`` the (variable, default value) pairs in order."""

    name: str
    title: str
    description: str
    parameters: list[tuple[str, str]]
    text: str


def parse_saved_query(name: str, text: str, source: str | None = None) -> SavedQuery:
    """Read the header of one query; ``source`` (default ``name``) is what error messages call the file.

    Raises QueryError naming the file and the line when the header lacks a title or a description, repeats one,
    has a malformed parameter line, or names a parameter that no ``VALUES ?name { default }`` clause binds.
    """
    where = source or name
    fields: dict[str, tuple[int, str]] = {}
    parameters: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    last: str | None = None  # the field a continuation line extends
    end = len(lines) + 1  # the first line after the header
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not line.startswith("#"):
            end = number
            break
        field = _FIELD.match(line)
        key = field.group("key").lower() if field else None
        if field and key in _FIELDS:
            value = field.group("value").strip()
            if not value:
                raise QueryError(f"{where}:{number}: the header's {key!r} line is empty")
            if key == "parameter":
                parameters.append((number, *_parameter(where, number, value)))
            elif key in fields:
                first = fields[key][0]
                raise QueryError(f"{where}:{number}: the header has a second {key!r} line (the first is line {first})")
            else:
                fields[key] = (number, value)
            last = key
            continue
        more = _CONTINUATION.match(line)
        if more and last in ("title", "description"):
            first, value = fields[last]
            fields[last] = (first, f"{value} {more.group('value').strip()}")
            continue
        last = None  # a free comment ends the field above it
    for key in ("title", "description"):
        if key not in fields:
            raise QueryError(
                f"{where}:{end}: the header comment (the '#' lines before line {end}) has no '# {key}: …' line"
            )
    for number, variable, default in parameters:
        values = re.compile(rf"VALUES\s+\?{re.escape(variable)}\s*\{{\s*{re.escape(default)}\s*\}}")
        if not values.search(text):
            raise QueryError(
                f"{where}:{number}: parameter {variable!r} has no `VALUES ?{variable} {{ {default} }}` in the query"
            )
    return SavedQuery(
        name=name,
        title=fields["title"][1],
        description=fields["description"][1],
        parameters=[(variable, default) for _, variable, default in parameters],
        text=text,
    )


def _parameter(where: str, number: int, value: str) -> tuple[str, str]:
    m = _PARAMETER.match(value)
    if m is None:
        raise QueryError(f"{where}:{number}: a parameter line reads 'name = default  (what to change)', not {value!r}")
    return m.group("name"), m.group("value")


def load_saved_queries(directory: Path) -> list[SavedQuery]:
    """Every ``*.rq`` file of ``directory``, sorted by name; QueryError names the file and line of a bad header."""
    if not directory.is_dir():
        raise QueryError(f"{directory}: no such directory of saved queries")
    out: list[SavedQuery] = []
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query: {exc}") from exc
        out.append(parse_saved_query(path.stem, text, str(path)))
    out.sort(key=lambda q: q.name)
    return out


def find(directory: Path, name: str) -> SavedQuery:
    """The saved query called ``name`` (the file stem; a trailing ``.rq`` is allowed).

    Raises QueryError listing the known names when there is none.
    """
    wanted = name.removesuffix(SUFFIX)
    queries = load_saved_queries(directory)
    for q in queries:
        if q.name == wanted:
            return q
    known = ", ".join(q.name for q in queries) or "none"
    raise QueryError(f"no saved query {name!r} in {directory}; the saved queries are: {known}")
