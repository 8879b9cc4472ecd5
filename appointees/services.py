"""Every write of the appointees app: duty reports, the draw of oral reporters and rating
sessions. Each service is one transaction, checks its caller (congress.guards) and its from-state,
and raises a DomainError (400/403/409) with nothing changed otherwise."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from appointees import draw as draw_rules
from appointees import rules
from appointees.models import (
    Appointee,
    Ballot,
    Draw,
    DrawSecret,
    DrawStatus,
    DutyReport,
    RatingMember,
    RatingOfficial,
    RatingSession,
    RatingStatus,
)
from congress.audit import audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import require_role, require_staff, require_unit_or_staff
from congress.models import CongressSession, Deputy, SessionKind, User
from congress.periods import local_date
from congress.roles import Role
from congress.selectors import deputy_of_user


def _today() -> date:
    return local_date(timezone.now())


def _validation_to_domain(error: ValidationError) -> DomainError:
    if hasattr(error, "message_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return DomainError(messages[0], field=None if field == "__all__" else field)
    return DomainError(error.messages[0])


# --- duty reports --------------------------------------------------------------------------------

@transaction.atomic
def duty_report_submit(*, appointee: Appointee, year: int, text: str, document: UploadedFile | None = None,
                       submitted_by: User) -> DutyReport:
    """Submit (or, until published, replace) an appointee's duty report on a completed year.
    The appointee's organization (unit handler) or staff. A published report cannot change."""
    require_unit_or_staff(submitted_by, appointee.organization)
    if year >= _today().year:
        raise DomainError(_("A duty report covers a completed year."), field="year")
    if not rules.must_report(category=appointee.category, took_office=appointee.took_office,
                             left_office=appointee.left_office, year=year):
        raise DomainError(_("%(appointee)s does not report on %(year)s.") % {"appointee": appointee, "year": year},
                          field="year")
    if not text.strip():
        raise DomainError(_("Write the report (or paste its text)."), field="text")
    report = DutyReport.objects.select_for_update().filter(appointee=appointee, year=year).first()
    if report is not None and report.is_published:
        raise StateConflict(_("This report has been published and can no longer be changed."))
    if report is None:
        report = DutyReport(appointee=appointee, year=year)
    report.text = text.strip()
    if document is not None:
        report.document = document
    report.submitted_at = timezone.now()
    report.submitted_by = submitted_by
    try:
        report.full_clean(exclude=["submitted_by", "published_by"], validate_unique=False,
                          validate_constraints=False)
    except ValidationError as error:
        raise _validation_to_domain(error) from error
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # duty_report_one_per_year: a simultaneous first submission won
        raise StateConflict(_("A report for this year was submitted at the same moment; reload the page.")) \
            from error
    return report


@transaction.atomic
def duty_report_publish(*, report: DutyReport, published_by: User) -> DutyReport:
    """Publish a submitted report on the public site. Staff only; a report is published once."""
    require_staff(published_by)
    report = DutyReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise StateConflict(_("This report is already published."))
    report.published_at = timezone.now()
    report.published_by = published_by
    report.save(update_fields=["published_at", "published_by"])
    audit_record(action="appointees.report_published", actor=published_by, target=report)
    return report


def duty_reports_remind_overdue(*, year: int, today: date | None = None) -> int:
    """Post a notice to each organization with an overdue report on `year`. Tasks and staff.
    Returns how many reminders were posted (none before the deadline)."""
    from django.urls import reverse

    from appointees.selectors import overdue_reports
    from congress.services import notice_create

    today = today or _today()
    count = 0
    with transaction.atomic():
        for appointee in overdue_reports(year=year, today=today):
            notice_create(
                kind="appointees.report_overdue", organization=appointee.organization,
                link=reverse("appointees:report-submit"),
                message=_("The duty report of %(appointee)s on %(year)s was due by %(deadline)s and has not been "
                          "submitted.") % {"appointee": appointee, "year": year,
                                           "deadline": rules.report_deadline(year)})
            count += 1
    return count


# --- the draw of oral reporters -------------------------------------------------------------------

def _candidates(on: date) -> list[dict]:
    heads = Appointee.objects.department_heads().active_on(on).select_related("organization")
    rows = {a.code: {"code": a.code, "name": a.name, "position": a.position,
                     "organization": a.organization.display_name} for a in heads}
    return [rows[code] for code in draw_rules.candidate_order(list(rows))]


def _check_meeting(meeting: CongressSession | None) -> None:
    if meeting is not None and meeting.kind != SessionKind.STANDING_COMMITTEE:
        raise DomainError(_("Choose a standing committee meeting."), field="meeting")


def _new_draw(*, year: int, k: int, meeting: CongressSession | None, created_by: User, on: date | None,
              replaces: Draw | None = None, reason: str = "") -> Draw:
    _check_meeting(meeting)
    on = on or (meeting.start_date if meeting else _today())
    candidates = _candidates(on)
    if k < 1:
        raise DomainError(_("Draw at least one official."), field="k")
    if k > len(candidates):
        raise DomainError(_("Only %(count)s department heads are in office on %(day)s; cannot draw %(k)s.")
                          % {"count": len(candidates), "day": on, "k": k}, field="k")
    secret = draw_rules.new_secret()
    try:
        with transaction.atomic():
            draw = Draw.objects.create(year=year, k=k, meeting=meeting, candidates=candidates,
                                       commitment=draw_rules.commitment_of(secret), created_by=created_by,
                                       replaces=replaces, redraw_reason=reason)
    except IntegrityError as error:  # draw_one_current_per_year
        raise StateConflict(_("%(year)s already has a current draw; a new one needs a redraw with a reason.")
                            % {"year": year}, field="year") from error
    DrawSecret.objects.create(draw=draw, secret_hex=secret)
    return draw


@transaction.atomic
def draw_commit(*, year: int, k: int = rules.DEFAULT_ORAL_REPORTERS, meeting: CongressSession | None = None,
                created_by: User, on: date | None = None) -> Draw:
    """Fix the year's candidate list (department heads in office on the meeting's day, or today)
    and commit to a fresh secret. Staff only; one current draw per year."""
    require_staff(created_by)
    if Draw.objects.current().filter(year=year).exists():
        raise StateConflict(_("%(year)s already has a current draw; a new one needs a redraw with a reason.")
                            % {"year": year}, field="year")
    draw = _new_draw(year=year, k=k, meeting=meeting, created_by=created_by, on=on)
    audit_record(action="appointees.draw_committed", actor=created_by, target=draw)
    return draw


@transaction.atomic
def draw_reveal(*, draw: Draw, public_input: str, entered_by: User, secret_hex: str | None = None) -> Draw:
    """Record the public input entered in the room, reveal the secret and make the draw.
    A committee member or staff; only a current draw awaiting its input. A secret that does not
    match the published commitment is refused and nothing is drawn."""
    require_role(entered_by, Role.COMMITTEE_MEMBER)
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if not draw.is_current:
        raise StateConflict(_("This draw has been superseded by a redraw."))
    if draw.is_revealed:
        raise StateConflict(_("This draw has already been made."))
    public_input = " ".join(public_input.split())
    if not public_input:
        raise DomainError(_("Enter the public input (for example the dice rolls) before drawing."),
                          field="public_input")
    if len(public_input) > 200:
        raise DomainError(_("The public input is at most 200 characters."), field="public_input")
    secret = secret_hex if secret_hex is not None else draw.secret.secret_hex
    try:
        result = draw_rules.run(secret_hex=secret, commitment=draw.commitment, public_input=public_input,
                                candidates=draw.candidate_codes, k=draw.k)
    except draw_rules.CommitmentMismatch as error:
        raise DomainError(_("The revealed secret does not match the commitment published before the meeting; "
                            "nothing was drawn.")) from error
    draw.public_input = public_input
    draw.revealed_secret = secret.lower()
    draw.seed = result.seed_hex
    draw.result = result.drawn
    draw.status = DrawStatus.REVEALED
    draw.revealed_at = timezone.now()
    draw.input_entered_by = entered_by
    draw.save(update_fields=["public_input", "revealed_secret", "seed", "result", "status", "revealed_at",
                             "input_entered_by"])
    audit_record(action="appointees.draw_revealed", actor=entered_by, target=draw)
    return draw


@transaction.atomic
def draw_redo(*, draw: Draw, reason: str, created_by: User, k: int | None = None, on: date | None = None) -> Draw:
    """Supersede a current draw with a new one (new candidate list and secret), giving a reason.
    Staff only. The earlier draw stays published, marked as superseded, with the reason."""
    require_staff(created_by)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("A redraw needs a reason."), field="reason")
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if not draw.is_current:
        raise StateConflict(_("This draw has already been superseded."))
    draw.superseded_at = timezone.now()
    draw.save(update_fields=["superseded_at"])
    new = _new_draw(year=draw.year, k=k or draw.k, meeting=draw.meeting, created_by=created_by, on=on,
                    replaces=draw, reason=reason)
    audit_record(action="appointees.draw_redone", actor=created_by, target=new, detail={"replaces": draw.pk})
    return new


# --- rating sessions -----------------------------------------------------------------------------

@transaction.atomic
def rating_session_create(*, title: str, year: int, meeting: CongressSession, officials: Iterable[Appointee],
                          members: Iterable[Deputy], created_by: User) -> RatingSession:
    """Prepare a rating session at a standing committee meeting for the listed officials and the
    members present. Staff only."""
    require_staff(created_by)
    _check_meeting(meeting)
    officials, members = list(dict.fromkeys(officials)), list(dict.fromkeys(members))
    if not title.strip():
        raise DomainError(_("Give the session a title."), field="title")
    if not officials:
        raise DomainError(_("List at least one official to rate."), field="officials")
    if not members:
        raise DomainError(_("List the members present."), field="members")
    outsiders = [str(d) for d in members if not d.is_committee_member]
    if outsiders:
        raise DomainError(_("Not members of the standing committee: %(names)s.") % {"names": "、".join(outsiders)},
                          field="members")
    session = RatingSession.objects.create(title=title.strip(), year=year, meeting=meeting, created_by=created_by)
    RatingOfficial.objects.bulk_create(RatingOfficial(session=session, appointee=a, order=i)
                                       for i, a in enumerate(officials, start=1))
    RatingMember.objects.bulk_create(RatingMember(session=session, deputy=d) for d in members)
    return session


def _locked(session: RatingSession) -> RatingSession:
    return RatingSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def rating_session_open(*, session: RatingSession, opened_by: User) -> RatingSession:
    """Open a prepared session for rating. Staff only; from "being prepared"."""
    require_staff(opened_by)
    session = _locked(session)
    if session.status != RatingStatus.DRAFT:
        raise StateConflict(_("Only a session being prepared can be opened."))
    session.status, session.opened_at = RatingStatus.OPEN, timezone.now()
    session.save(update_fields=["status", "opened_at"])
    audit_record(action="appointees.rating_session_opened", actor=opened_by, target=session)
    return session


@transaction.atomic
def rating_session_close(*, session: RatingSession, closed_by: User) -> RatingSession:
    """Close an open session: no more ballots; the results appear on the projector and public
    pages at once. Staff only; from "open"."""
    require_staff(closed_by)
    session = _locked(session)
    if session.status != RatingStatus.OPEN:
        raise StateConflict(_("Only an open session can be closed."))
    session.status, session.closed_at = RatingStatus.CLOSED, timezone.now()
    session.save(update_fields=["status", "closed_at"])
    audit_record(action="appointees.rating_session_closed", actor=closed_by, target=session)
    return session


def member_of(user: User) -> Deputy:
    """The standing committee member this login rates as (NotPermitted otherwise)."""
    deputy = deputy_of_user(user=user) if user is not None and user.is_authenticated else None
    if deputy is None or not deputy.is_committee_member or not user.has_role(Role.COMMITTEE_MEMBER):
        raise NotPermitted(_("Only members of the standing committee rate officials."))
    return deputy


@transaction.atomic
def rating_ballot_submit(*, session: RatingSession, user: User, choices: Mapping[int, str]) -> None:
    """Submit a member's ratings (official's appointee id → choice) once. A committee member
    present at the session, while it is open. Records *that* the member submitted (Ballot) and adds
    one to each chosen counter; what the member chose is stored nowhere against them."""
    deputy = member_of(user)
    session = _locked(session)
    if not RatingMember.objects.filter(session=session, deputy=deputy).exists():
        raise NotPermitted(_("You are not listed as present at this session."))
    if session.status != RatingStatus.OPEN:
        raise StateConflict(_("This session is not open for rating."))
    if Ballot.objects.filter(session=session, deputy=deputy).exists():
        raise StateConflict(_("You have already submitted your ratings for this session."))
    officials = set(RatingOfficial.objects.filter(session=session).values_list("appointee_id", flat=True))
    if set(choices) != officials:
        raise DomainError(_("Rate every official before submitting."))
    if any(choice not in rules.CHOICES for choice in choices.values()):
        raise DomainError(_("Choose satisfied, basically satisfied or unsatisfied."))
    try:
        with transaction.atomic():
            Ballot.objects.create(session=session, deputy=deputy)
    except IntegrityError as error:  # rating_ballot_one_per_member
        raise StateConflict(_("You have already submitted your ratings for this session.")) from error
    for choice in rules.CHOICES:
        chosen = [official for official, c in choices.items() if c == choice]
        if chosen:
            RatingOfficial.objects.filter(session=session, appointee_id__in=chosen).update(**{choice: F(choice) + 1})
    audit_record(action="appointees.rating_submitted", actor=user, target=session)  # that they rated, never how
