"""Casting and counting a key-project ballot through the services."""

import pytest

from congress.errors import DomainError, NotPermitted, StateConflict
from projects.models import Ballot, BallotReceipt, Candidacy, KeyProject
from projects.services import ballot_cast, ballot_close, ballot_open
from projects.tests.factories import ballot_with, paper

pytestmark = pytest.mark.django_db


def counters(ballot):
    return list(ballot.candidacies.order_by("order").values_list("approvals", "oppositions", "abstentions"))


def test_a_ballot_adds_each_choice_to_its_counter(staff):
    ballot, users = ballot_with(candidates=3, seats=2, status="open", staff=staff)
    ballot_cast(ballot=ballot, choices=paper(ballot, 1, 2, oppose=[3]), cast_by=users[0])
    ballot_cast(ballot=ballot, choices=paper(ballot, 1, oppose=[2]), cast_by=users[1])
    assert counters(ballot) == [(2, 0, 0), (1, 1, 0), (0, 1, 1)]
    assert BallotReceipt.objects.filter(ballot=ballot).count() == 2


def test_more_than_n_approvals_are_refused_and_nothing_is_recorded(staff):
    ballot, users = ballot_with(candidates=4, seats=2, status="open", staff=staff)
    with pytest.raises(DomainError, match="at most 2|至多只能赞成 2"):
        ballot_cast(ballot=ballot, choices=paper(ballot, 1, 2, 3), cast_by=users[0])
    assert counters(ballot) == [(0, 0, 0)] * 4
    assert not BallotReceipt.objects.exists()


def test_an_incomplete_or_foreign_paper_is_refused(staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    choices = paper(ballot, 1)
    choices.popitem()
    with pytest.raises(DomainError):
        ballot_cast(ballot=ballot, choices=choices, cast_by=users[0])
    with pytest.raises(DomainError):
        ballot_cast(ballot=ballot, choices={**paper(ballot, 1), 999999: "approve"}, cast_by=users[0])
    with pytest.raises(DomainError):
        ballot_cast(ballot=ballot, choices=dict.fromkeys(paper(ballot), "yes"), cast_by=users[0])
    assert not BallotReceipt.objects.exists()


def test_a_second_ballot_by_the_same_deputy_is_refused(staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=users[0])
    with pytest.raises(StateConflict, match="already voted|已经投票"):
        ballot_cast(ballot=ballot, choices=paper(ballot, 2), cast_by=users[0])
    assert counters(ballot) == [(1, 0, 0), (0, 0, 1), (0, 0, 1)]


def test_ballots_are_refused_before_opening_and_after_closing(staff):
    ballot, users = ballot_with(candidates=3, seats=1, status="draft", staff=staff)
    with pytest.raises(StateConflict, match="not opened|尚未开始"):
        ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=users[0])
    ballot_open(ballot=ballot, opened_by=staff)
    ballot_close(ballot=ballot, closed_by=staff)
    with pytest.raises(StateConflict, match="closed|已经结束"):
        ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=users[1])
    assert not BallotReceipt.objects.exists()
    assert counters(ballot) == [(0, 0, 0)] * 3


def test_only_an_entitled_deputy_votes_in_their_own_name(staff):
    from congress.tests.factories import DeputyFactory, TermFactory, deputy_user

    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    with pytest.raises(NotPermitted):
        ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=staff)
    other_term = deputy_user(DeputyFactory(term=TermFactory(number=2, start_year=2022, end_year=2026)))
    with pytest.raises(DomainError, match="not entitled|不是本次票决"):
        ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=other_term)
    assert not BallotReceipt.objects.exists()


def test_opening_fixes_the_electorate_and_only_staff_open_and_close(staff):
    ballot, users = ballot_with(candidates=3, seats=1, voters=7, status="draft", staff=staff)
    with pytest.raises(NotPermitted):
        ballot_open(ballot=ballot, opened_by=users[0])
    ballot = ballot_open(ballot=ballot, opened_by=staff)
    assert ballot.entitled_count == 7
    with pytest.raises(StateConflict):
        ballot_open(ballot=ballot, opened_by=staff)
    with pytest.raises(NotPermitted):
        ballot_close(ballot=ballot, closed_by=users[0])


def test_closing_counts_elects_and_flags_a_tie_for_a_runoff(staff):
    # 5 entitled: a majority is 3. Seats 2. Approvals: #1 4, #2 3, #3 3, #4 0 → #1 elected,
    # #2 and #3 tie for the last seat → run-off for 1 seat; #4 not elected.
    ballot, users = ballot_with(candidates=4, seats=2, voters=5, status="open", staff=staff)
    for user, approved in zip(users, [(1, 2), (1, 3), (1, 2), (1, 3), (2, 3)], strict=True):
        ballot_cast(ballot=ballot, choices=paper(ballot, *approved), cast_by=user)
    ballot_close(ballot=ballot, closed_by=staff)
    results = dict(ballot.candidacies.values_list("order", "result"))
    assert results == {1: "elected", 2: "runoff", 3: "runoff", 4: "not_elected"}
    statuses = dict(KeyProject.objects.filter(candidacies__ballot=ballot).values_list("candidacies__order", "status"))
    assert statuses == {1: "planned", 2: "candidate", 3: "candidate", 4: "not_elected"}
    runoff = Ballot.objects.get(runoff_of=ballot)
    assert (runoff.status, runoff.seats, runoff.candidacies.count()) == ("draft", 1, 2)

    ballot_open(ballot=runoff, opened_by=staff)
    second = {c.project.pk: c.pk for c in runoff.candidacies.select_related("project")}
    tied = list(second)
    for user in users[:3]:
        ballot_cast(ballot=runoff, choices={second[tied[0]]: "approve", second[tied[1]]: "oppose"}, cast_by=user)
    ballot_close(ballot=runoff, closed_by=staff)
    assert KeyProject.objects.get(pk=tied[0]).status == "planned"
    assert KeyProject.objects.get(pk=tied[1]).status == "not_elected"
    assert not Ballot.objects.filter(runoff_of=runoff).exists()


def test_closing_twice_is_refused(staff):
    ballot, _ = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    ballot_close(ballot=ballot, closed_by=staff)
    with pytest.raises(StateConflict):
        ballot_close(ballot=ballot, closed_by=staff)
    assert Candidacy.objects.filter(ballot=ballot, result="not_elected").count() == 3


def test_opening_refuses_a_ballot_whose_candidates_were_edited_away(staff):
    ballot, _ = ballot_with(candidates=3, seats=1, status="draft", staff=staff)
    KeyProject.objects.filter(candidacies__ballot=ballot, candidacies__order=1).update(year=2019)
    with pytest.raises(DomainError, match="candidate|候选"):
        ballot_open(ballot=ballot, opened_by=staff)
    assert Ballot.objects.get(pk=ballot.pk).status == "draft"
