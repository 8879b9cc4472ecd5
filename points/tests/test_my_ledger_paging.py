"""A deputy's own ledger pages by cursor, newest first: walking forward shows every entry once (two on
one day in a fixed order), walking back shows the same pages, an old page runs the queries of the
first, and a cursor that is not ours (a date that is no date included) shows the first page."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.paging import encode_cursor
from congress.testing import NEXT_PAGE, PREVIOUS_PAGE, walk_site_pages
from points.models import LedgerEntry
from points.tests.factories import award

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(deputy, rules):
    """65 entries, two a day, plus another deputy's entries that must never show."""
    from congress.tests.factories import DeputyFactory

    for i in range(65):
        award(deputy, rules, "inspection", on=date(2020, 1, 1) + timedelta(days=i // 2), title=f"视察{i}")
    award(DeputyFactory(), rules, "inspection", on=date(2020, 3, 1), title="别人的视察")
    return list(LedgerEntry.objects.filter(deputy=deputy).order_by("-occurred_on", "-pk")
                .values_list("pk", flat=True))


def rows(response) -> list:
    return [row["pk"] for row in response.context["page"]]


def walk(client, query: str, link=NEXT_PAGE) -> list[tuple[list[int], str]]:
    return walk_site_pages(client, reverse("points:my-points"), query, rows, link=link)


def test_walking_forward_shows_every_entry_once_newest_first_and_back_again(client, deputy_login, ledger):
    client.force_login(deputy_login)
    forward = walk(client, "")
    assert [len(page) for page, _ in forward] == [30, 30, 5]
    assert [pk for page, _ in forward for pk in page] == ledger

    backward = walk(client, forward[-1][1], PREVIOUS_PAGE)
    assert [page for page, _ in backward] == [page for page, _ in reversed(forward)]


def test_an_old_page_costs_what_the_first_costs(client, deputy_login, ledger):
    client.force_login(deputy_login)
    last_query = walk(client, "")[-1][1]

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("points:my-points") + "?" + query).status_code == 200
        return len(captured)

    assert queries(last_query) == queries("")


@pytest.mark.parametrize("cursor", ["not-base64!!", encode_cursor(["2020-13-45", 5]), encode_cursor(["x", 5]),
                                    encode_cursor([5, "x"]), encode_cursor(["2020-01-05"]), "a" * 5000])
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, deputy_login, ledger, cursor):
    client.force_login(deputy_login)
    for param in ("after", "before"):
        response = client.get(reverse("points:my-points"), {param: cursor})
        assert response.status_code == 200
        assert [row["pk"] for row in response.context["page"]] == ledger[:30]
