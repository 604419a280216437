"""The crosswalk 2008-2011 → 2025 (data/reference/crosswalk-2008-2025.toml, src/unodc_kg/crosswalk.py).

Every quotation is checked against the line it names in the project's copies of the two sources; every result area
the strategy prints (成果领域 1.1. … 3.8.) has a link or a "no successor" entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal

from unodc_kg.crosswalk import CONFIDENCE, CROSSWALK_FILE, Link, crosswalk_graph, load_links
from unodc_kg.errors import BuildError
from unodc_kg.iris import Iris

ROOT = Path(__file__).resolve().parents[2]
FILE = ROOT / "data" / "reference" / CROSSWALK_FILE
STRATEGY = (ROOT / "data" / "sources" / "E-CN7-2007-14.zh.txt").read_text(encoding="utf-8").split("\n")
BUDGET = (ROOT / "data" / "sources" / "A-79-6-Sect16.zh.txt").read_text(encoding="utf-8").split("\n")
AREA = re.compile(r"成果领域 ([1-3]\.[0-9])\.")
SCOPES = {"2025/programme", *(f"2025/sp{n}" for n in range(1, 9)), "2025/sp9-1", "2025/sp9-2"}


@pytest.fixture(scope="module")
def links() -> list[Link]:
    return load_links(FILE)


def printed_result_areas() -> list[str]:
    return [m.group(1) for line in STRATEGY if (m := AREA.search(line))]


def test_the_strategy_prints_fourteen_result_areas() -> None:
    assert printed_result_areas() == [f"1.{n}" for n in range(1, 5)] + ["2.1", "2.2"] + [f"3.{n}" for n in range(1, 9)]


def test_every_result_area_has_a_link_or_a_no_successor_entry(links: list[Link]) -> None:
    covered = {link.strategy.split("/")[1][:3] for link in links}
    assert set(printed_result_areas()) <= covered
    for area in printed_result_areas():
        own = [link for link in links if link.strategy == f"2008-2011/{area}"]
        assert own, f"result area {area} has no entry of its own"


@pytest.mark.parametrize("index", range(len(load_links(FILE))))
def test_quotations_are_verbatim_on_their_lines(links: list[Link], index: int) -> None:
    link = links[index]
    assert link.strategy_quote and link.strategy_quote in STRATEGY[link.strategy_line - 1], link.key
    if link.scope is None:
        assert link.reason
        return
    assert link.scope_line is not None and link.scope_quote
    assert link.scope_quote in BUDGET[link.scope_line - 1], link.key
    assert link.strategy_quote in link.justification and link.scope_quote in link.justification
    assert f"line {link.strategy_line}" in link.justification and f"line {link.scope_line}" in link.justification


def test_the_quotation_of_the_strategy_is_under_its_element(links: list[Link]) -> None:
    """The line quoted lies between the element's heading or number and the next heading of the same level."""
    for link in links:
        number = link.strategy.split("/")[1]
        starts = [
            i + 1 for i, line in enumerate(STRATEGY) if re.match(rf"\s*(?:成果领域 )?{re.escape(number)}\.", line)
        ]
        assert starts, link.key
        assert starts[0] <= link.strategy_line <= starts[0] + 30, link.key


def test_confidences_and_keys_are_valid(links: list[Link]) -> None:
    for link in links:
        assert re.fullmatch(r"2008-2011/[1-3](?:\.[1-9]){1,2}", link.strategy), link.key
        if link.scope is not None:
            assert link.confidence in CONFIDENCE, link.key
            assert link.scope in SCOPES, link.key
            assert link.note
    assert len({link.key for link in links}) == len(links)


def test_links_become_rdf_both_ways(links: list[Link]) -> None:
    iris = Iris()
    graph = crosswalk_graph(links, iris)
    kg = iris.kg
    sp3 = iris.id("scope", "2025/sp3")
    area = iris.id("strategy", "2008-2011/3.2")
    node = iris.id("crosswalk-link", "2008-2011/3.2/2025/sp3")
    assert (node, RDF.type, kg.CrosswalkLink) in graph
    assert (node, kg.fromStrategy, area) in graph and (node, kg.toScope, sp3) in graph
    assert (node, kg.confidence, Literal("high")) in graph
    assert node in set(graph.subjects(kg.toScope, sp3))  # the inverse
    assert len(set(graph.subjects(RDF.type, kg.CrosswalkLink))) == len(links)


def test_a_no_successor_entry(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.toml"
    path.write_text(
        '[[no-successor]]\nstrategy = "2008-2011/1.1"\nstrategy_line = 230\nstrategy_quote = "批准和执行公约和议定书"\n'
        'reason = "test"\n',
        encoding="utf-8",
    )
    (link,) = load_links(path)
    iris = Iris()
    graph = crosswalk_graph([link], iris)
    node = iris.id("crosswalk-link", "2008-2011/1.1/none")
    assert (node, iris.kg.noSuccessorReason, Literal("test", lang="en")) in graph
    assert graph.value(node, iris.kg.toScope) is None


def test_unknown_keys_and_bad_confidence_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(FILE.read_text(encoding="utf-8").replace('confidence = "high"', 'confidence = "sure"', 1))
    with pytest.raises(BuildError, match="confidence"):
        load_links(bad)
    link = Link(
        "2008-2011/9.9",
        1,
        "x",
        scope="2025/sp3",
        confidence="low",
        scope_paragraph="16.40",
        scope_line=1,
        scope_quote="y",
        note="z",
    )
    with pytest.raises(BuildError, match=r"2008-2011/9\.9"):
        crosswalk_graph([link], Iris(), known=Graph())
