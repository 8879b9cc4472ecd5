"""Files that would hurt the portal are refused before they are parsed, with a message naming the
limit; strict cells; wrong columns named in plain words; the back office's own export re-imports
unchanged (formula escape undone, values starting with + kept)."""

import io
import zipfile

import pytest

from congress.importing import CSV, XLSX, ImportRefused, read_csv, read_xlsx, unescape_cell
from congress.models import Deputy
from congress.resources import DeputyResource
from congress.testing import figures
from congress.tests.factories import DeputyFactory
from congress.tests.test_import import (
    CSV as CSV_FORMAT,
)
from congress.tests.test_import import (
    HEADER,
    csv_bytes,
    good_rows,
    registry,  # noqa: F401 - fixture
    staff_client,  # noqa: F401 - fixture
    upload,
    visible_text,
    xlsx_bytes,
)
from congress.tests.test_import import (
    XLSX as XLSX_FORMAT,
)

pytestmark = pytest.mark.django_db


def _bomb(unpacked: int) -> bytes:
    """A valid-looking .xlsx whose one part unpacks from a few KB to `unpacked` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * unpacked + b"/>")
    return out.getvalue()


ENTITIES = "".join(f"<!ENTITY lol{i} \"{f'&lol{i - 1};' * 10}\">" for i in range(1, 9))
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + ENTITIES + ']>'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is></c></row></sheetData></worksheet>').encode()


def _laughing_workbook() -> bytes:
    """A workbook whose sheet defines nested XML entities (a billion laughs, 3 GB once expanded)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            archive.writestr(item, LAUGHS if item.filename.endswith("sheet1.xml") else data)
    return out.getvalue()


@pytest.mark.parametrize(("reader", "content", "limit", "message"), [
    (read_csv, b"a,b\n" + b"1,2\n" * 30, {"max_rows": 20}, "20"),
    (read_csv, b"a,b\n1," + b"x" * 200 + b"\n", {"max_cell_chars": 100}, "100"),
    (read_csv, b",".join([b"c"] * 80) + b"\n", {"max_columns": 60}, "60"),
    (read_csv, b"a\n" + b"1\n" * 1000, {"max_bytes": 1000}, "MB"),
    (read_xlsx, xlsx_bytes([HEADER, ["D-1", "x" * 200]]), {"max_cell_chars": 100}, "100"),
    (read_xlsx, xlsx_bytes([HEADER] + [["D"]] * 30), {"max_rows": 20}, "20"),
    (read_xlsx, _bomb(3 * 1024 * 1024), {"xlsx_max_unpacked_bytes": 2 * 1024 * 1024}, "MB"),
    (read_xlsx, _bomb(3 * 1024 * 1024), {}, "MB"),  # the compression ratio alone gives it away
    (read_xlsx, _laughing_workbook(), {}, "xlsx"),
    (read_xlsx, b"PK\x03\x04 not really a zip", {}, "xlsx"),
], ids=["csv-rows", "csv-cell", "csv-columns", "csv-bytes", "xlsx-cell", "xlsx-rows", "zip-bomb", "zip-ratio",
        "xml-entities", "not-a-zip"])
def test_files_over_a_limit_are_refused_with_the_limit_named(settings, reader, content, limit, message):
    figures.add("bad files tried")
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, **limit}
    with pytest.raises(ImportRefused, match=message):
        reader(content)


def test_openpyxl_parses_with_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_a_refused_file_in_the_admin_shows_the_reason_and_imports_nothing(staff_client, settings):  # noqa: F811
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, "max_rows": 1}
    figures.add("bad files tried")
    response = upload(staff_client, "deputies.csv", csv_bytes(good_rows(), "utf-8"), CSV_FORMAT)
    text = visible_text(response)
    assert "1" in text and "Traceback" not in text and "/work/" not in text
    kept = Deputy.objects.count()
    figures.add("bad import rows kept", kept)
    assert kept == 0


def test_wrong_columns_are_named_in_plain_words(staff_client):  # noqa: F811
    rows = [["code", "name", "colour"], ["D-1", "王伟", "red"]]
    figures.add("bad files tried")
    response = upload(staff_client, "deputies.xlsx", xlsx_bytes(rows), XLSX_FORMAT)
    text = visible_text(response)
    assert "gender" in text and "colour" in text
    assert "Traceback" not in text and "KeyError" not in text and ".py" not in text
    assert Deputy.objects.count() == 0


def test_a_boolean_that_is_neither_is_an_error_not_false(staff_client):  # noqa: F811
    rows = good_rows()
    rows[1][-1] = "maybe"
    figures.add("bad files tried")
    response = upload(staff_client, "deputies.csv", csv_bytes(rows, "utf-8"), CSV_FORMAT)
    assert "maybe" in visible_text(response)
    kept = Deputy.objects.count()
    figures.add("bad import rows kept", kept)
    assert kept == 0


@pytest.mark.parametrize("value", ["'=HYPERLINK(\"http://x\")", "'+86 138 0000 0000", "'-5", "'@SUM(A1)"])
def test_the_formula_escape_is_undone(value):
    assert unescape_cell(value) == value[1:]
    assert unescape_cell("'plain") == "'plain"


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
def test_the_back_office_export_re_imports_unchanged(registry, fmt):  # noqa: F811
    DeputyFactory(code="D-201", occupation="+86 138 0000 0000")
    DeputyFactory(code="D-202", occupation='=HYPERLINK("http://evil.example")')
    DeputyFactory(code="D-203", occupation="-在职-", is_committee_member=True)
    before = sorted(Deputy.objects.values_list("code", "occupation", "is_committee_member"))
    exported = fmt().export_data(DeputyResource().export())
    data = exported.encode("utf-8") if isinstance(exported, str) else exported
    Deputy.objects.update(occupation="changed", is_committee_member=False)

    result = DeputyResource().import_data(fmt().create_dataset(data), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(Deputy.objects.values_list("code", "occupation", "is_committee_member")) == before
