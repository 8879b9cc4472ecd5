"""Chainable reads of the liaison app. `for_user(user)` is the one place that says which rows a
login reaches: office staff everything; station staff their own stations' records; a deputy
(through their own pages) the meetings they attended, the topics they led, the receptions they
held and the issues they follow; anyone else nothing. Public reads use the other methods."""

from __future__ import annotations

from django.db.models import Q

from congress.querysets import ScopedQuerySet


def _is_staff(user) -> bool:
    return bool(getattr(user, "is_office_staff", False))


def _authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "is_active", False)


def station_ids_for(user) -> list[int] | None:
    """The stations a login records for; None means every station (office staff)."""
    if _is_staff(user):
        return None
    if not _authenticated(user):
        return []
    cached = getattr(user, "_liaison_station_ids", None)
    if cached is None:
        from congress.roles import Role

        cached = (list(user.liaison_stations.values_list("pk", flat=True))
                  if user.has_role(Role.STATION_STAFF) else [])
        user._liaison_station_ids = cached
    return cached


class _StationScoped(ScopedQuerySet):
    station_path = "station_id"
    deputy_paths: tuple[str, ...] = ()

    def for_user(self, user):
        ids = station_ids_for(user)
        if ids is None:
            return self
        condition = Q(**{f"{self.station_path}__in": ids})
        if _authenticated(user):
            for path in self.deputy_paths:
                condition |= Q(**{f"{path}__user": user})
        if not ids and not (self.deputy_paths and _authenticated(user)):
            return self.none()
        return self.filter(condition).distinct() if self.deputy_paths else self.filter(condition)

    def for_station(self, station):
        return self.filter(**{self.station_path: station.pk})


class StationQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        ids = station_ids_for(user)
        if ids is None:
            return self
        return self.filter(pk__in=ids)

    def directory(self):
        return self.open().select_related("street", "community")


class ContactPointQuerySet(_StationScoped):
    def public(self):
        return self.filter(is_active=True, station__is_active=True)


class LiaisonQuerySet(_StationScoped):
    pass


class StationedDeputyQuerySet(_StationScoped):
    def on(self, day):
        return self.filter(start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))

    def overlapping(self, first, last):
        return self.filter(start_date__lte=last).filter(Q(end_date__isnull=True) | Q(end_date__gte=first))


class MeetingQuerySet(_StationScoped):
    deputy_paths = ("attendances__deputy",)

    def confirmed(self):
        return self.filter(status="confirmed")

    def between(self, first, last):
        return self.filter(held_on__gte=first, held_on__lte=last)


class AttendanceQuerySet(_StationScoped):
    station_path = "meeting__station_id"
    deputy_paths = ("deputy",)

    def current(self):
        return self.filter(withdrawn_at__isnull=True)


class TopicQuerySet(_StationScoped):
    station_path = "meeting__station_id"
    deputy_paths = ("lead_deputy",)

    def current(self):
        return self.filter(withdrawn_at__isnull=True)


class ReceptionQuerySet(_StationScoped):
    deputy_paths = ("deputy",)


class LivelihoodIssueQuerySet(_StationScoped):
    deputy_paths = ("following_deputy",)

    def resolved(self):
        return self.filter(status="resolved")

    def resolved_between(self, first, last):
        return self.resolved().filter(resolved_on__gte=first, resolved_on__lte=last)


class IssueEventQuerySet(_StationScoped):
    station_path = "issue__station_id"
    deputy_paths = ("issue__following_deputy",)
