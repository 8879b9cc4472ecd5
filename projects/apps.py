from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Livelihood projects")
    is_portal_app = True
    # Lead units report progress on their own projects in the site; in the back office they only read them.
    role_permissions = {
        "unit_handler": {"projects.view_keyproject", "projects.view_milestone", "projects.view_progressreport"},
    }

    def ready(self) -> None:
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role
        from projects import models as m
        from projects.demo import seed_projects
        from projects.generate import generate_projects
        from projects.selectors import micro_projects_search_public, projects_search_public
        from projects.views import home_figures, profile_section_context, work_items

        registry.demo_step(16, "projects", seed_projects)
        registry.generator_step(35, "projects", generate_projects)
        from projects.opendata import project_data_sets

        for data_set in project_data_sets():
            registry.data_set(data_set)
        registry.nav_item(40, _("Livelihood projects"), "projects:index")
        registry.account_link(30, _("Project ballots"), "projects:my-ballots", roles={Role.DEPUTY})
        registry.account_link(31, _("Project progress reports"), "projects:unit-projects",
                              roles={Role.UNIT_HANDLER, Role.STAFF})
        registry.home_figure(home_figures)
        registry.work_item(work_items)
        # The home figures and the deputy profile (cached for every topic) read these live.
        pagecache.watch("projects", m.KeyProject, m.Ballot, m.Candidacy, m.SupervisionMembership, m.MicroProject)
        registry.profile_section(50, "projects/_profile_section.html", profile_section_context)
        registry.search_kind(40, "projects", _("Key livelihood projects"), projects_search_public,
                             "projects/_search_result.html")
        registry.search_kind(41, "micro-projects", _("Micro-projects"), micro_projects_search_public,
                             "projects/_micro_search_result.html")
