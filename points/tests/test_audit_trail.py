"""Every change of points leaves one audit event naming who did it and on which entry: an award, a
self-report, its verification or rejection, and a reversal."""

import pytest

from congress.audit import Action
from congress.models import AuditEvent
from congress.tests.factories import DeputyFactory, staff_user
from points.services import entry_reject, entry_reverse, entry_verify
from points.tests.factories import award, self_report

pytestmark = pytest.mark.django_db


def events_on(entry):
    return {(event.action, event.detail["points"]) for event in AuditEvent.objects.filter(target_id=str(entry.pk),
                                                                                          target_type="points.ledgerentry")}


def test_an_award_and_its_reversal_are_recorded(rules):
    staff = staff_user()
    _activity, entry = award(DeputyFactory(), rules, recorded_by=staff)
    entry_reverse(entry=entry, reason="录入错误", reversed_by=staff)
    assert events_on(entry) == {(Action.POINTS_AWARDED, entry.points), (Action.POINTS_REVERSED, -entry.points)}
    assert set(AuditEvent.objects.filter(target_id=str(entry.pk)).values_list("actor", flat=True)) == {staff.pk}


def test_a_self_report_its_verification_and_a_rejection_are_recorded(rules):
    staff = staff_user()
    verified = self_report(DeputyFactory(), rules)
    entry_verify(entry=verified, verified_by=staff)
    rejected = self_report(DeputyFactory(), rules)
    entry_reject(entry=rejected, reason="无佐证", rejected_by=staff)
    assert {action for action, _points in events_on(verified)} == {Action.POINTS_SELF_REPORTED,
                                                                   Action.POINTS_VERIFIED}
    assert {action for action, _points in events_on(rejected)} == {Action.POINTS_SELF_REPORTED,
                                                                   Action.POINTS_REJECTED}
    assert AuditEvent.objects.get(action=Action.POINTS_VERIFIED).actor == staff
