"""Station staff reach their own station's records only: another station's meeting, issue,
reception or liaison is a 404 on the site, in the admin and in the API, and the services refuse
to record for it."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from congress.errors import NotPermitted
from congress.tests.factories import deputy_user
from liaison import services
from liaison.models import Meeting
from liaison.tests.factories import LiaisonFactory, StationFactory, station_staff_of, stationed

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(rules):
    """Another station with a draft meeting, an issue and a liaison, recorded by its own staff."""
    station = StationFactory()
    login = station_staff_of(station)
    deputies = stationed(station, 2)
    meeting = services.meeting_create(station=station, kind="deputy_deliberation", held_on=date(2020, 5, 5),
                                      recorded_by=login)
    services.topic_add(meeting=meeting, title="噪音扰民", lead_deputy=deputies[0], recorded_by=login)
    issue = services.issue_raise(station=station, origin="topic", topic=meeting.topics.get(), title="夜间施工噪音",
                                 raised_on=date(2020, 5, 5), raised_by=login)
    reception = services.reception_record(station=station, deputy=deputies[1], received_on=date(2020, 5, 6),
                                          recorded_by=login)
    return {"station": station, "meeting": meeting, "issue": issue, "reception": reception,
            "liaison": LiaisonFactory(station=station), "deputies": deputies}


def test_site_pages_of_another_station_are_404(client, station_login, station, other):
    client.force_login(station_login)
    urls = [f"/liaison/work/{other['station'].pk}/", f"/liaison/work/{other['station'].pk}/meetings/new/",
            f"/liaison/work/{other['station'].pk}/issues/new/", f"/liaison/work/{other['station'].pk}/receptions/new/",
            f"/liaison/meetings/{other['meeting'].pk}/", f"/liaison/issues/{other['issue'].pk}/"]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [f"/liaison/meetings/{other['meeting'].pk}/confirm/",
             f"/liaison/meetings/{other['meeting'].pk}/attendance/", f"/liaison/issues/{other['issue'].pk}/start/",
             f"/liaison/work/{other['station'].pk}/meetings/new/"]
    for url in posts:
        assert client.post(url, {"kind": "deputy_deliberation", "held_on": "2020-06-01"}).status_code == 404, url
    assert client.get(f"/liaison/work/{station.pk}/").status_code == 200
    other["meeting"].refresh_from_db()
    assert other["meeting"].status == "draft" and other["station"].meetings.count() == 1


def test_admin_rows_of_another_station_are_404(client, station_login, other):
    client.force_login(station_login)
    for model, obj in (("meeting", other["meeting"]), ("livelihoodissue", other["issue"]),
                       ("reception", other["reception"]), ("liaison", other["liaison"]),
                       ("station", other["station"])):
        assert client.get(f"/admin/liaison/{model}/{obj.pk}/change/").status_code == 404, model
        listing = client.get(f"/admin/liaison/{model}/")
        assert listing.status_code == 200 and str(obj) not in listing.content.decode(), model


def test_api_of_another_station_is_404(station_login, station, other):
    api = APIClient()
    api.force_authenticate(station_login)
    assert api.get(f"/api/v1/liaison/meetings/{other['meeting'].pk}/").status_code == 404
    assert api.get(f"/api/v1/liaison/issues/{other['issue'].pk}/").status_code == 404
    assert api.post(f"/api/v1/liaison/meetings/{other['meeting'].pk}/confirm/").status_code == 404
    assert api.post(f"/api/v1/liaison/issues/{other['issue'].pk}/close/", {"reason": "x"}).status_code == 404
    assert api.post("/api/v1/liaison/meetings/", {"station": other["station"].pk, "kind": "deputy_deliberation",
                                                  "held_on": "2020-06-01"}).status_code == 404
    assert api.get("/api/v1/liaison/meetings/").json()["count"] == 0
    assert api.get("/api/v1/liaison/issues/").json()["results"] == []
    assert Meeting.objects.filter(station=other["station"]).count() == 1


def test_services_refuse_another_stations_staff(station_login, other):
    with pytest.raises(NotPermitted):
        services.meeting_create(station=other["station"], kind="deputy_deliberation", held_on=date(2020, 6, 1),
                                recorded_by=station_login)
    with pytest.raises(NotPermitted):
        services.meeting_confirm(meeting=other["meeting"], confirmed_by=station_login)
    with pytest.raises(NotPermitted):
        services.issue_start(issue=other["issue"], started_by=station_login)
    assert other["station"].meetings.count() == 1 and other["issue"].status == "open"


def test_a_deputy_sees_only_what_they_attended_or_follow(client, other):
    deputy = other["deputies"][1]
    client.force_login(deputy_user(deputy))
    assert client.get(f"/liaison/meetings/{other['meeting'].pk}/").status_code == 404  # not recorded as present
    assert client.get(f"/liaison/issues/{other['issue'].pk}/").status_code == 404
    page = client.get("/liaison/my/")
    assert page.status_code == 200
