"""Helpers of the background import tests: files of N deputies, the admin upload, the job page."""

import io
import re

from django.utils.html import strip_tags

from congress.tests.test_import import HEADER, csv_bytes

IMPORT_URL = "/admin/congress/deputy/import/"
CSV = "0"


def deputy_rows(count: int, bad: dict[int, list] | None = None) -> list[list[str]]:
    """A header and `count` good deputies; `bad` replaces rows by their line in the file."""
    rows = [HEADER] + [[f"D-{n:04d}", f"代表{n}", "female", "教师", "1", "坪山街道", "C01", "serving", "0"]
                       for n in range(1, count + 1)]
    for line, row in (bad or {}).items():
        rows[line - 1] = row
    return rows


def deputies_csv(count: int, bad: dict[int, list] | None = None) -> bytes:
    return csv_bytes(deputy_rows(count, bad), "utf-8-sig")


def upload(client, content: bytes, name: str = "deputies.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(IMPORT_URL, {"resource": "0", "format": CSV, "import_file": file})


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(re.sub(r"<(/td|/th|br)", r" <\1", response.content.decode())))


def in_english(client):
    """The back office in English for this client (the portal's default is Chinese)."""
    client.cookies["django_language"] = "en"
    return client

