"""The audit trail's last line of defence: on PostgreSQL a trigger refuses any UPDATE or DELETE of
an audit event, whatever code runs it (raw ORM update, shell, a future bug). TRUNCATE (test
flushes) is not affected. SQLite (development) has no such guard."""

from django.db import migrations

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION congress_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit event % can be neither changed nor deleted: the audit trail is append-only', OLD.id
        USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER congress_audit_append_only BEFORE UPDATE OR DELETE ON congress_auditevent
    FOR EACH ROW EXECUTE FUNCTION congress_audit_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS congress_audit_append_only ON congress_auditevent;
DROP FUNCTION IF EXISTS congress_audit_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("congress", "0005_audit_trail")]

    operations = [migrations.RunPython(add_trigger, drop_trigger)]
