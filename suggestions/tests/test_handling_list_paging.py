"""The handlings page pages by cursor, the nearest deadline first: office staff walking forward see
every handling of the district once and walking back the same pages, a unit handler only their
unit's, the state filter holds on every page, and a deep page runs the queries of the first."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.testing import NEXT_PAGE, PREVIOUS_PAGE, walk_site_pages
from congress.tests.factories import DeputyFactory, OrganizationFactory, staff_user, unit_user
from suggestions.models import Handling
from suggestions.tests.test_query_counts import make_rows

pytestmark = pytest.mark.django_db
NUMBER = re.compile(r">(2020-\d{3}) ")


def rows(response) -> list:
    return NUMBER.findall(response.content.decode())


def walk(client, query: str, link=NEXT_PAGE) -> list[tuple[list[str], str]]:
    return walk_site_pages(client, reverse("suggestions:unit-handlings"), query, rows, link=link)


def numbers(queryset) -> list[str]:
    return list(queryset.order_by("deadline", "pk").values_list("suggestion__number", flat=True))


def test_staff_walk_every_handling_once_and_back_again(client):
    make_rows(60, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)
    make_rows(45, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=60)
    client.force_login(staff_user())
    forward = walk(client, "")
    assert [len(page) for page, _ in forward] == [50, 50, 5]
    assert [n for page, _ in forward for n in page] == numbers(Handling.objects.all())
    backward = walk(client, forward[-1][1], PREVIOUS_PAGE)
    assert [page for page, _ in backward] == [page for page, _ in reversed(forward)]


def test_a_unit_handler_walks_their_unit_s_only(client):
    unit = OrganizationFactory()
    make_rows(55, unit=unit, deputy=DeputyFactory(), offset=0)
    make_rows(20, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=55)
    client.force_login(unit_user(unit))
    forward = walk(client, "")
    assert [n for page, _ in forward for n in page] == numbers(Handling.objects.filter(organization=unit))


def test_the_state_filter_holds_on_every_page(client):
    make_rows(60, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)
    Handling.objects.filter(pk__in=Handling.objects.order_by("pk").values("pk")[:55]).update(state="awaiting_reply",
                                                                                            final_score=None)
    client.force_login(staff_user())
    forward = walk(client, "state=awaiting_reply")
    assert [len(page) for page, _ in forward] == [50, 5]
    assert all("state=awaiting_reply" in query for _, query in forward)


def test_a_deep_page_costs_what_the_first_costs(client):
    make_rows(160, unit=OrganizationFactory(), deputy=DeputyFactory(), offset=0)
    client.force_login(staff_user())
    pages = walk(client, "")
    assert len(pages) == 4

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("suggestions:unit-handlings") + "?" + query).status_code == 200
        return len(captured)

    assert queries(pages[-1][1]) == queries("")
