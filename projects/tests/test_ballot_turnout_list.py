"""The public list of ballots shows each ballot's own turnout, counted from its receipts: a ballot
nobody has voted on yet shows 0, and another ballot's votes never add to it."""

import pytest
from django.urls import reverse

from projects.services import ballot_cast
from projects.tests.factories import ballot_with, paper

pytestmark = pytest.mark.django_db


def test_each_ballot_on_the_list_shows_its_own_turnout(client, staff):
    voted_on, voters = ballot_with(voters=4, status="open", staff=staff)
    for user in voters[:3]:
        ballot_cast(ballot=voted_on, choices=paper(voted_on, 1), cast_by=user)
    untouched, _voters = ballot_with(voters=2, status="open", staff=staff)
    ballot_with(status="draft", staff=staff)  # not opened: not public

    rows = client.get(reverse("projects-api:ballots")).json()["results"]
    assert {row["id"]: (row["voted"], row["entitled_count"]) for row in rows} == {
        voted_on.pk: (3, 4), untouched.pk: (0, 2)}
