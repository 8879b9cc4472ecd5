"""A citizen on a phone opens "承办单位排名" from the header, finds the best-ranked unit of the
published ranking, and downloads the table as Excel and CSV: the files hold the same ranking."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from congress.periods import Quarter
from congress.services import quarter_publish
from congress.tests.factories import OrganizationFactory
from suggestions.tests.factories import handling
from tests.browser.helpers import guide_shot, header_link, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_ranking(settings):
    settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING = 1
    edu, water = OrganizationFactory(name="区教育局"), OrganizationFactory(name="区水务局")
    handling(organization=water, on=date(2020, 3, 1), stage="evaluated", reply="A", implementation="B")
    handling(organization=edu, on=date(2020, 3, 1), stage="evaluated", reply="A+", implementation="A+")
    handling(organization=water, on=date(2020, 5, 1), stage="evaluated", reply="A+", implementation="A")
    quarter_publish(quarter=Quarter(2020, 4), today=date(2021, 1, 20))


def test_a_citizen_finds_the_best_unit_and_downloads_the_ranking(phone_page, published_ranking, tmp_path):
    page = phone_page
    page.goto("/")
    header_link(page, "承办单位排名").click()
    page.wait_for_url("**/suggestions/ranking/")
    assert page.locator("h1").inner_text() == "2020年承办单位建议办理得分"
    table = page.get_by_role("table", name="按平均综合得分排列的承办单位")
    first = [cell.strip() for cell in table.locator("tbody tr").first.locator("td").all_inner_texts()]
    assert first[:4] == ["1", "区教育局", "1", "100.00"], "the best-ranked unit comes first"
    assert page_overflow(page) <= 360
    guide_shot(page, "citizen-1-ranking")

    downloads = page.locator("p.downloads")
    downloads.scroll_into_view_if_needed()
    guide_shot(page, "citizen-2-download")
    with page.expect_download() as xlsx_download:
        downloads.get_by_role("link", name="Excel (XLSX)").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename == "suggestion-unit-ranking-2020.xlsx"
    xlsx.save_as(tmp_path / xlsx.suggested_filename)
    sheet = openpyxl.load_workbook(tmp_path / xlsx.suggested_filename, read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["排名", "承办单位", "办理件数", "已评价"]
    assert [row[:2] for row in rows[1:]] == [[1, "区教育局"], [2, "区水务局"]]

    with page.expect_download() as csv_download:
        downloads.get_by_role("link", name="CSV").click()
    text = open(csv_download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    body = list(csv.reader(io.StringIO(text)))
    assert [row[:2] for row in body[1:]] == [["1", "区教育局"], ["2", "区水务局"]]
    assert body[2][4] != "", "the water bureau's mean final score is in the file"
