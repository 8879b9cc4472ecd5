"""A ledger file costs the same queries at 20 lines as at 400: deputies, rules, values, recorded
activities, participants and awards are read once, and everything is written in bulk."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from points.models import Activity, LedgerEntry
from points.tests.ledger_files import deputies, ledger_rows, run

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("requires_postgres")  # SQLite (make run) splits a bulk insert by its variable limit
def test_the_queries_of_a_ledger_import_do_not_grow_with_its_lines(rules, staff):
    deputies(5)
    ContentType.objects.get_for_model(Activity)  # cached per process: not part of either import
    assert staff.is_office_staff  # the login's roles are read once per login, not per import
    small_file, large_file = ledger_rows(4, 5), ledger_rows(80, 5, start=100)
    with CaptureQueriesContext(connection) as small:
        assert run(small_file, staff)[0] == []
    with CaptureQueriesContext(connection) as large:
        assert run(large_file, staff)[0] == []
    assert len(small_file) == 20 and len(large_file) == 400
    assert len(large.captured_queries) == len(small.captured_queries)
    assert LedgerEntry.objects.count() == 420


def test_a_second_import_of_the_file_costs_the_same_few_queries(rules, staff):
    deputies(5)
    ContentType.objects.get_for_model(Activity)
    run(ledger_rows(4, 5), staff)
    run(ledger_rows(80, 5, start=100), staff)
    with CaptureQueriesContext(connection) as small:
        assert run(ledger_rows(4, 5), staff)[0] == []
    with CaptureQueriesContext(connection) as large:
        assert run(ledger_rows(80, 5, start=100), staff)[0] == []
    assert len(large.captured_queries) == len(small.captured_queries) < 20
