"""A deputy votes from a phone: choose → review on one screen → cast (final). The draft lives in
the session until it is cast; bad papers get a message and save nothing."""

import pytest
from django.urls import reverse

from projects.models import BallotReceipt
from projects.services import ballot_close
from projects.tests.factories import ballot_with

pytestmark = pytest.mark.django_db


def form_data(ballot, approve=(), oppose=()):
    data = {}
    for c in ballot.candidacies.order_by("order"):
        data[f"c{c.pk}"] = "approve" if c.order in approve else "oppose" if c.order in oppose else "abstain"
    return data


def counters(ballot):
    return list(ballot.candidacies.order_by("order").values_list("approvals", "oppositions", "abstentions"))


def test_choose_review_and_cast(client, staff):
    ballot, users = ballot_with(candidates=3, seats=2, status="open", staff=staff)
    client.force_login(users[0])
    page = client.get(reverse("projects:vote", args=[ballot.pk]))
    assert page.status_code == 200
    assert "至多" in page.content.decode() or "at most" in page.content.decode()

    response = client.post(reverse("projects:vote", args=[ballot.pk]), form_data(ballot, approve=[1, 3], oppose=[2]))
    assert response.status_code == 302 and response.url.endswith(reverse("projects:review", args=[ballot.pk]))
    assert not BallotReceipt.objects.exists(), "nothing is recorded before the deputy casts"
    review = client.get(reverse("projects:review", args=[ballot.pk])).content.decode()
    assert review.count("badge ok") == 2 and review.count("badge bad") == 1

    cast = client.post(reverse("projects:review", args=[ballot.pk]))
    assert cast.status_code == 302
    assert BallotReceipt.objects.filter(deputy=users[0].deputy).count() == 1
    assert counters(ballot) == [(1, 0, 0), (0, 1, 0), (1, 0, 0)]
    assert not any(key.startswith("projects-ballot-draft") for key in client.session.keys())  # noqa: SIM118 - a session is not iterable

    again = client.get(reverse("projects:vote", args=[ballot.pk]))
    assert "已经投票" in again.content.decode() or "You have voted" in again.content.decode()
    client.post(reverse("projects:vote", args=[ballot.pk]), form_data(ballot, approve=[2]))
    client.post(reverse("projects:review", args=[ballot.pk]))
    assert counters(ballot) == [(1, 0, 0), (0, 1, 0), (1, 0, 0)]


def test_more_than_n_approvals_are_refused_on_the_form(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    client.force_login(users[0])
    response = client.post(reverse("projects:vote", args=[ballot.pk]), form_data(ballot, approve=[1, 2]))
    assert response.status_code == 400
    assert "1" in response.content.decode()
    assert not any(key.startswith("projects-ballot-draft") for key in client.session.keys())  # noqa: SIM118 - a session is not iterable
    assert client.get(reverse("projects:review", args=[ballot.pk])).status_code == 302


def test_an_incomplete_form_is_a_400(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    client.force_login(users[0])
    data = form_data(ballot)
    data.popitem()
    assert client.post(reverse("projects:vote", args=[ballot.pk]), data).status_code == 400


def test_a_ballot_not_open_is_refused_and_a_closed_draft_is_dropped(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="draft", staff=staff)
    client.force_login(users[0])
    assert client.get(reverse("projects:vote", args=[ballot.pk])).status_code == 404  # a draft is not public

    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    client.force_login(users[0])
    client.post(reverse("projects:vote", args=[ballot.pk]), form_data(ballot, approve=[1]))
    ballot_close(ballot=ballot, closed_by=staff)
    response = client.post(reverse("projects:review", args=[ballot.pk]))
    assert response.status_code == 302
    assert not BallotReceipt.objects.exists()
    assert client.post(reverse("projects:vote", args=[ballot.pk]), form_data(ballot, approve=[1])).status_code == 409


def test_only_deputies_reach_the_ballot_pages(client, staff):
    ballot, _ = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    assert client.get(reverse("projects:vote", args=[ballot.pk])).status_code == 302  # to the login page
    client.force_login(staff)
    assert client.get(reverse("projects:vote", args=[ballot.pk])).status_code == 403


def test_my_ballots_lists_the_open_ballot_and_whether_i_voted(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    client.force_login(users[0])
    page = client.get(reverse("projects:my-ballots")).content.decode()
    assert reverse("projects:vote", args=[ballot.pk]) in page
