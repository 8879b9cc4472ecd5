"""Chainable reads of the core registry. `for_user(user)` is the one place each model says which
rows a user may reach; the site, the admin and the API all call it (congress.scoping)."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce


def correlated_count(rows: models.QuerySet, *, by: str) -> Coalesce:
    """An annotation counting `rows` (a queryset filtered on OuterRef, grouped by its field `by`)
    for each outer row: a subquery the database answers from `by`'s index, row by row, where a
    Count over a join reads every joined row and multiplies the other annotations."""
    return Coalesce(Subquery(rows.order_by().values(by).annotate(n=Count("pk")).values("n")[:1]), 0)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which of its rows a user may reach. Subclasses define for_user()."""

    def for_user(self, user) -> ScopedQuerySet:  # pragma: no cover - abstract
        raise NotImplementedError


class CommunityQuerySet(models.QuerySet):
    def with_street(self):
        return self.select_related("street")


class OrganizationQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def joint_supervision_organs(self):
        from congress.models import JOINT_SUPERVISION_KINDS

        return self.filter(kind__in=JOINT_SUPERVISION_KINDS)

    def handling_units(self):
        """Units that can be assigned suggestions: everything but the congress' partner organs
        that only take referrals."""
        return self.active()

    def for_user(self, user):
        """Organizations are public; this scope is for editing: staff all, a unit user its own."""
        if getattr(user, "is_office_staff", False):
            return self
        if user.is_authenticated and user.organization_id:
            return self.filter(pk=user.organization_id)
        return self.none()


class OrganizationContactQuerySet(ScopedQuerySet):
    def for_user(self, user):
        qs = self.select_related("organization")
        if getattr(user, "is_office_staff", False):
            return qs
        if user.is_authenticated and user.organization_id:
            return qs.filter(organization_id=user.organization_id)
        return qs.none()


class DeputyQuerySet(ScopedQuerySet):
    def serving(self):
        from congress.models import DeputyStatus

        return self.filter(status=DeputyStatus.SERVING)

    def public(self):
        """What any citizen may list: every deputy, with the relations a directory shows."""
        return self.select_related("street", "community", "term")

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(occupation__icontains=text)
                           | Q(community__name__icontains=text))

    def id_of(self, user) -> RawSQL:
        """The id of the deputy whose login `user` is, as a subquery: a scope names it in its own
        query instead of asking for the deputy first (NULL, so no row, when no deputy is linked).
        Written as SQL (its `.sql` and `.params` also go into hand-written scopes): the ORM took
        a third of a millisecond to build and compile the same subquery on every request."""
        from congress.sql import column, table

        return RawSQL(f"SELECT {column(self.model, 'pk')} FROM {table(self.model)} "
                      f"WHERE {column(self.model, 'user')} = %s LIMIT 1", [user.pk],
                      output_field=models.BigIntegerField())

    def for_user(self, user):
        """Back-office scope: staff all deputies; a deputy only themself."""
        if getattr(user, "is_office_staff", False):
            return self
        if user.is_authenticated:
            return self.filter(user=user)
        return self.none()


class PublicationQuerySet(models.QuerySet):
    """How every app finds its published rows: `Publication.objects.with_part("<app's district
    snapshot related name>")`, narrowed by `.for_quarter()`, `.in_year()` and `.current()`."""

    def for_quarter(self, quarter) -> PublicationQuerySet:
        return self.filter(quarter=str(quarter))

    def in_year(self, year: int) -> PublicationQuerySet:
        return self.filter(quarter__startswith=f"{int(year)}Q")

    def with_part(self, related_name: str) -> PublicationQuerySet:
        """Publications that carry an app's part (its one-per-publication snapshot row)."""
        return self.filter(**{f"{related_name}__isnull": False})

    def current(self):
        """The latest revision of every published quarter."""
        latest = self.model.objects.filter(quarter=models.OuterRef("quarter")).order_by("-revision")
        return self.filter(pk=models.Subquery(latest.values("pk")[:1]))
