"""Back office of the liaison app. The network (stations, contact points, liaisons, stationings)
is a registry staff edit and import; meetings, attendances, topics, receptions and issues are
written by the services only, so here they are read (and exported), and staff act on them with
admin actions that call the services. Station staff see only their own stations' rows (404
outside them) and may keep their stations' liaisons."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ExportMixin

from congress.admin import (
    PortalModelAdmin,
    ReadOnlyAdminMixin,
    StaffWorkflowMixin,
    YearListFilter,
    run_service_on_each,
)
from congress.importing import EXPORT_FORMATS
from congress.scoping import ScopedAdminMixin
from liaison import resources, services
from liaison.forms import ReasonForm
from liaison.models import (
    Attendance,
    ContactPoint,
    IssueEvent,
    Liaison,
    LivelihoodIssue,
    Meeting,
    Reception,
    Station,
    StationedDeputy,
    Topic,
)


def _reason_action(modeladmin, request, queryset, *, action: str, title: str, call, done: str):
    """An action that asks for a reason on an intermediate page, then runs `call(obj, reason)` on each."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        run_service_on_each(modeladmin, request, queryset, lambda obj: call(obj, form.cleaned_data["reason"]),
                            done=done)
        return None
    return TemplateResponse(request, "admin/liaison/reason_form.html", {
        **modeladmin.admin_site.each_context(request), "title": title, "form": form, "rows": list(queryset),
        "action": action, "opts": modeladmin.model._meta})


class _StationChoicesMixin:
    """Station choices in forms are the login's own stations (staff: all)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "station":
            kwargs["queryset"] = Station.objects.for_user(request.user)
        elif db_field.name == "contact_point":
            kwargs["queryset"] = ContactPoint.objects.for_user(request.user).select_related("station")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ContactPointInline(admin.TabularInline):
    model = ContactPoint
    extra = 0
    fields = ["kind", "name", "address", "is_active"]


class StationedDeputyInline(admin.TabularInline):
    model = StationedDeputy
    extra = 0
    fields = ["deputy", "start_date", "end_date"]
    autocomplete_fields = ["deputy"]


@admin.register(Station)
class StationAdmin(ScopedAdminMixin, PortalModelAdmin):
    resource_classes = [resources.StationResource]
    list_display = ["name", "kind", "street", "community", "address", "is_active"]
    list_filter = ["kind", "street", "is_active"]
    list_select_related = ["street", "community"]
    search_fields = ["name", "address"]
    filter_horizontal = ["staff"]
    autocomplete_fields = ["community"]
    inlines = [ContactPointInline, StationedDeputyInline]


@admin.register(ContactPoint)
class ContactPointAdmin(ScopedAdminMixin, _StationChoicesMixin, PortalModelAdmin):
    resource_classes = [resources.ContactPointResource]
    list_display = ["name", "kind", "station", "is_active"]
    list_filter = ["kind", "station__street", "is_active"]
    list_select_related = ["station"]
    search_fields = ["name", "station__name"]


@admin.register(Liaison)
class LiaisonAdmin(ScopedAdminMixin, _StationChoicesMixin, PortalModelAdmin):
    """Private contact details: office staff and the station's own staff only."""

    resource_classes = [resources.LiaisonResource]
    list_display = ["name", "station", "contact_point", "phone", "is_active"]
    list_filter = ["station__street", "is_active"]
    list_select_related = ["station", "contact_point"]
    search_fields = ["name", "station__name", "contact_point__name"]
    raw_id_fields = ["user"]


@admin.register(StationedDeputy)
class StationedDeputyAdmin(ScopedAdminMixin, _StationChoicesMixin, PortalModelAdmin):
    resource_classes = [resources.StationedDeputyResource]
    list_display = ["deputy", "station", "start_date", "end_date"]
    list_filter = ["station__street", "station"]
    list_select_related = ["deputy", "station"]
    search_fields = ["deputy__name", "deputy__code", "station__name"]
    autocomplete_fields = ["deputy"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    fields = ["deputy", "withdrawn_at", "withdrawal_reason"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["title", "lead_deputy", "outcome", "withdrawn_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ScopedAdminMixin, ExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Meetings are recorded on the station pages (or the API); here they are read and confirmed."""

    resource_classes = [resources.MeetingResource]
    export_formats = EXPORT_FORMATS
    list_display = ["held_on", "station", "kind", "title", "status"]
    list_filter = ["kind", "status", "station__street"]
    list_select_related = ["station"]
    search_fields = ["title", "station__name"]
    date_hierarchy = "held_on"
    inlines = [AttendanceInline, TopicInline]
    actions = ["confirm_meetings"]

    @admin.action(description=gettext_lazy("Confirm the selected meetings"), permissions=["view"])
    def confirm_meetings(self, request, queryset):
        run_service_on_each(self, request, queryset,
                            lambda meeting: services.meeting_confirm(meeting=meeting, confirmed_by=request.user),
                            done=_("%(count)s meetings confirmed."))


@admin.register(Attendance)
class AttendanceAdmin(StaffWorkflowMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["meeting", "deputy", "withdrawn_at"]
    list_filter = ["meeting__kind"]
    list_select_related = ["meeting__station", "deputy"]
    search_fields = ["deputy__name", "meeting__station__name"]
    show_full_result_count = False  # a filtered page counts its matches, not every attendance again
    actions = ["withdraw_attendances"]

    @admin.action(description=gettext_lazy("Withdraw the selected attendances…"), permissions=["workflow"])
    def withdraw_attendances(self, request, queryset):
        return _reason_action(
            self, request, queryset, action="withdraw_attendances", title=_("Withdraw attendances"),
            call=lambda row, reason: services.attendance_withdraw(attendance=row, reason=reason,
                                                                  withdrawn_by=request.user),
            done=_("%(count)s attendances withdrawn and their points reversed."))


@admin.register(Topic)
class TopicAdmin(StaffWorkflowMixin, ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "meeting", "lead_deputy", "withdrawn_at"]
    list_select_related = ["meeting__station", "lead_deputy"]
    search_fields = ["title", "lead_deputy__name"]
    actions = ["withdraw_topics"]

    @admin.action(description=gettext_lazy("Withdraw the selected topics…"), permissions=["workflow"])
    def withdraw_topics(self, request, queryset):
        return _reason_action(
            self, request, queryset, action="withdraw_topics", title=_("Withdraw topics"),
            call=lambda row, reason: services.topic_withdraw(topic=row, reason=reason, withdrawn_by=request.user),
            done=_("%(count)s topics withdrawn and their points reversed."))


@admin.register(Reception)
class ReceptionAdmin(ScopedAdminMixin, ExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    resource_classes = [resources.ReceptionResource]
    export_formats = EXPORT_FORMATS
    list_display = ["received_on", "station", "deputy", "residents_count"]
    list_filter = ["station__street"]
    list_select_related = ["station", "deputy"]
    search_fields = ["deputy__name", "station__name", "summary"]
    date_hierarchy = "received_on"
    show_full_result_count = False  # a filtered page counts its matches, not every reception again


class IssueEventInline(admin.TabularInline):
    model = IssueEvent
    extra = 0
    fields = ["occurred_on", "kind", "from_status", "to_status", "from_level", "to_level", "deputy", "note",
              "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class IssueYearFilter(YearListFilter):
    date_field = "raised_on"


@admin.register(LivelihoodIssue)
class LivelihoodIssueAdmin(StaffWorkflowMixin, ScopedAdminMixin, ExportMixin, admin.ModelAdmin):
    """Issues move through the services; staff choose the anonymised public title here."""

    resource_classes = [resources.LivelihoodIssueResource]
    export_formats = EXPORT_FORMATS
    list_display = ["raised_on", "title", "station", "level", "status", "following_deputy", "public_title"]
    list_filter = [IssueYearFilter, "status", "level", "origin", "station__street"]
    list_select_related = ["station", "following_deputy"]
    search_fields = ["title", "public_title", "station__name"]
    show_full_result_count = False  # a filtered page counts its matches, not every issue again
    fields = ["station", "origin", "topic", "reception", "contact_point", "liaison", "title", "description",
              "reporter_name", "reporter_contact", "raised_on", "level", "following_deputy", "status", "resolved_on",
              "resolution_note", "closed_on", "closed_reason", "public_title"]
    inlines = [IssueEventInline]
    actions = ["withdraw_resolutions"]

    def get_readonly_fields(self, request, obj=None):
        editable = {"public_title"} if request.user.is_office_staff else set()
        return [name for name in self.fields if name not in editable]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_office_staff

    def save_model(self, request, obj, form, change):
        services.issue_set_public_title(issue=obj, public_title=form.cleaned_data["public_title"], set_by=request.user)

    @admin.action(description=gettext_lazy("Withdraw the selected resolutions…"), permissions=["workflow"])
    def withdraw_resolutions(self, request, queryset):
        return _reason_action(
            self, request, queryset, action="withdraw_resolutions", title=_("Withdraw resolutions"),
            call=lambda row, reason: services.issue_withdraw_resolution(issue=row, reason=reason,
                                                                        withdrawn_by=request.user),
            done=_("%(count)s resolutions withdrawn and their points reversed."))
