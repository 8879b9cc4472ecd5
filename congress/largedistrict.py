"""The large district the benchmarks run on (`manage.py generate_large_district`): a city-sized
district built in minutes with set-based SQL on PostgreSQL (INSERT … SELECT over
generate_series, deterministic pseudo-random choices from hashes of the row number and the
seed), never row by row through the ORM.

Each app adds its tables with `registry.generator_step(order, name, run)` in its AppConfig.ready();
`run(generation)` reads its volume with `generation.size(name, default)` (the command's
`--size name=N`), the ids earlier steps left in `generation.ids`, and writes in chunks through
`generation.chunks(...)` (a progress bar). Core registry is order 10, points 20, suggestions 30.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection

# hashint8extended(i, seed) is PostgreSQL's 64-bit hash of a bigint with a seed: the same seed
# gives the same district, a different one another. (SQL here uses %% for modulo: parameters are
# passed in psycopg's %(name)s style.)


def pick(expr: str, modulo: str | int, salt: int = 0) -> str:
    """SQL for a pseudo-random integer in [0, modulo) from a row expression and the seed."""
    return f"(abs(hashint8extended(({expr})::bigint * 1000003 + {salt}, %(seed)s::bigint)) %% ({modulo}))"


@dataclass
class Generation:
    sizes: dict[str, int]
    seed: int
    out: object = sys.stdout
    ids: dict[str, list[int]] = field(default_factory=dict)

    def size(self, name: str, default: int) -> int:
        return self.sizes.get(name, default)

    def say(self, message: str) -> None:
        self.out.write(message + "\n")
        self.out.flush()

    def execute(self, sql: str, params: dict | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, {"seed": self.seed, **(params or {})})
            return cursor.rowcount

    def chunks(self, label: str, total: int, size: int = 100_000) -> Iterator[tuple[int, int]]:
        """Yield (first, last) row numbers (1-based, inclusive) and draw a progress bar."""
        started = time.monotonic()
        done = 0
        while done < total:
            first, last = done + 1, min(done + size, total)
            yield first, last
            done = last
            width = 30
            filled = width * done // max(total, 1)
            rate = done / max(time.monotonic() - started, 1e-6)
            self.out.write(f"\r  {label:<24} [{'#' * filled}{'.' * (width - filled)}] {done:>10,}/{total:,} "
                           f"{rate:,.0f} rows/s")
            self.out.flush()
        self.out.write("\n")


def table_sizes(limit: int = 25) -> list[tuple[str, int, int, int]]:
    """(table, rows estimate, table bytes, index bytes) of the largest tables."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("""
            SELECT c.relname, c.reltuples::bigint, pg_table_size(c.oid), pg_indexes_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = current_schema()
            ORDER BY pg_total_relation_size(c.oid) DESC LIMIT %s""", [limit])
        return cursor.fetchall()


# --- the core registry's step ------------------------------------------------------------------

def generate_registry(generation: Generation) -> None:
    """Streets, communities, the handling units, one term and its deputies."""
    from congress.models import Community, Deputy, Organization, OrganizationKind, Street, Term

    deputies, units = generation.size("deputies", 1000), generation.size("units", 200)
    streets = [Street(name=f"第{i}街道", code=f"GS{i:03d}", order=i) for i in range(1, 21)]
    Street.objects.bulk_create(streets)
    communities = [Community(street=street, name=f"{street.name}第{j}社区", code=f"GC{i:03d}{j:02d}", order=j)
                   for i, street in enumerate(streets, start=1) for j in range(1, 11)]
    Community.objects.bulk_create(communities)
    organizations = [Organization(name=f"区第{i}承办单位", short_name=f"承办{i}", kind=OrganizationKind.DEPARTMENT,
                                  order=i) for i in range(1, units + 1)]
    Organization.objects.bulk_create(organizations, batch_size=1000)
    term = Term.objects.create(number=90, start_year=2016, end_year=2030)
    rows = []
    for i in range(deputies):
        community = communities[(i * 7919 + generation.seed) % len(communities)]
        rows.append(Deputy(term=term, code=f"G-{i + 1:05d}", name=f"代表{i + 1:05d}",
                           gender="female" if i % 2 else "male", occupation="", street_id=community.street_id,
                           community=community,
                           is_committee_member=i % 25 == 0))
    Deputy.objects.bulk_create(rows, batch_size=2000)
    generation.ids["deputies"] = list(Deputy.objects.filter(term=term).order_by("pk").values_list("pk", flat=True))
    generation.ids["units"] = [o.pk for o in organizations]
    generation.say(f"  registry: {len(streets)} streets, {len(communities)} communities, {units} units, "
                   f"{deputies} deputies")
