"""Back office of the appointees app. Appointees are a registry (import/export, history); duty
reports are published by an action; draws and rating sessions are made through their pages
(services) and shown here read-only. The rating counters never appear in the admin, and a
submitted ballot shows only who submitted."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from appointees import resources
from appointees.models import Appointee, Ballot, Draw, DutyReport, RatingMember, RatingOfficial, RatingSession
from appointees.services import duty_report_publish, rating_session_close, rating_session_open
from congress.admin import PortalModelAdmin, ReadOnlyAdminMixin, StaffWorkflowMixin, run_service_on_each
from congress.importing import EXPORT_FORMATS
from congress.scoping import MissingIs404AdminMixin, ScopedAdminMixin


@admin.register(Appointee)
class AppointeeAdmin(PortalModelAdmin):
    resource_classes = [resources.AppointeeResource]
    list_display = ["name", "code", "position", "organization", "category", "mode", "body", "took_office",
                    "left_office"]
    list_filter = ["category", "mode", "body", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "code", "position"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["session"]


@admin.register(DutyReport)
class DutyReportAdmin(StaffWorkflowMixin, ScopedAdminMixin, ReadOnlyAdminMixin, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.DutyReportResource]
    export_formats = EXPORT_FORMATS
    list_display = ["appointee", "year", "submitted_at", "published_at"]
    list_filter = ["year", ("published_at", admin.EmptyFieldListFilter)]
    list_select_related = ["appointee__organization"]
    search_fields = ["appointee__name", "appointee__code"]
    actions = ["publish"]

    @admin.action(description=_("Publish the selected reports"), permissions=["workflow"])
    def publish(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda report: duty_report_publish(report=report, published_by=request.user),
                            done=_("%(count)s reports published."))


@admin.register(Draw)
class DrawAdmin(MissingIs404AdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Draws are made on their pages; the secret (DrawSecret) is not registered here at all."""

    list_display = ["__str__", "year", "status", "k", "created_at", "revealed_at", "superseded_at"]
    list_filter = ["year", "status"]
    exclude = ["revealed_secret"]

    def get_exclude(self, request, obj=None):
        # The revealed secret is public once revealed; before that the field is blank anyway.
        return [] if obj is not None and obj.is_revealed else ["revealed_secret"]


class RatingOfficialInline(admin.TabularInline):
    model = RatingOfficial
    fields = ["order", "appointee"]  # never the counters: results are read on the results page
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class RatingMemberInline(admin.TabularInline):
    model = RatingMember
    fields = ["deputy"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RatingSession)
class RatingSessionAdmin(MissingIs404AdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "meeting", "status", "opened_at", "closed_at"]
    list_filter = ["year", "status"]
    list_select_related = ["meeting__term"]
    inlines = [RatingOfficialInline, RatingMemberInline]
    actions = ["open_sessions", "close_sessions"]

    @admin.action(description=_("Open the selected sessions for rating"), permissions=["view"])
    def open_sessions(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda s: rating_session_open(session=s, opened_by=request.user),
                            done=_("%(count)s sessions opened."))

    @admin.action(description=_("Close the selected sessions and announce the results"), permissions=["view"])
    def close_sessions(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda s: rating_session_close(session=s, closed_by=request.user),
                            done=_("%(count)s sessions closed."))


@admin.register(Ballot)
class BallotAdmin(MissingIs404AdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who has submitted in which session: never what they chose (that is stored nowhere)."""

    list_display = ["session", "deputy"]
    list_filter = ["session"]
    list_select_related = ["session", "deputy"]
    fields = ["session", "deputy"]
