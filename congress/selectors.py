"""Reads of the core registry with rules."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q, QuerySet

from congress.models import Community, Deputy, DeputyStatus, ImportJob, Notice, Organization, Street
from congress.roles import Role
from congress.search import ranked
from congress.sql import column, table


def deputy_directory(*, text: str = "", street_id: int | None = None) -> QuerySet[Deputy]:
    """The public deputy directory: public fields, with what a list row shows, in one query."""
    qs = Deputy.objects.public().search(text)
    if street_id:
        qs = qs.filter(street_id=street_id)
    return qs


def deputy_get_public(*, pk: int) -> Deputy:
    return Deputy.objects.public().get(pk=pk)


def deputy_of_user(*, user) -> Deputy | None:
    """The deputy a login acts as: a user with the deputy role whose login is linked to a deputy.
    Found once per user object (a request's): a page, its scoping and its guards all ask."""
    if not (user.is_authenticated and user.has_role(Role.DEPUTY)):
        return None
    found = getattr(user, "_deputy_of_user", None)
    if found is None or found[0] != user.pk:
        # The deputy alone: the pages that ask show their own work, not the deputy's street or
        # community (a page that did would read them with one more query). A get on the unique
        # user: `.first()` would order by id, which PostgreSQL plans (and Django builds) for nothing.
        try:
            deputy = Deputy.objects.get(user_id=user.pk)
        except Deputy.DoesNotExist:
            deputy = None
        found = (user.pk, deputy)
        user._deputy_of_user = found
    return found[1]


def acts_as_deputy(*, user) -> bool:
    """Whether deputy_of_user() would find a deputy for this login, without loading the deputy
    (a page that only shows or hides a deputy's buttons)."""
    if not (user.is_authenticated and user.has_role(Role.DEPUTY)):
        return False
    found = getattr(user, "_deputy_of_user", None)
    if found is not None and found[0] == user.pk:
        return found[1] is not None
    return Deputy.objects.filter(user=user).exists()


def registry_counts() -> dict[str, int]:
    """Counts for the home page, each computed from the records."""
    deputies = Deputy.objects.aggregate(
        serving=Count("pk", filter=Q(status=DeputyStatus.SERVING)),
        committee=Count("pk", filter=Q(status=DeputyStatus.SERVING, is_committee_member=True)))
    return {
        "streets": Street.objects.count(),
        "communities": Community.objects.count(),
        "deputies": deputies["serving"],
        "committee_members": deputies["committee"],
        "organizations": Organization.objects.active().count(),
    }


def streets_for_filter() -> QuerySet[Street]:
    return Street.objects.all()


def notices_for_user(*, user) -> QuerySet[Notice]:
    """A user's in-site notices: their own and their organization's (newest first: the highest id)."""
    scope = Q(user=user)
    if user.organization_id:
        scope |= Q(organization_id=user.organization_id)
    return Notice.objects.filter(scope).select_related("organization").order_by("-pk")


def notices_unread_count(*, user) -> int:
    """How many of notices_for_user(user) are unread. Written as SQL: every logged-in page's header
    asks it, and the ORM spent twice the count's own time building it (0.4 of 0.6 ms)."""
    scope, params = f"{column(Notice, 'user')} = %s", [user.pk]
    if user.organization_id:
        scope, params = f"({scope} OR {column(Notice, 'organization')} = %s)", [user.pk, user.organization_id]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table(Notice)} WHERE {column(Notice, 'read_at')} IS NULL AND {scope}",
                       params)
        return cursor.fetchone()[0]


def import_jobs_for(*, user) -> QuerySet[ImportJob]:
    """Background import jobs a back-office user may follow: those of the records they may
    import (every job for a superuser); nothing for anyone else."""
    from django.conf import settings

    if not (user.is_active and user.is_staff):
        return ImportJob.objects.none()
    jobs = ImportJob.objects.select_related("created_by")
    if user.is_superuser:
        return jobs
    code = settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE
    labels = [label for label in ImportJob.objects.order_by().values_list("model_label", flat=True).distinct()
              if user.has_perm(f"{label.split('.')[0]}.{code}_{label.split('.')[1]}")]
    return jobs.filter(model_label__in=labels)


def deputies_search_public(text: str):
    """Deputies found by the site search: by name first, then occupation or community; public fields."""
    return ranked(Deputy.objects.public(), text, ["name", "occupation", "community__name"])
