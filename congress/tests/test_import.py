"""Imports through the real admin import view are all or nothing (SPEC §10): a file with bad rows
imports no row and reports every bad row with its line in the user's file (header = line 1) and
the reason. CSV in UTF-8 with BOM and in GBK, and XLSX, all import."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.utils.html import strip_tags

from congress.models import Deputy
from congress.roles import Role
from congress.tests.factories import CommunityFactory, StreetFactory, TermFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/congress/deputy/import/"
CSV, XLSX = "0", "1"  # positions in congress.importing.IMPORT_FORMATS
HEADER = ["code", "name", "gender", "occupation", "term", "street", "community", "status", "is_committee_member"]


@pytest.fixture
def registry():
    TermFactory(number=1)
    street = StreetFactory(name="坪山街道")
    CommunityFactory(street=street, name="六和社区", code="C01")
    return street


def rows_with_two_bad():
    return [
        HEADER,
        ["D-001", "王伟", "male", "教师", "1", "坪山街道", "C01", "serving", "0"],
        ["D-002", "李娜", "female", "医生", "1", "坪山街道", "C01", "serving", "0"],
        ["D-003", "张敏", "female", "律师", "1", "不存在街道", "C01", "serving", "0"],   # line 4: unknown street
        ["D-004", "刘强", "male", "工程师", "1", "坪山街道", "C01", "serving", "1"],
        ["D-005", "陈静", "robot", "社工", "1", "坪山街道", "C01", "serving", "0"],     # line 6: bad gender
        ["D-006", "杨洋", "male", "企业家", "1", "坪山街道", "C01", "serving", "0"],
    ]


def good_rows():
    return [
        HEADER,
        ["D-101", "黄丽", "female", "教师", "1", "坪山街道", "C01", "serving", "0"],
        ["D-102", "赵刚", "male", "医生", "1", "坪山街道", "", "serving", "1"],
    ]


def csv_bytes(rows, encoding):
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, name, content, fmt):
    file = io.BytesIO(content)
    file.name = name
    return client.post(IMPORT_URL, {"resource": "0", "format": fmt, "import_file": file})


def visible_text(response):
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


@pytest.fixture
def staff_client(client, registry):
    client.force_login(staff_user())
    return client


@pytest.mark.parametrize("name, content, fmt", [
    ("deputies-gbk.csv", csv_bytes(rows_with_two_bad(), "gbk"), CSV),
    ("deputies.xlsx", xlsx_bytes(rows_with_two_bad()), XLSX),
], ids=["gbk-csv", "xlsx"])
def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_row(staff_client, name, content, fmt):
    response = upload(staff_client, name, content, fmt)
    text = visible_text(response)
    assert Deputy.objects.count() == 0
    assert "confirm_form" not in response.context
    # The table of invalid rows: line in the file (header = line 1), error count, field, reason, values.
    reported = re.findall(r"(?:^| )(\d+) \d+ (street|gender) (.+?) D-00(\d)", text)
    assert [(line, field, row) for line, field, _reason, row in reported] == [
        ("4", "street", "3"), ("6", "gender", "5")], text
    reasons = [reason for _line, _field, reason, _row in reported]
    assert "不存在街道" in reasons[0]
    assert "robot" in reasons[1]


@pytest.mark.parametrize("name, content, fmt", [
    ("deputies-bom.csv", csv_bytes(good_rows(), "utf-8-sig"), CSV),
    ("deputies-gbk.csv", csv_bytes(good_rows(), "gbk"), CSV),
    ("deputies.xlsx", xlsx_bytes(good_rows()), XLSX),
], ids=["utf8-bom-csv", "gbk-csv", "xlsx"])
def test_a_good_file_imports_fully_after_confirmation(staff_client, name, content, fmt):
    preview = upload(staff_client, name, content, fmt)
    form = preview.context["confirm_form"]
    assert Deputy.objects.count() == 0  # the preview is a dry run
    assert "黄丽" in preview.content.decode()
    response = staff_client.post("/admin/congress/deputy/process_import/", {
        "import_file_name": form.initial["import_file_name"],
        "original_file_name": form.initial["original_file_name"],
        "format": form.initial["format"], "resource": form.initial.get("resource", "0")}, follow=True)
    assert sorted(Deputy.objects.values_list("name", flat=True)) == ["赵刚", "黄丽"]
    assert Deputy.objects.get(code="D-101").community.name == "六和社区"
    assert "2" in visible_text(response)  # "Import finished: 2 new, …"


def test_a_back_office_user_without_the_import_permission_cannot_import(client, registry):
    clerk = UserFactory(role=Role.STATION_STAFF)  # in the back office, may view deputies, not import
    clerk.user_permissions.add(Permission.objects.get(codename="view_deputy"))
    client.force_login(clerk)
    assert client.get("/admin/congress/deputy/").status_code == 200
    assert client.get(IMPORT_URL).status_code == 403
    response = upload(client, "deputies.csv", csv_bytes(good_rows(), "utf-8"), CSV)
    assert response.status_code == 403
    assert Deputy.objects.count() == 0


def test_the_staff_role_has_the_import_and_export_permissions(role_groups):
    user = staff_user()
    assert user.has_perm("congress.import_deputy") and user.has_perm("congress.export_deputy")
    assert not UserFactory(role=Role.UNIT_HANDLER).has_perm("congress.import_deputy")


def test_an_organization_file_reports_choice_and_constraint_errors(staff_client):
    rows = [
        ["name", "short_name", "kind", "street", "is_active", "order"],
        ["区教育局", "教育局", "department", "", "1", "10"],
        ["区某某局", "某某局", "ministry", "", "1", "11"],                 # line 3: no such kind
        ["马峦街道办事处", "", "street_office", "", "1", "12"],            # line 4: a street office needs its street
        ["坪山街道办事处", "", "street_office", "坪山街道", "1", "13"],
    ]
    file = io.BytesIO(csv_bytes(rows, "gbk"))
    file.name = "units.csv"
    response = staff_client.post("/admin/congress/organization/import/",
                                 {"resource": "0", "format": CSV, "import_file": file})
    text = visible_text(response)
    from congress.models import Organization

    assert not Organization.objects.exists()
    assert re.search(r"(?:^| )3 \d+ kind .*ministry.* 区某某局", text), text
    assert re.search(r"(?:^| )4 \d+ .*街道办事处必须注明所属街道。 马峦街道办事处", text), text
    assert not re.search(r"(?:^| )[25] \d+ ", text)
