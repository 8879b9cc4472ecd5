"""Import a large file from the command line with progress: the same resources, formats and
all-or-nothing rule as the back office's import page.

    manage.py import_records congress.DeputyResource deputies.csv [--dry-run] [--chunk 500]

The whole file is imported in one transaction, a chunk at a time so progress can be shown; a
bad row anywhere rolls every row back, and every bad row is listed with its line in the file."""

from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from congress.importing import CSV, XLSX


class _RolledBack(Exception):
    pass


class Command(BaseCommand):
    help = "Import a CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX file through an import-export resource."

    def add_arguments(self, parser):
        parser.add_argument("resource", help="app_label.ResourceClass, e.g. congress.DeputyResource")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
        parser.add_argument("--chunk", type=int, default=500, help="rows per progress step (default 500)")

    def handle(self, *args, resource: str, file: Path, dry_run: bool, chunk: int, **options):
        resource_class = self._resource_class(resource)
        dataset = self._read(file)
        total = len(dataset)
        if total == 0:
            raise CommandError(f"{file} has no data rows.")
        problems: list[tuple[int, str]] = []
        try:
            with transaction.atomic():
                for start in range(0, total, max(chunk, 1)):
                    part = dataset.subset(rows=range(start, min(start + chunk, total)))
                    result = resource_class().import_data(part, dry_run=False)
                    problems += self._problems(result, offset=start)
                    self.stdout.write(f"  rows {start + 1}–{start + len(part)} of {total} checked"
                                      f"{f', {len(problems)} bad so far' if problems else ''}")
                    self.stdout.flush()
                if problems or dry_run:
                    raise _RolledBack
        except _RolledBack:
            pass
        if problems:
            lines = "\n".join(f"  line {line}: {reason}" for line, reason in sorted(problems))
            raise CommandError(f"Nothing was imported: {len(problems)} bad row(s).\n{lines}")
        verb = "All rows are valid (dry run: nothing saved)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {total} rows from {file.name}."))

    def _resource_class(self, dotted: str):
        app_label, _, class_name = dotted.partition(".")
        try:
            return getattr(import_module(f"{app_label}.resources"), class_name)
        except (ImportError, AttributeError):
            raise CommandError(f"No resource {dotted}: name it as app_label.ResourceClass.") from None

    def _read(self, file: Path):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        fmt = {".csv": CSV, ".xlsx": XLSX}.get(file.suffix.lower())
        if fmt is None:
            raise CommandError("Only .csv and .xlsx files can be imported.")
        try:
            return fmt().create_dataset(file.read_bytes())
        except ValueError as error:
            raise CommandError(str(error)) from error

    @staticmethod
    def _problems(result, *, offset: int) -> list[tuple[int, str]]:
        """(line in the file, reason) for every bad row of one chunk."""
        found = []
        for row in result.invalid_rows:
            fields = row.field_specific_errors.items()
            reasons = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in fields)
            reasons = "; ".join(filter(None, [reasons, *row.non_field_specific_errors]))
            found.append((row.number + offset, reasons))
        for number, errors in result.row_errors():
            found.append((number + offset, "; ".join(str(error.error) for error in errors)))
        for error in result.base_errors:
            found.append((0, str(error.error)))
        return found
