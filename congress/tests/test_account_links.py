"""Each role finds its own work pages in the header (links the apps register), and nobody else's."""

import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, deputy_user, staff_user, unit_user

pytestmark = pytest.mark.django_db


def header_links(client):
    html = client.get(reverse("home")).content.decode()
    return html[html.index('<div class="account">'):html.index("</header>")]


def test_a_deputy_sees_their_suggestions_and_points_but_no_unit_or_staff_pages(client):
    client.force_login(deputy_user())
    header = header_links(client)
    assert reverse("suggestions:mine") in header
    assert reverse("points:my-points") in header
    assert reverse("suggestions:unit-handlings") not in header
    assert reverse("suggestions:statistics") not in header


def test_a_unit_handler_sees_the_unit_handlings_only(client):
    client.force_login(unit_user(OrganizationFactory()))
    header = header_links(client)
    assert reverse("suggestions:unit-handlings") in header
    assert reverse("points:my-points") not in header
    assert reverse("suggestions:mine") not in header


def test_staff_see_handlings_and_statistics_and_anonymous_visitors_see_none(client):
    assert reverse("suggestions:mine") not in header_links(client)
    client.force_login(staff_user())
    header = header_links(client)
    assert reverse("suggestions:statistics") in header
    assert reverse("suggestions:unit-handlings") in header
