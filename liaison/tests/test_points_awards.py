"""Confirmed attendance (5), topic lead (10) and resolution (15) award points once each, at the
value in force that day, also when the step is repeated; withdrawing reverses them in the ledger."""

from datetime import date

import pytest

from congress.errors import NotPermitted, StateConflict
from liaison import services
from liaison.models import IssueEventKind, IssueStatus, MeetingStatus
from points.models import EntryKind, LedgerEntry
from points.services import rule_create_version

pytestmark = pytest.mark.django_db


def ledger(deputy=None):
    qs = LedgerEntry.objects.order_by("pk")
    if deputy is not None:
        qs = qs.filter(deputy=deputy)
    return sorted(qs.values_list("rule__code", "points"))


def test_confirming_awards_each_attendance_and_topic_lead_once(draft_meeting, station_login, deputies):
    assert ledger() == []  # a draft earns nothing yet
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)

    assert ledger(deputies[0]) == [("meeting_attendance", 5), ("topic_lead", 10)]
    assert ledger(deputies[1]) == [("meeting_attendance", 5)]
    assert LedgerEntry.objects.count() == 4

    with pytest.raises(StateConflict):
        services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    assert LedgerEntry.objects.count() == 4


def test_the_value_in_force_on_the_meeting_day_counts(rules, draft_meeting, station_login, staff, deputies):
    rule_create_version(rule=rules["meeting_attendance"], points=6, effective_from=date(2020, 7, 1), created_by=staff)
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    assert ledger(deputies[1]) == [("meeting_attendance", 5)]  # held 2020-06-10, before the new value


def test_a_confirmed_meeting_is_locked(draft_meeting, station_login, deputies):
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    for call in (lambda: services.meeting_set_attendance(meeting=draft_meeting, deputies=deputies[:1],
                                                         recorded_by=station_login),
                 lambda: services.topic_add(meeting=draft_meeting, title="新议题", lead_deputy=deputies[1],
                                            recorded_by=station_login),
                 lambda: services.meeting_update(meeting=draft_meeting, minutes="改", updated_by=station_login)):
        with pytest.raises(StateConflict):
            call()
    draft_meeting.refresh_from_db()
    assert draft_meeting.status == MeetingStatus.CONFIRMED and draft_meeting.minutes == ""
    assert draft_meeting.attendances.count() == 3 and draft_meeting.topics.count() == 1


def test_withdrawing_an_attendance_reverses_its_points(draft_meeting, station_login, staff, deputies):
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    attendance = draft_meeting.attendances.get(deputy=deputies[2])

    with pytest.raises(NotPermitted):
        services.attendance_withdraw(attendance=attendance, reason="未实际到会", withdrawn_by=station_login)
    services.attendance_withdraw(attendance=attendance, reason="未实际到会", withdrawn_by=staff)

    assert ledger(deputies[2]) == [("meeting_attendance", -5), ("meeting_attendance", 5)]
    reversal = LedgerEntry.objects.get(kind=EntryKind.REVERSAL)
    assert reversal.reverses.source == attendance and reversal.reason == "未实际到会"
    with pytest.raises(StateConflict):
        services.attendance_withdraw(attendance=attendance, reason="再次", withdrawn_by=staff)
    assert LedgerEntry.objects.filter(deputy=deputies[2]).count() == 2

    # Recorded again by the office: a new attendance earns again, once.
    services.attendance_add(meeting=draft_meeting, deputy=deputies[2], added_by=staff)
    assert sum(points for _code, points in ledger(deputies[2])) == 5


def test_withdrawing_a_topic_reverses_the_lead_points(draft_meeting, station_login, staff, deputies):
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    topic = draft_meeting.topics.get()
    services.topic_withdraw(topic=topic, reason="议题重复登记", withdrawn_by=staff)
    assert ledger(deputies[0]) == [("meeting_attendance", 5), ("topic_lead", -10), ("topic_lead", 10)]


def test_resolution_awards_the_following_deputy_once_and_withdrawal_reverses(issue_in_progress, station_login,
                                                                              staff, deputies):
    services.issue_resolve(issue=issue_in_progress, note="已加装完毕", resolved_by=station_login, on=date(2020, 9, 1))
    assert ledger(deputies[0]) == [("issue_resolved", 15)]
    assert LedgerEntry.objects.get().occurred_on == date(2020, 9, 1)

    with pytest.raises(StateConflict):
        services.issue_resolve(issue=issue_in_progress, note="再次", resolved_by=station_login)
    assert ledger(deputies[0]) == [("issue_resolved", 15)]

    services.issue_withdraw_resolution(issue=issue_in_progress, reason="居民反映问题复发", withdrawn_by=staff)
    issue_in_progress.refresh_from_db()
    assert issue_in_progress.status == IssueStatus.IN_PROGRESS and issue_in_progress.resolved_on is None
    assert ledger(deputies[0]) == [("issue_resolved", -15), ("issue_resolved", 15)]

    # A second, real resolution is a new event: it earns once more.
    services.issue_resolve(issue=issue_in_progress, note="已彻底解决", resolved_by=station_login, on=date(2020, 10, 8))
    assert sum(points for _code, points in ledger(deputies[0])) == 15
    kinds = list(issue_in_progress.events.values_list("kind", flat=True))
    assert kinds == [IssueEventKind.RAISED, IssueEventKind.STARTED, IssueEventKind.RESOLVED,
                     IssueEventKind.REOPENED, IssueEventKind.RESOLVED]
