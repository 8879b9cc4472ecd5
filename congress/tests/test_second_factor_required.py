"""After the password, the back office refuses a session that has not given its second factor and
sends it to the code page (to enrolment when the account has no authenticator yet): every admin
URL, and for office staff every page of the site. Other back-office accounts are asked only at the
back office; deputies never."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib import admin
from django.urls import reverse

from congress.audit import Action
from congress.models import AuditEvent
from congress.roles import Role
from congress.testing import fresh_totp_code, totp_device_for
from congress.tests.factories import OrganizationFactory, UserFactory, deputy_user, staff_user, unit_user

pytestmark = pytest.mark.django_db

SETUP = "/accounts/second-factor/setup/"
VERIFY = "/accounts/second-factor/verify/"


def admin_urls() -> list[str]:
    """The back office's index, every app index, and every model's list and add page."""
    urls = {reverse("admin:index")}
    for model in admin.site._registry:
        opts = model._meta
        urls.add(reverse("admin:app_list", args=[opts.app_label]))
        urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    return sorted(urls)


def sent_to(response, page: str, next_url: str) -> bool:
    location = urlparse(response["Location"])
    return response.status_code == 302 and location.path == page and parse_qs(location.query)["next"] == [next_url]


@pytest.mark.real_second_factor
def test_staff_without_an_authenticator_are_sent_to_enrolment_from_every_admin_url(client):
    client.force_login(staff_user())
    urls = admin_urls()
    assert len(urls) > 40
    for url in urls:
        assert sent_to(client.get(url), SETUP, url), url


@pytest.mark.real_second_factor
def test_staff_with_an_authenticator_are_asked_for_the_code_then_let_in(client):
    staff = staff_user()
    device = totp_device_for(staff)
    client.force_login(staff)
    for url in admin_urls():
        assert sent_to(client.get(url), VERIFY, url), url
    response = client.post(VERIFY, {"code": fresh_totp_code(device), "next": "/admin/congress/"})
    assert response.status_code == 302 and response["Location"] == "/admin/congress/"
    assert client.get("/admin/congress/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.SECOND_FACTOR_VERIFIED, actor=staff).count() == 1


@pytest.mark.real_second_factor
def test_a_superuser_is_asked_too(client):
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    assert sent_to(client.get("/admin/"), SETUP, "/admin/")


@pytest.mark.real_second_factor
@pytest.mark.parametrize("url", ["/", "/suggestions/statistics/", "/deputies/", "/accounts/password/",
                                 "/accounts/second-factor/"])
def test_office_staff_see_no_page_of_the_site_before_the_code(client, url):
    staff = staff_user()
    totp_device_for(staff)
    client.force_login(staff)
    assert sent_to(client.get(url), VERIFY, url)


@pytest.mark.real_second_factor
def test_the_api_refuses_an_unverified_staff_session(client):
    client.force_login(staff_user())
    response = client.get("/api/v1/deputies/")
    assert response.status_code == 403 and response.json()["detail"] == "请先在网站上完成两步验证。"


@pytest.mark.real_second_factor
def test_staff_may_leave_or_switch_the_language_before_the_code(client):
    client.force_login(staff_user())
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 200  # logged out: the public site again


def test_the_password_alone_leads_staff_to_the_code_page(client):
    staff = staff_user(username="zhou")
    totp_device_for(staff)
    response = client.post("/accounts/login/?next=/admin/", {"username": "zhou", "password": "pw-for-tests-1"},
                           follow=True)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert b'name="code"' in response.content


def test_a_deputy_is_never_asked(client):
    deputy = deputy_user(username="dai")
    client.post("/accounts/login/", {"username": "dai", "password": "pw-for-tests-1"})
    for url in ["/", "/suggestions/my/", "/points/my/", "/my/notices/"]:
        assert client.get(url).status_code == 200, url
    assert client.get(VERIFY).status_code == 403  # no second factor to give
    assert not deputy.totpdevice_set.exists()


@pytest.mark.real_second_factor
def test_a_unit_handler_works_on_the_site_without_a_code_but_the_back_office_asks_for_one(client):
    handler = unit_user(OrganizationFactory(), username="unit-li")
    client.force_login(handler)
    assert client.get("/my/unit/").status_code == 200
    assert client.get("/suggestions/handlings/").status_code == 200
    assert sent_to(client.get("/admin/"), SETUP, "/admin/")


def test_the_test_suites_force_login_gives_back_office_sessions_their_second_factor(client):
    """The root conftest's fixture: without the real_second_factor marker the back office opens."""
    client.force_login(UserFactory(role=Role.STATION_STAFF))
    assert client.get("/admin/").status_code == 200


@pytest.mark.real_second_factor
def test_office_staff_without_the_staff_flag_are_asked_on_the_site_too(client):
    """is_staff unticked by hand: the staff-only pages of the site still need the code."""
    root = UserFactory(is_superuser=True, is_staff=False)
    client.force_login(root)
    assert sent_to(client.get("/suggestions/statistics/"), SETUP, "/suggestions/statistics/")
    assert client.get(SETUP).status_code == 200
