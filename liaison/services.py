"""Every write of the liaison app (SPEC §4). Each service is one transaction; a transition locks
its row, checks the from-state and refuses with a translated DomainError / StateConflict, leaving
nothing changed. Points are awarded and reversed through the points ledger's services only, with
the attendance, topic or resolution event as the source, so each is earned exactly once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import is_staff, require_staff
from congress.models import Deputy, User
from congress.periods import local_date
from congress.roles import Role
from liaison.models import (
    LEVEL_RANK,
    Attendance,
    ContactPoint,
    IssueEvent,
    IssueEventKind,
    IssueLevel,
    IssueOrigin,
    IssueStatus,
    Liaison,
    LivelihoodIssue,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Reception,
    Station,
    StationedDeputy,
    Topic,
)
from points.models import EntryKind, LedgerEntry
from points.services import entry_award, entry_reverse

RULE_ATTENDANCE = "meeting_attendance"
RULE_TOPIC_LEAD = "topic_lead"
RULE_ISSUE_RESOLVED = "issue_resolved"


# --- guards and helpers ------------------------------------------------------------------------------

def require_station_staff(user: User | None, station: Station) -> None:
    """Office staff, or a station-staff login of `station`; NotPermitted otherwise."""
    if is_staff(user):
        return
    if (user is None or not user.is_authenticated or not user.has_role(Role.STATION_STAFF)
            or not station.staff.filter(pk=user.pk).exists()):
        raise NotPermitted(_("Only this station's staff (or office staff) may do this."))


def _today() -> date:
    return local_date(timezone.now())


def _not_future(day: date, field: str) -> None:
    if day > _today():
        raise DomainError(_("The date cannot be in the future."), field=field)


def _validate(instance, exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _text(value: str | None) -> str:
    return (value or "").strip()


def _reverse_award(*, source, rule_code: str, reason: str, by: User) -> None:
    """Reverse the verified, not yet reversed award `source` earned under `rule_code`, if any."""
    entry = (LedgerEntry.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk, rule__code=rule_code,
        kind=EntryKind.AWARD, reversal__isnull=True).first())
    if entry is not None:
        entry_reverse(entry=entry, reason=reason, reversed_by=by)


# --- the network -----------------------------------------------------------------------------------------

@transaction.atomic
def stationing_add(*, station: Station, deputy: Deputy, start_date: date, end_date: date | None = None,
                   added_by: User) -> StationedDeputy:
    """Station `deputy` at `station` from `start_date` (until `end_date`). Office staff only; the
    deputy's stationings at one station never overlap."""
    require_staff(added_by)
    Station.objects.select_for_update().get(pk=station.pk)  # serialises overlapping additions
    stationing = StationedDeputy(station=station, deputy=deputy, start_date=start_date, end_date=end_date)
    _validate(stationing)
    try:
        with transaction.atomic():
            stationing.save()
    except IntegrityError as error:
        raise StateConflict(_("This deputy is already stationed here from that date.")) from error
    return stationing


@transaction.atomic
def stationing_end(*, stationing: StationedDeputy, end_date: date, ended_by: User) -> StationedDeputy:
    """End an open stationing on `end_date`. Office staff only."""
    require_staff(ended_by)
    stationing = StationedDeputy.objects.select_for_update().get(pk=stationing.pk)
    if stationing.end_date is not None:
        raise StateConflict(_("This stationing has already ended."))
    if end_date < stationing.start_date:
        raise DomainError(_("A stationing cannot end before it starts."), field="end_date")
    stationing.end_date = end_date
    stationing.save(update_fields=["end_date"])
    return stationing


# --- meetings --------------------------------------------------------------------------------------------

def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("station").get(pk=meeting.pk)


def _require_draft(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.DRAFT:
        raise StateConflict(_("This meeting has been confirmed and can no longer be edited."))


@transaction.atomic
def meeting_create(*, station: Station, kind: str, held_on: date, title: str = "", venue: str = "",
                   recorded_by: User) -> Meeting:
    """Start recording a meeting held at `station` (a draft). The station's staff or office staff;
    one meeting of a kind per station and day."""
    require_station_staff(recorded_by, station)
    if kind not in MeetingKind.values:
        raise DomainError(_("Choose the kind of meeting."), field="kind")
    _not_future(held_on, "held_on")
    meeting = Meeting(station=station, kind=kind, held_on=held_on, title=_text(title), venue=_text(venue),
                      recorded_by=recorded_by)
    _validate(meeting)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:
        raise StateConflict(_("This station has already recorded a meeting of this kind on that day."),
                            field="held_on") from error
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, updated_by: User, held_on: date | None = None, title: str | None = None,
                   venue: str | None = None, minutes: str | None = None,
                   residents_present: int | None = None) -> Meeting:
    """Edit a draft meeting's details and minutes. The station's staff or office staff."""
    meeting = _lock_meeting(meeting)
    require_station_staff(updated_by, meeting.station)
    _require_draft(meeting)
    changed = []
    for name, value in (("held_on", held_on), ("title", title), ("venue", venue), ("minutes", minutes),
                        ("residents_present", residents_present)):
        if value is None:
            continue
        value = _text(value) if isinstance(value, str) else value
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            changed.append(name)
    if "held_on" in changed:
        _not_future(meeting.held_on, "held_on")
    if changed:
        _validate(meeting)
        try:
            with transaction.atomic():
                meeting.save(update_fields=changed)
        except IntegrityError as error:
            raise StateConflict(_("This station has already recorded a meeting of this kind on that day."),
                                field="held_on") from error
    return meeting


@transaction.atomic
def meeting_set_attendance(*, meeting: Meeting, deputies: Iterable[Deputy], recorded_by: User) -> Meeting:
    """Record exactly `deputies` as present at a draft meeting (ticked stationed deputies and others
    found by search). The station's staff or office staff. No points until the meeting is confirmed."""
    meeting = _lock_meeting(meeting)
    require_station_staff(recorded_by, meeting.station)
    _require_draft(meeting)
    wanted = {deputy.pk for deputy in deputies}
    present = set(meeting.attendances.current().values_list("deputy_id", flat=True))
    leads = set(meeting.topics.current().values_list("lead_deputy_id", flat=True))
    if leads - wanted:
        raise DomainError(_("A deputy who leads a topic must be recorded as present."), field="deputies")
    meeting.attendances.current().filter(deputy_id__in=present - wanted).delete()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, deputy_id=pk) for pk in sorted(wanted - present)])
    return meeting


@transaction.atomic
def topic_add(*, meeting: Meeting, title: str, lead_deputy: Deputy, outcome: str = "", description: str = "",
              recorded_by: User) -> Topic:
    """Add a topic led by `lead_deputy` (who is then recorded as present) to a draft meeting.
    The station's staff or office staff."""
    meeting = _lock_meeting(meeting)
    require_station_staff(recorded_by, meeting.station)
    _require_draft(meeting)
    title = _text(title)
    if not title:
        raise DomainError(_("Give the topic a title."), field="title")
    order = meeting.topics.count() + 1
    topic = Topic(meeting=meeting, title=title, lead_deputy=lead_deputy, outcome=_text(outcome),
                  description=_text(description), order=order)
    _validate(topic)
    topic.save()
    if not meeting.attendances.current().filter(deputy=lead_deputy).exists():
        Attendance.objects.create(meeting=meeting, deputy=lead_deputy)
    return topic


@transaction.atomic
def topic_update(*, topic: Topic, updated_by: User, title: str | None = None, outcome: str | None = None,
                 description: str | None = None) -> Topic:
    """Edit a topic of a draft meeting (title, outcome, description). The station's staff or office staff."""
    meeting = _lock_meeting(topic.meeting)
    require_station_staff(updated_by, meeting.station)
    _require_draft(meeting)
    topic = Topic.objects.get(pk=topic.pk)
    changed = []
    for name, value in (("title", title), ("outcome", outcome), ("description", description)):
        if value is not None and getattr(topic, name) != _text(value):
            setattr(topic, name, _text(value))
            changed.append(name)
    if "title" in changed and not topic.title:
        raise DomainError(_("Give the topic a title."), field="title")
    if changed:
        topic.save(update_fields=changed)
    return topic


@transaction.atomic
def topic_remove(*, topic: Topic, removed_by: User) -> None:
    """Remove a topic from a draft meeting (it earned nothing yet). The station's staff or office staff."""
    meeting = _lock_meeting(topic.meeting)
    require_station_staff(removed_by, meeting.station)
    _require_draft(meeting)
    if topic.issues.exists():
        raise StateConflict(_("Issues were raised from this topic; it cannot be removed."))
    Topic.objects.filter(pk=topic.pk).delete()


def _award_meeting(meeting: Meeting, by: User | None) -> None:
    for attendance in meeting.attendances.current().select_related("deputy"):
        entry_award(deputy=attendance.deputy, rule_code=RULE_ATTENDANCE, source=attendance,
                    occurred_on=meeting.held_on, awarded_by=by)
    for topic in meeting.topics.current().select_related("lead_deputy"):
        entry_award(deputy=topic.lead_deputy, rule_code=RULE_TOPIC_LEAD, source=topic,
                    occurred_on=meeting.held_on, awarded_by=by)


@transaction.atomic
def meeting_confirm(*, meeting: Meeting, confirmed_by: User) -> Meeting:
    """Confirm a draft meeting: it is locked, and each attendance (5) and topic lead (10) earns its
    points, once. The station's staff or office staff; needs at least one deputy present."""
    meeting = _lock_meeting(meeting)
    require_station_staff(confirmed_by, meeting.station)
    _require_draft(meeting)
    if not meeting.attendances.current().exists():
        raise DomainError(_("Record at least one deputy as present before confirming."), field="deputies")
    _not_future(meeting.held_on, "held_on")
    meeting.status = MeetingStatus.CONFIRMED
    meeting.confirmed_at = timezone.now()
    meeting.confirmed_by = confirmed_by
    meeting.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    _award_meeting(meeting, confirmed_by)
    audit_record(action="liaison.meeting_confirmed", actor=confirmed_by, target=meeting)
    return meeting


@transaction.atomic
def attendance_add(*, meeting: Meeting, deputy: Deputy, added_by: User) -> Attendance:
    """Add a deputy forgotten on a confirmed meeting's attendance, and award their points. Office
    staff only (a confirmed meeting is locked for the station)."""
    require_staff(added_by)
    meeting = _lock_meeting(meeting)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise StateConflict(_("While the meeting is being recorded, edit its attendance list instead."))
    if meeting.attendances.current().filter(deputy=deputy).exists():
        raise StateConflict(_("This deputy is already recorded as present."))
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(meeting=meeting, deputy=deputy)
    except IntegrityError as error:
        raise StateConflict(_("This deputy is already recorded as present.")) from error
    entry_award(deputy=deputy, rule_code=RULE_ATTENDANCE, source=attendance, occurred_on=meeting.held_on,
                awarded_by=added_by)
    audit_record(action="liaison.attendance_added", actor=added_by, target=attendance)
    return attendance


@transaction.atomic
def attendance_withdraw(*, attendance: Attendance, reason: str, withdrawn_by: User) -> Attendance:
    """Withdraw a recorded attendance of a confirmed meeting (the deputy was not there) with a reason;
    its points are reversed in the ledger. Office staff only."""
    require_staff(withdrawn_by)
    reason = _text(reason)
    if not reason:
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    meeting = _lock_meeting(attendance.meeting)
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise StateConflict(_("While the meeting is being recorded, edit its attendance list instead."))
    if attendance.withdrawn_at is not None:
        raise StateConflict(_("This attendance has already been withdrawn."))
    if meeting.topics.current().filter(lead_deputy_id=attendance.deputy_id).exists():
        raise StateConflict(_("Withdraw the topics this deputy led first."))
    attendance.withdrawn_at = timezone.now()
    attendance.withdrawal_reason = reason
    attendance.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    _reverse_award(source=attendance, rule_code=RULE_ATTENDANCE, reason=reason, by=withdrawn_by)
    audit_record(action="liaison.attendance_withdrawn", actor=withdrawn_by, target=attendance,
                 detail={"reason": reason})
    return attendance


@transaction.atomic
def topic_withdraw(*, topic: Topic, reason: str, withdrawn_by: User) -> Topic:
    """Withdraw a topic of a confirmed meeting (recorded in error) with a reason; the lead's points
    are reversed in the ledger. Office staff only."""
    require_staff(withdrawn_by)
    reason = _text(reason)
    if not reason:
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    meeting = _lock_meeting(topic.meeting)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if meeting.status != MeetingStatus.CONFIRMED:
        raise StateConflict(_("While the meeting is being recorded, remove the topic instead."))
    if topic.withdrawn_at is not None:
        raise StateConflict(_("This topic has already been withdrawn."))
    topic.withdrawn_at = timezone.now()
    topic.withdrawal_reason = reason
    topic.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    _reverse_award(source=topic, rule_code=RULE_TOPIC_LEAD, reason=reason, by=withdrawn_by)
    audit_record(action="liaison.topic_withdrawn", actor=withdrawn_by, target=topic, detail={"reason": reason})
    return topic


# --- receptions -------------------------------------------------------------------------------------------

@transaction.atomic
def reception_record(*, station: Station, deputy: Deputy, received_on: date, residents_count: int = 1,
                     place: str = "", summary: str = "", problems: Iterable[str] = (),
                     recorded_by: User) -> Reception:
    """Record a deputy's reception of residents at `station`, and raise one livelihood issue per
    problem heard (handled at community level, followed by the receiving deputy). The station's
    staff or office staff."""
    require_station_staff(recorded_by, station)
    _not_future(received_on, "received_on")
    if residents_count < 1:
        raise DomainError(_("At least one resident was received."), field="residents_count")
    reception = Reception(station=station, deputy=deputy, received_on=received_on, residents_count=residents_count,
                          place=_text(place), summary=_text(summary), recorded_by=recorded_by)
    _validate(reception)
    reception.save()
    for problem in problems:
        if _text(problem):
            issue_raise(station=station, origin=IssueOrigin.RECEPTION, reception=reception, title=problem,
                        raised_on=received_on, following_deputy=deputy, raised_by=recorded_by)
    return reception


# --- livelihood issues ------------------------------------------------------------------------------------

def _lock_issue(issue: LivelihoodIssue) -> LivelihoodIssue:
    return LivelihoodIssue.objects.select_for_update(of=("self",)).select_related("station").get(pk=issue.pk)


def _event(issue: LivelihoodIssue, *, kind: str, from_status: str, from_level: str, on: date, note: str,
           by: User | None) -> IssueEvent:
    event = IssueEvent.objects.create(issue=issue, kind=kind, from_status=from_status, to_status=issue.status,
                                      from_level=from_level, to_level=issue.level, deputy=issue.following_deputy,
                                      occurred_on=on, note=note, created_by=by)
    # Every transition of an issue (raised, started, escalated, resolved, closed, reopened) joins the trail.
    audit_record(action=f"liaison.issue_{kind}", actor=by, target=issue,
                 detail={"from": [from_status, from_level], "to": [issue.status, issue.level]})
    return event


def _require_status(issue: LivelihoodIssue, allowed: tuple[str, ...], message: str) -> None:
    if issue.status not in allowed:
        raise StateConflict(message)


ORIGIN_FIELDS = {IssueOrigin.TOPIC: "topic", IssueOrigin.RECEPTION: "reception",
                 IssueOrigin.CONTACT_POINT: "contact_point", IssueOrigin.LIAISON: "liaison"}


@transaction.atomic
def issue_raise(*, station: Station, origin: str, title: str, raised_on: date, raised_by: User,
                topic: Topic | None = None, reception: Reception | None = None,
                contact_point: ContactPoint | None = None, liaison: Liaison | None = None,
                description: str = "", reporter_name: str = "", reporter_contact: str = "",
                level: str = IssueLevel.COMMUNITY, following_deputy: Deputy | None = None) -> LivelihoodIssue:
    """Record a residents' problem at `station`, from a topic, reception, contact point or liaison of
    that station; it is handled at community level unless the station says otherwise. The station's
    staff or office staff."""
    require_station_staff(raised_by, station)
    if origin not in IssueOrigin.values:
        raise DomainError(_("Say where the issue came from."), field="origin")
    sources = {"topic": topic, "reception": reception, "contact_point": contact_point, "liaison": liaison}
    source = sources[ORIGIN_FIELDS[origin]]
    if source is None:
        raise DomainError(_("Name the topic, reception, contact point or liaison the issue came from."),
                          field=ORIGIN_FIELDS[origin])
    owners = {"topic": lambda s: s.meeting.station_id, "reception": lambda s: s.station_id,
              "contact_point": lambda s: s.station_id, "liaison": lambda s: s.station_id}
    for name, value in sources.items():
        if value is not None and owners[name](value) != station.pk:
            raise DomainError(_("The issue's source must belong to the same station."), field=name)
    if level not in IssueLevel.values:
        raise DomainError(_("Choose the level that handles the issue."), field="level")
    title = _text(title)
    if not title:
        raise DomainError(_("Give the issue a title."), field="title")
    _not_future(raised_on, "raised_on")
    issue = LivelihoodIssue(station=station, origin=origin, title=title, description=_text(description),
                            reporter_name=_text(reporter_name), reporter_contact=_text(reporter_contact),
                            raised_on=raised_on, level=level, following_deputy=following_deputy,
                            recorded_by=raised_by, **sources)
    _validate(issue)
    issue.save()
    _event(issue, kind=IssueEventKind.RAISED, from_status="", from_level="", on=raised_on, note="", by=raised_by)
    return issue


@transaction.atomic
def issue_start(*, issue: LivelihoodIssue, started_by: User, note: str = "", on: date | None = None) -> LivelihoodIssue:
    """open → in progress: the handling level has taken the issue up. The station's staff or office staff."""
    issue = _lock_issue(issue)
    require_station_staff(started_by, issue.station)
    _require_status(issue, (IssueStatus.OPEN,), _("Only an open issue can be taken up."))
    on = on or _today()
    _not_future(on, "on")
    issue.status = IssueStatus.IN_PROGRESS
    issue.save(update_fields=["status"])
    _event(issue, kind=IssueEventKind.STARTED, from_status=IssueStatus.OPEN, from_level=issue.level, on=on,
           note=_text(note), by=started_by)
    return issue


@transaction.atomic
def issue_escalate(*, issue: LivelihoodIssue, to_level: str, reason: str, escalated_by: User,
                   on: date | None = None) -> LivelihoodIssue:
    """Hand an open or in-progress issue up to a higher level (community → street → district), only
    with a reason. The station's staff or office staff."""
    issue = _lock_issue(issue)
    require_station_staff(escalated_by, issue.station)
    _require_status(issue, (IssueStatus.OPEN, IssueStatus.IN_PROGRESS),
                    _("Only an open or in-progress issue can be escalated."))
    if to_level not in IssueLevel.values:
        raise DomainError(_("Choose the level that handles the issue."), field="to_level")
    if LEVEL_RANK[to_level] <= LEVEL_RANK[issue.level]:
        raise DomainError(_("An issue is escalated only to a higher level."), field="to_level")
    reason = _text(reason)
    if not reason:
        raise DomainError(_("Say why the issue needs a higher level."), field="reason")
    on = on or _today()
    from_level = issue.level
    issue.level = to_level
    issue.save(update_fields=["level"])
    _event(issue, kind=IssueEventKind.ESCALATED, from_status=issue.status, from_level=from_level, on=on,
           note=reason, by=escalated_by)
    return issue


@transaction.atomic
def issue_set_follower(*, issue: LivelihoodIssue, deputy: Deputy, set_by: User) -> LivelihoodIssue:
    """Name the deputy who follows an unfinished issue up (跟踪协调). The station's staff or office staff."""
    issue = _lock_issue(issue)
    require_station_staff(set_by, issue.station)
    _require_status(issue, (IssueStatus.OPEN, IssueStatus.IN_PROGRESS),
                    _("The following deputy of a finished issue cannot change."))
    if issue.following_deputy_id == deputy.pk:
        return issue
    issue.following_deputy = deputy
    issue.save(update_fields=["following_deputy"])
    _event(issue, kind=IssueEventKind.FOLLOWER_SET, from_status=issue.status, from_level=issue.level,
           on=_today(), note=deputy.name, by=set_by)
    return issue


@transaction.atomic
def issue_resolve(*, issue: LivelihoodIssue, note: str, resolved_by: User, on: date | None = None) -> IssueEvent:
    """in progress → resolved, with a note; the following deputy earns the resolution's points (15),
    once. The station's staff or office staff; needs a following deputy."""
    issue = _lock_issue(issue)
    require_station_staff(resolved_by, issue.station)
    _require_status(issue, (IssueStatus.IN_PROGRESS,), _("Only an issue in progress can be resolved."))
    note = _text(note)
    if not note:
        raise DomainError(_("Say how the issue was resolved."), field="note")
    if issue.following_deputy_id is None:
        raise DomainError(_("Name the following deputy before resolving the issue."), field="following_deputy")
    on = on or _today()
    _not_future(on, "on")
    if on < issue.raised_on:
        raise DomainError(_("An issue cannot be resolved before it was raised."), field="on")
    issue.status = IssueStatus.RESOLVED
    issue.resolved_on = on
    issue.resolution_note = note
    issue.save(update_fields=["status", "resolved_on", "resolution_note"])
    event = _event(issue, kind=IssueEventKind.RESOLVED, from_status=IssueStatus.IN_PROGRESS,
                   from_level=issue.level, on=on, note=note, by=resolved_by)
    entry_award(deputy=issue.following_deputy, rule_code=RULE_ISSUE_RESOLVED, source=event, occurred_on=on,
                awarded_by=resolved_by)
    return event


@transaction.atomic
def issue_close(*, issue: LivelihoodIssue, reason: str, closed_by: User, on: date | None = None) -> LivelihoodIssue:
    """open / in progress → closed unresolved, with a reason. The station's staff or office staff."""
    issue = _lock_issue(issue)
    require_station_staff(closed_by, issue.station)
    _require_status(issue, (IssueStatus.OPEN, IssueStatus.IN_PROGRESS),
                    _("Only an open or in-progress issue can be closed."))
    reason = _text(reason)
    if not reason:
        raise DomainError(_("Say why the issue is closed unresolved."), field="reason")
    on = on or _today()
    _not_future(on, "on")
    from_status = issue.status
    issue.status = IssueStatus.CLOSED
    issue.closed_on = on
    issue.closed_reason = reason
    issue.save(update_fields=["status", "closed_on", "closed_reason"])
    _event(issue, kind=IssueEventKind.CLOSED, from_status=from_status, from_level=issue.level, on=on, note=reason,
           by=closed_by)
    return issue


@transaction.atomic
def issue_withdraw_resolution(*, issue: LivelihoodIssue, reason: str, withdrawn_by: User) -> LivelihoodIssue:
    """resolved → in progress: the resolution did not hold; its points are reversed in the ledger.
    Office staff only."""
    require_staff(withdrawn_by)
    reason = _text(reason)
    if not reason:
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    issue = _lock_issue(issue)
    _require_status(issue, (IssueStatus.RESOLVED,), _("Only a resolved issue's resolution can be withdrawn."))
    resolution = issue.events.filter(kind=IssueEventKind.RESOLVED).order_by("-pk").first()
    issue.status = IssueStatus.IN_PROGRESS
    issue.resolved_on = None
    issue.resolution_note = ""
    issue.save(update_fields=["status", "resolved_on", "resolution_note"])
    _event(issue, kind=IssueEventKind.REOPENED, from_status=IssueStatus.RESOLVED, from_level=issue.level,
           on=_today(), note=reason, by=withdrawn_by)
    if resolution is not None:
        _reverse_award(source=resolution, rule_code=RULE_ISSUE_RESOLVED, reason=reason, by=withdrawn_by)
    return issue


@transaction.atomic
def issue_set_public_title(*, issue: LivelihoodIssue, public_title: str, set_by: User) -> LivelihoodIssue:
    """Choose the anonymised title the public station page shows (empty: counted only). Office staff only."""
    require_staff(set_by)
    issue = _lock_issue(issue)
    public_title = _text(public_title)
    if issue.public_title != public_title:
        issue.public_title = public_title
        issue.save(update_fields=["public_title"])
    audit_record(action="liaison.issue_public_title_set", actor=set_by, target=issue)
    return issue
