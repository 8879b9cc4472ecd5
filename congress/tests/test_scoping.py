"""A unit handler reaches their own unit's contact sheet and nothing of another unit's, through
the site, the admin and the API alike: outside the scope is a 404 and nothing changes."""

import pytest

from congress.models import OrganizationContact
from congress.tests.factories import (
    DeputyFactory,
    OrganizationContactFactory,
    deputy_user,
    staff_user,
    unit_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


@pytest.fixture
def sheets():
    own = OrganizationContactFactory(organization__name="区教育局", contact_person="张老师",
                                     phone="0755-11111111")
    other = OrganizationContactFactory(organization__name="区水务局", contact_person="李工",
                                       phone="0755-22222222", email="water@example.cn")
    return own, other


@pytest.fixture
def handler_client(client, sheets):
    client.force_login(unit_user(sheets[0].organization))
    return client


def unchanged(sheet):
    fresh = OrganizationContact.objects.get(pk=sheet.pk)
    return (fresh.contact_person, fresh.phone, fresh.email) == (sheet.contact_person, sheet.phone, sheet.email)


# --- the site ----------------------------------------------------------------------------------

def test_site_shows_only_the_users_own_sheet(handler_client, sheets):
    page = handler_client.get("/my/unit/").content.decode()
    assert "张老师" in page and "0755-11111111" in page
    assert "李工" not in page and "0755-22222222" not in page


def test_site_edits_the_own_sheet(handler_client, sheets):
    own, _ = sheets
    response = handler_client.post(f"/my/unit/{own.pk}/", {"contact_person": "王老师", "phone": "0755-33333333",
                                                            "email": "", "address": ""}, follow=True)
    own.refresh_from_db()
    assert own.contact_person == "王老师"
    assert "王老师" in response.content.decode()


def test_site_answers_404_for_another_units_sheet(handler_client, sheets):
    _, other = sheets
    assert handler_client.get(f"/my/unit/{other.pk}/").status_code == 404
    response = handler_client.post(f"/my/unit/{other.pk}/", {"contact_person": "入侵者", "phone": "12345"})
    assert response.status_code == 404
    assert "李工" not in response.content.decode()
    assert unchanged(other)


def test_anonymous_is_sent_to_login_and_sees_no_sheet(client, sheets):
    own, _ = sheets
    for url in ("/my/unit/", f"/my/unit/{own.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "张老师" not in client.get("/my/unit/", follow=True).content.decode()


# --- the admin ---------------------------------------------------------------------------------

def test_admin_changelist_lists_only_the_own_sheet(handler_client, sheets):
    page = handler_client.get("/admin/congress/organizationcontact/").content.decode()
    assert "区教育局" in page
    assert "区水务局" not in page


def test_admin_edits_the_own_sheet(handler_client, sheets):
    own, _ = sheets
    url = f"/admin/congress/organizationcontact/{own.pk}/change/"
    assert "张老师" in handler_client.get(url).content.decode()
    response = handler_client.post(url, {"contact_person": "赵老师", "phone": "0755-44444444", "email": "",
                                         "address": ""})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.contact_person == "赵老师"


@pytest.mark.parametrize("suffix", ["change/", "history/"])
def test_admin_answers_404_for_another_units_sheet(handler_client, sheets, suffix):
    _, other = sheets
    url = f"/admin/congress/organizationcontact/{other.pk}/{suffix}"
    response = handler_client.get(url)
    assert response.status_code == 404
    assert "李工" not in response.content.decode()
    response = handler_client.post(url, {"contact_person": "入侵者", "phone": "12345", "post": "yes"})
    assert response.status_code == 404
    assert OrganizationContact.objects.filter(pk=other.pk).exists()
    assert unchanged(other)


def test_admin_refuses_to_delete_another_units_sheet_as_it_refuses_the_own(handler_client, sheets):
    # A unit handler has no delete permission at all: 403 for either sheet, so it confirms nothing.
    own, other = sheets
    for sheet in (own, other):
        response = handler_client.post(f"/admin/congress/organizationcontact/{sheet.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
    assert OrganizationContact.objects.filter(pk__in=[own.pk, other.pk]).count() == 2


def test_staff_see_every_sheet_in_the_admin_and_the_api(client, sheets):
    client.force_login(staff_user())
    page = client.get("/admin/congress/organizationcontact/").content.decode()
    assert "区教育局" in page and "区水务局" in page
    names = {row["organization"] for row in client.get("/api/v1/organization-contacts/").json()["results"]}
    assert names == {"区教育局", "区水务局"}


# --- the API -----------------------------------------------------------------------------------

def test_api_lists_and_reads_only_the_own_sheet(handler_client, sheets):
    own, _ = sheets
    rows = handler_client.get("/api/v1/organization-contacts/").json()["results"]
    assert [row["contact_person"] for row in rows] == ["张老师"]
    assert handler_client.get(f"/api/v1/organization-contacts/{own.pk}/").json()["phone"] == "0755-11111111"


def test_api_patches_the_own_sheet(handler_client, sheets):
    own, _ = sheets
    response = handler_client.patch(f"/api/v1/organization-contacts/{own.pk}/", {"phone": "0755-55555555"},
                                    content_type="application/json")
    assert response.json()["phone"] == "0755-55555555"
    own.refresh_from_db()
    assert own.phone == "0755-55555555"


def test_api_answers_404_for_another_units_sheet(handler_client, sheets):
    _, other = sheets
    url = f"/api/v1/organization-contacts/{other.pk}/"
    response = handler_client.get(url)
    assert response.status_code == 404
    assert "李工" not in response.content.decode()
    response = handler_client.patch(url, {"phone": "12345"}, content_type="application/json")
    assert response.status_code == 404
    assert unchanged(other)


def test_api_gives_anonymous_no_sheet(client, sheets):
    own, _ = sheets
    assert client.get("/api/v1/organization-contacts/").status_code in (401, 403)
    response = client.get(f"/api/v1/organization-contacts/{own.pk}/")
    assert response.status_code in (401, 403)
    assert "张老师" not in response.content.decode()


# --- public-site roles stay out of the back office ---------------------------------------------

def test_a_deputy_login_cannot_enter_the_admin(client, sheets):
    user = deputy_user(DeputyFactory())
    client.force_login(user)
    response = client.get("/admin/congress/organizationcontact/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    page = client.get("/admin/congress/organizationcontact/", follow=True).content.decode()
    assert "张老师" not in page and "李工" not in page


def test_a_deputy_login_has_no_unit_sheet(client, sheets):
    client.force_login(deputy_user(DeputyFactory()))
    page = client.get("/my/unit/").content.decode()
    assert "张老师" not in page and "李工" not in page
    assert client.get("/api/v1/organization-contacts/").json()["results"] == []


def test_admin_history_versions_of_another_units_sheet_are_404(handler_client, sheets):
    # simple-history's "view / revert this version" page looks the version up by itself, around
    # the admin's queryset; it must answer 404 outside the scope like every other admin page.
    own, other = sheets
    version = other.history.earliest()
    url = f"/admin/congress/organizationcontact/{other.pk}/history/{version.history_id}/"
    response = handler_client.get(url)
    assert response.status_code == 404
    assert "李工" not in response.content.decode()
    response = handler_client.post(url, {"contact_person": "入侵者", "phone": "12345", "email": "", "address": ""})
    assert response.status_code == 404
    assert unchanged(other)
    own_version = own.history.earliest()
    page = handler_client.get(f"/admin/congress/organizationcontact/{own.pk}/history/{own_version.history_id}/")
    assert "张老师" in page.content.decode()
