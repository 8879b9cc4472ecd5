"""Who reaches which supervision rows: the one place it is said (site, admin and API all call
for_user). Staff reach everything; an organ liaison the clues shared with the joint mechanism and
the cases of their own organ; a unit handler only their unit's rectification items; anyone else
nothing. ClueReporter is staff-only: no other scope returns a row of it."""

from __future__ import annotations

from django.db.models import Q

from congress.querysets import ScopedQuerySet
from congress.roles import Role


def _is_staff(user) -> bool:
    return bool(getattr(user, "is_office_staff", False))


def _organ_id(user) -> int | None:
    """The organ an organ liaison works for, or None."""
    if getattr(user, "is_authenticated", False) and user.organization_id and user.has_role(Role.ORGAN_LIAISON):
        return user.organization_id
    return None


def _unit_id(user) -> int | None:
    if getattr(user, "is_authenticated", False) and user.organization_id and user.has_role(Role.UNIT_HANDLER):
        return user.organization_id
    return None


class ClueQuerySet(ScopedQuerySet):
    def shared(self):
        return self.filter(state__in=["shared", "referred", "closed"])

    def for_user(self, user):
        if _is_staff(user):
            return self
        if _organ_id(user):
            return self.shared()
        return self.none()

    def in_year(self, year: int):
        return self.filter(received_on__year=year)


class ClueReporterQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return self if _is_staff(user) else self.none()


class AttachmentQuerySet(ScopedQuerySet):
    def for_user(self, user):
        if _is_staff(user):
            return self
        if _organ_id(user):
            return self.filter(visible_to_organs=True, clue__state__in=["shared", "referred", "closed"])
        return self.none()


class CaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(state="open")

    def for_user(self, user):
        if _is_staff(user):
            return self
        organ = _organ_id(user)
        if organ:
            return self.filter(organ_id=organ)
        return self.none()


class CaseActionQuerySet(ScopedQuerySet):
    def for_user(self, user):
        if _is_staff(user):
            return self
        organ = _organ_id(user)
        if organ:
            return self.filter(case__organ_id=organ)
        return self.none()


class OutcomeQuerySet(ScopedQuerySet):
    def for_user(self, user):
        if _is_staff(user):
            return self
        organ = _organ_id(user)
        if organ:
            return self.filter(action__case__organ_id=organ)
        return self.none()


class RectificationQuerySet(ScopedQuerySet):
    def unfinished(self):
        return self.filter(status__in=["open", "reported", "inadequate"])

    def for_user(self, user):
        if _is_staff(user):
            return self
        organ, unit = _organ_id(user), _unit_id(user)
        if organ or unit:
            return self.filter(Q(case__organ_id=organ) if organ else Q(unit_id=unit))
        return self.none()

    def due_by(self, day):
        return self.filter(status="open", deadline__lte=day)


