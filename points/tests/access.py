"""Points' routes in the authorization matrix (congress.access_matrix)."""

from congress.access_matrix import Target

ACCESS: dict = {}


def objects(world):
    from congress.tests.factories import DeputyFactory
    from points.defaults import ensure_default_rules
    from points.models import PointRule, PointRuleVersion
    from points.tests.factories import self_report

    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    own = self_report(world.deputy, rules)
    other = self_report(DeputyFactory(), rules)
    entry = Target(other={"pk": other.pk}, own={"deputy": {"pk": own.pk}})
    evidence = Target(other={"pk": other.self_report.pk if hasattr(other, "self_report") else other.pk},
                      own={"deputy": {"pk": own.self_report.pk if hasattr(own, "self_report") else own.pk}})
    return {
        "points-api:quarter": Target(other={"quarter": "2020Q4"}),
        "points-api:ranking": Target(other={"quarter": "2020Q4"}),
        "points-api:entr*": entry,
        "points:evidence": evidence,
    }
