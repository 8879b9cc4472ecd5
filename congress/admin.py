"""Back office for the core registry. Every registry model: import/export (CSV UTF-8/BOM/GBK,
XLSX), a change history, and the same for_user() scoping as the site and the API."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, Max, Min, Q
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
    ImportJob,
    Notice,
    Organization,
    OrganizationContact,
    Publication,
    Street,
    Term,
    User,
)
from congress.periods import Year
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


class StaffWorkflowMixin:
    """Actions marked `permissions=["workflow"]` are offered to office staff only: the other
    back-office roles see the list but not steps they could never take (they were offered and
    then refused)."""

    def has_workflow_permission(self, request):
        return request.user.is_office_staff


class SortableOnlyChangeList(ChangeList):
    """A list that sorts only by the columns its admin's `sortable_by` names: a typed `?o=` on
    another is ignored, as Django ignores one that names no column (Django itself only leaves
    the other headers without a sorting link)."""

    def get_ordering_field(self, field_name):
        if self.sortable_by is not None and field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)


class SortableOnlyMixin:
    """For a list too long to sort by any column (the two-million-row ledger): set `sortable_by`
    to the columns with an index behind them."""

    def get_changelist(self, request, **kwargs):
        return SortableOnlyChangeList


class YearListFilter(admin.SimpleListFilter):
    """A list's years, from the first and last value of `date_field` (two index lookups on a list
    ordered by it), each a range of that field's days. A date hierarchy would list the distinct
    years of every row on every page. Subclass with `date_field` set."""

    title = _("year")
    parameter_name = "year"
    date_field = ""

    def lookups(self, request, model_admin):
        span = model_admin.get_queryset(request).aggregate(first=Min(self.date_field), last=Max(self.date_field))
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    def _days_of(self, year: Year) -> Q:
        return Q(**{f"{self.date_field}__range": (year.first_day, year.last_day)})

    def queryset(self, request, queryset):
        try:
            year = Year(int(self.value()))
        except (TypeError, ValueError):  # no year chosen, or not a year: every row
            return queryset
        return queryset.filter(self._days_of(year))

    def get_facet_counts(self, pk_attname, filtered_qs):
        # "Show counts": each year counts the rows in its days, all in one pass. Django's own
        # counts rows whose key is IN the filtered list, once per year: seconds over the ledger.
        return {f"{index}__c": Count(pk_attname, filter=self._days_of(Year(int(value))))
                for index, (value, _label) in enumerate(self.lookup_choices)}


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
    elif not refused:  # the action had nothing to do (it said nothing at all)
        modeladmin.message_user(request, gettext("None of the selected rows needed this; nothing changed."),
                                messages.WARNING)
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


class PortalImportMixin:
    """The portal's import page, before import-export's ImportMixin: our formats, the size limit
    before a file is read, large files to a background ImportJob, refusals in words. In
    PortalModelAdmin; alone on an admin that imports without a change history (the ledger)."""

    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS

    def write_to_tmp_storage(self, import_file, input_format):
        # The size limit before the file is read into memory.
        check_file_size(import_file.size)
        return super().write_to_tmp_storage(import_file, input_format)

    def import_action(self, request, **kwargs):
        try:
            return self._import_in_background(request) or super().import_action(request, **kwargs)
        except ImportRefused as refused:
            self.message_user(request, str(refused), level=messages.ERROR)
            return HttpResponseRedirect(request.path)

    def _import_in_background(self, request):
        """A file over IMPORT_BACKGROUND_ROWS (estimated before parsing) or IMPORT_BACKGROUND_BYTES
        becomes an ImportJob and the user lands on its progress page; None: the usual preview and
        confirmation, in this request."""
        from django.conf import settings
        from django.urls import reverse

        from congress.importing import estimate_rows, file_format_of
        from congress.services import import_job_create

        if request.method != "POST" or not self.has_import_permission(request):
            return None
        form = self.create_import_form(request)
        if not form.is_valid():
            return None
        upload = form.cleaned_data["import_file"]
        check_file_size(upload.size)
        file_format = file_format_of(self.get_import_formats()[int(form.cleaned_data["format"])])
        data = b"".join(upload.chunks())
        upload.seek(0)
        rows = estimate_rows(data, file_format)
        if len(data) <= settings.IMPORT_BACKGROUND_BYTES and (rows or 0) <= settings.IMPORT_BACKGROUND_ROWS:
            return None
        try:
            job = import_job_create(user=request.user, resource_class=self.choose_import_resource_class(form, request),
                                    data=data, file_name=upload.name, file_format=file_format)
        except DomainError as error:
            self.message_user(request, error.message, level=messages.ERROR)
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:congress_importjob_progress", args=[job.pk]))

    def add_data_read_fail_error_to_form(self, form, e):
        """The reason a file was refused, in words (never the exception's class name)."""
        if isinstance(e, ImportRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error("import_file", _("The file cannot be read; check that it is CSV or XLSX as chosen."))


class PortalModelAdmin(PortalImportMixin, ImportExportModelAdmin, SimpleHistoryAdmin):
    """Base of every registry admin: import/export with our formats and a change history."""

    list_per_page = 50


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
    # Searched by name or code: a drop-down of a thousand deputies is no way to find one.
    autocomplete_fields = ["deputy"]
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
    change_list_template = "admin/congress/publication/change_list.html"

    def get_urls(self):
        from django.urls import path

        publish = path("publish/", self.admin_site.admin_view(self.publish_view), name="congress_publication_publish")
        return [publish, *super().get_urls()]

    def publish_view(self, request):
        """Staff publish a quarter that has ended by hand (the beat task does it after the grace
        period); a quarter already published stays as it is (a correction is a new revision)."""
        from django.urls import reverse

        from congress.forms import PublishQuarterForm
        from congress.guards import require_staff
        from congress.services import publication_latest, publication_waiting, quarter_publish
        from congress.site import refuse_on_form, require

        require(require_staff, request.user)
        form = PublishQuarterForm(request.POST or None)
        waiting: list[str] = []
        if form.is_valid():
            quarter = form.cleaned_data["quarter"]
            already = publication_latest(quarter)
            if not form.cleaned_data["confirmed"]:
                waiting = publication_waiting(quarter=quarter)
        if form.is_valid() and not waiting:
            try:
                publication = quarter_publish(quarter=quarter, published_by=request.user)
            except DomainError as error:
                refuse_on_form(form, error)
            else:
                text = (gettext("%(quarter)s was already published (revision %(revision)s); nothing changed.")
                        if already else gettext("%(quarter)s is published."))
                self.message_user(request, text % {"quarter": publication.quarter, "revision": publication.revision},
                                  messages.WARNING if already else messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:congress_publication_changelist"))
        if waiting:  # asked again, with the quarter kept and the answer marked as given
            form = PublishQuarterForm(initial={"quarter": str(quarter), "confirmed": True})
        return TemplateResponse(request, "admin/congress/publish_quarter.html", {
            **self.admin_site.each_context(request), "title": gettext("Publish a quarter"), "form": form,
            "waiting": waiting, "opts": self.model._meta},
            status=400 if form.is_bound else 200)


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
    actions = ["assign_role", "unlock", "logout_everywhere", "revoke_api_tokens", "deactivate",
               "reset_second_factor"]

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

    @admin.action(description=_("Unlock the selected logins (clear their failed logins)"), permissions=["change"])
    def unlock(self, request, queryset):
        from congress.services import account_unlock

        run_service_on_each(self, request, queryset, lambda user: account_unlock(
            user=user, unlocked_by=request.user), done=gettext("%(count)s logins unlocked."))

    @admin.action(description=_("Log the selected users out everywhere"), permissions=["change"])
    def logout_everywhere(self, request, queryset):
        from congress.services import account_logout_everywhere

        run_service_on_each(self, request, queryset, lambda user: account_logout_everywhere(
            user=user, ended_by=request.user), done=gettext("%(count)s users logged out on every device."))

    @admin.action(description=_("Revoke the selected users' API tokens"), permissions=["change"])
    def revoke_api_tokens(self, request, queryset):
        from congress.services import api_token_revoke

        run_service_on_each(self, request, queryset, lambda user: api_token_revoke(
            user=user, revoked_by=request.user), done=gettext("%(count)s users' API tokens revoked."))

    @admin.action(description=_("Deactivate the selected logins (and end their sessions)"), permissions=["change"])
    def deactivate(self, request, queryset):
        from congress.services import account_deactivate

        run_service_on_each(self, request, queryset, lambda user: account_deactivate(
            user=user, deactivated_by=request.user), done=gettext("%(count)s logins deactivated."))

    def save_model(self, request, obj, form, change):
        """Unticking "active" deactivates through the service: every session and token ends too."""
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            from congress.services import account_deactivate

            account_deactivate(user=obj, deactivated_by=request.user)

    @admin.action(description=_("Reset the second factor of the selected users (lost phone)"),
                  permissions=["change"])
    def reset_second_factor(self, request, queryset):
        """Removes their authenticator and recovery codes (congress.second_factor.second_factor_reset);
        each sets up a new one at their next visit to the back office."""
        from congress.second_factor import second_factor_reset

        run_service_on_each(self, request, queryset,
                            lambda user: second_factor_reset(user=user, reset_by=request.user),
                            done=gettext("%(count)s users will set up their second factor again."))

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


# import-export's row kinds, as a job's result names them.
TOTAL_LABELS = {"new": _("new records"), "update": _("updated records"), "delete": _("deleted records"),
                "skip": _("unchanged records")}


def reverse_admin_login(admin_site) -> str:
    from django.urls import reverse

    return reverse(f"{admin_site.name}:login")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Background imports: the list of the jobs a user may follow, and each job's progress page
    (refreshes itself while the job runs) with its small JSON twin."""

    list_display = ["file_name", "model_label", "status", "rows_done", "rows_total", "created_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["created_by"]

    def get_queryset(self, request):
        from congress.selectors import import_jobs_for

        return import_jobs_for(user=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from django.urls import reverse

        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:congress_importjob_progress",
                                            args=[object_id]))

    def get_urls(self):
        from django.urls import path

        return [
            path("<int:object_id>/progress/", self.progress_view, name="congress_importjob_progress"),
            path("<int:object_id>/progress.json", self.progress_json, name="congress_importjob_progress_json"),
            *super().get_urls(),
        ]

    def _job(self, request, object_id: int) -> ImportJob:
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404

        from congress.selectors import import_jobs_for

        # Not admin_view(): a signed-in user outside the back office gets a 403, not a login page.
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(import_jobs_for(user=request.user), pk=object_id)

    def progress_view(self, request, object_id: int):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path(), reverse_admin_login(self.admin_site))
        job = self._job(request, object_id)
        app_label, model_name = job.model_label.split(".")
        from django.urls import NoReverseMatch, reverse

        try:
            back = reverse(f"{self.admin_site.name}:{app_label}_{model_name}_changelist")
        except NoReverseMatch:
            back = ""
        response = TemplateResponse(request, "admin/congress/importjob_progress.html", {
            **self.admin_site.each_context(request), "title": gettext("Import of %(file)s") % {"file": job.file_name},
            "job": job, "opts": self.model._meta, "records_url": back,
            "percent": int(100 * job.rows_done / job.rows_total) if job.rows_total else 0,
            "totals": [(TOTAL_LABELS.get(kind, kind), count) for kind, count in job.totals.items() if count],
        })
        response["Cache-Control"] = "no-store"
        return response

    def progress_json(self, request, object_id: int):
        from django.http import JsonResponse

        job = self._job(request, object_id)
        return JsonResponse({"status": job.status, "finished": job.finished, "rows_done": job.rows_done,
                             "rows_total": job.rows_total, "bad_rows": len(job.errors)},
                            headers={"Cache-Control": "no-store"})
