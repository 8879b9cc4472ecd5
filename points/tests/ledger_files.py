"""Helpers of the ledger import tests: files of activities with their participants (one line per
deputy), as rows, CSV and XLSX bytes, imported as the office's import page and import job do."""

import csv
import io

import openpyxl
import tablib

from congress.importing import import_all_or_nothing, read_file
from congress.tests.factories import DeputyFactory
from points.resources import ActivityParticipationResource

HEADER = ["reference", "rule", "occurred_on", "title", "deputy_code", "description"]


def deputies(count: int = 5) -> list:
    return [DeputyFactory(code=f"P-{n:03d}") for n in range(1, count + 1)]


def ledger_rows(activities: int, per_activity: int = 5, *, rule: str = "inspection", day: str = "2020-05-06",
                start: int = 1) -> list[list]:
    """`activities` activities (references 2020-0001 …) of `per_activity` deputies (P-001 …) each."""
    return [[f"2020-{a:04d}", rule, day, f"视察调研活动{a}", f"P-{d:03d}", "社区走访" if d == 1 else ""]
            for a in range(start, start + activities) for d in range(1, per_activity + 1)]


def csv_bytes(rows: list[list], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(rows: list[list], user, *, chunk: int = 500):
    """Import the rows as a CSV file would be: (problems by line, totals)."""
    return import_all_or_nothing(ActivityParticipationResource, read_file(csv_bytes(rows), "csv"), user=user,
                                 chunk=chunk)


def run_bytes(data: bytes, file_format: str, user, *, chunk: int = 500):
    return import_all_or_nothing(ActivityParticipationResource, read_file(data, file_format), user=user, chunk=chunk)


def dataset(rows: list[list]) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADER)
