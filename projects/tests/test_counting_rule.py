"""The counting rule against hand-worked cases: majority of ALL entitled deputies, top N by
approvals, a tie at the cut-off flagged for a run-off (never broken silently), the run-off."""

import itertools

import pytest

from projects.rules import count, majority_threshold, micro_project_passes, satisfaction_rate


@pytest.mark.parametrize(("entitled", "threshold"), [(1, 1), (2, 2), (3, 2), (199, 100), (200, 101), (201, 101)])
def test_a_majority_is_more_than_half_of_all_entitled(entitled, threshold):
    assert majority_threshold(entitled) == threshold


def test_top_n_of_the_eligible_are_elected():
    # 200 entitled, 3 seats: threshold 101. A 180, B 150, C 120, D 110, E 60.
    outcome = count(approvals=[("A", 180), ("B", 150), ("C", 120), ("D", 110), ("E", 60)], seats=3, entitled=200)
    assert outcome.elected == ("A", "B", "C")
    assert outcome.not_elected == ("D", "E")
    assert not outcome.needs_runoff and outcome.runoff_seats == 0


def test_majority_is_of_all_entitled_not_of_those_who_voted():
    # 200 entitled, only 120 voted: 100 approvals is most of the voters but not more than half
    # of 200, so it is not elected; a seat stays empty.
    outcome = count(approvals=[("A", 110), ("B", 100), ("C", 30)], seats=2, entitled=200)
    assert outcome.elected == ("A",)
    assert outcome.not_elected == ("B", "C")
    assert outcome.threshold == 101


def test_exactly_half_is_not_enough():
    outcome = count(approvals=[("A", 100), ("B", 101)], seats=2, entitled=200)
    assert outcome.elected == ("B",)
    assert outcome.not_elected == ("A",)


def test_a_tie_at_the_cut_off_goes_to_a_runoff_for_the_remaining_seats():
    # 3 seats; A 170 and B 160 are in; C and D tie at 140 for the third seat.
    outcome = count(approvals=[("A", 170), ("B", 160), ("C", 140), ("D", 140), ("E", 90)], seats=3, entitled=200)
    assert outcome.elected == ("A", "B")
    assert outcome.runoff == ("C", "D")
    assert outcome.runoff_seats == 1
    assert outcome.not_elected == ("E",)


def test_a_tie_that_fits_within_the_seats_is_no_tie():
    outcome = count(approvals=[("A", 170), ("B", 140), ("C", 140), ("D", 90)], seats=3, entitled=200)
    assert outcome.elected == ("A", "B", "C")
    assert not outcome.needs_runoff


def test_a_three_way_tie_for_two_seats():
    outcome = count(approvals=[("A", 150), ("B", 150), ("C", 150), ("D", 120)], seats=2, entitled=200)
    assert outcome.elected == ()
    assert outcome.runoff == ("A", "B", "C")
    assert outcome.runoff_seats == 2
    assert outcome.not_elected == ("D",)


def test_a_tie_below_the_majority_is_no_runoff():
    outcome = count(approvals=[("A", 150), ("B", 90), ("C", 90)], seats=2, entitled=200)
    assert outcome.elected == ("A",)
    assert outcome.not_elected == ("B", "C")
    assert not outcome.needs_runoff


def test_the_runoff_is_counted_by_the_same_rule():
    # The run-off of the case above: C 120, D 95 for one seat among 200 entitled.
    outcome = count(approvals=[("C", 120), ("D", 95)], seats=1, entitled=200)
    assert outcome.elected == ("C",)
    # … and a run-off may tie again, flagged again.
    again = count(approvals=[("C", 110), ("D", 110)], seats=1, entitled=200)
    assert again.runoff == ("C", "D") and again.runoff_seats == 1
    # … or fail the majority: the seat stays empty.
    empty = count(approvals=[("C", 100), ("D", 99)], seats=1, entitled=200)
    assert empty.elected == () and not empty.needs_runoff


def test_the_seeds_figures_twenty_of_twenty_five():
    approvals = [(f"P{i}", 190 - i * 3) for i in range(25)]  # 190, 187, … 118: all above 101
    outcome = count(approvals=approvals, seats=20, entitled=200)
    assert outcome.elected == tuple(f"P{i}" for i in range(20))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        count(approvals=[("A", 3)], seats=0, entitled=5)
    with pytest.raises(ValueError):
        count(approvals=[("A", 6)], seats=1, entitled=5)
    with pytest.raises(ValueError):
        majority_threshold(0)


def test_exhaustively_on_small_ballots():
    """Every approval pattern of 4 candidates among 5 entitled deputies, 1–3 seats, against a
    brute-force reading of the rule."""
    for seats in (1, 2, 3):
        for counts in itertools.product(range(6), repeat=4):
            pairs = list(zip("ABCD", counts, strict=True))
            outcome = count(approvals=pairs, seats=seats, entitled=5)
            eligible = {c: n for c, n in pairs if n >= 3}
            for c in outcome.elected:  # every elected one beats every other eligible that is not elected
                assert all(eligible[c] > n for d, n in eligible.items() if d not in outcome.elected)
            assert len(outcome.elected) <= seats
            if outcome.needs_runoff:
                values = {eligible[c] for c in outcome.runoff}
                assert len(values) == 1 and len(outcome.runoff) > outcome.runoff_seats >= 1
                assert len(outcome.elected) + outcome.runoff_seats == seats
            else:
                assert len(outcome.elected) == min(seats, len(eligible))
            assert sorted(outcome.elected + outcome.runoff + outcome.not_elected) == list("ABCD")


def test_micro_project_passes_with_more_than_half_of_those_present():
    assert micro_project_passes(votes_for=26, present=50)
    assert not micro_project_passes(votes_for=25, present=50)
    assert micro_project_passes(votes_for=2, present=3)
    with pytest.raises(ValueError):
        micro_project_passes(votes_for=4, present=3)


def test_satisfaction_rate():
    assert str(satisfaction_rate(satisfied=150, basically=40, dissatisfied=10)) == "0.9500"
    assert satisfaction_rate(satisfied=0, basically=0, dissatisfied=0) is None
