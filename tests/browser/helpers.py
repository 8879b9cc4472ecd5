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
    """Log in through the header's link and the login form (Chinese labels, the site's default)."""
    page.goto("/")
    open_menu(page)
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")
