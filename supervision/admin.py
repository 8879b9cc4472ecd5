"""Back office of the supervision. Records are written by services only (the site's workflow pages
and the admin actions below), so every admin here is read-only and scoped by for_user(): an organ
liaison lists the shared clues and their organ's cases, a unit handler their unit's items, and
anything else is a 404. The reporter inline shows for staff alone."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from congress.admin import ReadOnlyAdminMixin, StaffWorkflowMixin, run_service_on_each
from congress.guards import is_staff
from congress.importing import EXPORT_FORMATS
from congress.scoping import ScopedAdminMixin
from supervision import resources, services
from supervision.models import Case, CaseAction, Clue, ClueReporter, Outcome, Rectification


class ClueReporterInline(admin.StackedInline):
    """The reporter's identity: office staff only (no other role even gets the inline)."""

    model = ClueReporter
    extra = 0
    can_delete = False
    fields = ["deputy", "name", "phone", "email", "address"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return ClueReporter.objects.for_user(request.user).select_related("deputy")


class CaseInline(admin.TabularInline):
    model = Case
    extra = 0
    fields = ["organ", "referred_on", "state", "closed_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return Case.objects.for_user(request.user).select_related("organ")


class ScopedReadOnlyAdmin(ScopedAdminMixin, ExportMixin, ReadOnlyAdminMixin, SimpleHistoryAdmin):
    export_formats = EXPORT_FORMATS
    show_full_result_count = False  # a filtered page counts its matches, not the whole table again

    def has_export_permission(self, request):
        return is_staff(request.user)


@admin.register(Clue)
class ClueAdmin(StaffWorkflowMixin, ScopedReadOnlyAdmin):
    resource_classes = [resources.ClueResource]
    list_display = ["number", "title", "received_on", "source", "category", "public_interest", "state"]
    list_filter = ["state", "source", "category", "public_interest"]
    search_fields = ["number", "title"]
    date_hierarchy = "received_on"
    inlines = [ClueReporterInline, CaseInline]
    actions = ["review", "share"]

    def get_inlines(self, request, obj):
        return [ClueReporterInline, CaseInline] if is_staff(request.user) else [CaseInline]

    @admin.action(description=gettext_lazy("Take the selected clues under review"), permissions=["workflow"])
    def review(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda clue: services.clue_review(clue=clue,
                                                                                       reviewed_by=request.user),
                            done=gettext_lazy("%(count)s clues taken under review."))

    @admin.action(description=gettext_lazy("Share the selected clues with the joint mechanism"),
                  permissions=["workflow"])
    def share(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda clue: services.clue_share(clue=clue,
                                                                                      shared_by=request.user),
                            done=gettext_lazy("%(count)s clues shared with the joint mechanism."))


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0
    fields = ["kind", "count", "amount"]
    readonly_fields = fields


@admin.register(CaseAction)
class CaseActionAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["occurred_on", "case", "actor", "kind"]
    list_filter = ["actor", "kind"]
    list_select_related = ["case__clue", "case__organ"]
    show_full_result_count = False  # a filtered page counts its matches, not every action again
    inlines = [OutcomeInline]


class ActionInline(admin.TabularInline):
    model = CaseAction
    extra = 0
    fields = ["occurred_on", "actor", "kind", "summary"]
    readonly_fields = fields
    show_change_link = True


class RectificationInline(admin.TabularInline):
    model = Rectification
    extra = 0
    fields = ["unit", "requirement", "deadline", "status", "round", "satisfaction"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


@admin.register(Case)
class CaseAdmin(ScopedReadOnlyAdmin):
    resource_classes = [resources.CaseResource]
    list_display = ["clue", "organ", "referred_on", "state", "closed_on"]
    list_filter = ["state", "organ"]
    list_select_related = ["clue", "organ"]
    search_fields = ["clue__number", "clue__title"]
    inlines = [ActionInline, RectificationInline]


@admin.register(Rectification)
class RectificationAdmin(ScopedReadOnlyAdmin):
    resource_classes = [resources.RectificationResource]
    list_display = ["unit", "short_requirement", "deadline", "status", "round", "satisfaction"]
    list_filter = ["status", "satisfaction"]
    list_select_related = ["unit", "case__clue"]
    search_fields = ["requirement", "unit__name"]

    @admin.display(description=gettext_lazy("requirement"))
    def short_requirement(self, obj):
        return obj.requirement[:40]
