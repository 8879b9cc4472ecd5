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
