"""A deputy's own pages: the phone self-report form and "my points"; the staff correction page."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.models import Publication
from congress.periods import Quarter
from congress.registry import registry
from congress.roles import Role
from congress.services import quarter_publish
from congress.testing import sample_pdf
from congress.tests.factories import UserFactory
from points.models import EntryStatus, LedgerEntry
from points.tests.factories import award, small_district

pytestmark = pytest.mark.django_db


def test_self_report_form_offers_self_reportable_activities(client, deputy_login, rules):
    client.force_login(deputy_login)
    page = client.get(reverse("points:self-report")).content.decode()
    assert 'class="choice-list"' in page
    assert rules["reception"].name in page and rules["inspection"].name in page
    assert rules["meeting_attendance"].name not in page
    assert 'enctype="multipart/form-data"' in page


def test_self_report_in_a_few_taps(client, deputy_login, deputy, rules, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(deputy_login)
    response = client.post(reverse("points:self-report"), {
        "rule": rules["voter_report"].pk, "occurred_on": "2020-12-01", "description": "向选民述职一次",
        "evidence": SimpleUploadedFile("report.pdf", sample_pdf())})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(deputy=deputy)
    assert (entry.status, entry.points, entry.rule.code) == (EntryStatus.PENDING, 10, "voter_report")
    ledger = client.get(reverse("points:my-points")).content.decode()
    assert rules["voter_report"].name in ledger


def test_self_report_refuses_bad_evidence_and_saves_nothing(client, deputy_login, rules, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(deputy_login)
    response = client.post(reverse("points:self-report"), {
        "rule": rules["reception"].pk, "occurred_on": "2020-12-01", "description": "x",
        "evidence": SimpleUploadedFile("run.sh", b"#!")})
    assert response.status_code == 400
    assert "PDF" in response.context["form"].errors["evidence"][0]
    assert not LedgerEntry.objects.exists()


def test_my_points_shows_live_figures_marked_unpublished(client, deputy_login, deputy, rules, monkeypatch):
    from django.utils import timezone

    from congress.periods import local_date
    from points.tests.factories import district_of

    today = local_date(timezone.now())
    district_of(2, rules, on=today)
    award(deputy, rules, "issue_resolved", on=today)
    client.force_login(deputy_login)
    response = client.get(reverse("points:my-points"))
    standing = response.context["standing"]
    assert (standing.points, standing.rank, standing.of) == (15, 1, 3)
    assert [row["rule_name"] for row in response.context["page"]] == [rules["issue_resolved"].name]


def test_my_points_is_for_deputies(client, staff):
    client.force_login(staff)
    refused = client.get(reverse("points:my-points"))
    assert refused.status_code == 403
    assert "我的履职积分" not in refused.content.decode()
    client.logout()
    anonymous = client.get(reverse("points:my-points"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


def test_correction_page_is_staff_only_and_publishes_a_revision(client, rules, staff, monkeypatch):
    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])
    small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 2))
    client.force_login(UserFactory(role=Role.STATION_STAFF))
    assert client.post(reverse("points:correction"), {"quarter": "2020Q2", "reason": "x"}).status_code == 403
    client.force_login(staff)
    refused = client.post(reverse("points:correction"), {"quarter": "2020Q2", "reason": ""})
    assert refused.status_code == 400
    response = client.post(reverse("points:correction"), {"quarter": "2020Q2", "reason": "补录遗漏的视察"})
    assert response.status_code == 302
    assert list(Publication.objects.values_list("revision", "reason").order_by("revision")) == [
        (1, ""), (2, "补录遗漏的视察")]


def test_the_date_field_is_a_native_date_picker_with_an_iso_value(client, deputy_login):
    client.force_login(deputy_login)
    page = client.get(reverse("points:self-report")).content.decode()
    from django.utils import timezone

    from congress.periods import local_date

    assert f'type="date" name="occurred_on" value="{local_date(timezone.now()).isoformat()}"' in page
