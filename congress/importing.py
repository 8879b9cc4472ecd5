"""Import and export for the back office (django-import-export), shared by every app.

- CSV files are read as bytes and decoded as UTF-8 (with or without BOM) or else GBK/GB18030,
  which is what Excel on a Chinese Windows desktop saves.
- An import is all or nothing: any bad row rolls back every row, and every bad row is reported
  with its line and reason (django-import-export keeps valid rows unless told otherwise).
- Exported text cells that a spreadsheet would run as a formula are escaped.
- Importing and exporting need the explicit `import_<model>` / `export_<model>` permissions
  (settings.IMPORT_EXPORT_*_PERMISSION_CODE); models that can be imported list them in
  Meta.default_permissions via IMPORTABLE_PERMISSIONS.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.utils.translation import gettext as _
from import_export import resources, results, widgets
from import_export.formats import base_formats

from congress.downloads import escape_cell

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
    raise ValueError(_("The file is neither UTF-8 nor GBK text."))


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
        return tablib.import_set(decode_text(in_stream), format="csv", **kwargs)

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + _escaped(dataset).export("csv", **kwargs)


class XLSX(base_formats.XLSX):
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


class PortalResource(resources.ModelResource):
    """Base of every resource: model validation per row, and all-or-nothing imports."""

    @classmethod
    def get_result_class(cls):
        return PortalResult

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, **kwargs):
        # One bad row must keep every row out, whoever calls us (admin, command or test).
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                   use_transactions=True, collect_failed_rows=collect_failed_rows,
                                   rollback_on_validation_errors=True, **kwargs)
