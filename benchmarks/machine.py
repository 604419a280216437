"""What the figures were measured on: the machine, the operating system, the versions of what was measured."""

from __future__ import annotations

import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

import psutil

PACKAGES = (
    "pyoxigraph",
    "rdflib",
    "pyshacl-turbo",
    "pyshacl",
    "owlready2",
    "fastapi",
    "starlette",
    "uvicorn",
    "rdflib-endpoint",
    "psutil",
)


def _first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "not found"


def machine() -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        m = re.search(r'^PRETTY_NAME="?([^"\n]*)', release.read_text(), re.M)
        if m:
            os_name = f"{m.group(1)} (Linux {platform.release()})"
    return {
        "cpu": cpu,
        "cores": str(psutil.cpu_count(logical=True)),
        "memory": f"{psutil.virtual_memory().total / (1 << 30):.1f} GiB",
        "os": os_name,
    }


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["wrk"] = _first_line(["wrk", "--version"]).split(" Copyright")[0]
    out["java"] = _first_line(["java", "-version"])
    return out


def code_version(code: Path) -> str:
    """The commit of the code under test, and whether its work tree has changes (or a snapshot's own note)."""
    note = code / "CODE_VERSION"
    if note.exists():
        return f"{note.read_text(encoding='utf-8').strip()} ({code})"
    head = _first_line(["git", "-C", str(code), "rev-parse", "--short", "HEAD"])
    if head == "not found" or "fatal" in head:
        return f"{code} (not a git work tree)"
    try:
        dirty = subprocess.run(
            ["git", "-C", str(code), "status", "--porcelain", "--", "src", "api"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        dirty = ""
    return f"{head}{' with uncommitted changes in src/ or api/' if dirty else ''} ({code})"
