"""factory_boy factories of the liaison app, on top of congress.tests.factories."""

from datetime import date

import factory

from congress.roles import Role
from congress.tests.factories import CommunityFactory, DeputyFactory, UserFactory
from liaison import models


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Station
        skip_postgeneration_save = True

    kind = models.StationKind.COMMUNITY
    community = factory.SubFactory(CommunityFactory)
    street = factory.SelfAttribute("community.street")
    name = factory.Sequence(lambda n: f"第{n}社区人大代表联络站")
    address = factory.Sequence(lambda n: f"坪山区人民路{n}号")
    opening_hours = "周一至周五 9:00–17:30"


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContactPoint

    station = factory.SubFactory(StationFactory)
    kind = models.ContactPointKind.RESIDENTS_GROUP
    name = factory.Sequence(lambda n: f"第{n}居民小组联系点")


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Liaison

    station = factory.SubFactory(StationFactory)
    name = factory.Sequence(lambda n: f"联络员{n}号")
    phone = factory.Sequence(lambda n: f"1390000{n:04d}")


class StationedDeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StationedDeputy

    station = factory.SubFactory(StationFactory)
    deputy = factory.SubFactory(DeputyFactory)
    start_date = date(2017, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    kind = models.MeetingKind.DEPUTY_DELIBERATION
    station = factory.SubFactory(StationFactory)
    held_on = factory.Sequence(lambda n: date(2020, 1, 1).fromordinal(date(2020, 1, 1).toordinal() + n))
    title = factory.Sequence(lambda n: f"代表议事会{n}")


def station_staff_of(station):
    """A station-staff login of `station`."""
    user = UserFactory(role=Role.STATION_STAFF)
    station.staff.add(user)
    return user


def stationed(station, count=3):
    """`count` deputies stationed at `station` from 2017."""
    return [StationedDeputyFactory(station=station, deputy=DeputyFactory()).deputy for _ in range(count)]
