"""Every write on the points ledger. Each service checks its caller (congress.guards) and is one
transaction. Other apps award points through entry_award only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import Action, audit_record
from congress.errors import DomainError, StateConflict
from congress.files import removed_on_error
from congress.guards import require_deputy_or_staff, require_staff
from congress.models import Deputy, User
from congress.periods import local_date
from congress.races import conflict_on
from points.models import (
    Activity,
    EntryKind,
    EntryStatus,
    LedgerEntry,
    PointRule,
    PointRuleVersion,
    SelfReport,
)
from points.selectors import points_in_force

# --- rules -------------------------------------------------------------------------------------

@transaction.atomic
def rule_create(*, code: str, name: str, points: int, effective_from: date, created_by: User,
                self_reportable: bool = False, description: str = "", order: int = 0) -> PointRule:
    """Create a rule with its first value. Staff only."""
    require_staff(created_by)
    rule = PointRule(code=code, name=name, description=description, self_reportable=self_reportable, order=order)
    try:
        rule.full_clean()
    except ValidationError as error:
        raise DomainError(error.messages[0], field=next(iter(error.message_dict), None)) from error
    rule.save()
    rule_create_version(rule=rule, points=points, effective_from=effective_from, created_by=created_by)
    return rule


@transaction.atomic
def rule_update(*, rule: PointRule, updated_by: User, name: str, description: str, self_reportable: bool,
                is_active: bool, order: int) -> PointRule:
    """Change how a rule is described and offered (never its code, never its values: those are
    versions). Staff only."""
    require_staff(updated_by)
    rule = PointRule.objects.select_for_update().get(pk=rule.pk)
    rule.name, rule.description = (name or "").strip(), (description or "").strip()
    rule.self_reportable, rule.is_active, rule.order = self_reportable, is_active, order
    try:
        rule.full_clean()
    except ValidationError as error:
        raise DomainError(error.messages[0], field=next(iter(error.message_dict), None)) from error
    rule._history_user = updated_by
    rule.save(update_fields=["name", "description", "self_reportable", "is_active", "order"])
    return rule


@transaction.atomic
def rule_create_version(*, rule: PointRule, points: int, effective_from: date,
                        created_by: User) -> PointRuleVersion:
    """Give a rule a new value from a date on. Staff only. Entries already recorded keep the value
    they were given; activities on or after the date earn the new value."""
    require_staff(created_by)
    if points < 1:
        raise DomainError(_("A rule is worth at least one point."), field="points")
    if PointRuleVersion.objects.filter(rule=rule, effective_from=effective_from).exists():
        raise StateConflict(_("This rule already has a value from %(day)s.") % {"day": effective_from},
                            field="effective_from")
    try:
        with transaction.atomic():
            return PointRuleVersion.objects.create(rule=rule, points=points, effective_from=effective_from,
                                                   created_by=created_by)
    except IntegrityError as error:
        raise StateConflict(_("This rule already has a value from %(day)s.") % {"day": effective_from},
                            field="effective_from") from error


# --- awards --------------------------------------------------------------------------------------

def _source_key(source: models.Model) -> tuple[ContentType, int]:
    if source is None or source.pk is None:
        raise DomainError(_("Points need a saved source record."))
    return ContentType.objects.get_for_model(source, for_concrete_model=False), source.pk


def _existing_award(deputy: Deputy, rule: PointRule, source_type: ContentType, source_id: int):
    return (LedgerEntry.objects.exclude(kind=EntryKind.REVERSAL)
            .filter(deputy=deputy, rule=rule, source_type=source_type, source_id=source_id).first())


@transaction.atomic
def entry_award(*, deputy: Deputy, rule_code: str, source: models.Model, occurred_on: date,
                awarded_by: User | None = None) -> LedgerEntry:
    """Award a deputy the points of `rule_code` in force on `occurred_on` for `source` (any saved
    record: a meeting, topic, issue, inspection, activity). Verified at once. Idempotent: a repeat
    for the same (deputy, rule, source), even a concurrent one, returns the existing entry.
    Called by other apps' services (which check their own callers) and by activity_record;
    `awarded_by` is the login that caused the award, None for a system step."""
    rule = PointRule.objects.filter(code=rule_code).first()
    if rule is None:
        raise DomainError(_("There is no point rule “%(code)s”.") % {"code": rule_code})
    source_type, source_id = _source_key(source)
    existing = _existing_award(deputy, rule, source_type, source_id)
    if existing is not None:
        return existing
    points = points_in_force(rule=rule, on=occurred_on)
    now = timezone.now()
    try:
        # The partial unique index is the guarantee: a concurrent award blocks on this insert
        # until the first commits, then fails here and returns the first one's entry.
        with transaction.atomic():
            entry = LedgerEntry.objects.create(
                deputy=deputy, rule=rule, occurred_on=occurred_on, points=points, kind=EntryKind.AWARD,
                status=EntryStatus.VERIFIED, source_type=source_type, source_id=source_id,
                created_by=awarded_by, decided_at=now, decided_by=awarded_by)
            audit_record(action=Action.POINTS_AWARDED, actor=awarded_by, target=entry, detail={"points": points})
            return entry
    except IntegrityError:
        existing = _existing_award(deputy, rule, source_type, source_id)
        if existing is None:
            raise
        return existing


@transaction.atomic
def activity_record(*, rule: PointRule, occurred_on: date, title: str, deputies: Iterable[Deputy],
                    recorded_by: User, description: str = "", reference: str | None = None) -> Activity:
    """Record a duty activity (inspection, reception, voter report, …) and award each participating
    deputy its points. Staff only. Idempotent by `reference` when one is given."""
    require_staff(recorded_by)
    if reference:
        existing = Activity.objects.filter(reference=reference).first()
        if existing is not None:
            return existing
    if occurred_on > local_date(timezone.now()):
        raise DomainError(_("An activity cannot be recorded before it happens."), field="occurred_on")
    deputies = list(deputies)
    if not deputies:
        raise DomainError(_("Name at least one participating deputy."), field="deputies")
    activity = Activity.objects.create(rule=rule, occurred_on=occurred_on, title=title, description=description,
                                       reference=reference or None, recorded_by=recorded_by)
    activity.participants.set(deputies)
    for deputy in deputies:
        entry_award(deputy=deputy, rule_code=rule.code, source=activity, occurred_on=occurred_on,
                    awarded_by=recorded_by)
    return activity


# --- self-reports ----------------------------------------------------------------------------------

@transaction.atomic
def entry_self_report(*, deputy: Deputy, rule: PointRule, occurred_on: date, description: str,
                      submitted_by: User, evidence=None) -> LedgerEntry:
    """Register an activity a deputy did, with evidence; creates a pending entry worth the value in
    force that day. The deputy themself (their own record only), or staff on their behalf."""
    require_deputy_or_staff(submitted_by, deputy)
    if not (rule.is_active and rule.self_reportable):
        raise DomainError(_("This activity cannot be self-reported."), field="rule")
    if occurred_on > local_date(timezone.now()):
        raise DomainError(_("The date of the activity cannot be in the future."), field="occurred_on")
    description = (description or "").strip()
    if not description:
        raise DomainError(_("Describe the activity in a few words."), field="description")
    report = SelfReport(deputy=deputy, rule=rule, occurred_on=occurred_on, description=description,
                        submitted_by=submitted_by)
    if evidence:
        report.evidence = evidence
    try:
        # The unique constraint is checked below, in the database, where a race cannot slip by.
        report.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field) from error
    points = points_in_force(rule=rule, on=occurred_on)
    # A repeat (double click, retry, a second phone) loses on the constraint and leaves no file.
    with removed_on_error(report.evidence), conflict_on("points_selfreport_one_open_per_activity"):
        report.save()
        entry = LedgerEntry.objects.create(
            deputy=deputy, rule=rule, occurred_on=occurred_on, points=points, kind=EntryKind.SELF_REPORT,
            status=EntryStatus.PENDING, source_type=ContentType.objects.get_for_model(SelfReport),
            source_id=report.pk, created_by=submitted_by)
        audit_record(action=Action.POINTS_SELF_REPORTED, actor=submitted_by, target=entry, detail={"points": points})
        return entry


def _lock_pending(entry: LedgerEntry) -> LedgerEntry:
    entry = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != EntryStatus.PENDING:
        raise StateConflict(_("This entry has already been %(status)s.") % {"status": entry.get_status_display()})
    return entry


@transaction.atomic
def entry_verify(*, entry: LedgerEntry, verified_by: User) -> LedgerEntry:
    """Verify a pending self-report; its points count from now on. Staff only."""
    require_staff(verified_by)
    entry = _lock_pending(entry)
    entry.status = EntryStatus.VERIFIED
    entry.decided_at = timezone.now()
    entry.decided_by = verified_by
    entry.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(action=Action.POINTS_VERIFIED, actor=verified_by, target=entry, detail={"points": entry.points})
    return entry


@transaction.atomic
def entry_reject(*, entry: LedgerEntry, reason: str, rejected_by: User) -> LedgerEntry:
    """Reject a pending self-report with a reason the deputy sees. Staff only."""
    require_staff(rejected_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("A rejection needs a reason."), field="reason")
    entry = _lock_pending(entry)
    entry.status = EntryStatus.REJECTED
    entry.reason = reason
    entry.decided_at = timezone.now()
    entry.decided_by = rejected_by
    entry.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    audit_record(action=Action.POINTS_REJECTED, actor=rejected_by, target=entry, detail={"points": entry.points})
    if entry.kind == EntryKind.SELF_REPORT:
        # The deputy may report the activity again (with better evidence).
        SelfReport.objects.filter(pk=entry.source_id).update(rejected=True)
    return entry


@transaction.atomic
def entry_reverse(*, entry: LedgerEntry, reason: str, reversed_by: User) -> LedgerEntry:
    """Correct a verified entry by appending a reversing entry (negative points, same deputy, rule,
    source and date) that points at it; the original is untouched. Staff only; once per entry."""
    require_staff(reversed_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("A reversal needs a reason."), field="reason")
    original = LedgerEntry.objects.select_for_update().get(pk=entry.pk)
    if original.kind == EntryKind.REVERSAL:
        raise StateConflict(_("A reversal cannot itself be reversed."))
    if original.status != EntryStatus.VERIFIED:
        raise StateConflict(_("Only a verified entry can be reversed."))
    if LedgerEntry.objects.filter(reverses=original).exists():
        raise StateConflict(_("This entry has already been reversed."))
    now = timezone.now()
    try:
        with transaction.atomic():
            reversal = LedgerEntry.objects.create(
                deputy_id=original.deputy_id, rule_id=original.rule_id, occurred_on=original.occurred_on,
                points=-original.points, kind=EntryKind.REVERSAL, status=EntryStatus.VERIFIED,
                source_type_id=original.source_type_id, source_id=original.source_id, reverses=original,
                reason=reason, created_by=reversed_by, decided_at=now, decided_by=reversed_by)
            audit_record(action=Action.POINTS_REVERSED, actor=reversed_by, target=original,
                         detail={"points": reversal.points})
            return reversal
    except IntegrityError as error:
        raise StateConflict(_("This entry has already been reversed.")) from error
