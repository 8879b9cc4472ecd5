"""The demo district in real Chromium, built once (building it is the slow part) for two checks
over every app's pages, public and logged in: the Content-Security-Policy blocks nothing
(csp_pages), and axe-core finds no serious or critical accessibility violation at 360 and
1280 px (axe_pages)."""

import pytest
from django.core.management import call_command

from tests.browser.axe_pages import AXE, violations_on_demo_pages
from tests.browser.csp_pages import blocked_on_demo_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_pages_keep_the_policy_and_pass_axe(browser, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    blocked = blocked_on_demo_pages(browser, live_server)
    assert blocked == {}, "\n".join(f"{where}: {what}" for where, what in blocked.items())

    if not AXE.exists():
        pytest.skip("axe-core is not installed (make browser installs it with npm); the policy was checked")
    violations = violations_on_demo_pages(browser, live_server)
    assert violations == {}, "\n".join(f"{where}: {what}" for where, what in violations.items())
