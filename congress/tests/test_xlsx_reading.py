"""An XLSX file is read as the user sees the sheet: the first worksheet (a chart sheet before it is
passed over), from A1, a whole number as a whole number (a code typed as 1001 stays "1001", not
"1001.0"), a decimal as a decimal, a date as a date and an empty cell as empty; a workbook with no
worksheet is refused with a message."""

import datetime
import io

import openpyxl
import pytest

from congress.importing import ImportRefused, read_xlsx


def workbook(fill, *, chart_first: bool = False) -> bytes:
    book = openpyxl.Workbook()
    fill(book.active)
    if chart_first:
        book.create_chartsheet("图表", 0)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cells_come_back_as_typed():
    def fill(sheet):
        sheet.append(["code", "points", "share", "on", "at", "active", "note"])
        sheet.append([1001, 15, 0.25, datetime.date(2024, 3, 1), datetime.datetime(2024, 3, 1, 9, 30), True, None])

    dataset = read_xlsx(workbook(fill, chart_first=True))
    assert dataset.headers == ["code", "points", "share", "on", "at", "active", "note"]
    code, points, share, on, at, active, note = dataset[0]
    assert (code, points, share, active, note) == (1001, 15, 0.25, True, "")
    assert type(code) is int and str(code) == "1001"
    assert on == datetime.datetime(2024, 3, 1) and at == datetime.datetime(2024, 3, 1, 9, 30)


def test_the_sheet_is_read_from_a1():
    def fill(sheet):
        sheet["A1"], sheet["B1"] = "code", "name"
        sheet["B3"] = "李四"  # line 3: line 2 is blank and skipped, column A empty

    dataset = read_xlsx(workbook(fill))
    assert list(dataset) == [("", "李四")]


def test_a_workbook_without_a_worksheet_is_refused():
    book = openpyxl.Workbook()
    book.create_chartsheet("图表")
    book.remove(book.active)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRefused):
        read_xlsx(out.getvalue())
