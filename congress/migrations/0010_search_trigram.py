"""The site search (congress.search): pg_trgm on PostgreSQL (nothing on SQLite) and a trigram index
on deputies' names; each app indexes its own searched columns in its own migration."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("congress", "0009_publication_digest_chain")]

    operations = [
        TrigramExtension(),
        trigram_indexes("congress_deputy", "name"),
    ]
