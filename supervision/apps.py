from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("1+3 linked supervision")
    is_portal_app = True
    # What the back office shows each role; which rows it shows is decided by for_user().
    role_permissions = {
        "organ_liaison": {"supervision.view_clue", "supervision.view_case", "supervision.view_caseaction",
                          "supervision.view_outcome", "supervision.view_rectification"},
        "unit_handler": {"supervision.view_rectification"},
    }

    def ready(self) -> None:
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role
        from supervision import models as m
        from supervision.demo import seed_supervision
        from supervision.views import supervision_home_figures

        registry.demo_step(40, "supervision", seed_supervision)
        from supervision.opendata import supervision_data_sets

        for data_set in supervision_data_sets():
            registry.data_set(data_set)
        registry.nav_item(40, _("Linked supervision"), "supervision:statistics")
        registry.account_link(40, _("Supervision clues"), "supervision:clue-list", roles={Role.STAFF})
        registry.account_link(41, _("My organ's cases"), "supervision:organ-home", roles={Role.ORGAN_LIAISON})
        registry.account_link(42, _("Rectification items"), "supervision:rectification-list",
                              roles={Role.UNIT_HANDLER})
        registry.home_figure(supervision_home_figures)
        # The home figure (cached for every topic) counts clues live.
        pagecache.watch("supervision", m.Clue)
