"""A logged-in session ends after 30 minutes without a request and 12 hours after the login,
whichever comes first; the user is then a visitor again (asked to log in) and the trail records
that the session expired."""

import time

import pytest

from congress.audit import Action
from congress.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from congress.models import AuditEvent
from congress.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_limits_are_thirty_idle_minutes_and_twelve_hours(settings):
    assert settings.SESSION_IDLE_TIMEOUT.total_seconds() == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_session_ends_after_thirty_idle_minutes(client):
    client.force_login(UserFactory(username="li"))
    assert client.get("/my/notices/").status_code == 200
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/my/notices/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action=Action.SESSION_EXPIRED).actor_name == "li"


def test_an_active_session_ends_twelve_hours_after_the_login(client):
    client.force_login(UserFactory())
    now = int(time.time())
    session = client.session
    session[SESSION_STARTED_KEY] = now - 12 * 3600 - 60
    session[SESSION_SEEN_KEY] = now  # busy to the last minute
    session.save()
    assert client.get("/my/notices/").status_code == 302


def test_a_session_in_use_goes_on(client):
    client.force_login(UserFactory())
    now = int(time.time())
    session = client.session
    session[SESSION_STARTED_KEY] = now - 11 * 3600
    session[SESSION_SEEN_KEY] = now - 29 * 60
    session.save()
    assert client.get("/my/notices/").status_code == 200
    assert client.session[SESSION_SEEN_KEY] >= now  # the idle clock starts again
    assert client.get("/my/notices/").status_code == 200
