import pytest

from appointees.models import RatingSession
from appointees.services import rating_session_create, rating_session_open
from appointees.tests.factories import MeetingFactory, department_heads, member_user
from congress.tests.factories import staff_user


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def heads(db):
    return department_heads(10)


@pytest.fixture
def members(db):
    """Three committee members with logins."""
    return [member_user() for _ in range(3)]


@pytest.fixture
def open_session(staff, meeting, members) -> RatingSession:
    """An open session rating three officials, with the three members present."""
    officials = department_heads(3)
    session = rating_session_create(title="2020年度测评", year=2020, meeting=meeting, officials=officials,
                                    members=[m.deputy for m in members], created_by=staff)
    return rating_session_open(session=session, opened_by=staff)
