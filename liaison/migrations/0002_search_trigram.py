"""Trigram indexes for the site search (congress.search) on station names and addresses; PostgreSQL only."""

from django.db import migrations

from congress.search import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("liaison", "0001_initial"), ("congress", "0010_search_trigram")]

    operations = [trigram_indexes("liaison_station", "name", "address")]
