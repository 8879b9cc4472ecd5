"""The seed's default point rules (SPEC §5), written by migration 0002 and by the demo. Staff
change a value by adding a version; these are only the starting values."""

from datetime import date

# code, name, points, self-reportable, display order
DEFAULT_RULES = [
    ("meeting_attendance", "参加代表议事会", 5, False, 10),
    ("topic_lead", "领衔民生议题", 10, False, 20),
    ("issue_resolved", "跟踪协调解决民生问题", 15, False, 30),
    ("inspection", "视察调研", 8, True, 40),
    ("reception", "走访接待选民", 5, True, 50),
    ("voter_report", "向选民述职", 10, True, 60),
    ("project_inspection", "民生实事项目视察", 8, False, 70),
    ("training", "参加履职学习培训", 3, True, 80),
]
DEFAULT_FROM = date(2017, 1, 1)


def ensure_default_rules(PointRule, PointRuleVersion) -> None:  # noqa: N803 - historical models
    """Create the default rules that do not exist yet (by code). Idempotent."""
    for code, name, points, self_reportable, order in DEFAULT_RULES:
        rule, created = PointRule.objects.get_or_create(
            code=code, defaults={"name": name, "self_reportable": self_reportable, "order": order})
        if created:
            PointRuleVersion.objects.create(rule=rule, points=points, effective_from=DEFAULT_FROM)
