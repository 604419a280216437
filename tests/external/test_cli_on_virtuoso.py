"""The command line asks the Virtuoso store with --store, and prints what it prints for the embedded store."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import unodc_kg
from virtuoso import Virtuoso


@pytest.mark.parametrize(
    "args",
    [
        ("mandates", "2025/sp1/7", "--format", "json"),  # the API's JSON is compared in test_same_answers
        ("strategy", "3.2"),
        ("query", "queries/security-council-resolutions.rq", "--format", "csv"),
    ],
)
def test_the_same_output_with_store(
    args: tuple[str, ...],
    virtuoso_server: Virtuoso,
    loaded: subprocess.CompletedProcess[str],
    store_env: dict[str, str],
) -> None:
    env = {k: v for k, v in store_env.items() if not k.startswith("UNODC_KG_STORE")}  # a reader needs no password
    embedded = unodc_kg(*args, env=env)
    remote = unodc_kg(*args, "--store", virtuoso_server.sparql, env=env)
    assert embedded.returncode == remote.returncode == 0, remote.stderr
    assert remote.stdout == embedded.stdout and len(embedded.stdout) > 100


def test_the_store_setting_of_the_environment(
    virtuoso_server: Virtuoso, loaded: subprocess.CompletedProcess[str], store_env: dict[str, str]
) -> None:
    env = {**os.environ, **{k: v for k, v in store_env.items() if k == "UNODC_KG_OUTPUT"}}
    done = unodc_kg("deliverable", "2025/sp1/1", env={**env, "UNODC_KG_STORE": virtuoso_server.sparql})
    assert done.returncode == 0 and "2025/sp1/1  table 16.4" in done.stdout


def test_a_store_that_is_not_there_is_an_error_not_a_traceback(store_env: dict[str, str]) -> None:
    done = unodc_kg("mandates", "2025/sp1/7", "--store", "http://127.0.0.1:9/sparql", env=store_env)
    assert done.returncode == 2
    assert "cannot reach http://127.0.0.1:9/sparql" in done.stderr and "Traceback" not in done.stderr
