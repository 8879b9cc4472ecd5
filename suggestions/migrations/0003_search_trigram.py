"""Trigram index for the site search (congress.search) on suggestion titles; PostgreSQL only."""

from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0002_follow_up_beside_the_flow"), ("congress", "0007_search_trigram")]

    operations = [trigram_indexes("suggestions_suggestion", "title")]
