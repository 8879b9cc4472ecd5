"""A back-office address that no list can filter by (a NUL character, a number larger than any
integer column, a date part out of range) is refused with the portal's 400 page, on every
back-office page, ours and the libraries'; the same filters with sensible values still work."""

import pytest

from congress.tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url, query", [
    ("/admin/points/ledgerentry/", {"status__exact": "verified\x00"}),
    ("/admin/points/ledgerentry/", {"occurred_on__year": "-1"}),
    ("/admin/points/ledgerentry/", {"occurred_on__year": "9" * 20}),
    ("/admin/points/activity/", {"occurred_on__month": "13", "occurred_on__year": "2020"}),
    ("/admin/liaison/meeting/", {"q": "会议\x00"}),
    ("/admin/points/ledgerentry/", {"rule__exact": "9" * 20}),
    ("/admin/django_celery_beat/periodictask/", {"enabled__exact": "\x00"}),
])
def test_an_unreadable_filter_is_a_400_page(client, url, query):
    client.force_login(staff_user())
    response = client.get(url, query)
    assert response.status_code == 400
    assert "无法识别此请求" in response.content.decode()


@pytest.mark.parametrize("url, query", [
    ("/admin/points/ledgerentry/", {"status__exact": "verified"}),
    ("/admin/points/ledgerentry/", {"occurred_on__year": "2020"}),
    ("/admin/points/activity/", {"occurred_on__month": "12", "occurred_on__year": "2020"}),
    ("/admin/liaison/meeting/", {"q": "会议"}),
    ("/admin/points/activity/", {"q": "9" * 20}),  # a long reference number is text to search for
])
def test_the_same_filters_with_sensible_values_still_work(client, url, query):
    client.force_login(staff_user())
    assert client.get(url, query).status_code == 200
