"""End to end, as a user runs it: the installed `unodc-kg` command, then a live server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "unodc_kg.cli"]
CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "check-contract.py"


def run(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + args, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def out_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose build writes to a temporary folder, not to the committed data/generated/."""
    out = tmp_path_factory.mktemp("e2e-generated")
    env = {**os.environ, "UNODC_KG_OUTPUT": str(out)}
    p = run(["build"], env)
    assert p.returncode == 0, p.stderr
    return env


def test_build_reports_what_it_read(out_env: dict[str, str]) -> None:
    out = Path(out_env["UNODC_KG_OUTPUT"])
    assert (out / "a-79-6-sect16.ttl").stat().st_size > 100_000
    assert (out / "unodc-kg.nq").stat().st_size > 1_000_000


def test_validate_conforms_and_names_the_anomalies(out_env: dict[str, str]) -> None:
    p = run(["validate"], out_env)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.startswith("Conforms: yes")
    assert "id:scope/2025/sp7" in p.stdout  # subprogramme 7 has no mandate list: a warning, not silence


def test_validate_writes_a_turtle_report(out_env: dict[str, str], tmp_path: Path) -> None:
    p = run(["validate", "--format", "turtle", "--output", str(tmp_path / "report.ttl")], out_env)
    assert p.returncode == 0
    assert "sh:ValidationReport" in p.stdout
    assert "sh:conforms" in (tmp_path / "report.ttl").read_text(encoding="utf-8")


def test_headline_question_as_json(out_env: dict[str, str]) -> None:
    p = run(["mandates", "2025/sp1/7", "--format", "json"], out_env)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["deliverable"]["key"] == "2025/sp1/7"
    assert doc["deliverable"]["title"]["zh"] == "防止和打击贩运枪支和有关犯罪"  # table 16.4, line 642
    by_key = {m["key"]: m for m in doc["mandates"]}
    # COP-UNTOC 10/2 on firearms is listed for subprogramme 1 (line 221), the treaty for the programme (line 90).
    m = by_key["cop-untoc/10-2"]
    assert m["organ"] == "cop-untoc" and m["kind"] == "resolution" and m["un_symbol"] is None
    assert m["basis"][0] == {
        "kind": "scope-list",
        "paragraph": "a-79-6-sect16/16.9",
        "heading": {"zh": "联合国打击跨国有组织犯罪公约缔约方会议决议"},
        "list": "2025/sp1/cop-untoc",
        "line": 221,
        "title": {"zh": "加强国际合作打击非法制造和贩运枪支及其零部件和弹药"},
    }
    assert by_key["treaty/untoc-firearms-protocol"]["basis"][0]["kind"] == "programme-list"


def test_headline_question_as_text(out_env: dict[str, str]) -> None:
    p = run(["mandates", "2025/sp4/1"], out_env)
    assert p.returncode == 0
    assert "GA 60/288 (A/RES/60/288)" in p.stdout  # cited in 16.54(c), line 919
    assert "cited: paragraph a-79-6-sect16/16.54, line 919" in p.stdout


@pytest.mark.parametrize(
    "args", [["mandates", "2025/sp1/9999"], ["deliverable", "sp1/1"], ["deliverables", "--scope", "2025/sp10"]]
)
def test_unknown_keys_get_a_clear_error(out_env: dict[str, str], args: list[str]) -> None:
    p = run(args, out_env)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "look like" in p.stderr


def test_inverse_question_and_search(out_env: dict[str, str]) -> None:
    p = run(["instrument", "cosp-uncac/9-7", "--format", "json"], out_env)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    # COSP 9/7 is listed for subprogramme 3 (line 297) and cited in 16.49 (line 860): every sp3 deliverable
    assert {d["scope"] for d in doc["deliverables"]} == {"2025/sp3"}
    assert {b["kind"] for d in doc["deliverables"] for b in d["basis"]} == {"scope-list", "cited"}
    p = run(["search", "75/158"], out_env)
    assert p.returncode == 0 and "ga/75-158" in p.stdout and "贩运妇女和儿童" in p.stdout  # line 110


def test_saved_query_runs(out_env: dict[str, str]) -> None:
    p = run(["query", "queries/deliverables-short-of-plan-2023.rq", "--format", "csv"], out_env)
    assert p.returncode == 0, p.stderr
    rows = p.stdout.strip().splitlines()
    assert rows[0].strip() == "deliverable,title,planned,actual"
    assert "2025/sp2/2,向麻醉药品委员会提交的区域贩毒趋势报告,5,0" in [r.strip() for r in rows]  # line 755


def test_malformed_query_names_the_file(out_env: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    p = run(["query", str(bad)], out_env)
    assert p.returncode == 2
    assert str(bad) in p.stderr and "malformed SPARQL" in p.stderr


def test_build_is_deterministic_and_committed_outputs_are_current(out_env: dict[str, str], tmp_path: Path) -> None:
    env = {**out_env, "UNODC_KG_OUTPUT": str(tmp_path)}
    assert run(["build", "--no-validate"], env).returncode == 0
    first = Path(out_env["UNODC_KG_OUTPUT"])
    for name in ("a-79-6-sect16.ttl", "inferred.ttl", "unodc-kg.nq"):
        fresh = (tmp_path / name).read_bytes()
        assert fresh == (first / name).read_bytes(), f"{name} differs between two builds"
        committed = ROOT / "data" / "generated" / name
        assert committed.read_bytes() == fresh, f"data/generated/{name} is stale: run `unodc-kg build` and commit"


def test_reason_keeps_inferences_apart_and_twice_changes_nothing(out_env: dict[str, str]) -> None:
    out = Path(out_env["UNODC_KG_OUTPUT"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    p = run(["reason"], out_env)
    assert p.returncode == 0, p.stderr
    assert "kg:mandatedBy" in p.stdout and "type kg:GeneralAssemblyResolution" in p.stdout
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    inferred = b"<https://w3id.org/unodc-kg/graph/inferred> ."
    mandated_by = b"<https://w3id.org/unodc-kg/ontology/mandatedBy>"
    by_organ = b"<https://w3id.org/unodc-kg/ontology/GeneralAssemblyResolution>"
    lines = before["unodc-kg.nq"].splitlines()
    # kg:mandatedBy and the classes defined by organ are inferred, and live in the inferred graph only
    assert all(line.split(b" ")[1] == mandated_by or b"#type>" in line for line in lines if line.endswith(inferred))
    for kind in (mandated_by, by_organ):
        assert any(kind in line for line in lines if line.endswith(inferred))
        stated = [line for line in lines if kind in line.split(b" ")[1:3] and not line.endswith(inferred)]
        assert all(b"/graph/ontology>" in line for line in stated)  # only where the ontology defines the term


def test_failed_build_leaves_the_last_good_output(tmp_path: Path) -> None:
    """A malformed source stops the build with the file and line; the outputs stay as they were."""
    root = tmp_path / "project"
    for part in ("data", "ontology", "shapes"):
        shutil.copytree(ROOT / part, root / part)
    env = {**os.environ, "UNODC_KG_ROOT": str(root), "UNODC_KG_OUTPUT": str(root / "out")}
    assert run(["build"], env).returncode == 0
    before = {p.name: p.read_bytes() for p in (root / "out").iterdir()}
    source = root / "data" / "sources" / "A-79-6-Sect16.zh.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    lines[641] = lines[641].replace("\t1\t1\t1\t1", "\t1\tone\t1\t1")  # item 7 of table 16.4
    source.write_text("\n".join(lines), encoding="utf-8")
    p = run(["build"], env)
    assert p.returncode == 2
    assert "data/sources/A-79-6-Sect16.zh.txt:642" in p.stderr and "expected a number or a dash" in p.stderr
    assert {p.name: p.read_bytes() for p in (root / "out").iterdir()} == before


# ---------------------------------------------------------------------- a live server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(out_env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], env=out_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, accept: str = "application/json") -> tuple[int, bytes, str]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read(), r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers.get("Content-Type", "")


def test_server_answers_the_headline_question(server: str, out_env: dict[str, str]) -> None:
    status, body, ctype = get(server + "/api/deliverables/2025/sp3/c-2/mandates")
    assert status == 200 and "json" in ctype
    doc = json.loads(body)
    cli = json.loads(run(["mandates", "2025/sp3/c-2", "--format", "json"], out_env).stdout)
    assert doc == cli  # one service, the same document on both roads
    assert any(
        b["kind"] == "cited" and b["paragraph"] == "a-79-6-sect16/16.49"
        for m in doc["mandates"]
        if m["key"] == "cosp-uncac/9-7"
        for b in m["basis"]
    )


def test_server_sparql_and_linked_data(server: str) -> None:
    q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/unodc-kg/ontology/Deliverable> }")
    status, body, _ = get(f"{server}/sparql?query={q}", "application/sparql-results+json")
    assert status == 200
    n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert n == 150  # 116 numbered items and 34 narrative entries in the 11 tables
    status, body, ctype = get(server + "/id/instrument/ga/60-288", "text/turtle")
    assert status == 200 and "turtle" in ctype and b"A/RES/60/288" in body
    status, _, _ = get(server + "/api/deliverables/2025/sp1/9999/mandates")
    assert status == 404


@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="../shared/tools/check-contract.py is not beside the project")
def test_contract_shapes_hold(server: str) -> None:
    p = subprocess.run(
        [sys.executable, str(CONTRACT_CHECK), "--server", server], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert p.returncode == 0, p.stdout
