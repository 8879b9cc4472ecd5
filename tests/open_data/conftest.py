"""A small district with something to publish in every quarterly data set: a deputy's verified
points (points ranking) and a unit's graded handling (suggestion unit ranking), both in 2020."""

from datetime import date

import pytest

from congress.periods import Quarter
from congress.tests.factories import CommunityFactory, DeputyFactory, OrganizationFactory
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.tests.factories import award

Q1, Q2 = Quarter(2020, 1), Quarter(2020, 2)
DEPUTY = "开放数据代表"
UNIT = "开放数据局"


@pytest.fixture
def district(db):
    from suggestions.tests.factories import handling

    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    deputy = DeputyFactory(name=DEPUTY, code="OD-001", community=CommunityFactory(name="开放社区"))
    award(deputy, rules, "inspection", date(2020, 2, 3))
    award(deputy, rules, "meeting_attendance", date(2020, 5, 6))
    handling(organization=OrganizationFactory(name=UNIT), on=date(2020, 3, 2), stage="evaluated")
    return {"deputy": deputy, "rules": rules}
