"""Outside a user's scope is a 404 on the site, the admin and the API alike: a lead unit reaches
only its own projects and reports; a draft ballot is nobody's but staff's."""

from datetime import date

import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, unit_user
from projects.models import ProgressReport
from projects.services import progress_report_submit
from projects.tests.factories import ballot_with, elected_project

pytestmark = pytest.mark.django_db


def test_a_unit_reaches_only_its_own_projects(client, staff):
    mine, theirs = elected_project(staff), elected_project(staff)
    handler = unit_user(mine.lead_unit)
    report = progress_report_submit(project=theirs, reported_on=date(2020, 5, 1), percent_complete=20, text="x",
                                    submitted_by=staff)
    client.force_login(handler)
    assert client.get(reverse("projects:report", args=[mine.pk])).status_code == 200
    assert client.get(reverse("projects:report", args=[theirs.pk])).status_code == 404
    data = {"reported_on": "2020-05-01", "percent_complete": 30, "text": "进展"}
    assert client.post(reverse("projects-api:report-submit", args=[theirs.pk]), data).status_code == 404
    assert client.post(reverse("projects-api:report-submit", args=[mine.pk]), data).status_code == 201
    assert client.get(reverse("admin:projects_progressreport_change", args=[report.pk])).status_code in (302, 404)
    unit_page = client.get(reverse("projects:unit-projects")).content.decode()
    assert mine.title in unit_page and theirs.title not in unit_page


def test_another_unit_gets_404_in_the_admin(client, staff):
    project = elected_project(staff)
    report = progress_report_submit(project=project, reported_on=date(2020, 5, 1), percent_complete=20, text="x",
                                    submitted_by=staff)
    client.force_login(unit_user(OrganizationFactory()))
    assert client.get(reverse("admin:projects_progressreport_change", args=[report.pk])).status_code == 404
    client.force_login(unit_user(project.lead_unit))
    assert client.get(reverse("admin:projects_progressreport_change", args=[report.pk])).status_code == 200


def test_staff_only_actions_through_the_api(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="draft", staff=staff)
    client.force_login(users[0])
    assert client.post(reverse("projects-api:ballot-open", args=[ballot.pk])).status_code == 403
    assert client.get(reverse("projects-api:ballot", args=[ballot.pk])).status_code == 404
    client.force_login(staff)
    assert client.post(reverse("projects-api:ballot-open", args=[ballot.pk])).status_code == 200
    assert client.post(reverse("projects-api:ballot-open", args=[ballot.pk])).status_code == 409
    report = progress_report_submit(project=elected_project(staff), reported_on=date(2020, 5, 1), percent_complete=5,
                                    text="x", submitted_by=staff)
    assert client.post(reverse("projects-api:report-return", args=[report.pk]), {}).status_code == 400
    assert client.post(reverse("projects-api:report-approve", args=[report.pk])).status_code == 200
    assert client.post(reverse("projects-api:report-approve", args=[report.pk])).status_code == 409
    assert ProgressReport.objects.get(pk=report.pk).status == "approved"


def test_a_draft_ballot_is_not_public(client, staff):
    ballot, _ = ballot_with(candidates=3, seats=1, status="draft", staff=staff)
    for url in (reverse("projects:ballot", args=[ballot.pk]), reverse("projects:projector", args=[ballot.pk]),
                reverse("projects:projector-data", args=[ballot.pk])):
        assert client.get(url).status_code == 404
