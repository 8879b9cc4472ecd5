"""Exported cells that a spreadsheet would run as a formula are defused with a leading apostrophe,
in the admin's CSV and XLSX exports and in public downloads; numbers stay numbers and ordinary text
is unchanged; a deputy's private details never travel with the deputy export."""

import csv
import io
import json

import openpyxl
import pytest

from congress.downloads import table_response
from congress.tests.factories import DeputyFactory, DeputyPrivateFactory, staff_user

pytestmark = pytest.mark.django_db

DANGEROUS = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "@SUM(A1)", "+86 1", "-2+3", "\tcmd", "\rcmd"]
EXPORT_URL = "/admin/congress/deputy/export/"
FIELDS = ["code", "name", "gender", "occupation", "term", "street", "community", "status", "is_committee_member"]


def admin_export(client, fmt):
    data = {"format": fmt, "resource": "0", **{f"deputyresource_{name}": "on" for name in FIELDS}}
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def csv_rows(content: bytes):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so Excel reads the Chinese right"
    return list(csv.DictReader(io.StringIO(text[1:])))


def xlsx_rows(content: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    kinds = [[cell.data_type for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]], kinds


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user())
    return client


@pytest.fixture
def deputies():
    made = [DeputyFactory(code=f"E-{i}", occupation=text) for i, text in enumerate(DANGEROUS)]
    made.append(DeputyFactory(code="E-plain", occupation="中学教师"))
    for deputy in made:
        DeputyPrivateFactory(deputy=deputy, phone="13912345678", id_number="440300199001011234",
                             address="坪山区秘密路8号")
    return made


def test_admin_csv_export_defuses_formulas(staff_client, deputies):
    content = admin_export(staff_client, "0")
    occupations = {row["code"]: row["occupation"] for row in csv_rows(content)}
    for i, text in enumerate(DANGEROUS):
        assert occupations[f"E-{i}"] == "'" + text
    assert occupations["E-plain"] == "中学教师"


def test_admin_xlsx_export_defuses_formulas(staff_client, deputies):
    rows, kinds = xlsx_rows(admin_export(staff_client, "1"))
    occupations = {row["code"]: row["occupation"] for row in rows}
    for i, text in enumerate(DANGEROUS):
        assert occupations[f"E-{i}"] == "'" + text.replace("\r", "\n")  # XLSX stores line ends as LF
    assert occupations["E-plain"] == "中学教师"
    assert all(kind != "f" for row in kinds for kind in row), "no cell is a formula"


@pytest.mark.parametrize("fmt", ["0", "1"])
def test_the_deputy_export_carries_no_private_details(staff_client, deputies, fmt):
    content = admin_export(staff_client, fmt)
    if fmt == "0":
        text = content.decode("utf-8")
    else:
        rows, _kinds = xlsx_rows(content)
        text = json.dumps(rows, ensure_ascii=False, default=str)
    assert "中学教师" in text
    for secret in ("13912345678", "440300199001011234", "坪山区秘密路8号"):
        assert secret not in text


ROWS = [
    {"name": "=1+1", "score": 95, "rate": 0.994, "note": "@cmd", "secret": "13912345678"},
    {"name": "正常文本", "score": -3, "rate": 1, "note": "-", "secret": "13912345678"},
]
COLUMNS = [("name", "名称"), ("score", "得分"), ("rate", "满意率"), ("note", "备注")]


def test_public_csv_download_defuses_formulas_and_keeps_numbers():
    response = table_response(rows=ROWS, columns=COLUMNS, filename="t", fmt="csv")
    rows = csv_rows(response.content)
    assert rows[0] == {"名称": "'=1+1", "得分": "95", "满意率": "0.994", "备注": "'@cmd"}
    assert rows[1] == {"名称": "正常文本", "得分": "-3", "满意率": "1", "备注": "'-"}
    assert "13912345678" not in response.content.decode()
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'


def test_public_xlsx_download_defuses_formulas_and_keeps_numbers():
    response = table_response(rows=ROWS, columns=COLUMNS, filename="t", fmt="xlsx")
    rows, kinds = xlsx_rows(response.content)
    assert rows[0] == {"名称": "'=1+1", "得分": 95, "满意率": 0.994, "备注": "'@cmd"}
    assert rows[1]["得分"] == -3 and rows[1]["名称"] == "正常文本"
    assert kinds[1][1] == "n" and kinds[2][1] == "n", "numbers are numeric cells"
    assert all(kind != "f" for row in kinds for kind in row)
    assert "13912345678" not in json.dumps(rows, ensure_ascii=False)


def test_public_json_download_keeps_values_as_data():
    response = table_response(rows=ROWS, columns=COLUMNS, filename="t", fmt="json")
    assert json.loads(response.content) == [
        {"name": "=1+1", "score": 95, "rate": 0.994, "note": "@cmd"},
        {"name": "正常文本", "score": -3, "rate": 1, "note": "-"},
    ]
