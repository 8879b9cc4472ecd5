"""Roles are groups with exactly the permissions the apps declare; assigning a role checks the
organization it works for and decides who enters the back office."""

import pytest
from django.contrib.auth.models import Group

from congress.apps import CongressConfig
from congress.errors import DomainError
from congress.models import OrganizationKind
from congress.roles import Role
from congress.services import user_assign_role
from congress.tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def perms(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_role_has_its_group_with_the_declared_permissions(role_groups):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}
    for role, declared in CongressConfig.role_permissions.items():
        assert declared <= perms(role)
    assert "congress.delete_organizationcontact" not in perms("unit_handler")
    assert perms("deputy").isdisjoint({"congress.change_deputy", "congress.view_deputyprivate"})
    staff = perms("staff")
    assert {"congress.import_deputy", "congress.export_deputy", "congress.change_deputyprivate"} <= staff


def test_syncing_the_groups_again_is_stable(role_groups):
    from congress.roles import sync_role_groups

    before = {role.value: perms(role.value) for role in Role}
    sync_role_groups()
    assert {role.value: perms(role.value) for role in Role} == before


@pytest.mark.parametrize("kind", [OrganizationKind.SUPERVISION_COMMISSION, OrganizationKind.PROCURATORATE,
                                  OrganizationKind.AUDIT_BUREAU])
def test_an_organ_liaison_works_for_a_1_plus_3_organ(kind):
    organ = OrganizationFactory(kind=kind)
    user = user_assign_role(user=UserFactory(), role=Role.ORGAN_LIAISON, organization=organ)
    user.refresh_from_db()
    assert user.organization == organ and user.is_staff and user.has_role(Role.ORGAN_LIAISON)


@pytest.mark.parametrize("kind", [OrganizationKind.COURT, OrganizationKind.DEPARTMENT])
def test_an_organ_liaison_of_another_unit_is_refused(kind):
    user = UserFactory()
    with pytest.raises(DomainError) as refused:
        user_assign_role(user=user, role=Role.ORGAN_LIAISON, organization=OrganizationFactory(kind=kind))
    assert refused.value.field == "organization"
    user.refresh_from_db()
    assert user.organization is None and not user.is_staff and not user.groups.exists()


def test_a_unit_handler_needs_an_organization():
    user = UserFactory()
    with pytest.raises(DomainError):
        user_assign_role(user=user, role=Role.UNIT_HANDLER)
    assert not user.groups.exists()


@pytest.mark.parametrize("role, back_office", [(Role.STAFF, True), (Role.STATION_STAFF, True),
                                               (Role.DEPUTY, False), (Role.COMMITTEE_MEMBER, False)])
def test_only_back_office_roles_enter_the_admin(client, role, back_office):
    user = user_assign_role(user=UserFactory(), role=role)
    assert user.is_staff == back_office
    client.force_login(user)
    response = client.get("/admin/")
    if back_office:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_inactive_user_has_no_role():
    user = user_assign_role(user=UserFactory(), role=Role.STAFF)
    user.is_active = False
    user.__dict__.pop("roles", None)
    assert not user.has_role(Role.STAFF) and not user.is_office_staff
