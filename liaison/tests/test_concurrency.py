"""Race-sensitive steps on PostgreSQL with real threads: 20 simultaneous confirmations of a
meeting, or resolutions of an issue, leave exactly one award per source (the ledger's constraint
and the row lock, not a check in Python)."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from congress.errors import StateConflict
from congress.testing import run_in_threads
from congress.tests.factories import staff_user
from liaison import services
from liaison.tests.factories import StationFactory, station_staff_of, stationed
from points.defaults import ensure_default_rules
from points.models import LedgerEntry, PointRule, PointRuleVersion


def _draft():
    ensure_default_rules(PointRule, PointRuleVersion)
    station = StationFactory()
    login = station_staff_of(station)
    deputies = stationed(station, 3)
    meeting = services.meeting_create(station=station, kind="deputy_deliberation", held_on=date(2020, 6, 10),
                                      recorded_by=login)
    services.meeting_set_attendance(meeting=meeting, deputies=deputies, recorded_by=login)
    services.topic_add(meeting=meeting, title="停车难", lead_deputy=deputies[0], recorded_by=login)
    return meeting, login, deputies


def _confirm_via_api(login, meeting):
    client = APIClient()
    client.force_authenticate(login)
    return client.post(f"/api/v1/liaison/meetings/{meeting.pk}/confirm/").status_code


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_confirmations_award_once(requires_postgres):
    meeting, login, _deputies = _draft()

    results = run_in_threads(20, lambda: _confirm_via_api(login, meeting))

    assert sorted(results) == [200] + [409] * 19
    assert sorted(LedgerEntry.objects.values_list("rule__code", "points")) == [
        ("meeting_attendance", 5)] * 3 + [("topic_lead", 10)]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_resolutions_award_once(requires_postgres):
    meeting, login, deputies = _draft()
    issue = services.issue_raise(station=meeting.station, origin="topic", topic=meeting.topics.get(),
                                 title="停车位不足", raised_on=date(2020, 6, 10), following_deputy=deputies[1],
                                 raised_by=login)
    services.issue_start(issue=issue, started_by=login)

    results = run_in_threads(20, lambda: services.issue_resolve(issue=issue, note="新增停车位", resolved_by=login))

    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert all(isinstance(r, StateConflict) for r in results if isinstance(r, Exception))
    assert list(LedgerEntry.objects.values_list("deputy_id", "rule__code", "points")) == [
        (deputies[1].pk, "issue_resolved", 15)]
    assert issue.events.filter(kind="resolved").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_withdrawals_reverse_once(requires_postgres):
    meeting, login, deputies = _draft()
    services.meeting_confirm(meeting=meeting, confirmed_by=login)
    staff = staff_user()
    attendance = meeting.attendances.get(deputy=deputies[2])

    results = run_in_threads(10, lambda: services.attendance_withdraw(attendance=attendance, reason="未到会",
                                                                      withdrawn_by=staff))

    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert sorted(LedgerEntry.objects.filter(deputy=deputies[2]).values_list("points", flat=True)) == [-5, 5]


@pytest.mark.django_db(transaction=True)
def test_double_submitted_meeting_is_recorded_once(requires_postgres):
    ensure_default_rules(PointRule, PointRuleVersion)
    station = StationFactory()
    login = station_staff_of(station)

    def create():
        client = APIClient()
        client.force_authenticate(login)
        return client.post("/api/v1/liaison/meetings/", {"station": station.pk, "kind": "deputy_deliberation",
                                                         "held_on": "2020-06-10"}, format="json").status_code

    results = run_in_threads(10, create)
    assert sorted(results) == [201] + [409] * 9
    assert station.meetings.count() == 1
