from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Core registry")
    is_portal_app = True
    role_permissions = {
        "unit_handler": {"congress.view_organizationcontact", "congress.change_organizationcontact"},
        "organ_liaison": {"congress.view_organizationcontact", "congress.change_organizationcontact"},
    }

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from congress import (
            accounts,
            audit,
            checks,  # noqa: F401 - registers the system checks
            pagecache,
        )
        from congress.demo import publish_demo_quarters, seed_registry
        from congress.largedistrict import generate_registry
        from congress.middleware import session_limits_start
        from congress.models import Community, CongressSession, Deputy, Organization, Publication, Street, Term
        from congress.opendata import publication_chain_complete, registry_data_sets
        from congress.registry import registry
        from congress.roles import Role, sync_role_groups
        from congress.selectors import deputies_search_public
        from congress.views import notice_work_items, registry_home_figures

        post_migrate.connect(sync_role_groups, dispatch_uid="congress.sync_role_groups")
        post_migrate.connect(publication_chain_complete, sender=self,
                             dispatch_uid="congress.publication_chain_complete")
        user_logged_in.connect(audit.on_logged_in, dispatch_uid="congress.audit.login")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="congress.audit.login_failed")
        user_logged_out.connect(audit.on_logged_out, dispatch_uid="congress.audit.logout")
        user_locked_out.connect(accounts.on_locked_out, dispatch_uid="congress.accounts.locked_out")
        user_logged_in.connect(session_limits_start, dispatch_uid="congress.session_limits_start")
        registry.demo_step(10, "registry", seed_registry)
        registry.demo_step(90, "publish", publish_demo_quarters)
        registry.generator_step(10, "registry", generate_registry)
        registry.nav_item(10, _("Deputies"), "deputy-list")
        registry.nav_item(90, _("Open data"), "open-data")
        registry.home_figure(registry_home_figures)
        for data_set in registry_data_sets():
            registry.data_set(data_set)
        registry.account_link(1, _("My work"), "my-work", roles={Role.DEPUTY})
        registry.work_item(notice_work_items)
        registry.search_kind(20, "deputies", _("Deputies"), deputies_search_public, "congress/_search_deputy.html")
        # What public pages read (congress.pagecache): a change re-renders the pages of its topic.
        pagecache.watch("publication", Publication)
        pagecache.watch("registry", Street, Community, Organization, Term, Deputy, CongressSession)


class PortalAdminConfig(AdminConfig):
    default_site = "congress.admin_site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscover: every app's admin module registers its models
        from django.contrib import admin
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # Authenticators are managed by their owners (enrolment, recovery codes) and reset by staff
        # with the user list's action: the back office shows no page of secrets or QR codes.
        for model in (TOTPDevice, StaticDevice):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
