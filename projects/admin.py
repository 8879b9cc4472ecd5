"""Back office of the livelihood projects. Ballots are prepared here (candidates in a draft),
opened and closed by actions that call the services; a ballot's counters are shown only once it
is closed, and the record of who voted never sits next to them. Progress reports, inspections,
quality evaluations and micro-projects move through their services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.admin import (
    PortalModelAdmin,
    ReadOnlyAdminMixin,
    StaffWorkflowMixin,
    reason_action,
    run_service_on_each,
)
from congress.audit import record_if_refused
from congress.errors import DomainError
from congress.periods import local_date
from congress.scoping import ScopedAdminMixin
from projects import resources
from projects.models import (
    FROZEN_PROJECT_STATUSES,
    Ballot,
    BallotReceipt,
    BallotStatus,
    Candidacy,
    Inspection,
    KeyProject,
    MicroProject,
    MicroStatus,
    Milestone,
    ProgressReport,
    ProjectStatus,
    QualityEvaluation,
    SatisfactionSurvey,
    SupervisionMembership,
    SurveyStatus,
)
from projects.services import (
    ballot_close,
    ballot_open,
    inspection_record,
    micro_project_collect,
    micro_project_complete,
    micro_project_propose,
    micro_project_screen,
    progress_report_approve,
    progress_report_return,
    project_carry_over,
    project_complete,
    quality_evaluation_record,
    survey_close,
    survey_open,
)


def _today():
    return local_date(timezone.now())


class _ServiceAddMixin:
    """Add forms whose save_model calls a service: a refusal rolls the whole add back (the admin's
    own transaction) and comes back as an error message on the add page, never a server error."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            record_if_refused(error, request=request)
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


# --- key projects ---------------------------------------------------------------------------------------

class _FrozenWithProjectInline(admin.TabularInline):
    """Rows of a project that freeze with it (see KeyProjectAdmin.get_readonly_fields)."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _frozen(obj) and super().has_delete_permission(request, obj)


def _frozen(project) -> bool:
    return project is not None and project.status in FROZEN_PROJECT_STATUSES


class MilestoneInline(_FrozenWithProjectInline):
    model = Milestone
    extra = 0
    fields = ["title", "due_on", "reached_on"]
    readonly_fields = ["reached_on"]


class MembershipInline(_FrozenWithProjectInline):
    model = SupervisionMembership
    autocomplete_fields = ["deputy"]


@admin.register(KeyProject)
class KeyProjectAdmin(StaffWorkflowMixin, ScopedAdminMixin, PortalModelAdmin):
    resource_classes = [resources.KeyProjectResource]
    list_display = ["year", "title", "lead_unit", "budget", "multi_year", "status"]
    list_filter = ["year", "status", "multi_year"]
    list_select_related = ["lead_unit"]
    search_fields = ["title", "lead_unit__name"]
    readonly_fields = ["status", "completed_on", "carried_over_reason"]
    inlines = [MembershipInline, MilestoneInline]
    actions = ["complete_projects", "carry_over_projects"]

    def get_readonly_fields(self, request, obj=None):
        """A completed or carried-over project is a public record of what was done: frozen."""
        if _frozen(obj):
            return [field.name for field in KeyProject._meta.fields if field.name != "id"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        """Only a candidate never put to the deputies goes; an elected project stays on record."""
        return ((obj is None or obj.status == ProjectStatus.CANDIDATE)
                and super().has_delete_permission(request, obj))

    @admin.action(description=gettext_lazy("Mark the selected projects completed (today)"), permissions=["workflow"])
    def complete_projects(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda p: project_complete(project=p, completed_on=_today(), completed_by=request.user),
                            done=_("%(count)s projects completed."))

    @admin.action(description=gettext_lazy("Carry the selected projects over to the next year…"),
                  permissions=["workflow"])
    def carry_over_projects(self, request, queryset):
        return reason_action(self, request, queryset, action="carry_over_projects", title=_("Carry over"),
                              service=lambda p, reason, user: project_carry_over(project=p, reason=reason,
                                                                                 carried_by=user))


# --- ballots ---------------------------------------------------------------------------------------------

class CandidacyInline(admin.TabularInline):
    """Candidates can be changed while the ballot is in preparation; the counters appear only
    once it is closed (no running count while deputies vote)."""

    model = Candidacy
    extra = 0
    autocomplete_fields = ["project"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status == BallotStatus.CLOSED:
            return ["order", "project", "approvals", "oppositions", "abstentions", "result"]
        return ["order", "project"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != BallotStatus.DRAFT:
            return self.get_fields(request, obj)
        return []

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.status == BallotStatus.DRAFT) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == BallotStatus.DRAFT) and super().has_delete_permission(request, obj)


@admin.register(Ballot)
class BallotAdmin(StaffWorkflowMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "seats", "status", "entitled_count", "opened_at", "closed_at"]
    list_filter = ["status", "year"]
    list_select_related = ["runoff_of"]
    fields = ["year", "term", "session", "seats", "runoff_of", "status", "entitled_count", "opened_at", "closed_at"]
    inlines = [CandidacyInline]
    actions = ["open_ballots", "close_ballots"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != BallotStatus.DRAFT:
            return self.fields
        return ["runoff_of", "status", "entitled_count", "opened_at", "closed_at"]

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == BallotStatus.DRAFT) and super().has_delete_permission(request, obj)

    @admin.action(description=gettext_lazy("Open the selected ballots"), permissions=["workflow"])
    def open_ballots(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda b: ballot_open(ballot=b, opened_by=request.user),
                            done=_("%(count)s ballots opened."))

    @admin.action(description=gettext_lazy("Close and count the selected ballots"), permissions=["workflow"])
    def close_ballots(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda b: ballot_close(ballot=b, closed_by=request.user),
                            done=_("%(count)s ballots closed and counted."))


@admin.register(BallotReceipt)
class BallotReceiptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who has voted (never how): for checking turnout."""

    list_display = ["ballot", "deputy"]
    list_filter = ["ballot"]
    list_select_related = ["ballot", "deputy"]
    search_fields = ["deputy__name", "deputy__code"]
    show_full_result_count = False  # a ballot's page counts its receipts, not every ballot's again


# --- supervision -----------------------------------------------------------------------------------------

@admin.register(ProgressReport)
class ProgressReportAdmin(StaffWorkflowMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["project", "reported_on", "percent_complete", "status", "submitted_by", "decided_by"]
    list_filter = ["status", "project__year"]
    list_select_related = ["project", "submitted_by", "decided_by"]
    search_fields = ["project__title"]
    actions = ["approve_reports", "return_reports"]

    @admin.action(description=gettext_lazy("Approve the selected reports"), permissions=["workflow"])
    def approve_reports(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda r: progress_report_approve(report=r, approved_by=request.user),
                            done=_("%(count)s reports approved."))

    @admin.action(description=gettext_lazy("Return the selected reports…"), permissions=["workflow"])
    def return_reports(self, request, queryset):
        return reason_action(self, request, queryset, action="return_reports", title=_("Return reports"),
                              service=lambda r, reason, user: progress_report_return(report=r, reason=reason,
                                                                                     returned_by=user))


@admin.register(Inspection)
class InspectionAdmin(_ServiceAddMixin, admin.ModelAdmin):
    """Staff record an inspection once; the service awards each participant. No edits afterwards."""

    list_display = ["project", "occurred_on", "recorded_by"]
    list_select_related = ["project", "recorded_by"]
    fields = ["project", "occurred_on", "findings", "participants"]
    autocomplete_fields = ["project", "participants"]
    date_hierarchy = "occurred_on"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Its participants were awarded points: a mistaken inspection is undone by reversing
        # those ledger entries, which keeps the trail.
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        inspection = inspection_record(project=data["project"], occurred_on=data["occurred_on"],
                                       findings=data["findings"], deputies=data["participants"],
                                       recorded_by=request.user)
        obj.pk = inspection.pk

    def save_related(self, request, form, formsets, change):
        """The service has set the participants and awarded their points."""


@admin.register(QualityEvaluation)
class QualityEvaluationAdmin(_ServiceAddMixin, admin.ModelAdmin):
    list_display = ["project", "evaluator", "evaluated_on", "score", "grade"]
    list_select_related = ["project"]
    fields = ["project", "evaluator", "evaluated_on", "score", "grade", "summary"]
    autocomplete_fields = ["project"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a published quality score is a public record

    def save_model(self, request, obj, form, change):
        data = {key: form.cleaned_data[key] for key in self.fields}
        obj.pk = quality_evaluation_record(recorded_by=request.user, **data).pk


@admin.register(SatisfactionSurvey)
class SatisfactionSurveyAdmin(StaffWorkflowMixin, _ServiceAddMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "entitled_count", "opened_at", "closed_at"]
    fields = ["year", "term"]
    actions = ["close_surveys"]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        """Deputies' secret ratings are never thrown away: only a rating nobody could answer goes."""
        return (obj is None or obj.status == SurveyStatus.DRAFT) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.pk = survey_open(year=form.cleaned_data["year"], term=form.cleaned_data["term"], opened_by=request.user).pk

    @admin.action(description=gettext_lazy("Close the selected ratings"), permissions=["workflow"])
    def close_surveys(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda s: survey_close(survey=s, closed_by=request.user),
                            done=_("%(count)s ratings closed."))


# --- micro-projects --------------------------------------------------------------------------------------

@admin.register(MicroProject)
class MicroProjectAdmin(_ServiceAddMixin, ScopedAdminMixin, PortalModelAdmin):
    resource_classes = [resources.MicroProjectResource]
    list_display = ["year", "title", "community", "proposer_kind", "status", "votes_for", "present"]
    list_filter = ["year", "status", "proposer_kind", "community__street"]
    list_select_related = ["community", "proposer_deputy"]
    search_fields = ["title", "community__name", "proposer_name", "proposer_deputy__name"]
    fields = ["year", "community", "title", "description", "budget", "proposer_kind", "proposer_deputy",
              "proposer_name", "station", "status", "screening_note", "meeting", "present", "votes_for",
              "votes_against", "abstentions", "completed_on", "evaluation", "evaluation_note"]
    autocomplete_fields = ["proposer_deputy"]
    actions = ["collect", "shortlist", "not_shortlist", "complete"]
    PROPOSAL = ["year", "community", "title", "description", "budget", "proposer_kind", "proposer_deputy",
                "proposer_name"]

    def has_import_permission(self, request):
        return False  # proposals go through micro_project_propose (the station collects them)

    def get_readonly_fields(self, request, obj=None):
        """A proposal is entered once (through the service); every later step is an action."""
        if obj is None:
            return []
        return self.fields

    def get_fields(self, request, obj=None):
        return self.PROPOSAL if obj is None else self.fields

    def has_delete_permission(self, request, obj=None):
        """A proposal entered by mistake goes before the station takes it up; afterwards the
        residents' votes and the project's outcome stay on record."""
        return (obj is None or obj.status == MicroStatus.PROPOSED) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return  # every field of a registered proposal is read-only: nothing to save
        data = {key: form.cleaned_data.get(key) for key in self.PROPOSAL}
        data["proposer_name"] = data["proposer_name"] or ""
        data["description"] = data["description"] or ""
        obj.pk = micro_project_propose(proposed_by=request.user, **data).pk

    @admin.action(description=gettext_lazy("Collect the selected proposals"))
    def collect(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda m: micro_project_collect(project=m, collected_by=request.user),
                            done=_("%(count)s proposals collected."))

    @admin.action(description=gettext_lazy("Shortlist the selected proposals"))
    def shortlist(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda m: micro_project_screen(project=m, shortlisted=True, screened_by=request.user),
                            done=_("%(count)s proposals shortlisted."))

    @admin.action(description=gettext_lazy("Do not shortlist the selected proposals…"))
    def not_shortlist(self, request, queryset):
        return reason_action(self, request, queryset, action="not_shortlist", title=_("Not shortlisted"),
                              service=lambda m, reason, user: micro_project_screen(
                                  project=m, shortlisted=False, note=reason, screened_by=user))

    @admin.action(description=gettext_lazy("Mark the selected micro-projects completed (today)"))
    def complete(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda m: micro_project_complete(project=m, completed_on=_today(),
                                                             completed_by=request.user),
                            done=_("%(count)s micro-projects completed."))
