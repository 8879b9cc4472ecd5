"""Publish a quarter by hand: `manage.py publish_quarter 2020Q4` (idempotent), or a correction:
`manage.py publish_quarter 2020Q4 --correction "reason" --user staff`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from congress.errors import DomainError
from congress.periods import Quarter
from congress.services import publication_latest, quarter_correct, quarter_publish


class Command(BaseCommand):
    help = "Publish a quarter's scores (every app's part, in one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="e.g. 2020Q4")
        parser.add_argument("--correction", metavar="REASON", help="publish a new revision with this reason")
        parser.add_argument("--user", help="username of the staff member publishing a correction")

    def handle(self, *args, quarter: str, correction=None, user=None, **options):
        try:
            period = Quarter.parse(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from error
        progress = lambda message: self.stdout.write(f"  {message}")  # noqa: E731
        try:
            if correction:
                if not user:
                    raise CommandError("A correction names the staff member: --user USERNAME")
                staff = get_user_model().objects.filter(username=user).first()
                if staff is None or not staff.is_office_staff:
                    raise CommandError(f"{user} is not a staff member.")
                publication = quarter_correct(quarter=period, reason=correction, corrected_by=staff, progress=progress)
            else:
                before = publication_latest(period)
                publication = quarter_publish(quarter=period, progress=progress)
                if before is not None:
                    self.stdout.write(f"{period} was already published ({publication}); nothing changed.")
                    return
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS(f"Published {publication}."))
