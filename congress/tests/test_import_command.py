"""`manage.py import_records` imports a large file in one transaction with progress: a bad row
anywhere (even in a later chunk) imports nothing and lists every bad row by its line."""

import io

import pytest
from django.core.management import CommandError, call_command

from congress.models import Deputy
from congress.tests.test_import import csv_bytes, good_rows, registry, rows_with_two_bad, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.django_db


def run(path, *extra):
    out = io.StringIO()
    call_command("import_records", "congress.DeputyResource", str(path), *extra, stdout=out)
    return out.getvalue()


def test_a_bad_row_in_any_chunk_imports_nothing_and_every_bad_line_is_listed(registry, tmp_path):  # noqa: F811
    path = tmp_path / "deputies.csv"
    path.write_bytes(csv_bytes(rows_with_two_bad(), "gbk"))
    with pytest.raises(CommandError) as refused:
        run(path, "--chunk", "2")  # the bad rows sit in the second and third chunks
    message = str(refused.value)
    assert "Nothing was imported: 2 bad row(s)" in message
    assert "line 4:" in message and "不存在街道" in message
    assert "line 6:" in message and "robot" in message
    assert not Deputy.objects.exists()


def test_a_good_file_imports_with_progress(registry, tmp_path):  # noqa: F811
    path = tmp_path / "deputies.xlsx"
    path.write_bytes(xlsx_bytes(good_rows()))
    output = run(path, "--chunk", "1")
    assert "rows 1–1 of 2 checked" in output and "rows 2–2 of 2 checked" in output
    assert "Imported: 2 rows" in output
    assert sorted(Deputy.objects.values_list("code", flat=True)) == ["D-101", "D-102"]


def test_a_dry_run_checks_every_row_and_saves_nothing(registry, tmp_path):  # noqa: F811
    path = tmp_path / "deputies.csv"
    path.write_bytes(csv_bytes(good_rows(), "utf-8-sig"))
    assert "dry run: nothing saved" in run(path, "--dry-run")
    assert not Deputy.objects.exists()


def test_an_unknown_resource_or_format_is_refused_clearly(tmp_path):
    path = tmp_path / "deputies.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="app_label.ResourceClass"):
        call_command("import_records", "congress.NoSuchResource", str(path))
    with pytest.raises(CommandError, match=".csv and .xlsx"):
        call_command("import_records", "congress.DeputyResource", str(path))
