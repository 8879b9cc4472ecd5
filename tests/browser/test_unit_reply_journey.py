"""A unit handler answers a deputy's suggestion on a phone: "建议办理" in the header lists their
unit's handlings (and no other unit's), the handling awaiting a reply opens with the suggestion and
the deadline, the reply is written and submitted; the deputy then sees it awaiting their grade."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import OrganizationFactory, unit_user
from suggestions.models import HandlingState
from suggestions.tests import factories as suggestion_factories
from tests.browser.helpers import guide_shot, header_link, log_in_as, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于在坑梓中心路口增设行人过街信号灯的建议"
REPLY = "我局已将坑梓中心路口纳入 2021 年信号灯建设计划，预计 6 月底前完工。"


def test_a_unit_handler_replies_to_a_handling(phone_page, live_server):
    unit = OrganizationFactory(name="区交通运输局")
    handler = unit_user(unit, username="jiaotong", display_name="交通局联络员")
    handling = suggestion_factories.handling(organization=unit, title=TITLE)
    other = suggestion_factories.handling(organization=OrganizationFactory(name="区水务局"), title="另一个单位的建议")

    page = phone_page
    log_in_as(page, live_server, handler)
    page.goto("/")
    header_link(page, "建议办理").click()
    page.wait_for_url("**/suggestions/handlings/")
    listing = page.locator("main table tbody").inner_text()
    assert TITLE in listing and "区交通运输局" in listing and "待答复" in listing
    assert other.suggestion.title not in listing, "another unit's handling is not listed"
    assert page_overflow(page) <= 360
    guide_shot(page, "unit-1-handlings")

    page.locator("main table").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/suggestions/handlings/{handling.pk}/")
    assert page.locator("dl.facts dt:text-is('答复期限') + dd").inner_text().startswith(
        handling.deadline.strftime("%Y-%m-%d"))
    form = page.locator("form", has=page.get_by_role("heading", name="提交答复"))
    form.get_by_role("button", name="提交").click()
    expect(page.locator("[role=alert], .errorlist").first).to_be_visible()  # an empty reply is refused
    assert not handling.replies.exists()

    form = page.locator("form", has=page.get_by_role("heading", name="提交答复"))
    form.get_by_label("答复").fill(REPLY)
    guide_shot(page, "unit-2-reply", top=form)
    form.get_by_role("button", name="提交").click()
    page.wait_for_url(f"**/suggestions/handlings/{handling.pk}/")
    assert page.get_by_role("status").inner_text().strip() == "答复已提交。"
    assert page.locator("dl.facts dt:text-is('状态') + dd").inner_text().strip() == "答复待评价"
    assert REPLY in page.locator("main").inner_text()
    expect(page.get_by_role("heading", name="提交答复")).to_have_count(0)
    assert page_overflow(page) <= 360
    handling.refresh_from_db()
    assert handling.state == HandlingState.REPLY_SUBMITTED
    assert handling.replies.get().content == REPLY
