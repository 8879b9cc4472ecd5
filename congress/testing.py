"""Helpers for the test suites of every app (importable as a module, unlike conftest.py).

- run_in_threads(n, fn): real threads released together (race tests on PostgreSQL).
- run_race(prepare=, attempt=, effects=): rounds of 20 concurrent attempts, counted in the figures;
  race_rounds() is how many: env RACE_ROUNDS, default 50, for races on a service; a race through
  the HTTP API passes rounds=race_rounds(http=True): env RACE_ROUNDS_HTTP, default 50 too (each of its
  rounds is 20 requests through the whole stack, about five times a service round).
  without_constraint(model, name) drops a constraint for a block, to show a race test fails
  without it.
- figures: named counters the suite adds to (`figures.add("fuzz cases", 120)`); the root
  conftest prints them as one line at the end of the run, summed over xdist workers. An app
  names its own counters with `figures.declare(name, order=...)` so they show even at 0.
- access cases / access leaks: the authorization matrix (congress.access_matrix,
  tests/test_access_matrix.py): requests checked, and unexpected allows among them (should be 0).
- sample_png() / sample_jpeg() / sample_pdf() and BAD_UPLOADS: real files and hostile ones for
  upload tests.
- walk_site_pages() / walk_api_pages(): every page of a list paged by cursor, following its links.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
from collections import Counter

from django.db import connections

NEXT_PAGE = re.compile(r'href="\?([^"]*)" rel="next"')
PREVIOUS_PAGE = re.compile(r'href="\?([^"]*)" rel="prev"')


def walk_site_pages(client, path: str, query: str, rows, *, link=NEXT_PAGE) -> list[tuple[list, str]]:
    """A site list's pages from `path?query`, following its next links (PREVIOUS_PAGE: its
    previous links) to the end (congress/_keyset_pagination.html): for each page, `rows(response)`
    and the query string that asked for it."""
    pages = []
    while query is not None:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, response.status_code
        pages.append((rows(response), query))
        found = link.search(response.content.decode())
        query = found.group(1).replace("&amp;", "&") if found else None
    return pages


def walk_api_pages(api, url: str, key: str = "next") -> list[list[dict]]:
    """An API list's pages of results from `url`, following each answer's `next` (or `previous`)
    link to the end."""
    pages = []
    while url:
        answer = api.get(url).json()
        pages.append(answer["results"])
        url = answer[key]
    return pages


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


def race_rounds(*, http: bool = False) -> int:
    """Rounds per race test: RACE_ROUNDS (default 50) on a service, RACE_ROUNDS_HTTP (default 50)
    through the HTTP API (a round there costs about five times as much: lower it locally to go
    faster, never in CI)."""
    if http:
        return max(int(os.environ.get("RACE_ROUNDS_HTTP", "50")), 1)
    return max(int(os.environ.get("RACE_ROUNDS", "50")), 1)


def _is_server_error(result) -> bool:
    from congress.errors import DomainError

    if isinstance(result, BaseException):
        return not isinstance(result, DomainError)
    return getattr(result, "status_code", 200) >= 500


def run_race(*, prepare, attempt, effects, threads: int = 20, rounds: int | None = None,
             record: bool = True) -> list[dict]:
    """Rounds of `threads` concurrent attempts of one write on a fresh target each round:
    `target = prepare(round)`, then `attempt(target)` in every thread at once (a service call or
    an HTTP request), then `effects(target)` counts the rows the round left. Returns one dict per
    round (effects, server_errors, results) and adds to the figures "race rounds", "race
    duplicates" and "race server errors" (unless record=False: a round run on purpose without
    its constraint). A test asserts every round had exactly one effect."""
    outcome = []
    for number in range(rounds or race_rounds()):
        target = prepare(number)
        results = run_in_threads(threads, lambda target=target: attempt(target))
        count = effects(target)
        errors = [result for result in results if _is_server_error(result)]
        if record:
            figures.add("race rounds")
            figures.add("race duplicates", max(count - 1, 0))
            figures.add("race server errors", len(errors))
        outcome.append({"effects": count, "server_errors": errors, "results": results})
    return outcome


@contextlib.contextmanager
def without_constraint(model, name: str):
    """Drop a constraint for the block (a transactional test only), to show that a race test
    fails without it; it is created again afterwards."""
    from django.db import connection

    constraint = next(c for c in model._meta.constraints if c.name == name)
    with connection.schema_editor() as editor:
        editor.remove_constraint(model, constraint)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            editor.add_constraint(model, constraint)


class Figures:
    """Security figures of a test run: named integer counters, printed in a fixed order."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.order: dict[str, int] = {}

    def declare(self, name: str, *, order: int = 100) -> None:
        self.order.setdefault(name, order)
        self.counts[name] += 0

    def add(self, name: str, amount: int = 1) -> None:
        self.order.setdefault(name, 100)
        self.counts[name] += amount

    def merge(self, counts: dict, order: dict) -> None:
        for name, value in counts.items():
            self.counts[name] += value
        for name, position in order.items():
            self.order.setdefault(name, position)

    def line(self) -> str:
        names = sorted(self.counts, key=lambda name: (self.order.get(name, 100), name))
        return "security figures: " + ", ".join(f"{name} {self.counts[name]}" for name in names)


figures = Figures()
for _position, _name in enumerate(["fuzz cases", "fuzz server errors", "fuzz schema failures", "page fuzz cases",
                                   "page fuzz server errors", "race rounds",
                                   "race duplicates", "race server errors", "bad files tried",
                                   "bad files accepted", "bad import rows kept", "access cases", "access leaks"]):
    figures.declare(_name, order=_position)


# --- sample uploads -------------------------------------------------------------------------------

def _image(fmt: str, size=(8, 8)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def sample_png() -> bytes:
    return _image("PNG")


def sample_jpeg() -> bytes:
    return _image("JPEG")


def sample_pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _pixel_bomb() -> bytes:
    # A PNG header that claims 100,000 × 100,000 pixels: tiny on disk, 30 GB once decoded.
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def bad_uploads() -> list[tuple[str, bytes]]:
    """(name, bytes) of files no upload field may accept: wrong content behind a trusted name,
    truncated or forged headers, an image that decodes to gigabytes, an empty file."""
    png = sample_png()
    return [
        ("photo.png", b"<!doctype html><script>alert(document.cookie)</script>"),
        ("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("scan.pdf", b"MZ\x90\x00\x03" + b"\0" * 200),
        ("scan.pdf", b"%PDF-1.4\n<script>truncated, no end of file"),
        ("photo.png", png[: len(png) // 2]),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        ("photo.png", _pixel_bomb()),
        ("archive.png", b"PK\x03\x04" + b"\0" * 100),
        ("empty.png", b""),
        ("run.sh", b"#!/bin/sh\nrm -rf /\n"),
    ]


# --- the second factor (congress.second_factor) -------------------------------------------------------

def totp_device_for(user, *, key: str | None = None):
    """The account's confirmed authenticator, made when it has none (a random or the given hex key)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True,
                                           **({"key": key} if key else {}))
    return device


def fresh_totp_code(device) -> str:
    """A code the device accepts now: the current one, or the next step's when the current one was
    already used (a device accepts each step once; its tolerance allows one step ahead)."""
    import time

    from congress.second_factor import totp_code

    device.refresh_from_db()
    now = time.time()
    step_now = int((now - device.t0) // device.step) + device.drift
    step = max(step_now, device.last_t + 1)
    return totp_code(device, at=device.t0 + (step - device.drift) * device.step + 1) if step != step_now \
        else totp_code(device, at=now)


def second_factor_given(client, user) -> None:
    """Mark a test client's session (after force_login) as having given its second factor."""
    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    # A signed-cookie session gets a new key when it changes: the client must send the new one.
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
