"""Helpers for the test suites of every app (importable as a module, unlike conftest.py)."""

import threading

from django.db import connections


def run_in_threads(count: int, fn):
    """Run fn in `count` threads released at once; each closes its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def worker(index):
        try:
            barrier.wait()
            results[index] = fn()
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
