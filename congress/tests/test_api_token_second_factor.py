"""An API token opens what a session opens: office staff get one only with the code of their
authenticator as well as their password; deputies and unit accounts need only the password."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from congress.testing import fresh_totp_code
from congress.tests.factories import UserFactory, staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]
TOKEN_URL = "/api/v1/auth/token/"


def issue(client, username, **extra):
    return client.post(TOKEN_URL, {"username": username, "password": "pw-for-tests-1", **extra},
                       content_type="application/json")


@pytest.fixture
def office():
    user = staff_user(username="office")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def test_office_staff_without_a_code_get_no_token(client, office):
    response = issue(client, "office")
    assert response.status_code == 400
    assert "otp_token" in response.json()
    assert not Token.objects.filter(user=office[0]).exists()


def test_office_staff_with_a_wrong_code_get_no_token(client, office):
    response = issue(client, "office", otp_token="000000")
    assert response.status_code in (400, 429)
    assert not Token.objects.filter(user=office[0]).exists()


def test_office_staff_with_their_code_get_a_token(client, office):
    response = issue(client, "office", otp_token=fresh_totp_code(office[1]))
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=office[0]).key


def test_a_deputy_needs_only_the_password(client):
    UserFactory(username="deputy")
    assert issue(client, "deputy").status_code == 200
