"""A reader's display preferences, kept in a cookie so they need no login: the language, and care
mode (关怀模式), larger type, more spacing and higher contrast for older readers, as Chinese
public-sector sites offer under GB/T 37668.

Their forms (in every page's header) carry no CSRF token, and these two views do not ask for one:
a forged switch can do no more than change how the reader's own pages look (the next URL is
checked), and without a token a published page is the same bytes for every reader, served from
the page cache (congress.pagecache) without minting a secret and a cookie for each request."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

CARE_COOKIE = "care_mode"
ONE_YEAR = 365 * 24 * 3600


def care_mode_on(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "on"


def _safe_next(request) -> str:
    target = request.POST.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return "/"


language_set = csrf_exempt(set_language)


@csrf_exempt
@require_POST
def care_mode_set(request):
    """Switch care mode on or off (`care` = on/off) and go back to the page the reader was on."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.POST.get("care") == "on":
        response.set_cookie(CARE_COOKIE, "on", max_age=ONE_YEAR, samesite="Lax", httponly=True,
                            secure=request.is_secure())
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response
