"""The public suggestion list pages by cursor: every published suggestion appears exactly once
walking forward, walking back returns the same pages, a deep page runs the same queries as the
first, and a cursor that is not ours shows the first page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.testing import NEXT_PAGE, PREVIOUS_PAGE, walk_site_pages
from congress.tests.factories import DeputyFactory, OrganizationFactory
from suggestions.tests.test_query_counts import make_rows

pytestmark = pytest.mark.django_db
NUMBER = re.compile(r"<td>(2020-\d{3})</td>")


def rows(response) -> list:
    return NUMBER.findall(response.content.decode())


def walk(client, query: str, link=NEXT_PAGE) -> list[tuple[list[str], str]]:
    return walk_site_pages(client, reverse("suggestions:list"), query, rows, link=link)


def test_walking_forward_shows_every_suggestion_once_and_back_again(client):
    make_rows(75, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)

    forward = walk(client, "")
    numbers = [n for page, _ in forward for n in page]
    assert [len(page) for page, _ in forward] == [30, 30, 15]
    assert numbers == [f"2020-{i:03d}" for i in range(75)]

    last_query = forward[-1][1]
    backward = walk(client, last_query, PREVIOUS_PAGE)
    assert [page for page, _ in backward] == [page for page, _ in reversed(forward)]


def test_a_deep_page_costs_what_the_first_costs(client):
    make_rows(95, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)
    pages = walk(client, "")
    assert len(pages) == 4

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("suggestions:list") + "?" + query).status_code == 200
        return len(captured)

    assert queries(pages[-1][1]) == queries("")


@pytest.mark.parametrize("cursor", ["not-base64!!", "W10", "WyJ4Il0", "a" * 5000, "WzEsMiwzXQ", "W3RydWUsIjEiXQ"])
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, cursor):
    make_rows(35, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)
    for param in ("after", "before"):
        response = client.get(reverse("suggestions:list"), {param: cursor})
        assert response.status_code == 200
        assert NUMBER.findall(response.content.decode())[0] == "2020-000"
