"""axe-core, injected into real Chromium, finds no serious or critical accessibility violation on
the demo district's public pages and on the logged-in pages of every role that works on the site
(deputy, unit handler, station staff, office staff), on a 360-px phone and a 1280-px desktop.
Pages are found by following the site's own links, so every app's pages are covered: the public
crawl from the home page, then each role's crawl from the header's account links (pages the public
crawl already checked are not checked again)."""

from pathlib import Path
from urllib.parse import urlsplit

from congress.models import Deputy, User
from tests.browser.helpers import log_in, log_in_as

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SKIP = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/en/i18n/", "/jsi18n/", "/accounts/logout/",
        "/care-mode/")
MAX_PAGES = 45
MAX_OWN_PAGES = 15  # per role and width: the role's own pages, not the public site again
ROLES = ("unit", "station", "staff")  # demo logins besides the deputy (logged in through the form)
WIDTHS = (360, 1280)
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | "));
}"""


def same_site_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(SKIP):
            continue
        if "format=" in href or ("page=" in href and "page=2" not in href):
            continue
        links.append(href.split("#")[0])
    return links


def account_links(page) -> list[str]:
    """The header's links to the logged-in user's own pages (their role's work)."""
    hrefs = page.eval_on_selector_all(".site-header .account a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [href for href in hrefs if href.startswith("/") and not href.startswith(SKIP + ("/accounts/",))]


def audit(page, start: list[str], *, limit: int = MAX_PAGES, seen: set[str] | None = None) -> dict[str, list[str]]:
    """Check up to `limit` pages from `start` on, following links; `seen` (paths already checked
    or not to check) is added to as pages are visited."""
    seen = set() if seen is None else seen
    queue, found, done = list(start), {}, 0
    while queue and done < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        done += 1
        response = page.goto(path)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
        queue.extend(link for link in same_site_links(page) if link not in seen)
    return found


def violations_on_demo_pages(browser, live_server) -> dict[str, list[str]]:
    """axe-core's serious and critical violations on the demo district's pages (built by the
    caller), by width, role and page."""
    assert Deputy.objects.filter(user__username="deputy").exists(), "the demo has a deputy login"
    found = {}
    for width in WIDTHS:  # one demo district for both widths: building it is the slow part
        # bypass_csp: axe-core goes in as an inline script, which the portal's policy blocks.
        context = browser.new_context(locale="zh-CN", base_url=live_server.url, bypass_csp=True,
                                      viewport={"width": width, "height": 900})
        context.set_default_timeout(20_000)
        page = context.new_page()
        try:
            public = set()
            found.update({f"{width}px {path}": v
                          for path, v in audit(page, ["/", "/en/", "/deputies/"], seen=public).items()})
            log_in(page, "deputy", "demo-2020")
            own = audit(page, ["/suggestions/my/", "/points/my/", "/"])
            found.update({f"{width}px deputy {path}": v for path, v in own.items()})
        finally:
            context.close()
        for username in ROLES:  # staff have a second factor: their session is made, not typed
            context = browser.new_context(locale="zh-CN", base_url=live_server.url, bypass_csp=True,
                                          viewport={"width": width, "height": 900})
            context.set_default_timeout(20_000)
            page = context.new_page()
            try:
                log_in_as(page, live_server, User.objects.get(username=username))
                page.goto("/")
                starts = account_links(page)
                assert starts, f"the demo login {username} has pages of its own"
                own = audit(page, starts, limit=MAX_OWN_PAGES, seen=public - set(starts))
                found.update({f"{width}px {username} {path}": v for path, v in own.items()})
            finally:
                context.close()
    return found
