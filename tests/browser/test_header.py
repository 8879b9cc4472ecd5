"""On a 360-px phone the header is one compact line whose links fold behind a menu button; the
current page is marked; the unread-notices badge is readable; care mode makes everything larger
and is remembered from page to page, still fitting the phone."""

import pytest
from playwright.sync_api import expect

from congress.services import notice_create
from congress.tests.factories import deputy_user
from tests.browser.helpers import log_in, open_menu, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTRAST = """el => {
  const rgb = s => s.match(/[0-9.]+/g).slice(0, 3).map(Number);
  const lum = c => { const v = c.map(x => { x /= 255;
                       return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const style = getComputedStyle(el);
  const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_the_phone_header_is_compact_and_opens_a_menu(phone_page):
    page = phone_page
    page.goto("/deputies/")
    assert page.locator(".site-header").bounding_box()["height"] <= 80
    links = page.locator(".site-header .nav a")
    assert not links.first.is_visible()
    open_menu(page)
    expect(links.first).to_be_visible()
    current = page.locator(".site-header .nav a[aria-current=page]")
    assert current.count() == 0 or current.inner_text()  # the directory is not a nav entry of its own
    page.goto("/")
    open_menu(page)
    assert page.locator(".site-header .nav a[aria-current=page]").inner_text() == "首页"
    assert page_overflow(page) <= 360


def test_the_unread_badge_is_readable(phone_page):
    user = deputy_user(username="badge", password="pw-for-tests-1")
    notice_create(kind="info", message="测试通知", user=user)
    page = phone_page
    log_in(page, "badge")
    open_menu(page)
    badge = page.locator(".site-header .badge")
    assert "1" in badge.inner_text()
    assert badge.evaluate(CONTRAST) >= 4.5


def test_care_mode_is_larger_remembered_and_fits_the_phone(phone_page):
    page = phone_page
    page.goto("/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    open_menu(page)
    page.get_by_role("button", name="关怀模式").click()
    page.wait_for_load_state()
    assert page.locator("body.care").count() == 1
    larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert larger >= normal * 1.2
    page.goto("/deputies/")
    assert page.locator("body.care").count() == 1
    assert page_overflow(page) <= 360
    open_menu(page)
    page.get_by_role("button", name="关怀模式").click()
    page.wait_for_load_state()
    assert page.locator("body.care").count() == 0
