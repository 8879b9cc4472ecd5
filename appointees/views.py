"""Pages of post-appointment supervision. Public pages show what staff published or closed; the
member's rating page keeps an unsent draft in the member's own session store (never in the
database), so a member can change their choices until they submit; staff pages call services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from appointees import draw as draw_rules
from appointees import rules, selectors
from appointees.forms import (
    BallotForm,
    DrawCommitForm,
    RatingSessionForm,
    ReasonForm,
    ReportSubmitForm,
    RevealForm,
    YearForm,
)
from appointees.models import Appointee, Draw, DutyReport, RatingSession, RatingStatus
from appointees.services import (
    draw_commit,
    draw_redo,
    draw_reveal,
    duty_report_publish,
    duty_report_submit,
    duty_reports_remind_overdue,
    member_of,
    rating_ballot_submit,
    rating_session_close,
    rating_session_create,
    rating_session_open,
)
from congress.audit import record_if_refused
from congress.downloads import table_response, wants_download
from congress.errors import DomainError
from congress.files import private_file_response
from congress.guards import is_staff
from congress.periods import local_date
from congress.registry import Figure, WorkItem
from congress.roles import Role
from congress.scoping import get_for_user_or_404
from congress.site import form_page, perform, refuse_on_form

RESULT_COLUMNS = [
    ("rank", gettext_lazy("Rank")),
    ("name", gettext_lazy("Name")),
    ("position", gettext_lazy("Position")),
    ("organization", gettext_lazy("Organization")),
    ("satisfied", gettext_lazy("Satisfied")),
    ("basically_satisfied", gettext_lazy("Basically satisfied")),
    ("unsatisfied", gettext_lazy("Unsatisfied")),
    ("total", gettext_lazy("Ratings")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate")),
]
REPORT_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("position", gettext_lazy("Position")),
    ("organization", gettext_lazy("Organization")),
    ("submitted_on", gettext_lazy("Submitted on")),
    ("published", gettext_lazy("Report published")),
]


def _today():
    return local_date(timezone.now())


def _require_staff(request):
    if not is_staff(request.user):
        raise PermissionDenied(_("Only committee office staff may do this."))


def _year(request, default: int) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"]
    return default


# --- public overview --------------------------------------------------------------------------------

def index(request):
    """The year's draws, rating results and duty reports, with links to earlier years."""
    draws = list(Draw.objects.current().select_related("meeting__term")[:10])
    sessions = list(RatingSession.objects.for_user(request.user).select_related("meeting__term")[:10])
    return render(request, "appointees/index.html", {
        "draws": draws, "sessions": sessions, "report_years": selectors.report_years()[:6],
    })


# --- draws ---------------------------------------------------------------------------------------------

def draw_list(request):
    years = selectors.draw_years()
    year = _year(request, years[0] if years else _today().year - 1)
    return render(request, "appointees/draw_list.html", {
        "years": years, "year": year, "draws": selectors.draws_for_year(year=year)})


def draw_detail(request, pk: int):
    """Everything needed to check a draw: list, commitment, secret, public input, algorithm,
    result and a program that reproduces it."""
    draw = get_object_or_404(Draw.objects.select_related("meeting__term", "replaces", "replaced_by"), pk=pk)
    snippet = ""
    if draw.is_revealed:
        snippet = draw_rules.verification_snippet(
            candidates=draw.candidate_codes, commitment=draw.commitment, secret_hex=draw.revealed_secret,
            public_input=draw.public_input, k=draw.k)
    drawn = set(draw.result)
    return render(request, "appointees/draw_detail.html", {
        "draw": draw, "snippet": snippet, "drawn": draw.drawn_candidates() if draw.is_revealed else [],
        "candidates": [{**c, "is_drawn": c["code"] in drawn} for c in draw.candidates],
        "can_reveal": draw.is_current and not draw.is_revealed and request.user.is_authenticated
        and (is_staff(request.user) or request.user.has_role(Role.COMMITTEE_MEMBER)),
        "can_redraw": draw.is_current and is_staff(request.user),
    })


@login_required
def draw_new(request):
    _require_staff(request)
    form = DrawCommitForm(request.POST or None, initial={"year": _today().year - 1})
    return form_page(request, form=form, template="appointees/form.html",
                     call=lambda data: draw_commit(created_by=request.user, **data),
                     success=_("The candidate list and the commitment are published."),
                     redirect_to=lambda d: reverse("appointees:draw-detail", args=[d.pk]),
                     context={"title": _("Prepare the draw of oral reporters")})


@login_required
def draw_reveal_page(request, pk: int):
    draw = get_object_or_404(Draw, pk=pk)
    if not (is_staff(request.user) or request.user.has_role(Role.COMMITTEE_MEMBER)):
        raise PermissionDenied(_("Your role does not allow this."))
    form = RevealForm(request.POST or None)
    return form_page(request, form=form, template="appointees/form.html",
                     call=lambda data: draw_reveal(draw=draw, entered_by=request.user, **data),
                     success=_("The draw was made."),
                     redirect_to=reverse("appointees:draw-detail", args=[draw.pk]),
                     context={"title": _("Enter the public input and draw"), "draw": draw})


@login_required
def draw_redo_page(request, pk: int):
    _require_staff(request)
    draw = get_object_or_404(Draw, pk=pk)
    form = ReasonForm(request.POST or None)
    return form_page(request, form=form, template="appointees/form.html",
                     call=lambda data: draw_redo(draw=draw, created_by=request.user, **data),
                     success=_("A new draw was prepared; the earlier one stays published."),
                     redirect_to=lambda d: reverse("appointees:draw-detail", args=[d.pk]),
                     context={"title": _("Redraw"), "draw": draw})


# --- duty reports -----------------------------------------------------------------------------------

def report_list(request):
    """Who had to report on a year and who did; published reports are linked."""
    years = selectors.report_years()
    year = _year(request, years[0] if years else _today().year - 1)
    due = list(selectors.reports_due(year=year))
    rows = [{"name": a.name, "position": a.position, "organization": a.organization.display_name,
             "submitted_on": local_date(a.report_submitted_at) if a.report_submitted_at else None,
             "published": bool(a.report_published_at), "report_id": a.report_id if a.report_published_at else None}
            for a in due]
    fmt = wants_download(request)
    if fmt:
        return table_response(rows=rows, columns=REPORT_COLUMNS, filename=f"duty-reports-{year}", fmt=fmt)
    return render(request, "appointees/report_list.html", {
        "year": year, "rows": rows, "deadline": rules.report_deadline(year),
        "submitted": sum(1 for r in rows if r["submitted_on"]),
        "years": sorted(set(years) | {year}, reverse=True)})


def report_detail(request, pk: int):
    report = get_for_user_or_404(DutyReport.objects.select_related("appointee__organization"), request.user, pk=pk)
    return render(request, "appointees/report_detail.html", {"report": report})


def report_document(request, pk: int):
    report = get_for_user_or_404(DutyReport.objects.all(), request.user, pk=pk)
    return private_file_response(report.document)


@login_required
@require_POST
def report_publish(request, pk: int):
    report = get_for_user_or_404(DutyReport.objects.all(), request.user, pk=pk)
    return perform(request, call=lambda: duty_report_publish(report=report, published_by=request.user),
                   success=_("The report is published."),
                   redirect_to=reverse("appointees:report-detail", args=[report.pk]))


def _submittable(user):
    appointees = Appointee.objects.filter(category__in=rules.REPORTING_CATEGORIES).select_related("organization")
    if is_staff(user):
        return appointees
    if user.has_role(Role.UNIT_HANDLER) and user.organization_id:
        return appointees.filter(organization_id=user.organization_id)
    raise PermissionDenied(_("Only the official's organization (or office staff) may submit a report."))


@login_required
def report_submit(request):
    """The organization's page: submit an official's duty report; its own reports and their state."""
    appointees = _submittable(request.user)
    form = ReportSubmitForm(request.POST or None, request.FILES or None, appointees=appointees,
                            initial={"year": _today().year - 1})
    mine = DutyReport.objects.for_user(request.user).filter(appointee__in=appointees).select_related(
        "appointee__organization")[:50]
    return form_page(request, form=form, template="appointees/report_submit.html",
                     call=lambda data: duty_report_submit(submitted_by=request.user, **data),
                     success=_("The report was submitted."), redirect_to=reverse("appointees:report-submit"),
                     context={"reports": mine})


@login_required
def report_overdue(request):
    """Staff: reports missing after the deadline, and a button that reminds each organization."""
    _require_staff(request)
    year = _year(request, _today().year - 1)
    if request.method == "POST":
        return perform(request, call=lambda: duty_reports_remind_overdue(year=year),
                       success=_("Reminders were sent."),
                       redirect_to=f"{reverse('appointees:report-overdue')}?year={year}")
    return render(request, "appointees/report_overdue.html", {
        "year": year, "deadline": rules.report_deadline(year),
        "overdue": selectors.overdue_reports(year=year, today=_today()),
        "due": selectors.reports_due(year=year)})


# --- rating sessions -----------------------------------------------------------------------------------

def rating_list(request):
    sessions = RatingSession.objects.for_user(request.user).select_related("meeting__term")
    return render(request, "appointees/rating_list.html", {"sessions": sessions})


@login_required
def rating_new(request):
    _require_staff(request)
    form = RatingSessionForm(request.POST or None, initial={"year": _today().year - 1})
    return form_page(request, form=form, template="appointees/form.html",
                     call=lambda data: rating_session_create(created_by=request.user, **data),
                     success=_("The rating session is prepared; open it at the meeting."),
                     redirect_to=lambda s: reverse("appointees:rating-detail", args=[s.pk]),
                     context={"title": _("Prepare a rating session")})


def _results_context(session: RatingSession) -> dict:
    rows = selectors.rating_results(session=session) if session.is_closed else []
    overall = selectors.overall_rate(rows)
    participation = selectors.rating_participation(session=session)
    return {"session": session, "rows": rows, "overall": None if overall is None else float(overall),
            "participation": participation,
            "withheld": session.is_closed and selectors.rating_results_withheld(ballots=participation["submitted"]),
            "minimum_ballots": settings.APPOINTEE_MIN_BALLOTS_FOR_RESULTS}


def rating_detail(request, pk: int):
    """Results of a closed session (public), or the state of one being prepared or open (staff)."""
    session = get_for_user_or_404(RatingSession.objects.select_related("meeting__term"), request.user, pk=pk)
    context = _results_context(session)
    fmt = wants_download(request)
    if fmt and session.is_closed:
        return table_response(rows=context["rows"], columns=RESULT_COLUMNS, filename=f"rating-{session.pk}",
                              fmt=fmt, title=str(session.year), percent_keys=["satisfaction_rate"])
    context["officials"] = selectors.rating_officials(session=session) if not session.is_closed else []
    context["is_staff"] = is_staff(request.user)
    return render(request, "appointees/rating_detail.html", context)


@login_required
@require_POST
def rating_open(request, pk: int):
    session = get_for_user_or_404(RatingSession.objects.all(), request.user, pk=pk)
    return perform(request, call=lambda: rating_session_open(session=session, opened_by=request.user),
                   success=_("The session is open: members can rate now."),
                   redirect_to=reverse("appointees:rating-detail", args=[pk]))


@login_required
@require_POST
def rating_close(request, pk: int):
    session = get_for_user_or_404(RatingSession.objects.all(), request.user, pk=pk)
    return perform(request, call=lambda: rating_session_close(session=session, closed_by=request.user),
                   success=_("The session is closed; the results are announced."),
                   redirect_to=reverse("appointees:rating-detail", args=[pk]))


def _shown_in_room(request, pk: int) -> RatingSession:
    # The projector shows open and closed sessions to the room; one being prepared only to staff.
    queryset = RatingSession.objects.select_related("meeting__term")
    if not is_staff(request.user):
        queryset = queryset.exclude(status=RatingStatus.DRAFT)
    return get_object_or_404(queryset, pk=pk)


def rating_projector(request, pk: int):
    """Large type for the meeting room; a static script polls rating_status and reloads the page
    when the session changes state (a <noscript> meta refresh does the same without scripts)."""
    session = _shown_in_room(request, pk)
    return render(request, "appointees/projector.html", _results_context(session))


def rating_status(request, pk: int):
    session = _shown_in_room(request, pk)
    return JsonResponse({"status": session.status, **selectors.rating_participation(session=session)})


def rating_report(request, pk: int):
    """The printable report of the results for the district party committee (copies to the
    government and the organization department)."""
    session = get_for_user_or_404(RatingSession.objects.select_related("meeting__term"), request.user, pk=pk)
    if not session.is_closed:
        raise Http404
    return render(request, "appointees/rating_report.html", _results_context(session))


# --- the member's rating page ----------------------------------------------------------------------------

def _draft_key(session: RatingSession) -> str:
    return f"appointees-draft-{session.pk}"


@login_required
def rate_list(request):
    try:
        deputy = member_of(request.user)
    except DomainError as error:
        raise PermissionDenied(error.message) from error
    return render(request, "appointees/rate_list.html",
                  {"sessions": selectors.rating_sessions_for_member(deputy=deputy)})


@login_required
def rate(request, pk: int):
    """One page, phone-friendly: a radio group per official. "Save" keeps the choices in the
    member's session store (changeable); "Submit" sends them once and forgets the draft."""
    try:
        deputy = member_of(request.user)
    except DomainError as error:
        raise PermissionDenied(error.message) from error
    session = get_object_or_404(RatingSession.objects.filter(members__deputy=deputy).exclude(
        status=RatingStatus.DRAFT).select_related("meeting__term"), pk=pk)
    submitted = session.ballots.filter(deputy=deputy).exists()
    officials = selectors.rating_officials(session=session)
    draft = request.session.get(_draft_key(session), {})
    status = 200
    final = request.method == "POST" and "submit" in request.POST
    form = BallotForm(request.POST if request.method == "POST" else None, officials=officials,
                      initial_choices=draft, require_all=final)
    if request.method == "POST" and not submitted and session.is_open:
        if form.is_valid():
            choices = form.choices()
            if not final:
                request.session[_draft_key(session)] = {str(k): v for k, v in choices.items()}
                messages.success(request, _("Your choices are saved on this device's session; "
                                            "you can change them until you submit."))
                return redirect("appointees:rate", pk=session.pk)
            try:
                rating_ballot_submit(session=session, user=request.user, choices=choices)
            except DomainError as error:
                record_if_refused(error, request=request)
                refuse_on_form(form, error)
                status = error.status_code
            else:
                request.session.pop(_draft_key(session), None)
                messages.success(request, _("Your ratings were submitted. Thank you."))
                return redirect("appointees:rate", pk=session.pk)
        else:
            status = 400
    elif request.method == "POST":
        status = 409
        messages.error(request, _("You have already submitted your ratings for this session.") if submitted
                       else _("This session is not open for rating."))
    if submitted:
        request.session.pop(_draft_key(session), None)
    return render(request, "appointees/rate.html", {
        "session": session, "form": form, "submitted": submitted, "officials": officials,
        "rows": [(o, form[f"o{o.appointee_id}"]) for o in officials]}, status=status)


# --- registry hooks -------------------------------------------------------------------------------------

def appointee_home_figures(year: int) -> list[Figure]:
    """The year's announced rating: officials rated and the overall satisfaction rate."""
    session = RatingSession.objects.closed().filter(year=year).order_by("-closed_at").first()
    if session is None:
        return []
    rows = selectors.rating_results(session=session)
    rate = selectors.overall_rate(rows)
    if rate is None:
        return []
    return [Figure(_("Satisfaction with %(count)s officials' duty reports") % {"count": len(rows)},
                   f"{float(rate) * 100:.1f}%", session.title,
                   reverse("appointees:rating-detail", args=[session.pk]),
                   how=_("Satisfied and basically satisfied ratings over all secret ratings by the standing "
                         "committee members, in the year's announced session."),
                   chart=tuple({"label": row["name"], "value": row["satisfaction_percent"]} for row in rows[:10]),
                   chart_caption=_("Satisfaction rate per official (%)"))]


def profile_section_context(deputy) -> dict:
    """A member's part in the announced ratings of officials: counts only, never their choices."""
    return selectors.rating_participation_public(deputy=deputy)


def work_items(user, deputy) -> list[WorkItem]:
    """Open rating sessions where the member is seated and has not handed in yet."""
    if deputy is None or not deputy.is_committee_member:
        return []
    waiting = selectors.rating_sessions_for_member(deputy=deputy).filter(submitted=False).count()
    url = reverse("appointees:rate-list")
    return [WorkItem(40, _("Ratings of officials open to you"), waiting, url)] if waiting else []
