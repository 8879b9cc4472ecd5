"""Every write on the points ledger. Each service checks its caller (congress.guards) and is one
transaction. Other apps award points through entry_award only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.audit import Action, audit_record, audit_record_many
from congress.errors import DomainError, StateConflict
from congress.files import removed_on_error
from congress.guards import require_deputy_or_staff, require_staff
from congress.models import Deputy, User
from congress.pagecache import changed_models
from congress.periods import local_date
from congress.races import conflict_on, is_unique_violation
from congress.sql import insert_select
from points.models import (
    Activity,
    EntryKind,
    EntryStatus,
    LedgerEntry,
    PointRule,
    PointRuleVersion,
    SelfReport,
)
from points.rules import value_in_force
from points.selectors import points_in_force, rule_versions

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


# --- the ledger's import: activities and their participants from a file --------------------------

@dataclass(frozen=True)
class ParticipationRow:
    """One line of an imported file: one deputy's participation in one recorded activity. `rule`
    and `deputy` are the records its cells name (the resource's widgets found them), None when
    the cell was empty."""

    line: int
    reference: str
    rule: PointRule | None
    occurred_on: date | None
    title: str
    deputy: Deputy | None
    description: str = ""


class ImportOutcome:
    NEW = "new"          # the deputy joins the activity and is awarded its points
    UPDATE = "update"    # the deputy joins the activity; its award was already recorded
    SKIP = "skip"        # already recorded: nothing changes


@dataclass
class ImportMemory:
    """What earlier parts of the same file said, for a file imported in parts (the chunks of
    congress.importing.import_all_or_nothing): each reference's first line with its rule id, date
    and title, and the line that first named each (reference, deputy id)."""

    first_lines: dict[str, tuple[int, int, date, str]] = field(default_factory=dict)
    named: dict[tuple[str, int], int] = field(default_factory=dict)


@dataclass
class ActivitiesImport:
    """What activities_import found: the reasons of every bad line (none: the file is good),
    what each good line does, and the entries it wrote (none on a dry run or a bad file)."""

    problems: dict[int, list[str]] = field(default_factory=dict)
    outcomes: dict[int, str] = field(default_factory=dict)
    entries: list[LedgerEntry] = field(default_factory=list)

    def problem(self, line: int, reason: str) -> None:
        self.problems.setdefault(line, []).append(reason)


# What a line must give (translated when a line lacks it, never once per good line).
REQUIRED = {
    "reference": gettext_lazy("A reference (the office's file number) is required."),
    "rule": gettext_lazy("Name the kind of activity (a point rule's code)."),
    "occurred_on": gettext_lazy("The date of the activity is required."),
    "title": gettext_lazy("The title of the activity is required."),
    "deputy": gettext_lazy("Name the participating deputy (their number)."),
}
REFERENCE_MAX = Activity._meta.get_field("reference").max_length
TITLE_MAX = Activity._meta.get_field("title").max_length


def _activity_differences(row: ParticipationRow, rule_id: int, occurred_on: date, title: str) -> list[str]:
    """The verbose names of what a line says otherwise than its activity (rule, date, title)."""
    fields = Activity._meta
    return [str(fields.get_field(name).verbose_name) for name, differs in (
        ("rule", row.rule.pk != rule_id), ("occurred_on", row.occurred_on != occurred_on),
        ("title", row.title != title)) if differs]


@transaction.atomic
def activities_import(*, rows: list[ParticipationRow], imported_by: User, dry_run: bool = False,
                      memory: ImportMemory | None = None) -> ActivitiesImport:
    """Record activities and award their participants from a file's lines, all or nothing: lines
    sharing a reference are one activity (they agree on rule, date and title); a reference already
    recorded gains the deputies it lacks; a participation already recorded is skipped. Staff only.
    Writes nothing when any line is bad (every bad line is reported) or on a dry run. A constant
    number of queries whatever the lines: everything is read once and written in bulk. A file
    imported in parts passes the same `memory` with each part, so its lines are judged as one."""
    require_staff(imported_by)
    found = ActivitiesImport()
    today = local_date(timezone.now())
    for row in rows:
        for missing, reason in ((not row.reference, REQUIRED["reference"]), (row.rule is None, REQUIRED["rule"]),
                                (row.occurred_on is None, REQUIRED["occurred_on"]), (not row.title, REQUIRED["title"]),
                                (row.deputy is None, REQUIRED["deputy"])):
            if missing:
                found.problem(row.line, str(reason))
        for name, value, limit in (("reference", row.reference, REFERENCE_MAX), ("title", row.title, TITLE_MAX)):
            if len(value) > limit:
                found.problem(row.line, _("The %(field)s is longer than %(limit)s characters.") % {
                    "field": Activity._meta.get_field(name).verbose_name, "limit": limit})
        if row.rule is not None and not row.rule.is_active:
            found.problem(row.line, _("“%(rule)s” is not an active point rule.") % {"rule": row.rule.code})
        if row.occurred_on is not None and row.occurred_on > today:
            found.problem(row.line, _("An activity cannot be recorded before it happens."))
    complete = [row for row in rows if row.line not in found.problems]

    references = {row.reference for row in complete}
    existing = {activity.reference: activity
                for activity in Activity.objects.filter(reference__in=references).select_related("rule")}
    through = Activity.participants.through
    participants = set(through.objects.filter(activity__in=list(existing.values()))
                       .values_list("activity_id", "deputy_id"))
    source_type = ContentType.objects.get_for_model(Activity)
    awarded = set(LedgerEntry.objects.exclude(kind=EntryKind.REVERSAL)
                  .filter(source_type=source_type, source_id__in=[a.pk for a in existing.values()])
                  .values_list("source_id", "deputy_id", "rule_id"))
    versions = rule_versions(rule_ids={row.rule.pk for row in complete}
                             | {activity.rule_id for activity in existing.values()})

    memory = memory if memory is not None else ImportMemory()
    first_rows: dict[str, ParticipationRow] = {}  # each reference's first good line in this part
    planned: list[tuple[ParticipationRow, int]] = []  # good lines that write, with their points
    for row in complete:
        first = memory.first_lines.setdefault(row.reference, (row.line, row.rule.pk, row.occurred_on, row.title))
        activity = existing.get(row.reference)
        if first[0] != row.line and (differences := _activity_differences(row, *first[1:])):
            found.problem(row.line, _("Reference “%(reference)s” has another %(fields)s on line %(first)s: the "
                                      "lines of one activity must agree.") % {
                "reference": row.reference, "fields": ", ".join(differences), "first": first[0]})
            continue
        first_rows.setdefault(row.reference, row)
        if activity is not None and (differences := _activity_differences(
                row, activity.rule_id, activity.occurred_on, activity.title)):
            found.problem(row.line, _("Reference “%(reference)s” is already recorded as “%(title)s” (%(rule)s, "
                                      "%(day)s); this line gives another %(fields)s.") % {
                "reference": row.reference, "title": activity.title, "rule": activity.rule.code,
                "day": activity.occurred_on, "fields": ", ".join(differences)})
            continue
        earlier = memory.named.setdefault((row.reference, row.deputy.pk), row.line)
        if earlier != row.line:
            found.problem(row.line, _("Deputy %(deputy)s is already named for reference “%(reference)s” on line "
                                      "%(first)s.") % {"deputy": row.deputy.code, "reference": row.reference,
                                                       "first": earlier})
            continue
        points = value_in_force(versions[row.rule.pk], row.occurred_on)
        if points is None:
            found.problem(row.line, _("“%(rule)s” has no value in force on %(day)s.") % {
                "rule": row.rule.name, "day": row.occurred_on})
            continue
        joined = activity is not None and (activity.pk, row.deputy.pk) in participants
        has_award = activity is not None and (activity.pk, row.deputy.pk, activity.rule_id) in awarded
        found.outcomes[row.line] = (ImportOutcome.SKIP if joined and has_award else
                                    ImportOutcome.UPDATE if has_award else ImportOutcome.NEW)
        if found.outcomes[row.line] != ImportOutcome.SKIP:
            planned.append((row, points))
    if found.problems:
        found.outcomes.clear()
    if found.problems or dry_run or not planned:
        return found

    now = timezone.now()
    try:
        # A savepoint: a lost race (another import or recording of the same activity or award
        # between our reads and these inserts) leaves the caller's transaction usable.
        with transaction.atomic():
            new_activities = {}
            for row, _points in planned:
                if row.reference not in existing and row.reference not in new_activities:
                    first = first_rows[row.reference]
                    new_activities[row.reference] = Activity(
                        rule=first.rule, occurred_on=first.occurred_on, title=first.title,
                        description=next((r.description for r in complete
                                          if r.reference == row.reference and r.description), ""),
                        reference=row.reference, recorded_by=imported_by)
            Activity.objects.bulk_create(list(new_activities.values()))
            activities = {**existing, **new_activities}
            entries = [LedgerEntry(deputy=row.deputy, rule=activities[row.reference].rule, occurred_on=row.occurred_on,
                                   points=points, kind=EntryKind.AWARD, status=EntryStatus.VERIFIED,
                                   source_type=source_type, source_id=activities[row.reference].pk,
                                   created_by=imported_by, decided_at=now, decided_by=imported_by)
                       for row, points in planned if found.outcomes[row.line] == ImportOutcome.NEW]
            found.entries = LedgerEntry.objects.bulk_create(entries)
            # The new participants are the new entries' deputies (one INSERT … SELECT, no row in
            # Python), and the rare deputy whose award was recorded without their participation.
            joining = [entry.pk for entry in found.entries if (entry.source_id, entry.deputy_id) not in participants]
            if joining:
                insert_select(through, constants={}, rows=LedgerEntry.objects.filter(pk__in=joining)
                              .values("deputy_id", activity_id=F("source_id")))
            through.objects.bulk_create([
                through(activity_id=activities[row.reference].pk, deputy_id=row.deputy.pk) for row, _points in planned
                if found.outcomes[row.line] == ImportOutcome.UPDATE])
            # Each award has its own event, as activity_record would have written.
            audit_record_many(action=Action.POINTS_AWARDED, actor=imported_by, targets=found.entries,
                              details=[{"points": entry.points} for entry in found.entries])
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        raise StateConflict(_("Some of these activities or awards were recorded by someone else during the "
                              "import; nothing was imported. Import the file again: what is recorded now is "
                              "skipped.")) from error
    # bulk writes send no signals: the pages reading the ledger change once per call
    changed_models([Activity, LedgerEntry])
    return found


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
