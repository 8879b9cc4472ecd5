"""Pages of the livelihood projects. Public pages show ballot results (once closed), project
progress (approved reports) and micro-projects; a deputy votes from a phone (choose → review on
one screen → cast, final); a lead unit reports progress. The draft ballot lives in the deputy's
session until it is cast, never in the project's tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from congress.audit import record_if_refused
from congress.downloads import table_response, wants_download
from congress.errors import DomainError, StateConflict
from congress.models import Street
from congress.periods import local_date
from congress.registry import Figure, WorkItem
from congress.roles import Role
from congress.scoping import get_for_user_or_404
from congress.selectors import deputy_of_user
from congress.site import form_page, refuse_on_form
from projects import selectors
from projects.forms import CHOICE_LABELS, BallotForm, MicroFilterForm, RatingForm, ReportForm
from projects.models import Ballot, BallotStatus, KeyProject, SatisfactionSurvey, SurveyStatus
from projects.services import ballot_cast, has_voted, progress_report_submit, survey_rate, validate_choices

PROGRESS_COLUMNS = [
    ("year", gettext_lazy("Year")), ("title", gettext_lazy("Project")), ("lead_unit", gettext_lazy("Lead unit")),
    ("budget", gettext_lazy("Budget (10,000 yuan)")), ("status", gettext_lazy("Status")),
    ("percent", gettext_lazy("Percent complete")), ("as_of", gettext_lazy("As of")),
    ("inspections", gettext_lazy("Inspections")),
]
YEAR_COLUMNS = [
    ("year", gettext_lazy("Year")), ("elected", gettext_lazy("Elected projects")),
    ("completed", gettext_lazy("Completed")), ("carried_over", gettext_lazy("Carried over")),
    ("ongoing", gettext_lazy("Under way")), ("completion_rate", gettext_lazy("Completion rate")),
]
RESULT_COLUMNS = [
    ("rank", gettext_lazy("Rank")), ("title", gettext_lazy("Project")), ("lead_unit", gettext_lazy("Lead unit")),
    ("approvals", gettext_lazy("Approvals")), ("oppositions", gettext_lazy("Oppositions")),
    ("abstentions", gettext_lazy("Abstentions")), ("result", pgettext_lazy("ballot", "Result")),
]
MICRO_COLUMNS = [
    ("year", gettext_lazy("Year")), ("street", gettext_lazy("Street")), ("community", gettext_lazy("Community")),
    ("title", gettext_lazy("Micro-project")), ("proposer", gettext_lazy("Proposed by")),
    ("status", gettext_lazy("Status")), ("meeting_date", gettext_lazy("Voted on")),
    ("present", pgettext_lazy("count", "Present")), ("votes_for", gettext_lazy("Votes for")),
    ("completed_on", gettext_lazy("Completed on")),
]
MICRO_STAT_COLUMNS = [
    ("name", pgettext_lazy("place", "Name")), ("collected", gettext_lazy("Collected")),
    ("shortlisted", gettext_lazy("Shortlisted")), ("passed", gettext_lazy("Passed")),
    ("completed", gettext_lazy("Completed")), ("completion_rate", gettext_lazy("Completion rate")),
    ("deputy_shortlisted_rate", gettext_lazy("Deputy proposals shortlisted")),
]


def _draft_key(ballot: Ballot) -> str:
    return f"projects-ballot-draft-{ballot.pk}"


def _own_deputy(user):
    if not user.has_role(Role.DEPUTY):
        raise PermissionDenied(_("This page is for deputies."))
    deputy = deputy_of_user(user=user)
    if deputy is None:
        raise PermissionDenied(_("Your login is not linked to a deputy; ask the office."))
    return deputy


# --- public pages -----------------------------------------------------------------------------------------

def _year_param(request, default: int | None) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else default


def index(request):
    """Key projects: ballots, statistics per year with a chart, the year's progress with a chart,
    satisfaction results, and the micro-projects' district figures."""
    statistics = selectors.key_project_statistics()
    years = [row["year"] for row in statistics]
    year = _year_param(request, years[-1] if years else None)
    projects = list(selectors.projects_progress(year=year))
    fmt = wants_download(request)
    if fmt:
        if request.GET.get("table") == "years":
            return table_response(rows=statistics, columns=YEAR_COLUMNS, filename="key-projects-by-year", fmt=fmt)
        rows = [{"year": p.year, "title": p.title, "lead_unit": p.lead_unit.display_name, "budget": p.budget,
                 "status": p.get_status_display(), "percent": p.percent, "as_of": p.as_of,
                 "inspections": p.inspection_count} for p in projects]
        return table_response(rows=rows, columns=PROGRESS_COLUMNS, filename=f"key-projects-{year}", fmt=fmt)
    surveys = list(selectors.surveys_public())
    return render(request, "projects/index.html", {
        "statistics": statistics, "years": years, "year": year, "projects": projects,
        "ballots": selectors.ballots_public(), "totals": selectors.key_project_totals(first_year=2019, last_year=2020)
        if years else None,
        "surveys": [(survey, selectors.satisfaction_rows(survey=survey)) for survey in surveys],
        "micro": selectors.micro_statistics(level="district")[0],
    })


def ballot_detail(request, pk: int):
    """A ballot's candidates and turnout; once closed, the result of each candidate."""
    ballot = selectors.ballot_get_public(pk=pk)
    rows = selectors.ballot_result_rows(ballot=ballot)
    fmt = wants_download(request)
    if fmt and rows:
        return table_response(rows=rows, columns=RESULT_COLUMNS, filename=f"ballot-{ballot.pk}", fmt=fmt)
    return render(request, "projects/ballot.html", {
        "ballot": ballot, "turnout": selectors.ballot_turnout(ballot=ballot), "rows": rows,
        "candidacies": selectors.ballot_candidacies(ballot=ballot),
        "threshold": ballot.entitled_count // 2 + 1 if ballot.entitled_count else None,
        "runoff": Ballot.objects.public().filter(runoff_of=ballot).first(),
    })


def projector(request, pk: int):
    """The hall's projector: turnout while the ballot is open, the result the moment it closes.
    A small static script polls projector.json and updates the page (no reload button)."""
    ballot = selectors.ballot_get_public(pk=pk)
    return render(request, "projects/projector.html", {
        "ballot": ballot, "turnout": selectors.ballot_turnout(ballot=ballot),
        "rows": selectors.ballot_result_rows(ballot=ballot),
    })


def projector_data(request, pk: int):
    ballot = selectors.ballot_get_public(pk=pk)
    turnout = selectors.ballot_turnout(ballot=ballot)
    response = JsonResponse({
        "status": ballot.status, "voted": turnout.voted, "entitled": turnout.entitled,
        "turnout": None if turnout.rate is None else f"{turnout.rate * 100:.1f} %",
    })
    response["Cache-Control"] = "no-store"
    return response


def project_detail(request, pk: int):
    project = selectors.project_get_public(pk=pk)
    return render(request, "projects/project.html", {"project": project})


def micro_list(request):
    """Micro-projects by street and community with their statistics, a chart, filters and downloads."""
    years = selectors.micro_years()
    streets = list(Street.objects.order_by("order", "name"))
    form = MicroFilterForm(request.GET or None, years=years, streets=streets)
    filters = form.cleaned_data if form.is_valid() else {}
    span = {"first_year": filters.get("year"), "last_year": filters.get("year")}
    by_street = selectors.micro_statistics(level="street", **span)
    by_community = selectors.micro_statistics(level="community", **span)
    queryset = selectors.micro_projects_public(filters=filters)
    fmt = wants_download(request)
    if fmt:
        table = request.GET.get("table", "")
        if table in ("streets", "communities"):
            return table_response(rows=by_street if table == "streets" else by_community, columns=MICRO_STAT_COLUMNS,
                                  filename=f"micro-projects-by-{table}", fmt=fmt)
        rows = [{"year": m.year, "street": m.community.street.name, "community": m.community.name, "title": m.title,
                 "proposer": m.proposer_display, "status": m.get_status_display(),
                 "meeting_date": m.meeting.held_on if m.meeting else None, "present": m.present,
                 "votes_for": m.votes_for, "completed_on": m.completed_on} for m in queryset]
        return table_response(rows=rows, columns=MICRO_COLUMNS, filename="micro-projects", fmt=fmt)
    return render(request, "projects/micro_list.html", {
        "form": form, "page": Paginator(queryset, 50).get_page(request.GET.get("page")),
        "district": selectors.micro_statistics(level="district", **span)[0],
        "by_street": by_street, "by_community": by_community,
    })


# --- a deputy's ballot and rating --------------------------------------------------------------------------

@login_required
def my_ballots(request):
    deputy = _own_deputy(request.user)
    return render(request, "projects/my_ballots.html", {
        "deputy": deputy, "ballots": selectors.open_ballots_for_deputy(deputy=deputy),
        "surveys": selectors.open_survey_for_deputy(deputy=deputy),
    })


def _open_ballot_for(request, pk: int) -> tuple[Ballot, object]:
    deputy = _own_deputy(request.user)
    ballot = get_for_user_or_404(Ballot.objects.all(), request.user, pk=pk)
    return ballot, deputy


@login_required
def ballot_vote(request, pk: int):
    """Step 1: choose approve / oppose / abstain for each candidate (kept in the session)."""
    ballot, deputy = _open_ballot_for(request, pk)
    candidacies = list(selectors.ballot_candidacies(ballot=ballot))
    closed = ballot.status != BallotStatus.OPEN
    voted = has_voted(ballot=ballot, deputy=deputy)
    draft = request.session.get(_draft_key(ballot), {})
    form = BallotForm(request.POST or None, candidacies=candidacies,
                      initial={f"c{key}": value for key, value in draft.items()})
    status = 200
    if request.method == "POST" and not (closed or voted):
        if form.is_valid():
            try:
                choices = validate_choices(ballot=ballot, choices=form.choices())
            except DomainError as error:
                record_if_refused(error, request=request)
                refuse_on_form(form, error)
                status = error.status_code
            else:
                request.session[_draft_key(ballot)] = {str(key): value for key, value in choices.items()}
                return redirect("projects:review", pk=ballot.pk)
        else:
            status = 400
    elif request.method == "POST":
        status = 409
    return render(request, "projects/vote.html", {"ballot": ballot, "form": form, "closed": closed,
                                                  "voted": voted}, status=status)


@login_required
def ballot_review(request, pk: int):
    """Step 2: the whole ballot on one screen; "cast" makes it final, "change" goes back."""
    ballot, deputy = _open_ballot_for(request, pk)
    draft = request.session.get(_draft_key(ballot))
    if not draft:
        return redirect("projects:vote", pk=ballot.pk)
    choices = {int(key): value for key, value in draft.items()}
    labels = dict(CHOICE_LABELS)
    rows = [(c, choices.get(c.pk), labels.get(choices.get(c.pk), ""))
            for c in selectors.ballot_candidacies(ballot=ballot)]
    status = 200
    if request.method == "POST":
        try:
            ballot_cast(ballot=ballot, choices=choices, cast_by=request.user)
        except StateConflict as error:
            request.session.pop(_draft_key(ballot), None)
            messages.error(request, error.message)
            return redirect("projects:my-ballots")
        except DomainError as error:
            record_if_refused(error, request=request)
            messages.error(request, error.message)
            status = error.status_code
        else:
            request.session.pop(_draft_key(ballot), None)
            messages.success(request, _("Your ballot has been cast. Thank you."))
            return redirect("projects:my-ballots")
    approvals = sum(1 for value in choices.values() if value == "approve")
    return render(request, "projects/review.html", {"ballot": ballot, "rows": rows, "approvals": approvals},
                  status=status)


@login_required
def survey_rate_page(request, pk: int):
    """A deputy's year-end satisfaction rating of every elected project (secret, final)."""
    _own_deputy(request.user)
    survey = get_for_user_or_404(SatisfactionSurvey.objects.all(), request.user, pk=pk)
    projects = list(KeyProject.objects.filter(satisfaction_tallies__survey=survey).order_by("order", "pk"))
    form = RatingForm(request.POST or None, projects=projects)
    if survey.status != SurveyStatus.OPEN and request.method == "POST":
        messages.error(request, _("This rating is not open."))
        return redirect("projects:my-ballots")
    return form_page(request, form=form, template="projects/rate.html",
                     call=lambda data: survey_rate(survey=survey, ratings=form.ratings(), rated_by=request.user),
                     success=_("Your rating has been recorded. Thank you."), redirect_to=reverse("projects:my-ballots"),
                     context={"survey": survey})


# --- a lead unit's progress reports ------------------------------------------------------------------------

@login_required
def unit_projects(request):
    """The lead unit's elected projects (staff: all), with their latest report."""
    if not (request.user.is_office_staff or request.user.has_role(Role.UNIT_HANDLER)):
        raise PermissionDenied
    projects = selectors.projects_progress().filter(pk__in=KeyProject.objects.for_unit(request.user).values("pk"))
    return render(request, "projects/unit_projects.html", {"projects": projects})


@login_required
def report_submit(request, pk: int):
    project = get_object_or_404(KeyProject.objects.for_unit(request.user), pk=pk)
    form = ReportForm(request.POST or None, project=project, initial={"reported_on": local_date(timezone.now())})
    return form_page(request, form=form, template="projects/report.html",
                     call=lambda data: progress_report_submit(project=project, submitted_by=request.user, **data),
                     success=_("Your report was sent; the office will approve it."),
                     redirect_to=reverse("projects:unit-projects"), context={"project": project})


# --- registry hooks -------------------------------------------------------------------------------------------

def home_figures(year: int) -> list[Figure]:
    """The year's key projects (elected, completed) and micro-projects passed, from records."""
    figures = []
    rows = {row["year"]: row for row in selectors.key_project_statistics(years=[year])}
    if year in rows:
        row = rows[year]
        figures.append(Figure(_("Key livelihood projects elected by the deputies in %(year)s") % {"year": year},
                              str(row["elected"]),
                              _("%(completed)s completed, %(carried)s carried over") % {
                                  "completed": row["completed"], "carried": row["carried_over"]},
                              f"{reverse('projects:index')}?year={year}",
                              how=_("Projects the deputies elected by ballot for the year, counted by their status."),
                              chart=({"label": _("Completed"), "value": row["completed"]},
                                     {"label": _("In progress"), "value": row["ongoing"]},
                                     {"label": _("Carried over"), "value": row["carried_over"]}),
                              chart_caption=_("Elected projects by status")))
    micro = selectors.micro_statistics(level="district", first_year=year, last_year=year)[0]
    if micro["passed"]:
        figures.append(Figure(_("Micro-projects passed in %(year)s") % {"year": year}, f"{micro['passed']:,}",
                              _("completion rate %(rate)s") % {
                                  "rate": "—" if micro["completion_rate"] is None
                                  else f"{micro['completion_rate'] * 100:.1f} %"},
                              f"{reverse('projects:micro')}?year={year}",
                              how=_("Micro-projects collected in the communities and passed by the deputies' "
                                    "deliberation meeting in the year."),
                              chart=({"label": _("Collected"), "value": micro["collected"]},
                                     {"label": _("Shortlisted"), "value": micro["shortlisted"]},
                                     {"label": _("Passed"), "value": micro["passed"]},
                                     {"label": _("Completed"), "value": micro["completed"]}),
                              chart_caption=_("Micro-projects from collection to completion")))
    return figures


def profile_section_context(deputy) -> dict:
    """The key projects whose supervision group the deputy is in."""
    memberships = selectors.projects_supervised_public(deputy=deputy, limit=21)
    return {"memberships": memberships[:20], "more": len(memberships) > 20}


def work_items(user, deputy) -> list[WorkItem]:
    """Open ballots and satisfaction surveys of the deputy's term they have not answered yet."""
    if deputy is None:
        return []
    ballots = selectors.open_ballots_for_deputy(deputy=deputy).filter(has_voted=False).count()
    surveys = selectors.open_survey_for_deputy(deputy=deputy).filter(has_rated=False).count()
    url = reverse("projects:my-ballots")
    return [item for item in (
        WorkItem(30, _("Project ballots open to you"), ballots, url),
        WorkItem(31, _("Project satisfaction surveys open to you"), surveys, url)) if item.count]
