"""A verified entry can be neither changed nor deleted: no service edits one, and on PostgreSQL
the database itself refuses a raw UPDATE or DELETE (admin and API are tested in their files)."""

import pytest
from django.db import DatabaseError, transaction

from points import services
from points.models import EntryStatus, LedgerEntry
from points.tests.factories import award

pytestmark = pytest.mark.django_db


def test_no_service_edits_or_deletes_an_entry():
    writers = [name for name in dir(services) if name.startswith("entry_")]
    assert sorted(writers) == ["entry_award", "entry_reject", "entry_reverse", "entry_self_report", "entry_verify"]


def test_database_refuses_updating_or_deleting_a_verified_entry(requires_postgres, rules, deputy):
    _, entry = award(deputy, rules)
    with pytest.raises(DatabaseError, match="neither changed nor deleted"), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(points=500)
    with pytest.raises(DatabaseError, match="neither changed nor deleted"), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert (entry.points, entry.status) == (8, EntryStatus.VERIFIED)
