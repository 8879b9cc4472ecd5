"""Steps the browser journeys share."""

import os
from pathlib import Path


def page_overflow(page) -> int:
    """The page's scroll width: on a 360-px phone anything above 360 scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def open_menu(page) -> None:
    """On a phone the header's links fold behind the menu button: open it (a no-op on a desktop)."""
    toggle = page.locator("[data-menu-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def header_link(page, name: str):
    """A link in the header by its visible name, the menu opened first on a phone."""
    open_menu(page)
    return page.locator(".site-header").get_by_role("link", name=name)


def log_in(page, username: str, password: str = "pw-for-tests-1") -> None:
    """Log in through the header's link and the login form (Chinese labels, the site's default).
    Office staff then get the code page: the code is typed as their authenticator app would show
    it (`give_second_factor`)."""
    page.goto("/")
    open_menu(page)
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if "/accounts/second-factor/" in page.url:
        give_second_factor(page, username)
    page.wait_for_url("**/")


def give_second_factor(page, username: str) -> None:
    """On the code page, type the current code of the account's authenticator (from its key in the
    database, as the app computes it); on the enrolment page, the code of the secret the page shows,
    then leave the recovery codes page."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from congress.testing import fresh_totp_code

    if "/accounts/second-factor/setup/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    else:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    page.get_by_label("验证码").fill(fresh_totp_code(device))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    if "/accounts/second-factor/recovery-codes/" in page.url:
        with page.expect_navigation():
            page.get_by_role("link", name="我已保存 — 继续").click()


GUIDE_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "guides" / "img"


def guide_shot(page, name: str, *, top=None) -> None:
    """Save the screen as docs/guides/img/<name>.png for the role guides (scrolled so that the
    locator `top` starts the screen), only when GUIDE_SCREENSHOTS=1: normal runs leave the
    committed images alone. CSS-pixel scale keeps a phone shot 360 px wide."""
    if os.environ.get("GUIDE_SCREENSHOTS") != "1":
        return
    if top is not None:
        top.evaluate("element => element.scrollIntoView({block: 'start'})")
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_IMAGES / f"{name}.png"
    page.screenshot(path=str(path), scale="css", animations="disabled")
    from PIL import Image

    with Image.open(path) as image:  # a 256-colour palette: a third of the size, same to the eye
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def log_in_as(page, live_server, user) -> None:
    """Put a logged-in session of `user` into the browser without the login form (staff have a
    second factor): Django's test client logs in and its session cookie is copied over."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])
