"""Back office of the points ledger. Ledger entries are view-only: no add, change or delete for
anyone; staff act on them with admin actions that call the services (verify, reject with a
reason, reverse with a reason), export them, and import the office's records of activities
(one line per participating deputy) which award the entries. Snapshots are read-only;
corrections go through the "publish a correction" page."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from import_export.admin import ImportExportMixin, ImportExportModelAdmin

from congress.admin import (
    PortalImportMixin,
    PortalModelAdmin,
    ReadOnlyAdminMixin,
    SortableOnlyMixin,
    StaffWorkflowMixin,
    YearListFilter,
    reason_action,
    run_service_on_each,
)
from congress.importing import EXPORT_FORMATS, IMPORT_FORMATS
from congress.scoping import ScopedAdminMixin
from points import resources
from points.models import (
    Activity,
    DeputyPointsSnapshot,
    DistrictPointsSnapshot,
    LedgerEntry,
    PointRule,
    PointRuleVersion,
    SelfReport,
)
from points.services import (
    activity_record,
    entry_reject,
    entry_reverse,
    entry_verify,
    rule_create,
    rule_create_version,
    rule_update,
)


class PointRuleVersionInline(admin.TabularInline):
    """Existing values are history: read-only. A new value is a new row (rule_create_version)."""

    model = PointRuleVersion
    extra = 0
    fields = ["effective_from", "points", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PointRuleAddForm(forms.ModelForm):
    """A new rule with its first value: both are written by rule_create."""

    points = forms.IntegerField(label=gettext_lazy("points"), min_value=1)
    effective_from = forms.DateField(label=gettext_lazy("effective from"))

    class Meta:
        model = PointRule
        fields = ["code", "name", "description", "self_reportable", "order"]


@admin.register(PointRule)
class PointRuleAdmin(PortalModelAdmin):
    """Rules are created by rule_create (with their first value) and given new values by
    rule_create_version (the inline); a rule's code, which other apps award by, never changes."""

    resource_classes = [resources.PointRuleResource]
    list_display = ["name", "code", "self_reportable", "is_active", "order"]
    list_filter = ["self_reportable", "is_active"]
    search_fields = ["name", "code"]
    inlines = [PointRuleVersionInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PointRuleAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            rule_update(rule=obj, updated_by=request.user, name=data["name"], description=data["description"],
                        self_reportable=data["self_reportable"], is_active=data["is_active"], order=data["order"])
            return None
        rule = rule_create(code=data["code"], name=data["name"], description=data["description"],
                           self_reportable=data["self_reportable"], order=data["order"], points=data["points"],
                           effective_from=data["effective_from"], created_by=request.user)
        obj.pk, obj._state.adding = rule.pk, False

    def save_formset(self, request, form, formset, change):
        if formset.model is not PointRuleVersion:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for version_form in formset.extra_forms:
            if version_form.has_changed() and version_form.is_valid():
                data = version_form.cleaned_data
                formset.new_objects.append(rule_create_version(
                    rule=form.instance, points=data["points"], effective_from=data["effective_from"],
                    created_by=request.user))


@admin.register(PointRuleVersion)
class PointRuleVersionAdmin(ReadOnlyAdminMixin, ImportExportModelAdmin):
    """Import of new values from a file; every recorded value is read-only (no history needed)."""

    resource_classes = [resources.PointRuleVersionResource]
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    list_display = ["rule", "effective_from", "points", "created_by"]
    list_filter = ["rule"]
    list_select_related = ["rule", "created_by"]

    def has_import_permission(self, request):
        return request.user.has_perm("points.import_pointruleversion")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["rule", "occurred_on", "title", "description", "reference", "participants"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "participants" in self.fields:
            self.fields["participants"].required = True


@admin.register(Activity)
class ActivityAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Staff record an activity once; the service awards every participant. No edits afterwards
    (points were awarded for it); a mistake is corrected by reversing the entries."""

    form = ActivityForm
    list_display = ["occurred_on", "title", "rule", "participant_count", "recorded_by"]
    list_filter = ["rule"]
    list_select_related = ["rule", "recorded_by"]
    search_fields = ["title", "reference"]
    autocomplete_fields = ["participants"]
    date_hierarchy = "occurred_on"

    def get_queryset(self, request):
        return super().get_queryset(request).with_participant_total()

    @admin.display(description=gettext_lazy("participants"), ordering="participant_total")
    def participant_count(self, obj):
        return obj.participant_total

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        activity = activity_record(rule=data["rule"], occurred_on=data["occurred_on"], title=data["title"],
                                   description=data["description"], reference=data["reference"] or None,
                                   deputies=data["participants"], recorded_by=request.user)
        obj.pk = activity.pk

    def save_related(self, request, form, formsets, change):
        """The service has set the participants and awarded their points."""


@admin.register(SelfReport)
class SelfReportAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "deputy", "rule", "occurred_on", "description", "evidence_link"]
    list_filter = ["rule"]
    list_select_related = ["deputy", "rule"]
    search_fields = ["deputy__name", "deputy__code", "description"]

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_link(self, obj):
        if not obj.evidence:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("points:evidence", args=[obj.pk]),
                           pgettext_lazy("link", "open"))


class LedgerYearFilter(YearListFilter):
    date_field = "occurred_on"


@admin.register(LedgerEntry)
class LedgerEntryAdmin(StaffWorkflowMixin, SortableOnlyMixin, ScopedAdminMixin, PortalImportMixin, ImportExportMixin,
                       ReadOnlyAdminMixin, admin.ModelAdmin):
    """The ledger's list, where staff look for its import beside its export: the import records
    activities and awards their participants (resources.ActivityParticipationResource; large
    files as a background job); the export writes the entries as they are."""

    resource_classes = [resources.LedgerEntryResource]
    # Every award an import writes has its own event in the audit trail (points.entry_awarded)
    # and the file one (data.imported); no second trail in the admin's log.
    skip_admin_log = True
    list_display = ["occurred_on", "deputy", "rule", "points", "kind", "status", "decided_by"]
    list_filter = [LedgerYearFilter, "status", "kind", "rule"]
    list_select_related = ["deputy", "rule", "decided_by"]
    search_fields = ["deputy__name", "deputy__code"]
    show_full_result_count = False  # a filtered page counts its matches, not the whole ledger again
    # By date only (its index): any other column sorted the whole ledger, 1.4–2.7 s at two million
    # entries. Staff narrow by year, status, kind, rule or a deputy's name instead.
    sortable_by = ["occurred_on"]
    readonly_fields = ["source_link", "evidence_link"]
    actions = ["verify_entries", "reject_entries", "reverse_entries"]

    @admin.display(description=gettext_lazy("source"))
    def source_link(self, obj):
        return f"{obj.source_type.app_label}.{obj.source_type.model} #{obj.source_id}: {obj.source}"

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_link(self, obj):
        source = obj.source
        evidence = getattr(source, "evidence", None)
        if not evidence:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("points:evidence", args=[source.pk]),
                           pgettext_lazy("link", "open"))

    def get_import_resource_classes(self, request):
        return [resources.ActivityParticipationResource]

    def get_export_resource_classes(self, request):
        return [resources.LedgerEntryResource]

    @admin.action(description=gettext_lazy("Verify the selected self-reports"), permissions=["workflow"])
    def verify_entries(self, request, queryset):
        run_service_on_each(self, request, queryset, lambda entry: entry_verify(entry=entry, verified_by=request.user),
                            done=_("%(count)s entries verified."))

    @admin.action(description=gettext_lazy("Reject the selected self-reports…"), permissions=["workflow"])
    def reject_entries(self, request, queryset):
        return reason_action(self, request, queryset, action="reject_entries", done=_("%(count)s entries done."),
                             title=_("Reject self-reports"),
                              service=lambda entry, reason, user: entry_reject(entry=entry, reason=reason,
                                                                               rejected_by=user))

    @admin.action(description=gettext_lazy("Reverse the selected entries…"), permissions=["workflow"])
    def reverse_entries(self, request, queryset):
        return reason_action(self, request, queryset, action="reverse_entries", done=_("%(count)s entries done."),
                             title=_("Reverse entries"),
                              service=lambda entry, reason, user: entry_reverse(entry=entry, reason=reason,
                                                                                reversed_by=user))


class SnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/points/snapshot_change_list.html"


@admin.register(DeputyPointsSnapshot)
class DeputyPointsSnapshotAdmin(SnapshotAdmin):
    list_display = ["publication", "quarter_rank", "deputy_name", "street_name", "quarter_points", "year_rank",
                    "year_points"]
    list_filter = ["publication__quarter"]
    list_select_related = ["publication"]
    search_fields = ["deputy_name", "deputy_code"]


@admin.register(DistrictPointsSnapshot)
class DistrictPointsSnapshotAdmin(SnapshotAdmin):
    list_display = ["publication", "quarter_points", "year_points", "last_year_quarter_points", "last_year_points"]
    list_select_related = ["publication"]
