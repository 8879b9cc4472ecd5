"""Real Chromium enforces the portal's Content-Security-Policy (no 'unsafe-inline', no
'unsafe-eval') and nothing on a representative set of pages is blocked: the public pages of every
app, a deputy's, a unit handler's and the staff's own pages, the projector screens, the back
office (changelist, change form, history, import, export, a third-party form) and both API docs
pages after their scripts have drawn them. Blocked code is caught twice: the page's
`securitypolicyviolation` events and Chromium's console messages."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from congress.models import Deputy, User

# Playwright's init scripts are not subject to the page's policy: the listener is there before any
# of the page's own code runs.
LISTEN = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || "page"}:${e.lineNumber})`));"""
CONSOLE = re.compile(r"Content Security Policy|Refused to")

PUBLIC = ["/", "/en/", "/deputies/", "/suggestions/", "/suggestions/ranking/",
          "/points/ranking/", "/liaison/", "/liaison/figures/", "/supervision/", "/projects/", "/projects/micro/",
          "/appointees/", "/appointees/draws/", "/accounts/login/"]
# Each list's first few detail pages (a link to <prefix><number>/) are visited too.
DETAILS = {"/deputies/": "/deputies/", "/suggestions/": "/suggestions/", "/liaison/": "/liaison/stations/",
           "/projects/": "/projects/", "/appointees/draws/": "/appointees/draws/"}
DEPUTY = ["/suggestions/my/", "/suggestions/my/awaiting/", "/suggestions/new/", "/points/my/", "/points/my/report/",
          "/my/notices/", "/accounts/password/"]
UNIT = ["/suggestions/handlings/", "/my/unit/", "/projects/unit/"]
STAFF = ["/suggestions/statistics/", "/suggestions/statistics/2020/report/", "/supervision/clues/", "/liaison/work/"]
ADMIN = ["/admin/", "/admin/congress/deputy/", "/admin/congress/deputy/import/", "/admin/congress/deputy/export/",
         "/admin/suggestions/suggestion/", "/admin/points/ledgerentry/", "/admin/django_celery_beat/periodictask/add/"]


def context_for(browser, live_server, username=None):
    """A browser context, logged in as `username` through a session made on the server (as
    Client.force_login does), not through the login form: the check is about the pages."""
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(20_000)
    if username:
        client = Client()
        client.force_login(User.objects.get(username=username))
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


class Visitor:
    def __init__(self, context):
        self.page = context.new_page()
        self.page.add_init_script(LISTEN)
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(message.text)
                     if CONSOLE.search(message.text) else None)
        self.found: dict[str, list[str]] = {}
        self.visited: list[str] = []

    def visit(self, path: str, ready: str | None = None) -> None:
        """Open the page, wait for `ready` (what its scripts draw) and the network to settle, and
        note whatever the policy blocked."""
        self.console.clear()
        response = self.page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy, f"{path}: {policy!r}"
        if ready:
            self.page.wait_for_selector(ready, timeout=90_000)  # the API docs draw the whole schema
        self.page.wait_for_load_state("networkidle")
        blocked = self.page.evaluate("window.__cspViolations") + self.console
        if blocked:
            self.found[path] = blocked
        self.visited.append(path)

    def links(self, prefix: str, limit: int = 2) -> list[str]:
        hrefs = self.page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
        found = []
        for href in hrefs:
            path = urlsplit(href).path
            if re.fullmatch(re.escape(prefix) + r"\d+/", path) and path not in found:
                found.append(path)
        return found[:limit]


def blocked_on_demo_pages(browser, live_server) -> dict[str, list[str]]:
    """What the policy blocked on the demo district's pages (built by the caller), by page."""
    assert Deputy.objects.exists() and User.objects.filter(username__in=["admin", "unit", "deputy"]).count() == 3
    found, visited = {}, []
    for username, paths in [(None, PUBLIC), ("deputy", DEPUTY), ("unit", UNIT), ("staff", STAFF), ("admin", ADMIN)]:
        context = context_for(browser, live_server, username)
        try:
            visitor = Visitor(context)
            for path in paths:
                visitor.visit(path)
                for detail in visitor.links(DETAILS[path]) if path in DETAILS and not username else []:
                    visitor.visit(detail)
            if username == "unit":
                for detail in visitor.links("/suggestions/handlings/", 1):
                    visitor.visit(detail)
            if username == "admin":
                visitor.visit("/admin/congress/deputy/")
                change = visitor.page.locator("#result_list tbody a").first.get_attribute("href")
                visitor.visit(change)
                visitor.visit(change.replace("/change/", "/history/"))
                visitor.visit("/projects/")
                for ballot in visitor.links("/projects/ballots/", 1):
                    visitor.visit(ballot + "projector/", ready="main, body")
                visitor.visit("/api/docs/", ready=".swagger-ui .opblock")
                visitor.visit("/api/redoc/", ready=".api-content h1")
            found.update({f"{username or 'visitor'} {path}": v for path, v in visitor.found.items()})
            visited += visitor.visited
        finally:
            context.close()
    assert len(visited) >= 35, visited
    return found
