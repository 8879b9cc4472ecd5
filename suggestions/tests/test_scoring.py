from decimal import Decimal
from itertools import product

import pytest

from suggestions import scoring
from suggestions.checks import check_suggestion_weights
from suggestions.scoring import Grade, Level, Weights

POINTS = {"A+": 100, "A": 90, "A-": 80, "B+": 70, "B": 65, "B-": 60, "C": 50}


def expected_level(score):
    return "satisfied" if score >= 80 else "basically_satisfied" if score >= 60 else "unsatisfied"


@pytest.mark.parametrize(("reply", "implementation"), list(product(POINTS, POINTS)))
def test_every_grade_pair_gives_the_weighted_score_and_level(reply, implementation):
    score = scoring.final_score(reply, implementation, scoring.DEFAULT_WEIGHTS)
    hand = (POINTS[reply] * 40 + POINTS[implementation] * 60) / 100
    assert score == Decimal(str(hand))
    assert score == score.to_integral_value()  # whole numbers with 40/60
    assert scoring.level(score) == expected_level(hand)


def test_there_are_49_pairs_and_the_spec_example():
    assert len(list(product(Grade, Grade))) == 49
    assert scoring.final_score("A", "B", scoring.DEFAULT_WEIGHTS) == 75  # 36 + 39
    assert scoring.level(Decimal(75)) == Level.BASICALLY_SATISFIED


def test_bands_edges():
    assert scoring.level(80) == Level.SATISFIED
    assert scoring.level(Decimal("79.99")) == Level.BASICALLY_SATISFIED
    assert scoring.level(60) == Level.BASICALLY_SATISFIED
    assert scoring.level(Decimal("59.99")) == Level.UNSATISFIED
    assert [scoring.grade_level(g) for g in ("A-", "B+", "B-", "C")] == [
        Level.SATISFIED, Level.BASICALLY_SATISFIED, Level.BASICALLY_SATISFIED, Level.UNSATISFIED]


def test_only_c_puts_under_follow_up():
    assert [g for g in Grade if scoring.puts_under_follow_up(g)] == [Grade.C]


def test_weights_come_from_settings_at_call_time(settings):
    settings.SUGGESTION_REPLY_WEIGHT, settings.SUGGESTION_IMPLEMENTATION_WEIGHT = 50, 50
    assert scoring.final_score("A+", "C") == 75


@pytest.mark.parametrize(("reply", "implementation"), [(40, 50), (50, 51), (-10, 110)])
def test_weights_must_add_up_to_100(reply, implementation):
    with pytest.raises(ValueError, match="weights"):
        Weights(reply, implementation)


def test_system_check_reports_bad_weights(settings):
    assert check_suggestion_weights() == []
    settings.SUGGESTION_REPLY_WEIGHT = 45
    errors = check_suggestion_weights()
    assert [e.id for e in errors] == ["suggestions.E001"]
    assert "100" in errors[0].msg


def test_figures_count_every_handling_with_both_grades_under_follow_up_or_not():
    from decimal import Decimal

    rows = [scoring.HandlingAsOf("C", "A+", under_follow_up=True),   # 20 + 60 = 80, satisfied
            scoring.HandlingAsOf("B-", "C", under_follow_up=True),   # 24 + 30 = 54, unsatisfied
            scoring.HandlingAsOf("A+", "A+"),                        # 100
            scoring.HandlingAsOf("A", "", overdue_reply=True),       # not evaluated yet
            scoring.HandlingAsOf("", "")]
    figures = scoring.figures(rows, scoring.DEFAULT_WEIGHTS)
    assert (figures["handlings"], figures["evaluated"], figures["mean_final"]) == (5, 3, Decimal("78.00"))
    assert (figures["satisfied"], figures["unsatisfied"], figures["satisfaction_rate"]) == (2, 1, Decimal("0.6667"))
    assert (figures["full_mark_replies"], figures["full_mark_implementations"]) == (1, 2)
    assert (figures["overdue_replies"], figures["under_follow_up"]) == (1, 2)
    assert figures["distribution"]["reply"] == {"A+": 1, "A": 1, "A-": 0, "B+": 0, "B": 0, "B-": 1, "C": 1}
    assert scoring.figures([], scoring.DEFAULT_WEIGHTS)["satisfaction_rate"] is None


def test_ranks_are_shared_by_ties_and_units_below_the_minimum_are_unranked():
    from decimal import Decimal
    from types import SimpleNamespace

    def unit(name, mean, evaluated=3):
        return SimpleNamespace(unit_name=name, mean_final=Decimal(mean), evaluated=evaluated, rank=None)

    ranked = scoring.rank_units([unit("丙", 80), unit("甲", 90), unit("乙", 90), unit("丁", 99, evaluated=1)],
                                min_evaluated=2)
    assert [(u.unit_name, u.rank) for u in ranked] == [("乙", 1), ("甲", 1), ("丙", 3), ("丁", None)]
