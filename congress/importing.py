"""Import and export for the back office (django-import-export), shared by every app.

- CSV files are read as bytes and decoded as UTF-8 (with or without BOM) or else GBK/GB18030,
  which is what Excel on a Chinese Windows desktop saves.
- An import is all or nothing: any bad row rolls back every row, and every bad row is reported
  with its line and reason (django-import-export keeps valid rows unless told otherwise).
- Exported text cells that a spreadsheet would run as a formula are escaped.
- Importing and exporting need the explicit `import_<model>` / `export_<model>` permissions
  (settings.IMPORT_EXPORT_*_PERMISSION_CODE); models that can be imported list them in
  Meta.default_permissions via IMPORTABLE_PERMISSIONS.
- A file cannot hurt the portal: its bytes, rows, columns and cell lengths, and an XLSX's unpacked
  size and entry count, are checked against settings.IMPORT_LIMITS before or while it is read
  (streamed: the csv module; openpyxl in read-only mode, with defusedxml against XML entity
  attacks); a file over a limit is refused with a message naming the limit (ImportRefused).
- What the back office exports re-imports unchanged: the apostrophe that defuses a formula on
  export is removed on import ('+86 138… → +86 138…).
- Booleans, whole numbers and decimals are parsed strictly (StrictBooleanWidget, …): "maybe" is an
  error of that cell, never False. Columns are checked by name before any row: missing and
  unknown columns are named in plain words.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import resources, results, widgets
from import_export.formats import base_formats

from congress.downloads import FORMULA_PREFIXES, escape_cell

logger = logging.getLogger(__name__)


class ImportRefused(ValueError):
    """The file was refused before its rows were imported (a limit, its encoding, its columns);
    the message says why in the user's language."""


def import_limit(name: str) -> int:
    return settings.IMPORT_LIMITS[name]


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def check_file_size(size: int) -> None:
    if size > import_limit("max_bytes"):
        raise ImportRefused(_("The file is larger than %(limit)s; split it into smaller files.")
                            % {"limit": _mb(import_limit("max_bytes"))})


def unescape_cell(value):
    """Undo the export's formula escape: "'=1+1" → "=1+1", "'+86 138…" → "+86 138…"."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and (
            value[1] in FORMULA_PREFIXES or ord(value[1]) < 32):
        return value[1:]
    return value


class _RowLimits:
    """Counts rows and checks columns and cell lengths while a file is read."""

    def __init__(self):
        self.max_rows, self.max_columns = import_limit("max_rows"), import_limit("max_columns")
        self.max_cell = import_limit("max_cell_chars")
        self.rows = 0

    def check(self, row) -> list:
        self.rows += 1
        if self.rows > self.max_rows + 1:  # + the header
            raise ImportRefused(_("The file has more than %(limit)s rows; split it into smaller files.")
                                % {"limit": self.max_rows})
        while row and row[-1] in (None, ""):
            row = row[:-1]
        if len(row) > self.max_columns:
            raise ImportRefused(_("Line %(line)s has more than %(limit)s columns.")
                                % {"line": self.rows, "limit": self.max_columns})
        cells = []
        for cell in row:
            if isinstance(cell, str) and len(cell) > self.max_cell:
                raise ImportRefused(_("A cell on line %(line)s is longer than %(limit)s characters.")
                                    % {"line": self.rows, "limit": self.max_cell})
            cells.append(unescape_cell(cell))
        return cells


def _dataset(rows: list[list]) -> tablib.Dataset:
    if not rows:
        raise ImportRefused(_("The file is empty."))
    headers = [str(h).strip() if h is not None else "" for h in rows[0]]
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for row in rows[1:]:
        if not any(cell not in (None, "") for cell in row):
            continue  # blank lines (Excel leaves them at the end)
        row = (list(row) + [""] * width)[:width] if len(row) <= width else row
        if len(row) > width:
            raise ImportRefused(_("Line %(line)s has more cells than the header has columns.")
                                % {"line": len(dataset) + 2})
        dataset.append(row)
    return dataset


def read_csv(data: bytes | str) -> tablib.Dataset:
    """A CSV file (UTF-8, BOM or GBK) within the import limits."""
    if isinstance(data, bytes):
        check_file_size(len(data))
    text = decode_text(data)
    limits = _RowLimits()
    csv.field_size_limit(limits.max_cell + 1)
    try:
        rows = [limits.check(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        if "larger than field limit" in str(error):
            raise ImportRefused(_("A cell is longer than %(limit)s characters.")
                                % {"limit": limits.max_cell}) from error
        raise ImportRefused(_("The file is not valid CSV: %(error)s") % {"error": error}) from error
    return _dataset(rows)


def check_xlsx_archive(data: bytes) -> zipfile.ZipFile:
    """An XLSX file's size, entries, unpacked size and compression ratio, before any XML is
    parsed (cheap: reads the zip's directory only)."""
    check_file_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportRefused(_("The file is not an Excel workbook (.xlsx).")) from error
    if len(entries) > import_limit("xlsx_max_entries"):
        raise ImportRefused(_("The workbook holds more than %(limit)s parts; save it again as a plain .xlsx.")
                            % {"limit": import_limit("xlsx_max_entries")})
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > import_limit("xlsx_max_unpacked_bytes") or any(
            entry.compress_size and entry.file_size / entry.compress_size > import_limit("xlsx_max_ratio")
            for entry in entries if entry.file_size > 1024 * 1024):
        raise ImportRefused(_("The workbook unpacks to more than %(limit)s; split it into smaller files.")
                            % {"limit": _mb(import_limit("xlsx_max_unpacked_bytes"))})
    return archive


def read_xlsx(data: bytes) -> tablib.Dataset:
    """The first sheet of an XLSX file within the import limits: the archive is inspected before
    any XML is parsed (entries, unpacked size, compression ratio), then rows are streamed."""
    import openpyxl

    check_xlsx_archive(data)
    limits = _RowLimits()
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = [limits.check(list(row)) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - any parser error means "not a workbook we can read"
        logger.info("unreadable workbook: %r", error)
        raise ImportRefused(_("The workbook cannot be read; save it again in Excel as .xlsx.")) from error
    return _dataset([["" if cell is None else cell for cell in row] for row in rows])

IMPORTABLE_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(data: bytes | str) -> str:
    """UTF-8 (BOM or not) first, then GB18030 (a superset of GBK and GB2312)."""
    if isinstance(data, str):
        return data
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(_("The file is neither UTF-8 nor GBK text."))


def _escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    escaped = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        escaped.append([escape_cell(cell) for cell in row])
    return escaped


class CSV(base_formats.CSV):
    """CSV in UTF-8, UTF-8 with BOM or GBK; exported with a BOM so Excel shows Chinese right."""

    def is_binary(self):
        # Read the upload as bytes so we can choose the encoding ourselves.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return read_csv(in_stream)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + _escaped(dataset).export("csv", **kwargs)


class XLSX(base_formats.XLSX):
    def create_dataset(self, in_stream, **kwargs):
        return read_xlsx(in_stream)

    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset), **kwargs)


IMPORT_FORMATS = [CSV, XLSX]
EXPORT_FORMATS = [CSV, XLSX]


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A relation named by a natural key (a street's name, a deputy's number). A value that names
    nothing is a validation error of that cell, so it is reported with the row's other errors and
    with every other bad row (a plain ForeignKeyWidget raises DoesNotExist, which import-export
    treats as a crash and which hides the other rows' validation errors)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ObjectDoesNotExist, MultipleObjectsReturned):
            raise ValueError(_("No %(model)s is “%(value)s”.") % {
                "model": self.model._meta.verbose_name, "value": value}) from None


class StrictBooleanWidget(widgets.BooleanWidget):
    """1/0, true/false, yes/no, 是/否, TRUE/FALSE (Excel); an empty cell is no value. Anything else is
    an error of that cell (import-export's own widget reads "maybe" as False)."""

    TRUE = {"1", "true", "yes", "y", "是", "√"}
    FALSE = {"0", "false", "no", "n", "否", "×"}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text == "":
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is not a yes/no value: write 1 or 0 (是 or 否).") % {"value": value})


class StrictIntegerWidget(widgets.IntegerWidget):
    """A whole number; "1.5", "1e3" or "12 people" are errors (not 1, 1000 or a crash)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
            return int(value)
        if isinstance(value, int):
            return value
        text = str(value).strip()
        sign, digits = (text[0], text[1:]) if text[:1] in "+-" else ("", text)
        if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(sign + digits)


class StrictDecimalWidget(widgets.DecimalWidget):
    """A finite decimal number ("NaN", "Infinity" and words are errors)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        return number


class PortalResult(results.Result):
    """Row numbers as the user sees them in the file: the header is line 1, so the first data row
    is line 2 (import-export counts data rows from 1, and numbers crashed rows by their position
    among the reported rows)."""

    HEADER_LINES = 1

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + self.HEADER_LINES, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + self.HEADER_LINES, row, errors)

    def row_errors(self):
        return [(row.number, row.errors) for row in self.error_rows]

    def append_base_error(self, error):
        # Staff see the reason, never a traceback with server paths (it goes to the log).
        if not isinstance(error.error, ImportRefused):
            logger.error("import failed: %r", error.error, exc_info=error.error)
        error.traceback = ""
        super().append_base_error(error)


class PortalResource(resources.ModelResource):
    """Base of every resource: model validation per row, all-or-nothing imports, strict cells and
    columns checked by name."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **dict.fromkeys(["BooleanField", "NullBooleanField"], StrictBooleanWidget),
        **dict.fromkeys(["IntegerField", "PositiveIntegerField", "BigIntegerField", "PositiveBigIntegerField",
                         "PositiveSmallIntegerField", "SmallIntegerField"], StrictIntegerWidget),
        "DecimalField": StrictDecimalWidget,
    }

    @classmethod
    def get_result_class(cls):
        return PortalResult

    def before_import(self, dataset, **kwargs):
        """Missing and unknown columns, named in plain words, before any row is read."""
        fields = self.get_import_fields()
        # Read-only columns (a name shown beside a code) may come back with an export; none is needed.
        expected = [field.column_name for field in fields if not field.readonly]
        known = {field.column_name for field in fields}
        headers = [str(h).strip() for h in (dataset.headers or [])]
        missing = [name for name in expected if name not in headers]
        unknown = [name for name in headers if name and name not in known]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
            if unknown:
                parts.append(_("columns this import does not know: %(names)s") % {"names": ", ".join(unknown)})
            raise ImportRefused(_("The file's columns do not fit (%(problems)s). The first row must name "
                                  "these columns: %(expected)s.") % {"problems": "; ".join(parts),
                                                                     "expected": ", ".join(expected)})
        super().before_import(dataset, **kwargs)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, audit=True, **kwargs):
        # One bad row must keep every row out, whoever calls us (admin, command or test).
        # audit=False: the caller imports a file a chunk at a time and records one event itself.
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                     use_transactions=True, collect_failed_rows=collect_failed_rows,
                                     rollback_on_validation_errors=True, **kwargs)
        if audit and not dry_run and not (result.has_errors() or result.has_validation_errors()):
            from congress.audit import Action, audit_record

            audit_record(action=Action.IMPORTED, actor=kwargs.get("user"),
                         detail={"resource": self._meta.model._meta.label, "rows": len(dataset),
                                 "totals": {str(k): v for k, v in result.totals.items()}})
        return result


# --- large files: a row estimate before parsing, and the chunked all-or-nothing import -----------

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def estimate_rows(data: bytes, file_format: str) -> int | None:
    """Data rows a file probably holds, without parsing it: a CSV's line breaks (a quoted cell
    with line breaks counts more), an XLSX first sheet's <dimension> (None when the workbook does
    not say). Decides whether an import runs in the background, never whether it is allowed."""
    if file_format == "csv":
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        return max(lines - 1, 0)
    archive = check_xlsx_archive(data)
    sheets = sorted(name for name in archive.namelist()
                    if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    if not sheets:
        return None
    with archive.open(sheets[0]) as sheet:
        head = sheet.read(4096)  # the dimension comes first; never the whole (maybe huge) sheet
    found = _DIMENSION.search(head)
    return max(int(found.group(1)) - 1, 0) if found else None


def file_format_of(input_format) -> str:
    """"csv" or "xlsx" for one of IMPORT_FORMATS (a class or an instance)."""
    cls = input_format if isinstance(input_format, type) else type(input_format)
    return "xlsx" if issubclass(cls, base_formats.XLSX) else "csv"


def read_file(data: bytes, file_format: str) -> tablib.Dataset:
    """A stored file as a dataset, every limit checked (ImportRefused otherwise)."""
    return read_xlsx(data) if file_format == "xlsx" else read_csv(data)


def result_problems(result, *, offset: int = 0) -> list[tuple[int | None, str]]:
    """(line in the file, reason) for every bad row of one import_data result; line None is about
    the whole file (its columns, a limit)."""
    found: list[tuple[int | None, str]] = []
    for row in result.invalid_rows:
        reasons = "; ".join(f"{field}: {' '.join(str(m) for m in messages)}"
                            for field, messages in row.field_specific_errors.items())
        reasons = "; ".join(filter(None, [reasons, *(str(m) for m in row.non_field_specific_errors)]))
        found.append((row.number + offset, reasons))
    for number, errors in result.row_errors():
        found.append((number + offset, "; ".join(str(error.error) for error in errors)))
    for error in result.base_errors:
        found.append((None, str(error.error)))
    return found


class _RolledBack(Exception):
    pass


def import_all_or_nothing(resource_class, dataset: tablib.Dataset, *, user=None, dry_run: bool = False,
                          chunk: int = 500, progress=None, audit_detail: dict | None = None):
    """Import a whole dataset in one transaction, `chunk` rows at a time so `progress(done, total)`
    can be called between chunks; any bad row rolls every row back. Returns (problems, totals):
    problems is [(line, reason)] for every bad row (empty when imported), totals counts rows by
    import type. One audit event ("data.imported") for the whole file, in the same transaction.
    A file-level problem (its columns) stops at the first chunk: it would repeat on every one."""
    from congress.audit import Action, audit_record

    total = len(dataset)
    chunk = max(chunk, 1)
    problems: list[tuple[int | None, str]] = []
    totals: dict[str, int] = {}
    try:
        with transaction.atomic():
            for start in range(0, total, chunk):
                part = dataset.subset(rows=range(start, min(start + chunk, total)))
                result = resource_class().import_data(part, dry_run=False, user=user, audit=False)
                problems += result_problems(result, offset=start)
                for kind, count in result.totals.items():
                    totals[str(kind)] = totals.get(str(kind), 0) + count
                if progress is not None:
                    progress(min(start + chunk, total), total)
                if result.base_errors:
                    break
            if problems or dry_run:
                raise _RolledBack
            audit_record(action=Action.IMPORTED, actor=user,
                         detail={"resource": resource_class._meta.model._meta.label, "rows": total,
                                 "totals": totals, **(audit_detail or {})})
    except _RolledBack:
        pass
    problems.sort(key=lambda item: (item[0] is not None, item[0] or 0))
    return problems, totals
