"""Build the large benchmark district on PostgreSQL: `manage.py generate_large_district
--deputies 1000 --units 200 --suggestions 100000 --ledger 2000000 [--seed N] [--size meetings=5000]`.
Every app's registered generator step runs in order (congress.largedistrict), then the quarters
of the last generated year are published through the real publication service, and the table
and index sizes are reported."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from congress import pagecache
from congress.largedistrict import Generation, table_sizes
from congress.periods import Quarter
from congress.registry import registry

LAST_YEAR = 2025  # the ten generated years are 2016–2025


class Command(BaseCommand):
    help = "Generate a large district (bulk SQL on PostgreSQL) for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--deputies", type=int, default=1000)
        parser.add_argument("--units", type=int, default=200)
        parser.add_argument("--suggestions", type=int, default=100_000)
        parser.add_argument("--ledger", type=int, default=2_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--size", action="append", default=[], metavar="NAME=N",
                            help="the volume of another app's step, e.g. meetings=5000 (repeatable)")
        parser.add_argument("--no-publish", action="store_true", help="do not publish the last year's quarters")

    def handle(self, *args, **options):
        from congress.models import Deputy
        from congress.services import quarter_publish

        if connection.vendor != "postgresql":
            raise CommandError("The large district is generated with PostgreSQL's SQL; set DATABASE_URL to a "
                               "PostgreSQL database.")
        if Deputy.objects.exists():
            raise CommandError("The database already has deputies; generate into an empty, migrated database.")
        sizes = {name: options[name] for name in ("deputies", "units", "suggestions", "ledger")}
        for spec in options["size"]:
            name, _, value = spec.partition("=")
            if not value.isdigit():
                raise CommandError(f"--size wants NAME=N, not {spec!r}")
            sizes[name] = int(value)
        if sizes["deputies"] < 100 or sizes["units"] < 1:
            raise CommandError("At least 100 deputies and one unit.")
        generation = Generation(sizes=sizes, seed=options["seed"], out=self.stdout)
        started = time.monotonic()
        for index, step in enumerate(registry.generator_steps, start=1):
            self.stdout.write(f"[{index}/{len(registry.generator_steps)}] {step.name} …")
            with transaction.atomic():
                step.run(generation)
        for topic in sorted(pagecache.TOPICS | pagecache.PRIVATE_TOPICS):  # bulk SQL sent no signals
            pagecache.changed(topic)
        if not options["no_publish"]:
            for number in range(1, 5):
                quarter = Quarter(LAST_YEAR, number)
                self.stdout.write(f"publishing {quarter} …")
                quarter_publish(quarter=quarter)
        if not connection.in_atomic_block:  # VACUUM cannot run in a transaction (tests run in one)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"done in {time.monotonic() - started:,.0f} s. Largest tables:")
        self.stdout.write(f"  {'table':40} {'rows':>12} {'table MB':>9} {'index MB':>9}")
        for name, rows, table_bytes, index_bytes in table_sizes():
            self.stdout.write(f"  {name:40} {rows:>12,} {table_bytes / 2**20:9.1f} {index_bytes / 2**20:9.1f}")
