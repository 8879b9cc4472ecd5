"""A deputy writes a suggestion on their phone: "我的建议" in the header, "起草建议"; an empty form
comes back with the error summary on top; the filled form saves a draft; "提交建议" sends it to
the office. The site is used in Chinese, its default."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import DeputyFactory, deputy_user
from suggestions.models import Suggestion, SuggestionState
from tests.browser.helpers import guide_shot, header_link, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于在碧岭社区增设老年人助餐点的建议"
CONTENT = "碧岭社区 60 岁以上老人约 1,200 人，附近没有助餐点。建议利用社区党群服务中心一楼设置助餐点。"


def test_a_deputy_submits_a_suggestion_from_a_phone(phone_page):
    deputy = DeputyFactory(name="诸葛丽娟")
    deputy_user(deputy, username="zhuge", display_name="诸葛丽娟")

    page = phone_page
    log_in(page, "zhuge")
    header_link(page, "我的建议").click()
    page.wait_for_url("**/suggestions/my/")
    guide_shot(page, "deputy-1-my-suggestions")
    page.locator("main").get_by_role("link", name="起草建议").click()
    page.wait_for_url("**/suggestions/new/")
    assert page.locator("h1").inner_text() == "起草建议"

    page.get_by_role("button", name="保存草稿").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert summary.bounding_box()["y"] < 740, "the summary is on the first screen"
    assert summary.get_by_role("heading").inner_text() == "请更正以下内容："
    assert [link.strip() for link in summary.get_by_role("link").all_inner_texts()] == ["标题", "内容"]
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert not Suggestion.objects.exists()
    assert page_overflow(page) <= 360
    guide_shot(page, "deputy-2-errors")

    summary.get_by_role("link", name="标题").click()
    expect(page.get_by_label("标题")).to_be_focused()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容").fill(CONTENT)
    page.get_by_label("类别").select_option("social")
    page.get_by_role("button", name="保存草稿").click()

    page.wait_for_url("**/suggestions/manage/*/**")  # the summary's #id_title stays on the address
    suggestion = Suggestion.objects.get()
    assert f"/suggestions/manage/{suggestion.pk}/" in page.url
    assert page.get_by_role("status").inner_text().strip() == "草稿已保存，完成后请提交。"
    assert page.locator("h1").inner_text() == TITLE
    page.get_by_role("button", name="提交建议").click()
    page.wait_for_url(f"**/suggestions/manage/{suggestion.pk}/")
    assert page.get_by_role("status").inner_text().strip() == "建议已提交。"
    assert page.locator("dl.facts dt:text-is('状态') + dd").inner_text().strip() == "已提交"
    assert page_overflow(page) <= 360
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.title, suggestion.lead_deputy_id) == (
        SuggestionState.SUBMITTED, TITLE, deputy.pk)
