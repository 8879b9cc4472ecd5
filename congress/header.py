"""The site header of every page, rendered once per combination of what it shows.

The header (the sections, the account links, the notices badge, the language and care-mode
switches) is a hundred template nodes: about a millisecond of every logged-in page, the same
for every page a reader opens while nothing it shows changes. So it is rendered from exactly what
it shows (the language, the reader's name and roles, their unread count, the current section…),
which is the memo's key, and remembered in the process. What differs on every request, the
CSRF token of the logout form and the page's own address in the language and care-mode forms,
is rendered as a placeholder and filled in per response. A change to anything in the key (a
new notice, a renamed user, another role) is another key: nothing is ever invalidated."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

_CSRF = "congressHeaderCsrfToken0000"
_PATH = "congressHeaderPath0000"
_FULL_PATH = "congressHeaderFullPath0000"


def site_header(context) -> SafeString:
    """The header for the page being rendered with `context` (a RequestContext with the portal's
    context processors)."""
    request = context.get("request")
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    csrf = ""
    if signed_in:
        # Only a signed-in header has a form that posts (log out); a visitor's page must not ask
        # for a token, which would set the CSRF cookie and keep the page out of the page cache.
        token = context.get("csrf_token")
        csrf = "" if not token or token == "NOTPROVIDED" else str(token)
    key = (
        get_language(), get_script_prefix(), get_urlconf(), signed_in,
        str(user) if signed_in else "", signed_in and user.is_back_office_user,
        signed_in and bool(user.organization_id), signed_in and user.is_staff,
        tuple(item.url_name for item in context.get("nav_items") or ()),
        tuple(link.url_name for link in context.get("account_links") or ()),
        context.get("unread_notices") or 0, context.get("current_nav") or "", bool(context.get("care_mode")),
        bool(csrf),
    )
    html = _render(*key) if not settings.DEBUG else _render.__wrapped__(*key)
    path = getattr(request, "path", "/")
    return mark_safe(html.replace(_CSRF, conditional_escape(csrf))
                     .replace(_PATH, conditional_escape(urlencode(path)))
                     .replace(_FULL_PATH, conditional_escape(request.get_full_path() if request else path)))


# About 5 KB a header: at most 5 MB a process, for the readers active at the same time.
@lru_cache(maxsize=1024)
def _render(language, script_prefix, urlconf, signed_in, display_name, back_office, has_unit, is_staff,
            nav_items, account_links, unread_notices, current_nav, care_mode, has_csrf) -> str:
    from congress.registry import registry

    items = {item.url_name: item for item in registry.nav_items}
    links = {link.url_name: link for link in registry.account_links}
    return render_to_string("congress/_site_header.html", {
        "LANGUAGE_CODE": language, "is_authenticated": signed_in, "display_name": display_name,
        "back_office": back_office, "has_unit": has_unit, "is_staff": is_staff,
        "account_links": [links[name] for name in account_links], "nav_items": [items[name] for name in nav_items],
        "unread_notices": unread_notices, "current_nav": current_nav, "care_mode": care_mode,
        "csrf_token": _CSRF if has_csrf else "", "path": _PATH, "full_path": _FULL_PATH,
    })


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Tests override LANGUAGES, ROOT_URLCONF, the registry's settings and the like.
    _render.cache_clear()
