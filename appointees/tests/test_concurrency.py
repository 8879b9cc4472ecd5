"""Race-sensitive rules on PostgreSQL with real threads."""

import pytest

from appointees.models import Ballot, Draw, RatingOfficial
from appointees.services import draw_commit, rating_ballot_submit
from congress.errors import StateConflict
from congress.testing import run_in_threads


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_ballots_by_one_member_give_one(requires_postgres, open_session, members):
    ids = list(open_session.officials.values_list("appointee_id", flat=True))
    member = members[0]

    results = run_in_threads(20, lambda: rating_ballot_submit(session=open_session, user=member,
                                                              choices=dict.fromkeys(ids, "satisfied")))

    assert sum(r is None for r in results) == 1
    assert all(isinstance(r, StateConflict) for r in results if r is not None), results
    assert Ballot.objects.filter(session=open_session, deputy=member.deputy).count() == 1
    assert set(RatingOfficial.objects.filter(session=open_session).values_list("satisfied", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_concurrent_ballots_of_different_members_all_count(requires_postgres, open_session, members):
    ids = list(open_session.officials.values_list("appointee_id", flat=True))
    users = iter(members)
    import threading

    lock = threading.Lock()

    def submit():
        with lock:
            user = next(users)
        return rating_ballot_submit(session=open_session, user=user, choices=dict.fromkeys(ids, "unsatisfied"))

    assert run_in_threads(3, submit) == [None, None, None]
    assert set(RatingOfficial.objects.filter(session=open_session).values_list("unsatisfied", flat=True)) == {3}


@pytest.mark.django_db(transaction=True)
def test_concurrent_draws_for_one_year_give_one(requires_postgres, staff, heads, meeting):
    results = run_in_threads(8, lambda: draw_commit(year=2020, meeting=meeting, created_by=staff))
    assert sum(isinstance(r, Draw) for r in results) == 1
    assert all(isinstance(r, StateConflict) for r in results if not isinstance(r, Draw)), results
    assert Draw.objects.filter(year=2020).count() == 1
