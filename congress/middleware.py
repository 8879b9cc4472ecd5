"""Middleware of the portal."""

from django.utils import translation
from django.utils.cache import patch_vary_headers


class ApiLanguageMiddleware:
    """The API answers in the client's language. /api/ lies outside the site's language prefix,
    where LocaleMiddleware (with prefix_default_language=False) always picks LANGUAGE_CODE; here
    the language cookie of the site or Accept-Language decide, as for any API. Goes right after
    django.middleware.locale.LocaleMiddleware."""

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
