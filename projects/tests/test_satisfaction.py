"""The year-end satisfaction rating: one per deputy, secret like the ballot, only while open."""

import pytest

from congress.errors import DomainError, StateConflict
from projects.models import SatisfactionReceipt
from projects.services import survey_close, survey_open, survey_rate
from projects.tests.factories import DeputyFactory, TermFactory, deputy_user, elected_project, staff_user


def open_survey(voters=3):
    staff = staff_user()
    term = TermFactory()
    elected_project(staff, title="甲项目")
    elected_project(staff, title="乙项目")
    users = [deputy_user(DeputyFactory(term=term)) for _ in range(voters)]
    return survey_open(year=2020, term=term, opened_by=staff), users


@pytest.mark.django_db
def test_ratings_add_up_and_a_second_one_is_refused():
    survey, users = open_survey()
    a, b = sorted(survey.tallies.values_list("project_id", flat=True))
    survey_rate(survey=survey, ratings={a: "satisfied", b: "basically"}, rated_by=users[0])
    survey_rate(survey=survey, ratings={a: "dissatisfied", b: "basically"}, rated_by=users[1])
    with pytest.raises(StateConflict):
        survey_rate(survey=survey, ratings={a: "satisfied", b: "satisfied"}, rated_by=users[0])
    with pytest.raises(DomainError):
        survey_rate(survey=survey, ratings={a: "satisfied"}, rated_by=users[2])
    counts = {t.project_id: (t.satisfied, t.basically, t.dissatisfied) for t in survey.tallies.all()}
    assert counts == {a: (1, 0, 1), b: (0, 2, 0)}
    assert SatisfactionReceipt.objects.count() == 2


@pytest.mark.django_db
def test_a_closed_rating_refuses_ratings():
    survey, users = open_survey()
    survey_close(survey=survey, closed_by=staff_user())
    ratings = dict.fromkeys(survey.tallies.values_list("project_id", flat=True), "satisfied")
    with pytest.raises(StateConflict):
        survey_rate(survey=survey, ratings=ratings, rated_by=users[0])
    assert not SatisfactionReceipt.objects.exists()
