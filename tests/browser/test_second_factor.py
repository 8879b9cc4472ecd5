"""On a 360-px phone, office staff log in with their password, set up their authenticator from the
secret the page shows (as they would type it into an app), keep the recovery codes, reach the back
office; at the next login the password is followed by the code page."""

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from congress.testing import fresh_totp_code
from congress.tests.factories import staff_user
from tests.browser.helpers import log_in, open_menu, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_of(secret: str) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, digits=6)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_staff_log_in_with_the_password_then_a_code_on_a_phone(phone_page):
    page = phone_page
    staff_user(username="zhou", display_name="周干事")

    page.goto("/admin/")
    page.get_by_label("用户名").fill("zhou")
    page.get_by_label("密码").fill("pw-for-tests-1")
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url("**/accounts/second-factor/setup/**")
    assert page.locator("main h1").inner_text() == "设置两步验证"
    qr = page.locator("main .qr svg")
    assert qr.is_visible() and qr.bounding_box()["width"] <= 360
    assert page_overflow(page) <= 360
    secret = page.locator("[data-secret]").inner_text()

    page.get_by_label("验证码").fill("000000" if code_of(secret) != "000000" else "111111")
    page.get_by_role("button", name="确认").click()
    assert "验证码不正确" in page.locator("main [data-error-summary]").inner_text()

    page.wait_for_timeout(1100)  # one wrong code locks for a second
    page.get_by_label("验证码").fill(code_of(secret))
    page.get_by_role("button", name="确认").click()
    page.wait_for_url("**/accounts/second-factor/recovery-codes/**")
    assert page.locator("[data-recovery-codes] li").count() == 10
    assert page_overflow(page) <= 360
    page.get_by_role("link", name="我已保存 — 继续").click()
    page.wait_for_url("**/admin/")
    assert page.locator("#site-name, #header").first.is_visible()

    page.goto("/")
    open_menu(page)
    with page.expect_navigation():
        page.locator(".site-header form[action='/accounts/logout/'] button").click()

    page.goto("/")
    open_menu(page)
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill("zhou")
    page.get_by_label("密码").fill("pw-for-tests-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/second-factor/verify/**")
    assert page.locator("main h1").inner_text() == "两步验证"
    assert page.get_by_label("验证码").get_attribute("inputmode") == "numeric"
    assert page_overflow(page) <= 360
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.get_by_label("验证码").fill(fresh_totp_code(TOTPDevice.objects.get(user__username="zhou")))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url("**/")
    assert page.locator(".site-header .who").inner_text() == "周干事"


def test_the_shared_login_helper_passes_the_code_step(page):
    staff_user(username="wang", display_name="王干事")
    log_in(page, "wang")  # enrols on the way (no authenticator yet)
    page.goto("/admin/")
    assert "/admin/" in page.url and "second-factor" not in page.url
