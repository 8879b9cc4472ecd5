"""The site is Chinese by default and English after choosing it in the language switch."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chinese_by_default_and_english_after_switching(page):
    page.goto("/?year=2020")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "2020年主要数据"
    assert page.locator("#language").input_value() == "zh-hans"
    assert page.get_by_label("语言").count() == 1, "the switch is labelled"

    page.select_option("#language", "en")
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Key figures of 2020"
    assert page.locator("#language").input_value() == "en"

    page.locator(".nav a", has_text="Deputies").click()
    expect(page.locator("h1")).to_have_text("Deputies")
    assert page.locator("html").get_attribute("lang") == "en", "English stays on while browsing"

    page.select_option("#language", "zh-hans")
    page.locator("form.lang-switch button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator("h1").inner_text() == "人大代表"
