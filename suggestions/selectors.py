"""Reads of suggestions with rules or aggregation. Statistics are computed in SQL from the
handlings' current grades (written by the services with their evaluations), never typed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from congress.models import Organization, Publication
from congress.periods import local_date
from congress.scoping import get_for_user_or_404
from suggestions.models import (
    Assignment,
    Cosignature,
    Evaluation,
    Handling,
    HandlingState,
    Suggestion,
    SuggestionState,
    UnitScoreSnapshot,
)
from suggestions.scoring import FULL_MARK, Grade, Level, Stage

# --- lists and single records -----------------------------------------------------------------


def _handlings_prefetch(queryset=None) -> Prefetch:
    queryset = queryset if queryset is not None else Handling.objects.all()
    return Prefetch("handlings", queryset=queryset.select_related("organization", "assignment").order_by("pk"))


def suggestion_list_public(*, year: int | None = None, category: str = "", organization_id: int | None = None,
                           text: str = "") -> QuerySet[Suggestion]:
    """Published suggestions with what a public list row shows, in a fixed number of queries."""
    qs = Suggestion.objects.published().search(text).select_related("lead_deputy", "session__term")
    if year:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    if organization_id:
        qs = qs.filter(assignments__organization_id=organization_id).distinct()
    return qs.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organization").order_by("role", "pk")),
        _handlings_prefetch(),
    ).order_by("-year", "number")


def suggestion_get_public(*, pk: int) -> Suggestion:
    """One published suggestion with its units, handlings and (if published) replies."""
    return (Suggestion.objects.published().select_related("lead_deputy", "session__term")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("organization")),
                Prefetch("handlings", queryset=Handling.objects.select_related("organization")
                         .prefetch_related("replies", "implementation_reports").order_by("pk")),
                Prefetch("cosignatures", queryset=Cosignature.objects.select_related("deputy")))
            .get(pk=pk))


def suggestions_led_public(*, deputy_id: int, limit: int = 20) -> list[Suggestion]:
    """A deputy's published suggestions (for their public profile), newest first."""
    return list(Suggestion.objects.published().filter(lead_deputy_id=deputy_id)
                .prefetch_related(_handlings_prefetch()).order_by("-year", "-number")[:limit])


def suggestion_years_public() -> list[int]:
    return list(Suggestion.objects.published().order_by("-year").values_list("year", flat=True).distinct())


def suggestion_list_for_user(*, user) -> QuerySet[Suggestion]:
    """The suggestions a user may reach (their own as a deputy, their unit's, or all for staff)."""
    return (Suggestion.objects.for_user(user).select_related("lead_deputy", "session__term")
            .prefetch_related(_handlings_prefetch()).order_by("-created_at", "-pk"))


def suggestion_get_for_user(*, pk: int, user) -> Suggestion:
    qs = Suggestion.objects.select_related("lead_deputy", "session__term", "registered_by").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organization")),
        Prefetch("cosignatures", queryset=Cosignature.objects.select_related("deputy")),
        Prefetch("handlings", queryset=Handling.objects.select_related("organization").order_by("pk")))
    return get_for_user_or_404(qs, user, pk=pk)


def suggestions_open_for_cosigning(*, user) -> QuerySet[Suggestion]:
    """Submitted suggestions of other deputies that a deputy may co-sign (title and lead only)."""
    deputy = getattr(user, "deputy", None)
    qs = Suggestion.objects.filter(state=SuggestionState.SUBMITTED).select_related("lead_deputy")
    if deputy is not None:
        qs = qs.exclude(lead_deputy=deputy).exclude(cosignatures__deputy=deputy)
    return qs.order_by("-submitted_on", "-pk")


def suggestion_get_for_cosigning(*, pk: int, user) -> Suggestion:
    """A suggestion the user may add a co-signature to: one open for co-signing, or a draft or
    submitted one in their own scope (staff co-sign on a deputy's behalf). 404 otherwise."""
    reachable = (Q(pk__in=suggestions_open_for_cosigning(user=user).values("pk"))
                 | Q(pk__in=Suggestion.objects.for_user(user).values("pk")))
    open_states = [SuggestionState.DRAFT, SuggestionState.SUBMITTED]
    return get_object_or_404(Suggestion.objects.filter(reachable, state__in=open_states), pk=pk)


def handling_list_for_user(*, user, state: str = "", year: int | None = None) -> QuerySet[Handling]:
    """The handlings a user may reach, with what a list row shows."""
    qs = Handling.objects.for_user(user).with_relations()
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(suggestion__year=year)
    return qs.order_by("deadline", "pk")


def handling_get_for_user(*, pk: int, user) -> Handling:
    """One handling within the user's scope (404 outside it), with its history."""
    qs = Handling.objects.with_relations().prefetch_related(
        "replies", "implementation_reports", "follow_ups",
        Prefetch("evaluations", queryset=Evaluation.objects.select_related("entered_by").order_by("created_at")))
    return get_for_user_or_404(qs, user, pk=pk)


def handlings_awaiting_grade(*, user) -> QuerySet[Handling]:
    """Handlings whose reply or implementation awaits the deputy's (or staff's) grade."""
    return handling_list_for_user(user=user).filter(
        state__in=[HandlingState.REPLY_SUBMITTED, HandlingState.IMPLEMENTATION_REPORTED])


def replies_due(*, today: date) -> QuerySet[Handling]:
    """Handlings awaiting a reply whose deadline is within the due-soon window or past."""
    from datetime import timedelta

    limit = today + timedelta(days=settings.SUGGESTION_REPLY_DUE_SOON_DAYS)
    return (Handling.objects.filter(state=HandlingState.AWAITING_REPLY, deadline__lte=limit)
            .select_related("suggestion", "organization").order_by("organization_id", "deadline", "pk"))


def follow_up_list(*, year: int | None = None) -> QuerySet[Handling]:
    """Handlings under follow-up supervision: graded C and not yet re-evaluated."""
    qs = Handling.objects.filter(Q(state=HandlingState.UNDER_FOLLOW_UP)
                                 | Q(round__gt=1) & ~Q(state=HandlingState.EVALUATED))
    if year:
        qs = qs.filter(suggestion__year=year)
    return qs.with_relations().order_by("organization__order", "deadline", "pk")


# --- statistics -------------------------------------------------------------------------------

def _aggregates(as_of: date) -> dict:
    """The aggregate expressions of SPEC §2, as of a day (grades and replies up to that day)."""
    evaluated = Q(final_score__isnull=False, evaluated_on__lte=as_of)
    figures = {
        "handlings": Count("pk"),
        "evaluated": Count("pk", filter=evaluated),
        "mean_final": Avg("final_score", filter=evaluated),
        "satisfied": Count("pk", filter=evaluated & Q(final_level__in=[Level.SATISFIED,
                                                                        Level.BASICALLY_SATISFIED])),
        "unsatisfied": Count("pk", filter=evaluated & Q(final_level=Level.UNSATISFIED)),
        "full_mark_replies": Count("pk", filter=Q(reply_grade=FULL_MARK, reply_graded_on__lte=as_of)),
        "full_mark_implementations": Count("pk", filter=Q(implementation_grade=FULL_MARK,
                                                          implementation_graded_on__lte=as_of)),
        "overdue_replies": Count("pk", filter=Q(deadline__lt=as_of) & (
            Q(first_replied_on__isnull=True) | Q(first_replied_on__gt=F("deadline")))),
        "under_follow_up": Count("pk", filter=Q(state=HandlingState.UNDER_FOLLOW_UP)
                                 | Q(round__gt=1) & ~Q(state=HandlingState.EVALUATED)),
    }
    for grade in Grade:
        figures[f"reply_{grade.name}"] = Count("pk", filter=Q(reply_grade=grade, reply_graded_on__lte=as_of))
        figures[f"implementation_{grade.name}"] = Count(
            "pk", filter=Q(implementation_grade=grade, implementation_graded_on__lte=as_of))
    return figures


def _rate(satisfied: int, evaluated: int) -> Decimal | None:
    if not evaluated:
        return None
    return (Decimal(satisfied) / Decimal(evaluated)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _mean(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class UnitScore:
    organization_id: int
    unit_name: str
    handlings: int
    evaluated: int
    mean_final: Decimal | None
    satisfaction_rate: Decimal | None
    satisfied: int
    unsatisfied: int
    full_mark_replies: int
    full_mark_implementations: int
    overdue_replies: int
    under_follow_up: int
    distribution: dict = field(default_factory=dict)  # {"reply": {"A+": n, ...}, "implementation": {...}}
    rank: int | None = None

    @property
    def ranked(self) -> bool:
        return self.rank is not None


@dataclass
class YearStatistics:
    year: int
    as_of: date
    district: UnitScore
    units: list[UnitScore]
    min_evaluated: int

    @property
    def commended(self) -> list[UnitScore]:
        return [u for u in self.units if is_commended(u)]


COMMEND_MIN_MEAN = Decimal(90)


def is_commended(unit: UnitScore) -> bool:
    """Units to commend: ranked, mean final score ≥ 90 and every evaluated handling satisfied or
    basically satisfied (stated with the method on the statistics page)."""
    return unit.ranked and unit.mean_final >= COMMEND_MIN_MEAN and unit.unsatisfied == 0


def _unit_score(row: dict, organization_id: int, name: str) -> UnitScore:
    return UnitScore(
        organization_id=organization_id, unit_name=name, handlings=row["handlings"], evaluated=row["evaluated"],
        mean_final=_mean(row["mean_final"]), satisfaction_rate=_rate(row["satisfied"], row["evaluated"]),
        satisfied=row["satisfied"], unsatisfied=row["unsatisfied"], full_mark_replies=row["full_mark_replies"],
        full_mark_implementations=row["full_mark_implementations"], overdue_replies=row["overdue_replies"],
        under_follow_up=row["under_follow_up"],
        distribution={stage: {grade.value: row[f"{stage}_{grade.name}"] for grade in Grade}
                      for stage in (Stage.REPLY.value, Stage.IMPLEMENTATION.value)})


def rank_units(units: list[UnitScore], *, min_evaluated: int) -> list[UnitScore]:
    """Rank units with at least `min_evaluated` evaluated handlings by mean final score (ties
    share a rank: 1, 2, 2, 4); the others are listed after them without a rank."""
    ranked = sorted((u for u in units if u.evaluated >= min_evaluated and u.mean_final is not None),
                    key=lambda u: (-u.mean_final, u.unit_name))
    previous, position = None, 0
    for index, unit in enumerate(ranked, start=1):
        if unit.mean_final != previous:
            position, previous = index, unit.mean_final
        unit.rank = position
    unranked = sorted((u for u in units if u.rank is None), key=lambda u: (-u.evaluated, u.unit_name))
    return ranked + unranked


def year_statistics(*, year: int, as_of: date | None = None) -> YearStatistics:
    """Per-unit and district-wide figures of the suggestions of `year`, as of a day (default
    today): two SQL queries, whatever the number of handlings."""
    as_of = as_of or local_date(timezone.now())
    min_evaluated = settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING
    base = Handling.objects.filter(suggestion__year=year, assignment__assigned_on__lte=as_of)
    figures = _aggregates(as_of)
    rows = (base.values("organization_id", "organization__name", "organization__order")
            .annotate(**figures).order_by("organization__order", "organization__name"))
    units = [_unit_score(row, row["organization_id"], row["organization__name"]) for row in rows]
    district = _unit_score(base.aggregate(**figures), 0, "")
    return YearStatistics(year=year, as_of=as_of, district=district,
                          units=rank_units(units, min_evaluated=min_evaluated), min_evaluated=min_evaluated)


def statistics_years() -> list[int]:
    return list(Suggestion.objects.exclude(year__isnull=True).order_by("-year")
                .values_list("year", flat=True).distinct())


# --- published snapshots ----------------------------------------------------------------------

def published_ranking(*, year: int, revision_pk: int | None = None) -> dict | None:
    """The public unit ranking of a year: the latest revision of the latest published quarter of
    the year (or a chosen revision of it), with the revision history. None if nothing published."""
    quarters = Publication.objects.filter(quarter__startswith=f"{year}Q", suggestion_district_score__isnull=False)
    latest_quarter = quarters.order_by("-quarter").values_list("quarter", flat=True).first()
    if latest_quarter is None:
        return None
    revisions = list(quarters.filter(quarter=latest_quarter).select_related("suggestion_district_score")
                     .order_by("-revision"))
    publication = next((p for p in revisions if p.pk == revision_pk), revisions[0])
    rows = list(UnitScoreSnapshot.objects.filter(publication=publication)
                .order_by(F("rank").asc(nulls_last=True), "-evaluated", "unit_name"))
    return {"publication": publication, "district": publication.suggestion_district_score,
            "rows": rows, "revisions": revisions}


def published_years() -> list[int]:
    quarters = (Publication.objects.filter(suggestion_district_score__isnull=False)
                .values_list("quarter", flat=True).distinct())
    return sorted({int(q[:4]) for q in quarters}, reverse=True)


def organizations_with_handlings() -> QuerySet[Organization]:
    return Organization.objects.filter(suggestion_assignments__isnull=False).distinct().order_by("order", "name")
