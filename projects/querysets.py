"""Chainable reads of the livelihood projects. `for_user(user)` says once which rows a user may
reach: staff everything; a lead unit's handlers their unit's projects and reports; citizens and
deputies what is public (ballots once opened, projects once on an opened ballot, approved reports)."""

from __future__ import annotations

from django.db import models

from congress.querysets import ScopedQuerySet


def _is_staff(user) -> bool:
    return bool(getattr(user, "is_office_staff", False))


def _unit_id(user):
    from congress.roles import Role

    if getattr(user, "is_authenticated", False) and user.organization_id and user.has_role(Role.UNIT_HANDLER):
        return user.organization_id
    return None


class KeyProjectQuerySet(ScopedQuerySet):
    def public(self):
        """Projects that stood on an opened ballot (a draft ballot's candidates are not public yet)."""
        return self.filter(candidacies__ballot__status__in=["open", "closed"]).distinct()

    def elected(self):
        from projects.models import ELECTED_STATUSES

        return self.filter(status__in=ELECTED_STATUSES)

    def in_year(self, year: int):
        return self.filter(year=year)

    def for_user(self, user):
        if _is_staff(user):
            return self
        unit = _unit_id(user)
        if unit is not None:
            return self.filter(lead_unit_id=unit)
        return self.public()

    def for_unit(self, user):
        """The projects a user may report progress on: their unit's elected ones (staff: all)."""
        qs = self.elected()
        if _is_staff(user):
            return qs
        unit = _unit_id(user)
        return qs.filter(lead_unit_id=unit) if unit is not None else qs.none()


class BallotQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(status__in=["open", "closed"])

    def for_user(self, user):
        return self if _is_staff(user) else self.public()


class ProgressReportQuerySet(ScopedQuerySet):
    def approved(self):
        return self.filter(status="approved")

    def for_user(self, user):
        if _is_staff(user):
            return self
        unit = _unit_id(user)
        if unit is not None:
            return self.filter(project__lead_unit_id=unit)
        return self.approved()


class SurveyQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(status__in=["open", "closed"])

    def for_user(self, user):
        return self if _is_staff(user) else self.public()


class MicroProjectQuerySet(ScopedQuerySet):
    def public(self):
        """Every micro-project once its station has collected it."""
        return self.exclude(status="proposed")

    def with_related(self):
        return self.select_related("community__street", "station", "proposer_deputy", "meeting")

    def for_user(self, user):
        """Staff all; station staff their stations'; a street office's handlers their street's;
        a deputy the ones they proposed and the public ones; anyone else the public ones."""
        from liaison.querysets import station_ids_for

        if _is_staff(user):
            return self
        condition = models.Q(status__in=_MICRO_PUBLIC)
        ids = station_ids_for(user)
        if ids:
            condition |= models.Q(station_id__in=ids)
        if getattr(user, "is_authenticated", False):
            condition |= models.Q(proposer_deputy__user=user)
            unit = _unit_id(user)
            if unit is not None:
                condition |= models.Q(community__street__organizations__pk=unit)
        return self.filter(condition).distinct()


_MICRO_PUBLIC = ("collected", "shortlisted", "not_shortlisted", "passed", "failed", "completed", "evaluated")
