from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison stations")
    is_portal_app = True
    # Station staff record their own stations' meetings, receptions and issues in the back office
    # (scoped by for_user); they read, but do not edit, their station's registry rows.
    role_permissions = {
        "station_staff": {
            "liaison.view_station", "liaison.view_contactpoint", "liaison.view_stationeddeputy",
            "liaison.view_liaison", "liaison.add_liaison", "liaison.change_liaison",
            "liaison.view_meeting", "liaison.view_attendance", "liaison.view_topic",
            "liaison.view_reception", "liaison.view_livelihoodissue", "liaison.view_issueevent",
        },
    }

    def ready(self) -> None:
        from congress.registry import registry
        from liaison.demo import seed_liaison

        registry.demo_step(14, "liaison", seed_liaison)
