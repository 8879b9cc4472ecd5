"""Pure rules of post-appointment supervision (no database): who reports each year, the duty
report's deadline, and how a rating session's results are counted and ranked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction


class Category:
    """Categories of officials elected or appointed by the congress or its standing committee."""

    DISTRICT_HEAD = "district_head"
    DEPUTY_DISTRICT_HEAD = "deputy_district_head"
    DEPARTMENT_HEAD = "department_head"
    SUPERVISION_DIRECTOR = "supervision_director"
    SUPERVISION_DEPUTY_DIRECTOR = "supervision_deputy_director"
    COURT_PRESIDENT = "court_president"
    COURT_VICE_PRESIDENT = "court_vice_president"
    PROCURATOR_GENERAL = "procurator_general"
    DEPUTY_PROCURATOR_GENERAL = "deputy_procurator_general"


# SPEC §6 and the seed: deputy district heads, heads of government departments, vice-presidents of
# the court and deputy procurators-general submit last year's duty report in the first quarter.
REPORTING_CATEGORIES = frozenset({
    Category.DEPUTY_DISTRICT_HEAD,
    Category.DEPARTMENT_HEAD,
    Category.COURT_VICE_PRESIDENT,
    Category.DEPUTY_PROCURATOR_GENERAL,
})

DEFAULT_ORAL_REPORTERS = 6


def report_deadline(year: int) -> date:
    """The report on `year` is due by the end of the first quarter of the next year."""
    return date(year + 1, 3, 31)


def must_report(*, category: str, took_office: date, left_office: date | None, year: int) -> bool:
    """An official of a reporting category who held office during `year` and still held it when
    the year ended reports on it (one who left during the year does not)."""
    return (category in REPORTING_CATEGORIES and took_office <= date(year, 12, 31)
            and (left_office is None or left_office > date(year, 12, 31)))


class Choice:
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    UNSATISFIED = "unsatisfied"


CHOICES = (Choice.SATISFIED, Choice.BASICALLY_SATISFIED, Choice.UNSATISFIED)


@dataclass(frozen=True)
class Counts:
    satisfied: int
    basically_satisfied: int
    unsatisfied: int

    @property
    def total(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfaction(self) -> Fraction | None:
        """满意率: (satisfied + basically satisfied) / all ratings; None with no rating."""
        if not self.total:
            return None
        return Fraction(self.satisfied + self.basically_satisfied, self.total)

    @property
    def satisfied_share(self) -> Fraction | None:
        if not self.total:
            return None
        return Fraction(self.satisfied, self.total)

    def sort_key(self) -> tuple:
        # Higher satisfaction rate first; then more "satisfied"; then fewer "unsatisfied".
        return (-(self.satisfaction or 0), -(self.satisfied_share or 0),
                Fraction(self.unsatisfied, self.total) if self.total else 0)


def ranked(items: Iterable[tuple[object, Counts]]) -> list[tuple[int, object, Counts]]:
    """Rank officials by their counts with standard competition ranks (1, 2, 2, 4): officials
    equal on every criterion share a rank. Input order breaks display ties only."""
    rows = sorted(items, key=lambda item: item[1].sort_key())
    result, previous, rank = [], None, 0
    for position, (official, counts) in enumerate(rows, start=1):
        key = counts.sort_key()
        if key != previous:
            rank, previous = position, key
        result.append((rank, official, counts))
    return result
