"""Middleware of the portal."""

import re
import time
import uuid

from django.conf import settings
from django.contrib import auth, messages
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
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

    def process_exception(self, request, exception):
        # A view's PermissionDenied (the admin's model permissions, congress.site.require, a page's
        # own refusal) is a refused authorization: it joins the audit trail. Django still answers 403.
        from django.core.exceptions import PermissionDenied

        if isinstance(exception, PermissionDenied):
            from congress.audit import record_refusal

            record_refusal(str(exception) or "permission denied", request=request)
        return None


class PermissionsPolicyMiddleware:
    """The browser features no page of the portal uses are switched off (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# When the login happened and when the session was last used (seconds since the epoch).
SESSION_STARTED_KEY = "congress_auth_started"
SESSION_SEEN_KEY = "congress_auth_seen"


def session_limits_start(sender, request, user, **kwargs) -> None:
    """On every login (user_logged_in): both clocks start now."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_SEEN_KEY] = now


class SessionLimitsMiddleware:
    """A logged-in session ends after settings.SESSION_IDLE_TIMEOUT without a request and
    settings.SESSION_COOKIE_AGE after the login, whichever comes first; the request then goes on as
    a visitor's (a page asks to log in again). Goes after the auth and messages middleware."""

    # The last-seen time is written at most this often, not on every request.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only requests that carry a session cookie: a visitor's public page never loads a session
        # (and so stays cacheable, without Vary: Cookie).
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY, now)
            seen = request.session.get(SESSION_SEEN_KEY, now)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            if now - seen > idle or now - started > settings.SESSION_COOKIE_AGE:
                request.congress_session_expired = True
                auth.logout(request)
                messages.info(request, _("Your session has ended; please log in again."))
            elif now - seen >= self.TOUCH_EVERY or SESSION_STARTED_KEY not in request.session:
                request.session[SESSION_STARTED_KEY] = started
                request.session[SESSION_SEEN_KEY] = now
        return self.get_response(request)


# Pages an account may open between its password and its second factor: the code pages (their views
# carry `second_factor_exempt`), leaving, and the display switches of the header.
SECOND_FACTOR_EXEMPT_VIEWS = frozenset({"logout", "admin:logout", "set_language", "javascript-catalog", "healthz",
                                        "care-mode"})


def second_factor_exempt(view):
    """Marks a view an account may open before its second factor (the code and enrolment pages)."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Refuses a session that has not given its second factor where one is needed
    (congress.second_factor): the back office (`/admin/`) for every account that may reach it, and
    every page for office staff and superusers. The page is answered with a redirect to the code
    page (to enrolment for an account without an authenticator), the API with a 403. Goes after
    django_otp's OTPMiddleware and SessionLimitsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.http import JsonResponse
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        from congress.second_factor import has_authenticator, second_factor_required

        user = request.user
        # The roles are read once per request and cached on the user (the header reads them too);
        # office staff whose is_staff was unticked still reach the staff-only pages of the site.
        if not (user.is_authenticated and (user.is_staff or second_factor_required(user))):
            return None
        match = request.resolver_match
        exempt = match is not None and match.view_name in SECOND_FACTOR_EXEMPT_VIEWS
        if exempt or getattr(view_func, "second_factor_exempt", False):
            return None
        in_back_office = bool(match and "admin" in match.namespaces)
        if not (in_back_office or second_factor_required(user)) or user.is_verified():
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": _("Give your second factor on the site first.")}, status=403)
        page = "second-factor-verify" if has_authenticator(user) else "second-factor-setup"
        return redirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")
