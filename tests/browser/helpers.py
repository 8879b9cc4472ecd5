"""Steps the browser journeys share."""


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
