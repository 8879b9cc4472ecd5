"""Reads of the liaison app with rules: the public directory and figures (computed from the
records, aggregated in SQL; only confirmed meetings and resolved issues count), a station's
quarterly bulletin, and the scoped work lists of station staff and deputies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from congress.models import Deputy, Publication, Street
from congress.periods import Quarter, local_date
from congress.querysets import correlated_count
from congress.search import ranked
from liaison.models import (
    Attendance,
    ContactPoint,
    IssueLevel,
    IssueStatus,
    LivelihoodIssue,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Reception,
    Station,
    StationedDeputy,
    Topic,
)


def _today() -> date:
    return local_date(timezone.now())


# --- the public network ------------------------------------------------------------------------------

def station_directory() -> list[Street]:
    """Streets with their open stations (central first) and each station's active contact points,
    in three queries."""
    stations = (Station.objects.directory().annotate(contact_point_count=Count(
        "contact_points", filter=Q(contact_points__is_active=True)))
        .prefetch_related(Prefetch("contact_points", queryset=ContactPoint.objects.public().order_by("kind", "name"),
                                   to_attr="public_contact_points"))
        .order_by("street__order", "-kind", "order", "name"))
    streets: dict[int, Street] = {}
    for station in stations:
        street = streets.setdefault(station.street_id, station.street)
        street.__dict__.setdefault("open_stations", []).append(station)
    return list(streets.values())


def station_get_public(*, pk: int) -> Station:
    station = Station.objects.directory().filter(pk=pk).first()
    if station is None:
        raise Http404
    return station


def stationed_deputies(*, station: Station, first: date | None = None, last: date | None = None) -> QuerySet:
    """Deputies stationed at `station` at some point between `first` and `last` (today by default),
    each once, with what a public list shows."""
    first = first or _today()
    last = last or first
    ids = StationedDeputy.objects.filter(station=station).overlapping(first, last).values("deputy_id")
    return Deputy.objects.public().filter(pk__in=ids).order_by("name", "pk")


def station_years(*, station: Station | None = None) -> list[dict]:
    """Per year: confirmed deputy and livelihood deliberation meetings held and issues resolved
    (at `station`, or in the whole district), oldest year first. Two aggregate queries."""
    meetings = Meeting.objects.confirmed()
    issues = LivelihoodIssue.objects.resolved()
    if station is not None:
        meetings, issues = meetings.for_station(station), issues.for_station(station)
    rows: dict[int, dict] = {}

    def row(year: int) -> dict:
        return rows.setdefault(year, {"year": year, "deputy_meetings": 0, "livelihood_meetings": 0, "resolved": 0,
                                      "resolved_community": 0, "resolved_street": 0, "resolved_district": 0})

    for item in (meetings.annotate(year=ExtractYear("held_on")).values("year").order_by("year").annotate(
            deputy=Count("pk", filter=Q(kind=MeetingKind.DEPUTY_DELIBERATION)),
            livelihood=Count("pk", filter=Q(kind=MeetingKind.LIVELIHOOD_DELIBERATION)))):
        row(item["year"]).update(deputy_meetings=item["deputy"], livelihood_meetings=item["livelihood"])
    for item in (issues.annotate(year=ExtractYear("resolved_on")).values("year").order_by("year").annotate(
            resolved=Count("pk"),
            community=Count("pk", filter=Q(level=IssueLevel.COMMUNITY)),
            street=Count("pk", filter=Q(level=IssueLevel.STREET)),
            district=Count("pk", filter=Q(level=IssueLevel.DISTRICT)))):
        row(item["year"]).update(resolved=item["resolved"], resolved_community=item["community"],
                                 resolved_street=item["street"], resolved_district=item["district"])
    return [rows[year] for year in sorted(rows)]


def years_total(rows: list[dict]) -> dict:
    keys = ["deputy_meetings", "livelihood_meetings", "resolved", "resolved_community", "resolved_street",
            "resolved_district"]
    return {key: sum(row[key] for row in rows) for key in keys}


def district_network_counts() -> dict:
    """Stations by kind, contact points and stationed deputies today (one query each)."""
    stations = Station.objects.open().aggregate(
        community=Count("pk", filter=Q(kind="community")), central=Count("pk", filter=Q(kind="central")))
    return {
        "community_stations": stations["community"], "central_stations": stations["central"],
        "contact_points": ContactPoint.objects.public().count(),
        "stationed_deputies": StationedDeputy.objects.on(_today()).values("deputy_id").distinct().count(),
    }


def station_public_issues(*, station: Station, limit: int = 20) -> QuerySet:
    """Recently resolved issues of a station that staff gave an anonymised public title: the title
    and the date only."""
    return (LivelihoodIssue.objects.for_station(station).resolved().exclude(public_title="")
            .order_by("-resolved_on", "-pk").values("public_title", "resolved_on", "level")[:limit])


# --- the quarterly bulletin (宣传栏) -------------------------------------------------------------------------

@dataclass
class Bulletin:
    station: Station
    quarter: Quarter
    publication: Publication | None
    deputies: list[dict] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    resolved_count: int = 0
    resolved_titles: list[dict] = field(default_factory=list)


def station_bulletin(*, station: Station, quarter: Quarter) -> Bulletin:
    """What a station posts on its notice board for a quarter: its stationed deputies' published
    points and ranks (latest revision of the quarter's publication; none before it is published),
    the quarter's confirmed meetings with their topics, and the issues resolved in the quarter."""
    from points.models import DeputyPointsSnapshot
    from points.selectors import publication_current

    publication = publication_current(quarter=quarter)
    bulletin = Bulletin(station=station, quarter=quarter, publication=publication)
    ids = (StationedDeputy.objects.filter(station=station).overlapping(quarter.first_day, quarter.last_day)
           .values("deputy_id"))
    if publication is not None:
        bulletin.deputies = list(
            DeputyPointsSnapshot.objects.of_publication(publication).filter(deputy_id__in=ids)
            .order_by("quarter_rank", "deputy_code")
            .values("deputy_id", "deputy_name", "quarter_points", "quarter_rank", "year_points", "year_rank"))
    bulletin.meetings = list(
        Meeting.objects.for_station(station).confirmed().between(quarter.first_day, quarter.last_day)
        .annotate(present=Count("attendances", filter=Q(attendances__withdrawn_at__isnull=True)))
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.current().select_related("lead_deputy"),
                                   to_attr="current_topics"))
        .order_by("held_on", "pk"))
    resolved = LivelihoodIssue.objects.for_station(station).resolved_between(quarter.first_day, quarter.last_day)
    bulletin.resolved_count = resolved.count()
    bulletin.resolved_titles = list(resolved.exclude(public_title="").order_by("resolved_on", "pk")
                                    .values("public_title", "resolved_on")[:12])
    return bulletin


# --- scoped work lists -------------------------------------------------------------------------------------

def stations_for_user(*, user) -> QuerySet[Station]:
    return Station.objects.for_user(user).select_related("street", "community").order_by("street__order", "order")


def meetings_for_user(*, user, station: Station | None = None) -> QuerySet[Meeting]:
    """Meetings a login reaches (a station's staff their stations', a deputy those they attended),
    drafts first, with counts for a list row."""
    qs = Meeting.objects.for_user(user)
    if station is not None:
        qs = qs.for_station(station)
    present = Attendance.objects.filter(meeting=OuterRef("pk"), withdrawn_at__isnull=True)
    return (qs.select_related("station")
            .annotate(present=correlated_count(present, by="meeting"), topic_count=correlated_count(
                Topic.objects.filter(meeting=OuterRef("pk"), withdrawn_at__isnull=True), by="meeting"))
            .order_by("-status", "-held_on", "-pk"))


def meeting_get_for_user(*, user, pk: int) -> Meeting:
    meeting = Meeting.objects.for_user(user).select_related("station", "station__street").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_detail(*, meeting: Meeting) -> dict:
    """A meeting's attendances (current and withdrawn), topics and the deputies to tick: those
    stationed at its station on its day, plus anyone already recorded."""
    attendances = list(Attendance.objects.filter(meeting=meeting).select_related("deputy").order_by("deputy__name"))
    topics = list(Topic.objects.filter(meeting=meeting).select_related("lead_deputy").order_by("order", "pk"))
    present = {a.deputy_id for a in attendances if a.withdrawn_at is None}
    stationed = list(stationed_deputies(station=meeting.station, first=meeting.held_on))
    extra = [a.deputy for a in attendances if a.withdrawn_at is None and a.deputy_id not in {d.pk for d in stationed}]
    return {"attendances": attendances, "topics": topics, "present_ids": present,
            "candidates": stationed + extra}


def issues_for_user(*, user, station: Station | None = None, status: str = "") -> QuerySet[LivelihoodIssue]:
    qs = LivelihoodIssue.objects.for_user(user)
    if station is not None:
        qs = qs.for_station(station)
    if status in IssueStatus.values:
        qs = qs.filter(status=status)
    return qs.select_related("station", "following_deputy").order_by("-raised_on", "-pk")


def issue_get_for_user(*, user, pk: int) -> LivelihoodIssue:
    issue = (LivelihoodIssue.objects.for_user(user)
             .select_related("station", "following_deputy", "topic__meeting", "reception", "contact_point", "liaison")
             .filter(pk=pk).first())
    if issue is None:
        raise Http404
    return issue


def receptions_for_user(*, user, station: Station | None = None) -> QuerySet[Reception]:
    qs = Reception.objects.for_user(user)
    if station is not None:
        qs = qs.for_station(station)
    return qs.select_related("station", "deputy").annotate(issue_count=Count("issues")).order_by("-received_on", "-pk")


def deputy_meetings(*, deputy: Deputy) -> QuerySet[Meeting]:
    """Confirmed meetings a deputy attended (attendance not withdrawn), newest first."""
    return (Meeting.objects.confirmed()
            .filter(attendances__deputy=deputy, attendances__withdrawn_at__isnull=True)
            .select_related("station").order_by("-held_on", "-pk"))


def deputy_issues(*, deputy: Deputy) -> QuerySet[LivelihoodIssue]:
    """Issues a deputy follows, unfinished first."""
    return (LivelihoodIssue.objects.filter(following_deputy=deputy).select_related("station")
            .order_by("status", "-raised_on", "-pk"))


def station_points(*, station: Station, year: int) -> dict:
    """Live verified points of the deputies stationed at `station` in `year` and the same period
    of the year before (the points app's "station" level of totals; one query)."""
    from congress.periods import Year
    from points.selectors import totals

    rows = totals(level="station", period=Year(year), group_id=station.pk)
    return rows[0] if rows else {"id": station.pk, "name": station.name, "points": 0, "last_year_points": 0,
                                 "growth": None}


def open_work_counts(*, station: Station) -> dict:
    """Unfinished issues and meetings still being recorded at a station (two queries)."""
    counts = LivelihoodIssue.objects.for_station(station).aggregate(
        open=Count("pk", filter=Q(status=IssueStatus.OPEN)),
        in_progress=Count("pk", filter=Q(status=IssueStatus.IN_PROGRESS)))
    counts["drafts"] = Meeting.objects.for_station(station).filter(status=MeetingStatus.DRAFT).count()
    return counts


def stations_search_public(text: str) -> QuerySet[Station]:
    """Open stations found by the site search, by name first, then by address."""
    return ranked(Station.objects.directory(), text, ["name", "address"])


def meetings_coming_up_for_deputy(*, deputy: Deputy, today: date, limit: int = 50) -> list[Meeting]:
    """Meetings from today on at the stations where the deputy is stationed now, soonest first."""
    stations = StationedDeputy.objects.filter(deputy=deputy, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)).values("station_id")
    return list(Meeting.objects.filter(station_id__in=stations, held_on__gte=today)
                .select_related("station").order_by("held_on", "pk")[:limit])
