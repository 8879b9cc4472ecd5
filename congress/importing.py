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
  (the csv module; an XLSX's archive is inspected before any XML is parsed, then its first
  worksheet is read by calamine, whose XML reader expands no entities); a file over a limit is
  refused with a message naming the limit (ImportRefused).
- What the back office exports re-imports unchanged: the apostrophe that defuses a formula on
  export is removed on import ('+86 138… → +86 138…).
- Booleans, whole numbers and decimals are parsed strictly (StrictBooleanWidget, …): "maybe" is an
  error of that cell, never False. Columns are checked by name before any row: missing and
  unknown columns are named in plain words.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import logging
import re
import zipfile
from decimal import Decimal, InvalidOperation

import tablib
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, MultipleObjectsReturned, ObjectDoesNotExist, ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Model, Q
from django.utils.translation import gettext as _
from import_export import fields, instance_loaders, resources, results, widgets
from import_export.formats import base_formats
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

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
    """The first worksheet of an XLSX file within the import limits: the archive is inspected
    before any XML is parsed (entries, unpacked size, compression ratio), then the sheet is read by
    calamine (Rust; about ten times openpyxl's speed, which was a quarter of a 10,000-row import).
    Cells come back as openpyxl gave them: a whole number as an int, a date as a datetime."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    check_xlsx_archive(data)
    limits = _RowLimits()
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        first = next((index for index, sheet in enumerate(book.sheets_metadata)
                      if sheet.typ == SheetTypeEnum.WorkSheet), None)
        if first is None:
            raise ImportRefused(_("The workbook has no worksheet."))
        # From A1, as the user sees the sheet: a line number in a message is the sheet's row.
        rows = [limits.check([_xlsx_cell(cell) for cell in row])
                for row in book.get_sheet_by_index(first).to_python(skip_empty_area=False)]
    except ImportRefused:
        raise
    except Exception as error:  # noqa: BLE001 - any parser error means "not a workbook we can read"
        logger.info("unreadable workbook: %r", error)
        raise ImportRefused(_("The workbook cannot be read; save it again in Excel as .xlsx.")) from error
    return _dataset(rows)


def _xlsx_cell(value):
    # Excel keeps every number as a float; a whole one is an int in the sheet the user typed
    # (a code 1001 must not become "1001.0"). A date cell is a datetime, as openpyxl gave it.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if type(value) is datetime.date:
        return datetime.datetime.combine(value, datetime.time())
    return value

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


def _natural_key(value) -> str:
    """A cell or a field value as a lookup key: Excel gives 12.0 for the number 12."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A relation named by a natural key (a street's name, a deputy's number). A value that names
    nothing is a validation error of that cell, so it is reported with the row's other errors and
    with every other bad row (a plain ForeignKeyWidget raises DoesNotExist, which import-export
    treats as a crash and which hides the other rows' validation errors).

    PortalResource.before_import hands the widget its column (`prefetch`), so a file's relations
    cost one query per 1,000 distinct values, not one per row."""

    _found: dict[str, list] | None = None

    def prefetch(self, values) -> None:
        if type(self).get_queryset is not widgets.ForeignKeyWidget.get_queryset or "__" in self.field:
            return  # a queryset that depends on the row, or a path: looked up row by row
        keys = sorted({_natural_key(value) for value in values if value not in (None, "")})
        found: dict[str, list] = {}
        lookup = "pk" if self.field == "pk" else self.field
        for start in range(0, len(keys), 1000):
            for obj in self.get_queryset(None, None).filter(**{f"{lookup}__in": keys[start:start + 1000]}):
                found.setdefault(_natural_key(getattr(obj, lookup)), []).append(obj)
        self._found = found

    def clean(self, value, row=None, **kwargs):
        if self._found is not None and value not in (None, ""):
            matches = self._found.get(_natural_key(value))
            if matches is not None and len(matches) == 1:
                return matches[0]
            # Not found, or found twice: the database's own answer names the problem.
        try:
            return super().clean(value, row=row, **kwargs)
        except (ObjectDoesNotExist, MultipleObjectsReturned):
            raise ValueError(_("No %(model)s is “%(value)s”.") % {
                "model": self.model._meta.verbose_name, "value": value}) from None


def _name_key(value) -> str:
    # Spreadsheets pad two-character names to three (张　三) with a full-width space.
    return re.sub(r"\s+", "", str(value or ""))


class NameBesideKeyField(fields.Field):
    """A name exported beside the key that decides (`deputy_name` beside `deputy_code`), so a
    file reads as people check it. On import the key decides, and a name given that is not the
    key's is a bad row: a file naming 张三 beside 宋强's number would otherwise credit 宋强."""

    def __init__(self, relation: str, key_column: str, column_name: str):
        super().__init__(attribute=f"{relation}__name", column_name=column_name, readonly=True)
        self.relation = relation
        self.key_column = key_column

    def mismatch(self, related, row) -> str | None:
        """What is wrong with the row's name for `related` (the key's record), or None."""
        given = (row or {}).get(self.column_name)
        if related is None or _name_key(given) in ("", _name_key(related.name)):
            return None
        return _("“%(key)s” is %(name)s in the register, not “%(given)s”: check the number or the name.") % {
            "key": _natural_key(row.get(self.key_column)), "name": related.name, "given": str(given).strip()}


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


class StrictDateWidget(widgets.DateWidget):
    """A date: an Excel date cell (a datetime at midnight) or text in the accepted formats
    (2024-03-01); anything else is an error of that cell, in words."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        try:
            return super().clean(value.strip() if isinstance(value, str) else value, row=row, **kwargs)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date: write it as 2024-03-01.") % {"value": value}) from None


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


class BatchInstanceLoader(instance_loaders.ModelInstanceLoader):
    """The records a file's rows name by their import id, one query per 500 rows (import-export's
    own loader runs one per row; its cached one takes a single id field and crashes the whole
    import on one unreadable id). A row whose id cell cannot be read is looked up alone, so its
    error is reported on its own line."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        model = resource._meta.model
        self.names = []
        for field in self.fields:
            try:
                self.names.append(model._meta.get_field(field.attribute).attname)
            except (FieldDoesNotExist, TypeError):
                self.names.append(None)
        self.instances: dict[tuple, object] | None = None
        headers = (dataset.headers or []) if dataset is not None else []
        if None in self.names or not all(field.column_name in headers for field in self.fields):
            return
        keys = {key for key in map(self._row_key, dataset.dict) if key is not None}
        self.instances = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            query = Q()
            for key in keys[start:start + 500]:
                query |= Q(**dict(zip(self.names, key, strict=True)))
            for instance in self.get_queryset().filter(query):
                self.instances[tuple(getattr(instance, name) for name in self.names)] = instance

    def _row_key(self, row) -> tuple | None:
        try:
            values = [field.clean(row) for field in self.fields]
        except Exception:  # noqa: BLE001 - any unreadable id: that row is looked up alone
            return None
        return tuple(value.pk if isinstance(value, Model) else value for value in values)

    def get_instance(self, row):
        key = self._row_key(row) if self.instances is not None else None
        if key is None:
            return super().get_instance(row)
        return self.instances.get(key)


class PortalResource(resources.ModelResource):
    """Base of every resource: model validation per row, all-or-nothing imports, strict cells and
    columns checked by name.

    Rows are written in batches (import-export's use_bulk) so a file of 10,000 rows costs tens of
    queries, not tens of thousands: relations and existing records are fetched per file
    (NaturalKeyWidget.prefetch, BatchInstanceLoader); each row's fields are validated in Python;
    uniqueness is checked per batch against the file and the database (one query per unique
    rule); check constraints are left to the database at the batch's insert, and a batch the
    database refuses is validated again row by row to name every bad line. History rows are
    written in bulk, and the public pages' topics are marked changed once per file."""

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        **dict.fromkeys(["BooleanField", "NullBooleanField"], StrictBooleanWidget),
        **dict.fromkeys(["IntegerField", "PositiveIntegerField", "BigIntegerField", "PositiveBigIntegerField",
                         "PositiveSmallIntegerField", "SmallIntegerField"], StrictIntegerWidget),
        "DecimalField": StrictDecimalWidget,
    }

    # Columns a file may leave out (their cells are then empty); every other import column is required.
    optional_columns: tuple[str, ...] = ()

    @classmethod
    def get_result_class(cls):
        return PortalResult

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._lines: dict[int, tuple[int, dict]] = {}  # id(instance) -> (row number, row)
        self._before: dict[int, tuple] = {}  # id(instance) -> its values before the row (skip_row)
        self._user = None
        self._wrote = False
        self._import_fields = None
        self._seen_unique: dict[tuple, dict] = {}  # per unique rule: its values seen earlier in the file
        # A file imported a chunk at a time (import_all_or_nothing): the position of this chunk's
        # first row in the file, so a message naming another line names it as the file numbers
        # it, and what earlier chunks of the same file left for later ones (a dict, or None).
        self.line_offset = 0
        self.file_memory: dict | None = None

    def before_import(self, dataset, **kwargs):
        """Missing and unknown columns, named in plain words, before any row is read."""
        fields = self.get_import_fields()
        # Read-only columns (a name shown beside a code) may come back with an export; none is needed.
        expected = [field.column_name for field in fields
                    if not field.readonly and field.column_name not in self.optional_columns]
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
        self._user = kwargs.get("user")
        for field in fields:
            if isinstance(field.widget, NaturalKeyWidget) and field.column_name in headers:
                field.widget.prefetch(dataset[field.column_name])
        super().before_import(dataset, **kwargs)

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
        use_transactions = True
        use_bulk = True
        batch_size = 1000
        instance_loader_class = BatchInstanceLoader

    # --- per row: Python only ----------------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        """The row's cells, and each name given beside a key checked against the key's record."""
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.fields.values():
            if isinstance(field, NameBesideKeyField) and field.relation not in errors:
                try:
                    related = getattr(instance, field.relation)
                except ObjectDoesNotExist:
                    related = None
                problem = field.mismatch(related, row)
                if problem:
                    errors[field.column_name] = [problem]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The row's fields and the model's clean(); uniqueness and constraints are checked per
        batch (_batch_problems, _save_batch)."""
        errors = dict(import_validation_errors or {})
        # A relation the widget fetched exists: Django would query for it again, once per row.
        fetched = [field.name for field in instance._meta.concrete_fields
                   if field.is_relation and field.is_cached(instance) and not field.get_limit_choices_to()
                   and getattr(field.get_cached_value(instance), "pk", None) is not None]
        try:
            instance.full_clean(exclude=[*errors, *fetched], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        self._lines[id(instance)] = (kwargs.get("row_number", 0), row)
        super().save_instance(instance, is_create, row, **kwargs)

    def get_import_fields(self):
        # import-export asks for them several times per row; they do not change during an import.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def _compared(self, instance) -> tuple:
        """The imported fields' values, relations by id (comparing objects would load each one)."""
        values = []
        for field in self.get_import_fields():
            try:
                values.append(getattr(instance, instance._meta.get_field(field.attribute).attname))
            except (FieldDoesNotExist, TypeError):
                values.append(field.get_value(instance))
        return tuple(values)

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new and self._meta.skip_diff and self._meta.skip_unchanged:
            self._before[id(instance)] = self._compared(instance)
        super().after_init_instance(instance, new, row, **kwargs)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An unchanged existing row is skipped (no write, no history), with or without a diff."""
        if not self._meta.skip_diff:
            return super().skip_row(instance, original, row, import_validation_errors)
        before = self._before.pop(id(instance), None)
        if before is None or import_validation_errors or any(
                isinstance(field.widget, widgets.ManyToManyWidget) for field in self.get_import_fields()):
            return False
        return before == self._compared(instance)

    # --- per batch ---------------------------------------------------------------------------

    def _line(self, instance) -> int:
        return self._lines[id(instance)][0] + PortalResult.HEADER_LINES + self.line_offset

    def _batch_problems(self, instances) -> dict[int, ValidationError]:
        """Unique fields and unconditional unique constraints of a batch: against earlier rows of
        the file and against the database (one query per rule and 500 rows)."""
        model = self._meta.model
        problems: dict[int, ValidationError] = {}
        unique_checks, _date_checks = instances[0]._get_unique_checks(include_meta_constraints=True)
        seen_by_check = self._seen_unique
        for model_class, names in unique_checks:
            if model_class._meta.concrete_model is not model._meta.concrete_model:
                continue  # a parent table's rule: the database checks it at the insert
            attnames = [model._meta.get_field(name).attname for name in names]
            if attnames == [model._meta.pk.attname]:
                continue
            seen = seen_by_check.setdefault(tuple(names), {})
            keyed = {}
            for instance in instances:
                key = tuple(getattr(instance, name) for name in attnames)
                if any(value is None for value in key):
                    continue  # SQL never finds two NULLs equal; Django's own check skips them too
                if key in seen and seen[key] is not instance:
                    problems.setdefault(id(instance), ValidationError(_(
                        "Line %(line)s has the same %(fields)s as line %(other)s.") % {
                        "line": self._line(instance), "other": self._line(seen[key]),
                        "fields": ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)}))
                    continue
                seen[key] = instance
                keyed[key] = instance
            keys = list(keyed)
            for start in range(0, len(keys), 500):
                query = Q()
                for key in keys[start:start + 500]:
                    query |= Q(**dict(zip(attnames, key, strict=True)))
                for pk, *key in model._default_manager.filter(query).values_list("pk", *attnames):
                    instance = keyed.get(tuple(key))
                    if instance is not None and instance.pk != pk:
                        problems.setdefault(id(instance), ValidationError(
                            instance.unique_error_message(model_class, names)))
        return problems

    def _row_by_row(self, instances, *, update: bool) -> dict[int, ValidationError]:
        """The database refused a batch: its rows are validated (constraints included, against
        the rows written before them) and written one by one, to name every bad line. Slow, and
        only ever run on a batch that has a bad row, or lost a race."""
        problems = {}
        for instance in instances:
            try:
                instance.validate_unique()
                instance.validate_constraints()
            except ValidationError as error:
                problems[id(instance)] = error
                continue
            try:
                with transaction.atomic(using=self.get_db_connection_name()):
                    self._write([instance], update=update)
            except (IntegrityError, DataError) as error:
                problems[id(instance)] = ValidationError(
                    _("The database refused this row: %(error)s") % {"error": str(error).splitlines()[0]})
        return problems

    def _save_batch(self, instances, *, update: bool, result, batch_size=None) -> None:
        if not instances:
            return
        problems = self._batch_problems(instances)
        if not problems:
            try:
                with transaction.atomic(using=self.get_db_connection_name()):
                    self._write(instances, update=update, batch_size=batch_size)
            except (IntegrityError, DataError):
                problems = self._row_by_row(instances, update=update)
        for instance in instances:
            if id(instance) in problems:
                number, row = self._lines[id(instance)]
                result.append_invalid_row(number, row, problems[id(instance)])

    def _write(self, instances, *, update: bool, batch_size=None) -> None:
        model = self._meta.model
        if update:
            model._default_manager.bulk_update(instances, self.get_bulk_update_fields(), batch_size=batch_size)
        else:
            model._default_manager.bulk_create(instances, batch_size=batch_size)
        try:
            history = get_history_manager_for_model(model)
        except NotHistoricalModelError:
            history = None
        if history is not None:
            history.bulk_history_create(instances, batch_size=batch_size, update=update, default_user=self._user,
                                        default_change_reason="import")
        self._wrote = True

    def get_bulk_update_fields(self):
        """The model fields a row may change (not its import id, not read-only or computed columns)."""
        model = self._meta.model
        concrete = {field.name for field in model._meta.concrete_fields if not field.primary_key}
        ids = set(self.get_import_id_fields())
        return [field.attribute for name, field in self.fields.items()
                if name not in ids and not field.readonly and field.attribute in concrete]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if using_transactions or not dry_run:
            self._save_batch(self.create_instances, update=False, result=result, batch_size=batch_size)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if using_transactions or not dry_run:
            self._save_batch(self.update_instances, update=True, result=result, batch_size=batch_size)
        self.update_instances.clear()

    def after_import(self, dataset, result, **kwargs):
        if self._wrote:
            from congress.pagecache import changed_models

            # bulk writes send no signals: the public pages reading this model change once per file
            changed_models([self._meta.model], using=self.get_db_connection_name())
        super().after_import(dataset, result, **kwargs)

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, audit=True, **kwargs):
        # One bad row must keep every row out, whoever calls us (admin, command or test).
        # audit=False: the caller imports a file a chunk at a time and records one event itself.
        if not dry_run and not self._meta.skip_diff:
            # Only the admin's preview (a dry run) shows each row's changes; a real import needs
            # no copy of every row (skip_row compares a snapshot of the changed ones instead).
            self._meta = copy.copy(self._meta)
            self._meta.skip_diff = True
        result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                     use_transactions=True, collect_failed_rows=collect_failed_rows,
                                     rollback_on_validation_errors=True, **kwargs)
        if audit and not dry_run and not (result.has_errors() or result.has_validation_errors()):
            self.audit_imported(dataset, result, user=kwargs.get("user"))
        return result

    def audit_imported(self, dataset, result, *, user) -> None:
        """The one audit event of a file imported by one import_data call ("data.imported")."""
        from congress.audit import Action, audit_record

        audit_record(action=Action.IMPORTED, actor=user,
                     detail={"resource": self._meta.model._meta.label, "rows": len(dataset),
                             "totals": {str(k): v for k, v in result.totals.items()}})


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
    memory: dict = {}
    try:
        with transaction.atomic():
            for start in range(0, total, chunk):
                # Dataset.subset copies row by row through the headers: quadratic on a large file.
                part = tablib.Dataset(*dataset[start:start + chunk], headers=dataset.headers)
                resource = resource_class()
                resource.line_offset, resource.file_memory = start, memory
                result = resource.import_data(part, dry_run=False, user=user, audit=False)
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
