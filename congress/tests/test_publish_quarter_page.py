"""Staff publish an ended quarter from the back office's publications page: a bad or unfinished
quarter is refused on the form with nothing written, a second publication changes nothing, what
still awaits the office in the quarter (self-reports to verify) is shown and asked about first,
and other back-office roles cannot use the page."""

from datetime import date

import pytest
from django.urls import reverse

from congress.models import Publication
from congress.roles import Role
from congress.tests.factories import DeputyFactory, OrganizationFactory, UserFactory, staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.tests.factories import self_report

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



def test_self_reports_still_awaiting_verification_are_shown_before_publishing(client):
    ensure_default_rules(PointRule, PointRuleVersion)
    self_report(DeputyFactory(), {rule.code: rule for rule in PointRule.objects.all()}, on=date(2020, 11, 3))
    client.force_login(staff_user())
    page = client.post(URL, {"quarter": "2020Q4"}).content.decode()
    assert "2020Q4 有 1 份自报履职活动尚待审核" in page and "仍然公布" in page
    assert not Publication.objects.exists()
    response = client.post(URL, {"quarter": "2020Q4", "confirmed": "True"}, follow=True)
    assert "2020Q4 已公布。" in response.content.decode()
    assert Publication.objects.count() == 1
