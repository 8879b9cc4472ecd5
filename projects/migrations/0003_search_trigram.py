"""Trigram index for the site search (congress.search) on key-project titles; PostgreSQL only."""

from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_microproject"), ("congress", "0010_search_trigram")]

    operations = [trigram_indexes("projects_keyproject", "title")]
