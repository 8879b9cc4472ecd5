from datetime import date

import pytest
from django.db import IntegrityError

from congress.errors import DomainError, StateConflict
from congress.periods import Year
from points.models import EntryKind, LedgerEntry
from points.selectors import totals
from points.services import entry_reverse
from points.tests.factories import award

pytestmark = pytest.mark.django_db


def test_reversal_nets_to_zero_and_keeps_the_original(rules, deputy, staff):
    _, entry = award(deputy, rules, "issue_resolved", on=date(2020, 4, 1))
    reversal = entry_reverse(entry=entry, reason="问题未实际解决", reversed_by=staff)
    assert (reversal.points, reversal.kind, reversal.reverses_id) == (-15, EntryKind.REVERSAL, entry.pk)
    assert (reversal.deputy_id, reversal.rule_id, reversal.source_id) == (entry.deputy_id, entry.rule_id,
                                                                          entry.source_id)
    entry.refresh_from_db()
    assert entry.points == 15
    assert totals(level="deputy", period=Year(2020))[0]["points"] == 0
    assert LedgerEntry.objects.count() == 2


def test_one_reversal_per_original(rules, deputy, staff):
    _, entry = award(deputy, rules)
    reversal = entry_reverse(entry=entry, reason="重复登记", reversed_by=staff)
    with pytest.raises(StateConflict):
        entry_reverse(entry=entry, reason="again", reversed_by=staff)
    with pytest.raises(StateConflict):
        entry_reverse(entry=reversal, reason="undo", reversed_by=staff)
    assert LedgerEntry.objects.count() == 2


def test_database_allows_one_reversal_per_original(rules, deputy, staff):
    _, entry = award(deputy, rules)
    reversal = entry_reverse(entry=entry, reason="重复登记", reversed_by=staff)
    with pytest.raises(IntegrityError):
        LedgerEntry.objects.create(
            deputy=deputy, rule=entry.rule, occurred_on=entry.occurred_on, points=-entry.points,
            kind=EntryKind.REVERSAL, status="verified", source_type=entry.source_type, source_id=entry.source_id,
            reverses=entry, reason="twice", decided_at=reversal.decided_at)


def test_reversal_needs_a_reason(rules, deputy, staff):
    _, entry = award(deputy, rules)
    with pytest.raises(DomainError):
        entry_reverse(entry=entry, reason="", reversed_by=staff)
    assert LedgerEntry.objects.count() == 1
