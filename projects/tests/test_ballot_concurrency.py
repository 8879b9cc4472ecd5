"""One deputy, one ballot — also under 20 concurrent attempts (PostgreSQL, real threads): the
unique constraint on the receipts, not a check in Python, is the guarantee."""

import pytest
from django.db import IntegrityError

from congress.errors import StateConflict
from congress.testing import run_in_threads
from projects.models import BallotReceipt, SatisfactionReceipt
from projects.services import ballot_cast, survey_rate
from projects.tests.factories import ballot_with, paper


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_ballots_by_one_deputy_count_once(requires_postgres):
    ballot, users = ballot_with(candidates=3, seats=1, voters=1, status="open")
    choices = paper(ballot, 1, oppose=[2])

    results = run_in_threads(20, lambda: ballot_cast(ballot=ballot, choices=choices, cast_by=users[0]))

    assert results.count(None) == 1
    assert [type(r) for r in results if r is not None] == [StateConflict] * 19
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 1
    assert list(ballot.candidacies.order_by("order").values_list("approvals", "oppositions", "abstentions")) == [
        (1, 0, 0), (0, 1, 0), (0, 0, 1)]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_ballots_through_the_api_answer_one_201_and_409s(requires_postgres):
    from django.test import Client
    from django.urls import reverse

    ballot, users = ballot_with(candidates=3, seats=1, voters=1, status="open")
    choices = [{"candidate": pk, "choice": value} for pk, value in paper(ballot, 2).items()]
    url = reverse("projects-api:ballot-cast", args=[ballot.pk])

    def cast():
        client = Client()
        client.force_login(users[0])
        return client.post(url, {"choices": choices}, content_type="application/json").status_code

    assert sorted(run_in_threads(20, cast)) == [201] + [409] * 19
    assert BallotReceipt.objects.count() == 1
    assert sum(ballot.candidacies.values_list("approvals", flat=True)) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_receipt(requires_postgres):
    ballot, users = ballot_with(candidates=3, seats=1, voters=1, status="open")
    ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=users[0])
    with pytest.raises(IntegrityError):
        BallotReceipt.objects.create(ballot=ballot, deputy=users[0].deputy)


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_ratings_by_one_deputy_count_once(requires_postgres):
    from projects.tests.test_satisfaction import open_survey

    survey, users = open_survey(voters=1)
    ratings = dict.fromkeys(survey.tallies.values_list("project_id", flat=True), "satisfied")
    results = run_in_threads(20, lambda: survey_rate(survey=survey, ratings=ratings, rated_by=users[0]))
    assert results.count(None) == 1
    assert SatisfactionReceipt.objects.count() == 1
    assert set(survey.tallies.values_list("satisfied", flat=True)) == {1}
