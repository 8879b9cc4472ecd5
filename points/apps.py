from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = _("Deputy points ledger")
    is_portal_app = True

    def ready(self) -> None:
        from congress import pagecache
        from congress.registry import registry
        from congress.roles import Role
        from points.demo import seed_points
        from points.generate import generate_points
        from points.models import LedgerEntry
        from points.opendata import points_data_set
        from points.publication import write_publication_part
        from points.views import points_home_figures, profile_section_context, publication_waiting, work_items

        registry.publication_part("points", write_publication_part)
        # No public page shows the live ledger; a deputy's live standing is cached by its version.
        pagecache.watch("ledger", LedgerEntry, public=False)
        registry.data_set(points_data_set())
        registry.demo_step(20, "points", seed_points)
        registry.generator_step(20, "points", generate_points)
        registry.nav_item(20, _("Points ranking"), "points:ranking")
        registry.account_link(20, _("My points"), "points:my-points", roles={Role.DEPUTY})
        registry.home_figure(points_home_figures)
        registry.work_item(work_items)
        registry.publication_check(publication_waiting)
        registry.profile_section(20, "points/_profile_section.html", profile_section_context)
