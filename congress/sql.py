"""Set-based writes the ORM has no method for, and the names hand-written SQL uses."""

from __future__ import annotations

from django.db import connection, connections, router
from django.db.models import QuerySet


def table(model) -> str:
    """The model's table, quoted for hand-written SQL."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model, field_name: str) -> str:
    """The column of one of the model's fields ("pk" included), quoted for hand-written SQL."""
    meta = model._meta
    return connection.ops.quote_name((meta.pk if field_name == "pk" else meta.get_field(field_name)).column)


def insert_select(model, *, constants: dict, rows: QuerySet | None = None,
                  select: tuple[str, list, list[str]] | None = None) -> int:
    """INSERT INTO model's table the rows of a SELECT, in one statement in the database (no row
    passes through Python, so memory stays flat however many rows there are). The SELECT is a
    values() queryset whose keys are field attnames of `model` (e.g. "deputy_id") whose values are
    all expressions (`values(deputy_id=F("pk"), …)` or annotations), or `select=(sql, params,
    column names)`. `constants` gives the other fields' values, the same for every row.
    Returns the row count."""
    using = router.db_for_write(model)
    connection = connections[using]
    quote = connection.ops.quote_name
    if select is not None:
        select_sql, select_params, names = select
    else:
        names = list(rows.query.values_select) + list(rows.query.annotation_select)
        select_sql, select_params = rows.query.sql_with_params()
    columns = [model._meta.get_field(name).column for name in constants]
    columns += [model._meta.get_field(name).column for name in names]
    placeholders = ", ".join(["%s"] * len(constants))
    picked = ", ".join(f"rows.{quote(name)}" for name in names)
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
           f"SELECT {placeholders}{', ' if constants else ''}{picked} FROM ({select_sql}) rows")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*constants.values(), *select_params])
        return cursor.rowcount
