"""Every list page and endpoint runs the same number of queries for 10 and for 100 deputies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.periods import Quarter
from congress.registry import registry
from congress.services import quarter_publish
from congress.tests.factories import deputy_user
from points.tests.factories import district_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return len(context.captured_queries), response


URLS = {
    "ranking page": lambda q: (reverse("points:ranking"), {"quarter": q}),
    "ranking page, latest": lambda q: (reverse("points:ranking"), {}),
    "ranking download": lambda q: (reverse("points:ranking"), {"quarter": q, "format": "csv"}),
    "ranking api": lambda q: (reverse("points-api:ranking", kwargs={"quarter": q}), {"page_size": 500}),
    "quarters api": lambda q: (reverse("points-api:quarters"), {}),
    "quarter api": lambda q: (reverse("points-api:quarter", kwargs={"quarter": q}), {}),
    "rules api": lambda q: (reverse("points-api:rules"), {}),
}


@pytest.mark.parametrize("name", URLS)
def test_public_pages_and_endpoints(client, rules, name):
    counts = []
    for n, quarter in ((10, Quarter(2020, 2)), (100, Quarter(2020, 3))):
        district_of(n, rules, on=quarter.first_day)
        quarter_publish(quarter=quarter)
        url, params = URLS[name](str(quarter))
        count, response = queries(client, url, **params)
        if name == "rules api":
            assert "meeting_attendance" in response.content.decode()
        elif name.startswith("ranking"):
            assert "代表" in response.content.decode()
        else:
            assert str(quarter) in response.content.decode()
        counts.append(count)
    assert counts[0] == counts[1]


def test_deputy_profile(client, rules):
    counts = []
    for n, quarter in ((10, Quarter(2020, 2)), (100, Quarter(2020, 3))):
        deputies = district_of(n, rules, on=quarter.first_day)
        quarter_publish(quarter=quarter)
        count, response = queries(client, reverse("deputy-detail", args=[deputies[0].pk]))
        assert f"?quarter={quarter}" in response.content.decode()
        counts.append(count)
    assert counts[0] == counts[1]


def test_my_points_and_the_ledger_endpoint(client, rules, staff):
    counts = {"page": [], "api": [], "staff_api": []}
    for n in (10, 100):
        deputies = district_of(n, rules)
        client.force_login(deputy_user(deputies[0]))
        counts["page"].append(queries(client, reverse("points:my-points"))[0])
        counts["api"].append(queries(client, reverse("points-api:entries"))[0])
        client.force_login(staff)
        count, response = queries(client, reverse("points-api:entries"))
        answer = response.json()
        assert len(answer["results"]) == (10 if n == 10 else 50)
        assert (answer["next"] is None) == (n == 10)
        counts["staff_api"].append(count)
    assert counts["page"][0] == counts["page"][1]
    assert counts["api"][0] == counts["api"][1]
    assert counts["staff_api"][0] == counts["staff_api"][1]


@pytest.mark.parametrize("url_name", ["admin:points_ledgerentry_changelist", "admin:points_activity_changelist",
                                      "admin:points_deputypointssnapshot_changelist"])
def test_back_office_lists(client, rules, staff, url_name):
    client.force_login(staff)
    counts = []
    for n, quarter in ((10, Quarter(2020, 2)), (100, Quarter(2020, 3))):
        district_of(n, rules, on=quarter.first_day)
        quarter_publish(quarter=quarter)
        count, response = queries(client, reverse(url_name))
        assert "代表" in response.content.decode() or "会" in response.content.decode()
        counts.append(count)
    assert counts[0] == counts[1]
