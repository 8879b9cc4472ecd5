"""Every answer carries a Content-Security-Policy that allows only the portal's own files: no
'unsafe-inline', no 'unsafe-eval', no other host; the portal's templates hold no inline code that
the policy would block. (tests/browser/test_demo_district_in_chromium.py checks the pages in Chromium.)"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from congress.tests.factories import deputy_user

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
INLINE = re.compile(r"""\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*["']""", re.IGNORECASE)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_strict(response) -> None:
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert not re.search(r"https?:|\*", policy), policy
    found = directives(response)
    assert found["default-src"] == ["'self'"]
    assert found["object-src"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert found["base-uri"] == ["'self'"]
    assert found["form-action"] == ["'self'"]
    assert found["script-src"] == ["'self'"] and found["style-src"] == ["'self'"]


def test_a_page_has_the_policy_and_the_other_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_strict(response)
    assert "data:" not in directives(response)["img-src"]
    assert response["Permissions-Policy"].startswith("accelerometer=()")
    assert response["X-Frame-Options"] == "DENY"


def test_an_api_answer_has_the_policy(client):
    client.force_login(deputy_user())
    response = client.get("/api/v1/streets/")
    assert response.status_code == 200
    assert_strict(response)
    client.logout()
    refused = client.post("/api/v1/streets/", {})  # an error answer too
    assert refused.status_code >= 400
    assert_strict(refused)


def test_redoc_gives_its_styles_the_pages_nonce(client):
    response = client.get("/api/redoc/")
    found = directives(response)
    nonce = re.search(r"'nonce-([^']+)'", " ".join(found["style-src"])).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert client.get("/api/redoc/")["Content-Security-Policy"] != response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert found["worker-src"] == ["blob:"]
    bundle = client.get("/api/redoc-assets/bundles/redoc.standalone.js").content
    assert b"document.currentScript.nonce" in bundle


def test_swagger_loads_its_start_up_script_from_its_view(client):
    page = client.get("/api/docs/").content.decode()
    assert not INLINE.search(page), INLINE.search(page)
    script = re.search(r'<script src="([^"]*\?[^"]*script[^"]*)"', page).group(1).replace("&amp;", "&")
    answer = client.get(script)
    assert answer.status_code == 200 and "SwaggerUIBundle(" in answer.content.decode()


def test_no_template_has_inline_code():
    templates = [p for p in ROOT.glob("**/templates/**/*.html") if ".venv" not in p.parts]
    assert len(templates) > 50
    offending = {str(p.relative_to(ROOT)): m.group(0) for p in templates
                 if (m := INLINE.search(re.sub(r"{% comment %}.*?{% endcomment %}", "", p.read_text(), flags=re.S)))}
    assert offending == {}
