"""The suggestions part of a quarter's publication: immutable snapshots; the public ranking reads them."""

from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import OrganizationFactory, staff_user
from suggestions.models import DistrictScoreSnapshot, UnitScoreSnapshot
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(settings):
    settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING = 1
    edu, water = OrganizationFactory(name="区教育局"), OrganizationFactory(name="区水务局")
    handling(organization=edu, on=date(2020, 3, 1), stage="evaluated", reply="A+", implementation="A+")
    handling(organization=water, on=date(2020, 3, 1), stage="evaluated", reply="A", implementation="B")
    handling(organization=water, on=date(2020, 11, 1), stage="evaluated", reply="A+", implementation="A+")
    return edu, water


def test_a_quarter_snapshot_counts_up_to_the_end_of_the_quarter(graded):
    publication = quarter_publish(quarter=Quarter(2020, 1), today=date(2021, 1, 20))
    district = DistrictScoreSnapshot.objects.get(publication=publication)
    assert (district.evaluated, district.full_mark_replies) == (2, 1)
    rows = {r.unit_name: (r.rank, r.mean_final) for r in UnitScoreSnapshot.objects.filter(publication=publication)}
    assert rows == {"区教育局": (1, 100), "区水务局": (2, 75)}
    assert quarter_publish(quarter=Quarter(2020, 1), today=date(2021, 1, 20)) == publication
    assert DistrictScoreSnapshot.objects.count() == 1


def test_the_public_ranking_shows_the_latest_quarter_and_its_revisions(client, graded):
    quarter_publish(quarter=Quarter(2020, 1), today=date(2021, 1, 20))
    quarter_publish(quarter=Quarter(2020, 4), today=date(2021, 1, 20))
    quarter_correct(quarter=Quarter(2020, 4), reason="更正一项评价录入错误", corrected_by=staff_user())
    page = client.get(reverse("suggestions:ranking") + "?year=2020").content.decode()
    assert "2020Q4" in page and "更正一项评价录入错误" in page
    assert page.index("区教育局") < page.index("区水务局")  # 100 before (75 + 100) / 2 = 87.5
    rows = client.get(reverse("suggestions:ranking") + "?year=2020&format=json").json()
    assert [(r["unit"], r["rank"], r["mean_final"]) for r in rows] == [("区教育局", 1, 100), ("区水务局", 2, 87.5)]
    api = client.get("/api/v1/suggestions/ranking/?year=2020").json()
    assert (api["quarter"], api["revision"]) == ("2020Q4", 2)
    assert "<svg" in page
