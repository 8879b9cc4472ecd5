"""Where a login lands: a deputy who logs in from the home page (in either language), or with no
page to return to, lands on their workspace (my work) in the login page's language; office staff
land where they always did, once their second factor is given; a deeper page that asked for the
login is honoured for everyone, and a `next` off the site never is."""

from urllib.parse import urlencode

import pytest

from congress.testing import fresh_totp_code, totp_device_for
from congress.tests.factories import deputy_user, staff_user

pytestmark = pytest.mark.django_db

VERIFY = "/accounts/second-factor/verify/"


def lands(client, user, *, login_page: str = "/accounts/login/", next_url: str | None = None) -> str:
    """The page the user sees after logging in through the form (and giving the code, if asked)."""
    query = f"?{urlencode({'next': next_url})}" if next_url is not None else ""
    response = client.post(f"{login_page}{query}", {"username": user.username, "password": "pw-for-tests-1"})
    assert response.status_code == 302
    location = response["Location"]
    asked = client.get(location)
    if asked.status_code == 302 and VERIFY in asked["Location"]:
        verified = client.post(asked["Location"], {"code": fresh_totp_code(totp_device_for(user))})
        assert verified.status_code == 302
        location = verified["Location"]
    return location


@pytest.fixture
def deputy():
    return deputy_user()


@pytest.fixture
def staff():
    user = staff_user()
    totp_device_for(user)
    return user


@pytest.mark.parametrize(("login_page", "next_url", "expected"), [
    ("/accounts/login/", None, "/my/"),
    ("/accounts/login/", "/", "/my/"),
    ("/en/accounts/login/", None, "/en/my/"),
    ("/en/accounts/login/", "/en/", "/en/my/"),
    ("/accounts/login/", "/en/", "/my/"),
    ("/accounts/login/", "/points/my/", "/points/my/"),
    ("/en/accounts/login/", "/en/suggestions/statistics/", "/en/suggestions/statistics/"),
    ("/accounts/login/", "https://elsewhere.example/", "/my/"),
])
def test_where_a_deputy_lands(client, deputy, login_page, next_url, expected):
    assert lands(client, deputy, login_page=login_page, next_url=next_url) == expected


@pytest.mark.parametrize(("login_page", "next_url", "expected"), [
    ("/accounts/login/", None, "/"),
    ("/accounts/login/", "/", "/"),
    ("/en/accounts/login/", None, "/en/"),
    ("/en/accounts/login/", "/en/", "/en/"),
    ("/accounts/login/", "/suggestions/statistics/", "/suggestions/statistics/"),
    ("/accounts/login/", "https://elsewhere.example/", "/"),
])
def test_where_office_staff_land_after_their_second_factor(client, staff, login_page, next_url, expected):
    assert lands(client, staff, login_page=login_page, next_url=next_url) == expected


def test_a_deputy_already_logged_in_is_sent_from_the_login_page_to_their_workspace(client, deputy):
    client.force_login(deputy)
    response = client.get("/accounts/login/?next=/")
    assert response.status_code == 302 and response["Location"] == "/my/"
