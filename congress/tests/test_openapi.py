"""The OpenAPI schema validates with no warnings and documents the registry; the browsable docs
load their assets from this server (the intranet has no internet)."""

import re

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

pytestmark = pytest.mark.django_db


def test_the_core_schema_validates_without_warnings_and_lists_the_registry(tmp_path):
    out = tmp_path / "schema.yaml"
    GENERATOR_STATS.reset()  # warnings of an earlier generation in this process must not count
    call_command("spectacular", "--validate", "--fail-on-warn", "--urlconf", "congress.tests.core_api_urls",
                 "--file", str(out))
    schema = yaml.safe_load(out.read_text(encoding="utf-8"))
    paths = set(schema["paths"])
    for endpoint in ("streets", "communities", "organizations", "terms", "sessions", "deputies",
                     "organization-contacts"):
        assert f"/api/v1/{endpoint}/" in paths
        assert f"/api/v1/{endpoint}/{{id}}/" in paths
    assert "patch" in schema["paths"]["/api/v1/organization-contacts/{id}/"]
    assert "put" not in schema["paths"]["/api/v1/organization-contacts/{id}/"]
    deputy = schema["components"]["schemas"]["DeputyOutput"]["properties"]
    assert "phone" not in deputy and "id_number" not in deputy


def test_the_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert "/api/v1/deputies/" in response.json()["paths"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_use_only_local_assets(client, url):
    page = client.get(url).content.decode()
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    assets += re.findall(r"""["']([^"']+\.(?:js|css))["']""", page)
    assert assets, "the page loads its scripts"
    external = [a for a in assets if re.match(r"^(https?:)?//", a)]
    assert external == []
    assert any("sidecar" in a or "/static/" in a or "redoc-assets" in a for a in assets)


def test_the_redoc_bundle_draws_no_logo_from_the_internet(client):
    page = client.get("/api/redoc/").content.decode()
    bundle_url = re.search(r"""src=["']([^"']*redoc\.standalone\.js)["']""", page).group(1)
    bundle = client.get(bundle_url).content
    assert b"cdn.redoc.ly" not in bundle
    assert b"/static/img/redoc-logo.svg" in bundle
