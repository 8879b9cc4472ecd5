"""API tokens: issued for a username and password, valid for API_TOKEN_TTL_HOURS (12 h by default),
refused with 401 and a message once expired or revoked; a user revokes their own, office staff
revoke anybody's from the user list."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.authtoken.models import Token

from congress.audit import Action
from congress.models import AuditEvent
from congress.tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
PRIVATE_URL = "/api/v1/organization-contacts/"  # answers only a logged-in caller


def issue(client, username="li", password="pw-for-tests-1"):
    return client.post(TOKEN_URL, {"username": username, "password": password}, content_type="application/json")


def call(client, key, url=PRIVATE_URL, method="get"):
    return getattr(client, method)(url, HTTP_AUTHORIZATION=f"Token {key}")


def test_the_token_lasts_twelve_hours_by_default(settings):
    assert settings.API_TOKEN_TTL.total_seconds() == 12 * 3600


def test_a_token_is_issued_for_a_password_and_opens_the_api(client):
    UserFactory(username="li")
    response = issue(client)
    assert response.status_code == 200
    body = response.json()
    expires = parse_datetime(body["expires"])
    assert abs(expires - (timezone.now() + timedelta(hours=12))) < timedelta(minutes=1)
    assert call(client, body["token"]).status_code == 200
    assert client.get(PRIVATE_URL).status_code == 401, "the token, not a session, opened it"
    assert AuditEvent.objects.get(action=Action.API_TOKEN_ISSUED).actor_name == "li"


def test_asking_again_gives_the_same_token_while_it_is_valid(client):
    UserFactory(username="li")
    assert issue(client).json()["token"] == issue(client).json()["token"]


def test_a_wrong_password_gets_no_token(client):
    UserFactory(username="li")
    response = issue(client, password="wrong")
    assert response.status_code == 400 and set(response.json()) == {"non_field_errors"}
    assert not Token.objects.exists()
    assert issue(client, username="", password="").status_code == 400


def test_an_inactive_login_gets_no_token(client):
    UserFactory(username="li", is_active=False)
    assert issue(client).status_code == 400


def test_an_expired_token_is_refused_with_a_message_and_a_new_one_is_issued(client, settings):
    settings.API_TOKEN_TTL = timedelta(hours=2)
    UserFactory(username="li")
    old = issue(client).json()["token"]
    Token.objects.filter(key=old).update(created=timezone.now() - timedelta(hours=2, minutes=1))
    refused = call(client, old)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "令牌已过期：请用用户名和密码重新申请。"
    english = client.get(PRIVATE_URL, HTTP_AUTHORIZATION=f"Token {old}", HTTP_ACCEPT_LANGUAGE="en")
    assert "expired" in english.json()["detail"]
    new = issue(client).json()["token"]
    assert new != old and call(client, new).status_code == 200
    assert call(client, old).status_code == 401


def test_a_user_revokes_their_own_token(client):
    UserFactory(username="li")
    key = issue(client).json()["token"]
    assert call(client, key, TOKEN_URL, "delete").status_code == 204
    assert call(client, key).status_code == 401
    assert not Token.objects.exists()
    assert AuditEvent.objects.get(action=Action.API_TOKEN_REVOKED).actor_name == "li"


def test_revoking_needs_a_login(client):
    assert client.delete(TOKEN_URL).status_code == 401


def test_one_user_revoking_leaves_the_others_tokens(client):
    UserFactory(username="li")
    UserFactory(username="wang")
    mine, theirs = issue(client).json()["token"], issue(client, "wang").json()["token"]
    call(client, mine, TOKEN_URL, "delete")
    assert call(client, theirs).status_code == 200


def test_office_staff_revoke_anybodys_token_from_the_user_list(client):
    li = UserFactory(username="li")
    key = issue(client).json()["token"]
    office = staff_user(username="office")
    staff = Client()
    staff.force_login(office)
    response = staff.post("/admin/congress/user/", {"action": "revoke_api_tokens", "_selected_action": [li.pk]})
    assert response.status_code == 302
    assert call(client, key).status_code == 401
    revoked = AuditEvent.objects.get(action=Action.API_TOKEN_REVOKED)
    assert revoked.actor == office and revoked.target_id == str(li.pk)


def test_the_schema_documents_issuing_revoking_and_the_lockout(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/auth/token/"]
    assert {"200", "400", "429"} <= set(operations["post"]["responses"])
    assert {"204", "401"} <= set(operations["delete"]["responses"])
    assert set(schema["components"]["schemas"]["TokenOutput"]["properties"]) == {"token", "expires"}
