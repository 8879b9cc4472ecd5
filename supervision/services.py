"""Every write of the "1+3" supervision. Each service is one transaction, locks the row it moves,
checks its from-state (StateConflict otherwise, nothing changed) and its caller (congress.guards).
Interfaces have already fetched the row through its for_user() scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import is_staff, require_role, require_staff, require_unit_or_staff
from congress.jobs import call_after_commit
from congress.models import Deputy, Organization, User
from congress.periods import local_date
from congress.roles import Role
from supervision.attachments import attachment_check
from supervision.models import (
    ACTION_ACTOR,
    DECIMAL_OUTCOMES,
    ESCALATION_KINDS,
    ActionKind,
    Actor,
    Case,
    CaseAction,
    CaseState,
    Clue,
    ClueAttachment,
    ClueReporter,
    ClueSource,
    ClueState,
    Outcome,
    OutcomeKind,
    Rectification,
    RectificationStatus,
    Satisfaction,
)


def _today() -> date:
    return local_date(timezone.now())


def _lock_clue(clue: Clue) -> Clue:
    return Clue.objects.select_for_update().get(pk=clue.pk)


def _lock_case(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("organ", "clue").get(pk=case.pk)


def _require_state(obj, allowed: Iterable[str], message: str) -> None:
    if obj.state not in allowed:
        raise StateConflict(message)


# --- clues -------------------------------------------------------------------------------------

def _next_clue_number(year: int) -> str:
    prefix = f"XS{year}-"
    last = (Clue.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
            .first())
    return f"{prefix}{(int(last.removeprefix(prefix)) + 1 if last else 1):04d}"


@transaction.atomic
def clue_receive(*, source: str, category: str, title: str, description: str, received_on: date | None = None,
                 public_interest: bool = False, reporter_deputy: Deputy | None = None, reporter_name: str = "",
                 reporter_phone: str = "", reporter_email: str = "", reporter_address: str = "",
                 attachment=None, attachment_visible_to_organs: bool = False, received_by: User) -> Clue:
    """Record a clue that reached the congress (received), with its reporter kept apart and an
    optional attachment. Staff only. A deputy's clue names the deputy."""
    require_staff(received_by)
    received_on = received_on or _today()
    if received_on > _today():
        raise DomainError(_("The date received cannot be in the future."), field="received_on")
    if source == ClueSource.DEPUTY and reporter_deputy is None:
        raise DomainError(_("A clue from a deputy must name the deputy."), field="reporter_deputy")
    if source != ClueSource.DEPUTY and reporter_deputy is not None:
        raise DomainError(_("Only a clue from a deputy names a deputy as its reporter."), field="reporter_deputy")
    if not (title or "").strip() or not (description or "").strip():
        raise DomainError(_("A clue needs a title and a description."), field="description")
    content_type = attachment_check(attachment) if attachment else ""
    # The number is unique: a concurrent receipt with the same number retries once with the next.
    for attempt in range(3):
        try:
            with transaction.atomic():
                clue = Clue.objects.create(
                    number=_next_clue_number(received_on.year), received_on=received_on, source=source,
                    category=category, public_interest=public_interest, title=title.strip(),
                    description=description.strip(), created_by=received_by)
            break
        except IntegrityError:
            if attempt == 2:
                raise StateConflict(_("Another clue was recorded at the same moment; please try again.")) from None
    if reporter_deputy or any((reporter_name, reporter_phone, reporter_email, reporter_address)):
        reporter = ClueReporter(clue=clue, deputy=reporter_deputy, name=reporter_name, phone=reporter_phone,
                                email=reporter_email, address=reporter_address)
        reporter.full_clean(exclude=["clue"])
        reporter.save()
    if attachment:
        _attach(clue, attachment, content_type, attachment_visible_to_organs, received_by)
    return clue


def _attach(clue: Clue, upload, content_type: str, visible: bool, user: User) -> ClueAttachment:
    name = upload.name.rsplit("/", 1)[-1][-120:]
    attachment = ClueAttachment(clue=clue, original_name=name, content_type=content_type, size=upload.size,
                                visible_to_organs=visible, uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def clue_attach(*, clue: Clue, upload, visible_to_organs: bool = False, attached_by: User) -> ClueAttachment:
    """Add an attachment (type checked from its bytes, size limited, private storage). Staff only;
    not once the clue is closed or dismissed."""
    require_staff(attached_by)
    content_type = attachment_check(upload)
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.RECEIVED, ClueState.UNDER_REVIEW, ClueState.SHARED, ClueState.REFERRED],
                   _("A closed or dismissed clue takes no more attachments."))
    return _attach(clue, upload, content_type, visible_to_organs, attached_by)


@transaction.atomic
def clue_review(*, clue: Clue, reviewed_by: User) -> Clue:
    """Start reviewing a received clue (received → under review). Staff only."""
    require_staff(reviewed_by)
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.RECEIVED], _("Only a received clue can be taken under review."))
    clue.state = ClueState.UNDER_REVIEW
    clue.save(update_fields=["state"])
    audit_record(action="supervision.clue_reviewed", actor=reviewed_by, target=clue)
    return clue


@transaction.atomic
def clue_share(*, clue: Clue, shared_by: User, shared_on: date | None = None) -> Clue:
    """Share a reviewed clue with the joint mechanism (under review → shared): the three organs'
    liaisons see it from now on. Staff only."""
    require_staff(shared_by)
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.UNDER_REVIEW], _("Only a clue under review can be shared."))
    clue.state, clue.shared_on = ClueState.SHARED, shared_on or _today()
    clue.save(update_fields=["state", "shared_on"])
    audit_record(action="supervision.clue_shared", actor=shared_by, target=clue)
    return clue


@transaction.atomic
def clue_refer(*, clue: Clue, organs: Iterable[Organization], referred_by: User,
               referred_on: date | None = None) -> list[Case]:
    """Refer a shared clue to one or more of the three organs (移交): one case per organ. A clue
    already referred may be referred to a further organ, never twice to the same. Staff only."""
    require_staff(referred_by)
    organs = list(organs)
    if not organs:
        raise DomainError(_("Choose at least one organ."), field="organs")
    if any(not organ.is_joint_supervision_organ for organ in organs):
        raise DomainError(_("A clue is referred only to the supervision commission, the procuratorate or the "
                            "audit bureau."), field="organs")
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.SHARED, ClueState.REFERRED],
                   _("Only a clue shared with the joint mechanism can be referred."))
    if clue.cases.filter(organ__in=organs).exists():
        raise StateConflict(_("This clue has already been referred to this organ."))
    referred_on = referred_on or _today()
    try:
        with transaction.atomic():
            cases = [Case.objects.create(clue=clue, organ=organ, referred_on=referred_on, referred_by=referred_by)
                     for organ in organs]
    except IntegrityError as error:
        if "supervision_case_one_per_organ" in str(error):
            raise StateConflict(_("This clue has already been referred to this organ.")) from None
        raise
    if clue.state != ClueState.REFERRED:
        clue.state = ClueState.REFERRED
        clue.save(update_fields=["state"])
    audit_record(action="supervision.clue_referred", actor=referred_by, target=clue,
                 detail={"organs": [organ.pk for organ in organs]})
    return cases


@transaction.atomic
def clue_close(*, clue: Clue, result: str, closed_by: User) -> Clue:
    """Close a referred clue with its result, once every case of it is closed. Staff only."""
    require_staff(closed_by)
    result = (result or "").strip()
    if not result:
        raise DomainError(_("Closing a clue needs its result."), field="result")
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.REFERRED], _("Only a referred clue can be closed."))
    if clue.cases.filter(state=CaseState.OPEN).exists():
        raise StateConflict(_("Every case of this clue must be closed first."))
    clue.state, clue.result, clue.closed_on = ClueState.CLOSED, result, _today()
    clue.save(update_fields=["state", "result", "closed_on"])
    audit_record(action="supervision.clue_closed", actor=closed_by, target=clue)
    return clue


@transaction.atomic
def clue_dismiss(*, clue: Clue, reason: str, dismissed_by: User) -> Clue:
    """Dismiss a clue that will not be followed, with a reason (received, under review or shared;
    never once referred). Staff only."""
    require_staff(dismissed_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Dismissing a clue needs a reason."), field="reason")
    clue = _lock_clue(clue)
    _require_state(clue, [ClueState.RECEIVED, ClueState.UNDER_REVIEW, ClueState.SHARED],
                   _("A referred, closed or dismissed clue cannot be dismissed."))
    clue.state, clue.dismissal_reason, clue.closed_on = ClueState.DISMISSED, reason, _today()
    clue.save(update_fields=["state", "dismissal_reason", "closed_on"])
    audit_record(action="supervision.clue_dismissed", actor=dismissed_by, target=clue)
    return clue


# --- cases -------------------------------------------------------------------------------------

def _require_organ_or_staff(user: User, case: Case) -> bool:
    """Staff (True), or the liaison of the case's organ (False)."""
    if is_staff(user):
        return True
    require_role(user, Role.ORGAN_LIAISON)
    if user.organization_id != case.organ_id:
        raise NotPermitted(_("Only the liaison of the organ this case was referred to may do this."))
    return False


def _clean_outcomes(outcomes: Mapping[str, object] | None) -> list[Outcome]:
    rows = []
    for kind, value in (outcomes or {}).items():
        if value in (None, "", 0):
            continue
        kind = OutcomeKind(kind)
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise DomainError(_("%(outcome)s: enter a number.") % {"outcome": kind.label}, field=kind.value) from None
        if number <= 0 or not number.is_finite():
            raise DomainError(_("%(outcome)s must be positive.") % {"outcome": kind.label}, field=kind.value)
        if kind in DECIMAL_OUTCOMES:
            if number != number.quantize(Decimal("0.01")) or number >= Decimal("1e14"):
                raise DomainError(_("%(outcome)s: at most two decimals.") % {"outcome": kind.label}, field=kind.value)
            rows.append(Outcome(kind=kind, amount=number.quantize(Decimal("0.01"))))
        else:
            if number != number.to_integral_value() or number > 2_000_000_000:
                raise DomainError(_("%(outcome)s is a whole number.") % {"outcome": kind.label}, field=kind.value)
            rows.append(Outcome(kind=kind, count=int(number)))
    return rows


@transaction.atomic
def case_action_record(*, case: Case, kind: str, occurred_on: date, summary: str = "",
                       outcomes: Mapping[str, object] | None = None, recorded_by: User,
                       escalates: Rectification | None = None) -> CaseAction:
    """Log a typed action on an open case, with its outcomes. The organ's liaison records their own
    organ's actions; staff record the congress's own actions (and any action on an organ's behalf)."""
    kind = ActionKind(kind)
    actor = ACTION_ACTOR[kind]
    staff = _require_organ_or_staff(recorded_by, case)
    case = _lock_case(case)
    if not staff and actor == Actor.CONGRESS:
        raise NotPermitted(_("The congress's own actions are recorded by the office."))
    if actor != Actor.CONGRESS and actor.value != case.organ.kind:
        raise DomainError(_("This action belongs to another organ than the one this case was referred to."),
                          field="kind")
    if occurred_on > _today():
        raise DomainError(_("The date cannot be in the future."), field="occurred_on")
    if occurred_on < case.referred_on:
        raise DomainError(_("The date cannot be before the referral."), field="occurred_on")
    _require_state(case, [CaseState.OPEN], _("A closed case takes no more actions."))
    rows = _clean_outcomes(outcomes)
    action = CaseAction.objects.create(case=case, kind=kind, actor=actor, occurred_on=occurred_on,
                                       summary=(summary or "").strip(), recorded_by=recorded_by, escalates=escalates)
    for row in rows:
        row.action = action
    Outcome.objects.bulk_create(rows)
    return action


@transaction.atomic
def case_close(*, case: Case, result: str, closed_by: User) -> Case:
    """Close an open case with its result. Staff only. Refused while any rectification item is
    not accepted: an inadequate one must first be escalated, and then accepted."""
    require_staff(closed_by)
    result = (result or "").strip()
    if not result:
        raise DomainError(_("Closing a case needs its result."), field="result")
    case = _lock_case(case)
    _require_state(case, [CaseState.OPEN], _("This case is already closed."))
    # Lock the items too: an evaluation cannot slip in between this check and the close.
    statuses = set(Rectification.objects.select_for_update().filter(case=case).values_list("status", flat=True))
    if RectificationStatus.INADEQUATE in statuses:
        raise StateConflict(_("A rectification item was found inadequate and has not been escalated; escalate it "
                              "(a congress action or litigation) before the case can close."))
    if statuses - {RectificationStatus.ACCEPTED}:
        raise StateConflict(_("Every rectification item must be accepted before the case can close."))
    case.state, case.result, case.closed_on = CaseState.CLOSED, result, _today()
    case.save(update_fields=["state", "result", "closed_on"])
    audit_record(action="supervision.case_closed", actor=closed_by, target=case)
    return case


# --- rectification -----------------------------------------------------------------------------

@transaction.atomic
def rectification_require(*, case: Case, unit: Organization, requirement: str, deadline: date,
                          required_by: User) -> Rectification:
    """Require a responsible unit to rectify something by a deadline, on an open case. Staff, or
    the liaison of the case's organ."""
    _require_organ_or_staff(required_by, case)
    requirement = (requirement or "").strip()
    if not requirement:
        raise DomainError(_("State what must be rectified."), field="requirement")
    if deadline <= _today():
        raise DomainError(_("The deadline must be after today."), field="deadline")
    if unit.is_joint_supervision_organ:
        raise DomainError(_("The responsible unit is the unit that must rectify, not one of the organs."),
                          field="unit")
    case = _lock_case(case)
    _require_state(case, [CaseState.OPEN], _("A closed case takes no more rectification items."))
    return Rectification.objects.create(case=case, unit=unit, requirement=requirement, deadline=deadline)


def _lock_item(item: Rectification) -> Rectification:
    return Rectification.objects.select_for_update().select_related("case", "unit").get(pk=item.pk)


@transaction.atomic
def rectification_report(*, item: Rectification, report: str, reported_by: User) -> Rectification:
    """The responsible unit reports what it has rectified (open → reported). The unit's handler,
    or staff on its behalf."""
    require_unit_or_staff(reported_by, item.unit)
    report = (report or "").strip()
    if not report:
        raise DomainError(_("Describe what has been rectified."), field="report")
    item = _lock_item(item)
    if item.status != RectificationStatus.OPEN:
        raise StateConflict(_("Only an open rectification item can be reported."))
    item.status, item.report, item.reported_on = RectificationStatus.REPORTED, report, _today()
    item.save(update_fields=["status", "report", "reported_on"])
    audit_record(action="supervision.rectification_reported", actor=reported_by, target=item)
    return item


@transaction.atomic
def rectification_evaluate(*, item: Rectification, satisfaction: str, evaluated_by: User) -> Rectification:
    """The standing committee's satisfaction evaluation of a reported rectification: satisfied or
    basically satisfied accepts it; unsatisfied makes it inadequate (to be escalated). Staff only."""
    require_staff(evaluated_by)
    satisfaction = Satisfaction(satisfaction)
    item = _lock_item(item)
    if item.status != RectificationStatus.REPORTED:
        raise StateConflict(_("Only a rectification the unit has reported can be evaluated."))
    item.satisfaction, item.evaluated_on = satisfaction, _today()
    item.status = (RectificationStatus.INADEQUATE if satisfaction == Satisfaction.UNSATISFIED
                   else RectificationStatus.ACCEPTED)
    item.save(update_fields=["status", "satisfaction", "evaluated_on"])
    audit_record(action="supervision.rectification_evaluated", actor=evaluated_by, target=item,
                 detail={"satisfaction": str(satisfaction), "status": item.status})
    return item


@transaction.atomic
def rectification_escalate(*, item: Rectification, kind: str, occurred_on: date, summary: str,
                           new_deadline: date, escalated_by: User) -> CaseAction:
    """Escalate an inadequate rectification with a congress action (special supervision, a work
    report hearing, a specific-question investigation) or public-interest litigation, logged on
    its case; the item reopens for a new round with a new deadline. Staff; the procuratorate's
    liaison for litigation on their own case."""
    kind = ActionKind(kind)
    if kind not in ESCALATION_KINDS:
        raise DomainError(_("Escalate with a congress action or public-interest litigation."), field="kind")
    if new_deadline <= _today():
        raise DomainError(_("The deadline must be after today."), field="new_deadline")
    _lock_case(item.case)  # the case first, as case_close does: no deadlock between the two
    item = _lock_item(item)
    if item.status != RectificationStatus.INADEQUATE:
        raise StateConflict(_("Only a rectification found inadequate can be escalated."))
    action = case_action_record(case=item.case, kind=kind, occurred_on=occurred_on, summary=summary,
                                recorded_by=escalated_by, escalates=item)
    item.status, item.round, item.deadline = RectificationStatus.OPEN, item.round + 1, new_deadline
    item.report, item.reported_on, item.satisfaction, item.evaluated_on = "", None, "", None
    item.save(update_fields=["status", "round", "deadline", "report", "reported_on", "satisfaction",
                             "evaluated_on"])
    audit_record(action="supervision.rectification_escalated", actor=escalated_by, target=item,
                 detail={"kind": str(kind), "round": item.round})
    return action


def rectifications_remind_due(*, today: date | None = None) -> int:
    """Remind every unit with open rectification items due within SUPERVISION_REMINDER_DAYS or
    overdue: one in-site notice and one e-mail (after commit) per unit and day. Returns the number
    of units reminded. Called by the daily beat task."""
    from django.core.mail import send_mail
    from django.urls import reverse

    from congress.models import Notice, OrganizationContact
    from congress.services import notice_create
    from supervision.selectors import rectifications_due

    today = today or _today()
    since = datetime.combine(_today(), time.min, tzinfo=timezone.get_default_timezone())
    by_unit: dict[int, list[Rectification]] = {}
    for item in rectifications_due(today=today, within_days=settings.SUPERVISION_REMINDER_DAYS):
        by_unit.setdefault(item.unit_id, []).append(item)
    reminded = 0
    for unit_id, items in by_unit.items():
        with transaction.atomic():
            unit = Organization.objects.select_for_update().get(pk=unit_id)
            if Notice.objects.filter(organization=unit, kind="supervision_rectification_due",
                                     created_at__gte=since).exists():
                continue
            overdue = sum(1 for item in items if item.deadline < today)
            message = _("%(unit)s: %(count)s rectification items are due within %(days)s days or overdue "
                        "(%(overdue)s overdue).") % {"unit": unit.name, "count": len(items), "overdue": overdue,
                                                      "days": settings.SUPERVISION_REMINDER_DAYS}
            notice_create(kind="supervision_rectification_due", message=message, organization=unit,
                          link=reverse("supervision:rectification-list"))
            recipients = {u.email for u in unit.users.filter(is_active=True).exclude(email="")}
            contact = OrganizationContact.objects.filter(organization=unit).exclude(email="").first()
            if contact:
                recipients.add(contact.email)
            if recipients:
                lines = [f"{item.deadline:%Y-%m-%d} {item.requirement[:60]}" for item in items]
                call_after_commit(send_mail, _("Rectification items due"), message + "\n\n" + "\n".join(lines),
                                  None, sorted(recipients), fail_silently=True)
            reminded += 1
    return reminded


