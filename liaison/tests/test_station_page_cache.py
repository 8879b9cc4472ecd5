"""The public station pages are served from the page cache and show a change at once."""

import pytest
from django.urls import reverse

from liaison.tests.factories import StationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_of", [
    lambda station: reverse("liaison:station", args=[station.pk]),
    lambda station: reverse("liaison:directory"),
])
def test_a_station_page_is_cached_and_a_change_shows_at_once(client, url_of):
    station = StationFactory(opening_hours="周一至周五 9:00–17:30")
    url = url_of(station)
    assert client.get(url)["X-Page-Cache"] == "miss"
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit" and "9:00–17:30" in cached.content.decode()

    station.opening_hours = "每天 8:30–20:00"
    station.save()

    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "8:30–20:00" in fresh.content.decode() and "9:00–17:30" not in fresh.content.decode()
