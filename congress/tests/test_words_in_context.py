"""A word used in two senses reads right in each (the catalogs' clash is tested in
test_translation_catalogs): the back office's delete summary is Django's, not a reception's; the
draw's candidate column is a number, not a login code; a deputy's name is 姓名, a station's 名称."""

import pytest
from django.urls import reverse

from appointees.services import draw_commit
from appointees.tests.factories import AppointeeFactory, MeetingFactory
from congress.forms import SecondFactorCodeForm
from congress.models import Deputy, OrganizationContact
from congress.tests.factories import OrganizationFactory, staff_user
from liaison.models import Station

pytestmark = pytest.mark.django_db


def test_the_delete_page_summary_is_djangos_word(client):
    contact = OrganizationContact.objects.create(organization=OrganizationFactory(), contact_person="王五")
    client.force_login(staff_user())
    page = client.get(f"/admin/congress/organizationcontact/{contact.pk}/delete/").content.decode()
    assert "接待情况" not in page and "概览" in page


def test_the_draws_candidate_column_is_a_number_and_the_login_code_stays_a_code(client):
    staff = staff_user()
    AppointeeFactory.create_batch(8, category="department_head")
    draw = draw_commit(year=2020, k=6, meeting=MeetingFactory(), created_by=staff)
    page = client.get(reverse("appointees:draw-detail", args=[draw.pk])).content.decode()
    assert "<th>编号</th>" in page and "验证码" not in page
    assert str(SecondFactorCodeForm.base_fields["code"].label) == "验证码"


def test_a_persons_name_and_a_places_name():
    assert str(Deputy._meta.get_field("name").verbose_name) == "姓名"
    assert str(Station._meta.get_field("name").verbose_name) == "名称"
