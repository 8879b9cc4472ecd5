"""factory_boy factories of the appointees app, on top of congress.tests.factories."""

from datetime import date

import factory

from appointees import models
from congress.models import SessionKind
from congress.roles import Role
from congress.tests.factories import (
    CongressSessionFactory,
    DeputyFactory,
    OrganizationFactory,
    UserFactory,
)


class AppointeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Appointee

    code = factory.Sequence(lambda n: f"DH-{n:03d}")
    name = factory.Sequence(lambda n: f"官员{n}")
    position = "局长"
    organization = factory.SubFactory(OrganizationFactory)
    category = models.Category.DEPARTMENT_HEAD
    mode = models.Mode.APPOINTED
    body = models.Body.STANDING_COMMITTEE
    took_office = date(2017, 3, 1)


class MeetingFactory(CongressSessionFactory):
    kind = SessionKind.STANDING_COMMITTEE
    start_date = date(2021, 4, 20)
    end_date = date(2021, 4, 20)


def member_user(deputy=None):
    """A standing committee member with a login (roles deputy + committee member)."""
    from django.contrib.auth.models import Group

    deputy = deputy or DeputyFactory(is_committee_member=True)
    user = UserFactory(role=Role.COMMITTEE_MEMBER)
    user.groups.add(Group.objects.get(name=Role.DEPUTY.value) if Group.objects.filter(
        name=Role.DEPUTY.value).exists() else Group.objects.create(name=Role.DEPUTY.value))
    user.__dict__.pop("roles", None)
    deputy.user = user
    deputy.save(update_fields=["user"])
    return user


def department_heads(n: int, **kwargs) -> list:
    return [AppointeeFactory(**kwargs) for _ in range(n)]
