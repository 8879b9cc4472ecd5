"""Server-rendered pages of suggestions: public pages (published suggestions, the published unit
ranking), the deputies' and units' workflow pages, and the staff's statistics, workbook and report.
Views validate, call a selector or service, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.downloads import FORMATS, table_response, wants_download
from congress.errors import DomainError
from congress.pagecache import published_page
from congress.periods import local_date
from congress.registry import Figure
from suggestions import exports, forms, scoring, selectors, services
from suggestions.models import HandlingState, SuggestionState
from suggestions.scoring import Stage


def _year(request, default: int | None = None) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1990 <= int(raw) <= 2999:
        return int(raw)
    return default or local_date(timezone.now()).year


def _staff_only(request) -> None:
    if not request.user.is_office_staff:
        raise Http404


def _perform(request, step, success: str, redirect_to: str, refused_page):
    """Run a service; on refusal re-render the page with its message and a 4xx status (400, or
    409 for a state conflict); nothing was changed."""
    try:
        step()
    except DomainError as error:
        messages.error(request, error.message)
        return refused_page(error.status_code)
    messages.success(request, success)
    return redirect(redirect_to)


# --- home figure (registered in apps.ready) ----------------------------------------------------

def home_figures(year: int) -> list[Figure]:
    """Key figures from the latest published snapshot of the year (never typed in)."""
    ranking = selectors.published_ranking(year=year)
    if ranking is None:
        return []
    district = ranking["district"]
    url = reverse("suggestions:ranking") + f"?year={year}"
    rate = "—" if district.satisfaction_rate is None else f"{district.satisfaction_rate * 100:.1f} %"
    note = _("published %(quarter)s") % {"quarter": ranking["publication"].quarter}
    return [
        Figure(_("Suggestion handlings evaluated"), str(district.evaluated), note, url),
        Figure(_("Full-mark replies (A+)"), str(district.full_mark_replies), note, url),
        Figure(_("Full-mark implementations (A+)"), str(district.full_mark_implementations), note, url),
        Figure(_("Deputies' satisfaction rate"), rate, note, url),
    ]


def profile_section_context(deputy) -> dict:
    """The deputy profile's section: the published suggestions they led."""
    suggestions = selectors.suggestions_led_public(deputy_id=deputy.pk, limit=21)
    return {"suggestions": suggestions[:20], "more": len(suggestions) > 20}


# --- public -------------------------------------------------------------------------------------

PUBLIC_COLUMNS = [("number", _("Number")), ("year", _("Year")), ("title", _("Title")),
                  ("category", _("Category")), ("lead_deputy", _("Lead deputy")), ("units", _("Units")),
                  ("final_scores", _("Final scores"))]


@published_page(topics=("suggestions", "registry"),
                params=("q", "year", "category", "unit", "page", "after", "format"),
                skip=lambda request: bool(request.GET.get("q", "").strip()))
def suggestion_list(request):
    form = forms.PublicFilterForm(request.GET or None, years=selectors.suggestion_years_public(),
                                  units=selectors.organizations_with_handlings())
    filters = {"year": None, "category": "", "organization_id": None, "text": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"year": data["year"], "category": data["category"], "organization_id": data["unit"],
                   "text": data["q"]}
    suggestions = selectors.suggestion_list_public(**filters)
    fmt = wants_download(request)
    if fmt:
        rows = [{"number": s.number, "year": s.year, "title": s.title, "category": s.get_category_display(),
                 "lead_deputy": s.lead_deputy.name,
                 "units": "、".join(a.organization.name for a in s.assignments.all()),
                 "final_scores": "、".join(str(h.final_score) for h in s.handlings.all() if h.final_score is not None)}
                for s in suggestions]
        return table_response(rows=rows, columns=PUBLIC_COLUMNS, filename="suggestions", fmt=fmt)
    page = Paginator(suggestions, 30).get_page(request.GET.get("page"))
    return render(request, "suggestions/list.html", {"form": form, "page": page})


@published_page(topics=("suggestions", "registry"))
def suggestion_detail(request, pk: int):
    from suggestions.models import Suggestion

    try:
        suggestion = selectors.suggestion_get_public(pk=pk)
    except Suggestion.DoesNotExist:
        raise Http404 from None
    return render(request, "suggestions/detail.html", {"suggestion": suggestion,
                                                        "grade_table": scoring.grade_table()})


RANKING_COLUMNS = [("rank", _("Rank")), ("unit", _("Unit")), ("handlings", _("Handlings")),
                   ("evaluated", _("Evaluated")), ("mean_final", _("Mean final score")),
                   ("satisfaction_rate", _("Satisfaction rate")), ("full_mark_replies", _("Full-mark replies")),
                   ("full_mark_implementations", _("Full-mark implementations")),
                   ("overdue_replies", _("Overdue replies"))]


@published_page(topics=("publication",), params=("year", "revision", "format"))
def unit_ranking(request):
    from suggestions.api import ranking_rows

    years = selectors.published_years()
    year = _year(request, years[0] if years else None)
    revision = request.GET.get("revision", "")
    ranking = selectors.published_ranking(year=year, revision_pk=int(revision) if revision.isdigit() else None)
    fmt = wants_download(request)
    if fmt:
        if ranking is None:
            raise Http404
        return table_response(rows=ranking_rows(ranking["rows"]), columns=RANKING_COLUMNS,
                              filename=f"suggestion-unit-ranking-{year}", fmt=fmt)
    ranked = [r for r in ranking["rows"] if r.rank is not None] if ranking else []
    return render(request, "suggestions/ranking.html", {
        "year": year, "years": years, "ranking": ranking, "ranked": ranked, "grade_table": scoring.grade_table()})


# --- deputies -----------------------------------------------------------------------------------

@login_required
def my_suggestions(request):
    suggestions = selectors.suggestion_list_for_user(user=request.user)
    awaiting = selectors.handlings_awaiting_grade(user=request.user)
    return render(request, "suggestions/mine.html", {
        "page": Paginator(suggestions, 30).get_page(request.GET.get("page")), "awaiting": awaiting,
        "is_deputy": getattr(request.user, "deputy", None) is not None})


@login_required
def suggestion_new(request):
    deputy = getattr(request.user, "deputy", None)
    if deputy is None:
        raise Http404
    form = forms.SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = services.suggestion_create(lead_deputy=deputy, created_by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The draft was saved. Submit it when it is ready."))
            return redirect("suggestions:manage", suggestion.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "suggestions/form.html", {"form": form}, status=status)


@login_required
def suggestion_edit(request, pk: int):
    """Edit a draft (its lead deputy or staff); the service refuses anything but a draft."""
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    initial = {"title": suggestion.title, "content": suggestion.content, "category": suggestion.category,
               "session": suggestion.session_id}
    form = forms.SuggestionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.suggestion_update_draft(suggestion=suggestion, edited_by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = error.status_code
            else:
                messages.success(request, _("The draft was saved. Submit it when it is ready."))
                return redirect("suggestions:manage", suggestion.pk)
    return render(request, "suggestions/form.html", {"form": form, "suggestion": suggestion}, status=status)


@login_required
def suggestion_manage(request, pk: int):
    """A suggestion within the user's scope, with the steps the user may take now."""
    return _render_manage(request, pk)


def _render_manage(request, pk: int, status: int = 200):
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    deputy = getattr(request.user, "deputy", None)
    is_lead = deputy is not None and deputy.pk == suggestion.lead_deputy_id
    staff = request.user.is_office_staff
    context = {
        "suggestion": suggestion, "is_lead": is_lead, "staff": staff,
        "can_submit": suggestion.state == SuggestionState.DRAFT and (is_lead or staff),
        "register_form": forms.RegisterForm(), "reject_form": forms.RejectForm(), "assign_form": forms.AssignForm(),
        "publish_form": forms.PublishForm(initial={"publish_content": suggestion.publish_content,
                                                   "publish_replies": suggestion.publish_replies}),
    }
    return render(request, "suggestions/manage.html", context, status=status)


@login_required
@require_POST
def suggestion_step(request, pk: int, step: str):
    """The POST target of the manage page's forms."""
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    user, back = request.user, reverse("suggestions:manage", args=[pk])

    def refused(status):
        return _render_manage(request, pk, status=status)

    if step == "submit":
        return _perform(request, lambda: services.suggestion_submit(suggestion=suggestion, submitted_by=user),
                        _("The suggestion was submitted."), back, refused)
    if step == "register":
        form = forms.RegisterForm(request.POST)
        form.is_valid()
        return _perform(request, lambda: services.suggestion_register(
            suggestion=suggestion, registered_by=user, number=form.cleaned_data.get("number", "")),
            _("The suggestion was registered."), back, refused)
    if step == "reject":
        form = forms.RejectForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        return _perform(request, lambda: services.suggestion_reject(suggestion=suggestion, reason=reason,
                                                                    rejected_by=user),
                        _("The suggestion was not registered."), back, refused)
    if step == "assign":
        form = forms.AssignForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the units and the deadline."))
            return refused(400)
        return _perform(request, lambda: services.suggestion_assign(
            suggestion=suggestion, units=form.units(), assigned_by=user, deadline=form.cleaned_data["deadline"]),
            _("The suggestion was assigned."), back, refused)
    if step == "publish":
        form = forms.PublishForm(request.POST)
        form.is_valid()
        return _perform(request, lambda: services.suggestion_publish(suggestion=suggestion, published_by=user,
                                                                     **form.cleaned_data),
                        _("The suggestion is published."), back, refused)
    if step == "unpublish":
        return _perform(request, lambda: services.suggestion_unpublish(suggestion=suggestion, unpublished_by=user),
                        _("The suggestion was withdrawn from the public site."), back, refused)
    raise Http404


@login_required
def cosign_list(request):
    suggestions = selectors.suggestions_open_for_cosigning(user=request.user)
    return render(request, "suggestions/cosign.html", {
        "page": Paginator(suggestions, 30).get_page(request.GET.get("page")),
        "is_deputy": getattr(request.user, "deputy", None) is not None})


@login_required
@require_POST
def cosign(request, pk: int):
    deputy = getattr(request.user, "deputy", None)
    suggestion = selectors.suggestions_open_for_cosigning(user=request.user).filter(pk=pk).first()
    if deputy is None or suggestion is None:
        raise Http404
    back = reverse("suggestions:cosign-list")
    return _perform(request, lambda: services.suggestion_cosign(suggestion=suggestion, deputy=deputy,
                                                                signed_by=request.user),
                    _("You co-signed the suggestion."), back, lambda status: redirect(back))


# --- handlings ----------------------------------------------------------------------------------

@login_required
def handling_list(request):
    state = request.GET.get("state", "")
    state = state if state in HandlingState.values else ""
    handlings = selectors.handling_list_for_user(user=request.user, state=state)
    today = local_date(timezone.now())
    return render(request, "suggestions/handling_list.html", {
        "page": Paginator(handlings, 50).get_page(request.GET.get("page")), "state": state,
        "states": HandlingState.choices, "today": today})


@login_required
def handling_detail(request, pk: int):
    handling = selectors.handling_get_for_user(pk=pk, user=request.user)
    return _render_handling(request, handling)


def _render_handling(request, handling, status=200, text_form=None, grade_form=None):
    user = request.user
    deputy = getattr(user, "deputy", None)
    may_grade = user.is_office_staff or (deputy is not None and deputy.pk == handling.suggestion.lead_deputy_id)
    may_handle = user.is_office_staff or user.organization_id == handling.organization_id
    stage = (Stage.REPLY if handling.state == HandlingState.REPLY_SUBMITTED
             else Stage.IMPLEMENTATION if handling.state == HandlingState.IMPLEMENTATION_REPORTED else None)
    return render(request, "suggestions/handling_detail.html", {
        "handling": handling, "today": local_date(timezone.now()),
        "may_reply": may_handle and handling.state == HandlingState.AWAITING_REPLY,
        "may_report": may_handle and handling.state == HandlingState.REPLY_GRADED,
        "grade_stage": stage if may_grade else None,
        "on_behalf": user.is_office_staff,
        "may_follow_up": user.is_office_staff and handling.state == HandlingState.UNDER_FOLLOW_UP,
        "text_form": text_form or forms.TextForm(),
        "grade_form": grade_form or forms.GradeForm(initial={"stage": stage}),
        "follow_up_form": forms.FollowUpForm(),
        "grade_table": scoring.grade_table(),
    }, status=status)


@login_required
@require_POST
def handling_step(request, pk: int, step: str):
    handling = selectors.handling_get_for_user(pk=pk, user=request.user)
    user, back = request.user, reverse("suggestions:handling-detail", args=[pk])
    if step in ("reply", "report"):
        form = forms.TextForm(request.POST)
        if not form.is_valid():
            return _render_handling(request, handling, status=400, text_form=form)
        if step == "reply":
            run = lambda: services.handling_reply(handling=handling, submitted_by=user, **form.cleaned_data)  # noqa: E731
            done = _("The reply was submitted.")
        else:
            run = lambda: services.handling_report_implementation(  # noqa: E731
                handling=handling, submitted_by=user, **form.cleaned_data)
            done = _("The implementation report was submitted.")
        return _perform(request, run, done, back,
                        lambda status: _render_handling(request, handling, status=status, text_form=form))
    if step == "grade":
        form = forms.GradeForm(request.POST)
        if not form.is_valid():
            return _render_handling(request, handling, status=400, grade_form=form)
        return _perform(request, lambda: services.handling_grade(handling=handling, entered_by=user,
                                                                 **form.cleaned_data),
                        _("The grade was recorded."), back,
                        lambda status: _render_handling(request, handling, status=status, grade_form=form))
    if step == "follow-up":
        form = forms.FollowUpForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the deadline."))
            return _render_handling(request, handling, status=400)
        return _perform(request, lambda: services.handling_open_follow_up(handling=handling, opened_by=user,
                                                                          **form.cleaned_data),
                        _("A follow-up round was opened."), back,
                        lambda status: _render_handling(request, handling, status=status))
    raise Http404


# --- staff: statistics, workbook, report ---------------------------------------------------------

@login_required
def statistics(request):
    _staff_only(request)
    years = selectors.statistics_years()
    year = _year(request, years[0] if years else None)
    stats = selectors.year_statistics(year=year)
    fmt = wants_download(request)
    if fmt:
        return table_response(rows=exports.statistics_rows(stats), columns=exports.statistics_columns(),
                              filename=f"suggestion-statistics-{year}", fmt=fmt)
    return render(request, "suggestions/statistics.html", {
        "year": year, "years": years, "stats": stats, "follow_ups": selectors.follow_up_list(year=year),
        "grades": [g.value for g in scoring.Grade], "grade_table": scoring.grade_table(),
        "weights": scoring.current_weights()})


@login_required
def performance_workbook(request, year: int):
    _staff_only(request)
    stats = selectors.year_statistics(year=year)
    workbook = exports.performance_workbook(
        stats, handlings=selectors.handling_list_for_user(user=request.user, year=year))
    response = HttpResponse(workbook, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="suggestion-performance-{year}.xlsx"'
    return response


@login_required
def annual_report(request, year: int):
    _staff_only(request)
    stats = selectors.year_statistics(year=year)
    return render(request, "suggestions/report.html", {
        "year": year, "stats": stats, "follow_ups": selectors.follow_up_list(year=year),
        "weights": scoring.current_weights(), "today": local_date(timezone.now())})
