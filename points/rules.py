"""The points ledger's pure rules: the value in force on a day, growth on the year before and its
display. No database."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def value_in_force(versions: Sequence[tuple[date, int]], on: date) -> int | None:
    """The points of the version in force on `on`: the latest effective on or before it, among a
    rule's (effective_from, points) versions sorted oldest first; None before the first one."""
    index = bisect_right(versions, on, key=lambda version: version[0])
    return versions[index - 1][1] if index else None


def growth_rate(current: int, previous: int) -> Decimal | None:
    """current / previous − 1, rounded to four places (31.2 % = 0.3120); None without a base."""
    if not previous:
        return None
    return (Decimal(current) / Decimal(previous) - 1).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def signed_percent(rate: Decimal | None) -> str:
    """0.312 → "+31.2 %", -0.2 → "−20.0 %", None → "—"."""
    if rate is None:
        return "—"
    sign = "+" if rate > 0 else "−" if rate < 0 else "±"
    return f"{sign}{abs(rate) * 100:.1f} %"
