"""The back office: verified entries are view-only, workflow through actions calling services."""

from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from congress.registry import registry
from congress.services import quarter_publish
from points.models import DeputyPointsSnapshot, EntryStatus, LedgerEntry
from points.tests.factories import award, self_report, small_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_a_verified_entry_cannot_be_changed_or_deleted_in_the_admin(staff_client, rules, deputy):
    _, entry = award(deputy, rules)
    change = reverse("admin:points_ledgerentry_change", args=[entry.pk])
    page = staff_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    staff_client.post(change, {"points": 99, "status": "pending"})
    assert staff_client.get(reverse("admin:points_ledgerentry_delete", args=[entry.pk])).status_code == 403
    assert staff_client.post(reverse("admin:points_ledgerentry_delete", args=[entry.pk]), {"post": "yes"}
                             ).status_code == 403
    assert staff_client.get(reverse("admin:points_ledgerentry_add")).status_code == 403
    changelist = staff_client.get(reverse("admin:points_ledgerentry_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    staff_client.post(reverse("admin:points_ledgerentry_changelist"),
                      {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    entry.refresh_from_db()
    assert (entry.points, entry.status) == (8, EntryStatus.VERIFIED)


def test_verify_and_reject_actions(staff_client, rules, deputy):
    accepted, refused = self_report(deputy, rules), self_report(deputy, rules, on=date(2020, 5, 2))
    url = reverse("admin:points_ledgerentry_changelist")
    staff_client.post(url, {"action": "verify_entries", "_selected_action": [accepted.pk]})
    form = staff_client.post(url, {"action": "reject_entries", "_selected_action": [refused.pk]})
    assert 'name="reason"' in form.content.decode()
    staff_client.post(url, {"action": "reject_entries", "_selected_action": [refused.pk], "apply": "1",
                            "reason": "照片与活动不符"})
    assert dict(LedgerEntry.objects.values_list("pk", "status")) == {accepted.pk: "verified", refused.pk: "rejected"}
    assert LedgerEntry.objects.get(pk=refused.pk).reason == "照片与活动不符"


def test_reverse_action_appends_a_reversal(staff_client, rules, deputy):
    _, entry = award(deputy, rules)
    staff_client.post(reverse("admin:points_ledgerentry_changelist"),
                      {"action": "reverse_entries", "_selected_action": [entry.pk], "apply": "1", "reason": "重复"})
    assert sorted(LedgerEntry.objects.values_list("points", flat=True)) == [-8, 8]


def test_a_deputy_login_has_no_back_office(client, deputy_login, rules, deputy):
    award(deputy, rules)
    client.force_login(deputy_login)
    response = client.get(reverse("admin:points_ledgerentry_changelist"))
    assert response.status_code == 302


def test_snapshots_are_read_only_and_link_to_the_correction_page(staff_client, rules, staff, monkeypatch):
    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])
    small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 2))
    row = DeputyPointsSnapshot.objects.first()
    changelist = staff_client.get(reverse("admin:points_deputypointssnapshot_changelist")).content.decode()
    assert reverse("points:correction") in changelist
    assert staff_client.get(reverse("admin:points_deputypointssnapshot_delete", args=[row.pk])).status_code == 403
    page = staff_client.get(reverse("admin:points_deputypointssnapshot_change", args=[row.pk])).content.decode()
    assert 'name="_save"' not in page


def test_the_database_refuses_changing_a_snapshot(requires_postgres, rules, staff, monkeypatch):
    from django.db import DatabaseError, transaction

    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])
    small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 2))
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        DeputyPointsSnapshot.objects.update(quarter_points=1000)
    assert 1000 not in DeputyPointsSnapshot.objects.values_list("quarter_points", flat=True)


def test_recording_an_activity_awards_every_participant(staff_client, rules):
    from congress.tests.factories import DeputyFactory

    a, b = DeputyFactory(), DeputyFactory()
    response = staff_client.post(reverse("admin:points_activity_add"), {
        "rule": rules["inspection"].pk, "occurred_on": "2020-09-01", "title": "视察垃圾分类", "description": "",
        "reference": "", "participants": [a.pk, b.pk]})
    assert response.status_code == 302
    assert sorted(LedgerEntry.objects.values_list("deputy_id", "points")) == [(a.pk, 8), (b.pk, 8)]


def test_a_new_rule_value_is_added_in_the_admin_and_old_ones_stay(staff_client, rules):
    from points.models import PointRuleVersion
    from points.selectors import points_in_force

    rule = rules["reception"]
    url = reverse("admin:points_pointrule_change", args=[rule.pk])
    page = staff_client.get(url).content.decode()
    assert "2017-01-01" in page or "2017年1月1日" in page
    prefix = "versions"
    response = staff_client.post(url, {
        "code": rule.code, "name": rule.name, "description": "", "self_reportable": "on", "is_active": "on",
        "order": rule.order, f"{prefix}-TOTAL_FORMS": 2, f"{prefix}-INITIAL_FORMS": 1, f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000, f"{prefix}-0-id": rule.versions.get().pk, f"{prefix}-0-rule": rule.pk,
        f"{prefix}-1-rule": rule.pk, f"{prefix}-1-effective_from": "2021-01-01", f"{prefix}-1-points": 7})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(PointRuleVersion.objects.filter(rule=rule).values_list("effective_from", "points")
                .order_by("effective_from")) == [(date(2017, 1, 1), 5), (date(2021, 1, 1), 7)]
    assert points_in_force(rule=rule, on=date(2021, 2, 1)) == 7
    assert PointRuleVersion.objects.get(rule=rule, effective_from=date(2021, 1, 1)).created_by is not None


def test_a_new_rule_is_created_with_its_first_value_by_the_service_and_its_code_never_changes(staff_client):
    from points.models import PointRule

    response = staff_client.post(reverse("admin:points_pointrule_add"), {
        "code": "site_visit", "name": "实地察看", "description": "", "order": 5, "points": 6,
        "effective_from": "2020-01-01"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    rule = PointRule.objects.get(code="site_visit")
    assert list(rule.versions.values_list("points", "effective_from")) == [(6, date(2020, 1, 1))]
    page = staff_client.get(reverse("admin:points_pointrule_change", args=[rule.pk])).content.decode()
    assert 'name="code"' not in page
