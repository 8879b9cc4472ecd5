"""A logged-in deputy's "my work" page (/my/): what awaits them in every app, each item linking to
where they act, and nothing that awaits another deputy."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appointees.services import rating_session_create, rating_session_open
from appointees.tests.factories import MeetingFactory as CommitteeMeetingFactory
from appointees.tests.factories import department_heads, member_user
from congress.models import Deputy
from congress.services import notice_create
from congress.tests.factories import deputy_user, staff_user
from liaison.tests.factories import MeetingFactory, StationedDeputyFactory, StationFactory
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.services import entry_self_report
from projects.tests.factories import ballot_with
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def my_work(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("my-work"))
    assert response.status_code == 200
    return response.content.decode()


def waiting(client, user) -> str:
    """The list of waiting items on the user's page ("" when nothing waits)."""
    page = my_work(client, user)
    found = re.search(r'<ul class="work-items">.*?</ul>', page, flags=re.S)
    return found.group(0) if found else ""


def deputy(user) -> Deputy:
    return Deputy.objects.get(user=user)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("my-work"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_deputy_finds_my_work_in_the_header(client):
    client.force_login(deputy_user())
    assert reverse("my-work") in client.get("/").content.decode()


def test_nothing_waiting_says_so(client):
    assert "目前没有等待您处理的事项" in my_work(client, deputy_user())


def test_a_reply_waiting_for_the_deputys_grade(client):
    lead, other = deputy_user(), deputy_user()
    handling(stage="reply_submitted", lead_deputy=deputy(lead))
    assert reverse("suggestions:awaiting") in waiting(client, lead)
    assert reverse("suggestions:awaiting") not in waiting(client, other)


def test_a_meeting_coming_up_at_the_deputys_station(client):
    station = StationFactory(name="龙田社区人大代表联络站")
    stationed, elsewhere = deputy_user(), deputy_user()
    StationedDeputyFactory(station=station, deputy=deputy(stationed))
    MeetingFactory(station=station, held_on=timezone.localdate() + timedelta(days=5))
    MeetingFactory(station=station, held_on=date(2020, 1, 1))  # past: not waiting
    page = waiting(client, stationed)
    assert "龙田社区人大代表联络站" in page and reverse("liaison:my") in page
    assert "龙田社区人大代表联络站" not in my_work(client, elsewhere)


def test_an_open_ballot_of_the_deputys_term(client):
    _ballot, voters = ballot_with(candidates=3, seats=2, status="open")
    assert reverse("projects:my-ballots") in waiting(client, voters[0])
    assert reverse("projects:my-ballots") not in waiting(client, deputy_user())


def test_a_rating_open_to_a_seated_member(client):
    seated, absent = member_user(), member_user()
    session = rating_session_create(title="2020年度测评", year=2020, meeting=CommitteeMeetingFactory(),
                                    officials=department_heads(2), members=[deputy(seated)],
                                    created_by=staff_user())
    rating_session_open(session=session, opened_by=staff_user())
    url = reverse("appointees:rate-list")
    assert url in waiting(client, seated)
    assert url not in waiting(client, absent)


def test_a_self_report_pending_verification(client):
    ensure_default_rules(PointRule, PointRuleVersion)
    reporter, other = deputy_user(), deputy_user()
    rule = PointRule.objects.filter(self_reportable=True).first()
    entry_self_report(deputy=deputy(reporter), rule=rule, occurred_on=timezone.localdate() - timedelta(days=1),
                      description="走访社区", submitted_by=reporter)
    url = reverse("points:my-points")
    assert url in waiting(client, reporter)
    assert url not in waiting(client, other)


def test_unread_notices(client):
    reader, other = deputy_user(), deputy_user()
    notice_create(kind="test", message="请于本周内评价答复", user=reader)
    url = reverse("notice-list")
    assert url in waiting(client, reader)
    assert url not in waiting(client, other)


def test_my_work_runs_as_many_queries_with_more_waiting(client):
    user = deputy_user()
    station = StationFactory()
    StationedDeputyFactory(station=station, deputy=deputy(user))

    def add(n, start):
        for i in range(start, start + n):
            handling(stage="reply_submitted", lead_deputy=deputy(user))
            MeetingFactory(station=station, held_on=timezone.localdate() + timedelta(days=i + 1))
            notice_create(kind="test", message=f"通知{i}", user=user)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("my-work")).status_code == 200
        return len(context.captured_queries)

    client.force_login(user)
    add(1, 0)
    small = count()
    add(5, 1)
    assert count() == small


def test_my_work_is_accessible(client):
    from congress.tests.test_accessibility import check

    reader = deputy_user()
    notice_create(kind="test", message="通知", user=reader)
    check(my_work(client, reader))


def test_a_login_that_is_no_deputy_gets_the_page_without_deputy_items(client):
    staff = staff_user()
    notice_create(kind="test", message="通知", user=staff)
    items = waiting(client, staff)
    assert reverse("notice-list") in items and reverse("suggestions:awaiting") not in items
    client.force_login(staff)
    assert f'href="{reverse("my-work")}"' not in client.get("/").content.decode().split("<main")[0]
