"""Chainable reads of suggestions. for_user(user) is the one place that says which suggestions and
handlings a user may reach; the site, the admin and the API all call it (congress.scoping)."""

from __future__ import annotations

from django.db.models import Q

from congress.querysets import ScopedQuerySet


def _deputy_id(user):
    deputy = getattr(user, "deputy", None) if user.is_authenticated else None
    return deputy.pk if deputy is not None else None


class SuggestionQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_year(self, year: int):
        return self.filter(year=year)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(number__icontains=text))

    def for_user(self, user):
        """Staff: all. A deputy: the suggestions they lead or co-signed. A unit handler: those
        assigned to their unit (any role). Anyone else: none."""
        if getattr(user, "is_office_staff", False):
            return self
        if not user.is_authenticated:
            return self.none()
        scope = Q(pk__in=[])
        deputy_id = _deputy_id(user)
        if deputy_id:
            scope |= Q(lead_deputy_id=deputy_id) | Q(cosignatures__deputy_id=deputy_id)
        if user.organization_id:
            scope |= Q(assignments__organization_id=user.organization_id)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))


class HandlingQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        return self.filter(suggestion__year=year)

    def evaluated(self):
        return self.filter(final_score__isnull=False)

    def with_relations(self):
        return self.select_related("suggestion", "suggestion__lead_deputy", "organization", "assignment")

    def for_user(self, user):
        """Staff: all. A unit handler: their unit's handlings only. A deputy: the handlings of the
        suggestions they lead or co-signed. Anyone else: none."""
        if getattr(user, "is_office_staff", False):
            return self
        if not user.is_authenticated:
            return self.none()
        scope = Q(pk__in=[])
        if user.organization_id:
            scope |= Q(organization_id=user.organization_id)
        deputy_id = _deputy_id(user)
        if deputy_id:
            scope |= Q(suggestion__lead_deputy_id=deputy_id) | Q(suggestion__cosignatures__deputy_id=deputy_id)
        return self.filter(pk__in=self.model.objects.filter(scope).values("pk"))


class ChildOfHandlingQuerySet(ScopedQuerySet):
    """Replies, implementation reports and evaluations: scoped through their handling."""

    def for_user(self, user):
        from suggestions.models import Handling

        return self.filter(handling__in=Handling.objects.for_user(user).values("pk"))


class AssignmentQuerySet(ScopedQuerySet):
    def for_user(self, user):
        from suggestions.models import Suggestion

        return self.filter(suggestion__in=Suggestion.objects.for_user(user).values("pk"))
