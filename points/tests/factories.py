"""factory_boy factories of the points ledger, on top of congress.tests.factories."""

from datetime import date

import factory

from congress.tests.factories import DeputyFactory, UserFactory  # noqa: F401 - re-exported for tests
from points import models
from points.services import activity_record


class PointRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PointRule
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"rule_{n}")
    name = factory.Sequence(lambda n: f"履职活动{n}")
    self_reportable = True

    @factory.post_generation
    def points(self, create, extracted, **kwargs):
        """PointRuleFactory(points=8) gives the rule one version worth 8 from 2017-01-01."""
        if create and extracted is not None:
            PointRuleVersionFactory(rule=self, points=extracted, effective_from=date(2017, 1, 1))


class PointRuleVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PointRuleVersion

    rule = factory.SubFactory(PointRuleFactory)
    points = 5
    effective_from = date(2017, 1, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Activity

    rule = factory.SubFactory(PointRuleFactory)
    occurred_on = date(2020, 5, 6)
    title = factory.Sequence(lambda n: f"视察调研活动{n}")


def award(deputy, rules, code="inspection", on=date(2020, 5, 6), title="视察", recorded_by=None):
    """Record a one-deputy activity of `code` on `on` and return the deputy's entry."""
    activity = activity_record(rule=rules[code], occurred_on=on, title=title, deputies=[deputy],
                               recorded_by=recorded_by)
    return activity, deputy.point_entries.get(source_id=activity.pk, kind="award")
