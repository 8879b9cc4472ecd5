"""Reads of suggestions with rules or aggregation. Statistics are computed in SQL from the
handlings' current grades (written by the services with their evaluations), never typed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from congress.guards import is_staff
from congress.labels import choice_labels
from congress.models import CongressSession, Organization, Publication
from congress.periods import local_date
from congress.roles import Role
from congress.scoping import get_for_user_or_404
from congress.search import ranked
from congress.selectors import deputy_of_user
from congress.sql import column, table
from suggestions import scoring
from suggestions.models import (
    Assignment,
    Cosignature,
    Evaluation,
    FollowUpRound,
    Handling,
    HandlingState,
    ImplementationReport,
    Reply,
    Suggestion,
    SuggestionState,
    UnitScoreSnapshot,
)
from suggestions.scoring import Stage

# --- lists and single records -----------------------------------------------------------------


def _handlings_prefetch(queryset=None) -> Prefetch:
    queryset = queryset if queryset is not None else Handling.objects.all()
    return Prefetch("handlings", queryset=queryset.select_related("organization", "assignment").order_by("pk"))


def suggestion_list_public(*, year: int | None = None, category: str = "", organization_id: int | None = None,
                           text: str = "", with_relations: bool = True) -> QuerySet[Suggestion]:
    """Published suggestions with what a public list row shows, in a fixed number of queries
    (`with_relations=False`: the suggestions alone, for a list read as rows, suggestion_rows_public)."""
    qs = Suggestion.objects.published().search(text)
    if year:
        qs = qs.filter(year=year)
    if category:
        qs = qs.filter(category=category)
    if organization_id:
        qs = qs.assigned_to(organization_id)
    if with_relations:
        qs = qs.select_related("lead_deputy", "session__term").prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("organization").order_by("role", "pk")),
            _handlings_prefetch(),
        )
    return qs.order_by("-year", "number")


def suggestion_rows_public(*, rows: list[dict]) -> list[dict]:
    """A page of published suggestions read as rows (with `id`, `category`, `content`,
    `publish_content` and `session__kind`, `__number`, `__term__number`), with what a citizen may
    see of each, in two queries for the page: `category_display`, `session` (its title), `units`
    [{unit, role}], `content` (None unless published) and `handlings` [{id, organization__name,
    assignment__role, state, reply_grade, implementation_grade, final_score, final_level, replies:
    None, implementation_reports: None}]: a list shows no texts."""
    ids = [row["id"] for row in rows]
    units: dict[int, list[dict]] = {pk: [] for pk in ids}
    for suggestion_id, unit, role in (Assignment.objects.filter(suggestion_id__in=ids).order_by("role", "pk")
                                      .values_list("suggestion_id", "organization__name", "role")):
        units[suggestion_id].append({"unit": unit, "role": role})
    handlings: dict[int, list[dict]] = {pk: [] for pk in ids}
    for handling in (Handling.objects.filter(suggestion_id__in=ids).order_by("pk")
                     .values("suggestion_id", "id", "organization__name", "assignment__role", "state", "reply_grade",
                             "implementation_grade", "final_score", "final_level")):
        handlings[handling.pop("suggestion_id")].append({**handling, "replies": None, "implementation_reports": None})
    categories = choice_labels(Suggestion._meta.get_field("category"))
    for row in rows:
        row.update(category_display=categories.get(row["category"], row["category"]), session=_session_title(row),
                   units=units[row["id"]], handlings=handlings[row["id"]],
                   content=_citizen_content(row["content"], publish_content=row["publish_content"]))
    return rows


def suggestion_get_public(*, pk: int) -> Suggestion:
    """One published suggestion with its units, handlings and (if published) replies."""
    return (Suggestion.objects.published().select_related("lead_deputy", "session__term")
            .prefetch_related(
                Prefetch("assignments", queryset=Assignment.objects.select_related("organization")),
                Prefetch("handlings", queryset=Handling.objects.select_related("organization", "assignment")
                         .prefetch_related("replies", "implementation_reports").order_by("pk")),
                Prefetch("cosignatures", queryset=Cosignature.objects.select_related("deputy")))
            .get(pk=pk))


def suggestion_citizen_view(*, suggestion: Suggestion, with_texts: bool = True) -> dict:
    """What a citizen may see of a published suggestion beyond its title, units, grades and final
    scores (always public): its content, and its units' replies and implementation reports, each
    only if staff chose to publish them. The page, the downloads and the API all ask this.
    Returns {"content": str | None, "texts": [(handling, replies, reports)] | None}; `suggestion`
    comes from suggestion_get_public (handlings with their texts prefetched); a list, which shows
    no texts, asks `with_texts=False`."""
    texts = None
    if with_texts and suggestion.publish_replies:
        texts = [(h, list(h.replies.all()), list(h.implementation_reports.all())) for h in suggestion.handlings.all()]
    return {"content": _citizen_content(suggestion.content, publish_content=suggestion.publish_content),
            "texts": texts}


def _session_title(row: dict) -> str | None:
    if row["session__number"] is None:
        return None
    return CongressSession.title_of(kind=row["session__kind"], number=row["session__number"],
                                    term_number=row["session__term__number"])


def _citizen_content(content: str, *, publish_content: bool) -> str | None:
    """A suggestion's content as a citizen may read it: only if staff published it."""
    return content if publish_content else None


def suggestions_led_public(*, deputy_id: int, limit: int = 20) -> list[Suggestion]:
    """A deputy's published suggestions (for their public profile), newest first."""
    return list(Suggestion.objects.published().filter(lead_deputy_id=deputy_id)
                .prefetch_related(_handlings_prefetch()).order_by("-year", "-number")[:limit])


def suggestion_years_public() -> list[int]:
    """The years that have a published suggestion, newest first (the public list's year filter)."""
    return _years_desc(published_only=True)


def _years_desc(*, published_only: bool) -> list[int]:
    """The years that have a suggestion (a published one), newest first. Written as a walk down the
    year index, one probe per year, where DISTINCT read every row (18 ms at 100,000 suggestions,
    on every visit of the statistics page and every filtered public list that is not cached)."""
    suggestions, year, published = table(Suggestion), column(Suggestion, "year"), column(Suggestion, "is_published")
    only = f" AND {published}" if published_only else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE years(y) AS ("
            f"SELECT (SELECT MAX({year}) FROM {suggestions} WHERE {year} IS NOT NULL{only}) "
            f"UNION ALL SELECT (SELECT MAX({year}) FROM {suggestions} WHERE {year} < years.y{only}) "
            f"FROM years WHERE years.y IS NOT NULL) "
            f"SELECT y FROM years WHERE y IS NOT NULL")
        return [year for (year,) in cursor.fetchall()]


def suggestion_list_for_user(*, user) -> QuerySet:
    """The suggestions a user may reach (their own as a deputy, their unit's, or all for staff),
    newest (the highest id) first, as the rows of "my suggestions": pk, number, title and state
    (their handlings: handling_summaries)."""
    return Suggestion.objects.for_user(user).order_by("-pk").values("pk", "number", "title", "state")


def handling_summaries(*, suggestion_ids: list[int]) -> dict[int, list[dict]]:
    """Each suggestion's handlings in their usual order (id, unit name, state, deadline, final
    score), for a page of suggestions in one query: {suggestion id: [handling, …]}."""
    found: dict[int, list[dict]] = {pk: [] for pk in suggestion_ids}
    if not found:
        return found
    # Hand-written: "my suggestions" and the suggestions API ask it on every page, and the ORM took
    # longer to build the query and convert its rows (0.55 ms) than the database to answer it.
    suggestion, deadline, pk = (column(Handling, name) for name in ("suggestion", "deadline", "pk"))
    picked = ", ".join(f"h.{column(Handling, name)}" for name in ("state", "deadline", "final_score"))
    sql = (f"SELECT h.{suggestion}, h.{pk}, u.{column(Organization, 'name')}, {picked} "
           f"FROM {table(Handling)} h JOIN {table(Organization)} u "
           f"ON u.{column(Organization, 'pk')} = h.{column(Handling, 'organization')} "
           f"WHERE h.{suggestion} IN ({', '.join(['%s'] * len(found))}) ORDER BY h.{deadline}, h.{pk}")
    with connection.cursor() as cursor:
        cursor.execute(sql, list(found))
        for suggestion_id, pk, unit, state, deadline, final_score in cursor.fetchall():
            found[suggestion_id].append({"id": pk, "unit": unit, "state": state, "deadline": deadline,
                                         "final_score": _as_score(final_score)})
    return found


_SCORE_PLACES = Decimal(1).scaleb(-Handling._meta.get_field("final_score").decimal_places)


def _as_score(value) -> Decimal | None:
    # PostgreSQL gives the numeric as a Decimal of its scale; SQLite a float, which the ORM would
    # have made the same Decimal (85.5 -> 85.50).
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(_SCORE_PLACES)


def suggestion_get_for_user(*, pk: int, user) -> Suggestion:
    qs = Suggestion.objects.select_related("lead_deputy", "session__term", "registered_by").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organization")),
        Prefetch("cosignatures", queryset=Cosignature.objects.select_related("deputy")),
        Prefetch("handlings", queryset=Handling.objects.select_related("organization").order_by("pk")))
    return get_for_user_or_404(qs, user, pk=pk)


def suggestions_open_for_cosigning(*, user) -> QuerySet[Suggestion]:
    """Submitted suggestions of other deputies that a deputy may read and co-sign (a co-signer reads
    what they sign)."""
    qs = Suggestion.objects.filter(state=SuggestionState.SUBMITTED).select_related("lead_deputy")
    deputy = deputy_of_user(user=user)
    if deputy is not None:
        qs = qs.exclude(lead_deputy=deputy).exclude(cosignatures__deputy=deputy)
    elif not is_staff(user):
        qs = qs.none()
    return qs.order_by("-submitted_on", "-pk")


def suggestion_get_for_cosigning(*, pk: int, user) -> Suggestion:
    """A suggestion the user may add a co-signature to: one open for co-signing, or a draft or
    submitted one in their own scope (staff co-sign on a deputy's behalf). 404 otherwise."""
    reachable = (Q(pk__in=suggestions_open_for_cosigning(user=user).values("pk"))
                 | Q(pk__in=Suggestion.objects.for_user(user).values("pk")))
    open_states = [SuggestionState.DRAFT, SuggestionState.SUBMITTED]
    return get_object_or_404(Suggestion.objects.filter(reachable, state__in=open_states), pk=pk)


def handling_list_for_user(*, user, state: str = "", year: int | None = None) -> QuerySet[Handling]:
    """The handlings a user may reach, with what a list row shows (`under_follow_up` included)."""
    qs = Handling.objects.for_user(user).with_relations().with_follow_up()
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(suggestion__year=year)
    return qs.order_by("deadline", "pk")


def handling_get_for_user(*, pk: int, user) -> Handling:
    """One handling within the user's scope (404 outside it), with its history."""
    qs = Handling.objects.with_relations().prefetch_related(
        "replies", "implementation_reports", Prefetch("follow_ups", queryset=FollowUpRound.objects.select_related(
            "closed_by").order_by("round")),
        Prefetch("evaluations", queryset=Evaluation.objects.select_related("entered_by").order_by("created_at")))
    return get_for_user_or_404(qs, user, pk=pk)


def _answered_rounds_sql(*, stage: Stage | None = None) -> tuple[str, list]:
    """FROM and WHERE of the open follow-up rounds (as `f`) that their unit has answered, at `stage`
    or at either: each awaits its grade."""
    # On the (handling, round) of the answer, not joins through the handling to its replies and
    # reports: planning those took ten times as long as running them.
    answered = [(f"(f.{column(FollowUpRound, 'stage')} = %s AND EXISTS (SELECT 1 FROM {table(answer)} a "
                 f"WHERE a.{column(answer, 'handling')} = f.{column(FollowUpRound, 'handling')} "
                 f"AND a.{column(answer, 'round')} = f.{column(FollowUpRound, 'round')}))", [answer_stage.value])
                for answer_stage, answer in ((Stage.REPLY, Reply), (Stage.IMPLEMENTATION, ImplementationReport))
                if stage in (None, answer_stage)]
    sql = (f"FROM {table(FollowUpRound)} f WHERE f.{column(FollowUpRound, 'closed_on')} IS NULL "
           f"AND ({' OR '.join(part for part, _params in answered)})")
    return sql, [param for _part, params in answered for param in params]


def follow_up_get_open(*, handling: Handling, pk) -> FollowUpRound:
    """An open follow-up round of a handling already fetched within the user's scope; 404 otherwise."""
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(FollowUpRound.objects.open(), handling=handling, pk=int(pk))


def handlings_awaiting_grade(*, user) -> QuerySet[Handling]:
    """Handlings whose reply or implementation (of the main flow or of a follow-up round) awaits
    the deputy's (or staff's) grade, the nearest deadline first, with `grade_stage`: which one."""
    # Hand-written, as the scopes are (suggestions.querysets): built with the ORM's Exists, union
    # and Case, this one queryset took about 7 ms to build and 5 more to compile on every visit of
    # "my suggestions", against 1-5 ms to run.
    # The ids of both kinds, united, and not one filter with an OR: an OR over the state and a
    # subquery can use no index, so the list walked every handling of the district (50 ms at
    # 100,000) even when none awaited a grade; each half reads an index and the few rows it finds.
    handling, state = table(Handling), column(Handling, "state")
    graded_next = [HandlingState.REPLY_SUBMITTED.value, HandlingState.IMPLEMENTATION_REPORTED.value]
    answered, answered_params = _answered_rounds_sql()
    awaiting = (f"SELECT {column(Handling, 'id')} FROM {handling} WHERE {state} IN (%s, %s) "
                f"UNION ALL SELECT f.{column(FollowUpRound, 'handling')} {answered}")
    # Which answer awaits: a handling whose follow-up reply is answered may be in any later state,
    # so its state alone would name the wrong one. The SQL names the outer handling by its table, as
    # the query's own table is named: a list to read, not a subquery (where Django renames it).
    reply_answered, reply_params = _answered_rounds_sql(stage=Stage.REPLY)
    own_round = f"f.{column(FollowUpRound, 'handling')} = {handling}.{column(Handling, 'id')}"
    grade_stage = (f"CASE WHEN {handling}.{state} = %s THEN %s WHEN {handling}.{state} = %s THEN %s "
                   f"WHEN EXISTS (SELECT 1 {reply_answered} AND {own_round}) THEN %s ELSE %s END")
    grade_stage_params = [HandlingState.REPLY_SUBMITTED.value, Stage.REPLY.value,
                          HandlingState.IMPLEMENTATION_REPORTED.value, Stage.IMPLEMENTATION.value,
                          *reply_params, Stage.REPLY.value, Stage.IMPLEMENTATION.value]
    return (Handling.objects.for_user(user).filter(pk__in=RawSQL(awaiting, [*graded_next, *answered_params]))
            .select_related("suggestion", "organization")
            .only("state", "deadline", "suggestion__number", "suggestion__title", "organization__name")
            .annotate(grade_stage=RawSQL(grade_stage, grade_stage_params, output_field=CharField()))
            .order_by("deadline", "pk"))


def suggestion_actions(*, suggestion: Suggestion, user) -> dict:
    """What `user` may do on `suggestion` now, for the page to show (the services decide again)."""
    staff = is_staff(user)
    deputy = deputy_of_user(user=user)
    lead = staff or (deputy is not None and deputy.pk == suggestion.lead_deputy_id)
    state = suggestion.state
    return {
        "submit": lead and state == SuggestionState.DRAFT,
        "register": staff and state == SuggestionState.SUBMITTED,
        "assign": staff and state == SuggestionState.REGISTERED,
        "publish": staff and state in (SuggestionState.REGISTERED, SuggestionState.ASSIGNED),
        "unpublish": staff and suggestion.is_published,
        "office": staff,
    }


def handling_actions(*, handling: Handling, user) -> dict:
    """What `user` may do on `handling` now, for the page to show: {"reply": bool, "report": bool,
    "grade": Stage | None, "graded_report": the reply or report that grade judges, "on_behalf": bool,
    "open_rounds": [FollowUpRound]}. The services
    decide again when it is done; this only saves showing a button that would be refused.
    `handling` comes from handling_get_for_user (its reports, grades and rounds prefetched)."""
    staff = is_staff(user)
    deputy = deputy_of_user(user=user)
    is_unit = staff or (user.organization_id == handling.organization_id
                        and (user.has_role(Role.UNIT_HANDLER) or user.has_role(Role.ORGAN_LIAISON)))
    grader = staff or (deputy is not None and deputy.pk == handling.suggestion.lead_deputy_id)
    rounds = [f for f in handling.follow_ups.all() if f.is_open]
    answered = {(Stage.REPLY, r.round) for r in handling.replies.all()} | {
        (Stage.IMPLEMENTATION, r.round) for r in handling.implementation_reports.all()}
    awaiting_answer = {f.stage for f in rounds if (f.stage, f.round) not in answered}
    awaiting_grade = {f.stage for f in rounds if (f.stage, f.round) in answered}
    if handling.state == HandlingState.REPLY_SUBMITTED:
        awaiting_grade.add(Stage.REPLY)
    if handling.state == HandlingState.IMPLEMENTATION_REPORTED:
        awaiting_grade.add(Stage.IMPLEMENTATION)
    grade = next((stage for stage in (Stage.REPLY, Stage.IMPLEMENTATION) if stage in awaiting_grade), None)
    reports = handling.replies.all() if grade == Stage.REPLY else handling.implementation_reports.all()
    return {
        "reply": is_unit and (handling.state == HandlingState.AWAITING_REPLY or Stage.REPLY in awaiting_answer),
        "report": is_unit and (handling.state == HandlingState.REPLY_GRADED
                               or Stage.IMPLEMENTATION in awaiting_answer),
        "grade": grade if grader else None,
        "graded_report": max(reports, key=lambda r: r.round, default=None) if grade and grader else None,
        "on_behalf": staff,
        "open_rounds": rounds if staff else [],
    }


def replies_due(*, today: date) -> QuerySet[Handling]:
    """Handlings awaiting a reply whose deadline is within the due-soon window or past."""
    from datetime import timedelta

    limit = today + timedelta(days=settings.SUGGESTION_REPLY_DUE_SOON_DAYS)
    return (Handling.objects.filter(state=HandlingState.AWAITING_REPLY, deadline__lte=limit)
            .select_related("suggestion", "organization").order_by("organization_id", "deadline", "pk"))


def follow_up_list(*, year: int | None = None) -> QuerySet[FollowUpRound]:
    """The follow-up list (跟踪督办): every open follow-up round, with its handling, oldest first.
    A handling stays in the statistics meanwhile, with its latest grades."""
    qs = FollowUpRound.objects.open().select_related(
        "handling__suggestion", "handling__suggestion__lead_deputy", "handling__organization")
    if year:
        qs = qs.filter(handling__suggestion__year=year)
    return qs.order_by("handling__organization__order", "deadline", "pk")


# --- statistics -------------------------------------------------------------------------------

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
        return [u for u in self.units if scoring.is_commended(u)]


def _latest_grade(stage: str, as_of: date):
    return Subquery(Evaluation.objects.filter(handling=OuterRef("pk"), stage=stage, graded_on__lte=as_of)
                    .order_by("-round", "-pk").values("grade")[:1])


def handlings_as_of(*, year: int, as_of: date) -> list[dict]:
    """Every handling of the suggestions of `year` assigned by `as_of`, with its latest grades of
    each stage given by then, whether its first reply was late and whether a follow-up round was
    open that day: one query."""
    open_then = FollowUpRound.objects.filter(handling=OuterRef("pk"), opened_on__lte=as_of).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
    overdue = Q(deadline__lt=as_of) & (Q(first_replied_on__isnull=True) | Q(first_replied_on__gt=F("deadline")))
    return list(Handling.objects.filter(suggestion__year=year, assignment__assigned_on__lte=as_of)
                .annotate(reply_then=_latest_grade(Stage.REPLY, as_of),
                          implementation_then=_latest_grade(Stage.IMPLEMENTATION, as_of),
                          overdue=ExpressionWrapper(overdue, output_field=BooleanField()),
                          open_then=Exists(open_then))
                .values("organization_id", "organization__name", "organization__order", "reply_then",
                        "implementation_then", "overdue", "open_then")
                .order_by("organization__order", "organization__name", "pk"))


def _as_of(row: dict) -> scoring.HandlingAsOf:
    return scoring.HandlingAsOf(reply=row["reply_then"] or "", implementation=row["implementation_then"] or "",
                                overdue_reply=row["overdue"], under_follow_up=row["open_then"])


def year_statistics(*, year: int, as_of: date | None = None) -> YearStatistics:
    """Per-unit and district-wide figures of the suggestions of `year`, as of a day (default
    today), from the latest grades given by then (scoring.figures): one SQL query, whatever the
    number of handlings. A handling under follow-up counts with its latest grades."""
    as_of = as_of or local_date(timezone.now())
    min_evaluated = settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING
    weights = scoring.current_weights()
    rows = handlings_as_of(year=year, as_of=as_of)
    by_unit: dict[int, list[dict]] = {}
    for row in rows:
        by_unit.setdefault(row["organization_id"], []).append(row)
    units = [UnitScore(organization_id=organization_id, unit_name=unit_rows[0]["organization__name"],
                       **scoring.figures(map(_as_of, unit_rows), weights))
             for organization_id, unit_rows in by_unit.items()]
    district = UnitScore(organization_id=0, unit_name="", **scoring.figures(map(_as_of, rows), weights))
    return YearStatistics(year=year, as_of=as_of, district=district,
                          units=scoring.rank_units(units, min_evaluated=min_evaluated), min_evaluated=min_evaluated)


def statistics_years() -> list[int]:
    """The years that have a suggestion, newest first (the statistics' year choice)."""
    return _years_desc(published_only=False)


# --- published snapshots ----------------------------------------------------------------------

def published_ranking(*, year: int, revision_pk: int | None = None) -> dict | None:
    """The public unit ranking of a year: the latest revision of the latest published quarter of
    the year (or a chosen revision of it), with the revision history. None if nothing published."""
    quarters = Publication.objects.in_year(year).with_part("suggestion_district_score")
    latest_quarter = quarters.order_by("-quarter").values_list("quarter", flat=True).first()
    if latest_quarter is None:
        return None
    revisions = list(quarters.filter(quarter=latest_quarter).select_related("suggestion_district_score")
                     .order_by("-revision"))
    publication = next((p for p in revisions if p.pk == revision_pk), revisions[0])
    rows = list(published_ranking_rows(publication=publication))
    return {"publication": publication, "district": publication.suggestion_district_score,
            "rows": rows, "revisions": revisions}


def published_ranking_rows(*, publication: Publication) -> QuerySet[UnitScoreSnapshot]:
    """A revision's unit scores in ranking order (ties: more evaluated first, then by name)."""
    return (UnitScoreSnapshot.objects.filter(publication=publication)
            .order_by(F("rank").asc(nulls_last=True), "-evaluated", "unit_name", "pk"))


def published_years() -> list[int]:
    quarters = Publication.objects.with_part("suggestion_district_score").values_list("quarter", flat=True).distinct()
    return sorted({int(q[:4]) for q in quarters}, reverse=True)


def units_with_published_suggestions() -> QuerySet[Organization]:
    """The units assigned a published suggestion (the public list's unit filter): a unit whose
    suggestions are all unpublished is not named. A semi-join, probing each unit's assignments
    until one is published, where a join read every assignment and sorted them for DISTINCT."""
    published = Assignment.objects.filter(organization=OuterRef("pk"), suggestion__is_published=True)
    return Organization.objects.filter(Exists(published)).order_by("order", "name")


def suggestions_search_public(text: str) -> QuerySet[Suggestion]:
    """Published suggestions whose title (or number) holds text, for the site search."""
    return ranked(Suggestion.objects.published().select_related("lead_deputy"), text, ["title", "number"])
