"""The whole public site of the demo district, crawled as an anonymous citizen would: every page
and download answers without a server error, and no private datum — a deputy's phone, ID number
or address, a unit's contact sheet, a self-report's evidence — appears anywhere, in the pages,
the downloads or the public API."""

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import openpyxl
import pytest
from django.core.management import call_command

from appointees.models import DrawSecret
from congress.models import DeputyPrivate, OrganizationContact
from liaison.models import Liaison, LivelihoodIssue
from supervision.models import ClueReporter

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/accounts/", "/i18n/", "/en/i18n/", "/api/docs", "/api/redoc", "/api/schema",
                 "/static/", "/media/", "/jsi18n/")
HREF = re.compile(r'href="([^"#]+)"')
MAX_PAGES = 400


def private_values() -> set[str]:
    values = set()
    for private in DeputyPrivate.objects.all():
        values |= {private.phone, private.id_number, private.address}
    for contact in OrganizationContact.objects.all():
        values |= {contact.phone, contact.email}
    for reporter in ClueReporter.objects.all():
        values |= {reporter.phone, reporter.email, reporter.address}
    for liaison in Liaison.objects.all():
        values |= {liaison.phone, liaison.address}
    for issue in LivelihoodIssue.objects.all():
        values |= {issue.reporter_contact}
    # A draw's secret is public once revealed, never before.
    values |= set(DrawSecret.objects.filter(draw__status="committed").values_list("secret_hex", flat=True))
    return {value for value in values if value and len(value) >= 6}


def xlsx_text(body: bytes) -> str:
    """Every cell of a workbook as text (the file itself is zipped, so a plain search finds nothing)."""
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)


def crawl(client, start_paths):
    seen, queue, pages = set(), deque(start_paths), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[path] = (response.status_code, response.get("Content-Type", ""), body)
        if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
            continue
        for href in HREF.findall(body.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(SKIP_PREFIXES):
                continue
            if "page=" in href and not href.endswith("page=2"):
                continue  # the first two pages of each list are enough
            queue.append(href)
    return pages


def test_an_anonymous_crawl_of_the_demo_finds_no_error_and_no_private_data(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    secrets = private_values()
    assert len(secrets) > 200, "the demo has private details to protect"

    pages = crawl(client, ["/", "/en/", "/api/v1/", "/api/v1/deputies/", "/api/v1/suggestions/",
                           "/api/v1/points/quarters/", "/supervision/", "/api/v1/supervision/statistics/",
                           "/liaison/", "/api/v1/liaison/stations/",
                           "/api/v1/liaison/figures/", "/projects/", "/api/v1/projects/ballots/",
                           "/api/v1/projects/micro-projects/",
                           "/appointees/", "/api/v1/appointees/draws/", "/api/v1/appointees/ratings/"])
    assert len(pages) > 50, sorted(pages)[:20]
    errors = {path: status for path, (status, _, _) in pages.items() if status >= 500}
    assert not errors
    kinds = {content_type.split(";")[0] for _, content_type, _ in pages.values()}
    assert {"text/csv", "application/json"} <= kinds
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in kinds

    leaks = {}
    for path, (_, content_type, body) in pages.items():
        text = xlsx_text(body) if "spreadsheetml" in content_type else body.decode("utf-8", errors="ignore")
        found = [value for value in secrets if value in text]
        if found or "points/evidence" in text:
            leaks[path] = found[:3]
    assert not leaks
