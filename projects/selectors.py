"""Reads of the livelihood projects with rules and aggregation. Public reads show what is
public: ballots once opened, results once closed, approved progress reports, ratings once
closed, micro-projects once collected. Nothing here ever reads who voted next to how."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from congress.querysets import correlated_count
from congress.search import ranked
from projects import rules
from projects.models import (
    DONE_STATUSES,
    PASSED_STATUSES,
    SCREENED_STATUSES,
    Ballot,
    BallotReceipt,
    BallotStatus,
    Candidacy,
    Inspection,
    KeyProject,
    MicroProject,
    ProgressReport,
    ProjectStatus,
    ProposerKind,
    QualityEvaluation,
    SatisfactionSurvey,
    SatisfactionTally,
    SupervisionMembership,
    SurveyStatus,
)

# --- ballots ---------------------------------------------------------------------------------------------

def ballots_public() -> QuerySet[Ballot]:
    """Opened and closed ballots, newest first, with their turnout (counted per ballot from the
    receipts' index: a join read every receipt of every ballot, 9,000 rows at ten ballots)."""
    receipts = BallotReceipt.objects.filter(ballot=OuterRef("pk"))
    return (Ballot.objects.public().select_related("session__term", "runoff_of")
            .annotate(voted=correlated_count(receipts, by="ballot")).order_by("-year", "-pk"))


def ballot_get_public(*, pk: int) -> Ballot:
    return get_object_or_404(ballots_public(), pk=pk)


@dataclass(frozen=True)
class Turnout:
    voted: int
    entitled: int

    @property
    def rate(self) -> Decimal | None:
        return rules.rate(self.voted, self.entitled)


def ballot_turnout(*, ballot: Ballot) -> Turnout:
    voted = getattr(ballot, "voted", None)
    if voted is None:
        voted = ballot.receipts.count()
    return Turnout(voted=voted, entitled=ballot.entitled_count or 0)


def ballot_candidacies(*, ballot: Ballot) -> QuerySet[Candidacy]:
    """The candidates of a ballot; their counters are meaningful (and shown) once it is closed."""
    qs = ballot.candidacies.select_related("project__lead_unit")
    if ballot.status == BallotStatus.CLOSED:
        return qs.order_by("-approvals", "order")
    return qs.order_by("order")


def ballot_result_rows(*, ballot: Ballot) -> list[dict]:
    """Public rows of a closed ballot's result (empty while it is open: no running count)."""
    if ballot.status != BallotStatus.CLOSED:
        return []
    threshold = rules.majority_threshold(ballot.entitled_count)
    rows, rank, previous = [], 0, None
    for index, c in enumerate(ballot_candidacies(ballot=ballot), 1):
        if c.approvals != previous:  # equal approvals share a rank (1, 2, 2, 4), as every ranking here
            rank, previous = index, c.approvals
        rows.append({
            "rank": rank, "title": c.project.title, "lead_unit": c.project.lead_unit.display_name,
            "budget": c.project.budget, "approvals": c.approvals, "oppositions": c.oppositions,
            "abstentions": c.abstentions, "majority": c.approvals >= threshold,
            "result": c.get_result_display(), "result_code": c.result, "project_id": c.project_id,
        })
    return rows


def open_ballots_for_deputy(*, deputy) -> QuerySet[Ballot]:
    """Open ballots of the deputy's term, each annotated with whether they have voted (their own
    receipt only)."""
    from django.db.models import Exists

    from projects.models import BallotReceipt

    mine = BallotReceipt.objects.filter(ballot=OuterRef("pk"), deputy=deputy)
    return (Ballot.objects.filter(status=BallotStatus.OPEN, term_id=deputy.term_id)
            .select_related("session__term").annotate(has_voted=Exists(mine)).order_by("-year", "pk"))


# --- key projects ------------------------------------------------------------------------------------------

def _latest_approved(field: str):
    latest = (ProgressReport.objects.filter(project=OuterRef("pk"), status="approved")
              .order_by("-reported_on", "-pk").values(field)[:1])
    return Subquery(latest)


def projects_progress(*, year: int | None = None) -> QuerySet[KeyProject]:
    """Elected projects with their latest approved progress, group size and inspections."""
    qs = KeyProject.objects.elected()
    if year is not None:
        qs = qs.filter(year=year)
    return (qs.select_related("lead_unit", "quality_evaluation")
            .annotate(percent=Coalesce(_latest_approved("percent_complete"), Value(0), output_field=IntegerField()),
                      as_of=_latest_approved("reported_on"),
                      group_size=Count("memberships", distinct=True),
                      inspection_count=Count("inspections", distinct=True))
            .order_by("-year", "order", "pk"))


def project_get_public(*, pk: int) -> KeyProject:
    """One public project with everything its page shows, in a fixed number of queries."""
    qs = (KeyProject.objects.public().select_related("lead_unit", "quality_evaluation")
          .prefetch_related(
              "milestones",
              Prefetch("reports", queryset=ProgressReport.objects.approved().select_related("milestone")
                       .order_by("-reported_on", "-pk"), to_attr="approved_reports"),
              Prefetch("inspections", queryset=Inspection.objects.prefetch_related("participants")
                       .order_by("-occurred_on", "-pk")),
              Prefetch("memberships", queryset=SupervisionMembership.objects
                       .select_related("deputy").order_by("-is_leader", "deputy__name")),
              Prefetch("candidacies", queryset=Candidacy.objects.filter(ballot__status="closed")
                       .select_related("ballot").order_by("ballot__pk"), to_attr="counted_candidacies"),
              Prefetch("satisfaction_tallies", queryset=SatisfactionTally.objects
                       .filter(survey__status=SurveyStatus.CLOSED).select_related("survey"),
                       to_attr="closed_tallies")))
    project = get_object_or_404(qs, pk=pk)
    try:
        project.quality = project.quality_evaluation
    except QualityEvaluation.DoesNotExist:
        project.quality = None
    return project


def key_project_statistics(*, years: list[int] | None = None) -> list[dict]:
    """Per year: elected projects, completed, carried over, in progress, and the completion rate."""
    qs = KeyProject.objects.elected()
    if years:
        qs = qs.filter(year__in=years)
    rows = (qs.values("year").annotate(
        elected=Count("pk"), completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED)),
        carried_over=Count("pk", filter=Q(status=ProjectStatus.CARRIED_OVER)),
        ongoing=Count("pk", filter=Q(status__in=[ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS])),
        budget=Coalesce(Sum("budget"), Value(Decimal("0")))).order_by("year"))
    rows = [dict(row) for row in rows]
    for row in rows:
        row["completion_rate"] = rules.rate(row["completed"], row["elected"])
    return rows


def key_project_totals(*, first_year: int, last_year: int) -> dict:
    """Elected, completed and carried-over projects over a span of years (the seed's 40/32/8)."""
    totals = KeyProject.objects.elected().filter(year__gte=first_year, year__lte=last_year).aggregate(
        elected=Count("pk"), completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED)),
        carried_over=Count("pk", filter=Q(status=ProjectStatus.CARRIED_OVER)))
    totals["completion_rate"] = rules.rate(totals["completed"], totals["elected"])
    return totals


def satisfaction_rows(*, survey: SatisfactionSurvey) -> list[dict]:
    """A closed rating's result per project (counters only)."""
    if survey.status != SurveyStatus.CLOSED:
        return []
    rows = []
    for tally in survey.tallies.select_related("project").order_by("project__order", "project__pk"):
        rows.append({"title": tally.project.title, "project_id": tally.project_id, "satisfied": tally.satisfied,
                     "basically": tally.basically, "dissatisfied": tally.dissatisfied, "total": tally.total,
                     "rate": rules.satisfaction_rate(satisfied=tally.satisfied, basically=tally.basically,
                                                     dissatisfied=tally.dissatisfied)})
    return rows


def surveys_public() -> QuerySet[SatisfactionSurvey]:
    return SatisfactionSurvey.objects.public().annotate(rated=Count("receipts", distinct=True)).order_by("-year")


def open_survey_for_deputy(*, deputy):
    from django.db.models import Exists

    from projects.models import SatisfactionReceipt

    mine = SatisfactionReceipt.objects.filter(survey=OuterRef("pk"), deputy=deputy)
    return (SatisfactionSurvey.objects.filter(status=SurveyStatus.OPEN, term_id=deputy.term_id)
            .annotate(has_rated=Exists(mine)).order_by("-year"))


# --- micro-projects -------------------------------------------------------------------------------------------

MICRO_FILTERS = ("year", "street", "community", "status", "proposer_kind")


def micro_projects_public(*, filters: dict | None = None) -> QuerySet[MicroProject]:
    qs = MicroProject.objects.public().with_related()
    filters = filters or {}
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    if filters.get("street"):
        qs = qs.filter(community__street_id=filters["street"])
    if filters.get("community"):
        qs = qs.filter(community_id=filters["community"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("proposer_kind"):
        qs = qs.filter(proposer_kind=filters["proposer_kind"])
    return qs.order_by("-year", "community__street__order", "community__order", "pk")


def _micro_counts(prefix: str = "") -> dict:
    status, kind = f"{prefix}status", f"{prefix}proposer_kind"
    deputy = Q(**{kind: ProposerKind.DEPUTY})
    return {
        "collected": Count(f"{prefix}pk"),
        "shortlisted": Count(f"{prefix}pk", filter=Q(**{f"{status}__in": [
            "shortlisted", *[str(s) for s in PASSED_STATUSES], "failed"]})),
        "passed": Count(f"{prefix}pk", filter=Q(**{f"{status}__in": PASSED_STATUSES})),
        "completed": Count(f"{prefix}pk", filter=Q(**{f"{status}__in": DONE_STATUSES})),
        "deputy_screened": Count(f"{prefix}pk", filter=deputy & Q(**{f"{status}__in": SCREENED_STATUSES})),
        "deputy_shortlisted": Count(f"{prefix}pk", filter=deputy & Q(**{f"{status}__in": [
            "shortlisted", *[str(s) for s in PASSED_STATUSES], "failed"]})),
        "meetings": Count(f"{prefix}meeting", distinct=True),
    }


def _with_rates(row: dict) -> dict:
    row["completion_rate"] = rules.rate(row["completed"], row["passed"])
    row["deputy_shortlisted_rate"] = rules.rate(row["deputy_shortlisted"], row["deputy_screened"])
    return row


def micro_statistics(*, level: str = "street", first_year: int | None = None,
                     last_year: int | None = None) -> list[dict]:
    """Micro-projects per street or community (or the district): collected, shortlisted, passed,
    completed, the completion rate and the share of deputy-proposed projects shortlisted. One query."""
    qs = MicroProject.objects.public()
    if first_year:
        qs = qs.filter(year__gte=first_year)
    if last_year:
        qs = qs.filter(year__lte=last_year)
    counts = _micro_counts()
    if level == "district":
        return [_with_rates({"id": None, "name": "", **qs.aggregate(**counts)})]
    if level == "community":
        grouped = qs.values(group=F("community_id"), name=F("community__name"), street=F("community__street__name"),
                            order=F("community__order"))
    else:
        grouped = qs.values(group=F("community__street_id"), name=F("community__street__name"),
                            order=F("community__street__order"))
    rows = [dict(row) for row in grouped.annotate(**counts).order_by("order", "name")]
    return [_with_rates({"id": row.pop("group"), **row}) for row in rows]


def micro_years() -> list[int]:
    return list(MicroProject.objects.public().order_by("-year").values_list("year", flat=True).distinct())


def projects_search_public(text: str) -> QuerySet[KeyProject]:
    """Key projects that stood on an opened ballot, found by title for the site search."""
    return ranked(KeyProject.objects.public().select_related("lead_unit"), text, ["title"])


def micro_projects_search_public(text: str) -> QuerySet[MicroProject]:
    """Micro-projects a station has collected (the public ones), found by title for the site search."""
    return ranked(MicroProject.objects.public().select_related("community__street"), text, ["title"])


def projects_supervised_public(*, deputy, limit: int = 20) -> list[SupervisionMembership]:
    """The public key projects whose supervision group a deputy is in, newest first (profile)."""
    public = KeyProject.objects.public().values("pk")
    return list(SupervisionMembership.objects.filter(deputy=deputy, project__in=public)
                .select_related("project__lead_unit")
                .order_by("-project__year", "project__order", "project__pk")[:limit])
