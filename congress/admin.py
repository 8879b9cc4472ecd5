"""Back office for the core registry. Every registry model: import/export (CSV UTF-8/BOM/GBK,
XLSX), a change history, and the same for_user() scoping as the site and the API."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from congress import resources
from congress.audit import record_if_refused
from congress.errors import DomainError
from congress.importing import EXPORT_FORMATS, IMPORT_FORMATS, ImportRefused, check_file_size
from congress.models import (
    AuditEvent,
    Community,
    CongressSession,
    Deputy,
    DeputyPrivate,
    Notice,
    Organization,
    OrganizationContact,
    Publication,
    Street,
    Term,
    User,
)
from congress.scoping import MissingIs404AdminMixin, ScopedAdminMixin


class ReadOnlyAdminMixin:
    """For records only services write (publications, snapshots, ledger entries): the back office
    shows them and never adds, changes or deletes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def run_service_on_each(modeladmin, request, queryset, call, *, done: str) -> tuple[int, int]:
    """The one way an admin action runs a workflow service: `call(obj)` on each selected row,
    each in its own transaction (a refusal leaves that row unchanged and the others done), then
    one success message (`done` with %(count)s) and one error message per refusal, naming the row.
    Returns (done, refused)."""
    ok, refused = 0, 0
    for obj in queryset:
        try:
            call(obj)
        except DomainError as error:
            record_if_refused(error, request=request)
            refused += 1
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            ok += 1
    if ok:
        modeladmin.message_user(request, done % {"count": ok}, messages.SUCCESS)
    return ok, refused


def reason_action(modeladmin, request, queryset, *, action: str, title: str, service, done: str | None = None):
    """An admin action that first asks for a reason on an intermediate page, then runs
    `service(obj, reason, user)` on each selected row through run_service_on_each."""
    from congress.forms import ReasonForm

    if "apply" in request.POST:
        form = ReasonForm(request.POST)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            run_service_on_each(modeladmin, request, queryset, lambda obj: service(obj, reason, request.user),
                                done=done or gettext("%(count)s done."))
            return None
    else:
        form = ReasonForm()
    return TemplateResponse(request, "admin/congress/reason_form.html", {
        **modeladmin.admin_site.each_context(request), "title": title, "form": form,
        "entries": list(queryset), "action": action, "opts": modeladmin.model._meta,
    })


class PortalModelAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    """Base of every registry admin: import/export with our formats and a change history."""

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    list_per_page = 50

    def write_to_tmp_storage(self, import_file, input_format):
        # The size limit before the file is read into memory.
        check_file_size(import_file.size)
        return super().write_to_tmp_storage(import_file, input_format)

    def import_action(self, request, **kwargs):
        try:
            return super().import_action(request, **kwargs)
        except ImportRefused as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
            return HttpResponseRedirect(request.path)

    def add_data_read_fail_error_to_form(self, form, e):
        """The reason a file was refused, in words (never the exception's class name)."""
        if isinstance(e, ImportRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error("import_file", _("The file cannot be read; check that it is CSV or XLSX as chosen."))


@admin.register(Street)
class StreetAdmin(PortalModelAdmin):
    resource_classes = [resources.StreetResource]
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


@admin.register(Community)
class CommunityAdmin(PortalModelAdmin):
    resource_classes = [resources.CommunityResource]
    list_display = ["name", "code", "street"]
    list_filter = ["street"]
    list_select_related = ["street"]
    search_fields = ["name", "code"]


class OrganizationContactInline(admin.StackedInline):
    model = OrganizationContact
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(PortalModelAdmin):
    resource_classes = [resources.OrganizationResource]
    list_display = ["name", "short_name", "kind", "joint_organ", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    inlines = [OrganizationContactInline]

    @admin.display(boolean=True, description=_("1+3 organ"))
    def joint_organ(self, obj):
        return obj.is_joint_supervision_organ


@admin.register(OrganizationContact)
class OrganizationContactAdmin(ScopedAdminMixin, PortalModelAdmin):
    """Unit handlers and organ liaisons keep their own unit's sheet here; staff see all."""

    resource_classes = [resources.OrganizationContactResource]
    list_display = ["organization", "contact_person", "phone", "email"]
    list_select_related = ["organization"]
    search_fields = ["organization__name", "contact_person"]

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_office_staff else ["organization"]


@admin.register(Term)
class TermAdmin(PortalModelAdmin):
    resource_classes = [resources.TermResource]
    list_display = ["number", "start_year", "end_year"]


@admin.register(CongressSession)
class CongressSessionAdmin(PortalModelAdmin):
    resource_classes = [resources.CongressSessionResource]
    list_display = ["title", "kind", "start_date", "end_date"]
    list_filter = ["kind", "term"]
    list_select_related = ["term"]


class DeputyPrivateInline(admin.StackedInline):
    model = DeputyPrivate
    extra = 0


@admin.register(Deputy)
class DeputyAdmin(PortalModelAdmin):
    resource_classes = [resources.DeputyResource]
    list_display = ["name", "code", "street", "community", "status", "is_committee_member", "user"]
    list_filter = ["status", "street", "term", "is_committee_member", "gender"]
    list_select_related = ["street", "community", "user"]
    search_fields = ["name", "code", "occupation"]
    autocomplete_fields = ["community", "user"]
    inlines = [DeputyPrivateInline]


@admin.register(DeputyPrivate)
class DeputyPrivateAdmin(PortalModelAdmin):
    resource_classes = [resources.DeputyPrivateResource]
    list_display = ["deputy", "phone"]
    list_select_related = ["deputy"]
    search_fields = ["deputy__name", "deputy__code"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Publications are written by the publication service only; corrections go through the
    'publish a correction' page."""

    list_display = ["quarter", "revision", "published_at", "published_by", "reason"]
    list_filter = ["quarter"]
    list_select_related = ["published_by"]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Notices are written by the services that send them; the back office only lists them."""

    list_display = ["created_at", "kind", "organization", "user", "message"]
    list_filter = ["kind"]
    list_select_related = ["organization", "user"]


@admin.register(User)
class UserAdmin(MissingIs404AdminMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ["display_name", "organization"]}),
    ]
    list_display = ["username", "display_name", "organization", "is_staff", "is_active"]
    list_filter = ["groups", "is_staff", "is_active"]
    list_select_related = ["organization"]
    search_fields = ["username", "display_name", "first_name", "last_name"]
    actions = ["assign_role"]

    @admin.action(description=_("Give the selected users a role…"), permissions=["change"])
    def assign_role(self, request, queryset):
        """Roles (groups), the organization a unit or organ role works for and back-office access
        are given by congress.services.user_assign_role only, never typed into the form."""
        from django.template.response import TemplateResponse

        from congress.forms import AssignRoleForm
        from congress.services import user_assign_role

        form = AssignRoleForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            role, organization = form.cleaned_data["role"], form.cleaned_data["organization"]
            run_service_on_each(self, request, queryset, lambda user: user_assign_role(
                user=user, role=role, organization=organization), done=gettext("%(count)s users given the role."))
            return None
        return TemplateResponse(request, "admin/congress/action_form.html", {
            **self.admin_site.each_context(request), "title": gettext("Give a role"), "form": form,
            "entries": list(queryset), "action": "assign_role", "opts": self.model._meta})

    def get_queryset(self, request):
        """Superuser accounts are managed by superusers only: for staff they do not exist (404),
        so their password or username cannot be changed from an office login."""
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        """Staff give roles (groups); only a superuser makes superusers or grants single permissions."""
        readonly = [*super().get_readonly_fields(request, obj), "groups", "is_staff", "organization"]
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: searchable by office staff, never added to, changed or deleted here."""

    list_display = ["at", "action", "actor_name", "roles", "address", "target_type", "target_repr", "request_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "action", "address", "request_id", "target_type", "target_id", "target_repr",
                     "path"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_office_staff
