"""Benchmark part: a large import through the portal's import path (bench/run.py, part "imports").

The rows are the points ledger's: the office's records of duty activities, one line per
participating deputy (points.resources.ActivityParticipationResource), 5 deputies per activity,
so 10,000 lines are 2,000 activities and 10,000 awarded entries with their audit events. Each
file goes through `manage.py import_records … --user` — the formats, resource, service
(points.services.activities_import) and all-or-nothing rule the admin's import page and its
background jobs use too — as an office staff account, inside a transaction rolled back at the
end. The floor is `bulk_create` of the same activities and ledger entries (one query for the
deputies and one for the rules, the values in force known, no validation, no participants, no
audit), in the same run."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import tempfile
import time
from datetime import date
from pathlib import Path

IMPORT_TARGET = 2_000  # rows/s
PREFIX = "BENCH-"
PER_ACTIVITY = 5
RESOURCE = "points.resources.ActivityParticipationResource"
IMPORTER = "bench-importer"
DEPUTY_COLUMN = 4


def _rows(count: int) -> tuple[list[str], list[list]]:
    from congress.models import Deputy
    from points.models import PointRule

    codes = list(Deputy.objects.order_by("pk").values_list("code", flat=True)[:500])
    rules = list(PointRule.objects.active().filter(versions__isnull=False).distinct().order_by("code")
                 .values_list("code", flat=True))
    headers = ["reference", "rule", "occurred_on", "title", "deputy_code", "description"]
    rows = []
    for i in range(count):
        activity, seat = divmod(i, PER_ACTIVITY)
        rows.append([f"{PREFIX}{activity:06d}", rules[activity % len(rules)],
                     date(2024, 1 + activity % 12, 1 + activity % 28).isoformat(),
                     f"第{activity}次视察调研：老旧小区加装电梯进展",
                     codes[(activity * PER_ACTIVITY + seat) % len(codes)],
                     "实地察看并听取街道和社区汇报。" if seat == 0 else ""])
    return headers, rows


def _csv(headers, rows) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx(headers, rows) -> bytes:
    """A workbook as Excel saves it: its sheet's <dimension> first (openpyxl's write-only mode
    leaves it out, and a reader then parses the whole sheet twice to size it)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _importer() -> None:
    """The office staff account the import is made as (created in the rolled-back transaction)."""
    from congress.tests.factories import staff_user

    staff_user(username=IMPORTER)


def _import(path: Path) -> tuple[float, str]:
    """Seconds to import one file with import_records, and its error (empty when it imported);
    in a transaction that made the importer's account (_importer)."""
    from django.core.management import CommandError, call_command

    started = time.perf_counter()
    try:
        call_command("import_records", RESOURCE, str(path), "--user", IMPORTER,
                     stdout=open(os.devnull, "w"))  # noqa: SIM115
        error = ""
    except CommandError as problem:
        error = str(problem)
    return time.perf_counter() - started, error


def _floor(rows) -> float:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from congress.models import Deputy
    from points.models import Activity, EntryKind, EntryStatus, LedgerEntry, PointRule, PointRuleVersion

    started = time.perf_counter()
    deputies = dict(Deputy.objects.filter(code__in={row[DEPUTY_COLUMN] for row in rows}).values_list("code", "pk"))
    rules = {rule.code: rule for rule in PointRule.objects.filter(code__in={row[1] for row in rows})}
    points = dict(PointRuleVersion.objects.filter(rule__in=rules.values()).values_list("rule__code", "points"))
    activities = {}
    for row in rows:
        if row[0] not in activities:
            activities[row[0]] = Activity(reference=row[0], rule=rules[row[1]], occurred_on=row[2], title=row[3],
                                          description=row[5])
    Activity.objects.bulk_create(activities.values(), batch_size=1000)
    source_type, now = ContentType.objects.get_for_model(Activity), timezone.now()
    LedgerEntry.objects.bulk_create([
        LedgerEntry(deputy_id=deputies[row[DEPUTY_COLUMN]], rule=rules[row[1]], occurred_on=row[2],
                    points=points[row[1]], kind=EntryKind.AWARD, status=EntryStatus.VERIFIED,
                    source_type=source_type, source_id=activities[row[0]].pk, decided_at=now)
        for row in rows], batch_size=1000)
    return time.perf_counter() - started


def _imported() -> int:
    from django.contrib.contenttypes.models import ContentType

    from points.models import Activity, LedgerEntry

    activities = Activity.objects.filter(reference__startswith=PREFIX).values("pk")
    return LedgerEntry.objects.filter(source_type=ContentType.objects.get_for_model(Activity),
                                      source_id__in=activities).count()


def imports(count: int) -> list[dict]:
    """Import `count` ledger rows as CSV and as XLSX (each rolled back), against bulk_create; then
    the same file with one bad row must import nothing and name its line."""
    from django.db import transaction

    headers, rows = _rows(count)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        files = {"CSV": Path(folder) / "rows.csv", "XLSX": Path(folder) / "rows.xlsx"}
        files["CSV"].write_bytes(_csv(headers, rows))
        files["XLSX"].write_bytes(_xlsx(headers, rows))
        with transaction.atomic():
            floor = _floor(rows)
            transaction.set_rollback(True)
        print(f"  floor: bulk_create of {count:,} rows {floor:.2f} s ({count / floor:,.0f} rows/s)", flush=True)
        for kind, path in files.items():
            with transaction.atomic():
                _importer()
                took, error = _import(path)
                saved = _imported()
                transaction.set_rollback(True)
            rate = count / took
            ok = not error and saved == count and rate >= IMPORT_TARGET
            label = f"{count:,} ledger rows ({count // PER_ACTIVITY:,} activities), {kind}, import_records"
            results.append({"kind": "import", "label": label,
                            "path": "", "status": 200 if not error else 400,
                            "figure": f"{rate:,.0f} rows/s ({took:.1f} s)",
                            "floor": f"bulk_create {count / floor:,.0f} rows/s ({floor:.2f} s)",
                            "ratio": rate / (count / floor), "target": f"≥ {IMPORT_TARGET:,} rows/s", "met": ok,
                            "rows_per_s": rate, "error": error[:300]})
            print(f"  {kind:5} {rate:8,.0f} rows/s ({took:.1f} s, {saved:,} rows saved)  ×{rate / (count / floor):.3f} "
                  f"of bulk_create  {'ok' if ok else 'BELOW TARGET' if not error else 'FAILED: ' + error[:200]}",
                  flush=True)
        bad_line = count // 2 + 2  # + the header, 1-based
        bad = [row[:] for row in rows]
        bad[bad_line - 2][DEPUTY_COLUMN] = "NO-SUCH-DEPUTY"
        files["CSV"].write_bytes(_csv(headers, bad))
        with transaction.atomic():
            _importer()
            _took, error = _import(files["CSV"])
            saved = _imported()
            transaction.set_rollback(True)
        ok = saved == 0 and f"line {bad_line}" in error
        results.append({"kind": "import", "label": f"all or nothing: {count:,} rows, line {bad_line} bad",
                        "path": "", "status": 400, "figure": f"{saved} rows saved; reported: "
                        f"{error.splitlines()[-1].strip() if error else 'nothing'}",
                        "floor": "—", "ratio": None, "target": "0 rows saved, the line named", "met": ok})
        print(f"  one bad row on line {bad_line}: {saved} rows saved, "
              f"{'reported' if ok else 'NOT REPORTED'}: {error.splitlines()[-1].strip() if error else '-'}", flush=True)
        if any(r.get("rows_per_s", IMPORT_TARGET) < IMPORT_TARGET / 2 for r in results):
            profile(files["CSV"], headers, rows[: min(count, 1_000)])
    return results


def profile(path: Path, headers, rows) -> None:
    """Where an import's time goes (cProfile of a CSV import, top functions by own time)."""
    from django.db import transaction

    path.write_bytes(_csv(headers, rows))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile()
    with transaction.atomic(), CaptureQueriesContext(connection) as context:
        _importer()
        context.initial_queries = len(connection.queries_log)
        profiler.enable()
        _import(path)
        profiler.disable()
        transaction.set_rollback(True)
    kinds: dict[str, int] = {}
    for query in context.captured_queries:
        words = query["sql"].split()
        kind = " ".join(words[:2]) if words[0] in ("INSERT", "RELEASE") else words[0]
        if kind == "INSERT INTO":
            kind = f"INSERT {words[2]}"
        elif kind == "SELECT":
            kind = "SELECT (constraint check)" if '"_check"' in query["sql"] else "SELECT"
        kinds[kind] = kinds.get(kind, 0) + 1
    per_row = ", ".join(f"{name} {number / len(rows):.1f}" for name, number in
                        sorted(kinds.items(), key=lambda item: -item[1]))
    print(f"  queries per row: {len(context.captured_queries) / len(rows):.1f} ({per_row})", flush=True)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)
    report = Path(__file__).resolve().parent / "import-profile.txt"
    report.write_text(f"queries per row: {per_row}\n\n{out.getvalue()}")
    print(f"  far below target: profile of {len(rows):,} rows in bench/import-profile.txt; top own time:", flush=True)
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:8]
    for (filename, lineno, name), (_cc, calls, own, cumulative, _callers) in top:
        print(f"    {own:6.2f} s own {cumulative:6.2f} s cum {calls:9,} calls  {name} "
              f"({Path(filename).name}:{lineno})", flush=True)
