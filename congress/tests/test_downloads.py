"""Public tables download as a spreadsheet people can use: a named sheet (not "Tablib Dataset"),
real numbers, rates shown as percentages (100 %, not 1), columns wide enough for their headers;
the CSV reads back as the same numbers and the JSON keeps the fraction, like the API."""

import csv
import io
import json
from decimal import Decimal

import openpyxl

from congress.downloads import sheet_title, table_response

COLUMNS = [("unit", "承办单位"), ("evaluated", "已评价件数"), ("mean_final", "平均分"),
           ("satisfaction_rate", "满意率")]
ROWS = [{"unit": "区教育局", "evaluated": 12, "mean_final": Decimal("87.5"), "satisfaction_rate": 1},
        {"unit": "区水务局", "evaluated": 3, "mean_final": Decimal("70"), "satisfaction_rate": Decimal("0.6667")}]


def test_xlsx_has_a_named_sheet_real_numbers_and_percentages():
    response = table_response(rows=ROWS, columns=COLUMNS, filename="unit-ranking-2020", fmt="xlsx",
                              title="2020年承办单位排名")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "2020年承办单位排名"
    assert [cell.value for cell in sheet[1]] == ["承办单位", "已评价件数", "平均分", "满意率"]
    assert sheet["B2"].value == 12 and sheet["B2"].data_type == "n"
    assert sheet["C2"].value == 87.5
    assert sheet["D2"].value == 1 and sheet["D2"].number_format == "0.0%"
    assert abs(sheet["D3"].value - 0.6667) < 1e-9 and sheet["D3"].number_format == "0.0%"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width >= len("已评价件数") * 2


def test_the_sheet_is_named_after_the_file_when_no_title_is_given():
    response = table_response(rows=ROWS, columns=COLUMNS, filename="points-2020Q4", fmt="xlsx")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active.title == "points-2020Q4"


def test_sheet_titles_are_ones_excel_accepts():
    assert sheet_title("a/b:c*d?[e]") == "a b c d  e"
    assert len(sheet_title("长" * 40)) == 31


def test_csv_shows_rates_as_percentages_and_json_keeps_the_fraction():
    text = table_response(rows=ROWS, columns=COLUMNS, filename="x", fmt="csv").content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["满意率"] == "100.0%" and rows[1]["满意率"] == "66.7%"
    assert rows[0]["平均分"] == "87.5"
    data = json.loads(table_response(rows=ROWS, columns=COLUMNS, filename="x", fmt="json").content)
    assert data[0]["satisfaction_rate"] == 1 and data[1]["satisfaction_rate"] == 0.6667
