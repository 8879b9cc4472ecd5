"""Server-rendered pages of suggestions: public pages (published suggestions, the published unit
ranking), the deputies' and units' workflow pages, and the staff's statistics, workbook and report.
Views validate, call a selector or service, and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress import site
from congress.downloads import FORMATS, table_response, wants_download
from congress.guards import require_deputy, require_staff
from congress.labels import choice_labels
from congress.links import id_url
from congress.pagecache import published_page
from congress.paging import keyset_page
from congress.periods import local_date
from congress.registry import Figure, WorkItem
from congress.selectors import acts_as_deputy
from suggestions import exports, forms, scoring, selectors, services
from suggestions.models import Handling, HandlingState, Suggestion


def _year(request, default: int | None = None) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1990 <= int(raw) <= 2999:
        return int(raw)
    return default or local_date(timezone.now()).year


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
    units = ranking["rows"]

    def top(key, scale=1):
        rows = sorted((u for u in units if getattr(u, key) is not None), key=lambda u: -getattr(u, key))[:8]
        return tuple({"label": u.unit_name, "value": round(getattr(u, key) * scale, 1)} for u in rows)

    return [
        Figure(_("Suggestion handlings evaluated"), str(district.evaluated), note, url,
               how=_("Each unit's handling of a suggestion counts once when both its reply and its "
                     "implementation have been graded by the deputies."),
               chart=({"label": _("Handlings"), "value": district.handlings},
                      {"label": _("Evaluated"), "value": district.evaluated},
                      {"label": _("Overdue replies"), "value": district.overdue_replies}),
               chart_caption=_("Handlings of the year")),
        Figure(_("Full-mark replies (A+)"), str(district.full_mark_replies), note, url,
               how=_("Handlings whose reply the lead deputy graded A+ (full marks)."),
               chart=top("full_mark_replies"), chart_caption=_("Units with the most full-mark replies")),
        Figure(_("Full-mark implementations (A+)"), str(district.full_mark_implementations), note, url,
               how=_("Handlings whose implementation the lead deputy graded A+ (full marks)."),
               chart=top("full_mark_implementations"),
               chart_caption=_("Units with the most full-mark implementations")),
        Figure(_("Deputies' satisfaction rate"), rate, note, url,
               how=_("Evaluated handlings graded satisfied or basically satisfied, over all evaluated handlings."),
               chart=top("satisfaction_rate", 100), chart_caption=_("Satisfaction rate by unit (%)")),
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
                params=("q", "year", "category", "unit", "after", "before", "format"),
                skip=lambda request: bool(request.GET.get("q", "").strip()))
def suggestion_list(request):
    form = forms.PublicFilterForm(request.GET or None, years=selectors.suggestion_years_public(),
                                  units=selectors.units_with_published_suggestions())
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
    # Keyset pages: page 1,000 of a hundred thousand suggestions costs what page 1 does.
    page = keyset_page(suggestions, ordering=("-year", "number"), request=request, per_page=30)
    return render(request, "suggestions/list.html", {"form": form, "page": page})


@published_page(topics=("suggestions", "registry"))
def suggestion_detail(request, pk: int):
    from suggestions.models import Suggestion

    try:
        suggestion = selectors.suggestion_get_public(pk=pk)
    except Suggestion.DoesNotExist:
        raise Http404 from None
    return render(request, "suggestions/detail.html", {
        "suggestion": suggestion, "public": selectors.suggestion_citizen_view(suggestion=suggestion),
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
        response = table_response(rows=ranking_rows(ranking["rows"]), columns=RANKING_COLUMNS,
                                  filename=f"suggestion-unit-ranking-{year}", fmt=fmt)
        response["X-Publication-Digest"] = ranking["publication"].digest
        return response
    ranked = [r for r in ranking["rows"] if r.rank is not None] if ranking else []
    return render(request, "suggestions/ranking.html", {
        "year": year, "years": years, "ranking": ranking, "ranked": ranked, "grade_table": scoring.grade_table()})


# --- deputies -----------------------------------------------------------------------------------

AWAITING_SHOWN = 10


@login_required
def my_suggestions(request):
    """The suggestions a user may reach, newest first, with their handlings, and what awaits their grade."""
    # By cursor, with no count: for office staff this is every suggestion of the district, and
    # numbered pages counted all 100,000 and skipped them one by one (a deep page took 140 ms).
    page = keyset_page(selectors.suggestion_list_for_user(user=request.user), ordering=("-pk",), request=request,
                       per_page=30, count=False)
    # Rows, not records: the page reads four columns of thirty suggestions and their handlings in one
    # query, and labels their states from a map (congress.labels) instead of building ~100 models.
    handlings = selectors.handling_summaries(suggestion_ids=[row["pk"] for row in page])
    suggestion_states = choice_labels(Suggestion._meta.get_field("state"))
    handling_states = choice_labels(Handling._meta.get_field("state"))
    # Each row's links too: a template tag per link was a fifth of the page's rendering.
    for row in page:
        row["state_label"] = suggestion_states.get(row["state"], row["state"])
        row["url"] = id_url("suggestions:manage", row["pk"])
        row["handlings"] = [{**h, "state_label": handling_states.get(h["state"], h["state"]),
                             "url": id_url("suggestions:handling-detail", h["id"])}
                            for h in handlings[row["pk"]]]
    # The most urgent few only: after a busy season the office may have hundreds to grade, which
    # have their own paged list (awaiting_grades).
    awaiting = list(selectors.handlings_awaiting_grade(user=request.user)[:AWAITING_SHOWN + 1])
    return render(request, "suggestions/mine.html", {
        "page": page, "awaiting": awaiting[:AWAITING_SHOWN], "more_awaiting": len(awaiting) > AWAITING_SHOWN,
        "is_deputy": acts_as_deputy(user=request.user)})


@login_required
def awaiting_grades(request):
    """Every reply and implementation awaiting the user's grade, the nearest deadline first."""
    page = keyset_page(selectors.handlings_awaiting_grade(user=request.user), ordering=("deadline", "pk"),
                       request=request, per_page=30)
    return render(request, "suggestions/awaiting.html", {"page": page})


@login_required
def suggestion_new(request):
    """A deputy drafts a suggestion they lead (staff draft for a deputy through the API or admin)."""
    deputy = site.require(require_deputy, request.user)
    return site.form_page(
        request, form=forms.SuggestionForm(request.POST or None), template="suggestions/form.html",
        call=lambda data: services.suggestion_create(lead_deputy=deputy, created_by=request.user, **data),
        success=_("The draft was saved. Submit it when it is ready."),
        redirect_to=lambda suggestion: reverse("suggestions:manage", args=[suggestion.pk]))


@login_required
def suggestion_edit(request, pk: int):
    """Edit a draft (its lead deputy or staff); the service refuses anything but a draft."""
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    initial = {"title": suggestion.title, "content": suggestion.content, "category": suggestion.category,
               "session": suggestion.session_id}
    return site.form_page(
        request, form=forms.SuggestionForm(request.POST or None, initial=initial), template="suggestions/form.html",
        call=lambda data: services.suggestion_update_draft(suggestion=suggestion, edited_by=request.user, **data),
        success=_("The draft was saved. Submit it when it is ready."),
        redirect_to=reverse("suggestions:manage", args=[pk]), context={"suggestion": suggestion})


@login_required
def suggestion_manage(request, pk: int):
    """A suggestion within the user's scope, with the steps the user may take now."""
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    return render(request, "suggestions/manage.html", _manage_context(request, suggestion))


def _manage_context(request, suggestion, **forms_posted) -> dict:
    return {
        "suggestion": suggestion, "actions": selectors.suggestion_actions(suggestion=suggestion, user=request.user),
        "register_form": forms.RegisterForm(), "reject_form": forms.RejectForm(), "assign_form": forms.AssignForm(),
        "publish_form": forms.PublishForm(initial={"publish_content": suggestion.publish_content,
                                                   "publish_replies": suggestion.publish_replies}),
        **forms_posted,
    }


# The manage page's forms: (form, service call given the suggestion, user and cleaned data, message).
SUGGESTION_STEPS = {
    "register": ("register_form", forms.RegisterForm, lambda s, user, data: services.suggestion_register(
        suggestion=s, registered_by=user, **data), gettext_lazy("The suggestion was registered.")),
    "reject": ("reject_form", forms.RejectForm, lambda s, user, data: services.suggestion_reject(
        suggestion=s, rejected_by=user, **data), gettext_lazy("The suggestion was not registered.")),
    "assign": ("assign_form", forms.AssignForm, lambda s, user, data: services.suggestion_assign(
        suggestion=s, assigned_by=user, units=data["units"], deadline=data["deadline"]),
        _("The suggestion was assigned.")),
    "publish": ("publish_form", forms.PublishForm, lambda s, user, data: services.suggestion_publish(
        suggestion=s, published_by=user, **data), gettext_lazy("The suggestion is published.")),
}


@login_required
@require_POST
def suggestion_step(request, pk: int, step: str):
    """The POST target of the manage page's forms and buttons."""
    suggestion = selectors.suggestion_get_for_user(pk=pk, user=request.user)
    user, back = request.user, reverse("suggestions:manage", args=[pk])
    if step in SUGGESTION_STEPS:
        name, form_class, call, success = SUGGESTION_STEPS[step]
        form = form_class(request.POST)
        return site.form_page(request, form=form, template="suggestions/manage.html",
                              call=lambda data: call(suggestion, user, data), success=success, redirect_to=back,
                              context=_manage_context(request, suggestion, **{name: form}))
    buttons = {
        "submit": (lambda: services.suggestion_submit(suggestion=suggestion, submitted_by=user),
                   _("The suggestion was submitted.")),
        "unpublish": (lambda: services.suggestion_unpublish(suggestion=suggestion, unpublished_by=user),
                      _("The suggestion was withdrawn from the public site.")),
    }
    if step not in buttons:
        raise Http404
    call, success = buttons[step]
    return site.perform(request, call=call, success=success, redirect_to=back, refused=lambda status: render(
        request, "suggestions/manage.html", _manage_context(request, suggestion), status=status))


@login_required
def cosign_list(request):
    suggestions = selectors.suggestions_open_for_cosigning(user=request.user)
    return render(request, "suggestions/cosign.html", {
        "page": Paginator(suggestions, 30).get_page(request.GET.get("page")),
        "is_deputy": acts_as_deputy(user=request.user)})


@login_required
@require_POST
def cosign(request, pk: int):
    """A deputy co-signs in their own name (staff co-sign for a deputy through the API)."""
    deputy = site.require(require_deputy, request.user)
    suggestion = selectors.suggestion_get_for_cosigning(pk=pk, user=request.user)
    back = reverse("suggestions:cosign-list")
    return site.perform(request, call=lambda: services.suggestion_cosign(suggestion=suggestion, deputy=deputy,
                                                                         signed_by=request.user),
                        success=_("You co-signed the suggestion."), redirect_to=back)


# --- handlings ----------------------------------------------------------------------------------

@login_required
def handling_list(request):
    state = request.GET.get("state", "")
    state = state if state in HandlingState.values else ""
    handlings = selectors.handling_list_for_user(user=request.user, state=state)
    today = local_date(timezone.now())
    # By cursor: office staff page through every handling of ten years (100,000), where the page
    # at offset 50,000 read and dropped the 50,000 before it (200 ms against 18 for the first).
    page = keyset_page(handlings, ordering=("deadline", "pk"), request=request, per_page=50, count=False)
    return render(request, "suggestions/handling_list.html", {
        "page": page, "state": state, "states": HandlingState.choices, "today": today})


@login_required
def handling_detail(request, pk: int):
    handling = selectors.handling_get_for_user(pk=pk, user=request.user)
    return render(request, "suggestions/handling_detail.html", _handling_context(request, handling))


def _handling_context(request, handling, **forms_posted) -> dict:
    actions = selectors.handling_actions(handling=handling, user=request.user)
    return {
        "handling": handling, "today": local_date(timezone.now()), "actions": actions,
        "text_form": forms.TextForm(), "grade_form": forms.GradeForm(initial={"stage": actions["grade"]}),
        "supervise_form": forms.FollowUpForm(), "close_form": forms.CloseFollowUpForm(),
        "grade_table": scoring.grade_table(), **forms_posted,
    }


# The handling page's forms: (context name, form, service call given handling, user, data, message).
HANDLING_STEPS = {
    "reply": ("text_form", forms.TextForm, lambda h, user, data: services.handling_reply(
        handling=h, submitted_by=user, **data), gettext_lazy("The reply was submitted.")),
    "report": ("text_form", forms.TextForm, lambda h, user, data: services.handling_report_implementation(
        handling=h, submitted_by=user, **data), gettext_lazy("The implementation report was submitted.")),
    "grade": ("grade_form", forms.GradeForm, lambda h, user, data: services.handling_grade(
        handling=h, entered_by=user, stage=data["stage"], grade=data["grade"]),
        gettext_lazy("The grade was recorded.")),
    "follow-up": ("supervise_form", forms.FollowUpForm, lambda h, user, data: services.handling_supervise_follow_up(
        handling=h, supervised_by=user, **data), gettext_lazy("The follow-up round was updated.")),
}


@login_required
@require_POST
def handling_step(request, pk: int, step: str):
    handling = selectors.handling_get_for_user(pk=pk, user=request.user)
    back = reverse("suggestions:handling-detail", args=[pk])
    if step == "close-follow-up":
        form = forms.CloseFollowUpForm(request.POST)
        follow_up = selectors.follow_up_get_open(handling=handling, pk=request.POST.get("follow_up", ""))
        call = lambda data: services.follow_up_close(follow_up=follow_up, closed_by=request.user,  # noqa: E731
                                                     note=data["note"])
        return site.form_page(request, form=form, template="suggestions/handling_detail.html", call=call,
                              success=_("The follow-up round was closed."), redirect_to=back,
                              context=_handling_context(request, handling, close_form=form))
    if step not in HANDLING_STEPS:
        raise Http404
    name, form_class, run, success = HANDLING_STEPS[step]
    form = form_class(request.POST)
    if step == "grade" and form.needs_confirmation():
        context = _handling_context(request, handling, grade_form=form)
        if context["actions"]["grade"] == form.cleaned_data["stage"]:
            # Nothing is recorded yet: the page says what the grade starts and asks once more.
            # (A grade the service would refuse anyway goes straight to it, for its message.)
            confirm = {**form.cleaned_data, "label": forms.grade_choice_label(form.cleaned_data["grade"])}
            return render(request, "suggestions/handling_detail.html",
                          {**context, "form": form, "confirm_grade": confirm})
    return site.form_page(request, form=form, template="suggestions/handling_detail.html",
                          call=lambda data: run(handling, request.user, data), success=success, redirect_to=back,
                          context=_handling_context(request, handling, **{name: form}))


# --- staff: statistics, workbook, report ---------------------------------------------------------

@login_required
def statistics(request):
    site.require(require_staff, request.user)
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
    site.require(require_staff, request.user)
    stats = selectors.year_statistics(year=year)
    workbook = exports.performance_workbook(
        stats, handlings=selectors.handling_list_for_user(user=request.user, year=year))
    response = HttpResponse(workbook, content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="suggestion-performance-{year}.xlsx"'
    return response


@login_required
def annual_report(request, year: int):
    site.require(require_staff, request.user)
    stats = selectors.year_statistics(year=year)
    return render(request, "suggestions/report.html", {
        "year": year, "stats": stats, "follow_ups": selectors.follow_up_list(year=year),
        "weights": scoring.current_weights(), "today": local_date(timezone.now())})


def work_items(user, deputy) -> list[WorkItem]:
    """The replies and implementation reports waiting for the deputy's grade."""
    if deputy is None:
        return []
    waiting = selectors.handlings_awaiting_grade(user=user).count()
    return [WorkItem(10, _("Replies and implementations waiting for your grade"), waiting,
                     reverse("suggestions:awaiting"))] if waiting else []
