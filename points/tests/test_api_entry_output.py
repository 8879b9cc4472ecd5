"""What the ledger API says of an entry, field by field, is the same in the list, in the entry's own
page and in a workflow step's answer (the lists render `.values()` rows, the steps a saved entry:
congress.drf.ValuesRowsMixin)."""

from datetime import date

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from points.api import EntryOutput
from points.models import LedgerEntry
from points.tests.factories import award, self_report

pytestmark = pytest.mark.django_db


def test_an_entry_reads_the_same_everywhere(rules):
    deputy = DeputyFactory(name="王小明")
    activity, entry = award(deputy, rules, on=date(2020, 5, 6))
    staff = staff_user()
    api = APIClient()
    api.force_authenticate(staff)
    answer = api.post(f"/api/v1/points/entries/{entry.pk}/reverse/", {"reason": "重复登记"}, format="json")
    assert answer.status_code == 201
    reversal = LedgerEntry.objects.get(reverses=entry)
    pending = self_report(deputy, rules)

    listed = {row["id"]: row for row in api.get("/api/v1/points/entries/").json()["results"]}
    for one in (entry, reversal, pending):
        shown = api.get(f"/api/v1/points/entries/{one.pk}/").json()
        assert shown == listed[one.pk] == EntryOutput(LedgerEntry.objects.get(pk=one.pk)).data
    assert answer.json() == listed[reversal.pk]

    created = timezone.localtime(entry.created_at).isoformat()
    assert listed[entry.pk] == {
        "id": entry.pk, "deputy_id": deputy.pk, "deputy": "王小明", "rule": "inspection",
        "rule_name": rules["inspection"].name, "occurred_on": "2020-05-06", "points": entry.points, "kind": "award",
        "status": "verified", "reason": "", "reverses_id": None, "source_type": "points.activity",
        "source_id": activity.pk, "created_at": created, "decided_at": listed[entry.pk]["decided_at"]}
    assert listed[reversal.pk]["reverses_id"] == entry.pk
    assert listed[reversal.pk]["points"] == -entry.points
    assert listed[pending.pk]["status"] == "pending" and listed[pending.pk]["decided_at"] is None
    assert listed[pending.pk]["source_type"] == "points.selfreport"


def test_a_deputy_lists_only_their_own(rules, client):
    mine, other = DeputyFactory(), DeputyFactory()
    award(mine, rules)
    award(other, rules)
    api = APIClient()
    api.force_authenticate(deputy_user(mine))
    rows = api.get("/api/v1/points/entries/").json()["results"]
    assert [row["deputy_id"] for row in rows] == [mine.pk]


@pytest.mark.parametrize(("zone", "suffixes"), [("UTC", ("Z",)), ("Asia/Shanghai", ("+08:00",)),
                                               ("America/New_York", ("-05:00", "-04:00"))])
def test_a_list_gives_times_in_the_current_time_zone_as_an_entry_does(rules, zone, suffixes):
    _activity, entry = award(DeputyFactory(), rules)
    api = APIClient()
    api.force_authenticate(staff_user())
    with timezone.override(zone):
        listed = api.get("/api/v1/points/entries/").json()["results"][0]
        alone = EntryOutput(LedgerEntry.objects.get(pk=entry.pk)).data
    assert listed["created_at"] == alone["created_at"]
    assert listed["decided_at"] == alone["decided_at"]
    assert listed["created_at"].endswith(suffixes)
