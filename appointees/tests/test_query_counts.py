"""Every list page and endpoint runs the same number of queries for small and larger data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appointees.models import Ballot, RatingOfficial
from appointees.services import (
    draw_commit,
    draw_reveal,
    duty_report_publish,
    duty_report_submit,
    rating_session_close,
    rating_session_create,
    rating_session_open,
)
from appointees.tests.factories import AppointeeFactory, MeetingFactory
from congress.tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


def build(n: int, staff, year: int):
    """n officials who report on `year`, all published; a revealed draw; a closed session rating
    them with n members present."""
    meeting = MeetingFactory(start_date=date(year + 1, 4, 20), end_date=date(year + 1, 4, 20))
    heads = [AppointeeFactory(took_office=date(2017, 3, 1)) for _ in range(n)]
    for head in heads:
        duty_report_publish(report=duty_report_submit(appointee=head, year=year, text="报告", submitted_by=staff),
                            published_by=staff)
    draw = draw_commit(year=year, k=3, meeting=meeting, created_by=staff)
    draw_reveal(draw=draw, public_input="1 2 3", entered_by=staff)
    members = [DeputyFactory(is_committee_member=True) for _ in range(n)]
    session = rating_session_create(title=f"{year}测评", year=year, meeting=meeting, officials=heads,
                                    members=members, created_by=staff)
    rating_session_open(session=session, opened_by=staff)
    Ballot.objects.bulk_create(Ballot(session=session, deputy=m) for m in members)
    RatingOfficial.objects.filter(session=session).update(satisfied=n - 1, unsatisfied=1)
    rating_session_close(session=session, closed_by=staff)
    return draw, session


PAGES = {
    "index": lambda d, s, y: (reverse("appointees:index"), {}),
    "draws": lambda d, s, y: (reverse("appointees:draw-list"), {"year": y}),
    "draw": lambda d, s, y: (reverse("appointees:draw-detail", args=[d.pk]), {}),
    "reports": lambda d, s, y: (reverse("appointees:report-list"), {"year": y}),
    "reports csv": lambda d, s, y: (reverse("appointees:report-list"), {"year": y, "format": "csv"}),
    "ratings": lambda d, s, y: (reverse("appointees:rating-list"), {}),
    "results": lambda d, s, y: (reverse("appointees:rating-detail", args=[s.pk]), {}),
    "results xlsx": lambda d, s, y: (reverse("appointees:rating-detail", args=[s.pk]), {"format": "xlsx"}),
    "projector": lambda d, s, y: (reverse("appointees:rating-projector", args=[s.pk]), {}),
    "report to the party committee": lambda d, s, y: (reverse("appointees:rating-report", args=[s.pk]), {}),
    "api appointees": lambda d, s, y: (reverse("appointees-api:appointees"), {"page_size": 500}),
    "api reports": lambda d, s, y: (reverse("appointees-api:reports"), {"page_size": 500}),
    "api draws": lambda d, s, y: (reverse("appointees-api:draws"), {"page_size": 500}),
    "api ratings": lambda d, s, y: (reverse("appointees-api:ratings"), {}),
    "api results": lambda d, s, y: (reverse("appointees-api:rating-results", args=[s.pk]), {}),
}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("as_staff", [False, True])
def test_public_and_staff_pages(client, staff, name, as_staff):
    if as_staff:
        client.force_login(staff)
    counts = []
    for n, year in ((4, 2019), (16, 2020)):
        draw, session = build(n, staff, year)
        url, params = PAGES[name](draw, session, year)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, params)
        assert response.status_code == 200, response.content[:300]
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("url_name", ["admin:appointees_appointee_changelist", "admin:appointees_dutyreport_changelist",
                                      "admin:appointees_draw_changelist", "admin:appointees_ratingsession_changelist",
                                      "admin:appointees_ballot_changelist", "appointees:report-overdue"])
def test_back_office_lists(client, staff, url_name):
    client.force_login(staff)
    counts = []
    for n, year in ((4, 2019), (16, 2020)):
        build(n, staff, year)
        AppointeeFactory(took_office=date(2017, 3, 1))  # one overdue report each time
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse(url_name), {"year": year} if url_name.startswith("appointees") else {})
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_the_members_pages(client, staff):
    from appointees.tests.factories import member_user

    counts = []
    for n, year in ((4, 2019), (16, 2020)):
        meeting = MeetingFactory(start_date=date(year + 1, 4, 20), end_date=date(year + 1, 4, 20))
        user = member_user()
        session = rating_session_create(title="测评", year=year, meeting=meeting,
                                        officials=[AppointeeFactory() for _ in range(n)],
                                        members=[user.deputy], created_by=staff)
        rating_session_open(session=session, opened_by=staff)
        client.force_login(user)
        for url in (reverse("appointees:rate-list"), reverse("appointees:rate", args=[session.pk])):
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            counts.append(len(context.captured_queries))
    assert counts[:2] == counts[2:]
