"""Chainable reads of the appointees app. `for_user(user)` says, once, whose rows a user reaches:
duty reports — staff all, a unit handler their organization's, anyone else the published ones;
rating sessions — staff all, anyone else the closed ones (results are public once announced)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from congress.querysets import ScopedQuerySet
from congress.roles import Role


def _is_staff(user) -> bool:
    return bool(getattr(user, "is_office_staff", False))


class AppointeeQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Officials and their positions are public."""
        return self

    def active_on(self, day: date):
        return self.filter(Q(left_office__isnull=True) | Q(left_office__gte=day), took_office__lte=day)

    def department_heads(self):
        from appointees.rules import Category

        return self.filter(category=Category.DEPARTMENT_HEAD)

    def with_organization(self):
        return self.select_related("organization", "session__term")


class DutyReportQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def for_user(self, user):
        if _is_staff(user):
            return self
        if (getattr(user, "is_authenticated", False) and user.organization_id
                and user.has_role(Role.UNIT_HANDLER)):
            return self.filter(Q(appointee__organization_id=user.organization_id) | Q(published_at__isnull=False))
        return self.published()


class DrawQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Draws are public from the commitment on: that is what makes them checkable."""
        return self

    def current(self):
        return self.filter(superseded_at__isnull=True)


class RatingSessionQuerySet(ScopedQuerySet):
    def closed(self):
        from appointees.models import RatingStatus

        return self.filter(status=RatingStatus.CLOSED)

    def for_user(self, user):
        if _is_staff(user):
            return self
        return self.closed()
