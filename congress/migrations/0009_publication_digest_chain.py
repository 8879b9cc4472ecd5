"""The publications' hash chain (congress.opendata): each revision stores the SHA-256 digest of
its published data chained to the previous revision's digest. On PostgreSQL a trigger refuses to
change or delete a sealed revision (one with a digest), whatever code runs it; the publication
service seals a revision once, in its own transaction. Revisions published before this migration
are sealed, oldest first, by congress.opendata.publication_chain_complete after `migrate`
(a post_migrate handler: it needs every app's snapshot tables, which this migration cannot
depend on)."""

from django.db import migrations, models

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION congress_publication_sealed() RETURNS trigger AS $$
BEGIN
    IF OLD.digest <> '' THEN
        RAISE EXCEPTION 'publication % is sealed by its digest: it can be neither changed nor deleted', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER congress_publication_sealed BEFORE UPDATE OR DELETE ON congress_publication
    FOR EACH ROW EXECUTE FUNCTION congress_publication_sealed();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS congress_publication_sealed ON congress_publication;
DROP FUNCTION IF EXISTS congress_publication_sealed();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('congress', '0008_import_job'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='digest',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='SHA-256 digest'),
        ),
        migrations.AddField(
            model_name='publication',
            name='previous_digest',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="previous revision's digest"),
        ),
        migrations.AddField(
            model_name='publication',
            name='sequence',
            field=models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='position in the chain'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.UniqueConstraint(fields=('sequence',), name='publication_unique_chain_position'),
        ),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
