"""Staff publish an ended quarter from the back office's publications page: a bad or unfinished
quarter is refused on the form with nothing written, a second publication changes nothing, and
other back-office roles cannot use the page."""

import pytest
from django.urls import reverse

from congress.models import Publication
from congress.roles import Role
from congress.tests.factories import OrganizationFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

URL = "/admin/congress/publication/publish/"


def test_staff_publish_an_ended_quarter_once(client):
    client.force_login(staff_user())
    listing = client.get(reverse("admin:congress_publication_changelist")).content.decode()
    assert URL in listing and "公布季度" in listing
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"quarter": "2020Q4"}, follow=True)
    assert "2020Q4 已公布。" in response.content.decode()
    assert list(Publication.objects.values_list("quarter", "revision")) == [("2020Q4", 1)]
    again = client.post(URL, {"quarter": "2020q4"}, follow=True).content.decode()
    assert "2020Q4 已经公布过（第 1 版），未作改动。" in again
    assert Publication.objects.count() == 1


@pytest.mark.parametrize(("typed", "message"), [
    ("2020年第五季", "不是有效的季度"), ("2999Q1", "尚未结束"), ("", "必填")])
def test_a_bad_or_unfinished_quarter_is_refused_on_the_form(client, typed, message):
    client.force_login(staff_user())
    response = client.post(URL, {"quarter": typed})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Publication.objects.exists()


def test_other_back_office_roles_cannot_publish(client):
    client.force_login(UserFactory(role=Role.UNIT_HANDLER, organization=OrganizationFactory()))
    assert client.post(URL, {"quarter": "2020Q4"}).status_code in (302, 403)
    assert not Publication.objects.exists()
