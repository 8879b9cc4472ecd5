"""The API's documentation pages work on an isolated intranet. Swagger UI and ReDoc come from the
drf-spectacular sidecar (served locally), but ReDoc's bundle still draws its vendor's logo from the
internet; the portal serves that bundle itself with the logo pointing at a local file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import drf_spectacular_sidecar
from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control

REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
BUNDLE = (Path(drf_spectacular_sidecar.__file__).parent
          / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")


@cache
def _bundle(logo_url: str) -> bytes:
    return BUNDLE.read_text(encoding="utf-8").replace(REMOTE_LOGO, logo_url).encode("utf-8")


@cache_control(max_age=86400, public=True)
def redoc_bundle(request):
    return HttpResponse(_bundle(static("img/redoc-logo.svg")), content_type="text/javascript; charset=utf-8")
