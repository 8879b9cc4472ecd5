"""Writes on the core registry and the quarterly publication."""

from __future__ import annotations

import logging
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import Action, audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.files import private_storage
from congress.jobs import call_after_commit, enqueue_after_commit
from congress.models import ImportJob, Notice, Organization, OrganizationContact, Publication, User
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


# --- accounts: throttling, sessions, API tokens ------------------------------------------------------

@transaction.atomic
def account_unlock(*, user: User, unlocked_by: User | None = None) -> int:
    """Clear the failed logins counted against a user's username (django-axes), ending a lockout of
    the account before its cool-off. Office staff (back office). Returns how many attempt records
    were cleared; recorded in the audit trail when there were any."""
    from axes.handlers.proxy import AxesProxyHandler

    cleared = AxesProxyHandler.reset_attempts(username=user.get_username())
    if cleared:
        audit_record(action=Action.UNLOCKED, actor=unlocked_by, target=user, detail={"cleared": cleared})
    return cleared


def _end_sessions_and_tokens(user: User) -> int:
    from rest_framework.authtoken.models import Token

    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    deleted = Token.objects.filter(user=user).delete()[0]
    return deleted


@transaction.atomic
def account_logout_everywhere(*, user: User, ended_by: User | None = None) -> User:
    """End every session of the user on every device and delete their API token. The user
    themselves (the logout button: their logout is recorded by the logout signal) or office staff
    (recorded here)."""
    tokens = _end_sessions_and_tokens(user)
    if ended_by is not None and ended_by.pk != user.pk:
        audit_record(action=Action.SESSIONS_ENDED, actor=ended_by, target=user, detail={"tokens": tokens})
    return user


@transaction.atomic
def account_deactivate(*, user: User, deactivated_by: User | None = None) -> User:
    """Deactivate a login: it can no longer log in, and every session and API token it has ends
    now. Office staff (back office). Deactivating an inactive login again changes nothing more than
    ending its sessions."""
    if user.is_active:
        user.is_active = False
        user._history_user = deactivated_by
        user.save(update_fields=["is_active"])
    tokens = _end_sessions_and_tokens(user)
    audit_record(action=Action.DEACTIVATED, actor=deactivated_by, target=user, detail={"tokens": tokens})
    return user


@transaction.atomic
def api_token_issue(*, user: User):
    """The user's API token: the current one while it is valid, else a new one (an expired one is
    replaced). Called by the token endpoint once the password was checked; recorded as a login."""
    from rest_framework.authtoken.models import Token

    from congress.accounts import token_is_expired

    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and token_is_expired(token):
        token.delete()
    # A double click with no token yet: the one-token-per-user key decides, the loser reads it.
    token, _created = Token.objects.get_or_create(user=user)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    audit_record(action=Action.API_TOKEN_ISSUED, actor=user, target=user)
    return token


def api_token_for_login(*, user: User, second_factor_code: str = ""):
    """A user whose password was checked → their API token (api_token_issue). A token opens what a
    session opens, so office accounts give their second factor too (DomainError on the field
    `otp_token` without it; a wrong code as in second_factor_verify). Not one transaction: a refused
    code stays counted by the throttle (see congress.second_factor). Called by the token endpoint."""
    from congress.second_factor import second_factor_required, second_factor_verify

    if second_factor_required(user):
        if not second_factor_code:
            raise DomainError(_("Office accounts give the code of their authenticator as well."), field="otp_token")
        second_factor_verify(user=user, code=second_factor_code)
    return api_token_issue(user=user)


@transaction.atomic
def api_token_revoke(*, user: User, revoked_by: User | None = None) -> int:
    """Delete the user's API token (calls with it are then refused with 401). The user themselves
    (DELETE /api/v1/auth/token/) or office staff (back office). Returns how many were deleted."""
    from rest_framework.authtoken.models import Token

    deleted = Token.objects.filter(user=user).delete()[0]
    audit_record(action=Action.API_TOKEN_REVOKED, actor=revoked_by or user, target=user, detail={"tokens": deleted})
    return deleted


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


@transaction.atomic
def notice_open(*, notice: Notice) -> Notice:
    """Mark one notice read as its reader opens it (once: a second opening keeps the first time).
    Its reader only: the caller found it in notices_for_user."""
    Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
    notice.refresh_from_db(fields=["read_at"])
    return notice


# --- Quarterly publication (SPEC §8) ---------------------------------------------------------

def _write_parts(publication: Publication, progress=None) -> None:
    for part in registry.publication_parts:
        if progress:
            progress(_("Publishing %(part)s for %(quarter)s …") % {"part": part.name, "quarter": publication.quarter})
        part.write(publication)


def publication_latest(quarter: Quarter) -> Publication | None:
    return Publication.objects.for_quarter(quarter).order_by("-revision").first()


def _has_ended(quarter: Quarter, today: date | None) -> bool:
    return quarter.last_day < (today or local_date(timezone.now()))


def publication_waiting(*, quarter: Quarter, today: date | None = None) -> list[str]:
    """What of an ended, unpublished quarter still awaits the office and would not count if it
    were published now (registry.publication_check), in sentences; [] otherwise. Reads only."""
    if not _has_ended(quarter, today) or publication_latest(quarter) is not None:
        return []
    return [text for check in registry.publication_checks for text in check(quarter)]


def quarter_publish(*, quarter: Quarter, published_by: User | None = None,
                    today: date | None = None, progress=None) -> Publication:
    """Publish a quarter that has ended: every registered part in one transaction. Idempotent:
    a quarter already published (or being published concurrently) returns that publication.
    Called by the beat task, `manage.py publish_quarter`, and staff."""
    if not _has_ended(quarter, today):
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


# --- background imports ----------------------------------------------------------------------

def _import_permission(model_label: str) -> str:
    app_label, model_name = model_label.split(".")
    return f"{app_label}.{settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE}_{model_name}"


@transaction.atomic
def import_job_create(*, user: User, resource_class, data: bytes, file_name: str, file_format: str) -> ImportJob:
    """Store a large file privately and queue its import (the task runs once this commits). The
    file's size (and an XLSX's archive) are checked first. Back-office users with the model's
    import permission only."""
    from congress.importing import PortalResource, check_file_size, check_xlsx_archive

    if not (isinstance(resource_class, type) and issubclass(resource_class, PortalResource)):
        raise DomainError(_("This import is not available."))
    model_label = resource_class._meta.model._meta.label_lower
    if not (user.is_active and user.is_staff and user.has_perm(_import_permission(model_label))):
        raise NotPermitted(_("You may not import these records."))
    if file_format not in ("csv", "xlsx"):
        raise DomainError(_("Only CSV and XLSX files can be imported."))
    check_file_size(len(data))
    if file_format == "xlsx":
        check_xlsx_archive(data)
    stored_name = private_storage().save(
        f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{file_format}", ContentFile(data))
    try:
        job = ImportJob.objects.create(
            created_by=user, resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            model_label=model_label, stored_name=stored_name, file_name=file_name[:255], file_format=file_format)
    except BaseException:
        private_storage().delete(stored_name)  # no job, no file left behind
        raise
    from congress.tasks import import_job_run_task

    enqueue_after_commit(import_job_run_task, job_id=job.pk)
    return job


def _import_job_claim(job_id: int) -> ImportJob | None:
    """Mark a queued job running (or take over a running one whose worker went silent); None
    when the job is finished or another worker is on it. The row lock makes two deliveries of the
    task (a retry, acks_late after a lost worker) agree on which one runs."""
    stale = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return None
        if job.status == ImportJob.Status.RUNNING and (job.heartbeat_at or job.started_at or stale) > stale:
            return None
        job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
        job.heartbeat_at, job.rows_done = job.started_at, 0
        job.save(update_fields=["status", "started_at", "heartbeat_at", "rows_done"])
        return job


class _ProgressWriter:
    """Writes a job's progress through a second database connection in autocommit, so the page
    sees it while the import's own transaction is still open (and it survives that transaction's
    rollback). Only on PostgreSQL: SQLite has one writer at a time, and the import holds it."""

    def __init__(self, job_id: int):
        from django.db import connection

        self.job_id = job_id
        self.side = connection.copy() if connection.vendor == "postgresql" else None
        table = connection.ops.quote_name(ImportJob._meta.db_table)
        # GREATEST: progress never goes back, whatever order two writes land in.
        self.sql = (f"UPDATE {table} SET rows_done = GREATEST(rows_done, %s), rows_total = %s, "
                    f"heartbeat_at = %s WHERE id = %s AND status = %s")

    def __call__(self, done: int, total: int) -> None:
        if self.side is None:
            return
        with self.side.cursor() as cursor:
            cursor.execute(self.sql, [done, total, timezone.now(), self.job_id, ImportJob.Status.RUNNING])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


@transaction.atomic
def _import_job_finish(job_id: int, *, status: str, errors: list, totals: dict | None = None,
                       rows_done: int | None = None) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job_id)
    if job.status != ImportJob.Status.RUNNING:
        return job
    job.status, job.errors, job.totals = status, errors, totals or {}
    if rows_done is not None:
        job.rows_done = max(job.rows_done, rows_done)
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "errors", "totals", "rows_done", "finished_at", "heartbeat_at"])
    stored_name = job.stored_name
    # The file may hold private details (phones, id numbers): it is not kept once imported.
    call_after_commit(private_storage().delete, stored_name)
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """The import task's service: read the stored file (every limit checked), then import all of
    it or nothing in one transaction, writing progress as it goes and, at the end, the result or
    every bad row with its line. Idempotent: a job already finished or running is left alone.
    Not one atomic block on purpose: the claim, the import and the result are three transactions,
    so the page can show "running" and the bad rows of an import that was rolled back."""
    from django.utils.module_loading import import_string

    from congress.importing import ImportRefused, PortalResource, import_all_or_nothing, read_file

    job = _import_job_claim(job_id)
    if job is None:
        return ImportJob.objects.get(pk=job_id)
    writer = _ProgressWriter(job.pk)
    try:
        resource_class = import_string(job.resource)
        if not issubclass(resource_class, PortalResource):
            raise ImportRefused(_("This import is not available."))
        with private_storage().open(job.stored_name, "rb") as handle:
            data = handle.read()
        dataset = read_file(data, job.file_format)
        ImportJob.objects.filter(pk=job.pk).update(rows_total=len(dataset), heartbeat_at=timezone.now())
        problems, totals = import_all_or_nothing(
            resource_class, dataset, user=job.created_by, chunk=settings.IMPORT_JOB_CHUNK_ROWS,
            progress=writer, audit_detail={"job": job.pk, "file": job.file_name})
    except ImportRefused as refused:
        return _import_job_finish(job.pk, status=ImportJob.Status.FAILED,
                                  errors=[{"line": None, "reason": str(refused)}])
    except Exception:
        logger.exception("import job %s failed", job.pk)
        # The transaction rolled back; the page says so (the traceback goes to the log only).
        return _import_job_finish(job.pk, status=ImportJob.Status.FAILED, errors=[{"line": None, "reason": _(
            "The import stopped on an unexpected error; nothing was imported. The log has the details.")}])
    finally:
        writer.close()
    if problems:
        return _import_job_finish(job.pk, status=ImportJob.Status.FAILED,
                                  errors=[{"line": line, "reason": reason} for line, reason in problems],
                                  rows_done=len(dataset))
    return _import_job_finish(job.pk, status=ImportJob.Status.DONE, errors=[], totals=totals,
                              rows_done=len(dataset))
