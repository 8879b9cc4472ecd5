"""My suggestions pages by cursor, newest first: walking forward shows every reachable suggestion
once and walking back shows the same pages; an old page runs the queries of the first; a cursor
that is not ours shows the first page. Office staff reach every suggestion of the district."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.paging import encode_cursor
from congress.testing import NEXT_PAGE, PREVIOUS_PAGE, walk_site_pages
from congress.tests.factories import DeputyFactory, deputy_user
from suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db
MINE = reverse("suggestions:mine")


@pytest.fixture
def deputy_and_titles():
    """65 suggestions the deputy leads (newest first), and another deputy's that must never show."""
    deputy = DeputyFactory()
    titles = [SuggestionFactory(lead_deputy=deputy, title=f"建议{i:02d}").title for i in range(65)]
    SuggestionFactory(title="别人的建议")
    return deputy, titles[::-1]


def titles(response) -> list[str]:
    return re.findall(r'">(建议\d\d|别人的建议)</a>', response.content.decode())


def walk(client, query: str, link=NEXT_PAGE):
    return walk_site_pages(client, MINE, query, titles, link=link)


def test_walking_forward_shows_each_once_newest_first_and_back_again(client, deputy_and_titles):
    deputy, newest_first = deputy_and_titles
    client.force_login(deputy_user(deputy))
    forward = walk(client, "")
    assert [len(page) for page, _ in forward] == [30, 30, 5]
    assert [title for page, _ in forward for title in page] == newest_first

    backward = walk(client, forward[-1][1], PREVIOUS_PAGE)
    assert [page for page, _ in backward] == [page for page, _ in reversed(forward)]


def test_an_old_page_costs_what_the_first_costs(client, deputy_and_titles):
    deputy, _ = deputy_and_titles
    client.force_login(deputy_user(deputy))
    last_query = walk(client, "")[-1][1]

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{MINE}?{query}").status_code == 200
        return len(captured)

    assert queries(last_query) == queries("")


@pytest.mark.parametrize("query", ["after=not-base64!!", f"after={encode_cursor(['x'])}",
                                   f"before={encode_cursor([1, 2])}", "page=9999", "after=" + "a" * 5000])
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, deputy_and_titles, query):
    deputy, newest_first = deputy_and_titles
    client.force_login(deputy_user(deputy))
    response = client.get(f"{MINE}?{query}")
    assert response.status_code == 200
    assert titles(response) == newest_first[:30]
