"""Logging out ends every session of the user on every device and their API token; so does
deactivating the login (in the back office: the action, or unticking "active"). Other users'
sessions go on."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from congress.audit import Action
from congress.models import AuditEvent
from congress.services import account_deactivate, account_logout_everywhere
from congress.tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

PRIVATE_PAGE = "/my/notices/"
PRIVATE_API = "/api/v1/organization-contacts/"


def logged_in(username="li", password="pw-for-tests-1") -> Client:
    """A device that logged in through the login page."""
    device = Client()
    assert device.post("/accounts/login/", {"username": username, "password": password}).status_code == 302
    return device


def is_logged_in(device: Client) -> bool:
    return device.get(PRIVATE_PAGE).status_code == 200


def token_for(username="li") -> str:
    response = Client().post("/api/v1/auth/token/", {"username": username, "password": "pw-for-tests-1"},
                             content_type="application/json")
    return response.json()["token"]


def token_works(key: str) -> bool:
    return Client().get(PRIVATE_API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_logging_out_on_one_device_logs_out_the_other_and_revokes_the_token():
    UserFactory(username="li")
    UserFactory(username="wang")
    phone, desk, someone_else = logged_in(), logged_in(), logged_in("wang")
    key = token_for()
    assert is_logged_in(phone) and is_logged_in(desk) and token_works(key)
    assert phone.post("/accounts/logout/").status_code == 302
    assert not is_logged_in(phone) and not is_logged_in(desk)
    assert desk.get(PRIVATE_PAGE)["Location"].startswith("/accounts/login/")
    assert not token_works(key)
    assert is_logged_in(someone_else), "another user's session goes on"
    assert AuditEvent.objects.filter(action=Action.LOGOUT).count() == 1


def test_logging_in_again_after_a_logout_works():
    UserFactory(username="li")
    phone = logged_in()
    phone.post("/accounts/logout/")
    desk = logged_in()
    assert is_logged_in(desk)


def test_logging_out_of_the_back_office_ends_the_site_sessions_too():
    staff_user(username="office")
    back_office, phone = logged_in("office"), logged_in("office")
    assert back_office.post("/admin/logout/").status_code == 302
    assert not is_logged_in(phone)


def test_a_forced_login_session_ends_too(client):
    user = UserFactory(username="li")
    client.force_login(user)
    account_logout_everywhere(user=user, ended_by=staff_user())
    assert not is_logged_in(client)
    assert AuditEvent.objects.get(action=Action.SESSIONS_ENDED).target_id == str(user.pk)


def test_deactivation_ends_every_session_and_token():
    user = UserFactory(username="li")
    phone, key = logged_in(), token_for()
    account_deactivate(user=user, deactivated_by=staff_user())
    assert not is_logged_in(phone) and not token_works(key)
    assert not Token.objects.filter(user=user).exists()
    user.refresh_from_db()
    assert not user.is_active
    assert phone.post("/accounts/login/", {"username": "li", "password": "pw-for-tests-1"}).status_code == 200


def test_unticking_active_in_the_back_office_goes_through_the_deactivation():
    clerk = UserFactory(username="clerk", is_staff=True)
    phone, key = logged_in("clerk"), token_for("clerk")
    office = Client()
    office.force_login(staff_user(username="office"))
    response = office.post(f"/admin/congress/user/{clerk.pk}/change/", {
        "username": "clerk", "display_name": "", "is_staff": "on", "date_joined_0": "2021-01-04",
        "date_joined_1": "09:00:00", "first_name": "", "last_name": "", "email": ""})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert not is_logged_in(phone) and not token_works(key)
    assert AuditEvent.objects.get(action=Action.DEACTIVATED).actor_name == "office"


def test_the_deactivate_action_of_the_user_list():
    clerk = UserFactory(username="clerk")
    phone = logged_in("clerk")
    office = Client()
    office.force_login(staff_user(username="office"))
    office.post("/admin/congress/user/", {"action": "deactivate", "_selected_action": [clerk.pk]})
    clerk.refresh_from_db()
    assert not clerk.is_active and not is_logged_in(phone)


def test_staff_log_a_user_out_everywhere_from_the_user_list():
    clerk = UserFactory(username="clerk")
    phone = logged_in("clerk")
    office = Client()
    office.force_login(staff_user(username="office"))
    office.post("/admin/congress/user/", {"action": "logout_everywhere", "_selected_action": [clerk.pk]})
    assert not is_logged_in(phone)
    clerk.refresh_from_db()
    assert clerk.is_active


def test_a_password_change_keeps_the_session_it_was_made_in():
    UserFactory(username="li")
    desk = logged_in()
    response = desk.post("/accounts/password/", {"old_password": "pw-for-tests-1", "new_password1": "Nw-pass-8812x",
                                                  "new_password2": "Nw-pass-8812x"})
    assert response.status_code == 302
    assert is_logged_in(desk)
