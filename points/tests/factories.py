"""factory_boy factories of the points ledger, on top of congress.tests.factories."""

from datetime import date

import factory

from congress.tests.factories import DeputyFactory, UserFactory, staff_user  # noqa: F401 - re-exported for tests
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
                               recorded_by=recorded_by or staff_user())
    return activity, deputy.point_entries.get(source_id=activity.pk, kind="award")


def self_report(deputy, rules, code="reception", on=date(2020, 5, 1), description="接待选民"):
    from points.services import entry_self_report

    return entry_self_report(deputy=deputy, rule=rules[code], occurred_on=on, description=description,
                             submitted_by=staff_user())


def small_district(rules, staff):
    """Three deputies in two streets with a hand-checked ledger (see test_totals.py):
    2019: d1 inspection 8 (Q2), d3 topic 10 (Q1)
    2020: d1 topic 10 (Q1), meeting 5 (Q2); d2 issue 15 (Q2); d3 inspection 8 (Q4), reception
    5 (Q2) reversed; d2 a pending and a rejected self-report (never counted)."""
    from congress.tests.factories import CommunityFactory
    from points.services import entry_reject, entry_reverse

    community_a, community_b = CommunityFactory(name="甲社区"), CommunityFactory(name="乙社区")
    d1 = DeputyFactory(name="一号", code="T-001", community=community_a)
    d2 = DeputyFactory(name="二号", code="T-002", community=community_a)
    d3 = DeputyFactory(name="三号", code="T-003", community=community_b)
    award(d1, rules, "inspection", date(2019, 5, 1))
    award(d3, rules, "topic_lead", date(2019, 2, 1))
    award(d1, rules, "topic_lead", date(2020, 2, 10))
    award(d1, rules, "meeting_attendance", date(2020, 5, 6))
    award(d2, rules, "issue_resolved", date(2020, 5, 20))
    award(d3, rules, "inspection", date(2020, 11, 2))
    _, wrong = award(d3, rules, "reception", date(2020, 6, 1))
    entry_reverse(entry=wrong, reason="登记错误", reversed_by=staff)
    self_report(d2, rules, on=date(2020, 5, 1))
    entry_reject(entry=self_report(d2, rules, on=date(2020, 5, 2)), reason="无证明材料", rejected_by=staff)
    return d1, d2, d3


def district_of(n, rules, on=date(2020, 5, 6)):
    """n deputies, each awarded once in 2020Q2 (deputy i: i % 3 meeting attendances' worth)."""
    from congress.tests.factories import CommunityFactory

    community = CommunityFactory()
    deputies = DeputyFactory.create_batch(n, community=community)
    activity = ActivityFactory(rule=rules["meeting_attendance"], occurred_on=on)
    from points.services import entry_award

    for deputy in deputies:
        entry_award(deputy=deputy, rule_code="meeting_attendance", source=activity, occurred_on=on)
    return deputies
