"""Benchmarks, run by hand: `make bench` (or `.venv/bin/python bench/run.py [--db URL]`).

Times are machine-dependent, so every figure is printed as a ratio against a floor measured in the
same run: the floor is the portal's cheapest request (`/healthz`, the full middleware stack with no
database work). Each page has a target ratio; a page over its target is flagged. Memory is
measured with tracemalloc as the peak while rendering, against the peak of the floor request.
Nothing here is asserted by the test suite (timings in tests would be flaky)."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (path, target ratio of median time to the floor, target ratio of peak memory to the floor)
PAGES = [
    ("/", 60, 40),
    ("/deputies/", 80, 60),
    ("/deputies/?q=社区", 80, 60),
    ("/deputies/1/", 60, 40),
    ("/api/v1/deputies/", 80, 80),
    ("/api/v1/deputies/?format=json&page_size=200", 200, 200),
    ("/suggestions/", 80, 60),
    ("/suggestions/ranking/?year=2020", 80, 60),
    ("/suggestions/ranking/?year=2020&format=xlsx", 200, 200),
    ("/points/ranking/?quarter=2020Q4", 100, 80),
    ("/points/ranking/?quarter=2020Q4&format=csv", 150, 120),
    ("/api/v1/points/quarters/2020Q4/ranking/?format=json", 120, 120),
]
EXTRA_PAGES_ENV = "BENCH_EXTRA_PAGES"  # "path:time:mem,path:time:mem" to add pages by hand


def measure(client, path: str, repeat: int) -> tuple[float, int, int]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    client.get(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak, response.status_code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="DATABASE_URL to use (default: a fresh SQLite file)")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="portal-bench-")
    os.environ["DATABASE_URL"] = args.db or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    print(f"[1/3] database {os.environ['DATABASE_URL']}: migrating …", flush=True)
    call_command("migrate", verbosity=0)
    print("[2/3] building the demo district …", flush=True)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)

    pages = list(PAGES)
    for spec in filter(None, os.environ.get(EXTRA_PAGES_ENV, "").split(",")):
        path, t, m = spec.rsplit(":", 2)
        pages.append((path, float(t), float(m)))

    client = Client()
    print(f"[3/3] measuring {len(pages)} pages, {args.repeat} requests each …", flush=True)
    measure(client, "/healthz", 3)  # warm up
    floor_time, floor_mem, _ = measure(client, "/healthz", args.repeat * 2)
    print(f"floor /healthz: {floor_time * 1000:.2f} ms, peak {floor_mem / 1024:.0f} KiB")
    print(f"{'page':48} {'time×floor':>11} {'target':>7} {'mem×floor':>10} {'target':>7}  verdict")
    failures = 0
    for index, (path, time_target, mem_target) in enumerate(pages, start=1):
        median, peak, status = measure(client, path, args.repeat)
        time_ratio, mem_ratio = median / floor_time, peak / max(floor_mem, 1)
        ok = status == 200 and time_ratio <= time_target and mem_ratio <= mem_target
        failures += not ok
        verdict = "ok" if ok else (f"HTTP {status}" if status != 200 else "OVER TARGET")
        print(f"{path[:48]:48} {time_ratio:11.1f} {time_target:7.0f} {mem_ratio:10.1f} {mem_target:7.0f}  "
              f"{verdict}  ({index}/{len(pages)})", flush=True)
    print("all within targets" if not failures else f"{failures} page(s) over target")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
