"""Import a large file from the command line with progress: the same resources, formats and
all-or-nothing rule as the back office's import page.

    manage.py import_records congress.DeputyResource deputies.csv [--dry-run] [--chunk 500]
    manage.py import_records points.resources.ActivityParticipationResource ledger.xlsx --user office1

--user names the account the import is made as (its history, its audit events); an import whose
records are a staff decision (the points ledger's) requires an office staff account.

The whole file is imported in one transaction, a chunk at a time so progress can be shown; a
bad row anywhere rolls every row back, and every bad row is listed with its line in the file."""

from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congress.importing import CSV, XLSX, import_all_or_nothing


class Command(BaseCommand):
    help = "Import a CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX file through an import-export resource."

    def add_arguments(self, parser):
        parser.add_argument("resource", help="app_label.ResourceClass or app_label.resources.ResourceClass, "
                                             "e.g. congress.DeputyResource")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
        parser.add_argument("--chunk", type=int, default=500, help="rows per progress step (default 500)")
        parser.add_argument("--user", default=None, help="username the import is made as (required by imports "
                                                         "only staff may make, e.g. the points ledger's)")

    def handle(self, *args, resource: str, file: Path, dry_run: bool, chunk: int, user: str | None = None,
               **options):
        resource_class = self._resource_class(resource)
        account = self._user(user) if user else None
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

        problems, _totals = import_all_or_nothing(resource_class, dataset, user=account, dry_run=dry_run,
                                                  chunk=chunk, progress=progress)
        if problems:
            lines = "\n".join(f"  {f'line {line}' if line else 'file'}: {reason}" for line, reason in problems)
            raise CommandError(f"Nothing was imported: {len(problems)} bad row(s).\n{lines}")
        verb = "All rows are valid (dry run: nothing saved)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {total} rows from {file.name}."))

    def _resource_class(self, dotted: str):
        module, _, class_name = dotted.rpartition(".")
        if "." not in module:
            module = f"{module}.resources"  # app_label.ResourceClass
        try:
            return getattr(import_module(module), class_name)
        except (ImportError, AttributeError, TypeError, ValueError):
            raise CommandError(f"No resource {dotted}: name it as app_label.ResourceClass.") from None

    def _user(self, username: str):
        from django.contrib.auth import get_user_model

        account = get_user_model().objects.filter(username=username, is_active=True).first()
        if account is None:
            raise CommandError(f"No active account {username}.")
        return account

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
