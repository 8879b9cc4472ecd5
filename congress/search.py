"""The site search: each app registers the public rows it lets citizens find
(`registry.search_kind`), ranked here the same way for every kind.

Why not trigram similarity alone: pg_trgm splits text into words at non-alphanumeric characters,
and Chinese has no spaces, so a whole title is one "word". With the server's C.UTF-8 ctype
`similarity('学校维修', '维修')` is 0.14 and `word_similarity('维修', '区小学校舍维修工程')` is 0:
a short Chinese query never reaches pg_trgm's similarity threshold. So rows are FOUND by
`icontains` (on PostgreSQL the GIN trigram indexes the apps' migrations create serve these
`UPPER(col) LIKE UPPER('%…%')` scans for queries of three characters or more) and RANKED by where
the text first occurs in the main field, then (PostgreSQL) by trigram similarity, then by the
field's length: the same results on SQLite, where only the similarity step is missing."""

from __future__ import annotations

from django.db import connection, migrations
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Lower, StrIndex

MAX_QUERY_CHARS = 50
NOT_IN_MAIN_FIELD = 10_000


def ranked(qs: QuerySet, text: str, fields: list[str]) -> QuerySet:
    """Rows of qs with `text` in any of `fields`, best first: the earlier the text comes in
    fields[0], the better; rows that hold it only in another field come after."""
    text = text.strip()
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": text})
    main = fields[0]
    qs = qs.filter(condition).annotate(
        search_position=Case(
            When(**{f"{main}__icontains": text}, then=StrIndex(Lower(main), Value(text.lower()))),
            default=Value(NOT_IN_MAIN_FIELD), output_field=IntegerField()),
        search_length=Length(main))
    order = ["search_position"]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        qs = qs.annotate(search_similarity=TrigramSimilarity(main, text))
        order.append("-search_similarity")
    return qs.order_by(*order, "search_length", "pk")


def trigram_indexes(table: str, *columns: str) -> migrations.RunPython:
    """A migration operation: GIN trigram indexes on UPPER(column) (what Django's `icontains`
    compares on PostgreSQL); nothing on SQLite. Needs congress's pg_trgm migration first."""

    def name(column: str) -> str:
        return f"{table}_{column}_trgm"[:63]

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name(column)}" ON "{table}" '
                                  f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)')

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name(column)}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


def search_groups(*, text: str, selected=None, page_number=None, preview_rows: int = 5,
                  page_rows: int = 20) -> list[dict]:
    """The site search over every registered kind of public row (registry.search_kind): per kind
    its count and first rows, or, for the `selected` kind, one page of its rows. Two queries per
    kind, whatever the data size; only what each kind's own public search returns."""
    from django.core.paginator import Paginator

    from congress.registry import registry

    groups = []
    for kind in registry.search_kinds:
        rows = kind.search(text)
        if selected is None:
            count = rows.count()
            groups.append({"kind": kind, "count": count, "rows": list(rows[:preview_rows]) if count else []})
        elif kind is selected:
            page = Paginator(rows, page_rows).get_page(page_number)
            groups.append({"kind": kind, "count": page.paginator.count, "rows": page.object_list, "page": page})
        else:
            groups.append({"kind": kind, "count": rows.count(), "rows": []})
    return groups

