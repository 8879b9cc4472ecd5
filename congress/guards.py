"""Who may call a service. Services check their caller themselves with these guards, so the
site, the admin, the API, tasks and the demo get the same answer; views never re-derive it.
Each guard raises `NotPermitted` (403) with a translated message, or returns what it found.

Scope (which rows a user reaches) is not decided here but by the querysets' `for_user()`:
a row outside the scope never reaches a service from an interface (the interface answers 404)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from congress.errors import NotPermitted
from congress.roles import Role


def is_staff(user) -> bool:
    """Committee office staff (or a superuser)."""
    return bool(user is not None and getattr(user, "is_office_staff", False))


def require_staff(user) -> None:
    """Office staff only."""
    if not is_staff(user):
        raise NotPermitted(_("Only committee office staff may do this."))


def require_role(user, *roles: Role) -> None:
    """A user with one of `roles` (staff always pass)."""
    if is_staff(user):
        return
    if user is None or not user.is_authenticated or not any(user.has_role(role) for role in roles):
        raise NotPermitted(_("Your role does not allow this."))


def require_deputy(user, deputy=None):
    """The deputy this login acts as (the given `deputy`, if named); returns that Deputy."""
    from congress.selectors import deputy_of_user

    own = deputy_of_user(user=user) if user is not None else None
    if own is None:
        raise NotPermitted(_("Only a deputy can do this."))
    if deputy is not None and own.pk != deputy.pk:
        raise NotPermitted(_("A deputy may only act in their own name."))
    return own


def require_deputy_or_staff(user, deputy) -> bool:
    """`deputy` themself, or staff on their behalf. Returns True when staff act for the deputy
    (the record should say so), False when the deputy acts."""
    if is_staff(user):
        return True
    require_deputy(user, deputy)
    return False


def require_unit_or_staff(user, organization) -> bool:
    """A handler (unit handler or organ liaison) of `organization`, or staff. True for staff."""
    if is_staff(user):
        return True
    if (user is None or not user.is_authenticated or organization is None
            or user.organization_id != getattr(organization, "pk", organization)
            or not (user.has_role(Role.UNIT_HANDLER) or user.has_role(Role.ORGAN_LIAISON))):
        raise NotPermitted(_("Only the responsible unit (or office staff) may do this."))
    return False
