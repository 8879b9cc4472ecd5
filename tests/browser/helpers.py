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
    """Log in through the header's link and the login form (Chinese labels, the site's default)."""
    page.goto("/")
    open_menu(page)
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")


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
