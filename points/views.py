"""Pages of the points ledger. Public pages read published snapshots only; a deputy's own page
reads their live ledger (marked "not yet published"). Views validate, call a selector or a
service, and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from congress import site
from congress.downloads import table_response, wants_download
from congress.files import private_file_response
from congress.guards import require_deputy, require_staff
from congress.models import Deputy
from congress.pagecache import published_page
from congress.paging import keyset_page
from congress.periods import Quarter, local_date
from congress.registry import Figure, WorkItem
from congress.scoping import get_for_user_or_404
from congress.services import quarter_correct
from points import selectors
from points.forms import CorrectionForm, SelfReportForm
from points.models import EntryStatus, SelfReport
from points.services import entry_self_report

RANKING_COLUMNS = [
    ("quarter_rank", gettext_lazy("Rank in the quarter")),
    ("deputy_code", gettext_lazy("Deputy number")),
    ("deputy_name", gettext_lazy("Name")),
    ("street_name", gettext_lazy("Street delegation")),
    ("community_name", gettext_lazy("Community")),
    ("quarter_points", gettext_lazy("Points in the quarter")),
    ("year_rank", gettext_lazy("Rank in the year to date")),
    ("year_points", gettext_lazy("Points in the year to date")),
]


def _today():
    return local_date(timezone.now())


@published_page(topics=("publication",), params=("quarter", "format"))
def ranking(request):
    """The published quarterly ranking: chart, table, street totals, revision history, downloads."""
    quarters = list(selectors.published_quarters())
    wanted = request.GET.get("quarter", "")
    publication = None
    if wanted:
        try:
            publication = selectors.publication_current(quarter=Quarter.parse(wanted))
        except ValueError:
            publication = None
    elif quarters:
        publication = selectors.publication_current(quarter=quarters[0].period)
    if publication is None:
        status = 404 if wanted else 200
        return render(request, "points/ranking.html", {"quarters": quarters, "wanted": wanted}, status=status)
    rows = list(selectors.published_ranking(publication=publication).values(*(key for key, _label in RANKING_COLUMNS),
                                                                            "deputy_id"))
    fmt = wants_download(request)
    if fmt:
        response = table_response(rows=rows, columns=RANKING_COLUMNS, filename=f"points-{publication.quarter}",
                                  fmt=fmt)
        response["X-Publication-Digest"] = publication.digest
        return response
    streets = (selectors.published_ranking(publication=publication).order_by()
               .values("street_name").annotate(points=Sum("quarter_points"), year_points=Sum("year_points"),
                                               deputies=Count("pk")).order_by("-points", "street_name"))
    return render(request, "points/ranking.html", {
        "quarters": quarters, "publication": publication, "district": publication.points_district,
        "rows": rows, "chart_rows": sorted(rows, key=lambda r: r["quarter_rank"])[:20], "streets": streets,
        "revisions": selectors.publication_revisions(quarter=publication.period),
    })


@login_required
def my_points(request):
    """A deputy's own ledger with their live quarter total and rank."""
    deputy = site.require(require_deputy, request.user)
    quarters = selectors.deputy_entry_quarters(deputy=deputy)
    try:
        quarter, chosen = Quarter.parse(request.GET["quarter"]), True
    except (KeyError, ValueError):
        quarter, chosen = Quarter.containing(_today()), False
    standing = selectors.deputy_live_standing(deputy=deputy, quarter=quarter)
    # Ten years of activity is a couple of thousand entries: paged by cursor (newest first), so an
    # old page costs what the first costs and no page counts the whole ledger. A chosen quarter
    # shows that quarter's entries, beside its figures.
    entries = selectors.ledger_for_user(user=request.user, deputy=deputy,
                                        quarter=quarter if chosen else None)
    page = keyset_page(entries, ordering=("-occurred_on", "-pk"), request=request, per_page=30, count=False)
    statuses = dict(EntryStatus.choices)
    for row in page:
        row["status_label"] = statuses[row["status"]]
    return render(request, "points/my_points.html", {
        "deputy": deputy, "standing": standing, "page": page, "quarters": quarters,
        "chosen_quarter": quarter if chosen else None,
        "quarter_published": selectors.publication_current(quarter=quarter) is not None,
        "published": selectors.published_history_for_deputy(deputy=deputy, limit=4),
    })


@login_required
def self_report(request):
    """The phone-friendly self-report form: activity, date, a few words, evidence."""
    deputy = site.require(require_deputy, request.user)
    rules = selectors.rules_with_current_points(on=_today(), self_reportable_only=True)
    form = SelfReportForm(request.POST or None, request.FILES or None, rules=rules,
                          initial={"occurred_on": _today()})
    return site.form_page(
        request, form=form, template="points/self_report.html", context={"deputy": deputy},
        call=lambda data: entry_self_report(deputy=deputy, submitted_by=request.user, **data),
        success=_("Your activity was registered; the office will verify it."),
        redirect_to=reverse("points:my-points"))


@login_required
def evidence(request, pk: int):
    """The evidence file of a self-report: the deputy who filed it and staff; anyone else 404."""
    report = get_for_user_or_404(SelfReport.objects.all(), request.user, pk=pk)
    return private_file_response(report.evidence)


@login_required
def correction(request):
    """Staff: publish a corrected revision of a published quarter, with a reason."""
    site.require(require_staff, request.user)
    quarters = [p.quarter for p in selectors.published_quarters()]
    form = CorrectionForm(request.POST or None, quarters=quarters, initial={"quarter": request.GET.get("quarter")})
    return site.form_page(
        request, form=form, template="points/correction.html",
        call=lambda data: quarter_correct(quarter=Quarter.parse(data["quarter"]), reason=data["reason"],
                                          corrected_by=request.user),
        success=_("The corrected revision was published."),
        redirect_to=lambda publication: f"{reverse('points:ranking')}?quarter={publication.quarter}")


# --- registry hooks (PointsConfig.ready) ------------------------------------------------------------

def publication_waiting(quarter: Quarter) -> list[str]:
    """Self-reports of the quarter the office has not verified: a publication now leaves them out."""
    count = selectors.self_reports_pending_in(quarter=quarter)
    if not count:
        return []
    return [ngettext("%(count)s self-report of %(quarter)s still awaits verification: published now, it would "
                     "not count.",
                     "%(count)s self-reports of %(quarter)s still await verification: published now, they would "
                     "not count.", count) % {"count": count, "quarter": quarter}]


def points_home_figures(year: int) -> list[Figure]:
    """Published points of `year` (to its latest published quarter) and the growth on last year."""
    quarters = selectors.published_districts_of_year(year=year)
    if not quarters:
        return []
    district = quarters[-1]
    quarter = district.publication.period
    label = (_("Deputies' duty points in %(year)s") % {"year": year} if quarter.number == 4 else
             _("Deputies' duty points in %(year)s (to %(quarter)s)") % {"year": year, "quarter": quarter})
    note = "" if district.year_growth is None else _("%(rate)s on the same period of %(last)s") % {
        "rate": district.year_growth_display, "last": year - 1}
    return [Figure(label, f"{district.year_points:,}", note, f"{reverse('points:ranking')}?quarter={quarter}",
                   how=_("Points every deputy earned by the ledger's rules, summed over the year's published "
                         "quarters (latest revision)."),
                   chart=tuple({"label": str(row.publication.period), "value": row.quarter_points} for row in quarters),
                   chart_caption=_("Points per published quarter"))]


def profile_section_context(deputy: Deputy) -> dict:
    return {"rows": list(selectors.published_history_for_deputy(deputy=deputy))}


def work_items(user, deputy) -> list[WorkItem]:
    """The deputy's self-reports the office has not verified yet."""
    if deputy is None:
        return []
    pending = selectors.self_reports_pending(deputy=deputy)
    return [WorkItem(50, _("Your self-reports waiting for verification"), pending,
                     reverse("points:my-points"))] if pending else []
