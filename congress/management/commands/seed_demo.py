"""Build the demo district: `manage.py seed_demo`. Idempotent; prints its progress."""

import random
import time

from django.core.management.base import BaseCommand

from congress import pagecache
from congress.registry import registry


class Command(BaseCommand):
    help = "Build (or complete) the demo district: registry, then every app's demo data."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2020, help="random seed (default 2020)")
        parser.add_argument("--only", nargs="*", help="run only these steps (names)")

    def handle(self, *args, seed: int, only=None, **options):
        started = time.monotonic()
        steps = [s for s in registry.demo_steps if not only or s.name in only]
        before = pagecache.fingerprint()
        for index, step in enumerate(steps, start=1):
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{index}/{len(steps)}] {step.name}"))
            step_started = time.monotonic()
            step.run(rng=random.Random(f"{seed}:{step.name}"), progress=self._progress)
            self.stdout.write(f"  done in {time.monotonic() - step_started:.1f}s")
        # The steps write in bulk (no signals): a public page cached before them is old now, for
        # every topic whose rows they added (a second run adds none and changes nothing).
        after = pagecache.fingerprint()
        for topic in sorted(topic for topic in after if after[topic] != before.get(topic)):
            pagecache.changed(topic)
        self.stdout.write(self.style.SUCCESS(f"Demo district ready in {time.monotonic() - started:.1f}s."))
        from congress.demo import demo_second_factor_notice

        for line in demo_second_factor_notice():
            self.stdout.write(self.style.WARNING(line))

    def _progress(self, message: str) -> None:
        self.stdout.write(f"  {message}")
        self.stdout.flush()
