"""A closed ballot's published result ranks equal approvals equally (1, 2, 2, 4), on the page, in
its downloads and in the API, as every other ranking of the portal does; tied candidates got 2
and 3 before, as if the count had decided between them."""

import pytest
from django.urls import reverse

from projects.selectors import ballot_result_rows
from projects.services import ballot_cast, ballot_close
from projects.tests.factories import ballot_with, paper

pytestmark = pytest.mark.django_db


def test_equal_approvals_share_a_rank(client, staff):
    # Approvals: #1 4, #2 3, #3 3, #4 0 (as in test_ballot's tie for the last seat).
    ballot, users = ballot_with(candidates=4, seats=2, voters=5, status="open", staff=staff)
    for user, approved in zip(users, [(1, 2), (1, 3), (1, 2), (1, 3), (2, 3)], strict=True):
        ballot_cast(ballot=ballot, choices=paper(ballot, *approved), cast_by=user)
    ballot = ballot_close(ballot=ballot, closed_by=staff)
    assert [(row["rank"], row["approvals"]) for row in ballot_result_rows(ballot=ballot)] == [
        (1, 4), (2, 3), (2, 3), (4, 0)]
    csv = client.get(reverse("projects:ballot", args=[ballot.pk]) + "?format=csv").content.decode("utf-8-sig")
    assert [line.split(",")[0] for line in csv.splitlines()[1:]] == ["1", "2", "2", "4"]
