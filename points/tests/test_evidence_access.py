"""Evidence of a self-report is private: the deputy who filed it and staff can open it; another
deputy gets a 404, an anonymous visitor the login page, and no public URL serves the file."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congress.testing import sample_pdf
from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from points.services import entry_self_report

PDF = sample_pdf()


def file_report(deputy, rules):
    entry = entry_self_report(deputy=deputy, rule=rules["reception"], occurred_on=date(2020, 5, 6),
                              description="走访接待居民", submitted_by=staff_user(),
                              evidence=SimpleUploadedFile("visit.pdf", PDF, "application/pdf"))
    return entry.source


def test_the_deputy_and_staff_open_the_evidence_others_get_404(client, rules, deputy):
    report = file_report(deputy, rules)
    url = reverse("points:evidence", args=[report.pk])

    client.force_login(deputy_user(deputy))
    own = client.get(url)
    assert b"".join(own.streaming_content) == PDF
    assert own["Content-Disposition"].startswith("attachment")

    client.force_login(deputy_user(DeputyFactory()))
    assert client.get(url).status_code == 404

    client.force_login(staff_user())
    assert b"".join(client.get(url).streaming_content) == PDF


def test_anonymous_visitors_are_sent_to_log_in_and_no_media_url_serves_the_file(client, rules, deputy):
    report = file_report(deputy, rules)
    response = client.get(reverse("points:evidence", args=[report.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get(f"/media/{report.evidence.name}").status_code == 404
