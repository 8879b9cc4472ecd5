from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointeesConfig(AppConfig):
    name = "appointees"
    verbose_name = _("Supervision of appointees")
    is_portal_app = True
    role_permissions = {
        "unit_handler": {"appointees.view_dutyreport"},
    }

    def ready(self) -> None:
        from appointees import models as m
        from appointees.demo import seed_appointees
        from appointees.generate import generate_appointees
        from appointees.views import appointee_home_figures, profile_section_context, work_items
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role

        registry.demo_step(50, "appointees", seed_appointees)
        registry.generator_step(45, "appointees", generate_appointees)
        from appointees.opendata import appointee_data_sets

        for data_set in appointee_data_sets():
            registry.data_set(data_set)
        registry.nav_item(50, _("Appointees"), "appointees:index")
        registry.account_link(50, _("Rate officials"), "appointees:rate-list", roles={Role.COMMITTEE_MEMBER})
        registry.account_link(51, _("Duty reports"), "appointees:report-submit", roles={Role.UNIT_HANDLER})
        registry.home_figure(appointee_home_figures)
        registry.work_item(work_items)
        # The home figure and the deputy profile (cached for every topic) read announced sessions live.
        pagecache.watch("appointees", m.RatingSession, m.RatingMember)
        registry.profile_section(60, "appointees/_profile_section.html", profile_section_context)
