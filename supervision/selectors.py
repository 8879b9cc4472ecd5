"""Reads of the supervision app. Lists go through for_user() (congress.scoping) with their
relations joined; the public statistics are aggregates computed in SQL from the records, with
small count cells suppressed (SUPERVISION_MIN_PUBLIC_CELL) so no one can be identified."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear

from supervision.models import (
    DECIMAL_OUTCOMES,
    OUTCOME_UNITS,
    ActionKind,
    Actor,
    Case,
    CaseAction,
    Clue,
    ClueAttachment,
    ClueCategory,
    ClueReporter,
    ClueSource,
    Outcome,
    OutcomeKind,
    Rectification,
)

# --- scoped lists and details --------------------------------------------------------------------


def clue_list(*, user, state: str = "", year: int | None = None) -> QuerySet[Clue]:
    """The clues a user reaches (staff all, an organ liaison the shared ones), with case counts."""
    clues = Clue.objects.for_user(user).annotate(case_count=Count("cases"))
    if state:
        clues = clues.filter(state=state)
    if year:
        clues = clues.in_year(year)
    return clues.order_by("-received_on", "-number")


def clue_detail(*, user, pk: int) -> Clue:
    """One clue within the user's scope, with its cases; 404 outside it."""
    from congress.scoping import get_for_user_or_404

    cases = Case.objects.for_user(user).select_related("organ")
    clues = Clue.objects.prefetch_related(Prefetch("cases", queryset=cases, to_attr="visible_cases"))
    return get_for_user_or_404(clues, user, pk=pk)


def clue_reporter(*, user, clue: Clue) -> ClueReporter | None:
    """The reporter of a clue: staff only (None for anyone else, and when nobody was recorded)."""
    return ClueReporter.objects.for_user(user).select_related("deputy").filter(clue=clue).first()


def clue_attachments(*, user, clue: Clue) -> QuerySet[ClueAttachment]:
    return ClueAttachment.objects.for_user(user).filter(clue=clue)


def case_list(*, user, state: str = "") -> QuerySet[Case]:
    cases = Case.objects.for_user(user).select_related("clue", "organ").annotate(
        action_count=Count("actions", distinct=True), rectification_count=Count("rectifications", distinct=True))
    if state:
        cases = cases.filter(state=state)
    return cases.order_by("-referred_on", "-pk")


def case_detail(*, user, pk: int) -> Case:
    """One case within the user's scope with its log, outcomes and rectification items; 404 outside."""
    from congress.scoping import get_for_user_or_404

    actions = CaseAction.objects.select_related("recorded_by", "escalates").prefetch_related("outcomes")
    return get_for_user_or_404(
        Case.objects.select_related("clue", "organ").prefetch_related(
            Prefetch("actions", queryset=actions),
            Prefetch("rectifications", queryset=Rectification.objects.select_related("unit"))),
        user, pk=pk)


def rectification_list(*, user, status: str = "") -> QuerySet[Rectification]:
    items = Rectification.objects.for_user(user).select_related("unit", "case__organ", "case__clue")
    if status:
        items = items.filter(status=status)
    return items.order_by("deadline", "pk")


def rectification_detail(*, user, pk: int) -> Rectification:
    from congress.scoping import get_for_user_or_404

    return get_for_user_or_404(Rectification.objects.select_related("unit", "case__organ", "case__clue"), user, pk=pk)


def rectifications_due(*, today: date, within_days: int) -> QuerySet[Rectification]:
    """Open items due within `within_days` days of `today`, or overdue."""
    return (Rectification.objects.due_by(today + timedelta(days=within_days))
            .select_related("unit", "case__clue").order_by("unit_id", "deadline"))


# --- public aggregates ---------------------------------------------------------------------------


@dataclass
class Cell:
    """A public count: shown as its value, as "<N" when it is small enough to identify someone,
    or as "—" when it is withheld so that a small cell cannot be worked out from its total."""

    value: int
    threshold: int
    withheld: bool = False

    @property
    def small(self) -> bool:
        return 0 < self.value < self.threshold

    @property
    def suppressed(self) -> bool:
        return self.small or self.withheld

    @property
    def shown(self):
        """What leaves the server: the number, or a mark (never the small number itself)."""
        if self.small:
            return f"<{self.threshold}"
        return "—" if self.withheld else self.value

    def __str__(self) -> str:
        return str(self.shown)


def _pinned(members: list[Cell], total: Cell, threshold: int) -> bool:
    """Whether a reader who sees the group's total and its visible members can work out a small
    hidden member exactly. They know a "<N" cell is 1 to N-1 and a withheld one at least N (only
    counts of N or more are withheld), so each small cell lies in an interval the total narrows."""
    if total.suppressed:
        return False  # no published sum to subtract from
    hidden = [cell for cell in members if cell.suppressed]
    if not hidden:
        return False
    rest = total.value - sum(cell.value for cell in members if not cell.suppressed)
    bounds = [(1, threshold - 1) if cell.small else (threshold, None) for cell in hidden]
    lows = sum(low for low, _high in bounds)
    for index, cell in enumerate(hidden):
        if not cell.small:
            continue
        low, high = bounds[index]
        others_high = [h for i, (_l, h) in enumerate(bounds) if i != index]
        high = min(high, rest - (lows - low))
        if None not in others_high:
            low = max(low, rest - sum(others_high))
        if low >= high:
            return True
    return False


def _protect(members: list[Cell], total: Cell) -> None:
    """Secondary suppression of a group whose total is published: withhold its smallest visible
    counts (shown "—") until no small cell can be worked out from the total, or the total itself
    when nothing is left to withhold."""
    threshold = total.threshold
    while _pinned(members, total, threshold):
        visible = sorted((cell for cell in members if not cell.suppressed and cell.value > 0), key=lambda c: c.value)
        if visible:
            visible[0].withheld = True
        else:
            total.withheld = True


def _protect_across_years(all_years: list[Cell], by_year: list[list[Cell]]) -> None:
    """An all-years cell is the sum of the same cell in each year's table, which is published too:
    withhold it where it would give away a year's small cell (all years minus the other years)."""
    for index, cell in enumerate(all_years):
        members = [table[index] for table in by_year]
        if _pinned(members, cell, cell.threshold):
            cell.withheld = True


def _threshold() -> int:
    return settings.SUPERVISION_MIN_PUBLIC_CELL


def public_years() -> list[int]:
    years = set(Clue.objects.annotate(y=ExtractYear("received_on")).values_list("y", flat=True).distinct())
    return sorted(years, reverse=True)


def clue_counts_by_source(*, year: int | None = None) -> list[dict]:
    """Clues received per source (all, and those concerning public-interest litigation), one SQL
    query; dismissed clues are counted too: they were received. Over all years, each year's table
    is built as it is published on its own, so the sums cannot undo its suppression."""
    from django.db.models import Q

    clues = Clue.objects.all()
    if year:
        clues = clues.in_year(year)
    found: dict[int, dict] = {}
    for row in (clues.annotate(y=ExtractYear("received_on")).order_by().values("y", "source")
                .annotate(total=Count("pk"), public_interest=Count("pk", filter=Q(public_interest=True)))):
        found.setdefault(row["y"], {})[row["source"]] = row
    rows = _source_table(_summed(found.values()))
    if not year:
        years = [_source_table(counts) for counts in found.values()]
        _protect_across_years(_source_cells(rows), [_source_cells(table) for table in years])
        _protect_source_table(rows)
    return rows


def _summed(tables) -> dict:
    summed: dict[str, dict] = {}
    for table in tables:
        for source, row in table.items():
            into = summed.setdefault(source, {"total": 0, "public_interest": 0})
            into["total"] += row["total"]
            into["public_interest"] += row["public_interest"]
    return summed


def _source_table(counts: dict) -> list[dict]:
    threshold = _threshold()
    rows = []
    for source in ClueSource:
        row = counts.get(source.value, {"total": 0, "public_interest": 0})
        rows.append({"key": source.value, "source": str(source.label), "total": Cell(row["total"], threshold),
                     "public_interest": Cell(row["public_interest"], threshold)})
    rows.append({"key": "total", "source": None,
                 "total": Cell(sum(r["total"] for r in counts.values()), threshold),
                 "public_interest": Cell(sum(r["public_interest"] for r in counts.values()), threshold)})
    _protect_source_table(rows)
    return rows


def _protect_source_table(rows: list[dict]) -> None:
    for column in ("total", "public_interest"):
        _protect([row[column] for row in rows[:-1]], rows[-1][column])


def _source_cells(rows: list[dict]) -> list[Cell]:
    return [row[column] for row in rows for column in ("total", "public_interest")]


def action_counts_by_kind_and_category(*, year: int | None = None) -> dict:
    """Organ actions per kind (rows) and clue category (columns), one SQL query, cells suppressed;
    over all years, protected against each year's published table as clue_counts_by_source is."""
    actions = CaseAction.objects.all()
    if year:
        actions = actions.filter(occurred_on__year=year)
    found: dict[int, dict] = {}
    for row in (actions.annotate(y=ExtractYear("occurred_on")).order_by()
                .values("y", "kind", "case__clue__category").annotate(n=Count("pk"))):
        counts = found.setdefault(row["y"], {})
        counts[(row["kind"], row["case__clue__category"])] = row["n"]
    summed: dict[tuple, int] = {}
    for counts in found.values():
        for key, n in counts.items():
            summed[key] = summed.get(key, 0) + n
    rows = _action_rows(summed)
    if not year:
        years = [_action_rows(counts) for counts in found.values()]
        _protect_across_years(_action_cells(rows), [_action_cells(table) for table in years])
        for row in rows:
            _protect(row["cells"], row["total"])
    return {"categories": [str(c.label) for c in ClueCategory], "category_keys": [c.value for c in ClueCategory],
            "rows": rows}


def _action_rows(counts: dict) -> list[dict]:
    threshold = _threshold()
    rows = []
    for kind in ActionKind:
        cells = [Cell(counts.get((kind.value, category.value), 0), threshold) for category in ClueCategory]
        total = Cell(sum(n for (k, _c), n in counts.items() if k == kind.value), threshold)
        _protect(cells, total)
        rows.append({"kind": kind.value, "label": str(kind.label), "actor": str(Actor(_actor_of(kind)).label),
                     "cells": cells, "total": total})
    return rows


def _action_cells(rows: list[dict]) -> list[Cell]:
    return [cell for row in rows for cell in [*row["cells"], row["total"]]]


def _actor_of(kind):
    from supervision.models import ACTION_ACTOR

    return ACTION_ACTOR[kind]


def outcome_sums(*, year: int | None = None, by: str = "year") -> list[dict]:
    """Outcome totals summed in SQL, per year (default), per organ (`by="organ"`) or per clue
    category (`by="category"`): one row per group with one exact total per outcome kind
    (integers for counts, Decimal for yuan and m²)."""
    group = {"year": "year", "organ": "action__case__organ__name",
             "category": "action__case__clue__category"}[by]
    outcomes = Outcome.objects.annotate(year=ExtractYear("action__occurred_on"))
    if year:
        outcomes = outcomes.filter(action__occurred_on__year=year)
    rows: dict = {}
    for row in (outcomes.order_by().values(group, "kind")
                .annotate(count_sum=Sum("count"), amount_sum=Sum("amount"))):
        kind = OutcomeKind(row["kind"])
        value = row["amount_sum"] if kind in DECIMAL_OUTCOMES else row["count_sum"]
        rows.setdefault(row[group], {})[kind.value] = value
    labels = dict(ClueCategory.choices)
    result = []
    for key in sorted(rows, key=lambda k: (k is None, k), reverse=by == "year"):
        label = str(labels.get(key, key)) if by == "category" else key
        result.append({"group": label, **{kind.value: rows[key].get(kind.value) or 0 for kind in OutcomeKind}})
    return result


def outcome_totals(*, year: int | None = None) -> dict:
    """One total per outcome kind over all years (or one year), summed in SQL."""
    outcomes = Outcome.objects.all()
    if year:
        outcomes = outcomes.filter(action__occurred_on__year=year)
    totals = {row["kind"]: row for row in outcomes.order_by().values("kind")
              .annotate(count_sum=Sum("count"), amount_sum=Sum("amount"))}
    result = {}
    for kind in OutcomeKind:
        row = totals.get(kind.value, {})
        value = row.get("amount_sum") if kind in DECIMAL_OUTCOMES else row.get("count_sum")
        result[kind.value] = value or 0
    return result


def outcome_columns() -> list[tuple[str, str]]:
    return [(kind.value, f"{kind.label} ({OUTCOME_UNITS[kind]})") for kind in OutcomeKind]  # evaluated now


def public_statistics(*, year: int | None = None) -> dict:
    """Everything the public page shows: aggregates only, never a reporter or a case's detail."""
    return {
        "by_source": clue_counts_by_source(year=year),
        "actions": action_counts_by_kind_and_category(year=year),
        "outcomes_by_year": outcome_sums(by="year") if not year else outcome_sums(year=year, by="year"),
        "outcomes_by_organ": outcome_sums(year=year, by="organ"),
        "outcome_totals": outcome_totals(year=year),
        "threshold": _threshold(),
    }
