"""The API's documentation pages work on an isolated intranet and under the portal's
Content-Security-Policy (no inline script or style, settings.CONTENT_SECURITY_POLICY).

Swagger UI and ReDoc come from the drf-spectacular sidecar (served locally), but ReDoc's bundle
still draws its vendor's logo from the internet; the portal serves that bundle itself with the logo
pointing at a local file. Swagger UI's start-up script is served by the page's own view (`?script`)
instead of inline. ReDoc writes <style> elements at run time (styled-components): the bundle is
patched to give them the nonce of the <script> tag that loaded it, so the page needs no
'unsafe-inline'."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import drf_spectacular_sidecar
from csp.decorators import csp_update
from django.http import HttpResponse
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
BUNDLE = (Path(drf_spectacular_sidecar.__file__).parent
          / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
# webpack's nonce for the <style> elements the bundle inserts (styled-components and style-loader
# read it); the bundle sets it to undefined before any of them is written.
BUNDLE_NONCE = "r.nc=void 0"
BUNDLE_NONCE_FROM_SCRIPT = "r.nc=(document.currentScript&&document.currentScript.nonce)||void 0"


@cache
def _bundle(logo_url: str) -> bytes:
    text = BUNDLE.read_text(encoding="utf-8")
    if text.count(BUNDLE_NONCE) != 1:  # a new sidecar release: the patch must be looked at again
        raise RuntimeError("the ReDoc bundle no longer sets webpack's nonce the expected way")
    return (text.replace(REMOTE_LOGO, logo_url).replace(BUNDLE_NONCE, BUNDLE_NONCE_FROM_SCRIPT)
            .encode("utf-8"))


@cache_control(max_age=86400, public=True)
def redoc_bundle(request):
    return HttpResponse(_bundle(static("img/redoc-logo.svg")), content_type="text/javascript; charset=utf-8")


# Swagger UI's stylesheet draws its icons as data: images; only this page allows them.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class SwaggerView(SpectacularSwaggerSplitView):
    pass


# ReDoc runs its search index in a Web Worker made from a blob: URL and draws its link icons as
# data: images; only this page allows them.
@method_decorator(csp_update({"worker-src": ["blob:"], "img-src": ["data:"]}), name="dispatch")
class RedocView(SpectacularRedocView):
    pass
