"""The API's documentation pages work on an isolated intranet and under the portal's
Content-Security-Policy (no inline script or style, settings.CONTENT_SECURITY_POLICY).

Swagger UI and ReDoc come from the drf-spectacular sidecar (served locally), but ReDoc's bundle
still draws its vendor's logo from the internet; the portal serves that bundle itself with the logo
pointing at a local file. Swagger UI's start-up script is served by the page's own view (`?script`)
instead of inline. ReDoc writes <style> elements at run time (styled-components): the bundle is
patched to give them the nonce of the <script> tag that loaded it, so the page needs no
'unsafe-inline'.

The schema itself (`SchemaView`) is rendered once per process for each language and format."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import drf_spectacular_sidecar
from csp.decorators import csp_update
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import get_urlconf
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.exceptions import ValidationError

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


class SchemaView(SpectacularAPIView):
    """The API's OpenAPI schema, as YAML or JSON, in the reader's language (or `?lang=`).

    The schema is made from the code alone and is the same for every reader (SERVE_PUBLIC, no
    query), yet generating and rendering it took 0.2–0.3 s of a worker's CPU, which any visitor
    could ask for again and again. Each process renders it once per language and format and keeps
    the bytes. `?version=` is not read (the API is versioned by its path, /api/v1/), so no caller
    can change what is kept for the others."""

    @extend_schema(**SCHEMA_KWARGS)  # as the parent's: the schema does not list itself
    def get(self, request, *args, **kwargs):
        language = translation.get_language() or settings.LANGUAGE_CODE
        wanted = request.GET.get("lang") if settings.USE_I18N else None
        if wanted:
            try:
                language = translation.get_supported_language_variant(wanted)
            except LookupError:
                choices = ", ".join(code for code, _name in settings.LANGUAGES)
                raise ValidationError({"lang": [_("Unknown language; choose one of: %(choices)s.")
                                                % {"choices": choices}]}) from None
        renderer = request.accepted_renderer
        render = _schema_bytes.__wrapped__ if settings.DEBUG else _schema_bytes
        body = render(language.lower(), get_urlconf(), type(renderer))
        content_type = request.accepted_media_type
        if renderer.charset:
            content_type = f"{content_type}; charset={renderer.charset}"
        return HttpResponse(body, content_type=content_type,
                            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, None)}"'})


@lru_cache(maxsize=16)
def _schema_bytes(language: str, urlconf, renderer_class) -> bytes:
    # Built without the request: with the schema public, the view's own generation gave the same
    # bytes for a visitor, a deputy and office staff.
    with translation.override(language):
        schema = SchemaView.generator_class(urlconf=urlconf).get_schema(request=None, public=True)
        return renderer_class().render(schema, renderer_class.media_type, {})


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Tests override ROOT_URLCONF, LANGUAGES and SPECTACULAR_SETTINGS.
    _schema_bytes.cache_clear()
