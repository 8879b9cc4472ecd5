"""Trigram index for the site search (congress.search) on micro-project titles; PostgreSQL only."""

from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_search_trigram")]

    operations = [trigram_indexes("projects_microproject", "title")]
