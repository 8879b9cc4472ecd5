"""A deputy grades a poor reply C from their phone: the reply is on the screen above the grade
choices (each with its points and level); the C is not recorded until a second screen has said it
puts the handling on the follow-up list and the deputy confirmed it."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user
from suggestions.models import Evaluation, FollowUpRound
from suggestions.tests import factories as suggestion_factories
from tests.browser.helpers import guide_shot, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于整治龙田社区背街小巷积水的建议"
REPLY = "我局将结合明年预算统筹考虑。"


def test_a_deputy_confirms_a_grade_that_starts_follow_up(phone_page):
    deputy = DeputyFactory(name="上官文静")
    deputy_user(deputy, username="shangguan", display_name="上官文静")
    unit = OrganizationFactory(name="区水务局")
    handling = suggestion_factories.handling(stage="reply_submitted", organization=unit, lead_deputy=deputy,
                                             title=TITLE, reply_text=REPLY)

    page = phone_page
    log_in(page, "shangguan")
    page.goto(f"/suggestions/handlings/{handling.pk}/")
    judged = page.get_by_role("region", name="您要评价的答复")
    assert REPLY in judged.inner_text()
    form = page.locator("form#grade")
    assert judged.bounding_box()["y"] < form.bounding_box()["y"], "the reply is read before it is graded"
    choices = form.get_by_role("radio")
    assert [choices.nth(i).evaluate("e => e.labels[0].innerText.trim()") for i in range(choices.count())] == [
        "A+（100 分，满意）", "A（90 分，满意）", "A-（80 分，满意）", "B+（70 分，基本满意）",
        "B（65 分，基本满意）", "B-（60 分，基本满意）", "C（50 分，不满意）"]
    assert page_overflow(page) <= 360
    guide_shot(page, "deputy-3-grade", top=judged)

    form.locator("label").filter(has=page.get_by_role("radio", name="C（50 分，不满意）")).tap()
    form.get_by_role("button", name="录入评价").click()

    confirm = page.locator("form.confirm")
    expect(confirm.get_by_role("heading", name="确认评价")).to_be_visible()
    summary = confirm.get_by_role("alert").inner_text()
    assert "您将答复评为 C（50 分，不满意）" in summary and "跟踪督办" in summary and "区水务局" in summary
    assert not Evaluation.objects.filter(handling=handling).exists(), "nothing recorded before the confirmation"
    assert REPLY in page.get_by_role("region", name="您要评价的答复").inner_text()
    assert page_overflow(page) <= 360
    guide_shot(page, "deputy-4-confirm", top=page.get_by_role("region", name="您要评价的答复"))

    confirm.get_by_role("button", name="确认并录入评价").click()
    page.wait_for_url(f"**/suggestions/handlings/{handling.pk}/")
    assert page.get_by_role("status").inner_text().strip() == "评价已录入。"
    assert page.locator("dl.facts dt:text-is('答复评价') + dd").inner_text().strip() == "C"
    assert [e.grade for e in Evaluation.objects.filter(handling=handling)] == ["C"]
    assert FollowUpRound.objects.get(handling=handling).is_open


def test_choosing_another_grade_records_nothing(phone_page):
    deputy = DeputyFactory(name="欧阳晓华")
    deputy_user(deputy, username="ouyang2", display_name="欧阳晓华")
    handling = suggestion_factories.handling(stage="reply_submitted", lead_deputy=deputy, title=TITLE)

    page = phone_page
    log_in(page, "ouyang2")
    page.goto(f"/suggestions/handlings/{handling.pk}/")
    form = page.locator("form#grade")
    form.locator("label").filter(has=page.get_by_role("radio", name="C（50 分，不满意）")).tap()
    form.get_by_role("button", name="录入评价").click()
    page.get_by_role("link", name="重新选择档次").click()
    expect(page.locator("form#grade").get_by_role("button", name="录入评价")).to_be_visible()
    assert not Evaluation.objects.filter(handling=handling).exists()
