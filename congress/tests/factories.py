"""factory_boy factories of the core registry; every app's tests build on these."""

import factory
from django.contrib.auth.models import Group

from congress import models
from congress.roles import BACK_OFFICE_ROLES, Role, sync_role_groups


class StreetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Street

    name = factory.Sequence(lambda n: f"街道{n}")
    code = factory.Sequence(lambda n: f"S{n:03d}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Community

    street = factory.SubFactory(StreetFactory)
    name = factory.Sequence(lambda n: f"社区{n}")
    code = factory.Sequence(lambda n: f"C{n:03d}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"区测试局{n}")
    short_name = factory.LazyAttribute(lambda o: o.name.removeprefix("区"))
    kind = models.OrganizationKind.DEPARTMENT


class OrganizationContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrganizationContact

    organization = factory.SubFactory(OrganizationFactory)
    contact_person = "联络员"
    phone = factory.Sequence(lambda n: f"0755-{80000000 + n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Term
        django_get_or_create = ["number"]

    number = 1
    start_year = 2017
    end_year = 2021


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Deputy

    term = factory.SubFactory(TermFactory)
    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"代表{n}")
    gender = models.Gender.FEMALE
    occupation = "教师"
    community = factory.SubFactory(CommunityFactory)
    street = factory.LazyAttribute(lambda d: d.community.street)


class DeputyPrivateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DeputyPrivate

    deputy = factory.SubFactory(DeputyFactory)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    id_number = "440300199001011234"
    address = "坪山区某路1号"


class CongressSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CongressSession

    term = factory.SubFactory(TermFactory)
    kind = models.SessionKind.CONGRESS
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.Faker("date_between", start_date="-2y", end_date="-1y")
    end_date = factory.LazyAttribute(lambda s: s.start_date)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role=Role.UNIT_HANDLER, organization=org)"""
        if not extracted:
            if create:
                self.save()  # keep the password set above (force_login checks its hash)
            return
        role = Role(extracted)
        group = Group.objects.filter(name=role.value).first()
        if group is None:
            sync_role_groups()
            group = Group.objects.get(name=role.value)
        self.groups.add(group)
        if role in BACK_OFFICE_ROLES:
            self.is_staff = True
        self.save()
        self.__dict__.pop("roles", None)


def staff_user(**kwargs):
    return UserFactory(role=Role.STAFF, **kwargs)


def unit_user(organization, **kwargs):
    return UserFactory(role=Role.UNIT_HANDLER, organization=organization, **kwargs)


def deputy_user(deputy=None, **kwargs):
    user = UserFactory(role=Role.DEPUTY, **kwargs)
    deputy = deputy or DeputyFactory()
    deputy.user = user
    deputy.save(update_fields=["user"])
    return user
