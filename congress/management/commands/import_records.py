"""Import a large file from the command line with progress: the same resources, formats and
all-or-nothing rule as the back office's import page.

    manage.py import_records congress.DeputyResource deputies.csv [--dry-run] [--chunk 500]

The whole file is imported in one transaction, a chunk at a time so progress can be shown; a
bad row anywhere rolls every row back, and every bad row is listed with its line in the file."""

from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congress.importing import CSV, XLSX, import_all_or_nothing


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

        checked = 0

        def progress(done, total):
            nonlocal checked
            self.stdout.write(f"  rows {checked + 1}–{done} of {total} checked")
            self.stdout.flush()
            checked = done

        problems, _totals = import_all_or_nothing(resource_class, dataset, dry_run=dry_run, chunk=chunk,
                                                  progress=progress)
        if problems:
            lines = "\n".join(f"  {f'line {line}' if line else 'file'}: {reason}" for line, reason in problems)
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
