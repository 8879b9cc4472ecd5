"""The network imports and exports (stations, contact points, liaisons, stationings); an import
with a bad row imports nothing; meetings and issues export only."""

import pytest
import tablib
from django.urls import NoReverseMatch, reverse

from congress.tests.factories import CommunityFactory, DeputyFactory
from liaison.models import ContactPoint, Station, StationedDeputy
from liaison.resources import (
    ContactPointResource,
    LivelihoodIssueResource,
    StationedDeputyResource,
    StationResource,
)

pytestmark = pytest.mark.django_db


def test_stations_and_contact_points_import(rules):
    community = CommunityFactory(name="六和社区", code="C01")
    stations = tablib.Dataset(
        ("六和社区人大代表联络站", "community", community.street.name, "C01", "六和路1号", "周一至周五", "1", "1"),
        (f"{community.street.name}中心联络站", "central", community.street.name, "", "人民路2号", "", "1", "0"),
        headers=["name", "kind", "street", "community", "address", "opening_hours", "is_active", "order"])
    result = StationResource().import_data(stations)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Station.objects.count() == 2

    points = tablib.Dataset(("六和社区人大代表联络站", "六和居委会联系点", "residents_committee", "六和路1号", "1"),
                            headers=["station", "name", "kind", "address", "is_active"])
    assert not ContactPointResource().import_data(points).has_validation_errors()
    assert ContactPoint.objects.get().station.name == "六和社区人大代表联络站"


def test_a_bad_row_imports_nothing(rules):
    community = CommunityFactory(code="C02")
    stations = tablib.Dataset(
        ("甲站", "community", community.street.name, "C02", "一路1号", "", "1", "1"),
        ("乙站", "community", community.street.name, "C02", "二路2号", "", "1", "2"),  # same community
        ("丙站", "central", "不存在的街道", "", "三路3号", "", "1", "0"),
        headers=["name", "kind", "street", "community", "address", "opening_hours", "is_active", "order"])
    result = StationResource().import_data(stations)
    assert result.has_validation_errors() or result.has_errors()
    assert Station.objects.count() == 0


def test_stationings_import_by_deputy_number(station):
    deputy = DeputyFactory(code="D1-777")
    data = tablib.Dataset((station.name, "D1-777", "2019-01-01", ""),
                          (station.name, "D1-777", "2018-01-01", "2018-12-31"),
                          headers=["station", "deputy_code", "start_date", "end_date"])
    result = StationedDeputyResource().import_data(data)
    assert not result.has_errors() and not result.has_validation_errors()
    assert StationedDeputy.objects.filter(deputy=deputy).count() == 2


def test_issues_export_and_have_no_import(client, staff, issue_in_progress):
    exported = LivelihoodIssueResource().export().dict
    assert exported[0]["title"] == "1栋加装电梯协调" and "reporter_contact" not in exported[0]
    with pytest.raises(NoReverseMatch):
        reverse("admin:liaison_livelihoodissue_import")
    client.force_login(staff)
    assert client.get(reverse("admin:liaison_livelihoodissue_export")).status_code == 200
    assert client.get(reverse("admin:liaison_station_import")).status_code == 200
