from datetime import date

import pytest
from django.db import IntegrityError

from congress.errors import DomainError
from congress.tests.factories import DeputyFactory
from points.models import EntryKind, EntryStatus, LedgerEntry
from points.services import entry_award
from points.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_award_is_verified_at_once_with_the_value_in_force(rules, deputy):
    activity = ActivityFactory(rule=rules["topic_lead"])
    entry = entry_award(deputy=deputy, rule_code="topic_lead", source=activity, occurred_on=date(2020, 3, 2))
    assert (entry.points, entry.status, entry.kind) == (10, EntryStatus.VERIFIED, EntryKind.AWARD)
    assert entry.source == activity
    assert entry.decided_at is not None


def test_award_is_idempotent_per_deputy_rule_and_source(rules, deputy):
    activity = ActivityFactory(rule=rules["meeting_attendance"])
    first = entry_award(deputy=deputy, rule_code="meeting_attendance", source=activity, occurred_on=date(2020, 3, 2))
    again = entry_award(deputy=deputy, rule_code="meeting_attendance", source=activity, occurred_on=date(2020, 3, 2))
    assert again.pk == first.pk
    assert LedgerEntry.objects.filter(deputy=deputy).count() == 1


def test_same_source_may_earn_another_rule_or_another_deputy(rules, deputy):
    activity = ActivityFactory(rule=rules["meeting_attendance"])
    other = DeputyFactory()
    entry_award(deputy=deputy, rule_code="meeting_attendance", source=activity, occurred_on=date(2020, 3, 2))
    entry_award(deputy=deputy, rule_code="topic_lead", source=activity, occurred_on=date(2020, 3, 2))
    entry_award(deputy=other, rule_code="meeting_attendance", source=activity, occurred_on=date(2020, 3, 2))
    assert sorted(LedgerEntry.objects.values_list("points", flat=True)) == [5, 5, 10]


def test_database_refuses_a_second_award_for_the_same_source(rules, deputy):
    activity = ActivityFactory(rule=rules["meeting_attendance"])
    entry = entry_award(deputy=deputy, rule_code="meeting_attendance", source=activity, occurred_on=date(2020, 3, 2))
    with pytest.raises(IntegrityError):
        LedgerEntry.objects.create(
            deputy=deputy, rule=entry.rule, occurred_on=entry.occurred_on, points=5, kind=EntryKind.AWARD,
            status=EntryStatus.VERIFIED, source_type=entry.source_type, source_id=entry.source_id,
            decided_at=entry.decided_at)


def test_unknown_rule_or_unsaved_source_is_refused(rules, deputy):
    with pytest.raises(DomainError):
        entry_award(deputy=deputy, rule_code="no_such_rule", source=ActivityFactory(), occurred_on=date(2020, 3, 2))
    with pytest.raises(DomainError):
        entry_award(deputy=deputy, rule_code="topic_lead", source=ActivityFactory.build(),
                    occurred_on=date(2020, 3, 2))
    assert not LedgerEntry.objects.exists()


def test_activity_without_a_value_in_force_earns_nothing(rules, deputy):
    with pytest.raises(DomainError, match="2016-06-01"):
        entry_award(deputy=deputy, rule_code="topic_lead", source=ActivityFactory(), occurred_on=date(2016, 6, 1))
    assert not LedgerEntry.objects.exists()
