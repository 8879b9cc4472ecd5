"""The audit trail: one service every app calls, `audit_record`, and the names of the events the
core records itself. See docs/CONVENTIONS.md ("Audit trail") for what an app records.

The rule of secret ballots and ratings: an event says *that* a deputy voted or rated, and on
what, never what they chose. `detail` refuses the keys that would carry a choice."""

from __future__ import annotations

from contextvars import ContextVar

from django.db import connection, models
from django.utils import timezone

from congress.models import AuditEvent

# The request being answered (set by congress.middleware.RequestIdMiddleware), so a service called
# from a view records the address and request id without being handed the request.
current_request: ContextVar = ContextVar("congress_current_request", default=None)

# What a secret ballot or a confidential rating chose never enters the trail.
SECRET_DETAIL_KEYS = frozenset({"choice", "choices", "vote", "votes", "ballot", "option", "rating", "ratings",
                                "score", "scores", "answer", "answers"})


class Action:
    """The events the core records; apps name theirs "<app>.<entity>_<verb>" (e.g. "supervision.vote_cast")."""

    LOGIN = "auth.login"
    LOGIN_FAILED = "auth.login_failed"
    LOGOUT = "auth.logout"
    SESSION_EXPIRED = "auth.session_expired"
    LOCKED_OUT = "auth.locked_out"
    API_TOKEN_ISSUED = "auth.api_token_issued"
    API_TOKEN_REVOKED = "auth.api_token_revoked"
    UNLOCKED = "account.unlocked"
    SESSIONS_ENDED = "account.sessions_ended"
    DEACTIVATED = "account.deactivated"
    SECOND_FACTOR_VERIFIED = "auth.second_factor_verified"
    SECOND_FACTOR_FAILED = "auth.second_factor_failed"
    SECOND_FACTOR_ENROLLED = "auth.second_factor_enrolled"
    RECOVERY_CODES_REGENERATED = "auth.recovery_codes_regenerated"
    SECOND_FACTOR_RESET = "auth.second_factor_reset"
    ROLES_CHANGED = "account.roles_changed"
    IMPORTED = "data.imported"
    PUBLISHED = "publication.published"
    CORRECTED = "publication.corrected"
    POINTS_AWARDED = "points.entry_awarded"
    POINTS_SELF_REPORTED = "points.entry_self_reported"
    POINTS_VERIFIED = "points.entry_verified"
    POINTS_REJECTED = "points.entry_rejected"
    POINTS_REVERSED = "points.entry_reversed"
    HANDLING_GRADED = "suggestions.handling_graded"
    REFUSED = "auth.refused"


def client_address(request) -> str | None:
    """The address a request came from (REMOTE_ADDR: the proxy in front sets it; a client-sent
    X-Forwarded-For is never trusted)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _roles_of(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return ""
    names = sorted(actor.groups.values_list("name", flat=True))
    if actor.is_superuser:
        names.insert(0, "superuser")
    return ",".join(names)


def audit_record(*, action: str, actor=None, request=None, target: models.Model | None = None,
                 detail: dict | None = None) -> AuditEvent:
    """Append one event to the audit trail (actor and roles, time, address, request id, target).
    Any service, view or signal may call it; `actor` defaults to the request's user. Refuses a
    `detail` that would hold what a secret ballot or rating chose (ValueError). Written in the
    caller's transaction: an event of a change that rolls back is rolled back with it."""
    request = request if request is not None else current_request.get()
    actor = _actor_of(actor, request)
    event = _event(action=action, actor=actor, roles=_roles_of(actor), request=request, target=target,
                   detail=detail)
    event.save()
    return event


def audit_record_many(*, action: str, targets: list[models.Model], actor=None, request=None,
                      details: list[dict] | None = None) -> int:
    """audit_record for each of `targets` (with `details[i]` as the i-th event's detail), in a few
    statements (one per 5,000 events on PostgreSQL): for a service that writes many records at
    once (an import), so each record still has its own event, as if written one by one, at the
    same time. Same rules as audit_record. Returns the number of events."""
    request = request if request is not None else current_request.get()
    actor = _actor_of(actor, request)
    roles = _roles_of(actor)
    details = details if details is not None else [None] * len(targets)
    if len(details) != len(targets):
        raise ValueError("one detail per target")
    from congress.sql import insert_select

    first = _event(action=action, actor=actor, roles=roles, request=request, target=None, detail=None)
    for detail in details:
        _check_detail(detail or {})
    if connection.vendor != "postgresql":
        return len(AuditEvent.objects.bulk_create([
            _event(action=action, actor=actor, roles=roles, request=request, target=target, detail=detail)
            for target, detail in zip(targets, details, strict=True)], batch_size=1000))
    # One INSERT … SELECT FROM unnest(…) per 5,000 events: the same columns as audit_record, the
    # per-event ones as arrays (Django's bulk_create prepares every field of every row in Python).
    from psycopg.types.json import Jsonb

    constants = {name: getattr(first, name) for name in (
        "action", "actor_id", "actor_name", "roles", "address", "request_id", "method", "path")}
    constants["at"] = timezone.now()
    written = 0
    for start in range(0, len(targets), 5000):
        part = list(zip(targets[start:start + 5000], details[start:start + 5000], strict=True))
        written += insert_select(AuditEvent, constants=constants, select=(
            "SELECT * FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[], %s::jsonb[]) "
            "AS rows(target_type, target_id, target_repr, detail)",
            [[target._meta.label_lower for target, _detail in part], [str(target.pk) for target, _detail in part],
             [str(target)[:200] for target, _detail in part], [Jsonb(dict(detail or {})) for _target, detail in part]],
            ["target_type", "target_id", "target_repr", "detail"]))
    return written


def _actor_of(actor, request):
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    return actor


def _check_detail(detail: dict) -> None:
    secret = SECRET_DETAIL_KEYS & {str(key).lower() for key in detail}
    if secret:
        raise ValueError(f"the audit trail never holds what a vote or rating chose: {sorted(secret)}")


def _event(*, action: str, actor, roles: str, request, target, detail) -> AuditEvent:
    detail = dict(detail or {})
    _check_detail(detail)
    target_type = target_id = target_repr = ""
    if target is not None:
        target_type = target._meta.label_lower
        target_id = str(target.pk)
        target_repr = str(target)[:200]
    return AuditEvent(
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else str(detail.get("username", "")))[:150],
        roles=roles[:200],
        address=client_address(request),
        request_id=getattr(request, "request_id", "") if request is not None else "",
        method=(request.method or "")[:10] if request is not None else "",
        path=request.path[:300] if request is not None else "",
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        detail=detail,
    )


def record_refusal(message, *, request=None) -> AuditEvent | None:
    """Record that an authorization was refused (a guard's NotPermitted, a 403 of the admin or the
    API): who, where (the request's path and method), and the refusal's message. Called where the
    refusal is caught, outside the refused service's rolled-back transaction; without a request
    (a task, the shell) nothing is recorded."""
    request = request if request is not None else current_request.get()
    if request is None:
        return None
    return audit_record(action=Action.REFUSED, request=request, detail={"reason": str(message)[:300]})


def record_if_refused(error, *, request=None) -> None:
    """`record_refusal` when a caught DomainError is a NotPermitted (a refused role), else nothing."""
    from congress.errors import NotPermitted

    if isinstance(error, NotPermitted):
        record_refusal(error.message, request=request)


def on_logged_in(sender, request, user, **kwargs) -> None:
    audit_record(action=Action.LOGIN, actor=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the username: never the password or any other credential that was tried. An attempt
    # during a lockout (refused by axes before the password was checked, so never counted) says so;
    # the one that crosses the limit is counted and is recorded as auth.locked_out as well.
    detail = {"username": str(credentials.get("username", ""))[:150]}
    if getattr(request, "axes_locked_out", False) and getattr(request, "axes_failures_since_start", None) is None:
        detail["locked_out"] = True
    audit_record(action=Action.LOGIN_FAILED, request=request, detail=detail)


def on_logged_out(sender, request, user, **kwargs) -> None:
    expired = getattr(request, "congress_session_expired", False)
    audit_record(action=Action.SESSION_EXPIRED if expired else Action.LOGOUT, actor=user, request=request)
