"""Pages of the liaison app. Public pages show the network and figures computed from confirmed
meetings and resolved issues (never a liaison's or resident's name or contact); station staff
record their own stations' meetings, receptions and issues from a phone; deputies see the
meetings they attended and the issues they follow. Views validate, call a selector or a service,
and render; a record outside the login's scope is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.downloads import table_response, wants_download
from congress.forms import DeputySearchForm
from congress.models import Deputy
from congress.pagecache import published_page
from congress.periods import Quarter, local_date
from congress.registry import Figure, WorkItem
from congress.roles import Role
from congress.scoping import get_for_user_or_404
from congress.selectors import deputy_of_user
from congress.site import form_page, perform
from liaison import selectors, services
from liaison.forms import (
    AttendanceForm,
    CloseForm,
    EscalateForm,
    FollowerForm,
    IssueForm,
    MeetingCreateForm,
    MeetingDetailsForm,
    NoteForm,
    ReasonForm,
    ReceptionForm,
    ResolveForm,
    TopicForm,
)
from liaison.models import (
    ContactPoint,
    IssueStatus,
    Liaison,
    MeetingStatus,
    Reception,
    Station,
    Topic,
)

YEAR_COLUMNS = [
    ("year", gettext_lazy("Year")),
    ("deputy_meetings", gettext_lazy("Deputy deliberation meetings")),
    ("livelihood_meetings", gettext_lazy("Livelihood deliberation meetings")),
    ("resolved", gettext_lazy("Livelihood issues resolved")),
    ("resolved_community", gettext_lazy("resolved in the community")),
    ("resolved_street", gettext_lazy("resolved at street level")),
    ("resolved_district", gettext_lazy("resolved at district level")),
]
BULLETIN_SIZES = ("a4", "a3")


def _today():
    return local_date(timezone.now())


# --- public ----------------------------------------------------------------------------------------------

@published_page(topics=("liaison", "registry"))
def directory(request):
    """Stations by street, with their address, opening hours and contact points."""
    return render(request, "liaison/directory.html", {
        "streets": selectors.station_directory(), "counts": selectors.district_network_counts()})


@published_page(topics=("liaison", "registry"))
def station_detail(request, pk: int):
    """A station's public page: stationed deputies, opening hours, contact points, and the
    meetings held and issues resolved each year."""
    station = selectors.station_get_public(pk=pk)
    years = selectors.station_years(station=station)
    return render(request, "liaison/station_detail.html", {
        "station": station, "deputies": selectors.stationed_deputies(station=station),
        "contact_points": ContactPoint.objects.public().for_station(station).order_by("kind", "name"),
        "years": years, "total": selectors.years_total(years),
        "public_issues": selectors.station_public_issues(station=station),
        "quarter": Quarter.containing(_today()).previous(),
    })


@published_page(topics=("liaison",), params=("format",))
def figures(request):
    """District figures per year (meetings held, issues resolved and at which level), with a chart
    and CSV/XLSX/JSON downloads."""
    years = selectors.station_years()
    fmt = wants_download(request)
    if fmt:
        return table_response(rows=years, columns=YEAR_COLUMNS, filename="liaison-figures", fmt=fmt)
    return render(request, "liaison/figures.html", {
        "years": years, "total": selectors.years_total(years), "counts": selectors.district_network_counts(),
        "chart_rows": [{"label": str(row["year"]), "value": row["resolved"]} for row in years],
    })


def bulletin(request, pk: int):
    """The printable quarterly notice-board bulletin of a station (A4 or A3)."""
    station = selectors.station_get_public(pk=pk)
    try:
        quarter = Quarter.parse(request.GET["quarter"]) if request.GET.get("quarter") else None
    except ValueError:
        raise Http404 from None
    quarter = quarter or Quarter.containing(_today()).previous()
    size = request.GET.get("size", "a4")
    if size not in BULLETIN_SIZES:
        size = "a4"
    following = quarter.next()
    return render(request, "liaison/bulletin.html", {
        "bulletin": selectors.station_bulletin(station=station, quarter=quarter), "size": size,
        "previous": quarter.previous(), "next": following if following < Quarter.containing(_today()) else None,
    })


# --- station staff ------------------------------------------------------------------------------------------

def _station(request, pk: int) -> Station:
    return get_for_user_or_404(Station.objects.select_related("street", "community"), request.user, pk=pk)


@login_required
def work(request):
    """The stations a station-staff login records for (office staff: all), with their open work."""
    stations = list(selectors.stations_for_user(user=request.user))
    if not stations:
        raise Http404
    if len(stations) == 1:
        return station_work(request, stations[0].pk)
    return render(request, "liaison/work.html", {"stations": stations})


@login_required
def station_work(request, pk: int):
    """One station's meetings, issues and receptions, unfinished work first."""
    station = _station(request, pk)
    status = request.GET.get("status", "")
    issues = selectors.issues_for_user(user=request.user, station=station, status=status)
    return render(request, "liaison/station_work.html", {
        "station": station, "counts": selectors.open_work_counts(station=station),
        "points": selectors.station_points(station=station, year=_today().year),
        "meetings": Paginator(selectors.meetings_for_user(user=request.user, station=station), 10)
        .get_page(request.GET.get("meetings")),
        "issues": Paginator(issues, 20).get_page(request.GET.get("page")),
        "receptions": selectors.receptions_for_user(user=request.user, station=station)[:10],
        "status": status, "statuses": IssueStatus.choices,
    })


@login_required
def meeting_new(request, pk: int):
    station = _station(request, pk)
    form = MeetingCreateForm(request.POST or None, initial={"held_on": _today()})
    return form_page(request, form=form, template="liaison/meeting_new.html",
                     call=lambda data: services.meeting_create(station=station, recorded_by=request.user, **data),
                     success=_("The meeting was created; now record who came and the topics."),
                     redirect_to=lambda meeting: reverse("liaison:meeting", args=[meeting.pk]),
                     context={"station": station})


def _meeting_context(request, meeting, **forms) -> dict:
    detail = selectors.meeting_detail(meeting=meeting)
    candidates = list(detail["candidates"])
    # The deputy directory's form: a query it refuses (over 40 characters, a NUL) finds no one more.
    search = DeputySearchForm(request.GET)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    if text and meeting.status == MeetingStatus.DRAFT:
        known = {d.pk for d in candidates}
        candidates += [d for d in Deputy.objects.search(text).order_by("name")[:20] if d.pk not in known]
    can_record = meeting.status == MeetingStatus.DRAFT and _may_record(request.user, meeting.station)
    context = {"meeting": meeting, **detail, "candidates": candidates, "q": text, "can_record": can_record}
    if can_record:
        context.setdefault("details_form", MeetingDetailsForm(initial={
            "held_on": meeting.held_on, "title": meeting.title, "venue": meeting.venue, "minutes": meeting.minutes,
            "residents_present": meeting.residents_present}))
        context.setdefault("attendance_form", AttendanceForm(candidates=candidates,
                                                             initial={"deputies": list(detail["present_ids"])}))
        context.setdefault("topic_form", TopicForm(candidates=candidates))
    context.update(forms)
    return context


def _may_record(user, station) -> bool:
    return user.is_office_staff or (user.has_role(Role.STATION_STAFF)
                                    and station.pk in (selectors.stations_for_user(user=user)
                                                       .values_list("pk", flat=True)))


@login_required
def meeting(request, pk: int):
    """A meeting: station staff record it while it is a draft; its deputies see it read-only."""
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    return render(request, "liaison/meeting.html", _meeting_context(request, meeting))


def _posted_deputies(request) -> list[Deputy]:
    """Deputies named in the posted form (ticked, found by search, or chosen as a lead)."""
    ids = [value for value in request.POST.getlist("deputies") + request.POST.getlist("lead_deputy")
           if value.isdigit()]
    return list(Deputy.objects.filter(pk__in=ids[:200]))


def _meeting_post(request, pk, form_class, call, success, form_name):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    form_kwargs = {}
    if form_class in (AttendanceForm, TopicForm):
        form_kwargs["candidates"] = _meeting_context(request, meeting)["candidates"] + _posted_deputies(request)
    form = form_class(request.POST, **form_kwargs)
    return form_page(request, form=form, template="liaison/meeting.html", call=lambda data: call(meeting, data),
                     success=success, redirect_to=reverse("liaison:meeting", args=[meeting.pk]),
                     context=_meeting_context(request, meeting, **{form_name: form}))


@login_required
@require_POST
def meeting_details(request, pk: int):
    return _meeting_post(
        request, pk, MeetingDetailsForm,
        lambda meeting, data: services.meeting_update(meeting=meeting, updated_by=request.user, **data),
        _("The meeting's details were saved."), "details_form")


@login_required
@require_POST
def meeting_attendance(request, pk: int):
    return _meeting_post(
        request, pk, AttendanceForm,
        lambda meeting, data: services.meeting_set_attendance(meeting=meeting, deputies=data["deputies"],
                                                              recorded_by=request.user),
        _("The attendance was saved."), "attendance_form")


@login_required
@require_POST
def topic_add(request, pk: int):
    return _meeting_post(
        request, pk, TopicForm,
        lambda meeting, data: services.topic_add(meeting=meeting, recorded_by=request.user, **data),
        _("The topic was added."), "topic_form")


@login_required
@require_POST
def topic_remove(request, pk: int, topic_pk: int):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    topic = Topic.objects.filter(meeting=meeting, pk=topic_pk).first()
    if topic is None:
        raise Http404
    return perform(request, call=lambda: services.topic_remove(topic=topic, removed_by=request.user),
                   success=_("The topic was removed."), redirect_to=reverse("liaison:meeting", args=[meeting.pk]))


@login_required
@require_POST
def meeting_confirm(request, pk: int):
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    return perform(request, call=lambda: services.meeting_confirm(meeting=meeting, confirmed_by=request.user),
                   success=_("The meeting was confirmed and locked; the deputies' points were recorded."),
                   redirect_to=reverse("liaison:meeting", args=[meeting.pk]),
                   refused=lambda status: render(request, "liaison/meeting.html",
                                                 _meeting_context(request, meeting), status=status))


@login_required
def reception_new(request, pk: int):
    station = _station(request, pk)
    deputies = selectors.stationed_deputies(station=station)
    form = ReceptionForm(request.POST or None, deputies=deputies, initial={"received_on": _today()})
    return form_page(request, form=form, template="liaison/reception_new.html",
                     call=lambda data: services.reception_record(station=station, recorded_by=request.user, **data),
                     success=_("The reception was recorded."),
                     redirect_to=reverse("liaison:station-work", args=[station.pk]), context={"station": station})


@login_required
def issue_new(request, pk: int):
    station = _station(request, pk)
    sources = {
        "topic": Topic.objects.current().filter(meeting__station=station).select_related("meeting")
        .order_by("-meeting__held_on", "order")[:50],
        "reception": Reception.objects.for_station(station).select_related("deputy").order_by("-received_on")[:50],
        "contact_point": ContactPoint.objects.for_station(station).filter(is_active=True),
        "liaison": Liaison.objects.for_station(station).filter(is_active=True),
    }
    # A bounded slice cannot be filtered by the form's validation: choose from the same rows by pk.
    sources = {name: qs.model.objects.filter(pk__in=[obj.pk for obj in qs]) for name, qs in sources.items()}
    form = IssueForm(request.POST or None, sources=sources, deputies=selectors.stationed_deputies(station=station),
                     initial={"raised_on": _today()})
    return form_page(request, form=form, template="liaison/issue_new.html",
                     call=lambda data: services.issue_raise(station=station, raised_by=request.user, **data),
                     success=_("The issue was recorded."),
                     redirect_to=lambda issue: reverse("liaison:issue", args=[issue.pk]), context={"station": station})


def _issue_context(request, issue, **forms) -> dict:
    can_record = _may_record(request.user, issue.station)
    context = {"issue": issue, "events": issue.events.select_related("deputy", "created_by").order_by("pk"),
               "can_record": can_record, "unfinished": issue.status in (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)}
    if can_record:
        deputies = selectors.stationed_deputies(station=issue.station)
        context.update({"start_form": NoteForm(), "resolve_form": ResolveForm(initial={"on": _today()}),
                        "close_form": CloseForm(), "escalate_form": EscalateForm(),
                        "follower_form": FollowerForm(deputies=deputies)})
    context.update(forms)
    return context


@login_required
def issue(request, pk: int):
    issue = selectors.issue_get_for_user(user=request.user, pk=pk)
    return render(request, "liaison/issue.html", _issue_context(request, issue))


def _issue_post(request, pk, form_class, call, success, form_name, **form_kwargs):
    issue = selectors.issue_get_for_user(user=request.user, pk=pk)
    if form_class is FollowerForm:
        form_kwargs["deputies"] = selectors.stationed_deputies(station=issue.station)
    form = form_class(request.POST, **form_kwargs)
    return form_page(request, form=form, template="liaison/issue.html", call=lambda data: call(issue, data),
                     success=success, redirect_to=reverse("liaison:issue", args=[issue.pk]),
                     context=_issue_context(request, issue, **{form_name: form}))


@login_required
@require_POST
def issue_start(request, pk: int):
    return _issue_post(request, pk, NoteForm,
                       lambda issue, data: services.issue_start(issue=issue, started_by=request.user, **data),
                       _("Work on the issue has started."), "start_form")


@login_required
@require_POST
def issue_escalate(request, pk: int):
    return _issue_post(request, pk, EscalateForm,
                       lambda issue, data: services.issue_escalate(issue=issue, escalated_by=request.user, **data),
                       _("The issue was handed up."), "escalate_form")


@login_required
@require_POST
def issue_follower(request, pk: int):
    return _issue_post(request, pk, FollowerForm,
                       lambda issue, data: services.issue_set_follower(issue=issue, set_by=request.user, **data),
                       _("The following deputy was recorded."), "follower_form")


@login_required
@require_POST
def issue_resolve(request, pk: int):
    return _issue_post(request, pk, ResolveForm,
                       lambda issue, data: services.issue_resolve(issue=issue, resolved_by=request.user, **data),
                       _("The issue was resolved; the following deputy's points were recorded."), "resolve_form")


@login_required
@require_POST
def issue_close(request, pk: int):
    return _issue_post(request, pk, CloseForm,
                       lambda issue, data: services.issue_close(issue=issue, closed_by=request.user, **data),
                       _("The issue was closed unresolved."), "close_form")


@login_required
@require_POST
def issue_withdraw_resolution(request, pk: int):
    return _issue_post(request, pk, ReasonForm,
                       lambda issue, data: services.issue_withdraw_resolution(issue=issue, withdrawn_by=request.user,
                                                                              **data),
                       _("The resolution was withdrawn and its points reversed."), "withdraw_form")


# --- deputies ----------------------------------------------------------------------------------------------

@login_required
def my_liaison(request):
    """A deputy's meetings attended and issues followed (phone-friendly)."""
    deputy = deputy_of_user(user=request.user)
    if deputy is None:
        raise Http404
    return render(request, "liaison/my.html", {
        "deputy": deputy,
        "meetings": Paginator(selectors.deputy_meetings(deputy=deputy), 20).get_page(request.GET.get("page")),
        "issues": selectors.deputy_issues(deputy=deputy).filter(
            Q(status__in=[IssueStatus.OPEN, IssueStatus.IN_PROGRESS]) | Q(resolved_on__gte=_today().replace(day=1,
                                                                                                            month=1))),
        "stations": Station.objects.filter(stationings__deputy=deputy).distinct().order_by("name"),
    })


# --- registry hooks (LiaisonConfig.ready) ----------------------------------------------------------------------

def home_figures(year: int) -> list[Figure]:
    """Meetings held and issues resolved in `year`, computed from the records."""
    years = [r for r in selectors.station_years() if year - 4 <= r["year"] <= year]
    row = next((r for r in years if r["year"] == year), None)
    if row is None:
        return []
    url = reverse("liaison:figures")
    return [
        Figure(_("Deputy deliberation meetings in %(year)s") % {"year": year}, f"{row['deputy_meetings']:,}", "", url,
               how=_("Confirmed deputy deliberation meetings of all liaison stations, by the day they were held."),
               chart=tuple({"label": str(r["year"]), "value": r["deputy_meetings"]} for r in years),
               chart_caption=_("Meetings per year")),
        Figure(_("Livelihood issues resolved in %(year)s") % {"year": year}, f"{row['resolved']:,}",
               _("%(share)s resolved in the community") % {
                   "share": f"{row['resolved_community'] / row['resolved'] * 100:.0f} %"} if row["resolved"] else "",
               url,
               how=_("Issues raised at the stations and resolved in the year, at whichever level they were solved."),
               chart=({"label": _("Community"), "value": row["resolved_community"]},
                      {"label": _("Street"), "value": row["resolved_street"]},
                      {"label": _("District"), "value": row["resolved_district"]}),
               chart_caption=_("Resolved, by the level that solved them")),
    ]


def profile_section_context(deputy: Deputy) -> dict:
    return {"stations": list(Station.objects.filter(stationings__deputy=deputy).distinct().order_by("name")),
            "meetings": selectors.deputy_meetings(deputy=deputy).count(),
            "resolved": selectors.deputy_issues(deputy=deputy).filter(status=IssueStatus.RESOLVED).count()}


def work_items(user, deputy) -> list[WorkItem]:
    """Meetings coming up at the deputy's stations, and the unfinished issues they follow."""
    if deputy is None:
        return []
    coming = selectors.meetings_coming_up_for_deputy(deputy=deputy, today=_today())
    following = selectors.deputy_issues(deputy=deputy).filter(
        status__in=[IssueStatus.OPEN, IssueStatus.IN_PROGRESS]).count()
    items, url = [], reverse("liaison:my")
    if coming:
        first = coming[0]
        detail = _("next: %(date)s, %(station)s") % {"date": first.held_on, "station": first.station.name}
        items.append(WorkItem(20, _("Meetings coming up at your station"), len(coming), url, detail))
    if following:
        items.append(WorkItem(21, _("Livelihood issues you follow, not yet resolved"), following, url))
    return items
