from datetime import date

import pytest

from congress.tests.factories import staff_user
from liaison import services
from liaison.tests.factories import StationFactory, station_staff_of, stationed
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion


@pytest.fixture
def rules(db):
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def station(db):
    return StationFactory()


@pytest.fixture
def station_login(station):
    return station_staff_of(station)


@pytest.fixture
def deputies(station):
    return stationed(station, 3)


@pytest.fixture
def draft_meeting(rules, station, station_login, deputies):
    """A draft deputy deliberation meeting on 2020-06-10 with three deputies present and one topic."""
    meeting = services.meeting_create(station=station, kind="deputy_deliberation", held_on=date(2020, 6, 10),
                                      recorded_by=station_login)
    services.meeting_set_attendance(meeting=meeting, deputies=deputies, recorded_by=station_login)
    services.topic_add(meeting=meeting, title="老旧小区加装电梯", lead_deputy=deputies[0], outcome="提请街道协调",
                       recorded_by=station_login)
    return meeting


@pytest.fixture
def issue_in_progress(rules, draft_meeting, station_login, deputies):
    topic = draft_meeting.topics.get()
    issue = services.issue_raise(station=draft_meeting.station, origin="topic", topic=topic, title="1栋加装电梯协调",
                                 raised_on=date(2020, 6, 10), following_deputy=deputies[0], raised_by=station_login,
                                 reporter_name="张阿姨", reporter_contact="13912345678")
    return services.issue_start(issue=issue, started_by=station_login, on=date(2020, 6, 11))
