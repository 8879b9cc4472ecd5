"""Downloads of public tables (CSV with BOM for Excel, XLSX, JSON), with spreadsheet formula
injection defused: a text cell starting with = + - @ or a control character is prefixed with an
apostrophe, so a spreadsheet shows it as text instead of running it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

import tablib
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def escape_cell(value):
    """Defuse a cell that a spreadsheet would read as a formula. Numbers stay numbers."""
    if isinstance(value, str) and value and (value[0] in FORMULA_PREFIXES or ord(value[0]) < 32):
        return "'" + value
    return value


def _plain(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def table_response(*, rows: Iterable[dict], columns: Sequence[tuple[str, str]], filename: str,
                   fmt: str) -> HttpResponse:
    """One public table as a download. `columns` are (key, header) pairs: only these keys leave
    the server, so a row dict carrying anything else cannot leak it."""
    fmt = fmt if fmt in FORMATS else "csv"
    keys = [key for key, _ in columns]
    if fmt == "json":
        body = json.dumps([{key: _plain(row.get(key)) for key in keys} for row in rows],
                          ensure_ascii=False, cls=DjangoJSONEncoder, indent=1)
        response = HttpResponse(body, content_type=FORMATS[fmt])
    else:
        data = tablib.Dataset(headers=[str(header) for _, header in columns])
        for row in rows:
            data.append([escape_cell(_plain(row.get(key))) for key in keys])
        if fmt == "csv":
            response = HttpResponse("\ufeff" + data.export("csv"), content_type=FORMATS[fmt])
        else:
            response = HttpResponse(data.export("xlsx"), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def wants_download(request) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None
