"""Downloads of public tables (CSV with BOM for Excel, XLSX, JSON), with spreadsheet formula
injection defused: a text cell starting with = + - @ or a control character is prefixed with an
apostrophe, so a spreadsheet shows it as text instead of running it.

Rates are fractions in the data (1 = 100 %): a column whose key ends in `_rate` (or is listed in
`percent_keys`) is a real number formatted as a percentage in XLSX, written as "100.0%" in CSV
(which spreadsheets read back as the same number) and kept as the fraction in JSON, like the API."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import tablib
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
BOLD = Font(bold=True)


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


def _is_percent(key: str, percent_keys) -> bool:
    return key in percent_keys or key.endswith("_rate")


def _csv_cell(value, percent: bool):
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value * 100:.1f}%"
    return escape_cell(value)


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", str(title)).strip()[:31] or "data"


def _display_width(value) -> int:
    text = "" if value is None else str(value)
    # CJK characters take two columns in a spreadsheet.
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its name, its (key, header) columns and its rows (dicts)."""

    title: str
    columns: Sequence[tuple[str, str]]
    rows: Iterable[dict]
    percent_keys: Sequence[str] = ()


def xlsx_workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of named sheets, each with a bold header, real numbers, percentages formatted,
    widths that fit and the header frozen. Written in openpyxl's write-only mode, which streams
    the cells instead of keeping a cell object for each: twice as fast on a sheet of 10,000 rows."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(sheet_title(sheet.title))
    keys = [key for key, _ in sheet.columns]
    headers = [str(header) for _, header in sheet.columns]
    percent = [_is_percent(key, sheet.percent_keys) for key in keys]
    values = [[escape_cell(_plain(row.get(key))) for key in keys] for row in sheet.rows]
    # A write-only sheet takes its widths before its first row, so they are measured first.
    widths = [_display_width(header) for header in headers]
    for row in values:
        for index, value in enumerate(row):
            width = _display_width(value)
            if width > widths[index]:
                widths[index] = width
    for index, width in enumerate(widths):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, 8), 60)
    worksheet.freeze_panes = "A2"
    worksheet.append([_styled(worksheet, header, font=BOLD) for header in headers])
    if not any(percent):
        for row in values:
            worksheet.append(row)
        return
    for row in values:
        worksheet.append([_styled(worksheet, value, number_format="0.0%") if is_percent and value is not None
                          else value for value, is_percent in zip(row, percent, strict=True)])


def _styled(worksheet, value, *, font=None, number_format: str = "") -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=value)
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_bytes(*, rows: Iterable[dict], columns: Sequence[tuple[str, str]], title: str,
               percent_keys: Sequence[str] = ()) -> bytes:
    """One named sheet (see xlsx_workbook_bytes)."""
    return xlsx_workbook_bytes([Sheet(title=title, columns=columns, rows=rows, percent_keys=percent_keys)])


def json_bytes(*, rows: Iterable[dict], keys: Sequence[str]) -> bytes:
    """The body of a JSON download: a list of objects with exactly `keys`, UTF-8. The same rows
    give the same bytes (a revision's digest is computed over them, congress.opendata)."""
    return json.dumps([{key: _plain(row.get(key)) for key in keys} for row in rows],
                      ensure_ascii=False, cls=DjangoJSONEncoder, indent=1).encode()


def table_response(*, rows: Iterable[dict], columns: Sequence[tuple[str, str]], filename: str,
                   fmt: str, title: str = "", percent_keys: Sequence[str] = ()) -> HttpResponse:
    """One public table as a download. `columns` are (key, header) pairs: only these keys leave
    the server, so a row dict carrying anything else cannot leak it. `title` names the XLSX sheet
    (default: the file name)."""
    fmt = fmt if fmt in FORMATS else "csv"
    keys = [key for key, _ in columns]
    if fmt == "json":
        response = HttpResponse(json_bytes(rows=rows, keys=keys), content_type=FORMATS[fmt])
    elif fmt == "csv":
        data = tablib.Dataset(headers=[str(header) for _, header in columns])
        percent = [_is_percent(key, percent_keys) for key in keys]
        for row in rows:
            data.append([_csv_cell(_plain(row.get(key)), is_percent) for key, is_percent in zip(keys, percent,
                                                                                                strict=True)])
        response = HttpResponse("\ufeff" + data.export("csv"), content_type=FORMATS[fmt])
    else:
        body = xlsx_bytes(rows=rows, columns=columns, title=title or filename, percent_keys=percent_keys)
        response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def wants_download(request) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None
