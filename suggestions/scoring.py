"""The two-stage evaluation's pure rules (SPEC §2): seven grades with their points, the weighted
final score and the level bands. No database, no settings at import: weights are passed in, or
read from settings at call time by current_weights()."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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
    """Any stage graded C sends the handling to follow-up supervision."""
    return Grade(grade) == Grade.C


def grade_table() -> list[dict]:
    """The grade table shown next to every grading form."""
    return [{"grade": grade.value, "points": GRADE_POINTS[grade], "level": grade_level(grade).label}
            for grade in Grade]
