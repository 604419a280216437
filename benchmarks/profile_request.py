"""Where the time of one mandates request goes: the app in process (Starlette's TestClient), profiled with
pyinstrument, and the parts timed apart (the question uncached, the JSON answer serialised).

    UNODC_KG_OUTPUT=benchmarks/.data/graph-unodc-kg-10x-once .venv/bin/python -m benchmarks.profile_request
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable

from .kg import BASE


def per_call(fn: Callable[[], object], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - started) / n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--key", default="2025/sp1/7")
    p.add_argument("-n", type=int, default=300)
    a = p.parse_args(argv)
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient
    from pyinstrument import Profiler

    from api.app import create_app
    from unodc_kg.config import Settings
    from unodc_kg.iris import Iris
    from unodc_kg.query import Mandates

    app = create_app(Settings.from_env())
    url = f"/api/deliverables/{a.key}/mandates"
    with TestClient(app) as client:
        for _ in range(20):
            client.get(url)
        lines = [
            f"GET {url} through TestClient: {per_call(lambda: client.get(url), a.n) * 1e3:.2f} ms a request",
            f"GET /openapi.json-free trivial route (/sparql?service description skipped): "
            f"{per_call(lambda: client.get('/api/deliverables/1/1/1/mandates'), a.n) * 1e3:.2f} ms (a 404)",
        ]
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(a.n):
            client.get(url)
        profiler.stop()
        store = app.state.store
        fresh = Mandates(store, Iris(BASE))
        doc = fresh.mandates(a.key)
        lines += [
            f"Mandates.mandates (a new Mandates object each time, no answer cache): "
            f"{per_call(lambda: Mandates(store, Iris(BASE)).mandates(a.key), 20) * 1e3:.2f} ms",
            f"json.dumps of the answer ({len(json.dumps(doc, ensure_ascii=False).encode()):,} bytes): "
            f"{per_call(lambda: json.dumps(doc, ensure_ascii=False).encode(), 100) * 1e3:.2f} ms",
            f"JSONResponse(answer): {per_call(lambda: JSONResponse(doc), 100) * 1e3:.2f} ms",
        ]
        sql = Profiler(interval=0.0002)
        sql.start()
        for _ in range(10):
            Mandates(store, Iris(BASE)).mandates(a.key)
        sql.stop()
    sys.stdout.write("\n".join(lines) + "\n\n")
    sys.stdout.write("--- one cached request, through the whole stack ---\n")
    sys.stdout.write(profiler.output_text(unicode=False, color=False) + "\n")
    sys.stdout.write("--- the question itself, uncached ---\n")
    sys.stdout.write(sql.output_text(unicode=False, color=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
