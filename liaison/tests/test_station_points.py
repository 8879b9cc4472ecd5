"""A station's page gives the verified points of the deputies stationed there, this year and the
same period of the year before: read for that station alone, and the same figure as the station's
row in the points app's totals by station (a deputy stationed at two stations counts at both)."""

from datetime import date

import pytest

from congress.periods import Year
from congress.tests.factories import DeputyFactory
from liaison.selectors import station_points
from liaison.tests.factories import StationedDeputyFactory, StationFactory
from points.selectors import totals
from points.tests.factories import award

pytestmark = pytest.mark.django_db


def test_a_station_counts_its_own_deputies_points(rules):
    north, south, empty = StationFactory(name="北站"), StationFactory(name="南站"), StationFactory(name="空站")
    only_north, both, only_south = DeputyFactory(), DeputyFactory(), DeputyFactory()
    for station, deputy in ((north, only_north), (north, both), (south, both), (south, only_south)):
        StationedDeputyFactory(station=station, deputy=deputy)
    award(only_north, rules, "inspection", on=date(2020, 3, 2))   # 8
    award(only_north, rules, "reception", on=date(2019, 3, 2))    # 5, the year before
    award(both, rules, "voter_report", on=date(2020, 7, 1))       # 10
    award(only_south, rules, "training", on=date(2020, 9, 9))     # 3

    figures = {station.name: station_points(station=station, year=2020) for station in (north, south, empty)}
    assert {name: (row["points"], row["last_year_points"]) for name, row in figures.items()} == {
        "北站": (18, 5), "南站": (13, 0), "空站": (0, 0)}
    every_station = {row["id"]: row for row in totals(level="station", period=Year(2020))}
    assert figures["北站"] == every_station[north.pk] and figures["南站"] == every_station[south.pk]
