"""What every logged-in request costs before its page's own work: the session, then the user with
their roles in the same query (congress.accounts.PortalModelBackend), and with a shared cache the
session from the cache. Roles are read again on every request, so a role taken away counts at once."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from congress.accounts import PortalModelBackend
from congress.roles import Role
from congress.tests.factories import OrganizationContactFactory, UserFactory, deputy_user, staff_user

pytestmark = pytest.mark.django_db


def queries_of(client: Client, path: str) -> list[str]:
    client.get(path)  # the session's first read may fill a cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_the_user_and_their_roles_come_in_one_query():
    client = Client()
    client.force_login(deputy_user())
    queries = queries_of(client, "/healthz")
    assert len(queries) == 2  # the session, the user
    user_queries = [sql for sql in queries if '"congress_user"' in sql]
    assert len(user_queries) == 1
    assert '"auth_group"' in user_queries[0]


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_with_a_shared_cache_the_session_comes_from_the_cache():
    client = Client()
    client.force_login(deputy_user())
    queries = queries_of(client, "/healthz")
    assert len(queries) == 1
    assert '"congress_user"' in queries[0]


def test_a_role_taken_away_counts_on_the_next_request():
    OrganizationContactFactory()
    staff = staff_user()
    client = Client()
    client.force_login(staff)
    assert client.get("/api/v1/organization-contacts/").json()["count"] == 1
    staff.groups.remove(Group.objects.get(name=Role.STAFF))
    assert client.get("/api/v1/organization-contacts/").json()["count"] == 0


@pytest.mark.parametrize("roles", [set(), {Role.DEPUTY}, {Role.DEPUTY, Role.STAFF, Role.UNIT_HANDLER}])
def test_the_roles_read_with_the_user_are_their_groups(roles):
    user = UserFactory()
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    assert PortalModelBackend().get_user(user.pk).roles == {str(role) for role in roles}
