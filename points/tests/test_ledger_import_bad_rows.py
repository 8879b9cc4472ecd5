"""One bad line keeps the whole file out of the ledger, and every bad line is reported with its
line in the file and its reason: an unknown deputy or rule (named), an inactive rule, a line that
records its activity otherwise than the activity's first line (named), a date in the future, a
date before the rule's first value, a deputy named twice for one activity, a missing cell, a
file whose columns do not fit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.audit import Action
from congress.models import AuditEvent
from points.models import Activity, LedgerEntry
from points.tests.ledger_files import HEADER, deputies, ledger_rows, run, run_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def people(db):
    return deputies(5)


def reasons(problems) -> dict:
    return dict(problems)


def test_every_bad_line_is_reported_and_nothing_is_imported(rules, staff, people):
    rows = ledger_rows(4, 3)                                          # lines 2–13
    rows[1][4] = "NO-SUCH"                                            # line 3: unknown deputy
    rows[4][3] = "另一个标题"                                          # line 6: activity 2 otherwise than line 5
    rows[6][2] = (timezone.localdate() + timedelta(days=2)).isoformat()  # line 8: activity 3 in the future
    rows[7][2] = rows[6][2]                                           # line 9: … and its other lines
    rows[8][2] = rows[6][2]                                           # line 10
    rows[10][4] = rows[9][4]                                          # line 12: P-001 twice in activity 4
    rows.append(["2016-0001", "inspection", "2016-12-31", "旧活动", "P-001", ""])  # line 14: before 2017
    rows.append(["2020-0099", "no_such_rule", "2020-05-06", "视察", "P-001", ""])  # line 15: unknown rule
    rows.append(["", "inspection", "2020-05-06", "视察", "P-002", ""])              # line 16: no reference
    rows.append(["2020-0098", "inspection", "5月6日", "视察", "P-002", ""])          # line 17: not a date
    problems, totals = run(rows, staff)
    found = reasons(problems)
    assert sorted(found) == [3, 6, 8, 9, 10, 12, 14, 15, 16, 17]
    assert "NO-SUCH" in found[3]
    assert "line 5" in found[6] and "title" in found[6]
    assert "before it happens" in found[8]
    assert "P-001" in found[12] and "line 11" in found[12]
    assert "no value in force on 2016-12-31" in found[14]
    assert "no_such_rule" in found[15]
    assert "reference" in found[16]
    assert "5月6日" in found[17]
    assert totals["invalid"] == 10
    assert not Activity.objects.exists() and not LedgerEntry.objects.exists()
    assert not AuditEvent.objects.filter(action__in=[Action.IMPORTED, Action.POINTS_AWARDED]).exists()


def test_lines_of_one_activity_disagreeing_across_chunks_name_the_first_line(rules, staff, people):
    rows = ledger_rows(1, 5)
    rows[4][1] = "reception"  # line 6, in the second chunk of 4 rows: another rule than line 2
    problems, _totals = run(rows, staff, chunk=4)
    assert len(problems) == 1 and problems[0][0] == 6
    assert "line 2" in problems[0][1] or "already recorded" in problems[0][1]
    assert not Activity.objects.exists()


def test_a_deputy_twice_in_one_activity_across_chunks_is_an_error_on_the_second_line(rules, staff, people):
    rows = ledger_rows(1, 5) + [["2020-0001", "inspection", "2020-05-06", "视察调研活动1", "P-002", ""]]
    problems, _totals = run(rows, staff, chunk=4)
    assert [line for line, _reason in problems] == [7]
    assert "line 3" in problems[0][1]
    assert not LedgerEntry.objects.exists()


def test_an_inactive_rule_is_refused(rules, staff, people):
    rules["inspection"].is_active = False
    rules["inspection"].save()
    problems, _totals = run(ledger_rows(1, 2), staff)
    assert [line for line, _reason in problems] == [2, 3]
    assert "inspection" in problems[0][1]


def test_a_rule_that_is_not_self_reportable_is_recorded_as_activity_record_does(rules, staff, people):
    problems, totals = run(ledger_rows(1, 2, rule="meeting_attendance"), staff)
    assert problems == [] and totals["new"] == 2


def test_columns_that_do_not_fit_are_named_before_any_row(rules, staff, people):
    from points.tests.ledger_files import csv_bytes

    data = csv_bytes(ledger_rows(2, 2)).replace(b"deputy_code", b"deputy_no", 1)
    problems, _totals = run_bytes(data, "csv", staff)
    assert len(problems) == 1 and problems[0][0] is None
    assert "deputy_code" in problems[0][1] and "deputy_no" in problems[0][1]


def test_the_description_column_may_be_left_out(rules, staff, people):
    import tablib

    from congress.importing import import_all_or_nothing
    from points.resources import ActivityParticipationResource

    rows = [row[:5] for row in ledger_rows(1, 2)]
    problems, totals = import_all_or_nothing(ActivityParticipationResource,
                                             tablib.Dataset(*rows, headers=HEADER[:5]), user=staff)
    assert problems == [] and totals["new"] == 2


def test_only_staff_may_import(rules, people):
    from congress.tests.factories import deputy_user

    problems, _totals = run(ledger_rows(1, 2), deputy_user(people[0]))
    assert len(problems) == 1 and problems[0][0] is None and "staff" in problems[0][1]
    assert not Activity.objects.exists()
