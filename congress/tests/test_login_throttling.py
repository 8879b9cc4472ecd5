"""Login throttling (django-axes) on every login path: the site, the back office and the API token.
Too many failed logins lock the account and the address they came from (either locks) for a
while, with a message in the user's language; office staff can unlock; every failed login and
every lockout is in the audit trail."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from congress.audit import Action
from congress.models import AuditEvent
from congress.tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

GOOD = "pw-for-tests-1"
SITE, ADMIN, API = "/accounts/login/", "/admin/login/", "/api/v1/auth/token/"


def attempt(client, path, username, password, address="10.0.0.1", **headers):
    if path == API:
        return client.post(path, {"username": username, "password": password}, content_type="application/json",
                           REMOTE_ADDR=address, **headers)
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, path, username, times, address="10.0.0.1"):
    return [attempt(client, path, username, "wrong-password", address).status_code for _ in range(times)]


def test_the_defaults_are_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_five_failed_site_logins_lock_the_account_with_a_message_in_chinese(client):
    UserFactory(username="li")
    assert fail(client, SITE, "li", 4) == [200] * 4  # the form again, with its error
    locked = attempt(client, SITE, "li", "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录失败次数过多" in page and "15" in page
    assert locked["Retry-After"] == "900"
    # Even the right password is refused now, and no session is made.
    again = attempt(client, SITE, "li", GOOD)
    assert again.status_code == 429 and "_auth_user_id" not in client.session


def test_the_lockout_message_follows_the_language(client):
    UserFactory(username="li")
    fail(client, "/en/accounts/login/", "li", 4)
    page = attempt(client, "/en/accounts/login/", "li", "wrong-password").content.decode()
    assert "Too many failed logins" in page


def test_a_locked_account_is_locked_from_every_address(client):
    UserFactory(username="li")
    for number in range(5):
        attempt(client, SITE, "li", "wrong-password", address=f"10.0.1.{number}")
    assert attempt(client, SITE, "li", GOOD, address="10.9.9.9").status_code == 429


def test_a_locked_address_is_locked_for_every_account(client):
    UserFactory(username="wang")
    for number in range(5):
        attempt(client, SITE, f"guess{number}", "wrong-password", address="10.6.6.6")
    assert attempt(client, SITE, "wang", GOOD, address="10.6.6.6").status_code == 429
    assert attempt(client, SITE, "wang", GOOD, address="10.7.7.7").status_code == 302


def test_a_successful_login_clears_the_count(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 4)
    assert attempt(client, SITE, "li", GOOD).status_code == 302
    client.post("/accounts/logout/")
    assert fail(client, SITE, "li", 4) == [200] * 4
    assert attempt(client, SITE, "li", GOOD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 5)
    assert attempt(client, SITE, "li", GOOD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, SITE, "li", GOOD).status_code == 302


def test_attempts_during_the_lock_do_not_extend_it(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    fail(client, SITE, "li", 3)  # refused before the password is checked: not counted
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert attempt(client, SITE, "li", GOOD).status_code == 302


def test_the_back_office_login_is_throttled_too(client):
    staff_user(username="office")
    assert fail(client, ADMIN, "office", 4) == [200] * 4
    locked = attempt(client, ADMIN, "office", "wrong-password")
    assert locked.status_code == 429 and "登录失败次数过多" in locked.content.decode()
    assert attempt(client, ADMIN, "office", GOOD).status_code == 429


def test_the_back_office_lockout_speaks_english_to_who_chose_it(client):
    staff_user(username="office")
    client.cookies["django_language"] = "en"
    fail(client, ADMIN, "office", 4)
    assert "Too many failed logins" in attempt(client, ADMIN, "office", "wrong-password").content.decode()


def test_the_api_token_endpoint_is_throttled_with_a_json_429(client):
    UserFactory(username="li")
    assert fail(client, API, "li", 4) == [400] * 4
    locked = attempt(client, API, "li", "wrong-password")
    assert locked.status_code == 429 and locked["Content-Type"].startswith("application/json")
    assert "登录失败次数过多" in locked.json()["detail"]
    right = attempt(client, API, "li", GOOD)
    assert right.status_code == 429 and "token" not in right.json()
    english = attempt(client, API, "li", GOOD, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Too many failed logins")


def test_failures_on_one_path_count_on_the_others(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 2)
    fail(client, ADMIN, "li", 2)
    fail(client, API, "li", 1)
    assert attempt(client, API, "li", GOOD).status_code == 429


@pytest.mark.parametrize("path", [SITE, ADMIN, API])
def test_odd_input_never_breaks_a_login(client, path):
    for username in ["", "\x00", "李" * 300, "a' OR 1=1 --"]:
        for _ in range(6):
            assert attempt(client, path, username, "\x00pw").status_code < 500


def test_failed_logins_and_the_lockout_are_in_the_audit_trail(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 6, address="10.3.3.3")
    failed = AuditEvent.objects.filter(action=Action.LOGIN_FAILED).order_by("pk")
    assert failed.count() == 6, "one event per failed login, no more"
    assert [event.detail.get("locked_out", False) for event in failed] == [False] * 5 + [True]
    locked = AuditEvent.objects.get(action=Action.LOCKED_OUT)
    assert locked.actor_name == "li" and locked.address == "10.3.3.3"
    assert locked.detail == {"username": "li", "failures": 5, "minutes": 15}
    assert "wrong-password" not in str(list(failed.values_list("detail", flat=True)))


def test_office_staff_unlock_a_login_from_the_user_list(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 5, address="10.0.0.1")
    assert attempt(client, SITE, "li", GOOD, address="10.0.0.2").status_code == 429
    office = staff_user(username="office")
    staff = client.__class__()
    staff.force_login(office)
    li = UserFactory._meta.model.objects.get(username="li")
    response = staff.post("/admin/congress/user/", {"action": "unlock", "_selected_action": [li.pk]}, follow=True)
    assert response.status_code == 200 and "1" in response.content.decode()
    assert attempt(client, SITE, "li", GOOD, address="10.0.0.2").status_code == 302
    unlocked = AuditEvent.objects.get(action=Action.UNLOCKED)
    assert unlocked.actor == office and unlocked.target_id == str(li.pk)


def test_a_deputy_cannot_reach_the_unlock_action(client):
    from congress.tests.factories import deputy_user

    client.force_login(deputy_user())
    response = client.post("/admin/congress/user/", {"action": "unlock", "_selected_action": [1]})
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_superuser_sees_the_attempts_in_the_back_office(client):
    UserFactory(username="li")
    fail(client, SITE, "li", 2)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    page = client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "li" in page.content.decode()
    assert "wrong-password" not in page.content.decode()
