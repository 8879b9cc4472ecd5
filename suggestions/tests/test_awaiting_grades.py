"""What awaits a grade: "my suggestions" shows the ten nearest deadlines and links to the full list,
which pages through all of them (30 a page, the nearest deadline first) within the reader's scope,
with the same number of queries however long it is."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, staff_user
from suggestions import services
from suggestions.models import Handling
from suggestions.tests.factories import bulk_handlings, handling

pytestmark = pytest.mark.django_db
DAY = date(2020, 3, 1)


def awaiting_rows(n: int, *, deputy, unit, offset: int = 0, state: str = "reply_submitted") -> list[Handling]:
    """n handlings of the deputy's suggestions whose reply (or implementation) awaits a grade,
    deadlines a day apart."""
    return bulk_handlings(n, unit=unit, deputy=deputy, offset=offset, title="待评",
                          deadline=lambda i: DAY + timedelta(days=30 + i), state=lambda i: state)


def titles(html: str) -> list[str]:
    return re.findall(r"待评\d{3}", html)


def test_my_suggestions_shows_the_ten_nearest_deadlines_and_links_to_all(client):
    deputy, unit = DeputyFactory(), OrganizationFactory()
    awaiting_rows(12, deputy=deputy, unit=unit)
    client.force_login(deputy_user(deputy))
    html = client.get(reverse("suggestions:mine")).content.decode()
    section = html.split("<h2>", 2)[1]
    assert titles(section) == [f"待评{i:03d}" for i in range(10)]
    assert f'href="{reverse("suggestions:awaiting")}"' in section


def test_no_link_when_all_are_shown(client):
    deputy, unit = DeputyFactory(), OrganizationFactory()
    awaiting_rows(10, deputy=deputy, unit=unit)
    client.force_login(deputy_user(deputy))
    html = client.get(reverse("suggestions:mine")).content.decode()
    assert len(titles(html.split("<h2>", 2)[1])) == 10
    assert reverse("suggestions:awaiting") not in html


def test_the_full_list_pages_through_every_one_in_deadline_order(client):
    deputy, unit = DeputyFactory(), OrganizationFactory()
    awaiting_rows(35, deputy=deputy, unit=unit, state="implementation_reported")
    awaiting_rows(5, deputy=DeputyFactory(), unit=unit, offset=100)  # another deputy's
    client.force_login(deputy_user(deputy))
    first = client.get(reverse("suggestions:awaiting"))
    html = first.content.decode()
    assert first.status_code == 200
    assert "共 35 件答复或落实情况待您评价，按答复期限先后排列。" in html
    assert titles(html) == [f"待评{i:03d}" for i in range(30)]
    assert html.count("评价落实情况") == 30
    next_link = html.split('rel="next"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = client.get(reverse("suggestions:awaiting") + next_link).content.decode()
    assert titles(second) == [f"待评{i:03d}" for i in range(30, 35)]
    assert 'rel="next"' not in second


def test_staff_see_every_deputy_s_and_a_stranger_s_cursor_is_the_first_page(client):
    unit = OrganizationFactory()
    awaiting_rows(3, deputy=DeputyFactory(), unit=unit)
    awaiting_rows(2, deputy=DeputyFactory(), unit=unit, offset=3)
    client.force_login(staff_user())
    html = client.get(reverse("suggestions:awaiting") + "?after=not-a-cursor").content.decode()
    assert titles(html) == [f"待评{i:03d}" for i in range(5)]


def test_an_answered_follow_up_round_awaits_its_grade_on_the_list(client):
    h = handling(stage="evaluated", reply="C", implementation="A+")
    staff = staff_user()
    services.handling_reply(handling=h, content="重新答复。", submitted_by=staff, on=date(2020, 7, 1))
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    html = client.get(reverse("suggestions:awaiting")).content.decode()
    link = reverse("suggestions:handling-detail", args=[h.pk])
    # The handling is evaluated; what awaits is the follow-up round's new reply.
    assert f'<a href="{link}">评价答复</a>' in html and "评价落实情况" not in html


@pytest.mark.parametrize("page", ["suggestions:mine", "suggestions:awaiting"])
def test_query_count_does_not_grow_with_the_list(client, page):
    deputy, unit = DeputyFactory(), OrganizationFactory()
    client.force_login(deputy_user(deputy))
    counts = []
    for size, offset in ((12, 0), (88, 12)):  # 12 awaiting, then 100
        awaiting_rows(size, deputy=deputy, unit=unit, offset=offset)
        client.get(reverse(page))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(page)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
