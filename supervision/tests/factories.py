"""factory_boy factories of the supervision app."""

from datetime import date

import factory

from congress.models import OrganizationKind
from congress.roles import Role
from congress.tests.factories import OrganizationFactory, UserFactory
from supervision import models


def organ(kind=OrganizationKind.PROCURATORATE, **kwargs):
    return OrganizationFactory(kind=kind, **kwargs)


def organ_user(organization, **kwargs):
    return UserFactory(role=Role.ORGAN_LIAISON, organization=organization, **kwargs)


class ClueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Clue

    number = factory.Sequence(lambda n: f"XS2020-{n:04d}")
    received_on = date(2020, 3, 1)
    source = models.ClueSource.CITIZEN
    category = models.ClueCategory.LAND
    public_interest = True
    title = factory.Sequence(lambda n: f"线索{n}")
    description = "群众反映某地块闲置多年未开发。"


class SharedClueFactory(ClueFactory):
    state = models.ClueState.SHARED
    shared_on = date(2020, 3, 5)


class ClueReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ClueReporter

    clue = factory.SubFactory(ClueFactory)
    name = "举报人张某某"
    phone = "13912345678"
    email = "reporter@example.com"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Case

    clue = factory.SubFactory(ClueFactory, state=models.ClueState.REFERRED, shared_on=date(2020, 3, 5))
    organ = factory.LazyFunction(organ)
    referred_on = date(2020, 3, 10)


class RectificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Rectification

    case = factory.SubFactory(CaseFactory)
    unit = factory.SubFactory(OrganizationFactory)
    requirement = "依法收回闲置土地并建立监管台账"
    deadline = date(2030, 6, 30)
