from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    name = "suggestions"
    verbose_name = _("Deputy suggestions")
    is_portal_app = True
    # Unit handlers work on their own unit's handlings in the back office (scoped by for_user).
    role_permissions = {
        "unit_handler": {
            "suggestions.view_suggestion", "suggestions.view_assignment", "suggestions.view_handling",
            "suggestions.view_reply", "suggestions.view_implementationreport", "suggestions.view_evaluation",
            "suggestions.view_followupround",
        },
    }

    def ready(self) -> None:
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role
        from suggestions import checks  # noqa: F401 - registers the system check
        from suggestions import models as m
        from suggestions.demo import seed_suggestions
        from suggestions.generate import generate_suggestions
        from suggestions.opendata import suggestion_data_sets
        from suggestions.publication import write_publication_part
        from suggestions.selectors import suggestions_search_public
        from suggestions.views import home_figures, profile_section_context, work_items

        registry.publication_part("suggestions", write_publication_part)
        for data_set in suggestion_data_sets():
            registry.data_set(data_set)
        registry.demo_step(30, "suggestions", seed_suggestions)
        registry.generator_step(30, "suggestions", generate_suggestions)
        registry.nav_item(30, _("Suggestions"), "suggestions:list")
        registry.nav_item(31, _("Unit ranking"), "suggestions:ranking")
        registry.account_link(10, _("My suggestions"), "suggestions:mine", roles={Role.DEPUTY})
        registry.account_link(11, _("Suggestion handlings"), "suggestions:unit-handlings",
                              roles={Role.UNIT_HANDLER, Role.STAFF})
        registry.account_link(12, _("Suggestion statistics"), "suggestions:statistics", roles={Role.STAFF})
        registry.home_figure(home_figures)
        registry.work_item(work_items)
        registry.search_kind(10, "suggestions", _("Suggestions"), suggestions_search_public,
                             "suggestions/_search_result.html")
        pagecache.watch("suggestions", m.Suggestion, m.Cosignature, m.Assignment, m.Handling, m.Reply,
                        m.ImplementationReport, m.Evaluation)
        registry.profile_section(30, "suggestions/_profile_section.html", profile_section_context)
