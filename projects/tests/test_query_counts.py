"""Every list page and endpoint runs the same number of queries for 3 and for 12 projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import KeyProject
from projects.tests.factories import district_of

pytestmark = pytest.mark.django_db


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


PUBLIC = {
    "index": lambda b, p: (reverse("projects:index"), {"year": 2020}),
    "index download": lambda b, p: (reverse("projects:index"), {"year": 2020, "format": "csv"}),
    "ballot page": lambda b, p: (reverse("projects:ballot", args=[b.pk]), {}),
    "ballot download": lambda b, p: (reverse("projects:ballot", args=[b.pk]), {"format": "xlsx"}),
    "projector": lambda b, p: (reverse("projects:projector", args=[b.pk]), {}),
    "projector data": lambda b, p: (reverse("projects:projector-data", args=[b.pk]), {}),
    "project page": lambda b, p: (reverse("projects:project", args=[p.pk]), {}),
    "micro page": lambda b, p: (reverse("projects:micro"), {}),
    "micro download": lambda b, p: (reverse("projects:micro"), {"format": "json"}),
    "ballots api": lambda b, p: (reverse("projects-api:ballots"), {}),
    "ballot api": lambda b, p: (reverse("projects-api:ballot", args=[b.pk]), {}),
    "projects api": lambda b, p: (reverse("projects-api:projects"), {"page_size": 100}),
    "project api": lambda b, p: (reverse("projects-api:project", args=[p.pk]), {}),
    "statistics api": lambda b, p: (reverse("projects-api:statistics"), {}),
    "micro api": lambda b, p: (reverse("projects-api:micro-projects"), {"page_size": 100}),
    "micro statistics api": lambda b, p: (reverse("projects-api:micro-statistics"), {"level": "community"}),
}


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_and_endpoints(client, staff, rules, name):
    counts = []
    for n in (3, 12):
        ballot = district_of(n, staff)
        project = KeyProject.objects.filter(candidacies__ballot=ballot, status="in_progress").first()
        url, params = PUBLIC[name](ballot, project)
        counts.append(queries(client, url, params))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("url_name", ["admin:projects_keyproject_changelist", "admin:projects_ballot_changelist",
                                      "admin:projects_progressreport_changelist",
                                      "admin:projects_microproject_changelist",
                                      "admin:projects_ballotreceipt_changelist"])
def test_back_office_lists(client, staff, rules, url_name):
    client.force_login(staff)
    counts = []
    for n in (3, 12):
        district_of(n, staff)
        counts.append(queries(client, reverse(url_name)))
    assert counts[0] == counts[1]


def test_a_units_progress_page(client, staff, rules):
    client.force_login(staff)
    counts = []
    for n in (3, 12):
        district_of(n, staff)
        counts.append(queries(client, reverse("projects:unit-projects")))
    assert counts[0] == counts[1]
