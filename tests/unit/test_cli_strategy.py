"""`unodc-kg strategy` and `unodc-kg predecessors`: the crosswalk on the command line, run as a user runs it (a
subprocess on the session's build), giving the same JSON documents as the API."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

CLI = [sys.executable, "-m", "unodc_kg.cli"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["strategy", "3.2"], "/api/strategy/2008-2011/3.2"),
        (["strategy", "2008-2011/1"], "/api/strategy/2008-2011/1"),
        (["strategy", "1.1.4"], "/api/strategy/2008-2011/1.1.4"),
        (["predecessors", "2025/sp3"], "/api/scopes/2025/sp3/predecessors"),
        (["predecessors", "2025/sp9-1"], "/api/scopes/2025/sp9-1/predecessors"),
    ],
)
def test_the_json_is_the_api_json(server: str, server_env: dict[str, str], args: list[str], path: str) -> None:
    done = run([*args, "--format", "json"], server_env)
    assert done.returncode == 0, done.stderr
    api = httpx.get(server + path, headers={"Accept": "application/json"}, timeout=30).json()
    assert json.loads(done.stdout) == api


def test_strategy_as_text(server_env: dict[str, str]) -> None:
    done = run(["strategy", "3.2"], server_env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("2008-2011/3.2 (result-area)  预防腐败")
    assert "curated crosswalk" in out and "not stated in either document" in out
    assert "2025/sp3" in out and "反腐败 (Countering corruption)" in out and "confidence high" in out
    assert "treaty/uncac" in out and "paragraph e-cn7-2007-14/3.2.1" in out


def test_predecessors_as_text(server_env: dict[str, str]) -> None:
    done = run(["predecessors", "2025/sp3"], server_env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2025/sp3  反腐败 (Countering corruption)"
    assert any(line.split()[:2] == ["2008-2011/3.2", "result-area"] and "预防腐败" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["strategy", "9.9"], "2008-2011/3.2"),
        (["strategy", "x"], "2008-2011/3.2"),
        (["strategy", "2007/3.2"], "2008-2011/3.2"),
        (["predecessors", "2025/sp99"], "2025/sp9-1"),
        (["predecessors", "sp3"], "2025/sp9-1"),
    ],
)
def test_unknown_keys_exit_2_saying_what_keys_look_like(server_env: dict[str, str], args: list[str], says: str) -> None:
    done = run(args, server_env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(f"unodc-kg {args[0]}: ") and says in done.stderr
    assert "Traceback" not in done.stderr
