"""The back office's list of livelihood issues is narrowed by year: the years run from the first
issue raised to the last (no date hierarchy listing the distinct years of every issue), a year
shows the issues raised in it only, newest first, and a year that is no year shows every issue
instead of an error. Station staff get the years and issues of their own stations."""

from datetime import date

import pytest
from django.urls import reverse

from liaison import services
from liaison.tests.factories import ContactPointFactory, StationFactory, station_staff_of

pytestmark = pytest.mark.django_db


def raise_issue(station, title, on):
    point = ContactPointFactory(station=station)
    return services.issue_raise(station=station, origin="contact_point", contact_point=point, title=title,
                                raised_on=on, raised_by=station_staff_of(station))


@pytest.fixture
def issues(station):
    raise_issue(station, "二〇一八年的问题", date(2018, 3, 1))
    raise_issue(station, "二〇二〇年的问题", date(2020, 5, 6))
    raise_issue(station, "二〇二〇年又一个问题", date(2020, 9, 1))


def changelist(client, **params):
    response = client.get(reverse("admin:liaison_livelihoodissue_changelist"), params)
    assert response.status_code == 200
    return response


def shown(response) -> list[str]:
    return [issue.title for issue in response.context["cl"].result_list]


def test_the_years_run_from_the_first_issue_to_the_last_and_narrow_the_list(client, staff, issues):
    client.force_login(staff)
    whole = changelist(client)
    assert shown(whole) == ["二〇二〇年又一个问题", "二〇二〇年的问题", "二〇一八年的问题"]
    html = whole.content.decode()
    assert all(f"?year={year}" in html for year in (2018, 2019, 2020))
    assert "?year=2017" not in html and "?year=2021" not in html

    assert shown(changelist(client, year="2020")) == ["二〇二〇年又一个问题", "二〇二〇年的问题"]
    assert shown(changelist(client, year="2019")) == []


@pytest.mark.parametrize("year", ["abc", "99999999", "-1", ""])
def test_a_year_that_is_no_year_shows_every_issue(client, staff, issues, year):
    client.force_login(staff)
    assert changelist(client, year=year).context["cl"].result_count == 3


def test_station_staff_get_the_years_of_their_own_stations_issues(client, station, station_login, issues):
    raise_issue(StationFactory(), "别站二〇二二年的问题", date(2022, 1, 5))
    client.force_login(station_login)
    whole = changelist(client)
    assert whole.context["cl"].result_count == 3
    assert "?year=2020" in whole.content.decode() and "?year=2022" not in whole.content.decode()
    assert shown(changelist(client, year="2022")) == []
