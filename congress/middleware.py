"""Middleware of the portal."""

import re
import uuid

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class UnprefixedLanguageMiddleware:
    """The language of the pages that live outside the site's /en/ prefix. There LocaleMiddleware
    (with prefix_default_language=False) always picks LANGUAGE_CODE; instead:

    - the API answers in the client's language: the site's language cookie, else Accept-Language;
    - the back office follows the language the user chose with the site's switch (the cookie),
      and stays Chinese for everyone else, whatever their browser says.

    Goes right after django.middleware.locale.LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith("/api/"):
            language = translation.get_language_from_request(request)
            vary = ("Accept-Language", "Cookie")
        elif path.startswith("/admin/"):
            language = self._chosen_language(request)
            vary = ("Cookie",)
        else:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, vary)
        return response

    @staticmethod
    def _chosen_language(request) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            try:
                return trans_real.get_supported_language_variant(chosen)
            except LookupError:
                pass
        return settings.LANGUAGE_CODE


class RequestIdMiddleware:
    """Gives every request an id (a proxy's X-Request-ID when it is sane, else a new one), sends it
    back in the response's X-Request-ID and lets the audit trail name the request and its address
    without services being handed the request (congress.audit.current_request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from congress.audit import current_request

        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        reset = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(reset)
        response["X-Request-ID"] = request.request_id
        return response
