"""The two-stage evaluation's pure rules (SPEC §2): seven grades with their points, the weighted
final score and the level bands. No database, no settings at import: weights are passed in, or
read from settings at call time by current_weights()."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    A_PLUS = "A+", "A+"
    A = "A", "A"
    A_MINUS = "A-", "A-"
    B_PLUS = "B+", "B+"
    B = "B", "B"
    B_MINUS = "B-", "B-"
    C = "C", "C"


class Level(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


class Stage(models.TextChoices):
    REPLY = "reply", _("reply")
    IMPLEMENTATION = "implementation", _("implementation")


GRADE_POINTS: dict[str, int] = {
    Grade.A_PLUS: 100, Grade.A: 90, Grade.A_MINUS: 80,
    Grade.B_PLUS: 70, Grade.B: 65, Grade.B_MINUS: 60,
    Grade.C: 50,
}
FULL_MARK = Grade.A_PLUS
SATISFIED_FROM = 80
BASICALLY_SATISFIED_FROM = 60


@dataclass(frozen=True)
class Weights:
    """Percent weights of the reply and the implementation; they must add up to 100."""

    reply: int
    implementation: int

    def __post_init__(self) -> None:
        for value in (self.reply, self.implementation):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError("Suggestion weights must be non-negative whole numbers.")
        if self.reply + self.implementation != 100:
            raise ValueError(f"Suggestion weights must add up to 100, not {self.reply + self.implementation}.")


DEFAULT_WEIGHTS = Weights(reply=40, implementation=60)


def current_weights() -> Weights:
    """The weights in settings, read now (settings can change in tests and per deployment)."""
    from django.conf import settings

    return Weights(reply=settings.SUGGESTION_REPLY_WEIGHT,
                   implementation=settings.SUGGESTION_IMPLEMENTATION_WEIGHT)


def points(grade: str) -> int:
    return GRADE_POINTS[Grade(grade)]


def final_score(reply: str, implementation: str, weights: Weights | None = None) -> Decimal:
    """reply × w_r % + implementation × w_i %, exact. With 40/60 always a whole number."""
    weights = weights or current_weights()
    total = points(reply) * weights.reply + points(implementation) * weights.implementation
    return (Decimal(total) / Decimal(100)).quantize(Decimal("0.01"))


def level(score: Decimal | int) -> Level:
    """≥ 80 satisfied, ≥ 60 basically satisfied, otherwise unsatisfied."""
    if score >= SATISFIED_FROM:
        return Level.SATISFIED
    if score >= BASICALLY_SATISFIED_FROM:
        return Level.BASICALLY_SATISFIED
    return Level.UNSATISFIED


def grade_level(grade: str) -> Level:
    return level(points(grade))


def puts_under_follow_up(grade: str) -> bool:
    """Any stage graded C opens a follow-up round for that stage (the process goes on meanwhile)."""
    return Grade(grade) == Grade.C


# --- statistics ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class HandlingAsOf:
    """One handling as the statistics see it on a day: its latest grade of each stage given by
    then ("" if none), whether its first reply was late, whether a follow-up round was open."""

    reply: str
    implementation: str
    overdue_reply: bool = False
    under_follow_up: bool = False


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole to four decimals (half up); None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def figures(handlings: Iterable[HandlingAsOf], weights: Weights | None = None) -> dict:
    """The figures of SPEC §2 for a set of handlings. A handling counts as evaluated as soon as
    both stages have a grade, with its latest grades, whether or not it is under follow-up;
    satisfied means satisfied or basically satisfied (final score ≥ 60)."""
    weights = weights or current_weights()
    handlings = list(handlings)
    finals = [final_score(h.reply, h.implementation, weights) for h in handlings if h.reply and h.implementation]
    satisfied = sum(1 for score in finals if level(score) != Level.UNSATISFIED)
    return {
        "handlings": len(handlings),
        "evaluated": len(finals),
        "mean_final": mean(finals),
        "satisfaction_rate": rate(satisfied, len(finals)),
        "satisfied": satisfied,
        "unsatisfied": len(finals) - satisfied,
        "full_mark_replies": sum(1 for h in handlings if h.reply == FULL_MARK),
        "full_mark_implementations": sum(1 for h in handlings if h.implementation == FULL_MARK),
        "overdue_replies": sum(1 for h in handlings if h.overdue_reply),
        "under_follow_up": sum(1 for h in handlings if h.under_follow_up),
        "distribution": {
            stage: {grade.value: sum(1 for h in handlings if getattr(h, stage) == grade) for grade in Grade}
            for stage in (Stage.REPLY.value, Stage.IMPLEMENTATION.value)},
    }


COMMEND_MIN_MEAN = Decimal(90)


def is_commended(unit) -> bool:
    """Units to commend: ranked, mean final score ≥ 90 and every evaluated handling satisfied or
    basically satisfied (stated with the method on the statistics page)."""
    return unit.rank is not None and unit.mean_final >= COMMEND_MIN_MEAN and unit.unsatisfied == 0


def rank_units(units: list, *, min_evaluated: int) -> list:
    """Rank units with at least `min_evaluated` evaluated handlings by mean final score (ties
    share a rank: 1, 2, 2, 4); the others are listed after them without a rank. Each unit has
    `evaluated`, `mean_final`, `unit_name` and gets `rank`."""
    ranked = sorted((u for u in units if u.evaluated >= min_evaluated and u.mean_final is not None),
                    key=lambda u: (-u.mean_final, u.unit_name))
    previous, position = None, 0
    for index, unit in enumerate(ranked, start=1):
        if unit.mean_final != previous:
            position, previous = index, unit.mean_final
        unit.rank = position
    unranked = sorted((u for u in units if u.rank is None), key=lambda u: (-u.evaluated, u.unit_name))
    return ranked + unranked


def grade_table() -> list[dict]:
    """The grade table shown next to every grading form."""
    return [{"grade": grade.value, "points": GRADE_POINTS[grade], "level": grade_level(grade).label}
            for grade in Grade]
