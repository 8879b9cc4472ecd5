"""Back office for suggestions. Staff see everything; unit handlers only their unit's handlings
(ScopedAdminMixin → for_user, 404 elsewhere). Workflow fields are read-only here: actions and
the workflow pages call the services."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from congress.admin import PortalModelAdmin, ReadOnlyAdminMixin, run_service_on_each
from congress.importing import EXPORT_FORMATS
from congress.scoping import ScopedAdminMixin
from suggestions import services
from suggestions.models import (
    Assignment,
    Cosignature,
    DistrictScoreSnapshot,
    Evaluation,
    FollowUpRound,
    Handling,
    ImplementationReport,
    Reply,
    Suggestion,
    SuggestionState,
    UnitScoreSnapshot,
)
from suggestions.resources import HandlingResource, SuggestionResource

# What the deputies wrote and signed: theirs once submitted (a correction is the deputy's to ask for).
DEPUTIES_WORDS = ["title", "content", "lead_deputy"]
WORKFLOW_FIELDS = ["state", "number", "year", "submitted_on", "registered_on", "registered_by", "rejection_reason",
                   "is_published", "published_at", "publish_content", "publish_replies"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CosignatureInline(ReadOnlyInline):
    model = Cosignature
    fields = ["deputy", "signed_at"]
    readonly_fields = fields


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["organization", "role", "assigned_on", "deadline"]
    readonly_fields = fields


@admin.register(Suggestion)
class SuggestionAdmin(ScopedAdminMixin, PortalModelAdmin):
    resource_classes = [SuggestionResource]
    list_display = ["number", "title", "year", "category", "lead_deputy", "state", "is_published", "workflow"]
    list_filter = ["state", "year", "category", "is_published"]
    list_select_related = ["lead_deputy"]
    search_fields = ["number", "title", "lead_deputy__name"]
    autocomplete_fields = ["lead_deputy"]
    inlines = [CosignatureInline, AssignmentInline]
    actions = ["register_selected", "publish_selected", "unpublish_selected"]

    def get_readonly_fields(self, request, obj=None):
        if not request.user.is_office_staff:
            return [f.name for f in Suggestion._meta.fields]
        if obj is not None and obj.state != SuggestionState.DRAFT:
            return DEPUTIES_WORDS + WORKFLOW_FIELDS + ["created_at"]
        return WORKFLOW_FIELDS + ["created_at"]

    def has_delete_permission(self, request, obj=None):
        """Only a draft goes: a submitted suggestion, its co-signatures, handlings and grades stay."""
        return (obj is None or obj.state == SuggestionState.DRAFT) and super().has_delete_permission(request, obj)

    @admin.display(description=_("workflow"))
    def workflow(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("suggestions:manage", args=[obj.pk]),
                           pgettext_lazy("link", "open"))

    @admin.action(description=_("Register the selected submitted suggestions"), permissions=["change"])
    def register_selected(self, request, queryset):
        run_service_on_each(self, request, queryset.order_by("submitted_on", "pk"),
                  lambda s: services.suggestion_register(suggestion=s, registered_by=request.user),
                            done=_("%(count)s suggestions registered."))

    @admin.action(description=_("Publish the selected suggestions (title, units, grades)"), permissions=["change"])
    def publish_selected(self, request, queryset):
        run_service_on_each(self, request, queryset,
                  lambda s: services.suggestion_publish(suggestion=s, published_by=request.user,
                                                        publish_content=s.publish_content,
                                                        publish_replies=s.publish_replies),
                            done=_("%(count)s suggestions published."))

    @admin.action(description=_("Withdraw the selected suggestions from the public site"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        run_service_on_each(self, request, queryset.filter(is_published=True),
                  lambda s: services.suggestion_unpublish(suggestion=s, unpublished_by=request.user),
                            done=_("%(count)s suggestions withdrawn."))


class ReplyInline(ReadOnlyInline):
    model = Reply
    fields = ["round", "submitted_on", "content"]
    readonly_fields = fields


class ImplementationReportInline(ReadOnlyInline):
    model = ImplementationReport
    fields = ["round", "submitted_on", "content"]
    readonly_fields = fields


class EvaluationInline(ReadOnlyInline):
    model = Evaluation
    fields = ["stage", "round", "grade", "graded_on", "entered_by", "on_behalf_of_deputy"]
    readonly_fields = fields


class FollowUpInline(ReadOnlyInline):
    model = FollowUpRound
    fields = ["round", "stage", "opened_on", "deadline", "note"]
    readonly_fields = fields


@admin.register(Handling)
class HandlingAdmin(ScopedAdminMixin, ExportMixin, SimpleHistoryAdmin):
    """Read-only record of the handlings; replies, reports and grades go through the workflow page."""

    resource_classes = [HandlingResource]
    export_formats = EXPORT_FORMATS
    list_display = ["suggestion", "organization", "state", "round", "deadline", "reply_grade",
                    "implementation_grade", "final_score", "workflow"]
    list_filter = ["state", "suggestion__year", "final_level"]
    list_select_related = ["suggestion", "organization"]
    search_fields = ["suggestion__number", "suggestion__title", "organization__name"]
    show_full_result_count = False  # a filtered page counts its matches, not every handling again
    inlines = [ReplyInline, ImplementationReportInline, EvaluationInline, FollowUpInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Handling._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # every field is the workflow's: a "save" here changed nothing and said it had

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("workflow"))
    def workflow(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("suggestions:handling-detail", args=[obj.pk]),
                           pgettext_lazy("link", "open"))


@admin.register(Evaluation)
class EvaluationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["handling", "stage", "round", "grade", "graded_on", "entered_by", "on_behalf_of_deputy"]
    list_filter = ["stage", "grade", "on_behalf_of_deputy"]
    list_select_related = ["handling__suggestion", "handling__organization", "entered_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Published snapshots are immutable: a correction is a new revision of the publication."""


@admin.register(UnitScoreSnapshot)
class UnitScoreSnapshotAdmin(SnapshotAdmin):
    list_display = ["publication", "rank", "unit_name", "evaluated", "mean_final", "satisfaction_rate"]
    list_filter = ["year"]
    list_select_related = ["publication"]


@admin.register(DistrictScoreSnapshot)
class DistrictScoreSnapshotAdmin(SnapshotAdmin):
    list_display = ["publication", "evaluated", "mean_final", "satisfaction_rate", "full_mark_replies",
                    "full_mark_implementations"]
    list_select_related = ["publication"]
