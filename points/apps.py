from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PUBLISH_DUE_QUARTER_ENTRY = "congress.publish_due_quarter"


def _ensure_beat_schedule() -> None:
    """The daily run of congress.tasks.publish_due_quarter_task (SPEC §8). The foundation leaves
    CELERY_BEAT_SCHEDULE empty for apps to fill; points is the first app with a published part,
    so it adds the entry unless the settings already hold one (read at start-up, not import)."""
    from celery.schedules import crontab
    from django.conf import settings

    from congress.celery import app

    schedule = app.conf.beat_schedule
    if any(entry.get("task") == "congress.tasks.publish_due_quarter_task"
           for entry in {**getattr(settings, "CELERY_BEAT_SCHEDULE", {}), **schedule}.values()):
        return
    schedule[PUBLISH_DUE_QUARTER_ENTRY] = {
        "task": "congress.tasks.publish_due_quarter_task",
        "schedule": crontab(hour=2, minute=30),
    }
    app.conf.beat_schedule = schedule


class PointsConfig(AppConfig):
    name = "points"
    verbose_name = _("Deputy points ledger")
    is_portal_app = True

    def ready(self) -> None:
        from congress.registry import registry
        from points.demo import publish_demo_quarters, seed_points
        from points.services import publication_write
        from points.views import points_home_figures, profile_section_context

        registry.publication_part("points", publication_write)
        registry.demo_step(20, "points", seed_points)
        registry.demo_step(90, "publish", publish_demo_quarters)
        registry.nav_item(20, _("Points ranking"), "points:ranking")
        registry.nav_item(90, _("My points"), "points:my-points")
        registry.home_figure(points_home_figures)
        registry.profile_section(20, "points/_profile_section.html", profile_section_context)
        _ensure_beat_schedule()
