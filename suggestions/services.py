"""Every write on suggestions (SPEC §2). Each service is one transaction; a transition locks its
row, checks the from-state and refuses with a translated DomainError/StateConflict, leaving
nothing changed. Interfaces (site, admin, API, tasks, demo) call these and nothing else."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.errors import DomainError, StateConflict
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
    FollowUpRound,
    Handling,
    HandlingState,
    ImplementationReport,
    Reply,
    Suggestion,
    SuggestionState,
)
from suggestions.scoring import Grade, Stage


def _today(on: date | None) -> date:
    return on or local_date(timezone.now())


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_reply_deadline(assigned_on: date) -> date:
    return add_months(assigned_on, settings.SUGGESTION_REPLY_DEADLINE_MONTHS)


def _deputy_of(user: User) -> Deputy | None:
    return Deputy.objects.filter(user=user).first() if user and user.is_authenticated else None


def _require_staff(user: User) -> None:
    if not (user and getattr(user, "is_office_staff", False)):
        raise DomainError(_("Only committee office staff may do this."))


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
    if created_by is not None and not created_by.is_office_staff:
        deputy = _deputy_of(created_by)
        if deputy is None or deputy.pk != lead_deputy.pk:
            raise DomainError(_("A deputy may only draft suggestions they lead."))
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
    """True if staff act for the deputy; False if the lead deputy acts; refuse anyone else."""
    if user is not None and user.is_office_staff:
        return True
    deputy = _deputy_of(user)
    if deputy is None or deputy.pk != suggestion.lead_deputy_id:
        raise DomainError(_("Only the lead deputy of this suggestion (or office staff) may do this."))
    return False


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
    if not signed_by.is_office_staff:
        own = _deputy_of(signed_by)
        if own is None or own.pk != deputy.pk:
            raise DomainError(_("A deputy may only co-sign in their own name."))
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
    _require_staff(registered_by)
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
    _require_staff(rejected_by)
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
    _require_staff(assigned_by)
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
    ids = [a.pk for a in assignments]
    transaction.on_commit(lambda: _enqueue_assignment_notices(ids))
    return assignments


def _enqueue_assignment_notices(assignment_ids: list[int]) -> None:
    from suggestions.tasks import notify_assignment_task

    for assignment_id in assignment_ids:
        notify_assignment_task.delay(assignment_id=assignment_id)


@transaction.atomic
def suggestion_publish(*, suggestion: Suggestion, published_by: User, publish_content: bool = False,
                       publish_replies: bool = False) -> Suggestion:
    """Publish a registered suggestion: title, units, grades and final score always; the content
    and the replies only if chosen. Staff only; publishing again updates the choice."""
    _require_staff(published_by)
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
    _require_staff(unpublished_by)
    suggestion = _lock_suggestion(suggestion)
    if not suggestion.is_published:
        raise StateConflict(_("This suggestion is not published."))
    suggestion.is_published, suggestion.published_at = False, None
    suggestion._history_user = unpublished_by
    suggestion.save(update_fields=["is_published", "published_at"])
    return suggestion


# --- handling ---------------------------------------------------------------------------------

def _require_unit_or_staff(handling: Handling, user: User) -> None:
    if user is not None and user.is_office_staff:
        return
    if user is None or user.organization_id != handling.organization_id:
        raise DomainError(_("Only the handling unit (or office staff) may do this."))


@transaction.atomic
def handling_reply(*, handling: Handling, content: str, submitted_by: User, on: date | None = None) -> Reply:
    """awaiting reply → reply submitted (答复). The handling unit or staff."""
    content = (content or "").strip()
    if not content:
        raise DomainError(_("Write the reply."), field="content")
    handling = _lock_handling(handling)
    _require_unit_or_staff(handling, submitted_by)
    _require_state(handling, {HandlingState.AWAITING_REPLY}, _("This handling is not awaiting a reply."))
    day = _today(on)
    reply = Reply.objects.create(handling=handling, round=handling.round, content=content, submitted_on=day,
                                 submitted_by=submitted_by)
    handling.state = HandlingState.REPLY_SUBMITTED
    handling.first_replied_on = handling.first_replied_on or day
    handling._history_user = submitted_by
    handling.save(update_fields=["state", "first_replied_on"])
    _enqueue_grade_awaited(handling.pk)
    return reply


@transaction.atomic
def handling_report_implementation(*, handling: Handling, content: str, submitted_by: User,
                                   on: date | None = None) -> ImplementationReport:
    """reply graded → implementation reported (办理落实情况). The handling unit or staff."""
    content = (content or "").strip()
    if not content:
        raise DomainError(_("Write the implementation report."), field="content")
    handling = _lock_handling(handling)
    _require_unit_or_staff(handling, submitted_by)
    _require_state(handling, {HandlingState.REPLY_GRADED},
                   _("Implementation can be reported only after the reply has been graded."))
    report = ImplementationReport.objects.create(handling=handling, round=handling.round, content=content,
                                                 submitted_on=_today(on), submitted_by=submitted_by)
    handling.state = HandlingState.IMPLEMENTATION_REPORTED
    handling._history_user = submitted_by
    handling.save(update_fields=["state"])
    _enqueue_grade_awaited(handling.pk)
    return report


def _enqueue_grade_awaited(handling_id: int) -> None:
    from suggestions.tasks import notify_grade_awaited_task

    transaction.on_commit(lambda: notify_grade_awaited_task.delay(handling_id=handling_id))


@transaction.atomic
def handling_grade(*, handling: Handling, stage: str, grade: str, entered_by: User,
                   on: date | None = None) -> Evaluation:
    """Grade one stage of a handling (reply submitted, or implementation reported). The lead
    deputy, or staff on their behalf (recorded). A C puts the handling under follow-up; grading
    the implementation sets the final score and level from the latest grades."""
    stage, grade = Stage(stage), Grade(grade)
    handling = _lock_handling(handling)
    on_behalf = _require_lead_or_staff(handling.suggestion, entered_by)
    if not handling.awaits_grade(stage):
        if stage == Stage.REPLY:
            raise StateConflict(_("The reply cannot be graded now: there is no ungraded reply."))
        raise StateConflict(_("The implementation cannot be graded now: there is no ungraded report."))
    day = _today(on)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(handling=handling, stage=stage, round=handling.round, grade=grade,
                                                   graded_on=day, entered_by=entered_by,
                                                   on_behalf_of_deputy=on_behalf)
    except IntegrityError:
        raise StateConflict(_("This stage has already been graded in this round.")) from None
    fields = ["state"]
    if stage == Stage.REPLY:
        handling.reply_grade, handling.reply_graded_on = grade, day
        handling.state = HandlingState.REPLY_GRADED
        fields += ["reply_grade", "reply_graded_on"]
    else:
        handling.implementation_grade, handling.implementation_graded_on = grade, day
        handling.final_score = scoring.final_score(handling.reply_grade, grade)
        handling.final_level = scoring.level(handling.final_score)
        handling.evaluated_on = day
        handling.state = HandlingState.EVALUATED
        fields += ["implementation_grade", "implementation_graded_on", "final_score", "final_level", "evaluated_on"]
    if scoring.puts_under_follow_up(grade):
        handling.state = HandlingState.UNDER_FOLLOW_UP
    handling._history_user = entered_by
    handling.save(update_fields=fields)
    if handling.state == HandlingState.UNDER_FOLLOW_UP:
        handling_id = handling.pk
        transaction.on_commit(lambda: _enqueue_follow_up_notice(handling_id))
    return evaluation


def _enqueue_follow_up_notice(handling_id: int) -> None:
    from suggestions.tasks import notify_follow_up_task

    notify_follow_up_task.delay(handling_id=handling_id)


@transaction.atomic
def handling_open_follow_up(*, handling: Handling, opened_by: User, note: str = "",
                            deadline: date | None = None, on: date | None = None) -> FollowUpRound:
    """under follow-up → a new round at the stage graded C (the unit replies or reports again;
    earlier grades stay in the history). Staff only."""
    _require_staff(opened_by)
    handling = _lock_handling(handling)
    _require_state(handling, {HandlingState.UNDER_FOLLOW_UP}, _("This handling is not under follow-up."))
    day = _today(on)
    deadline = deadline or default_reply_deadline(day)
    if deadline < day:
        raise DomainError(_("The deadline cannot be before today."), field="deadline")
    stage = Stage.REPLY if handling.reply_grade == Grade.C else Stage.IMPLEMENTATION
    handling.round += 1
    follow_up = FollowUpRound.objects.create(handling=handling, round=handling.round, stage=stage,
                                             note=(note or "").strip(), opened_on=day, deadline=deadline,
                                             opened_by=opened_by)
    handling.state = HandlingState.AWAITING_REPLY if stage == Stage.REPLY else HandlingState.REPLY_GRADED
    fields = ["round", "state"]
    if stage == Stage.REPLY:
        handling.deadline = deadline
        fields.append("deadline")
    handling._history_user = opened_by
    handling.save(update_fields=fields)
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
                transaction.on_commit(partial(send_mail, _("Suggestion replies due"), body, None,
                                              sorted(set(recipients)), fail_silently=True))
            notified += 1
    return notified
