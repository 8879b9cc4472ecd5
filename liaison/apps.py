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
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role
        from liaison import models as m
        from liaison.demo import seed_liaison
        from liaison.generate import generate_liaison
        from liaison.selectors import stations_search_public
        from liaison.views import home_figures, profile_section_context, work_items
        from points.selectors import register_total_level

        registry.demo_step(14, "liaison", seed_liaison)
        registry.generator_step(25, "liaison", generate_liaison)
        from liaison.opendata import liaison_data_sets

        for data_set in liaison_data_sets():
            registry.data_set(data_set)
        registry.nav_item(40, _("Liaison stations"), "liaison:directory")
        registry.account_link(40, _("My station"), "liaison:work", roles={Role.STATION_STAFF})
        registry.account_link(41, _("My meetings and issues"), "liaison:my", roles={Role.DEPUTY})
        registry.home_figure(home_figures)
        registry.work_item(work_items)
        # The station pages, the home figures and the deputy profile (cached) read these live.
        pagecache.watch("liaison", m.Station, m.ContactPoint, m.StationedDeputy, m.Meeting, m.Attendance,
                        m.Topic, m.Reception, m.LivelihoodIssue, m.IssueEvent)
        registry.search_kind(30, "stations", _("Liaison stations"), stations_search_public,
                             "liaison/_search_result.html")
        registry.profile_section(40, "liaison/_profile_section.html", profile_section_context)
        # Points per station: through the deputies stationed there (points does not know stations).
        register_total_level("station", id_path="deputy__liaison_stationings__station_id",
                             name_path="deputy__liaison_stationings__station__name")
