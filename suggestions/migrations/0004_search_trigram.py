"""Trigram index for the site search (congress.search) on suggestion titles; PostgreSQL only."""

from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0003_published_list_order_index"), ("congress", "0010_search_trigram")]

    operations = [trigram_indexes("suggestions_suggestion", "title")]
