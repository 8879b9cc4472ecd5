"""Public pages read published snapshots only."""

import json
from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import DeputyPrivateFactory
from points.tests.factories import award, small_district

pytestmark = pytest.mark.django_db
Q2 = Quarter(2020, 2)
RANKING = reverse("points:ranking")


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    from congress.registry import registry

    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


def test_unpublished_points_never_reach_the_ranking_or_the_profile(client, rules, staff):
    d1, _, _ = small_district(rules, staff)
    response = client.get(RANKING)
    assert response.context.get("publication") is None
    assert "一号" not in response.content.decode()
    assert client.get(RANKING, {"quarter": "2020Q2"}).status_code == 404
    profile = client.get(reverse("deputy-detail", args=[d1.pk])).content.decode()
    assert "一号" in profile
    assert "?quarter=" not in profile


def test_ranking_shows_the_latest_revision_and_not_later_ledger_changes(client, rules, staff):
    d1, d2, _ = small_district(rules, staff)
    quarter_publish(quarter=Q2)
    award(d2, rules, "issue_resolved", date(2020, 6, 30), title="迟到的记录")  # after publication
    response = client.get(RANKING, {"quarter": "2020Q2"})
    rows = {row["deputy_name"]: row["quarter_points"] for row in response.context["rows"]}
    assert rows == {"二号": 15, "一号": 5, "三号": 0}
    page = response.content.decode()
    assert "<svg" in page and "一号" in page
    assert "?quarter=2020Q2&amp;format=csv" in page


def test_revision_history_shows_the_reason(client, rules, staff):
    d1, _, _ = small_district(rules, staff)
    quarter_publish(quarter=Q2)
    award(d1, rules, "issue_resolved", date(2020, 6, 20))
    quarter_correct(quarter=Q2, reason="补录6月民生问题", corrected_by=staff)
    response = client.get(RANKING, {"quarter": "2020Q2"})
    assert {row["deputy_name"]: row["quarter_points"] for row in response.context["rows"]}["一号"] == 20
    assert [(r.revision, r.reason) for r in response.context["revisions"]] == [(1, ""), (2, "补录6月民生问题")]
    assert "补录6月民生问题" in response.content.decode()


def test_downloads_carry_public_columns_only(client, rules, staff):
    d1, _, _ = small_district(rules, staff)
    DeputyPrivateFactory(deputy=d1, phone="13900001111")
    quarter_publish(quarter=Q2)
    data = json.loads(client.get(RANKING, {"quarter": "2020Q2", "format": "json"}).content)
    assert data[0] == {"quarter_rank": 1, "deputy_code": "T-002", "deputy_name": "二号", "street_name": data[0][
        "street_name"], "community_name": "甲社区", "quarter_points": 15, "year_rank": 1, "year_points": 15}
    csv = client.get(RANKING, {"quarter": "2020Q2", "format": "csv"}).content.decode("utf-8-sig")
    assert "一号" in csv and "13900001111" not in csv
    xlsx = client.get(RANKING, {"quarter": "2020Q2", "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_profile_shows_the_published_history(client, rules, staff):
    d1, _, _ = small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 1))
    quarter_publish(quarter=Q2)
    section = client.get(reverse("deputy-detail", args=[d1.pk])).content.decode()
    assert section.count("?quarter=2020Q") == 2
    assert "?quarter=2020Q1" in section and "?quarter=2020Q2" in section


def test_home_figure_shows_the_published_year_and_growth(client, rules, staff):
    from points.views import points_home_figures

    small_district(rules, staff)
    assert points_home_figures(2020) == []
    for number in (1, 2, 3, 4):
        quarter_publish(quarter=Quarter(2020, number))
    [figure] = points_home_figures(2020)
    assert figure.value == "38"
    assert "111.1" in figure.note
