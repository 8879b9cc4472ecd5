"""A file of the office's activity records (CSV or XLSX, one line per participating deputy)
records each activity once and awards each participant a verified entry worth the rule's value
in force on the activity's day, with the totals by outcome; the audit trail has each award and
the file."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from congress.audit import Action
from congress.models import AuditEvent
from points.models import Activity, LedgerEntry, PointRuleVersion
from points.tests.ledger_files import csv_bytes, deputies, ledger_rows, run_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "gbk"])
def test_a_good_file_records_activities_and_awards_the_points_in_force(rules, staff, file_format):
    people = deputies(3)
    PointRuleVersion.objects.create(rule=rules["inspection"], points=12, effective_from=date(2020, 5, 1))
    rows = ledger_rows(2, 3) + ledger_rows(1, 2, day="2020-04-30", start=3)  # the 2017 value: 8
    data = {"csv": lambda: csv_bytes(rows), "gbk": lambda: csv_bytes(rows, "gbk"),
            "xlsx": lambda: xlsx_bytes(rows)}[file_format]()
    problems, totals = run_bytes(data, "csv" if file_format == "gbk" else file_format, staff)
    assert problems == []
    assert totals["new"] == 8 and totals["skip"] == 0
    first = Activity.objects.get(reference="2020-0001")
    assert (first.rule, first.occurred_on, first.title, first.description, first.recorded_by) == (
        rules["inspection"], date(2020, 5, 6), "视察调研活动1", "社区走访", staff)
    assert set(first.participants.all()) == set(people)
    entries = LedgerEntry.objects.filter(source_type=ContentType.objects.get_for_model(Activity))
    assert sorted((e.source.reference, e.deputy.code, e.points) for e in entries) == [
        ("2020-0001", "P-001", 12), ("2020-0001", "P-002", 12), ("2020-0001", "P-003", 12),
        ("2020-0002", "P-001", 12), ("2020-0002", "P-002", 12), ("2020-0002", "P-003", 12),
        ("2020-0003", "P-001", 8), ("2020-0003", "P-002", 8)]
    assert {(e.kind, e.status, e.created_by, e.decided_by) for e in entries} == {("award", "verified", staff, staff)}
    assert all(e.decided_at is not None for e in entries)
    awards = AuditEvent.objects.filter(action=Action.POINTS_AWARDED)
    assert sorted(int(event.target_id) for event in awards) == sorted(e.pk for e in entries)
    assert {(event.actor, event.target_type) for event in awards} == {(staff, "points.ledgerentry")}
    imported = AuditEvent.objects.get(action=Action.IMPORTED)
    assert imported.detail["resource"] == "points.LedgerEntry" and imported.detail["rows"] == 8


def test_an_activity_straddling_chunks_is_one_activity(rules, staff):
    deputies(5)
    problems, totals = run_bytes(csv_bytes(ledger_rows(3, 5)), "csv", staff, chunk=4)
    assert problems == [] and totals["new"] == 15
    assert Activity.objects.count() == 3
    assert [a.participants.count() for a in Activity.objects.all()] == [5, 5, 5]
