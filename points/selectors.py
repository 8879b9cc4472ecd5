"""Reads of the points ledger with rules: the value in force, totals aggregated in SQL, and the
published snapshots that public pages and the public API read (never the live ledger)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Rank
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from congress import pagecache
from congress.errors import DomainError
from congress.models import Deputy, Publication
from congress.periods import Quarter, Year
from congress.sql import column, table
from points.models import (
    DeputyPointsSnapshot,
    DistrictPointsSnapshot,
    EntryKind,
    EntryStatus,
    LedgerEntry,
    PointRule,
    PointRuleVersion,
)
from points.rules import growth_rate

# --- rules ---------------------------------------------------------------------------------------

def points_in_force(*, rule: PointRule, on: date) -> int:
    """The value of `rule` for an activity on `on`: the latest version effective on or before it."""
    points = (PointRuleVersion.objects.filter(rule=rule, effective_from__lte=on)
              .order_by("-effective_from").values_list("points", flat=True).first())
    if points is None:
        raise DomainError(_("“%(rule)s” has no value in force on %(day)s.") % {"rule": rule.name, "day": on})
    return points


def rule_versions(*, rule_ids) -> dict[int, list[tuple[date, int]]]:
    """Every version of these rules as (effective_from, points), oldest first, by rule id, in one
    query: for many values in force at once (points.rules.value_in_force)."""
    found: dict[int, list[tuple[date, int]]] = {rule_id: [] for rule_id in rule_ids}
    for rule_id, effective_from, points in (PointRuleVersion.objects.filter(rule_id__in=list(found))
                                            .order_by("rule_id", "effective_from")
                                            .values_list("rule_id", "effective_from", "points")):
        found[rule_id].append((effective_from, points))
    return found


def rules_with_current_points(*, on: date, self_reportable_only: bool = False) -> QuerySet[PointRule]:
    qs = PointRule.objects.active()
    if self_reportable_only:
        qs = qs.filter(self_reportable=True)
    return qs.with_current_points(on).filter(current_points__isnull=False)


# --- totals (live, for staff and a deputy's own page) ---------------------------------------------

@dataclass(frozen=True)
class TotalLevel:
    """How to group ledger entries: the deputy-relative path of the group's id and name."""

    id_path: str
    name_path: str


# Grouping levels of the totals. A later app can add one (liaison: "station" through the
# deputy's station) with register_total_level, without points depending on it.
TOTAL_LEVELS: dict[str, TotalLevel | None] = {
    "deputy": TotalLevel("deputy_id", "deputy__name"),
    "community": TotalLevel("deputy__community_id", "deputy__community__name"),
    "street": TotalLevel("deputy__street_id", "deputy__street__name"),
    "district": None,
}


def register_total_level(name: str, *, id_path: str, name_path: str) -> None:
    TOTAL_LEVELS[name] = TotalLevel(id_path, name_path)


def _period_bounds(period: Quarter | Year) -> tuple[date, date]:
    return period.first_day, period.last_day


def totals(*, level: str, period: Quarter | Year, group_id: int | None = None) -> list[dict]:
    """Verified points per group (deputy, community, street, district, …) in a quarter or year,
    with the same period of the year before and the growth, in one SQL query; only the group
    `group_id` when given (one station's page reads its deputies' entries, not every station's).
    Rows: {"id", "name", "points", "last_year_points", "growth"}, highest first."""
    if level not in TOTAL_LEVELS:
        raise DomainError(_("Unknown level of totals: %(level)s") % {"level": level})
    first, last = _period_bounds(period)
    before_first, before_last = first.replace(year=first.year - 1), _same_day_last_year(last)
    current = Q(occurred_on__gte=first, occurred_on__lte=last)
    before = Q(occurred_on__gte=before_first, occurred_on__lte=before_last)
    qs = LedgerEntry.objects.verified().filter(current | before)
    sums = {"total": Coalesce(Sum("points", filter=current), 0),
            "last_year_total": Coalesce(Sum("points", filter=before), 0)}
    spec = TOTAL_LEVELS[level]
    if group_id is not None and spec is not None:
        qs = qs.filter(**{spec.id_path: group_id})
    if spec is None:
        grouped = [{"id": None, "name": pgettext("total", "District"), **qs.aggregate(**sums)}]
    else:
        grouped = [{"id": row[spec.id_path], "name": row[spec.name_path], **row}
                   for row in qs.values(spec.id_path, spec.name_path).annotate(**sums)
                   .order_by("-total", spec.name_path)]
    rows = [{"id": row["id"], "name": row["name"], "points": row["total"],
             "last_year_points": row["last_year_total"]} for row in grouped]
    for row in rows:
        row["growth"] = growth_rate(row["points"], row["last_year_points"])
    return rows


def _same_day_last_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _verified_points(first: date, last: date) -> Coalesce:
    """A deputy's verified points between two days: a correlated sum that reads only those days'
    rows through the (deputy, occurred_on) index, however long the ledger's history grows."""
    rows = (LedgerEntry.objects.filter(deputy=OuterRef("pk"), status=EntryStatus.VERIFIED,
                                       occurred_on__gte=first, occurred_on__lte=last)
            .order_by().values("deputy").annotate(total=Sum("points")).values("total"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0), output_field=IntegerField())


def deputies_ranked(*, quarter: Quarter) -> QuerySet[Deputy]:
    """Every deputy of the quarter's year (their term covers it, or they have entries in it), with
    verified points for the quarter and the year to date and standard competition ranks
    ("1224"), computed by the database in one query."""
    year_first, last = quarter.year_start_day, quarter.last_day
    has_entries = Exists(LedgerEntry.objects.filter(deputy=OuterRef("pk"), occurred_on__gte=year_first,
                                                    occurred_on__lte=last))
    return (Deputy.objects
            .filter(Q(term__start_year__lte=quarter.year, term__end_year__gte=quarter.year) | has_entries)
            .annotate(quarter_points=_verified_points(quarter.first_day, last),
                      year_points=_verified_points(year_first, last))
            .annotate(quarter_rank=Window(Rank(), order_by=F("quarter_points").desc()),
                      year_rank=Window(Rank(), order_by=F("year_points").desc()))
            .order_by("quarter_rank", "code"))


PUBLICATION_COLUMNS = ["deputy_id", "deputy_code", "deputy_name", "street_name", "community_name",
                       "quarter_points", "quarter_rank", "year_points", "year_rank"]


def publication_rows_sql(*, quarter: Quarter) -> tuple[str, list]:
    """The SELECT of the points part's deputy rows (DeputyPointsSnapshot's columns, as
    PUBLICATION_COLUMNS): the same rows and ranks as deputies_ranked, but the ledger is read once,
    grouped by deputy, with only the year's rows in the WHERE (the (status, occurred_on) index),
    and the ranks come from window functions. Hand-written because the ORM cannot join a grouped
    derived table; the publication runs it as INSERT … SELECT."""
    ledger, deputy = LedgerEntry._meta.db_table, Deputy._meta.db_table
    term, street = Deputy.term.field.related_model._meta.db_table, Deputy.street.field.related_model._meta.db_table
    community = Deputy.community.field.related_model._meta.db_table
    year_first, first, last = quarter.year_start_day, quarter.first_day, quarter.last_day
    sql = f"""
        SELECT d.id AS deputy_id, d.code AS deputy_code, d.name AS deputy_name, s.name AS street_name,
               COALESCE(c.name, '') AS community_name,
               COALESCE(t.quarter_points, 0) AS quarter_points,
               RANK() OVER (ORDER BY COALESCE(t.quarter_points, 0) DESC) AS quarter_rank,
               COALESCE(t.year_points, 0) AS year_points,
               RANK() OVER (ORDER BY COALESCE(t.year_points, 0) DESC) AS year_rank
        FROM {deputy} d
        JOIN {term} term ON term.id = d.term_id
        JOIN {street} s ON s.id = d.street_id
        LEFT JOIN {community} c ON c.id = d.community_id
        LEFT JOIN (SELECT deputy_id, SUM(CASE WHEN occurred_on >= %s THEN points ELSE 0 END) AS quarter_points,
                          SUM(points) AS year_points
                   FROM {ledger} WHERE status = %s AND occurred_on >= %s AND occurred_on <= %s
                   GROUP BY deputy_id) t ON t.deputy_id = d.id
        WHERE (term.start_year <= %s AND term.end_year >= %s)
           OR EXISTS (SELECT 1 FROM {ledger} e WHERE e.deputy_id = d.id AND e.occurred_on >= %s
                      AND e.occurred_on <= %s)"""
    params = [first, EntryStatus.VERIFIED.value, year_first, last, quarter.year, quarter.year, year_first, last]
    return sql, params


def publication_district(*, quarter: Quarter) -> dict:
    """The district's verified points for the quarter, the year to date and the same periods of
    the year before; the WHERE reads only those two years' rows."""
    last_year = quarter.same_quarter_last_year()
    q = Q(occurred_on__gte=quarter.first_day, occurred_on__lte=quarter.last_day)
    ytd = Q(occurred_on__gte=quarter.year_start_day, occurred_on__lte=quarter.last_day)
    q_before = Q(occurred_on__gte=last_year.first_day, occurred_on__lte=last_year.last_day)
    ytd_before = Q(occurred_on__gte=last_year.year_start_day, occurred_on__lte=last_year.last_day)
    return (LedgerEntry.objects.verified()
            .filter(occurred_on__gte=last_year.year_start_day, occurred_on__lte=quarter.last_day)
            .aggregate(quarter_points=Coalesce(Sum("points", filter=q), 0),
                       year_points=Coalesce(Sum("points", filter=ytd), 0),
                       last_year_quarter_points=Coalesce(Sum("points", filter=q_before), 0),
                       last_year_points=Coalesce(Sum("points", filter=ytd_before), 0)))


def publication_figures(*, quarter: Quarter) -> dict:
    """What the points part of a quarter's publication contains (two queries)."""
    sql, params = publication_rows_sql(quarter=quarter)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) rows ORDER BY quarter_rank, deputy_code", params)
        deputies = [dict(zip(PUBLICATION_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    return {"deputies": deputies, "district": publication_district(quarter=quarter)}


@dataclass(frozen=True)
class LiveStanding:
    quarter: Quarter
    points: int
    rank: int
    of: int
    year_points: int


# The live ranking reads the ledger and the registry (deputies, terms, streets, communities).
LIVE_RANKING_TOPICS = ("ledger", "registry")
LIVE_RANKING_SECONDS = 3600  # a new version makes a new key: this only lets the old ones go


def live_quarter_ranking(*, quarter: Quarter) -> dict[int, tuple[int, int, int]]:
    """Every ranked deputy's (quarter points, quarter rank, year points) as they stand now (not yet
    published), ranked by the database exactly as the quarter's publication will rank them
    (publication_rows_sql). Ranking the district reads the year's ledger (tens of milliseconds at
    a thousand deputies), so it is kept in the cache under the versions of the ledger and the
    registry (congress.pagecache): every deputy's visit reads it, and any write to either makes a
    new version, so no one sees a standing older than the ledger they can see."""
    key = f"points:live-ranking:{quarter}:{pagecache.current_version(LIVE_RANKING_TOPICS)}"
    ranking = cache.get(key)
    if ranking is None:
        sql, params = publication_rows_sql(quarter=quarter)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT deputy_id, quarter_points, quarter_rank, year_points FROM ({sql}) rows", params)
            ranking = {deputy_id: (points, rank, year_points) for deputy_id, points, rank, year_points in cursor}
        cache.set(key, ranking, LIVE_RANKING_SECONDS)
    return ranking


def deputy_live_standing(*, deputy: Deputy, quarter: Quarter) -> LiveStanding:
    """A deputy's own verified points and rank as they stand now, from live_quarter_ranking."""
    ranking = live_quarter_ranking(quarter=quarter)
    # Not in this year's ranking (no term that year, no entries): after everyone.
    points, rank, year_points = ranking.get(deputy.pk, (0, len(ranking) + 1, 0))
    return LiveStanding(quarter=quarter, points=points, rank=rank, of=max(len(ranking), 1), year_points=year_points)


def deputy_entry_quarters(*, deputy: Deputy, limit: int = 8) -> list[Quarter]:
    """The latest quarters in which a deputy has ledger entries (for their quarter selector), newest
    first."""
    # A walk down the (deputy, date) index, one probe per quarter: the latest date, then the latest
    # before that date's quarter began, and so on. Grouping read every entry of the deputy (ten
    # years are a couple of thousand) on each visit of "my points".
    entries, deputy_id, day = table(LedgerEntry), column(LedgerEntry, "deputy"), column(LedgerEntry, "occurred_on")
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE latest(day, n) AS ("
            f"SELECT (SELECT MAX({day}) FROM {entries} WHERE {deputy_id} = %s), 1 "
            f"UNION ALL SELECT (SELECT MAX({day}) FROM {entries} WHERE {deputy_id} = %s "
            f"AND {day} < {_quarter_start_sql(connection.vendor, 'latest.day')}), n + 1 "
            f"FROM latest WHERE latest.day IS NOT NULL AND n < %s) "
            f"SELECT day FROM latest WHERE day IS NOT NULL ORDER BY n", [deputy.pk, deputy.pk, limit])
        # SQLite gives the dates of a subquery back as text.
        return [Quarter.containing(date.fromisoformat(str(day))) for (day,) in cursor.fetchall()]


def _quarter_start_sql(vendor: str, day: str) -> str:
    """SQL for the first day of the quarter of the date `day` (a column or expression)."""
    if vendor == "postgresql":
        return f"CAST(date_trunc('quarter', CAST({day} AS timestamp)) AS date)"
    return f"date({day}, 'start of month', printf('-%%d months', (CAST(strftime('%%m', {day}) AS INTEGER) - 1) %% 3))"


def ledger_for_user(*, user, deputy: Deputy | None = None, status: str = "",
                    quarter: Quarter | None = None) -> QuerySet:
    """A user's view of the ledger (a deputy their own, staff everyone's), newest first, as rows of
    what a ledger page shows: date, activity (`rule_name`), points, kind, status and reason. Rows,
    not records: a page of 30 entries would otherwise build 60 objects and convert ten columns it
    never shows."""
    qs = LedgerEntry.objects.for_user(user)
    if deputy is not None:
        qs = qs.filter(deputy=deputy)
    if status:
        qs = qs.filter(status=status)
    if quarter is not None:
        qs = qs.filter(occurred_on__gte=quarter.first_day, occurred_on__lte=quarter.last_day)
    return (qs.order_by("-occurred_on", "-pk")
            .values("pk", "occurred_on", "points", "kind", "status", "reason", rule_name=F("rule__name")))


# --- published snapshots (public) -------------------------------------------------------------------

def published_quarters() -> QuerySet[Publication]:
    """The latest revision of every quarter that has a points snapshot, newest quarter first."""
    return Publication.objects.with_part("points_district").current().order_by("-quarter")


def publication_current(*, quarter: Quarter) -> Publication | None:
    """The latest revision of a quarter's publication, if its points part exists."""
    return (Publication.objects.with_part("points_district").for_quarter(quarter)
            .select_related("points_district").order_by("-revision").first())


def publication_revisions(*, quarter: Quarter) -> QuerySet[Publication]:
    """Every revision of a quarter with a points snapshot, oldest first (the public history)."""
    return Publication.objects.with_part("points_district").for_quarter(quarter).order_by("revision")


def publication_revision(*, quarter: Quarter, revision: int) -> Publication | None:
    return (Publication.objects.with_part("points_district").for_quarter(quarter).filter(revision=revision)
            .select_related("points_district").first())


def published_ranking(*, publication: Publication) -> QuerySet[DeputyPointsSnapshot]:
    return DeputyPointsSnapshot.objects.of_publication(publication).order_by("quarter_rank", "deputy_code")


@dataclass(frozen=True)
class PublishedQuarterPoints:
    """A deputy's published points for one quarter (its latest revision)."""

    period: Quarter
    revision: int
    quarter_points: int
    quarter_rank: int
    year_points: int
    year_rank: int


def published_history_for_deputy(*, deputy: Deputy, limit: int | None = None) -> list[PublishedQuarterPoints]:
    """A deputy's published points, one row per quarter (latest revision), newest first."""
    # Hand-written: the ORM's "latest revision" subquery took about 2 ms of Python to build and
    # compile for a handful of rows, on the deputy's own page and on their public profile.
    snapshots, publications = table(DeputyPointsSnapshot), table(Publication)
    quarter, revision = column(Publication, "quarter"), column(Publication, "revision")
    figures = ", ".join(f"s.{column(DeputyPointsSnapshot, name)}"
                        for name in ("quarter_points", "quarter_rank", "year_points", "year_rank"))
    sql = (f"SELECT p.{quarter}, p.{revision}, {figures} FROM {snapshots} s JOIN {publications} p "
           f"ON p.{column(Publication, 'id')} = s.{column(DeputyPointsSnapshot, 'publication')} "
           f"WHERE s.{column(DeputyPointsSnapshot, 'deputy')} = %s AND p.{revision} = "
           f"(SELECT MAX(l.{revision}) FROM {publications} l WHERE l.{quarter} = p.{quarter}) "
           f"ORDER BY p.{quarter} DESC")
    params: list = [deputy.pk]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [PublishedQuarterPoints(Quarter.parse(period), *figures) for period, *figures in cursor.fetchall()]


def published_districts_of_year(*, year: int) -> list[DistrictPointsSnapshot]:
    """The district rows of the published quarters of `year` (latest revisions), oldest first."""
    return list(DistrictPointsSnapshot.objects.current().filter(publication__quarter__startswith=f"{int(year)}Q")
                .select_related("publication").order_by("publication__quarter"))


def published_district_for_year(*, year: int) -> DistrictPointsSnapshot | None:
    """The district row of the latest published quarter of `year` (its year-to-date figures)."""
    return (DistrictPointsSnapshot.objects.current().filter(publication__quarter__startswith=f"{int(year)}Q")
            .select_related("publication").order_by("-publication__quarter").first())


def self_reports_pending_in(*, quarter: Quarter) -> int:
    """How many self-reported entries dated in `quarter` still await the office's verification."""
    return LedgerEntry.objects.filter(status=EntryStatus.PENDING, occurred_on__gte=quarter.first_day,
                                      occurred_on__lte=quarter.last_day, kind=EntryKind.SELF_REPORT).count()


def self_reports_pending(*, deputy: Deputy) -> int:
    """How many of the deputy's self-reported entries await the office's verification."""
    return LedgerEntry.objects.filter(deputy=deputy, kind=EntryKind.SELF_REPORT, status=EntryStatus.PENDING).count()
