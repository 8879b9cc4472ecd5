"""What a citizen sees: results the moment a ballot closes, progress with a chart, micro-project
statistics by street and community, downloads; the projector polls with a static script."""

import re

import pytest
from django.urls import reverse

from projects.models import KeyProject
from projects.tests.factories import district_of

pytestmark = pytest.mark.django_db


def test_results_progress_and_micro_projects(client, staff, rules):
    ballot = district_of(3, staff)
    page = client.get(reverse("projects:ballot", args=[ballot.pk])).content.decode()
    assert page.count("badge ok") == 3 and "<svg" in page
    project = KeyProject.objects.filter(candidacies__ballot=ballot, status="in_progress").first()
    index = client.get(reverse("projects:index"), {"year": 2020}).content.decode()
    assert project.title in index and "50 %" in index and "<svg" in index
    detail = client.get(reverse("projects:project", args=[project.pk])).content.decode()
    assert "检测中心" in detail and "良好" in detail
    micro = client.get(reverse("projects:micro")).content.decode()
    assert "100.0 %" in micro and "微实事0" in micro
    csv = client.get(reverse("projects:micro"), {"table": "communities", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and ",3,3,3,3," in csv.content.decode("utf-8-sig")


def test_the_projector_has_no_inline_script_and_a_poll_url(client, staff, rules):
    ballot = district_of(2, staff)
    page = client.get(reverse("projects:projector", args=[ballot.pk])).content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert reverse("projects:projector-data", args=[ballot.pk]) in page
    data = client.get(reverse("projects:projector-data", args=[ballot.pk])).json()
    assert data == {"status": "closed", "voted": 3, "entitled": 5, "turnout": "60.0 %"}


def test_bad_parameters_are_not_errors(client):
    assert client.get(reverse("projects:index"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("projects:micro"), {"year": "x", "street": "'", "page": "999"}).status_code == 200
    answer = client.get(reverse("projects-api:micro-projects"), {"year": "x", "status": "bogus\x00"})
    assert answer.status_code == 400 and set(answer.json()) == {"year", "status"}
    # An id larger than any id column: a 400 naming the field on every database (SQLite overflowed).
    too_large = client.get(reverse("projects-api:micro-projects"), {"street": "9" * 20, "community": "9" * 20})
    assert too_large.status_code == 400 and set(too_large.json()) == {"street", "community"}
    assert client.get(reverse("projects-api:micro-statistics"), {"level": "x"}).status_code == 400
