"""`manage.py seed_demo` builds the demo district's registry (SPEC §11) and running it again
changes nothing."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from congress.demo import DEMO_PASSWORD
from congress.models import (
    Community,
    Deputy,
    DeputyPrivate,
    Organization,
    OrganizationContact,
    OrganizationKind,
    Street,
    User,
)
from congress.roles import Role

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--only", "registry", stdout=out)
    return out.getvalue()


def congress_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_app_config("congress").get_models()}


def test_the_demo_registry_is_the_seed_district():
    out = seed()
    assert "streets and communities" in out and "Demo district ready" in out
    assert Street.objects.count() == 6
    assert Community.objects.count() == 23
    assert Deputy.objects.count() == 200
    assert DeputyPrivate.objects.count() == 200
    organs = Organization.objects.joint_supervision_organs()
    assert sorted(organs.values_list("kind", flat=True)) == sorted(
        [OrganizationKind.SUPERVISION_COMMISSION, OrganizationKind.PROCURATORATE, OrganizationKind.AUDIT_BUREAU])
    assert all(o.is_joint_supervision_organ for o in organs)
    assert Organization.objects.filter(kind=OrganizationKind.COURT).count() == 1
    assert not Organization.objects.get(kind=OrganizationKind.COURT).is_joint_supervision_organ
    assert OrganizationContact.objects.count() == Organization.objects.count()
    assert all(c.street_id == d.street_id for d in Deputy.objects.select_related("community")
               for c in [d.community])


LOGINS = [("staff", Role.STAFF), ("unit", Role.UNIT_HANDLER), ("unit2", Role.UNIT_HANDLER),
          ("organ", Role.ORGAN_LIAISON), ("station", Role.STATION_STAFF), ("deputy", Role.DEPUTY),
          ("member", Role.COMMITTEE_MEMBER)]


def test_there_is_a_demo_login_per_role():
    seed()
    for username, role in LOGINS:
        user = authenticate(RequestFactory().post("/accounts/login/"), username=username, password=DEMO_PASSWORD)
        assert user is not None and user.has_role(role), username
        assert user.is_back_office_user == (role in {Role.STAFF, Role.UNIT_HANDLER, Role.ORGAN_LIAISON,
                                                      Role.STATION_STAFF}), username
        if role == Role.ORGAN_LIAISON:
            assert user.organization.is_joint_supervision_organ
        if role == Role.UNIT_HANDLER:
            assert user.organization.kind == OrganizationKind.DEPARTMENT
        if role in (Role.DEPUTY, Role.COMMITTEE_MEMBER):
            assert user.deputy is not None
        if role == Role.COMMITTEE_MEMBER:
            assert user.deputy.is_committee_member and user.has_role(Role.DEPUTY)


def test_running_it_twice_changes_nothing():
    seed()
    first = congress_counts()
    users = {u.username: (u.password, u.organization_id) for u in User.objects.all()}
    seed()
    assert congress_counts() == first, "no new rows, not even history rows"
    assert {u.username: (u.password, u.organization_id) for u in User.objects.all()} == users
