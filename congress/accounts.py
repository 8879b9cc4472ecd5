"""Logins and their lifetime: where a login lands, the answer to a throttled login (django-axes, on
the site, the back office and the API token), the audit of lockouts, and API tokens that expire.

The writes (unlocking, ending every session, deactivating, issuing and revoking tokens) are
services in congress.services; this module is what the login page, axes and DRF call."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connections, router
from django.http import JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.authentication import TokenAuthentication

from congress.guards import is_staff
from congress.links import fixed_url
from congress.roles import Role


def login_landing(*, user, next_url: str) -> str:
    """Where a login lands: `next` (already found safe), but a deputy who came from the home page,
    or from nowhere, lands on their workspace (my work) in the language of the login page."""
    # The header's login link carries the page it was clicked on, most often the home page: a
    # deputy starts from their workspace. A deeper page asked for the login and is honoured. Office
    # staff who are deputies too keep the home page: their work is the back office.
    if next_url and next_url not in home_pages():
        return next_url
    if user.has_role(Role.DEPUTY) and not is_staff(user):
        return reverse("my-work")
    return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)


def home_pages() -> set[str]:
    """The home page's URL in each language of the site."""
    pages = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages.add(fixed_url("home"))
    return pages


class PortalModelBackend(ModelBackend):
    """Django's ModelBackend, except that the user of a session comes with their roles in the same
    query: every request of a logged-in user needs both (the guards, the second-factor rule, the
    header), and this was a second query on each of them.

    The query is written by hand because every logged-in request runs it: the ORM took longer to
    compile it (the roles as a subquery, about 1.5 ms here) than the database to answer it."""

    def get_user(self, user_id):
        from congress.models import User

        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = next(iter(User.objects.raw(_session_user_sql(connections[router.db_for_read(User)].vendor),
                                          [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None


@lru_cache(maxsize=4)
def _session_user_sql(vendor: str) -> str:
    """SELECT the user and ROLE_NAMES_READ (their group names joined by ROLE_NAMES_SEPARATOR)."""
    from congress.models import ROLE_NAMES_READ, User

    groups = User.groups.through._meta
    joined = "string_agg(g.name, chr(31))" if vendor == "postgresql" else "group_concat(g.name, char(31))"
    return (f'SELECT u.*, (SELECT {joined} FROM "{Group._meta.db_table}" g '
            f'JOIN "{groups.db_table}" ug ON ug."{groups.get_field("group").column}" = g.id '
            f'WHERE ug."{groups.get_field("user").column}" = u.id) AS {ROLE_NAMES_READ} '
            f'FROM "{User._meta.db_table}" u WHERE u.id = %s')


def cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Too many failed logins: this account or this address is locked for %(minutes)s minute. "
        "Try again later, or ask the committee office to unlock the account.",
        "Too many failed logins: this account or this address is locked for %(minutes)s minutes. "
        "Try again later, or ask the committee office to unlock the account.",
        minutes) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a throttled login is a 429 in the user's language, JSON under /api/,
    the site's locked-out page elsewhere (site login and back-office login alike)."""
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    else:
        response = render(request, "registration/locked_out.html",
                          {"message": lockout_message(), "minutes": cooloff_minutes()},
                          status=status.HTTP_429_TOO_MANY_REQUESTS)
    response["Retry-After"] = retry_after
    return response


class AccountLocked(exceptions.APIException):
    """The API's answer to a throttled login (the same as lockout_response's)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self):
        super().__init__(lockout_message())


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs) -> None:
    """axes' user_locked_out: the login that crossed the limit records one lockout event. Axes sends
    the signal again for every attempt refused during the lockout; those are already in the trail
    as failed logins (marked locked_out), so they record nothing more."""
    from congress.audit import Action, audit_record

    if getattr(request, "axes_failures_since_start", None) is None:
        return
    audit_record(action=Action.LOCKED_OUT, request=getattr(request, "_request", request),
                 detail={"username": str(username or "")[:150], "failures": request.axes_failures_since_start,
                         "minutes": cooloff_minutes()})


# --- API tokens -----------------------------------------------------------------------------------

def token_expires_at(token) -> datetime:
    return token.created + settings.API_TOKEN_TTL


def token_is_expired(token) -> bool:
    return token_expires_at(token) <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than settings.API_TOKEN_TTL (401 with a
    message; POST /api/v1/auth/token/ issues a new one)."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise exceptions.AuthenticationFailed(
                _("The token has expired: ask for a new one with your username and password."))
        return user, token
