"""The long lists of the API page by cursor, like the ledger's: the suggestions (100,000 in ten
years, some 90,000 of them published), the handlings (100,000) and the livelihood issues
(50,000). Following `next` reads every row in the caller's scope once in the list's order,
`previous` walks back, a filter narrows every page alike, a deep page runs the queries of the
first, and ?page= is refused with a message (a client counting pages would read the first page
forever)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from congress.testing import walk_api_pages
from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, staff_user, unit_user
from liaison.models import LivelihoodIssue
from liaison.tests.factories import ContactPointFactory, StationFactory
from suggestions.models import Handling, Suggestion
from suggestions.tests.factories import bulk_handlings

pytestmark = pytest.mark.django_db
DAY = date(2020, 3, 1)


def suggestions_with_handlings(n: int, *, unit, offset: int = 0) -> list[Handling]:
    """n published suggestions over two years, each assigned to `unit`, deadlines two a day (the id
    breaks the ties), a third of them still awaiting their reply."""
    return bulk_handlings(n, unit=unit, offset=offset, year=lambda i: 2019 + i % 2, published=True,
                          deadline=lambda i: DAY + timedelta(days=i // 2),
                          state=lambda i: "reply_submitted" if i % 3 else "awaiting_reply")


def issues(n: int, *, station, offset: int = 0) -> None:
    point = ContactPointFactory(station=station)
    LivelihoodIssue.objects.bulk_create([
        LivelihoodIssue(station=station, origin="contact_point", contact_point=point, title=f"问题{offset + i}",
                        raised_on=DAY + timedelta(days=(offset + i) // 2), status="open" if i % 3 else "in_progress")
        for i in range(n)])


def handlings_data(size: int, offset: int, world: dict) -> None:
    suggestions_with_handlings(size, unit=world["unit"], offset=offset)
    suggestions_with_handlings(size // 5 or 1, unit=world["other_unit"], offset=500 + offset)


def suggestions_data(size: int, offset: int, world: dict) -> None:
    """The deputy's registered suggestions over two years and drafts (no year, no number yet), and
    another deputy's."""
    bulk_handlings(size, unit=world["unit"], deputy=world["deputy"], offset=offset, year=lambda i: 2019 + i % 2)
    Suggestion.objects.bulk_create([Suggestion(title=f"草稿{offset + i}", content="……", lead_deputy=world["deputy"])
                                    for i in range(size // 4 or 1)])
    bulk_handlings(size // 5 or 1, unit=world["other_unit"], offset=500 + offset)


def issues_data(size: int, offset: int, world: dict) -> None:
    issues(size, station=world["station"], offset=offset)


LISTS = {
    "published suggestions": {
        "url": "/api/v1/suggestions/published/", "data": handlings_data, "who": "anonymous",
        "expected": lambda w: list(Suggestion.objects.filter(is_published=True).order_by("-year", "number")
                                   .values_list("id", flat=True)),
        "filter": ("year=2020", lambda w: list(Suggestion.objects.filter(is_published=True, year=2020)
                                               .order_by("number").values_list("id", flat=True))),
    },
    "suggestions (staff)": {
        "url": "/api/v1/suggestions/suggestions/", "data": suggestions_data, "who": "staff",
        "expected": lambda w: list(Suggestion.objects.order_by("-id").values_list("id", flat=True)),
        "filter": ("year=2020", lambda w: list(Suggestion.objects.filter(year=2020).order_by("-id")
                                               .values_list("id", flat=True))),
    },
    "suggestions (deputy)": {
        "url": "/api/v1/suggestions/suggestions/", "data": suggestions_data, "who": "deputy",
        "expected": lambda w: list(Suggestion.objects.filter(lead_deputy=w["deputy"]).order_by("-id")
                                   .values_list("id", flat=True)),
        "filter": ("state=draft", lambda w: list(Suggestion.objects.filter(lead_deputy=w["deputy"], state="draft")
                                                 .order_by("-id").values_list("id", flat=True))),
    },
    "handlings (staff)": {
        "url": "/api/v1/suggestions/handlings/", "data": handlings_data, "who": "staff",
        "expected": lambda w: list(Handling.objects.order_by("deadline", "id").values_list("id", flat=True)),
        "filter": ("state=awaiting_reply", lambda w: list(Handling.objects.filter(state="awaiting_reply")
                                                          .order_by("deadline", "id").values_list("id", flat=True))),
    },
    "handlings (unit)": {
        "url": "/api/v1/suggestions/handlings/", "data": handlings_data, "who": "unit",
        "expected": lambda w: list(Handling.objects.filter(organization=w["unit"]).order_by("deadline", "id")
                                   .values_list("id", flat=True)),
        "filter": ("year=2019", lambda w: list(Handling.objects.filter(organization=w["unit"], suggestion__year=2019)
                                               .order_by("deadline", "id").values_list("id", flat=True))),
    },
    "livelihood issues (staff)": {
        "url": "/api/v1/liaison/issues/", "data": issues_data, "who": "staff",
        "expected": lambda w: list(LivelihoodIssue.objects.order_by("-raised_on", "-id").values_list("id", flat=True)),
        "filter": ("status=in_progress", lambda w: list(LivelihoodIssue.objects.filter(status="in_progress")
                                                        .order_by("-raised_on", "-id").values_list("id", flat=True))),
    },
}


@pytest.fixture
def world():
    unit, deputy = OrganizationFactory(), DeputyFactory()
    return {"unit": unit, "other_unit": OrganizationFactory(), "station": StationFactory(), "deputy": deputy,
            "logins": {"staff": staff_user(), "unit": unit_user(unit), "deputy": deputy_user(deputy)}}


def api_for(world, who: str) -> APIClient:
    api = APIClient()
    if who != "anonymous":
        api.force_authenticate(world["logins"][who])
    return api


def walk(api, url: str, key: str = "next") -> list[list[int]]:
    return [[row["id"] for row in page] for page in walk_api_pages(api, url, key)]


@pytest.mark.parametrize("name", LISTS)
def test_next_reads_every_row_once_in_order_and_previous_walks_back(world, name):
    spec = LISTS[name]
    spec["data"](23, 0, world)
    api = api_for(world, spec["who"])
    answers, url = [], f"{spec['url']}?page_size=5"
    while url:
        answers.append(api.get(url).json())
        url = answers[-1]["next"]
    assert [row["id"] for answer in answers for row in answer["results"]] == spec["expected"](world)
    assert len(answers) > 2 and answers[0]["previous"] is None and "count" not in answers[0]
    back = walk(api, answers[-1]["previous"], key="previous")
    assert back == [[row["id"] for row in answer["results"]] for answer in reversed(answers[:-1])]


@pytest.mark.parametrize("name", LISTS)
def test_a_filter_narrows_every_page_alike(world, name):
    spec = LISTS[name]
    spec["data"](23, 0, world)
    query, expected = spec["filter"]
    pages = walk(api_for(world, spec["who"]), f"{spec['url']}?{query}&page_size=3")
    assert [row for page in pages for row in page] == expected(world) and len(pages) > 1


@pytest.mark.parametrize("name", LISTS)
def test_a_deep_page_runs_the_queries_of_the_first_at_any_size(world, name):
    spec = LISTS[name]
    api = api_for(world, spec["who"])
    counts = []
    for size, offset in ((12, 0), (120, 12)):
        spec["data"](size, offset, world)
        first = api.get(f"{spec['url']}?page_size=5").json()
        deep = api.get(first["next"]).json()
        for _ in range(3):  # a few pages further on
            deep = api.get(deep["next"]).json() if deep["next"] else deep
        for url in (f"{spec['url']}?page_size=5", first["next"]):
            with CaptureQueriesContext(connection) as queries:
                assert api.get(url).status_code == 200
            counts.append(len(queries))
    assert len(set(counts)) == 1, counts


@pytest.mark.parametrize("name", LISTS)
def test_page_numbers_are_refused_with_a_message(world, name):
    spec = LISTS[name]
    response = api_for(world, spec["who"]).get(f"{spec['url']}?page=2")
    assert response.status_code == 400
    assert response.json()["page"] == ["此列表按游标分页：请沿用返回结果中的“next”链接。"]
