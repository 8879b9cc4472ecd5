"""The ledger's last line of defence, and the seed's default rules.

On PostgreSQL a trigger refuses any UPDATE or DELETE of a verified or rejected ledger entry, and
any UPDATE or DELETE of a published snapshot row, whatever code runs it (raw ORM update, shell,
a future bug). TRUNCATE (test flushes) is not affected. SQLite (development) has no such guard.

The default rules are those the liaison and projects apps award automatically, plus the other
duty activities of SPEC §5 with initial values that staff change by adding a new version."""

from django.db import migrations

from points.defaults import ensure_default_rules

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

def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


def add_rules(apps, schema_editor):
    ensure_default_rules(apps.get_model("points", "PointRule"), apps.get_model("points", "PointRuleVersion"))


class Migration(migrations.Migration):
    dependencies = [("points", "0001_initial")]

    operations = [
        migrations.RunPython(add_triggers, drop_triggers),
        migrations.RunPython(add_rules, migrations.RunPython.noop),
    ]
