"""The ledger's last line of defence, and the seed's default rules.

On PostgreSQL a trigger refuses any UPDATE or DELETE of a verified or rejected ledger entry, and
any UPDATE or DELETE of a published snapshot row, whatever code runs it (raw ORM update, shell,
a future bug). TRUNCATE (test flushes) is not affected. SQLite (development) has no such guard.

The default rules are those the liaison and projects apps award automatically, plus the other
duty activities of SPEC §5 with initial values that staff change by adding a new version."""

from datetime import date

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION points_ledger_append_only() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'points ledger entry % is %: it can be neither changed nor deleted; reverse it instead',
            OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER points_ledger_append_only BEFORE UPDATE OR DELETE ON points_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();

CREATE OR REPLACE FUNCTION points_snapshot_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'published points snapshots are immutable; publish a correction instead'
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER points_deputy_snapshot_immutable BEFORE UPDATE OR DELETE ON points_deputypointssnapshot
    FOR EACH ROW EXECUTE FUNCTION points_snapshot_immutable();
CREATE TRIGGER points_district_snapshot_immutable BEFORE UPDATE OR DELETE ON points_districtpointssnapshot
    FOR EACH ROW EXECUTE FUNCTION points_snapshot_immutable();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS points_ledger_append_only ON points_ledgerentry;
DROP TRIGGER IF EXISTS points_deputy_snapshot_immutable ON points_deputypointssnapshot;
DROP TRIGGER IF EXISTS points_district_snapshot_immutable ON points_districtpointssnapshot;
DROP FUNCTION IF EXISTS points_ledger_append_only();
DROP FUNCTION IF EXISTS points_snapshot_immutable();
"""

# code, name, points, self-reportable, order
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


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


def add_rules(apps, schema_editor):
    PointRule = apps.get_model("points", "PointRule")
    PointRuleVersion = apps.get_model("points", "PointRuleVersion")
    for code, name, points, self_reportable, order in DEFAULT_RULES:
        rule, created = PointRule.objects.get_or_create(
            code=code, defaults={"name": name, "self_reportable": self_reportable, "order": order})
        if created:
            PointRuleVersion.objects.create(rule=rule, points=points, effective_from=DEFAULT_FROM)


class Migration(migrations.Migration):
    dependencies = [("points", "0001_initial")]

    operations = [
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(add_rules, migrations.RunPython.noop),
    ]
