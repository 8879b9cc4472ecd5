"""Race-sensitive rules on PostgreSQL with real threads: the database constraint, not a check in
Python, keeps one award per (deputy, rule, source) and one reversal per entry."""

from datetime import date

import pytest

from congress.errors import StateConflict
from congress.testing import run_in_threads
from congress.tests.factories import DeputyFactory, staff_user
from points.defaults import ensure_default_rules
from points.models import LedgerEntry, PointRule, PointRuleVersion
from points.services import entry_award, entry_reverse
from points.tests.factories import ActivityFactory


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_awards_for_one_source_give_one_entry(requires_postgres):
    ensure_default_rules(PointRule, PointRuleVersion)
    deputy = DeputyFactory()
    activity = ActivityFactory(rule=PointRule.objects.get(code="meeting_attendance"))

    results = run_in_threads(20, lambda: entry_award(deputy=deputy, rule_code="meeting_attendance",
                                                     source=activity, occurred_on=date(2020, 6, 1)))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.pk for r in results}) == 1
    assert list(LedgerEntry.objects.values_list("deputy_id", "points")) == [(deputy.pk, 5)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_reversals_give_one(requires_postgres):
    ensure_default_rules(PointRule, PointRuleVersion)
    deputy, staff = DeputyFactory(), staff_user()
    entry = entry_award(deputy=deputy, rule_code="topic_lead", source=ActivityFactory(), occurred_on=date(2020, 6, 1))

    results = run_in_threads(10, lambda: entry_reverse(entry=entry, reason="重复登记", reversed_by=staff))

    assert sum(isinstance(r, LedgerEntry) for r in results) == 1
    assert all(isinstance(r, StateConflict) for r in results if not isinstance(r, LedgerEntry))
    assert sorted(LedgerEntry.objects.values_list("points", flat=True)) == [-10, 10]


@pytest.mark.django_db(transaction=True)
def test_concurrent_verify_and_reject_decide_once(requires_postgres):
    from itertools import count

    from points.models import EntryStatus
    from points.services import entry_reject, entry_self_report, entry_verify

    ensure_default_rules(PointRule, PointRuleVersion)
    staff = staff_user()
    entry = entry_self_report(deputy=DeputyFactory(), rule=PointRule.objects.get(code="reception"),
                              occurred_on=date(2020, 6, 1), description="接待选民", submitted_by=staff)
    turn = count()

    def decide():
        if next(turn) % 2:
            return entry_reject(entry=entry, reason="无证明", rejected_by=staff)
        return entry_verify(entry=entry, verified_by=staff)

    results = run_in_threads(10, decide)

    assert sum(isinstance(r, LedgerEntry) for r in results) == 1
    assert all(isinstance(r, StateConflict) for r in results if not isinstance(r, LedgerEntry))
    entry.refresh_from_db()
    assert entry.status in (EntryStatus.VERIFIED, EntryStatus.REJECTED)
