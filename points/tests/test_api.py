"""The points API: public endpoints read snapshots only; the ledger is scoped and append-only."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from congress.periods import Quarter
from congress.registry import registry
from congress.services import quarter_correct, quarter_publish
from congress.testing import sample_png
from congress.tests.factories import DeputyFactory, deputy_user
from points.models import EntryStatus, LedgerEntry
from points.tests.factories import award, self_report, small_district

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


@pytest.fixture
def api():
    return APIClient()


def test_unpublished_points_never_reach_the_public_api(api, rules, staff):
    small_district(rules, staff)
    assert api.get(reverse("points-api:quarters")).json()["results"] == []
    assert api.get(reverse("points-api:ranking", kwargs={"quarter": "2020Q2"})).status_code == 404
    assert api.get(reverse("points-api:quarter", kwargs={"quarter": "2020Q2"})).status_code == 404
    assert api.get(reverse("points-api:entries")).status_code in (401, 403)


def test_public_ranking_and_revision_history(api, rules, staff):
    d1, _, _ = small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 2))
    award(d1, rules, "issue_resolved", date(2020, 6, 20))
    quarter_correct(quarter=Quarter(2020, 2), reason="补录", corrected_by=staff)
    ranking = api.get(reverse("points-api:ranking", kwargs={"quarter": "2020Q2"})).json()["results"]
    assert [(r["deputy_name"], r["quarter_points"], r["quarter_rank"]) for r in ranking] == [
        ("一号", 20, 1), ("二号", 15, 2), ("三号", 0, 3)]
    first = api.get(reverse("points-api:ranking", kwargs={"quarter": "2020Q2"}), {"revision": 1}).json()["results"]
    assert first[0]["deputy_name"] == "二号"
    quarter = api.get(reverse("points-api:quarter", kwargs={"quarter": "2020Q2"})).json()
    assert (quarter["revision"], quarter["quarter_points"], quarter["year_points"]) == (2, 35, 45)
    assert [(r["revision"], r["reason"]) for r in quarter["revisions"]] == [(1, ""), (2, "补录")]
    assert "phone" not in str(ranking)


def test_a_deputy_sees_only_their_own_entries(api, rules, staff):
    d1, d2, _ = small_district(rules, staff)
    api.force_authenticate(deputy_user(d1))
    entries = api.get(reverse("points-api:entries")).json()["results"]
    assert {e["deputy_id"] for e in entries} == {d1.pk}
    assert len(entries) == 3
    other = LedgerEntry.objects.filter(deputy=d2).first()
    assert api.get(reverse("points-api:entry", args=[other.pk])).status_code == 404


def test_entries_cannot_be_changed_or_deleted_through_the_api(api, rules, staff):
    d1, _, _ = small_district(rules, staff)
    entry = LedgerEntry.objects.filter(deputy=d1, status=EntryStatus.VERIFIED).first()
    api.force_authenticate(staff)
    url = reverse("points-api:entry", args=[entry.pk])
    assert api.put(url, {"points": 99}, format="json").status_code == 405
    assert api.patch(url, {"points": 99}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
    assert api.post(reverse("points-api:entries"), {"points": 99}, format="json").status_code == 405
    entry.refresh_from_db()
    assert entry.points in (5, 8, 10)
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_staff_verify_reject_and_reverse(api, rules, staff):
    deputy = DeputyFactory()
    pending, other = self_report(deputy, rules), self_report(deputy, rules, on=date(2020, 5, 9))
    api.force_authenticate(staff)
    verified = api.post(reverse("points-api:entry-verify", args=[pending.pk])).json()
    assert verified["status"] == "verified"
    again = api.post(reverse("points-api:entry-verify", args=[pending.pk]))
    assert again.status_code == 409 and "detail" in again.json()
    missing = api.post(reverse("points-api:entry-reject", args=[other.pk]), {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    rejected = api.post(reverse("points-api:entry-reject", args=[other.pk]), {"reason": "无证明"}, format="json")
    assert (rejected.json()["status"], rejected.json()["reason"]) == ("rejected", "无证明")
    reversal = api.post(reverse("points-api:entry-reverse", args=[pending.pk]), {"reason": "重复"}, format="json")
    assert reversal.status_code == 201 and reversal.json()["points"] == -5


def test_a_deputy_cannot_verify(api, rules):
    deputy = DeputyFactory()
    entry = self_report(deputy, rules)
    api.force_authenticate(deputy_user(deputy))
    assert api.post(reverse("points-api:entry-verify", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING


def test_deputy_self_reports_through_the_api(api, rules, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deputy = DeputyFactory()
    api.force_authenticate(deputy_user(deputy))
    url = reverse("points-api:self-report")
    bad = api.post(url, {"rule": "reception", "occurred_on": "2020-05-01", "description": "接待",
                         "evidence": SimpleUploadedFile("x.exe", b"MZ")}, format="multipart")
    assert bad.status_code == 400 and "evidence" in bad.json()
    html = api.post(url, {"rule": "reception", "occurred_on": "2020-05-01", "description": "接待",
                          "evidence": SimpleUploadedFile("p.png", b"<html><script>alert(1)</script>", "image/png")},
                    format="multipart")
    assert html.status_code == 400 and "evidence" in html.json()
    system_only = api.post(url, {"rule": "meeting_attendance", "occurred_on": "2020-05-01", "description": "x",
                                 "evidence": SimpleUploadedFile("p.png", sample_png())}, format="multipart")
    assert system_only.status_code == 400 and "rule" in system_only.json()
    ok = api.post(url, {"rule": "reception", "occurred_on": "2020-05-01", "description": "接待选民",
                        "evidence": SimpleUploadedFile("p.png", sample_png())}, format="multipart")
    assert ok.status_code == 201
    assert (ok.json()["status"], ok.json()["points"], ok.json()["deputy_id"]) == ("pending", 5, deputy.pk)


def test_only_deputies_self_report(api, staff):
    api.force_authenticate(staff)
    response = api.post(reverse("points-api:self-report"), {}, format="multipart")
    assert response.status_code == 403
    assert response.json()["detail"] == "只有人大代表可以执行此操作。"
    assert not LedgerEntry.objects.exists()


def test_staff_totals_per_street_and_district(api, rules, staff):
    small_district(rules, staff)
    url = reverse("points-api:totals")
    assert api.get(url, {"period": "2020"}).status_code in (401, 403)
    api.force_authenticate(staff)
    [district] = api.get(url, {"period": "2020"}).json()
    assert (district["points"], district["last_year_points"], district["growth"]) == (38, 18, "1.1111")
    communities = api.get(url, {"period": "2020Q2", "level": "community"}).json()
    assert [(row["name"], row["points"]) for row in communities] == [("甲社区", 20), ("乙社区", 0)]
    assert api.get(url, {"period": "2020Q5"}).status_code == 400
