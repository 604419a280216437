"""Settings. Read from the environment only when `Settings.from_env()` is called, never at import."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

DEFAULT_BASE = "https://w3id.org/unodc-kg/"


def _project_root() -> Path:
    # src/unodc_kg/config.py -> project root; overridable for installed copies.
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """Where things are and which base IRI the data carries."""

    root: Path = field(default_factory=_project_root)
    base: str = DEFAULT_BASE
    output: Path | None = None  # where the build writes; default data/generated under the root
    store: str | None = None  # where queries go (unodc_kg.store.locate): None = the N-Quads in memory
    graph_store: str | None = None  # a remote store's Graph Store Protocol endpoint (loading); None = by convention
    store_user: str | None = None  # credentials for a remote store (loading needs them on most servers)
    store_password: str | None = field(default=None, repr=False)
    store_timeout: float = 30.0  # seconds one of our own queries may take on a remote store

    def __post_init__(self) -> None:
        if not (self.base.startswith(("http://", "https://")) and self.base.endswith("/")):
            raise ConfigError(f"base IRI must be an http(s) IRI ending in '/': {self.base!r}")

    @classmethod
    def from_env(cls) -> Settings:
        root = os.environ.get("UNODC_KG_ROOT")
        base = os.environ.get("UNODC_KG_BASE", DEFAULT_BASE)
        output = os.environ.get("UNODC_KG_OUTPUT")
        timeout = os.environ.get("UNODC_KG_STORE_TIMEOUT", "30")
        try:
            store_timeout = float(timeout)
        except ValueError:
            raise ConfigError(f"UNODC_KG_STORE_TIMEOUT must be a number of seconds, not {timeout!r}") from None
        if store_timeout <= 0:
            raise ConfigError(f"UNODC_KG_STORE_TIMEOUT must be positive, not {timeout!r}")
        return cls(
            root=Path(root).resolve() if root else _project_root(),
            base=base,
            output=Path(output).resolve() if output else None,
            store=os.environ.get("UNODC_KG_STORE") or None,
            graph_store=os.environ.get("UNODC_KG_GRAPH_STORE") or None,
            store_user=os.environ.get("UNODC_KG_STORE_USER") or None,
            store_password=os.environ.get("UNODC_KG_STORE_PASSWORD"),
            store_timeout=store_timeout,
        )

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def corrections_file(self) -> Path:
        return self.root / "data" / "corrections.toml"

    @property
    def reference_dir(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def generated_dir(self) -> Path:
        return self.output or self.root / "data" / "generated"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def nquads_file(self) -> Path:
        return self.generated_dir / "unodc-kg.nq"
