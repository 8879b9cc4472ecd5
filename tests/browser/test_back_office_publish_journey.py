"""Office staff work in the back office: import a small XLSX of new point values (the import shows
a preview, and nothing is written until it is confirmed), then publish the ended quarter from the
publications page; the public points ranking shows the published figure at once. Staff get into
the browser with a session made for them (the back office asks staff for a second factor)."""

from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect

from congress.tests.factories import DeputyFactory, staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.services import activity_record
from tests.browser.helpers import guide_shot, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rules(transactional_db):
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


def new_values_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["rule", "effective_from", "points"])
    sheet.append(["inspection", "2020-10-01", 12])
    book.save(path)
    return path


def test_staff_import_new_values_and_publish_a_quarter(browser, live_server, rules, tmp_path):
    staff = staff_user(username="office", display_name="办公室小李")
    deputy = DeputyFactory(name="慕容雪梅")
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)  # the back office works on a phone too
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        log_in_as(page, live_server, staff)

        page.goto("/admin/points/pointruleversion/")
        page.locator(".object-tools a[href$='/import/']").click()
        page.wait_for_url("**/admin/points/pointruleversion/import/")
        page.locator("input[name=import_file]").set_input_files(str(new_values_xlsx(tmp_path / "新分值.xlsx")))
        if page.locator("select[name=format]").count():
            page.locator("select[name=format]").select_option(label="xlsx")
        page.locator("#content form [type=submit]").first.click()

        preview = page.locator("table.import-preview")
        assert "inspection" in preview.inner_text() and "12" in preview.inner_text()
        assert not PointRuleVersion.objects.filter(points=12).exists(), "the preview writes nothing"
        guide_shot(page, "office-1-import-preview")
        page.locator("form [name=confirm], form input[type=submit]").last.click()
        page.wait_for_url("**/admin/points/pointruleversion/")
        version = PointRuleVersion.objects.get(rule=rules["inspection"], effective_from=date(2020, 10, 1))
        assert version.points == 12

        # The quarter's work, recorded meanwhile, earns the new value.
        activity_record(rule=rules["inspection"], occurred_on=date(2020, 11, 5), title="视察城市更新项目",
                        deputies=[deputy], recorded_by=staff)

        page.goto("/admin/congress/publication/")
        page.get_by_role("link", name="公布季度").click()
        page.wait_for_url("**/admin/congress/publication/publish/")
        page.get_by_label("季度").fill("2020年第五季")
        page.locator("#content form [type=submit]").click()
        expect(page.locator("#content form")).to_contain_text("不是有效的季度")  # refused on the form
        page.get_by_label("季度").fill("2020Q4")
        guide_shot(page, "office-2-publish")
        page.locator("#content form [type=submit]").click()
        page.wait_for_url("**/admin/congress/publication/")
        assert "2020Q4 已公布。" in page.locator(".messagelist").inner_text()
        assert "2020Q4" in page.locator("#result_list").inner_text()
    finally:
        context.close()

    citizen = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 360, "height": 740})
    try:
        public = citizen.new_page()
        public.goto("/points/ranking/?quarter=2020Q4")
        row = public.locator("main table tbody tr").first
        cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
        assert (cells[0], cells[1], cells[3]) == ("1", "慕容雪梅", "12")
    finally:
        citizen.close()
