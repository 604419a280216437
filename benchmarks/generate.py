"""Synthetic graphs shaped like ours: the real N-Quads, scaled by adding further editions of the budget section.

Scale N is the real graph plus enough copies (about 1.2 (N-1)) to make N times its quads, copies of everything
read from A/79/6 (Sect. 16): its named graph, its topic tags and what HermiT inferred about its nodes. Copy k is
a budget of edition 2025+k (document a-{79+k}-6-sect16, symbol A/{79+k}/6 (Sect. 16)) with the same scopes,
deliverables, observations, mandate lists, listings and citations under its own keys (2025/sp1/7 ->
{2025+k}/sp1/7). Each copy keeps most instruments (shared across editions, as in reality: the copy's graph
restates them, as every source's graph does) and replaces a seeded quarter of the organs' resolutions and
decisions by new ones (ga/75-194 -> ga/75-194-e{2025+k}), with their topic tags and inferred classes. With
--once, a copy does not restate the shared instruments (only its new ones are described in its graph). The
ontology, the reference data, the strategy 2008-2011 and the crosswalk stay single. So the fan-out and selectivity
of every question stay ours, and the answer for one deliverable (2025/sp1/7) is the same at every scale.

    .venv/bin/python -m benchmarks.generate --scale 10 --out benchmarks/.data/unodc-kg-10x.nq
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

BASE = "https://w3id.org/unodc-kg/"
DOC = "a-79-6-sect16"
EDITION = 2025
SESSION = 79
NEW_INSTRUMENT_SHARE = 0.25
COPIED_GRAPHS = (f"<{BASE}graph/{DOC}>", f"<{BASE}graph/topics>", f"<{BASE}graph/inferred>")
SHARED_GRAPHS = COPIED_GRAPHS[1:]  # a line of these that a copy leaves unchanged is already in the graph
EDITION_PRED = f"<{BASE}ontology/edition>"
GYEAR = "^^<http://www.w3.org/2001/XMLSchema#gYear>"
_EDITION_IN_IRI = re.compile(r"(?<=/)2025(?=/(?:programme|sp\d))")
_INSTRUMENT_IN_IRI = re.compile(r"(?<=/id/)(?:topic-tag/)?instrument/([a-z][a-z-]*/[0-9a-z][0-9a-z-]*?)(?=[>/])")
_LINE = re.compile(r"^(\S+) (<[^>]*>) (.*) (<[^>]*>) \.$")


@dataclass(frozen=True)
class Template:
    """One line of the real graph with the parts a copy changes as format fields ({E}, {D}, {S}, {B}, {i<n>})."""

    graph: str
    text: str
    original: str
    instruments: tuple[int, ...]
    about_instrument: int | None  # the placeholder of the renewable instrument this line describes, -1 a shared one


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class Scaler:
    """Holds the real graph's lines as templates; writes any number of copies of them."""

    def __init__(self, real: Path, seed: int = 7, restate: bool = True) -> None:
        self.seed = seed
        self.restate = restate  # False: a copy states only its new instruments (as if instruments were written once)
        self.head: list[str] = []  # every line of the real graph, written once
        self.templates: list[Template] = []
        self.instrument_keys: list[str] = []
        self._instrument_index: dict[str, int] = {}
        lines = real.read_text(encoding="utf-8").splitlines()
        self.head = lines
        reference = {m for line in lines if line.endswith(f"<{BASE}graph/reference> .") for m in self._keys(line)}
        in_doc = {m for line in lines if line.endswith(f"<{BASE}graph/{DOC}> .") for m in self._keys(line)}
        # Treaties and what the reference data describes stay shared; the organs' instruments may be renewed.
        self.renewable = sorted(k for k in in_doc - reference if not k.startswith("treaty/"))
        self._renewable = frozenset(self.renewable)
        for line in lines:
            t = self._template(line)
            if t is not None:
                self.templates.append(t)
        log.info(
            "%d lines, %d of them copied per edition; %d instruments may be renewed",
            len(lines),
            len(self.templates),
            len(self.renewable),
        )

    @staticmethod
    def _keys(line: str) -> set[str]:
        return set(_INSTRUMENT_IN_IRI.findall(line))

    def _placeholder(self, key: str) -> int:
        if key not in self._instrument_index:
            self._instrument_index[key] = len(self.instrument_keys)
            self.instrument_keys.append(key)
        return self._instrument_index[key]

    def _iri(self, term: str, used: list[int]) -> str:
        text = _escape(term)
        text = text.replace(DOC, "{D}")
        text = _EDITION_IN_IRI.sub("{E}", text)

        def instrument(m: re.Match[str]) -> str:
            key = m.group(1)
            if key not in self._renewable:
                return m.group(0)
            n = self._placeholder(key)
            used.append(n)
            return m.group(0)[: m.start(1) - m.start(0)] + "{i" + str(n) + "}"

        return _INSTRUMENT_IN_IRI.sub(instrument, text)

    def _template(self, line: str) -> Template | None:
        m = _LINE.match(line)
        if m is None:
            return None
        subject, predicate, obj, graph = m.groups()
        if graph not in COPIED_GRAPHS:
            return None
        used: list[int] = []
        s = self._iri(subject, used) if subject.startswith("<") else "_:{B}" + _escape(subject[2:])
        if obj.startswith("<"):
            o = self._iri(obj, used)
        elif obj.startswith("_:"):
            o = "_:{B}" + _escape(obj[2:])
        elif predicate == EDITION_PRED and obj == f'"{EDITION}"{GYEAR}':
            o = '"{E}"' + _escape(GYEAR)
        else:
            o = _escape(obj).replace(f"A/{SESSION}/6 (Sect. 16)", "{S}")
        g = self._iri(graph, used)
        text = f"{s} {_escape(predicate)} {o} {g} ."
        if text == _escape(line) and graph in SHARED_GRAPHS:
            return None  # nothing a copy changes: it would restate the same quad in the same graph
        about: int | None = None
        subject_key = _INSTRUMENT_IN_IRI.search(subject)
        if subject_key and subject.startswith(f"<{BASE}id/instrument/"):
            key = subject_key.group(1)
            about = self._instrument_index[key] if key in self._renewable else -1
        return Template(graph, text, line, tuple(used), about)

    def copy(self, k: int) -> Iterator[str]:
        """The lines of edition 2025+k (k >= 1)."""
        rng = random.Random(f"{self.seed}:{k}")
        edition = EDITION + k
        renewed = {key for key in self.renewable if rng.random() < NEW_INSTRUMENT_SHARE}
        fields: dict[str, str] = {
            "E": str(edition),
            "D": f"a-{SESSION + k}-6-sect16",
            "S": f"A/{SESSION + k}/6 (Sect. 16)",
            "B": f"e{edition}",
        }
        for n, key in enumerate(self.instrument_keys):
            fields[f"i{n}"] = f"{key}-e{edition}" if key in renewed else key
        renewed_n = {n for n, key in enumerate(self.instrument_keys) if key in renewed}
        for t in self.templates:
            if not self.restate and t.about_instrument is not None and t.about_instrument not in renewed_n:
                continue  # a shared instrument, already described by the real edition's graph
            text = t.text.format_map(fields)
            if t.graph in SHARED_GRAPHS and text == t.original:
                continue  # a shared instrument's tag or class: already stated
            yield text

    def copies_for(self, scale: int) -> int:
        """How many further editions make the graph `scale` times as large as the real one (by quads)."""
        if scale <= 1:
            return 0
        per_copy = sum(1 for _ in self.copy(1))
        return max(1, round((scale - 1) * len(self.head) / per_copy))

    def write(self, scale: int, out: Path) -> int:
        """Write the graph at `scale` (1 = the real one) as N-Quads; return the number of lines."""
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".part")
        count = 0
        with tmp.open("w", encoding="utf-8", buffering=1 << 22) as fh:
            for line in self.head:
                fh.write(line + "\n")
            count += len(self.head)
            copies = self.copies_for(scale)
            for k in range(1, copies + 1):
                batch = list(self.copy(k))
                fh.write("\n".join(batch) + "\n")
                count += len(batch)
                if k % 100 == 0:
                    log.info("%d of %d editions written (%d lines)", k, copies, count)
        tmp.replace(out)
        return count


def ensure(real: Path, scale: int, out_dir: Path, restate: bool = True, seed: int = 7) -> tuple[Path, int]:
    """The graph at `scale` under `out_dir`, generated unless a file of the same real graph, scale and seed exists."""
    out = out_dir / f"unodc-kg-{scale}x{'' if restate else '-once'}.nq"
    stamp = out.with_suffix(".stamp")
    key = f"{real.stat().st_size}:{real.stat().st_mtime_ns}:{scale}:{seed}:{NEW_INSTRUMENT_SHARE}:{restate}\n"
    if out.exists() and stamp.exists() and stamp.read_text().split("|")[0] == key.strip():
        return out, int(stamp.read_text().split("|")[1])
    started = time.perf_counter()
    count = Scaler(real, seed, restate).write(scale, out)
    stamp.write_text(f"{key.strip()}|{count}")
    log.info("%s: %d quads in %.1f s", out, count, time.perf_counter() - started)
    return out, count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--real", type=Path, default=Path("data/generated/unodc-kg.nq"))
    p.add_argument("--scale", type=int, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--once", action="store_true", help="copies do not restate the shared instruments (instruments stated once)"
    )
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    count = Scaler(args.real, args.seed, restate=not args.once).write(args.scale, args.out)
    log.info("%s: %d quads", args.out, count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
