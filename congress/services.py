"""Writes on the core registry and the quarterly publication."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import Action, audit_record
from congress.errors import DomainError, StateConflict
from congress.models import Notice, Organization, OrganizationContact, Publication, User
from congress.opendata import publication_seal
from congress.periods import Quarter, local_date
from congress.registry import registry
from congress.roles import BACK_OFFICE_ROLES, Role

logger = logging.getLogger(__name__)


@transaction.atomic
def user_assign_role(*, user: User, role: Role, organization: Organization | None = None,
                     assigned_by: User | None = None) -> User:
    """Give a user a role (and the organization a unit or organ role works for). Staff only.
    Back-office roles get admin access; public-site roles never do. Recorded in the audit trail."""
    before = (user.organization_id, user.is_staff)
    had_role = user.groups.filter(name=role.value).exists()
    if role in (Role.UNIT_HANDLER, Role.ORGAN_LIAISON):
        if organization is None:
            raise DomainError(_("A %(role)s must belong to an organization.") % {"role": role.label},
                              field="organization")
        if role == Role.ORGAN_LIAISON and not organization.is_joint_supervision_organ:
            raise DomainError(_("An organ liaison must belong to one of the 1+3 organs."),
                              field="organization")
        user.organization = organization
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    user.is_staff = user.is_superuser or role in BACK_OFFICE_ROLES or user.is_staff
    if (user.organization_id, user.is_staff) != before:  # assigning a role again writes no history row
        user.save(update_fields=["organization", "is_staff"])
    user.__dict__.pop("roles", None)
    if not had_role or (user.organization_id, user.is_staff) != before:
        audit_record(action=Action.ROLES_CHANGED, actor=assigned_by, target=user,
                     detail={"added": role.value, "organization": str(organization or ""), "is_staff": user.is_staff})
    return user


@transaction.atomic
def organization_contact_update(*, contact: OrganizationContact, editor: User, **fields) -> OrganizationContact:
    """Update a unit's private contact sheet. Staff, or a user of that unit (the caller has
    already fetched `contact` through for_user)."""
    allowed = {"contact_person", "phone", "email", "address"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(contact, name, value)
    try:
        contact.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None
    contact._history_user = editor
    contact.save(update_fields=list(fields) or None)
    return contact


@transaction.atomic
def notice_create(*, kind: str, message: str, organization: Organization | None = None,
                  user: User | None = None, link: str = "") -> Notice:
    """Post an in-site notice to a unit or a user. Called by other services and tasks."""
    return Notice.objects.create(kind=kind, message=message, organization=organization, user=user, link=link)


@transaction.atomic
def notices_mark_read(*, user: User) -> int:
    """Mark every unread notice of the user (their own and their unit's) as read. Any logged-in
    user, for their own notices. Returns how many were marked."""
    from congress.selectors import notices_for_user

    return notices_for_user(user=user).filter(read_at__isnull=True).update(read_at=timezone.now())


# --- Quarterly publication (SPEC §8) ---------------------------------------------------------

def _write_parts(publication: Publication, progress=None) -> None:
    for part in registry.publication_parts:
        if progress:
            progress(_("Publishing %(part)s for %(quarter)s …") % {"part": part.name, "quarter": publication.quarter})
        part.write(publication)


def publication_latest(quarter: Quarter) -> Publication | None:
    return Publication.objects.for_quarter(quarter).order_by("-revision").first()


def quarter_publish(*, quarter: Quarter, published_by: User | None = None,
                    today: date | None = None, progress=None) -> Publication:
    """Publish a quarter that has ended: every registered part in one transaction. Idempotent:
    a quarter already published (or being published concurrently) returns that publication.
    Called by the beat task, `manage.py publish_quarter`, and staff."""
    today = today or local_date(timezone.now())
    if quarter.last_day >= today:
        raise DomainError(_("%(quarter)s has not ended yet; it can be published from %(day)s.")
                          % {"quarter": quarter, "day": quarter.next().first_day})
    existing = publication_latest(quarter)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            # The unique (quarter, revision) index is the lock: a concurrent run blocks on this
            # insert until the first commits, then fails and returns the first one's result.
            publication = Publication.objects.create(quarter=str(quarter), revision=1, published_by=published_by)
            _write_parts(publication, progress)
            publication_seal(publication=publication)
            _audit_publication(publication, Action.PUBLISHED, published_by)
    except IntegrityError:
        existing = publication_latest(quarter)
        if existing is None:
            raise
        return existing
    logger.info("Published %s", quarter)
    return publication


def _audit_publication(publication: Publication, action: str, actor: User | None) -> None:
    audit_record(action=action, actor=actor, target=publication,
                 detail={"quarter": publication.quarter, "revision": publication.revision})


@transaction.atomic
def quarter_correct(*, quarter: Quarter, reason: str, corrected_by: User, progress=None) -> Publication:
    """Publish a new revision of an already published quarter, with a reason. Staff only.
    Earlier revisions stay and are shown as the revision history."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("A correction needs a reason."), field="reason")
    # Lock every revision of the quarter, then read the latest in a new statement: a correction
    # committed while we waited for the lock is visible only to a statement started after it.
    if not list(Publication.objects.select_for_update().for_quarter(quarter).values_list("pk", flat=True)):
        raise StateConflict(_("%(quarter)s has not been published yet; publish it first.") % {"quarter": quarter})
    latest = publication_latest(quarter)
    publication = Publication.objects.create(quarter=str(quarter), revision=latest.revision + 1,
                                             reason=reason, published_by=corrected_by)
    _write_parts(publication, progress)
    publication_seal(publication=publication)
    _audit_publication(publication, Action.CORRECTED, corrected_by)
    return publication


def quarter_due_for_publication(*, today: date, grace_days: int | None = None) -> Quarter | None:
    """The latest quarter whose grace period for verification is over, or None."""
    grace = settings.PUBLICATION_GRACE_DAYS if grace_days is None else grace_days
    quarter = Quarter.containing(today).previous()
    while quarter.last_day + timedelta(days=grace) >= today:
        quarter = quarter.previous()
    return quarter


def publish_due_quarter(*, today: date | None = None) -> Publication | None:
    """The beat task's service: publish the latest due quarter, and any quarter the beat missed
    since the portal's first publication (never backfilling before it). Returns the newest
    publication made, or None when everything due was already published."""
    today = today or local_date(timezone.now())
    due = quarter_due_for_publication(today=today)
    first_published = Publication.objects.order_by("quarter").values_list("quarter", flat=True).first()
    quarters = [due]
    if first_published:
        missed = due.previous()
        # "2020Q4" strings of one length compare in time order.
        while str(missed) > first_published and len(quarters) < 8:
            quarters.append(missed)
            missed = missed.previous()
    made = None
    for quarter in reversed(quarters):
        if publication_latest(quarter) is None:
            made = quarter_publish(quarter=quarter, today=today)
    return made
