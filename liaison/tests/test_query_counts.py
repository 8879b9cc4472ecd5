"""Every list page and endpoint runs the same number of queries for 10 and for 100 meetings."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from congress.tests.factories import deputy_user
from liaison import services
from liaison.models import Attendance, LivelihoodIssue, Meeting, Topic
from liaison.tests.factories import ContactPointFactory, StationFactory, station_staff_of, stationed

pytestmark = pytest.mark.django_db


def add_meetings(station, login, deputies, count, start):
    """`count` confirmed meetings with attendance, a topic and a resolved issue each (bulk, for speed)."""
    meetings = Meeting.objects.bulk_create([
        Meeting(station=station, kind="deputy_deliberation", held_on=start + timedelta(days=i), status="confirmed",
                confirmed_at=timezone.now())
        for i in range(count)])
    Attendance.objects.bulk_create([Attendance(meeting=m, deputy=d) for m in meetings for d in deputies])
    topics = Topic.objects.bulk_create([Topic(meeting=m, title="停车难", lead_deputy=deputies[0]) for m in meetings])
    LivelihoodIssue.objects.bulk_create([
        LivelihoodIssue(station=station, origin="topic", topic=t, title="停车位", public_title="停车位不足",
                        raised_on=m.held_on, following_deputy=deputies[0], status="resolved", resolved_on=m.held_on,
                        resolution_note="已解决") for m, t in zip(meetings, topics, strict=True)])
    ContactPointFactory(station=station)


def counts_for(client_call):
    with CaptureQueriesContext(connection) as context:
        response = client_call()
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


PUBLIC = {
    "directory": lambda c, a, s: c.get("/liaison/"),
    "figures": lambda c, a, s: c.get("/liaison/figures/"),
    "figures csv": lambda c, a, s: c.get("/liaison/figures/?format=csv"),
    "station": lambda c, a, s: c.get(f"/liaison/stations/{s.pk}/"),
    "bulletin": lambda c, a, s: c.get(f"/liaison/stations/{s.pk}/bulletin/?quarter=2019Q2"),
    "api stations": lambda c, a, s: a.get("/api/v1/liaison/stations/"),
    "api station": lambda c, a, s: a.get(f"/api/v1/liaison/stations/{s.pk}/"),
    "api figures": lambda c, a, s: a.get("/api/v1/liaison/figures/"),
}
STATION_STAFF = {
    "work": lambda c, a, s: c.get(f"/liaison/work/{s.pk}/"),
    "api meetings": lambda c, a, s: a.get("/api/v1/liaison/meetings/?page_size=500"),
    "api issues": lambda c, a, s: a.get("/api/v1/liaison/issues/?page_size=500"),
    "api receptions": lambda c, a, s: a.get("/api/v1/liaison/receptions/?page_size=500"),
}
DEPUTY = {"my": lambda c, a, s: c.get("/liaison/my/")}


@pytest.mark.parametrize("name", [*PUBLIC, *STATION_STAFF, *DEPUTY])
def test_constant_queries_at_10_and_100_meetings(client, rules, name):
    station = StationFactory()
    StationFactory()
    login = station_staff_of(station)
    deputies = stationed(station, 3)
    deputy_login = deputy_user(deputies[0])
    counts = []
    for size, start in ((10, date(2019, 4, 1)), (90, date(2019, 4, 15))):
        add_meetings(station, login, deputies, size, start)
        services.reception_record(station=station, deputy=deputies[1], received_on=start, problems=["噪音"],
                                  recorded_by=login)
        api = APIClient()
        user = login if name in STATION_STAFF else deputy_login if name in DEPUTY else None
        if user is not None:
            user = type(user).objects.get(pk=user.pk)  # a fresh request user, as in production
            client.force_login(user)
            api.force_authenticate(user)
        call = {**PUBLIC, **STATION_STAFF, **DEPUTY}[name]
        counts.append(counts_for(lambda call=call, api=api: call(client, api, station)))
    assert counts[0] == counts[1], counts
