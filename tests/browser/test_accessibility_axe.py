"""axe-core, injected into real Chromium, finds no serious or critical accessibility violation on
the demo district's public pages and a deputy's own pages, on a 360-px phone and a 1280-px
desktop. Pages are found by following the site's own links, so every app's pages are covered."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from congress.models import Deputy
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SKIP = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/en/i18n/", "/jsi18n/", "/accounts/logout/",
        "/care-mode/")
MAX_PAGES = 45
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


def audit(page, start: list[str]) -> dict[str, list[str]]:
    seen, queue, found = set(), list(start), {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
        queue.extend(link for link in same_site_links(page) if link not in seen)
    return found


@pytest.fixture
def demo_district():
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser installs it with npm)")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_public_and_deputy_pages_have_no_serious_violation(browser, live_server, demo_district):
    assert Deputy.objects.filter(user__username="deputy").exists(), "the demo has a deputy login"
    found = {}
    for width in WIDTHS:  # one demo district for both widths: building it is the slow part
        # bypass_csp: axe-core goes in as an inline script, which the portal's policy blocks.
        context = browser.new_context(locale="zh-CN", base_url=live_server.url, bypass_csp=True,
                                      viewport={"width": width, "height": 900})
        context.set_default_timeout(20_000)
        page = context.new_page()
        try:
            found.update({f"{width}px {path}": v for path, v in audit(page, ["/", "/en/", "/deputies/"]).items()})
            log_in(page, "deputy", "demo-2020")
            own = audit(page, ["/suggestions/my/", "/points/my/", "/"])
            found.update({f"{width}px deputy {path}": v for path, v in own.items()})
        finally:
            context.close()
    assert found == {}, "\n".join(f"{where}: {violations}" for where, violations in found.items())
