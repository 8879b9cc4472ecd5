"""A liaison's contact details and a resident's name and contact never reach a public page,
download or API response; an issue is public only as a count and, where staff chose one, an
anonymised title."""

from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from liaison import services
from liaison.tests.factories import ContactPointFactory, LiaisonFactory

pytestmark = pytest.mark.django_db

SECRETS = ["联络员李秀英", "13987654321", "幸福路8号3栋502室", "王阿婆", "13611112222", "王阿婆家门口下水道堵塞"]


@pytest.fixture
def private_records(draft_meeting, station_login, staff, deputies):
    station = draft_meeting.station
    point = ContactPointFactory(station=station, name="幸福花园联系点")
    liaison = LiaisonFactory(station=station, contact_point=point, name="联络员李秀英", phone="13987654321",
                             address="幸福路8号3栋502室")
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)
    issue = services.issue_raise(station=station, origin="liaison", liaison=liaison, title="王阿婆家门口下水道堵塞",
                                 description="王阿婆反映", reporter_name="王阿婆", reporter_contact="13611112222",
                                 raised_on=date(2020, 6, 12), following_deputy=deputies[1], raised_by=station_login)
    services.issue_start(issue=issue, started_by=station_login, on=date(2020, 6, 13))
    services.issue_resolve(issue=issue, note="已疏通", resolved_by=station_login, on=date(2020, 6, 20))
    services.issue_set_public_title(issue=issue, public_title="小区下水道堵塞", set_by=staff)
    return station


def public_responses(client, station):
    pages = [reverse("liaison:directory"), reverse("liaison:figures"), reverse("liaison:station", args=[station.pk]),
             f"{reverse('liaison:bulletin', args=[station.pk])}?quarter={Quarter(2020, 2)}",
             f"{reverse('liaison:figures')}?format=csv", f"{reverse('liaison:figures')}?format=json",
             reverse("liaison-api:stations"), reverse("liaison-api:station", args=[station.pk]),
             reverse("liaison-api:figures")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_no_private_datum_on_public_pages_downloads_or_api(client, private_records):
    seen_title = False
    for url, body in public_responses(client, private_records):
        leaked = [secret for secret in SECRETS if secret in body]
        assert not leaked, (url, leaked)
        seen_title |= "小区下水道堵塞" in body
    assert seen_title, "the anonymised title chosen by staff is shown"


def test_the_work_api_keeps_residents_contacts_out(client, private_records, station_login):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(station_login)
    body = api.get(reverse("liaison-api:issues")).content.decode()
    assert "13611112222" not in body and "王阿婆\"" not in body
    assert "reporter" not in body


def test_anonymous_visitors_get_no_work_pages(client, private_records):
    for url in (reverse("liaison-api:issues"), reverse("liaison-api:meetings")):
        assert client.get(url).status_code in (401, 403)
    response = client.get(reverse("liaison:work"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
