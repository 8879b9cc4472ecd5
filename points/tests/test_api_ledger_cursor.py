"""The ledger API is paged by cursor, newest first: following `next` to the end reads every entry
in the user's scope once, `previous` walks back, ?page_size= works as on every list, a cursor that
is not ours is the first page, and ?page= is refused with a message (it would read page 1 forever)."""

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from congress.testing import walk_api_pages
from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from points.models import LedgerEntry
from points.tests.factories import award, self_report

pytestmark = pytest.mark.django_db

URL = "/api/v1/points/entries/"


def walk(api, url) -> list[dict]:
    return [row for page in walk_api_pages(api, url) for row in page]


@pytest.fixture
def ledger(rules):
    mine, other = DeputyFactory(), DeputyFactory()
    for day in range(7):  # several entries a day: the id breaks the ties
        for deputy in (mine, other, mine):
            award(deputy, rules, on=date(2020, 5, 1) + timedelta(days=day // 2))
    return mine, other


def newest_first(queryset) -> list[int]:
    return list(queryset.order_by("-occurred_on", "-id").values_list("id", flat=True))


def test_staff_read_every_entry_once_newest_first(ledger):
    api = APIClient()
    api.force_authenticate(staff_user())
    rows = walk(api, f"{URL}?page_size=4")
    assert [row["id"] for row in rows] == newest_first(LedgerEntry.objects.all())
    first = api.get(f"{URL}?page_size=4").json()
    assert first["previous"] is None and "page_size=4" in first["next"]


def test_previous_walks_back_over_the_same_pages(ledger):
    api = APIClient()
    api.force_authenticate(staff_user())
    url, answers = f"{URL}?page_size=5", []
    while url:
        answers.append(api.get(url).json())
        url = answers[-1]["next"]
    assert len(answers) > 2
    url, back = answers[-1]["previous"], []
    while url:
        answer = api.get(url).json()
        back.append([row["id"] for row in answer["results"]])
        url = answer["previous"]
    assert back == [[row["id"] for row in answer["results"]] for answer in reversed(answers[:-1])]


def test_a_deputy_pages_through_their_own_only(ledger):
    mine, _other = ledger
    api = APIClient()
    api.force_authenticate(deputy_user(mine))
    rows = walk(api, f"{URL}?page_size=3")
    assert [row["id"] for row in rows] == newest_first(LedgerEntry.objects.filter(deputy=mine))
    assert {row["deputy_id"] for row in rows} == {mine.pk}


@pytest.mark.parametrize("cursor", ["nonsense", "W10", "WyJ4IiwxXQ", "a" * 500])
def test_a_cursor_that_is_not_ours_is_the_first_page(ledger, cursor):
    api = APIClient()
    api.force_authenticate(staff_user())
    assert api.get(f"{URL}?after={cursor}").json()["results"] == api.get(URL).json()["results"]


def test_page_numbers_are_refused_with_a_message(ledger):
    api = APIClient()
    api.force_authenticate(staff_user())
    response = api.get(f"{URL}?page=2")
    assert response.status_code == 400
    assert response.json()["page"] == ["此列表按游标分页：请沿用返回结果中的“next”链接。"]
    too_small = api.get(f"{URL}?page_size=0")
    assert too_small.status_code == 400 and "page_size" in too_small.json()


def test_filters_narrow_every_page_alike(ledger, rules):
    mine, _other = ledger
    pending = self_report(mine, rules)
    api = APIClient()
    api.force_authenticate(staff_user())
    for _ in range(2):  # the filter is built once and used again
        rows = walk(api, f"{URL}?status=pending&page_size=2")
        assert [row["id"] for row in rows] == [pending.pk]
        rows = walk(api, f"{URL}?deputy={mine.pk}&page_size=4")
        assert {row["deputy_id"] for row in rows} == {mine.pk} and len(rows) == 15
    wrong = api.get(f"{URL}?status=nonsense")
    assert wrong.status_code == 400 and "status" in wrong.json()
