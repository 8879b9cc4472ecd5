"""Steps the browser journeys share."""


def page_overflow(page) -> int:
    """The page's scroll width: on a 360-px phone anything above 360 scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def log_in(page, username: str, password: str = "pw-for-tests-1") -> None:
    """Log in through the header's link and the login form (Chinese labels, the site's default)."""
    page.goto("/")
    page.locator(".account a[href^='/accounts/login/']").click()
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")
