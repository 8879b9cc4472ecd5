"""Illegal issue transitions are refused with a clear message and change nothing; every legal
step is kept in the issue's history."""

from datetime import date

import pytest

from congress.errors import DomainError, StateConflict
from liaison import services
from liaison.models import IssueEvent, IssueLevel, IssueStatus, LivelihoodIssue
from points.models import LedgerEntry

pytestmark = pytest.mark.django_db


def snapshot(issue):
    issue = LivelihoodIssue.objects.get(pk=issue.pk)
    return (issue.status, issue.level, issue.resolved_on, issue.resolution_note, issue.closed_reason,
            issue.following_deputy_id, IssueEvent.objects.filter(issue=issue).count(), LedgerEntry.objects.count())


@pytest.fixture
def open_issue(issue_in_progress):
    return issue_in_progress


def test_an_open_issue_cannot_be_resolved_before_work_starts(rules, draft_meeting, station_login, deputies):
    issue = services.issue_raise(station=draft_meeting.station, origin="topic", topic=draft_meeting.topics.get(),
                                 title="路灯损坏", raised_on=date(2020, 6, 10), following_deputy=deputies[1],
                                 raised_by=station_login)
    before = snapshot(issue)
    with pytest.raises(StateConflict):
        services.issue_resolve(issue=issue, note="已修复", resolved_by=station_login)
    assert snapshot(issue) == before


@pytest.mark.parametrize("step", ["start", "escalate", "close", "follower"])
def test_a_resolved_issue_is_finished(issue_in_progress, station_login, deputies, step):
    services.issue_resolve(issue=issue_in_progress, note="已解决", resolved_by=station_login, on=date(2020, 7, 1))
    before = snapshot(issue_in_progress)
    calls = {
        "start": lambda: services.issue_start(issue=issue_in_progress, started_by=station_login),
        "escalate": lambda: services.issue_escalate(issue=issue_in_progress, to_level=IssueLevel.STREET,
                                                    reason="需街道协调", escalated_by=station_login),
        "close": lambda: services.issue_close(issue=issue_in_progress, reason="无法解决", closed_by=station_login),
        "follower": lambda: services.issue_set_follower(issue=issue_in_progress, deputy=deputies[2],
                                                        set_by=station_login),
    }
    with pytest.raises(StateConflict):
        calls[step]()
    assert snapshot(issue_in_progress) == before


def test_a_closed_issue_cannot_be_resolved_or_reopened(issue_in_progress, station_login, staff):
    services.issue_close(issue=issue_in_progress, reason="涉及产权纠纷，已引导司法途径", closed_by=station_login)
    before = snapshot(issue_in_progress)
    with pytest.raises(StateConflict):
        services.issue_resolve(issue=issue_in_progress, note="已解决", resolved_by=station_login)
    with pytest.raises(StateConflict):
        services.issue_withdraw_resolution(issue=issue_in_progress, reason="误操作", withdrawn_by=staff)
    assert snapshot(issue_in_progress) == before


def test_escalation_goes_up_only_and_needs_a_reason(issue_in_progress, station_login):
    before = snapshot(issue_in_progress)
    with pytest.raises(DomainError):
        services.issue_escalate(issue=issue_in_progress, to_level=IssueLevel.STREET, reason="  ",
                                escalated_by=station_login)
    with pytest.raises(DomainError):
        services.issue_escalate(issue=issue_in_progress, to_level=IssueLevel.COMMUNITY, reason="退回",
                                escalated_by=station_login)
    assert snapshot(issue_in_progress) == before

    services.issue_escalate(issue=issue_in_progress, to_level=IssueLevel.DISTRICT, reason="涉及多个部门",
                            escalated_by=station_login)
    event = issue_in_progress.events.latest("pk")
    assert (event.from_level, event.to_level, event.note) == ("community", "district", "涉及多个部门")
    with pytest.raises(DomainError):
        services.issue_escalate(issue=issue_in_progress, to_level=IssueLevel.STREET, reason="降级",
                                escalated_by=station_login)


def test_resolution_and_closing_need_their_note_and_reason(issue_in_progress, station_login):
    before = snapshot(issue_in_progress)
    with pytest.raises(DomainError):
        services.issue_resolve(issue=issue_in_progress, note="", resolved_by=station_login)
    with pytest.raises(DomainError):
        services.issue_close(issue=issue_in_progress, reason=" ", closed_by=station_login)
    with pytest.raises(DomainError):
        services.issue_resolve(issue=issue_in_progress, note="已解决", resolved_by=station_login, on=date(2020, 1, 1))
    assert snapshot(issue_in_progress) == before
    assert LivelihoodIssue.objects.get(pk=issue_in_progress.pk).status == IssueStatus.IN_PROGRESS


def test_an_issue_names_a_source_of_its_own_station(rules, draft_meeting, station_login):
    from liaison.tests.factories import ContactPointFactory

    elsewhere = ContactPointFactory()
    count = LivelihoodIssue.objects.count()
    with pytest.raises(DomainError):
        services.issue_raise(station=draft_meeting.station, origin="contact_point", title="噪音扰民",
                             raised_on=date(2020, 6, 1), raised_by=station_login)
    with pytest.raises(DomainError):
        services.issue_raise(station=draft_meeting.station, origin="contact_point", contact_point=elsewhere,
                             title="噪音扰民", raised_on=date(2020, 6, 1), raised_by=station_login)
    assert LivelihoodIssue.objects.count() == count
