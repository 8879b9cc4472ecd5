"""Pure rules of the livelihood projects: no database, tested on hand-worked cases.

The counting rule of a key-project ballot (SPEC §7):
1. a candidate is *eligible* when its approvals exceed half of ALL deputies entitled to vote
   (not half of those who voted): approvals × 2 > entitled;
2. the eligible candidates are ranked by approvals; the top `seats` are elected;
3. when candidates tied on approvals straddle the last seat, none of them is elected silently:
   those above the tie are elected and the tied ones go to a run-off ballot for the remaining
   seats (a run-off is counted by this same rule, with its own seats).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Outcome:
    elected: tuple[Hashable, ...]       # in order of approvals (ties: in the order given)
    runoff: tuple[Hashable, ...]        # tied at the cut-off; empty when there is no tie
    runoff_seats: int                   # seats left for the run-off (0 without one)
    not_elected: tuple[Hashable, ...]
    threshold: int                      # the least number of approvals that is a majority

    @property
    def needs_runoff(self) -> bool:
        return bool(self.runoff)


def majority_threshold(entitled: int) -> int:
    """The least number of approvals above half of `entitled`: 200 → 101, 199 → 100."""
    if entitled < 1:
        raise ValueError("a ballot needs at least one entitled deputy")
    return entitled // 2 + 1


def count(*, approvals: Iterable[tuple[Hashable, int]], seats: int, entitled: int) -> Outcome:
    """Apply the counting rule to (candidate, approvals) pairs."""
    if seats < 1:
        raise ValueError("a ballot has at least one seat")
    pairs = list(approvals)
    if any(n < 0 or n > entitled for _, n in pairs):
        raise ValueError("approvals lie between 0 and the number of entitled deputies")
    threshold = majority_threshold(entitled)
    eligible = sorted((pair for pair in pairs if pair[1] >= threshold), key=lambda pair: -pair[1])
    if len(eligible) <= seats:
        elected, runoff = [c for c, _ in eligible], []
    else:
        cutoff = eligible[seats - 1][1]
        above = [c for c, n in eligible if n > cutoff]
        tied = [c for c, n in eligible if n == cutoff]
        if len(above) + len(tied) <= seats:  # pragma: no cover - impossible: eligible > seats
            elected, runoff = above + tied, []
        else:
            elected, runoff = above, tied
    chosen = set(elected) | set(runoff)
    return Outcome(elected=tuple(elected), runoff=tuple(runoff),
                   runoff_seats=seats - len(elected) if runoff else 0,
                   not_elected=tuple(c for c, _ in pairs if c not in chosen), threshold=threshold)


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole rounded to four places (0.9524 = 95.24 %); None without a whole."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def satisfaction_rate(*, satisfied: int, basically: int, dissatisfied: int) -> Decimal | None:
    """(satisfied + basically satisfied) / all ratings."""
    return rate(satisfied + basically, satisfied + basically + dissatisfied)


def micro_project_passes(*, votes_for: int, present: int) -> bool:
    """A micro-project passes its deliberation meeting when votes for exceed half of those present."""
    if present < 1:
        raise ValueError("nobody present")
    if not 0 <= votes_for <= present:
        raise ValueError("votes for lie between 0 and those present")
    return votes_for * 2 > present
