"""The one scoping mechanism. Every model whose rows belong to someone has a queryset with
for_user(user); these helpers make the site, the admin and the API ask it, so a record outside a
user's scope is a 404 everywhere and never a 403 that would confirm it exists."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404


def scoped(queryset, user):
    """The rows of `queryset` that `user` may reach."""
    return queryset.for_user(user)


def get_for_user_or_404(queryset, user, **lookup):
    """One row within the user's scope, or 404."""
    return get_object_or_404(scoped(queryset, user), **lookup)


class MissingIs404AdminMixin:
    """A pk outside the admin's queryset is a 404 (Django's default redirects to the index with
    "doesn't exist. Perhaps it was deleted?", which misleads and differs from the site and API)."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class ScopedAdminMixin(MissingIs404AdminMixin):
    """ModelAdmin mixin: list, change, delete and history only within for_user(); any other pk
    is a 404."""

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def history_view(self, request, object_id, extra_context=None):
        get_for_user_or_404(self.get_queryset(request), request.user, pk=object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history loads the version from the history table, around get_queryset().
        get_for_user_or_404(self.get_queryset(request), request.user, pk=object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedApiMixin:
    """DRF view mixin: the view's queryset is narrowed by for_user(), so get_object() 404s outside
    the scope and lists show only the user's rows."""

    def get_queryset(self):
        return scoped(super().get_queryset(), self.request.user)
