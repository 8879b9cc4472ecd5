"""A form sent back with errors says so at the top, within the first screen of a phone, and the
summary takes the focus; each error links to its field, which keeps what the user typed."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_empty_login_shows_a_focused_summary_on_the_first_screen(phone_page):
    page = phone_page
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("someone")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert summary.bounding_box()["y"] < 740
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "密码" in summary.inner_text()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("密码")).to_be_focused()
    assert page.get_by_label("用户名").input_value() == "someone"
