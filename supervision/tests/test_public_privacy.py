"""The public sees aggregates only: no reporter, no case detail, and no count small enough to
identify someone (cells under SUPERVISION_MIN_PUBLIC_CELL are "<N", and a cell that a total would
give away is withheld as "—")."""

import json
from datetime import date

import pytest

from supervision.models import ActionKind, Actor, CaseAction, ClueSource
from supervision.selectors import clue_counts_by_source
from supervision.tests.factories import CaseFactory, ClueFactory, ClueReporterFactory

pytestmark = pytest.mark.django_db

SECRET_SUMMARY = "涉案人李某某承认收受好处费"
PUBLIC_URLS = [
    "/supervision/",
    "/supervision/?year=2020",
    "/supervision/data/sources/?format=csv",
    "/supervision/data/sources/?format=json",
    "/supervision/data/actions/?format=csv",
    "/supervision/data/actions/?format=xlsx",
    "/supervision/data/outcomes/?format=json",
    "/supervision/data/outcomes-by-organ/?format=csv",
    "/api/v1/supervision/statistics/",
    "/api/v1/supervision/statistics/?year=2020",
]


@pytest.fixture
def records(db):
    case = CaseFactory(clue__title="某某村张三家违建")
    ClueReporterFactory(clue=case.clue)
    CaseAction.objects.create(case=case, kind=ActionKind.JUDGMENT, actor=Actor.PROCURATORATE,
                              occurred_on=date(2020, 5, 1), summary=SECRET_SUMMARY)
    for _ in range(5):
        ClueFactory(source=ClueSource.CITIZEN)
    return case


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_downloads_and_api_expose_no_reporter_or_case_detail(client, records, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode("utf-8", errors="ignore") if not url.endswith("xlsx") else ""
    for secret in ("举报人张某某", "13912345678", "reporter@example.com", SECRET_SUMMARY, "某某村张三家违建",
                   records.clue.number, records.clue.description):
        assert secret not in body


def test_the_work_api_is_closed_to_the_public(client, records):
    for url in ("/api/v1/supervision/clues/", f"/api/v1/supervision/cases/{records.pk}/",
                "/api/v1/supervision/rectifications/"):
        assert client.get(url).status_code in (401, 403)


def test_small_cells_are_suppressed_and_explained(client, records, settings):
    settings.SUPERVISION_MIN_PUBLIC_CELL = 3
    # 6 citizen clues (5 + the case's), 1 deputy clue: the deputy's 1 is "<3"
    ClueFactory(source=ClueSource.DEPUTY)
    for _ in range(3):
        ClueFactory(source=ClueSource.AUDIT)
    api = client.get("/api/v1/supervision/statistics/").json()
    by_source = {row["source"]: row["total"] for row in api["by_source"]}
    # deputy 1 is "<3"; audit (3) alone withheld beside it would still give it away (a withheld
    # count is at least 3, so 10 − 6 = 4 leaves 1 for the deputy): citizen (6) is withheld too
    assert by_source == {"deputy": "<3", "citizen": "—", "audit": "—", "inspection": "0", "other": "0",
                         "total": "10"}
    judgment = next(row for row in api["actions"] if row["kind"] == "judgment")
    assert judgment["total"] == "<3" and judgment["by_category"]["land"] == "<3"
    page = client.get("/supervision/").content.decode()
    assert "&lt;3" in page and "—" in page
    csv = client.get("/supervision/data/sources/?format=csv").content.decode("utf-8-sig")
    assert "<3" in csv
    rows = json.loads(client.get("/supervision/data/actions/?format=json").content)
    judgment_row = next(row for row in rows if row["kind"] == str(ActionKind.JUDGMENT.label))
    assert judgment_row["total"] == "<3" and judgment_row["land"] == "<3"


def test_a_lone_suppressed_cell_cannot_be_worked_out_from_the_total(settings):
    settings.SUPERVISION_MIN_PUBLIC_CELL = 3
    for _ in range(4):
        ClueFactory(source=ClueSource.CITIZEN)
    for _ in range(5):
        ClueFactory(source=ClueSource.AUDIT)
    ClueFactory(source=ClueSource.DEPUTY)
    rows = clue_counts_by_source()
    shown = {row["source"]: row["total"].shown for row in rows}
    total = rows[-1]["total"].shown
    assert total == 10
    assert list(shown.values()).count("<3") == 1
    # the next smallest (citizen, 4) is withheld, so total − shown cells does not reveal the deputy's 1
    assert "—" in shown.values()
    numeric = [v for v in shown.values() if isinstance(v, int)]
    assert total - sum(numeric) != 1


def test_the_threshold_is_a_setting(client, settings):
    settings.SUPERVISION_MIN_PUBLIC_CELL = 1
    ClueFactory(source=ClueSource.DEPUTY)
    rows = clue_counts_by_source()
    assert rows[0]["total"].shown == 1
