"""Totals computed in SQL against figures worked out by hand (factories.small_district)."""

from decimal import Decimal

import pytest

from congress.periods import Quarter, Year
from points.selectors import deputies_ranked, deputy_live_standing, publication_figures, totals
from points.tests.factories import small_district

pytestmark = pytest.mark.django_db


def by_name(rows):
    return {row["name"]: (row["points"], row["last_year_points"], row["growth"]) for row in rows}


def test_year_totals_per_deputy_community_street_and_district(rules, staff):
    small_district(rules, staff)
    assert by_name(totals(level="deputy", period=Year(2020))) == {
        "一号": (15, 8, Decimal("0.8750")), "二号": (15, 0, None), "三号": (8, 10, Decimal("-0.2000"))}
    assert by_name(totals(level="community", period=Year(2020))) == {
        "甲社区": (30, 8, Decimal("2.7500")), "乙社区": (8, 10, Decimal("-0.2000"))}
    streets = totals(level="street", period=Year(2020))
    assert sorted(row["points"] for row in streets) == [8, 30]
    [district] = totals(level="district", period=Year(2020))
    assert (district["points"], district["last_year_points"], district["growth"]) == (38, 18, Decimal("1.1111"))


def test_quarter_totals_and_growth_on_the_same_quarter_last_year(rules, staff):
    small_district(rules, staff)
    [district] = totals(level="district", period=Quarter(2020, 2))
    assert (district["points"], district["last_year_points"], district["growth"]) == (20, 8, Decimal("1.5000"))
    [q4] = totals(level="district", period=Quarter(2020, 4))
    assert (q4["points"], q4["last_year_points"], q4["growth"]) == (8, 0, None)


def test_ranks_are_standard_competition_ranks(rules, staff):
    small_district(rules, staff)
    rows = {d.name: (d.quarter_points, d.quarter_rank, d.year_points, d.year_rank)
            for d in deputies_ranked(quarter=Quarter(2020, 2))}
    assert rows == {"二号": (15, 1, 15, 1), "一号": (5, 2, 15, 1), "三号": (0, 3, 0, 3)}


def test_publication_figures_for_the_district(rules, staff):
    small_district(rules, staff)
    figures = publication_figures(quarter=Quarter(2020, 2))
    assert figures["district"] == {"quarter_points": 20, "year_points": 30,
                                   "last_year_quarter_points": 8, "last_year_points": 18}
    assert len(figures["deputies"]) == 3


def test_live_standing_of_a_deputy(rules, staff):
    d1, _, _ = small_district(rules, staff)
    standing = deputy_live_standing(deputy=d1, quarter=Quarter(2020, 2))
    assert (standing.points, standing.rank, standing.of, standing.year_points) == (5, 2, 3, 15)
