"""Office staff manage logins in the back office, but cannot make anyone (themselves included) a
superuser or hand out permissions outside the roles."""

import pytest

from congress.tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_staff_cannot_grant_superuser_status_or_loose_permissions(client):
    staff = staff_user(username="office")
    client.force_login(staff)
    page = client.get(f"/admin/congress/user/{staff.pk}/change/").content.decode()
    assert 'name="display_name"' in page
    assert 'name="groups"' not in page and 'name="organization"' not in page, "roles go through the action"
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page


def test_a_superuser_can(client):
    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    page = client.get(f"/admin/congress/user/{root.pk}/change/").content.decode()
    assert 'name="is_superuser"' in page and 'name="user_permissions"' in page


def test_a_forged_superuser_field_is_ignored(client):
    staff = staff_user(username="office")
    clerk = UserFactory(username="clerk", is_staff=True)
    client.force_login(staff)
    response = client.post(f"/admin/congress/user/{clerk.pk}/change/", {
        "username": "clerk", "display_name": "办公室职员", "is_active": "on", "is_staff": "on",
        "is_superuser": "on", "date_joined_0": "2021-01-04", "date_joined_1": "09:00:00",
        "first_name": "", "last_name": "", "email": "", "organization": ""})
    assert response.status_code == 302, response.content.decode()[-3000:]
    clerk.refresh_from_db()
    assert clerk.display_name == "办公室职员"
    assert not clerk.is_superuser


def test_staff_cannot_reach_a_superuser_account_or_its_password(client):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(staff_user(username="office"))
    assert client.get(f"/admin/congress/user/{root.pk}/change/").status_code == 404
    assert client.post(f"/admin/congress/user/{root.pk}/password/",
                       {"password1": "taken-over-1", "password2": "taken-over-1"}).status_code == 404
    assert "root" not in client.get("/admin/congress/user/").content.decode()
    root.refresh_from_db()
    assert not root.check_password("taken-over-1")


def test_staff_give_a_role_through_the_action_which_calls_the_service(client):
    from congress.roles import Role
    from congress.tests.factories import OrganizationFactory

    clerk, unit = UserFactory(username="clerk"), OrganizationFactory()
    client.force_login(staff_user(username="office"))
    page = client.post("/admin/congress/user/", {"action": "assign_role", "_selected_action": [clerk.pk]})
    assert page.status_code == 200 and 'name="role"' in page.content.decode()
    client.post("/admin/congress/user/", {"action": "assign_role", "_selected_action": [clerk.pk], "apply": "1",
                                          "role": Role.UNIT_HANDLER.value, "organization": ""})
    clerk.refresh_from_db()
    assert not clerk.has_role(Role.UNIT_HANDLER), "a unit handler needs their unit: refused, nothing saved"
    client.post("/admin/congress/user/", {"action": "assign_role", "_selected_action": [clerk.pk], "apply": "1",
                                          "role": Role.UNIT_HANDLER.value, "organization": unit.pk})
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert clerk.has_role(Role.UNIT_HANDLER) and clerk.organization == unit and clerk.is_staff
