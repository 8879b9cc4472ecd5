"""Staff exports: the per-unit performance-assessment workbook and the printable report."""

from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, deputy_user, staff_user
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2020():
    edu = OrganizationFactory(name="区教育局")
    handling(organization=edu, stage="evaluated", reply="A+", implementation="A+", title="=HYPERLINK(\"x\")")
    handling(organization=edu, stage="evaluated", reply="A", implementation="B")
    return edu


def test_the_workbook_has_the_units_figures_and_every_handling(client, year_2020):
    client.force_login(staff_user())
    response = client.get(reverse("suggestions:workbook", args=[2020]))
    workbook = openpyxl.load_workbook(BytesIO(response.content))
    summary, detail = workbook.worksheets
    rows = list(summary.values)
    assert rows[0][:6] == ("排名", "承办单位", "办理件数", "已评价", "平均综合得分", "满意率")
    assert rows[1][1:5] == ("区教育局", 2, 2, 87.5)
    assert rows[-1][1] == "全区合计"
    details = list(detail.values)
    assert len(details) == 3 and details[0][0] == "承办单位"
    titles = {row[2] for row in details[1:]}
    assert "'=HYPERLINK(\"x\")" in titles  # formulas are escaped


def test_the_workbook_sheets_read_like_every_other_download(client, year_2020):
    client.force_login(staff_user())
    workbook = openpyxl.load_workbook(BytesIO(client.get(reverse("suggestions:workbook", args=[2020])).content))
    summary, detail = workbook.worksheets
    assert [summary.title, detail.title] == ["2020 单位汇总", "2020 办理明细"]
    for sheet in (summary, detail):
        assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["B"].width >= 10
    rate = summary.cell(row=2, column=6)
    assert (rate.value, rate.number_format) == (1, "0.0%")
    header = [cell.value for cell in detail[1]]
    row = dict(zip(header, [cell.value for cell in detail[2]], strict=True))
    assert (row["承办单位"], row["办理方式"], row["状态"], row["综合评价等级"]) == (
        "区教育局", "主办", "已评价", "满意")


def test_the_report_states_the_years_figures(client, year_2020):
    client.force_login(staff_user())
    page = client.get(reverse("suggestions:report", args=[2020])).content.decode()
    assert "2020年代表建议办理情况报告" in page
    assert "平均综合得分 87.50" in page and "答复获满分（A+）1 件" in page


def test_exports_are_for_staff_only(client, year_2020):
    client.force_login(deputy_user())
    assert client.get(reverse("suggestions:workbook", args=[2020])).status_code == 403
    assert client.get(reverse("suggestions:report", args=[2020])).status_code == 403
