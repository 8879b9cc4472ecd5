"""Benchmark part: a large import through the portal's import path (bench/run.py, part "imports").

The points ledger has no import (points/resources.py: a file can never write ledger entries), so
the rows are suggestions: the largest import the office runs (several years of submissions) and
the same shape as a ledger row (a deputy named by number, a session, a date, a number as key).
Each file goes through `manage.py import_records` — the formats, resources and all-or-nothing rule
of congress.importing that the admin's import page uses too — inside a transaction rolled back at
the end. The floor is `bulk_create` of the same rows (one query for the deputies, no validation,
no history), in the same run."""

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


def _rows(count: int) -> tuple[list[str], list[list]]:
    from congress.models import CongressSession, Deputy
    from suggestions.models import Category

    codes = list(Deputy.objects.order_by("pk").values_list("code", flat=True)[:500])
    session = CongressSession.objects.filter(kind="congress").order_by("-start_date").values_list("pk", flat=True)
    session = session.first()
    categories = [value for value, _label in Category.choices]
    headers = ["number", "year", "title", "content", "category", "session", "lead_deputy", "submitted_on"]
    rows = [[f"{PREFIX}{i:06d}", 2025, f"关于改善第{i}号小区停车难问题的建议",
             "建议在小区周边增设停车位，错峰开放机关单位停车场。" * 3, categories[i % len(categories)],
             session or "", codes[i % len(codes)], date(2025, 1 + i % 12, 1 + i % 28).isoformat()]
            for i in range(1, count + 1)]
    return headers, rows


def _csv(headers, rows) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _xlsx(headers, rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(path: Path) -> tuple[float, str]:
    """Seconds to import one file with import_records, and its error (empty when it imported)."""
    from django.core.management import CommandError, call_command

    started = time.perf_counter()
    try:
        call_command("import_records", "suggestions.SuggestionResource", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
        error = ""
    except CommandError as problem:
        error = str(problem)
    return time.perf_counter() - started, error


def _floor(rows) -> float:
    from congress.models import Deputy
    from suggestions.models import Suggestion, SuggestionState

    started = time.perf_counter()
    deputies = dict(Deputy.objects.filter(code__in={row[6] for row in rows}).values_list("code", "pk"))
    Suggestion.objects.bulk_create([
        Suggestion(number=row[0], year=row[1], title=row[2], content=row[3], category=row[4],
                   session_id=row[5] or None, lead_deputy_id=deputies[row[6]], submitted_on=row[7],
                   state=SuggestionState.SUBMITTED) for row in rows], batch_size=1000)
    return time.perf_counter() - started


def _imported() -> int:
    from suggestions.models import Suggestion

    return Suggestion.objects.filter(number__startswith=PREFIX).count()


def imports(count: int) -> list[dict]:
    """Import `count` rows as CSV and as XLSX (each rolled back), against bulk_create; then the
    same file with one bad row must import nothing."""
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
                took, error = _import(path)
                saved = _imported()
                transaction.set_rollback(True)
            rate = count / took
            ok = not error and saved == count and rate >= IMPORT_TARGET
            results.append({"kind": "import", "label": f"{count:,} suggestion rows, {kind}, import_records",
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
        bad[bad_line - 2][6] = "NO-SUCH-DEPUTY"
        files["CSV"].write_bytes(_csv(headers, bad))
        with transaction.atomic():
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
