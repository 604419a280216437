"""What is computed once per store and kept while the store lives: its named graphs, the shapes, the ontology."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from unodc_kg.config import Settings
from unodc_kg.iris import Iris
from unodc_kg.store import MemoryStore, Store

_STATE: weakref.WeakKeyDictionary[Store, dict[str, Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def cached(store: Store, name: str, make: Callable[[], Any]) -> Any:
    """`make()`, computed once per store (two first requests may both compute it; the first kept wins)."""
    with _LOCK:
        state = _STATE.setdefault(store, {})
        if name in state:
            return state[name]
    value = make()
    with _LOCK:
        return state.setdefault(name, value)


def graph_names(store: Store) -> list[str]:
    def make() -> list[str]:
        return store.graphs()

    return list(cached(store, "graphs", make))


def shapes_store(store: Store, settings: Settings, iris: Iris) -> Store:
    """The shapes of shapes/*.ttl (rebased to our base), one named graph per file, loaded once."""

    def make() -> Store:
        return MemoryStore.from_turtle(
            (f"urn:x-unodc-kg:file:shapes/{path.name}", iris.rebase(path.read_text(encoding="utf-8")))
            for path in sorted(settings.shapes_dir.glob("*.ttl"))
        )

    result: Store = cached(store, "shapes", make)
    return result
