"""A user logs in through the login page and sees their name in the header, then logs out."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import OrganizationContactFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_in_see_the_name_then_log_out(page):
    sheet = OrganizationContactFactory(organization__name="区教育局")
    UserFactory(username="unit", display_name="区教育局联络员", role="unit_handler", organization=sheet.organization)

    page.goto("/")
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill("unit")
    page.get_by_label("密码").fill("wrong-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main [data-error-summary]")).to_be_visible()  # a wrong password is refused with a message

    page.get_by_label("密码").fill("pw-for-tests-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")
    assert page.locator(".site-header .who").inner_text() == "区教育局联络员"
    page.locator(".site-header a[href='/my/unit/']").click()
    page.wait_for_url("**/my/unit/")
    assert page.locator("main h2").first.inner_text() == "区教育局"

    page.locator(".site-header form[action='/accounts/logout/'] button").click()
    page.wait_for_load_state()
    expect(page.locator(".site-header .who")).to_have_count(0)
    expect(page.locator(".account a[href^='/accounts/login/']")).to_be_visible()
    page.goto("/my/unit/")
    assert "/accounts/login/" in page.url, "the private page needs a login again"
