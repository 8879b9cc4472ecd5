"""A deputy grades a unit's reply from their phone: log in, "我的建议" in the header, the handling
awaiting their grade, the grade table beside the form, pick A, record it. The site is used in
Chinese, its default (the browser's language is zh-CN), so labels are the shipped translations."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user
from suggestions.models import Evaluation, HandlingState
from suggestions.tests import factories as suggestion_factories
from tests.browser.helpers import header_link, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/journey-grading.png"
FORM_SCREENSHOT = "/tmp/journey-grading-form.png"
TITLE = "关于在坑梓中心路口增设行人过街信号灯的建议"


def cells(row) -> list[str]:
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def test_a_deputy_grades_a_reply_on_a_phone(phone_page):
    deputy = DeputyFactory(name="欧阳晓华")
    user = deputy_user(deputy, username="ouyang", display_name="欧阳晓华")
    unit = OrganizationFactory(name="区交通运输局")
    handling = suggestion_factories.handling(stage="reply_submitted", organization=unit, lead_deputy=deputy,
                                             title=TITLE)
    assert handling.state == HandlingState.REPLY_SUBMITTED
    suggestion_factories.handling(stage="awaiting_reply", lead_deputy=deputy, title="关于增设公交线路的建议")

    page = phone_page
    log_in(page, "ouyang")
    assert page.locator(".site-header .who").inner_text() == "欧阳晓华"

    header_link(page, "我的建议").click()
    page.wait_for_url("**/suggestions/my/")
    assert page.locator("h1").inner_text() == "我的建议"
    assert page_overflow(page) <= 360
    awaiting = page.locator("section", has=page.get_by_role("heading", name="待您评价"))
    rows = awaiting.locator("tbody tr")
    assert rows.count() == 1, "only the handling with a reply awaits the grade"
    assert TITLE in rows.first.inner_text()
    assert "区交通运输局" in rows.first.inner_text()
    rows.first.get_by_role("link", name="评价答复").click()

    page.wait_for_url(f"**/suggestions/handlings/{handling.pk}/")
    assert TITLE in page.locator("h1").inner_text()
    assert page.locator("dl.facts dt:text-is('状态') + dd").inner_text().strip() == "答复待评价"
    assert page.locator("dl.facts dt:text-is('答复评价') + dd").inner_text().strip() == "—"
    form = page.locator("form", has=page.get_by_role("heading", name="评价答复"))
    grade_table = form.get_by_role("table", name="评价档次与分值")
    assert grade_table.is_visible(), "the grade table is shown next to the form"
    assert [cells(row) for row in grade_table.locator("tbody tr").all()] == [
        ["A+", "100", "满意"], ["A", "90", "满意"], ["A-", "80", "满意"], ["B+", "70", "基本满意"],
        ["B", "65", "基本满意"], ["B-", "60", "基本满意"], ["C", "50", "不满意"]]
    assert page_overflow(page) <= 360

    grade_a = form.get_by_role("radio", name="A（90 分，满意）", exact=True)
    # the box holding it
    form.locator("label").filter(has=page.get_by_role("radio", name="A（90 分，满意）", exact=True)).tap()
    expect(grade_a).to_be_checked()
    form.screenshot(path=FORM_SCREENSHOT)
    form.get_by_role("button", name="录入评价").click()

    page.wait_for_url(f"**/suggestions/handlings/{handling.pk}/")
    assert page.get_by_role("status").inner_text().strip() == "评价已录入。"
    assert page.locator("dl.facts dt:text-is('答复评价') + dd").inner_text().strip() == "A"
    assert page.locator("dl.facts dt:text-is('状态') + dd").inner_text().strip() == "待报落实情况"
    assert page.get_by_role("button", name="录入评价").count() == 0, "the reply cannot be graded twice"
    history = page.get_by_role("table", name="评价记录（全部保留，各阶段以最新评价为准）").locator("tbody tr")
    assert history.count() == 1
    stage, round_, grade, _day, entered_by = cells(history.first)
    assert (stage, round_, grade, entered_by) == ("答复", "1", "A", "欧阳晓华")
    assert page_overflow(page) <= 360
    page.screenshot(path=SCREENSHOT, full_page=True)

    evaluations = Evaluation.objects.filter(handling=handling)
    assert [(e.stage, e.round, e.grade, e.entered_by_id, e.on_behalf_of_deputy) for e in evaluations] == [
        ("reply", 1, "A", user.pk, False)]
    handling.refresh_from_db()
    assert (handling.state, handling.reply_grade) == (HandlingState.REPLY_GRADED, "A")
