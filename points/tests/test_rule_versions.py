from datetime import date

import pytest

from congress.errors import StateConflict
from points.selectors import points_in_force
from points.services import entry_award, rule_create, rule_create_version
from points.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_an_activity_earns_the_value_in_force_that_day(staff, deputy):
    rule = rule_create(code="site_visit", name="实地察看", points=6, effective_from=date(2019, 1, 1), created_by=staff)
    rule_create_version(rule=rule, points=9, effective_from=date(2020, 7, 1), created_by=staff)
    assert points_in_force(rule=rule, on=date(2020, 6, 30)) == 6
    assert points_in_force(rule=rule, on=date(2020, 7, 1)) == 9
    before = entry_award(deputy=deputy, rule_code="site_visit", source=ActivityFactory(rule=rule),
                         occurred_on=date(2020, 6, 30))
    after = entry_award(deputy=deputy, rule_code="site_visit", source=ActivityFactory(rule=rule),
                        occurred_on=date(2020, 7, 1))
    assert (before.points, after.points) == (6, 9)


def test_a_new_version_does_not_change_recorded_entries(rules, staff, deputy):
    entry = entry_award(deputy=deputy, rule_code="meeting_attendance", source=ActivityFactory(),
                        occurred_on=date(2021, 3, 1))
    rule_create_version(rule=rules["meeting_attendance"], points=7, effective_from=date(2021, 1, 1), created_by=staff)
    entry.refresh_from_db()
    assert entry.points == 5
    later = entry_award(deputy=deputy, rule_code="meeting_attendance", source=ActivityFactory(),
                        occurred_on=date(2021, 3, 1))
    assert later.points == 7


def test_two_versions_on_the_same_date_are_refused(rules, staff):
    with pytest.raises(StateConflict):
        rule_create_version(rule=rules["topic_lead"], points=12, effective_from=date(2017, 1, 1), created_by=staff)
    assert points_in_force(rule=rules["topic_lead"], on=date(2020, 1, 1)) == 10


def test_seed_defaults(rules):
    values = {code: points_in_force(rule=rule, on=date(2020, 1, 1)) for code, rule in rules.items()}
    assert values["meeting_attendance"] == 5
    assert values["topic_lead"] == 10
    assert values["issue_resolved"] == 15
