"""On a 360-pixel phone the deputy directory fits the screen (no sideways scrolling of the page)
and its search works."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import CommunityFactory, DeputyFactory, StreetFactory
from tests.browser.helpers import page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/deputy-directory-360.png"


def test_the_directory_fits_a_phone_and_its_search_works(phone_page):
    street = StreetFactory(name="坑梓街道")
    community = CommunityFactory(street=street, name="秀新社区")
    for i in range(45):
        DeputyFactory(name=f"欧阳{i:02d}", community=community, street=street,
                      occupation="深圳市坪山区某某科技股份有限公司研发中心高级工程师兼工会主席")
    DeputyFactory(name="司马光明", community=community, street=street, occupation="中学教师")

    page = phone_page
    page.goto("/deputies/")
    assert page.locator("h1").inner_text() == "人大代表"
    assert page_overflow(page) <= 360
    page.screenshot(path=SCREENSHOT, full_page=False)

    page.get_by_label("姓名、职业或社区").fill("司马")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_load_state()
    names = page.locator("main table tbody td:first-child").all_inner_texts()
    assert names == ["司马光明"]
    assert page_overflow(page) <= 360
    page.locator("main table a", has_text="司马光明").click()
    expect(page.locator("h1")).to_have_text("司马光明")
    assert page_overflow(page) <= 360


@pytest.mark.parametrize("url", ["/", "/en/", "/accounts/login/", "/en/deputies/"])
def test_other_pages_fit_a_phone_too(phone_page, url):
    DeputyFactory(name="欧阳明", occupation="深圳市坪山区某某科技股份有限公司研发中心高级工程师兼工会主席")
    phone_page.goto(url)
    assert phone_page.locator("h1").count() == 1
    assert page_overflow(phone_page) <= 360
    phone_page.screenshot(path=f"/tmp/phone{url.replace('/', '_')}.png")
