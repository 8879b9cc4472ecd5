"""Every write on suggestions (SPEC §2). Each service is one transaction; a transition locks its
row, checks the from-state and refuses with a translated DomainError/StateConflict, leaving
nothing changed. Interfaces (site, admin, API, tasks, demo) call these and nothing else."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import Action, audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import require_deputy_or_staff, require_staff, require_unit_or_staff
from congress.jobs import call_after_commit, enqueue_after_commit
from congress.models import CongressSession, Deputy, Organization, User
from congress.periods import DISTRICT_TZ, local_date
from suggestions import scoring
from suggestions.models import (
    HANDLING_ROLES,
    Assignment,
    AssignmentRole,
    Category,
    Cosignature,
    Evaluation,
    FollowUpOutcome,
    FollowUpRound,
    Handling,
    HandlingState,
    ImplementationReport,
    Reply,
    Suggestion,
    SuggestionState,
)
from suggestions.scoring import Grade, Stage
from suggestions.tasks import notify_assignment_task, notify_follow_up_task, notify_grade_awaited_task


def _today(on: date | None) -> date:
    return on or local_date(timezone.now())


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_reply_deadline(assigned_on: date) -> date:
    return add_months(assigned_on, settings.SUGGESTION_REPLY_DEADLINE_MONTHS)


def _lock_suggestion(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


def _lock_handling(handling: Handling) -> Handling:
    return Handling.objects.select_for_update().select_related("suggestion").get(pk=handling.pk)


def _require_state(obj, allowed, message: str) -> None:
    if obj.state not in allowed:
        raise StateConflict(message)


def _validate(instance, exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None


# --- suggestion -------------------------------------------------------------------------------

@transaction.atomic
def suggestion_create(*, lead_deputy: Deputy, title: str, content: str, category: str = Category.OTHER,
                      session: CongressSession | None = None, created_by: User | None = None) -> Suggestion:
    """Create a draft led by `lead_deputy`. The deputy themself (created_by is their login) or staff."""
    if created_by is not None:
        require_deputy_or_staff(created_by, lead_deputy)
    if not lead_deputy.is_serving:
        raise DomainError(_("Only a serving deputy can lead a suggestion."), field="lead_deputy")
    suggestion = Suggestion(lead_deputy=lead_deputy, title=(title or "").strip(), content=(content or "").strip(),
                            category=category, session=session)
    _validate(suggestion)
    suggestion._history_user = created_by
    suggestion.save()
    return suggestion


@transaction.atomic
def suggestion_update_draft(*, suggestion: Suggestion, edited_by: User, title: str, content: str,
                            category: str, session: CongressSession | None = None) -> Suggestion:
    """Change a draft's text. Only while it is a draft; its lead deputy or staff."""
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.DRAFT}, _("Only a draft can be edited."))
    _require_lead_or_staff(suggestion, edited_by)
    suggestion.title, suggestion.content = title.strip(), content.strip()
    suggestion.category, suggestion.session = category, session
    _validate(suggestion)
    suggestion._history_user = edited_by
    suggestion.save(update_fields=["title", "content", "category", "session"])
    return suggestion


def _require_lead_or_staff(suggestion: Suggestion, user: User) -> bool:
    """True if staff act for the deputy; False if the lead deputy acts; NotPermitted otherwise."""
    try:
        return require_deputy_or_staff(user, suggestion.lead_deputy)
    except NotPermitted:
        raise NotPermitted(_("Only the lead deputy of this suggestion (or office staff) may do this.")) from None


@transaction.atomic
def suggestion_submit(*, suggestion: Suggestion, submitted_by: User, on: date | None = None) -> Suggestion:
    """draft → submitted. The lead deputy or staff. Fixes the suggestion's year."""
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.DRAFT}, _("Only a draft can be submitted."))
    _require_lead_or_staff(suggestion, submitted_by)
    day = _today(on)
    suggestion.state, suggestion.submitted_on, suggestion.year = SuggestionState.SUBMITTED, day, day.year
    suggestion._history_user = submitted_by
    suggestion.save(update_fields=["state", "submitted_on", "year"])
    return suggestion


@transaction.atomic
def suggestion_cosign(*, suggestion: Suggestion, deputy: Deputy, signed_by: User) -> Cosignature:
    """Co-sign a draft or submitted suggestion. The deputy themself, or staff for them; not the lead."""
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.DRAFT, SuggestionState.SUBMITTED},
                   _("A suggestion can be co-signed only before the registration decision."))
    require_deputy_or_staff(signed_by, deputy)
    if deputy.pk == suggestion.lead_deputy_id:
        raise DomainError(_("The lead deputy cannot co-sign their own suggestion."))
    if not deputy.is_serving:
        raise DomainError(_("Only a serving deputy can co-sign."))
    if Cosignature.objects.filter(suggestion=suggestion, deputy=deputy).exists():
        raise StateConflict(_("This deputy has already co-signed this suggestion."))
    try:
        with transaction.atomic():
            return Cosignature.objects.create(suggestion=suggestion, deputy=deputy)
    except IntegrityError:
        raise StateConflict(_("This deputy has already co-signed this suggestion.")) from None


def _next_number(year: int) -> str:
    prefix = f"{year}-"
    numbers = Suggestion.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(n[len(prefix):]) for n in numbers if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"


@transaction.atomic
def suggestion_register(*, suggestion: Suggestion, registered_by: User, number: str = "",
                        on: date | None = None) -> Suggestion:
    """submitted → registered (立案), with a number (the next of its year unless given). Staff only.
    Concurrent registrations of one year each get their own next number (the unique index decides;
    the loser of a race takes the number after)."""
    require_staff(registered_by)
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.SUBMITTED}, _("Only a submitted suggestion can be registered."))
    given = (number or "").strip()
    if given and Suggestion.objects.filter(number=given).exclude(pk=suggestion.pk).exists():
        raise DomainError(_("The number %(number)s is already taken.") % {"number": given}, field="number")
    suggestion.state = SuggestionState.REGISTERED
    suggestion.registered_on, suggestion.registered_by = _today(on), registered_by
    suggestion._history_user = registered_by
    for _attempt in range(1 if given else 20):
        suggestion.number = given or _next_number(suggestion.year)
        try:
            with transaction.atomic():
                suggestion.save(update_fields=["state", "number", "registered_on", "registered_by"])
            return suggestion
        except IntegrityError:
            continue
    raise StateConflict(_("The number %(number)s is already taken.") % {"number": suggestion.number})


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, reason: str, rejected_by: User,
                      on: date | None = None) -> Suggestion:
    """submitted → not registered (不予立案), with a reason. Staff only."""
    require_staff(rejected_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason why the suggestion is not registered."), field="reason")
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.SUBMITTED}, _("Only a submitted suggestion can be rejected."))
    suggestion.state, suggestion.rejection_reason = SuggestionState.NOT_REGISTERED, reason
    suggestion.registered_on, suggestion.registered_by = _today(on), rejected_by
    suggestion._history_user = rejected_by
    suggestion.save(update_fields=["state", "rejection_reason", "registered_on", "registered_by"])
    return suggestion


@transaction.atomic
def suggestion_assign(*, suggestion: Suggestion, units: list[tuple[Organization, str]], assigned_by: User,
                      deadline: date | None = None, on: date | None = None) -> list[Assignment]:
    """registered → assigned (交办) to units with roles; one handling per lead or separate unit.
    Exactly one lead unit, or separate units only; co-handling units need a lead. Staff only."""
    require_staff(assigned_by)
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.REGISTERED}, _("Only a registered suggestion can be assigned."))
    if not units:
        raise DomainError(_("Choose at least one unit."), field="units")
    organizations = [organization.pk for organization, _role in units]
    if len(set(organizations)) != len(organizations):
        raise DomainError(_("A unit can be assigned only once."), field="units")
    roles = [AssignmentRole(role) for _organization, role in units]
    leads, separates = roles.count(AssignmentRole.LEAD), roles.count(AssignmentRole.SEPARATE)
    if leads > 1:
        raise DomainError(_("A suggestion has at most one lead unit."), field="units")
    if leads and separates:
        raise DomainError(_("Assign either one lead unit or separate units, not both."), field="units")
    if not leads and not separates:
        raise DomainError(_("Co-handling units need a lead unit."), field="units")
    if any(not organization.is_active for organization, _role in units):
        raise DomainError(_("An inactive unit cannot be assigned."), field="units")
    day = _today(on)
    deadline = deadline or default_reply_deadline(day)
    if deadline < day:
        raise DomainError(_("The deadline cannot be before the assignment."), field="deadline")
    assignments = []
    for (organization, _role), role in zip(units, roles, strict=True):
        assignment = Assignment.objects.create(suggestion=suggestion, organization=organization, role=role,
                                               assigned_on=day, deadline=deadline, assigned_by=assigned_by)
        if role in HANDLING_ROLES:
            Handling.objects.create(assignment=assignment, suggestion=suggestion, organization=organization,
                                    deadline=deadline)
        assignments.append(assignment)
    suggestion.state = SuggestionState.ASSIGNED
    suggestion._history_user = assigned_by
    suggestion.save(update_fields=["state"])
    for assignment in assignments:
        enqueue_after_commit(notify_assignment_task, assignment_id=assignment.pk)
    return assignments


@transaction.atomic
def suggestion_publish(*, suggestion: Suggestion, published_by: User, publish_content: bool = False,
                       publish_replies: bool = False) -> Suggestion:
    """Publish a registered suggestion: title, units, grades and final score always; the content
    and the replies only if chosen. Staff only; publishing again updates the choice."""
    require_staff(published_by)
    suggestion = _lock_suggestion(suggestion)
    _require_state(suggestion, {SuggestionState.REGISTERED, SuggestionState.ASSIGNED},
                   _("Only a registered suggestion can be published."))
    suggestion.is_published = True
    suggestion.published_at = suggestion.published_at or timezone.now()
    suggestion.publish_content, suggestion.publish_replies = publish_content, publish_replies
    suggestion._history_user = published_by
    suggestion.save(update_fields=["is_published", "published_at", "publish_content", "publish_replies"])
    return suggestion


@transaction.atomic
def suggestion_unpublish(*, suggestion: Suggestion, unpublished_by: User) -> Suggestion:
    """Withdraw a suggestion from the public site. Staff only."""
    require_staff(unpublished_by)
    suggestion = _lock_suggestion(suggestion)
    if not suggestion.is_published:
        raise StateConflict(_("This suggestion is not published."))
    suggestion.is_published, suggestion.published_at = False, None
    suggestion._history_user = unpublished_by
    suggestion.save(update_fields=["is_published", "published_at"])
    return suggestion


# --- handling ---------------------------------------------------------------------------------
# The main flow is reply → grade → implementation report → grade (Handling.state). A C at either
# stage opens a follow-up round for that stage beside the main flow, which goes on meanwhile; the
# final score is computed as soon as both stages have a grade and again after every regrade.

def _require_unit_or_staff(handling: Handling, user: User) -> None:
    require_unit_or_staff(user, handling.organization)


def _open_follow_up(handling: Handling, stage: str) -> FollowUpRound | None:
    return FollowUpRound.objects.open().filter(handling=handling, stage=stage).first()


def _awaiting_answer(handling: Handling, stage: str) -> FollowUpRound | None:
    """The open follow-up round of `stage` that the unit has not answered yet, if any."""
    follow_up = _open_follow_up(handling, stage)
    reports = handling.replies if stage == Stage.REPLY else handling.implementation_reports
    if follow_up is None or reports.filter(round=follow_up.round).exists():
        return None
    return follow_up


def _ungraded_report(handling: Handling, stage: str) -> Reply | ImplementationReport | None:
    """The report of `stage` awaiting its grade: the main flow's, or the answer to an open
    follow-up round (an answer to a round staff closed is no longer graded)."""
    reports = handling.replies if stage == Stage.REPLY else handling.implementation_reports
    graded = handling.evaluations.filter(stage=stage).values("round")
    report = reports.exclude(round__in=graded).order_by("-round").first()
    if report is None:
        return None
    follow_up = FollowUpRound.objects.filter(handling=handling, stage=stage, round=report.round).first()
    if follow_up is not None and not follow_up.is_open:
        return None
    return report


@transaction.atomic
def handling_reply(*, handling: Handling, content: str, submitted_by: User, on: date | None = None) -> Reply:
    """Submit the reply (答复): awaiting reply → reply submitted, or the new reply of an open
    follow-up round of the reply. The handling unit or staff."""
    content = (content or "").strip()
    if not content:
        raise DomainError(_("Write the reply."), field="content")
    handling = _lock_handling(handling)
    _require_unit_or_staff(handling, submitted_by)
    follow_up = None
    if handling.state != HandlingState.AWAITING_REPLY:
        follow_up = _awaiting_answer(handling, Stage.REPLY)
        if follow_up is None:
            raise StateConflict(_("This handling is not awaiting a reply."))
    day = _today(on)
    reply = Reply.objects.create(handling=handling, round=follow_up.round if follow_up else 1, content=content,
                                 submitted_on=day, submitted_by=submitted_by)
    fields = []
    if follow_up is None:
        handling.state = HandlingState.REPLY_SUBMITTED
        handling.first_replied_on = day
        fields = ["state", "first_replied_on"]
    handling._history_user = submitted_by
    handling.save(update_fields=fields)
    enqueue_after_commit(notify_grade_awaited_task, handling_id=handling.pk)
    return reply


@transaction.atomic
def handling_report_implementation(*, handling: Handling, content: str, submitted_by: User,
                                   on: date | None = None) -> ImplementationReport:
    """Report the implementation (办理落实情况): reply graded (whatever the grade, even under
    follow-up) → implementation reported, or the new report of an open follow-up round of the
    implementation. The handling unit or staff."""
    content = (content or "").strip()
    if not content:
        raise DomainError(_("Write the implementation report."), field="content")
    handling = _lock_handling(handling)
    _require_unit_or_staff(handling, submitted_by)
    follow_up = None
    if handling.state != HandlingState.REPLY_GRADED:
        follow_up = _awaiting_answer(handling, Stage.IMPLEMENTATION)
        if follow_up is None:
            raise StateConflict(_("Implementation can be reported only after the reply has been graded."))
    report = ImplementationReport.objects.create(
        handling=handling, round=follow_up.round if follow_up else 1, content=content,
        submitted_on=_today(on), submitted_by=submitted_by)
    if follow_up is None:
        handling.state = HandlingState.IMPLEMENTATION_REPORTED
        handling._history_user = submitted_by
        handling.save(update_fields=["state"])
    enqueue_after_commit(notify_grade_awaited_task, handling_id=handling.pk)
    return report


@transaction.atomic
def handling_grade(*, handling: Handling, stage: str, grade: str, entered_by: User,
                   on: date | None = None) -> Evaluation:
    """Grade the report of one stage that awaits its grade (the main flow's, or the answer to an
    open follow-up round). The lead deputy, or staff on their behalf (recorded). The grade becomes
    the stage's current grade; with both stages graded the final score and level are (re)computed.
    A regrade closes the follow-up round it answers; a C opens a follow-up round for the stage."""
    stage, grade = Stage(stage), Grade(grade)
    handling = _lock_handling(handling)
    on_behalf = _require_lead_or_staff(handling.suggestion, entered_by)
    report = _ungraded_report(handling, stage)
    if report is None:
        if stage == Stage.REPLY:
            raise StateConflict(_("The reply cannot be graded now: there is no ungraded reply."))
        raise StateConflict(_("The implementation cannot be graded now: there is no ungraded report."))
    day = _today(on)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(handling=handling, stage=stage, round=report.round, grade=grade,
                                                   graded_on=day, entered_by=entered_by,
                                                   on_behalf_of_deputy=on_behalf)
    except IntegrityError:
        raise StateConflict(_("This stage has already been graded in this round.")) from None
    fields = []
    if stage == Stage.REPLY:
        handling.reply_grade, handling.reply_graded_on = grade, day
        fields += ["reply_grade", "reply_graded_on"]
        if handling.state == HandlingState.REPLY_SUBMITTED:
            handling.state = HandlingState.REPLY_GRADED
    else:
        handling.implementation_grade, handling.implementation_graded_on = grade, day
        fields += ["implementation_grade", "implementation_graded_on"]
        if handling.state == HandlingState.IMPLEMENTATION_REPORTED:
            handling.state = HandlingState.EVALUATED
    if handling.reply_grade and handling.implementation_grade:
        handling.final_score = scoring.final_score(handling.reply_grade, handling.implementation_grade)
        handling.final_level = scoring.level(handling.final_score)
        handling.evaluated_on = day
        fields += ["final_score", "final_level", "evaluated_on"]
    answered = _open_follow_up(handling, stage)
    if answered is not None and answered.round == report.round:
        answered.closed_on, answered.outcome = day, FollowUpOutcome.REGRADED
        answered.save(update_fields=["closed_on", "outcome"])
    if scoring.puts_under_follow_up(grade):
        handling.round += 1
        fields.append("round")
        FollowUpRound.objects.create(handling=handling, round=handling.round, stage=stage, opened_on=day,
                                     deadline=default_reply_deadline(day), opened_by=entered_by)
        enqueue_after_commit(notify_follow_up_task, handling_id=handling.pk)
    handling._history_user = entered_by
    handling.save(update_fields=["state", *fields])
    audit_record(action=Action.HANDLING_GRADED, actor=entered_by, target=handling,
                 detail={"stage": stage.value, "grade": grade.value, "on_behalf_of_deputy": on_behalf})
    return evaluation


def _lock_open_follow_up(handling: Handling) -> FollowUpRound:
    follow_up = (FollowUpRound.objects.select_for_update().open().filter(handling=handling)
                 .order_by("-round").first())
    if follow_up is None:
        raise StateConflict(_("This handling is not under follow-up."))
    return follow_up


@transaction.atomic
def handling_supervise_follow_up(*, handling: Handling, supervised_by: User, note: str = "",
                                 deadline: date | None = None, on: date | None = None) -> FollowUpRound:
    """Write the office's supervision note and the unit's deadline on the handling's open
    follow-up round (the latest, if both stages have one). Staff only."""
    require_staff(supervised_by)
    handling = _lock_handling(handling)
    follow_up = _lock_open_follow_up(handling)
    if deadline is not None and deadline < _today(on):
        raise DomainError(_("The deadline cannot be before today."), field="deadline")
    follow_up.note = (note or "").strip() or follow_up.note
    follow_up.deadline = deadline or follow_up.deadline
    follow_up.save(update_fields=["note", "deadline"])
    return follow_up


@transaction.atomic
def follow_up_close(*, follow_up: FollowUpRound, note: str, closed_by: User,
                    on: date | None = None) -> FollowUpRound:
    """Close an open follow-up round with a note when the unit has done what it can: the current
    grade stays and the handling leaves the follow-up list (if no other round is open). Staff only."""
    require_staff(closed_by)
    note = (note or "").strip()
    if not note:
        raise DomainError(_("Say why the follow-up round is closed."), field="note")
    follow_up = FollowUpRound.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_open:
        raise StateConflict(_("This follow-up round is already closed."))
    follow_up.closed_on, follow_up.closed_by = _today(on), closed_by
    follow_up.outcome, follow_up.closing_note = FollowUpOutcome.CLOSED, note
    follow_up.save(update_fields=["closed_on", "closed_by", "outcome", "closing_note"])
    return follow_up


# --- reminders --------------------------------------------------------------------------------

def handlings_remind_due(*, today: date | None = None) -> int:
    """Notify every unit with replies due soon or overdue: one in-site notice and one e-mail per
    unit and day. Returns the number of units notified. Called by the daily beat task."""
    from django.core.mail import send_mail
    from django.urls import reverse

    from congress.models import Notice, OrganizationContact
    from congress.services import notice_create
    from suggestions.selectors import replies_due

    today = _today(today)
    # "once a day" is by the clock, whatever day the deadlines are measured from
    since = datetime.combine(local_date(timezone.now()), time.min, tzinfo=DISTRICT_TZ)
    by_unit: dict[int, list[Handling]] = {}
    for handling in replies_due(today=today):
        by_unit.setdefault(handling.organization_id, []).append(handling)
    notified = 0
    for organization_id, handlings in by_unit.items():
        with transaction.atomic():
            organization = Organization.objects.select_for_update().get(pk=organization_id)
            if Notice.objects.filter(organization=organization, kind="suggestion_reply_due",
                                     created_at__gte=since).exists():
                continue
            overdue = sum(1 for h in handlings if h.deadline < today)
            message = _("%(unit)s: %(count)s suggestion replies are due soon or overdue (%(overdue)s overdue).") % {
                "unit": organization.name, "count": len(handlings), "overdue": overdue}
            lines = [f"{h.suggestion.number} {h.suggestion.title} — {h.deadline:%Y-%m-%d}" for h in handlings]
            notice_create(kind="suggestion_reply_due", message=message, organization=organization,
                          link=reverse("suggestions:unit-handlings"))
            recipients = [u.email for u in organization.users.filter(is_active=True).exclude(email="")]
            contact = OrganizationContact.objects.filter(organization=organization).exclude(email="").first()
            if contact:
                recipients.append(contact.email)
            if recipients:
                body = message + "\n\n" + "\n".join(lines)
                call_after_commit(send_mail, _("Suggestion replies due"), body, None, sorted(set(recipients)),
                                  fail_silently=True)
            notified += 1
    return notified
