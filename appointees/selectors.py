"""Reads with rules: who must report on a year and who has, overdue reports, a rating session's
results, a member's sessions. Queries are fixed in number whatever the size of the data."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from appointees import rules
from appointees.models import (
    Appointee,
    Ballot,
    Draw,
    DutyReport,
    RatingMember,
    RatingOfficial,
    RatingSession,
    RatingStatus,
)
from congress.models import Deputy


def reports_due(*, year: int) -> QuerySet[Appointee]:
    """Officials who must report on `year`, each annotated with their report's id, submission and
    publication times (None when missing)."""
    end = date(year, 12, 31)
    report = DutyReport.objects.filter(appointee=OuterRef("pk"), year=year)
    return (Appointee.objects.with_organization()
            .filter(category__in=rules.REPORTING_CATEGORIES, took_office__lte=end)
            .filter(Q(left_office__isnull=True) | Q(left_office__gt=end))
            .annotate(report_id=Subquery(report.values("pk")[:1]),
                      report_submitted_at=Subquery(report.values("submitted_at")[:1]),
                      report_published_at=Subquery(report.values("published_at")[:1]))
            .order_by("organization__order", "category", "code"))


def overdue_reports(*, year: int, today: date) -> QuerySet[Appointee]:
    """Officials whose report on `year` is missing after its deadline (none before it)."""
    if today <= rules.report_deadline(year):
        return Appointee.objects.none()
    return reports_due(year=year).filter(report_id__isnull=True)


def report_years() -> list[int]:
    return list(DutyReport.objects.order_by("-year").values_list("year", flat=True).distinct())


def published_report_get(*, pk: int) -> DutyReport:
    return DutyReport.objects.published().select_related("appointee__organization").get(pk=pk)


def draws_for_year(*, year: int) -> QuerySet[Draw]:
    """The year's draws, current first, then those superseded (newest first)."""
    return (Draw.objects.filter(year=year).select_related("meeting__term", "replaces")
            .order_by("superseded_at", "-created_at"))


def draw_years() -> list[int]:
    return list(Draw.objects.order_by("-year").values_list("year", flat=True).distinct())


def rating_results_withheld(*, ballots: int) -> bool:
    """Whether a session with this many ballots keeps its totals to itself: with fewer than
    settings.APPOINTEE_MIN_BALLOTS_FOR_RESULTS sheets, the totals would tell each member's ratings."""
    return ballots < settings.APPOINTEE_MIN_BALLOTS_FOR_RESULTS


def rating_results(*, session: RatingSession) -> list[dict]:
    """The results of a session: counts, satisfaction rate and rank per official (rules.ranked);
    none at all, for everyone, staff included, when the session's totals are withheld
    (rating_results_withheld)."""
    ballots = Ballot.objects.filter(session=session).count()
    if rating_results_withheld(ballots=ballots):
        return []
    officials = list(RatingOfficial.objects.filter(session=session).select_related("appointee__organization"))
    rows = []
    for rank, official, counts in rules.ranked((o, o.counts()) for o in officials):
        rate = counts.satisfaction
        rows.append({
            "rank": rank, "code": official.appointee.code, "name": official.appointee.name,
            "position": official.appointee.position, "organization": official.appointee.organization.display_name,
            "satisfied": counts.satisfied, "basically_satisfied": counts.basically_satisfied,
            "unsatisfied": counts.unsatisfied, "total": counts.total, "ballots": ballots,
            "satisfaction_rate": None if rate is None else round(float(rate), 4),
            "satisfaction_percent": None if rate is None else round(float(rate) * 100, 1),
            "satisfaction_exact": rate,
        })
    return rows


def rating_participation(*, session: RatingSession) -> dict:
    """How many present members have submitted: the only live figure shown while a session is open."""
    return {"present": RatingMember.objects.filter(session=session).count(),
            "submitted": Ballot.objects.filter(session=session).count()}


def rating_sessions_for_member(*, deputy: Deputy) -> QuerySet[RatingSession]:
    """Open sessions the member is listed at, each annotated with whether they have submitted."""
    return (RatingSession.objects.filter(status=RatingStatus.OPEN, members__deputy=deputy)
            .select_related("meeting__term")
            .annotate(submitted=Exists(Ballot.objects.filter(session=OuterRef("pk"), deputy=deputy)))
            .order_by("-opened_at"))


def rating_officials(*, session: RatingSession) -> list[RatingOfficial]:
    return list(RatingOfficial.objects.filter(session=session).select_related("appointee__organization")
                .only("pk", "order", "session_id", "appointee__code", "appointee__name", "appointee__position",
                      "appointee__organization__name", "appointee__organization__short_name"))


def overall_rate(rows: list[dict]) -> Fraction | None:
    """All officials' satisfied + basically satisfied over all ratings in a session."""
    total = sum(r["total"] for r in rows)
    if not total:
        return None
    return Fraction(sum(r["satisfied"] + r["basically_satisfied"] for r in rows), total)


def rating_participation_public(*, deputy) -> dict:
    """How many announced (closed) rating sessions a member sat in and rated: counts only; which
    officials they rated and how is never read here. One query."""
    return RatingSession.objects.filter(status=RatingStatus.CLOSED).aggregate(
        seated=Count("pk", filter=Q(members__deputy=deputy), distinct=True),
        rated=Count("pk", filter=Q(ballots__deputy=deputy), distinct=True))
