"""The demo network and meeting history have the seed's figures, computed by the portal from the
records; the points ledger still reaches the seed's 2019/2020 totals with the real meetings,
topics and resolved issues in it; running the demo twice changes nothing."""

import random

import pytest
from django.contrib.auth import get_user_model

from congress.demo import seed_registry
from congress.periods import Year
from liaison import selectors
from liaison.demo import seed_liaison
from liaison.models import ContactPoint, IssueStatus, Liaison, LivelihoodIssue, Meeting, Station
from points.demo import seed_points
from points.models import LedgerEntry
from points.selectors import totals

pytestmark = pytest.mark.django_db


def test_demo_network_meetings_issues_and_points():
    messages = []
    seed_registry(rng=random.Random("2020:registry"), progress=messages.append)
    seed_liaison(rng=random.Random("2020:liaison"), progress=messages.append)

    counts = selectors.district_network_counts()
    assert (counts["community_stations"], counts["central_stations"], counts["contact_points"]) == (23, 6, 159)
    total = selectors.years_total(selectors.station_years())
    assert (total["deputy_meetings"], total["livelihood_meetings"], total["resolved"]) == (186, 87, 2685)
    assert max(Meeting.objects.values_list("held_on", flat=True)).isoformat() <= "2021-06-30"
    assert LivelihoodIssue.objects.exclude(status=IssueStatus.RESOLVED).exists()
    station_login = get_user_model().objects.get(username="station")
    assert [s.name for s in Station.objects.for_user(station_login)] == ["六和社区人大代表联络站"]
    liaison_points = {year: totals(level="district", period=Year(year))[0]["points"] for year in (2019, 2020)}
    assert all(points > 5_000 for points in liaison_points.values())
    assert LedgerEntry.objects.filter(source_type__app_label="liaison").count() > 5_000

    before = (Station.objects.count(), ContactPoint.objects.count(), Liaison.objects.count(),
              Meeting.objects.count(), LivelihoodIssue.objects.count(), LedgerEntry.objects.count())
    seed_liaison(rng=random.Random("2020:liaison"), progress=messages.append)
    assert (Station.objects.count(), ContactPoint.objects.count(), Liaison.objects.count(),
            Meeting.objects.count(), LivelihoodIssue.objects.count(), LedgerEntry.objects.count()) == before

    # The points step tops each year up to the seed's total around the liaison awards.
    seed_points(rng=random.Random("2020:points"), progress=messages.append)
    [year] = totals(level="district", period=Year(2020))
    assert (year["points"], year["last_year_points"]) == (36_576, 27_878)
    assert round(year["growth"] * 1000) == 312
    assert not LedgerEntry.objects.filter(source_type__model="activity", rule__code__in=[
        "meeting_attendance", "topic_lead", "issue_resolved"]).exists()
