"""Pages of the "1+3" supervision. The public page shows aggregates only; the work pages (staff,
organ liaisons, unit handlers) fetch every record through its for_user() scope (404 outside it)
and run services through congress.site."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from congress.downloads import table_response, wants_download
from congress.files import private_file_response
from congress.guards import is_staff, require_staff
from congress.periods import local_date
from congress.registry import Figure
from congress.roles import Role
from congress.scoping import get_for_user_or_404
from congress.site import form_page, perform
from supervision import selectors, services
from supervision.forms import (
    ActionForm,
    AttachmentForm,
    ClueForm,
    EscalateForm,
    EvaluateForm,
    ReasonForm,
    RectificationForm,
    ReferForm,
    ReportForm,
    ResultForm,
    action_choices,
)
from supervision.models import (
    OUTCOME_UNITS,
    ClueAttachment,
    ClueCategory,
    ClueState,
    OutcomeKind,
    RectificationStatus,
)

PER_PAGE = 30


def _today():
    return local_date(timezone.now())


def _year(request) -> int | None:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


# --- public aggregates -----------------------------------------------------------------------------

SOURCE_COLUMNS = [("source", gettext_lazy("Source")), ("total", gettext_lazy("Clues received")),
                  ("public_interest", gettext_lazy("Of which concerning public-interest litigation"))]


def _source_rows(stats):
    return [{"source": row["source"] or str(_("Total")), "total": row["total"].shown,
             "public_interest": row["public_interest"].shown} for row in stats["by_source"]]


def _action_rows(stats):
    keys = stats["actions"]["category_keys"]
    return [{"actor": row["actor"], "kind": row["label"], "total": row["total"].shown,
             **{key: cell.shown for key, cell in zip(keys, row["cells"], strict=True)}}
            for row in stats["actions"]["rows"]]


def _action_columns():
    return [("actor", gettext_lazy("Taken by")), ("kind", pgettext_lazy("case action", "Action")),
            *[(c.value, c.label) for c in ClueCategory], ("total", gettext_lazy("Total"))]


def _outcome_columns(group_label):
    return [("group", group_label), *selectors.outcome_columns()]


def _tables(stats) -> dict:
    """Each public table: its rows, its columns and the title of its XLSX sheet."""
    return {
        "sources": (_source_rows(stats), SOURCE_COLUMNS, _("Clues received by source")),
        "actions": (_action_rows(stats), _action_columns(), _("Organ actions by kind and clue category")),
        "outcomes": (stats["outcomes_by_year"], _outcome_columns(gettext_lazy("Year")), _("Outcomes by year")),
        "outcomes-by-organ": (stats["outcomes_by_organ"], _outcome_columns(gettext_lazy("Organ")),
                              _("Outcomes by organ")),
    }


def statistics(request):
    """The public page: clues by source, organ actions by kind and category, outcome sums per
    year and per organ. Aggregates only, small counts suppressed; chart and downloads."""
    year = _year(request)
    stats = selectors.public_statistics(year=year)
    chart = [{"label": row["source"], "value": None if row["total"].suppressed else row["total"].value}
             for row in stats["by_source"][:-1]]
    totals = stats["outcome_totals"]
    outcome_figures = [{"label": kind.label, "unit": OUTCOME_UNITS[kind], "value": f"{totals[kind.value]:,}"}
                       for kind in OutcomeKind]
    columns = [key for key, _label in selectors.outcome_columns()]

    def as_lists(rows):
        return [{"group": row["group"], "values": [row[key] for key in columns]} for row in rows]

    return render(request, "supervision/statistics.html", {
        "stats": stats, "outcomes_by_year": as_lists(stats["outcomes_by_year"]),
        "outcomes_by_organ": as_lists(stats["outcomes_by_organ"]), "year": year,
        "years": selectors.public_years(), "chart": chart,
        "outcome_figures": outcome_figures, "outcome_columns": selectors.outcome_columns(),
        "categories": stats["actions"]["categories"],
    })


def table(request, name: str):
    """One public table as CSV (default), XLSX or JSON; only the listed aggregate columns leave."""
    year = _year(request)
    tables = _tables(selectors.public_statistics(year=year))
    if name not in tables:
        raise Http404
    rows, columns, title = tables[name]
    suffix = f"-{year}" if year else ""
    return table_response(rows=rows, columns=columns, filename=f"supervision-{name}{suffix}", title=title,
                          fmt=wants_download(request) or "csv")


# --- work pages ----------------------------------------------------------------------------------

def _require_worker(user) -> None:
    if not (is_staff(user) or user.has_role(Role.ORGAN_LIAISON)):
        raise PermissionDenied(_("This page is for the committee office and the 1+3 organs."))


@login_required
def clue_list(request):
    """Staff: every clue; an organ liaison: the clues shared with the joint mechanism."""
    _require_worker(request.user)
    state = request.GET.get("state", "")
    state = state if state in ClueState.values else ""
    clues = selectors.clue_list(user=request.user, state=state, year=_year(request))
    page = Paginator(clues, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/clue_list.html", {"page": page, "state": state, "states": ClueState.choices,
                                                          "year": _year(request)})


@login_required
def clue_new(request):
    """Staff: record a clue, its reporter (kept apart) and an attachment."""
    if not is_staff(request.user):
        raise PermissionDenied
    form = ClueForm(request.POST or None, request.FILES or None, initial={"received_on": _today()})
    return form_page(request, form=form, template="supervision/clue_form.html",
                     call=lambda data: services.clue_receive(received_by=request.user, **data),
                     success=_("The clue was recorded."),
                     redirect_to=lambda clue: reverse("supervision:clue-detail", args=[clue.pk]))


def _clue_context(request, clue, **forms) -> dict:
    user = request.user
    return {
        "clue": clue, "cases": clue.visible_cases, "is_staff": is_staff(user),
        "reporter": selectors.clue_reporter(user=user, clue=clue),
        "attachments": selectors.clue_attachments(user=user, clue=clue),
        "refer_form": forms.get("refer") or ReferForm(), "close_form": forms.get("close") or ResultForm(),
        "dismiss_form": forms.get("dismiss") or ReasonForm(), "attach_form": forms.get("attach") or AttachmentForm(),
    }


@login_required
def clue_detail(request, pk: int):
    _require_worker(request.user)
    clue = selectors.clue_detail(user=request.user, pk=pk)
    return render(request, "supervision/clue_detail.html", _clue_context(request, clue))


def _clue_form_step(request, pk, key, form_class, call, success):
    clue = selectors.clue_detail(user=request.user, pk=pk)
    form = form_class(request.POST or None, request.FILES or None)
    # Every step with a form (refer, close, dismiss, attach) is the office's.
    return form_page(request, form=form, template="supervision/clue_detail.html", guard=require_staff,
                     call=lambda data: call(clue, data), success=success,
                     redirect_to=reverse("supervision:clue-detail", args=[clue.pk]),
                     context={k: v for k, v in _clue_context(request, clue, **{key: form}).items() if k != "form"})


@login_required
@require_POST
def clue_refer(request, pk: int):
    _require_worker(request.user)
    return _clue_form_step(request, pk, "refer", ReferForm,
                           lambda clue, data: services.clue_refer(clue=clue, organs=data["organs"],
                                                                  referred_by=request.user),
                           _("The clue was referred."))


@login_required
@require_POST
def clue_close(request, pk: int):
    _require_worker(request.user)
    return _clue_form_step(request, pk, "close", ResultForm,
                           lambda clue, data: services.clue_close(clue=clue, result=data["result"],
                                                                  closed_by=request.user),
                           _("The clue was closed."))


@login_required
@require_POST
def clue_dismiss(request, pk: int):
    _require_worker(request.user)
    return _clue_form_step(request, pk, "dismiss", ReasonForm,
                           lambda clue, data: services.clue_dismiss(clue=clue, reason=data["reason"],
                                                                    dismissed_by=request.user),
                           _("The clue was dismissed."))


@login_required
@require_POST
def clue_attach(request, pk: int):
    _require_worker(request.user)
    return _clue_form_step(request, pk, "attach", AttachmentForm,
                           lambda clue, data: services.clue_attach(clue=clue, upload=data["upload"],
                                                                   visible_to_organs=data["visible_to_organs"],
                                                                   attached_by=request.user),
                           _("The attachment was added."))


@login_required
@require_POST
def clue_step(request, pk: int, step: str):
    """The buttons with no fields: take under review, share with the joint mechanism."""
    _require_worker(request.user)
    clue = selectors.clue_detail(user=request.user, pk=pk)
    steps = {
        "review": (lambda: services.clue_review(clue=clue, reviewed_by=request.user), _("The clue is under review.")),
        "share": (lambda: services.clue_share(clue=clue, shared_by=request.user),
                  _("The clue was shared with the joint mechanism.")),
    }
    if step not in steps:
        raise Http404
    call, success = steps[step]
    return perform(request, call=call, success=success, redirect_to=reverse("supervision:clue-detail", args=[pk]),
                   refused=lambda status: render(request, "supervision/clue_detail.html",
                                                 _clue_context(request, clue), status=status))


@login_required
def attachment_download(request, pk: int):
    """A clue's attachment: staff, or an organ liaison when staff made it visible to the organs."""
    attachment = get_for_user_or_404(ClueAttachment.objects.all(), request.user, pk=pk)
    return private_file_response(attachment.file)


# --- cases -----------------------------------------------------------------------------------------

@login_required
def case_list(request):
    """Staff: every case; an organ liaison: their organ's cases and the clues shared with them."""
    _require_worker(request.user)
    state = request.GET.get("state", "")
    state = state if state in ("open", "closed") else ""
    cases = selectors.case_list(user=request.user, state=state)
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/case_list.html", {"page": page, "state": state})


def _case_context(request, case, **forms) -> dict:
    user = request.user
    staff = is_staff(user)
    return {
        "case": case, "is_staff": staff,
        "action_form": forms.get("action") or ActionForm(choices=action_choices(case.organ.kind, congress=staff),
                                                         initial={"occurred_on": _today()}),
        "rectification_form": forms.get("rectification") or RectificationForm(),
        "close_form": forms.get("close") or ResultForm(),
    }


@login_required
def case_detail(request, pk: int):
    _require_worker(request.user)
    case = selectors.case_detail(user=request.user, pk=pk)
    return render(request, "supervision/case_detail.html", _case_context(request, case))


def _case_form_step(request, pk, key, form, call, success):
    case = selectors.case_detail(user=request.user, pk=pk)
    bound = form(case)
    return form_page(request, form=bound, template="supervision/case_detail.html",
                     call=lambda data: call(case, bound, data), success=success,
                     redirect_to=reverse("supervision:case-detail", args=[case.pk]),
                     context={k: v for k, v in _case_context(request, case, **{key: bound}).items() if k != "form"})


@login_required
@require_POST
def case_action(request, pk: int):
    """Record an action and its outcomes: the organ's liaison for their organ, staff for any."""
    _require_worker(request.user)
    return _case_form_step(
        request, pk, "action",
        lambda case: ActionForm(request.POST, choices=action_choices(case.organ.kind,
                                                                     congress=is_staff(request.user))),
        lambda case, form, data: services.case_action_record(case=case, recorded_by=request.user,
                                                             **form.service_arguments()),
        _("The action was recorded."))


@login_required
@require_POST
def case_rectification(request, pk: int):
    _require_worker(request.user)
    return _case_form_step(
        request, pk, "rectification", lambda case: RectificationForm(request.POST),
        lambda case, form, data: services.rectification_require(case=case, required_by=request.user, **data),
        _("The rectification item was added; the unit will be reminded before its deadline."))


@login_required
@require_POST
def case_close(request, pk: int):
    _require_worker(request.user)
    return _case_form_step(
        request, pk, "close", lambda case: ResultForm(request.POST),
        lambda case, form, data: services.case_close(case=case, result=data["result"], closed_by=request.user),
        _("The case was closed."))


# --- rectification ---------------------------------------------------------------------------------

def _require_rectification_user(user) -> None:
    if not (is_staff(user) or user.has_role(Role.ORGAN_LIAISON) or user.has_role(Role.UNIT_HANDLER)):
        raise PermissionDenied(_("This page is for the committee office, the 1+3 organs and responsible units."))


@login_required
def rectification_list(request):
    """A unit handler: their unit's items; an organ liaison: those of their organ's cases; staff: all."""
    _require_rectification_user(request.user)
    status = request.GET.get("status", "")
    status = status if status in RectificationStatus.values else ""
    items = selectors.rectification_list(user=request.user, status=status)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/rectification_list.html", {
        "page": page, "status": status, "statuses": RectificationStatus.choices, "today": _today()})


def _item_context(request, item, **forms) -> dict:
    return {"item": item, "is_staff": is_staff(request.user),
            "is_unit": request.user.organization_id == item.unit_id,
            "report_form": forms.get("report") or ReportForm(),
            "evaluate_form": forms.get("evaluate") or EvaluateForm(),
            "escalate_form": forms.get("escalate") or EscalateForm(initial={"occurred_on": _today()})}


@login_required
def rectification_detail(request, pk: int):
    _require_rectification_user(request.user)
    item = selectors.rectification_detail(user=request.user, pk=pk)
    return render(request, "supervision/rectification_detail.html", _item_context(request, item))


def _item_step(request, pk, key, form_class, call, success, guard=None):
    _require_rectification_user(request.user)
    item = selectors.rectification_detail(user=request.user, pk=pk)
    form = form_class(request.POST)
    return form_page(request, form=form, template="supervision/rectification_detail.html", guard=guard,
                     call=lambda data: call(item, data), success=success,
                     redirect_to=reverse("supervision:rectification-detail", args=[item.pk]),
                     context={k: v for k, v in _item_context(request, item, **{key: form}).items() if k != "form"})


@login_required
@require_POST
def rectification_report(request, pk: int):
    return _item_step(request, pk, "report", ReportForm,
                      lambda item, data: services.rectification_report(item=item, report=data["report"],
                                                                       reported_by=request.user),
                      _("Your report was sent to the standing committee."))


@login_required
@require_POST
def rectification_evaluate(request, pk: int):
    return _item_step(request, pk, "evaluate", EvaluateForm,
                      lambda item, data: services.rectification_evaluate(
                          item=item, satisfaction=data["satisfaction"], evaluated_by=request.user),
                      _("The evaluation was recorded."), guard=require_staff)


@login_required
@require_POST
def rectification_escalate(request, pk: int):
    return _item_step(request, pk, "escalate", EscalateForm,
                      lambda item, data: services.rectification_escalate(item=item, escalated_by=request.user,
                                                                         **data),
                      _("The rectification was escalated and reopened with its new deadline."))


# --- registry hooks (SupervisionConfig.ready) ------------------------------------------------------

def supervision_home_figures(year: int) -> list[Figure]:
    """Public-interest-litigation clues since the mechanism began, computed from the records."""
    rows = selectors.clue_counts_by_source()
    total = rows[-1]["public_interest"]
    if not total.value:
        return []
    return [Figure(_("Public-interest-litigation clues under 1+3 linked supervision"), str(total.shown),
                   _("since 2019, all years"), reverse("supervision:statistics"),
                   how=_("Clues received from every source that concern public-interest litigation; small "
                         "counts are not shown, to protect whoever reported them."),
                   chart=tuple({"label": row["source"], "value": row["public_interest"].value
                                if not row["public_interest"].suppressed else None} for row in rows[:-1]),
                   chart_caption=_("By source"))]
