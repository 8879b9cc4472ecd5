"""Importing the same file again changes nothing (every line skipped, no entry, no event of an
award), and a file naming a recorded reference with a new deputy awards only that deputy."""

import pytest

from congress.audit import Action
from congress.models import AuditEvent
from points.models import Activity, LedgerEntry
from points.services import activity_record
from points.tests.ledger_files import deputies, ledger_rows, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_same_file_imported_again_changes_nothing(rules, staff):
    deputies(3)
    rows = ledger_rows(2, 3)
    assert run(rows, staff) == ([], {"new": 6, "update": 0, "delete": 0, "skip": 0, "error": 0, "invalid": 0})
    entries = set(LedgerEntry.objects.values_list("pk", flat=True))
    awards = AuditEvent.objects.filter(action=Action.POINTS_AWARDED).count()
    problems, totals = run(rows, staff)
    assert problems == [] and totals["skip"] == 6 and totals["new"] == 0
    assert set(LedgerEntry.objects.values_list("pk", flat=True)) == entries
    assert Activity.objects.count() == 2
    assert AuditEvent.objects.filter(action=Action.POINTS_AWARDED).count() == awards


def test_a_new_participant_of_a_recorded_reference_is_the_only_one_awarded(rules, staff):
    people = deputies(4)
    activity = activity_record(rule=rules["inspection"], occurred_on=ledger_day(), title="视察调研活动1",
                               deputies=people[:2], recorded_by=staff, reference="2020-0001")
    rows = ledger_rows(1, 3)  # P-001 and P-002 are recorded; P-003 is new
    problems, totals = run(rows, staff)
    assert problems == [] and (totals["new"], totals["skip"]) == (1, 2)
    assert set(activity.participants.all()) == set(people[:3])
    assert sorted(LedgerEntry.objects.filter(source_id=activity.pk).values_list("deputy__code", flat=True)) == [
        "P-001", "P-002", "P-003"]


def test_a_recorded_reference_named_otherwise_is_refused(rules, staff):
    people = deputies(2)
    activity_record(rule=rules["reception"], occurred_on=ledger_day(), title="视察调研活动1",
                    deputies=people[:1], recorded_by=staff, reference="2020-0001")
    problems, _totals = run(ledger_rows(1, 2), staff)
    assert [line for line, _reason in problems] == [2, 3]
    assert "already recorded" in problems[0][1] and "reception" in problems[0][1]
    assert LedgerEntry.objects.count() == 1


def ledger_day():
    from datetime import date

    return date(2020, 5, 6)
