"""Every write of the livelihood projects. Ballots and ratings are secret: the services record
who voted (a receipt) and add the choices to anonymous counters in the same transaction, and
return nothing that says what was chosen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit import audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import is_staff, require_deputy, require_staff, require_unit_or_staff
from congress.models import CongressSession, Deputy, Term, User
from congress.periods import local_date
from projects import rules
from projects.models import (
    ELECTED_STATUSES,
    Ballot,
    BallotReceipt,
    BallotStatus,
    Candidacy,
    CandidacyResult,
    Inspection,
    KeyProject,
    MicroProject,
    MicroStatus,
    Milestone,
    ProgressReport,
    ProjectStatus,
    ProposerKind,
    QualityEvaluation,
    ReportStatus,
    SatisfactionLevel,
    SatisfactionReceipt,
    SatisfactionSurvey,
    SatisfactionTally,
    SupervisionMembership,
    SurveyStatus,
)

APPROVE, OPPOSE, ABSTAIN = "approve", "oppose", "abstain"
CHOICES = (APPROVE, OPPOSE, ABSTAIN)
_COUNTER = {APPROVE: "approvals", OPPOSE: "oppositions", ABSTAIN: "abstentions"}


def _today() -> date:
    return local_date(timezone.now())


def entitled_deputies(*, term: Term):
    """Who may vote on a term's ballots and ratings: its serving deputies."""
    return Deputy.objects.serving().filter(term=term)


# --- ballots ------------------------------------------------------------------------------------------

@transaction.atomic
def ballot_create(*, year: int, term: Term, seats: int, projects: Iterable[KeyProject],
                  session: CongressSession | None = None, created_by: User) -> Ballot:
    """Prepare a ballot (draft) on a year's candidate projects for `seats` seats. Staff only."""
    require_staff(created_by)
    projects = list(projects)
    if seats < 1:
        raise DomainError(_("A ballot elects at least one project."), field="seats")
    if len(projects) <= seats:
        raise DomainError(_("A ballot needs more candidate projects than seats."), field="projects")
    if any(p.year != year or p.status != ProjectStatus.CANDIDATE for p in projects):
        raise DomainError(_("Every project on the ballot must be a candidate of %(year)s.") % {"year": year},
                          field="projects")
    ballot = Ballot.objects.create(year=year, term=term, session=session, seats=seats)
    Candidacy.objects.bulk_create([Candidacy(ballot=ballot, project=p, order=i) for i, p in enumerate(projects, 1)])
    return ballot


def _lock_ballot(ballot: Ballot) -> Ballot:
    return Ballot.objects.select_for_update().get(pk=ballot.pk)


@transaction.atomic
def ballot_open(*, ballot: Ballot, opened_by: User) -> Ballot:
    """Open a draft ballot at the congress session; fixes the number of deputies entitled to vote
    (the term's serving deputies). Staff only."""
    require_staff(opened_by)
    ballot = _lock_ballot(ballot)
    if ballot.status != BallotStatus.DRAFT:
        raise StateConflict(_("Only a ballot in preparation can be opened."))
    if ballot.candidacies.count() <= ballot.seats:
        raise DomainError(_("A ballot needs more candidate projects than seats."))
    # Candidates may have been edited in the back office since the ballot was prepared.
    if ballot.candidacies.exclude(project__year=ballot.year, project__status=ProjectStatus.CANDIDATE).exists():
        raise DomainError(_("Every project on the ballot must be a candidate of %(year)s.") % {"year": ballot.year})
    entitled = entitled_deputies(term=ballot.term).count()
    if entitled == 0:
        raise DomainError(_("The term has no serving deputies to vote."))
    ballot.status, ballot.entitled_count = BallotStatus.OPEN, entitled
    ballot.opened_at, ballot.opened_by = timezone.now(), opened_by
    ballot.save(update_fields=["status", "entitled_count", "opened_at", "opened_by"])
    audit_record(action="projects.ballot_opened", actor=opened_by, target=ballot)
    return ballot


def validate_choices(*, ballot: Ballot, choices: Mapping[int, str]) -> dict[int, str]:
    """A complete ballot paper: one of approve / oppose / abstain for every candidate, at most
    `seats` approvals. Returns the choices keyed by candidacy id. Used by the review screen too."""
    ids = set(ballot.candidacies.values_list("pk", flat=True))
    try:
        paper = {int(key): str(value) for key, value in choices.items()}
    except (TypeError, ValueError):
        raise DomainError(_("The ballot paper is not valid."), field="choices") from None
    if set(paper) != ids:
        raise DomainError(_("Choose approve, oppose or abstain for every candidate project."), field="choices")
    if any(value not in CHOICES for value in paper.values()):
        raise DomainError(_("Each choice is approve, oppose or abstain."), field="choices")
    approvals = sum(1 for value in paper.values() if value == APPROVE)
    if approvals > ballot.seats:
        raise DomainError(_("You approved %(count)s projects; at most %(seats)s may be approved.")
                          % {"count": approvals, "seats": ballot.seats}, field="choices")
    return paper


@transaction.atomic
def ballot_cast(*, ballot: Ballot, choices: Mapping[int, str], cast_by: User) -> None:
    """Cast the calling deputy's secret ballot; final. The deputy themself only (a secret ballot
    is never cast on someone's behalf). Records that the deputy voted and adds the choices to
    the anonymous counters; returns nothing about the choices."""
    deputy = require_deputy(cast_by)
    ballot = _lock_ballot(ballot)
    if ballot.status == BallotStatus.DRAFT:
        raise StateConflict(_("This ballot has not opened yet."))
    if ballot.status == BallotStatus.CLOSED:
        raise StateConflict(_("This ballot has closed."))
    if deputy.term_id != ballot.term_id or not deputy.is_serving:
        raise DomainError(_("You are not entitled to vote on this ballot."))
    paper = validate_choices(ballot=ballot, choices=choices)
    if BallotReceipt.objects.filter(ballot=ballot, deputy=deputy).exists():
        raise StateConflict(_("You have already voted; a cast ballot is final."))
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(ballot=ballot, deputy=deputy)
    except IntegrityError as error:
        raise StateConflict(_("You have already voted; a cast ballot is final.")) from error
    for choice, counter in _COUNTER.items():
        chosen = [pk for pk, value in paper.items() if value == choice]
        if chosen:
            Candidacy.objects.filter(ballot=ballot, pk__in=chosen).update(**{counter: F(counter) + 1})
    audit_record(action="projects.ballot_cast", actor=cast_by, target=ballot)  # that they voted, never how


def has_voted(*, ballot: Ballot, deputy: Deputy) -> bool:
    return BallotReceipt.objects.filter(ballot=ballot, deputy=deputy).exists()


@transaction.atomic
def ballot_close(*, ballot: Ballot, closed_by: User) -> Ballot:
    """Close an open ballot and count it (projects.rules.count): elected projects become
    planned, the others not elected; a tie at the cut-off creates a run-off ballot (in
    preparation) on the tied projects for the remaining seats. Staff only."""
    require_staff(closed_by)
    ballot = _lock_ballot(ballot)
    if ballot.status != BallotStatus.OPEN:
        raise StateConflict(_("Only an open ballot can be closed."))
    candidacies = {c.pk: c for c in ballot.candidacies.select_related("project")}
    outcome = rules.count(approvals=[(c.pk, c.approvals) for c in candidacies.values()], seats=ballot.seats,
                          entitled=ballot.entitled_count)
    for ids, result, status in ((outcome.elected, CandidacyResult.ELECTED, ProjectStatus.PLANNED),
                                (outcome.not_elected, CandidacyResult.NOT_ELECTED, ProjectStatus.NOT_ELECTED),
                                (outcome.runoff, CandidacyResult.RUNOFF, None)):
        Candidacy.objects.filter(pk__in=ids).update(result=result)
        if status is not None:
            KeyProject.objects.filter(candidacies__pk__in=ids).update(status=status)
    ballot.status, ballot.closed_at, ballot.closed_by = BallotStatus.CLOSED, timezone.now(), closed_by
    ballot.save(update_fields=["status", "closed_at", "closed_by"])
    if outcome.needs_runoff:
        runoff = Ballot.objects.create(year=ballot.year, term_id=ballot.term_id, session_id=ballot.session_id,
                                       seats=outcome.runoff_seats, runoff_of=ballot)
        Candidacy.objects.bulk_create([
            Candidacy(ballot=runoff, project_id=candidacies[pk].project_id, order=i)
            for i, pk in enumerate(outcome.runoff, 1)])
    audit_record(action="projects.ballot_closed", actor=closed_by, target=ballot,
                 detail={"runoff": outcome.needs_runoff})
    return ballot


# --- implementation supervision -------------------------------------------------------------------------

def _lock_project(project: KeyProject) -> KeyProject:
    return KeyProject.objects.select_for_update().get(pk=project.pk)


def _require_elected(project: KeyProject) -> None:
    if project.status not in ELECTED_STATUSES:
        raise StateConflict(_("Only an elected project is supervised."))


@transaction.atomic
def group_set(*, project: KeyProject, deputies: Iterable[Deputy], leader: Deputy, set_by: User) -> KeyProject:
    """Set the deputy supervision group of an elected project, with its leader. Staff only."""
    require_staff(set_by)
    project = _lock_project(project)
    _require_elected(project)
    deputies = list({d.pk: d for d in [leader, *deputies]}.values())
    SupervisionMembership.objects.filter(project=project).delete()
    SupervisionMembership.objects.bulk_create([
        SupervisionMembership(project=project, deputy=d, is_leader=d.pk == leader.pk) for d in deputies])
    return project


@transaction.atomic
def milestone_add(*, project: KeyProject, title: str, due_on: date, added_by: User) -> Milestone:
    """Add a planned milestone to an elected project. The lead unit or staff."""
    require_unit_or_staff(added_by, project.lead_unit)
    _require_elected(project)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Name the milestone."), field="title")
    return Milestone.objects.create(project=project, title=title, due_on=due_on)


@transaction.atomic
def progress_report_submit(*, project: KeyProject, reported_on: date, percent_complete: int, text: str,
                           spent: Decimal = Decimal("0"), milestone: Milestone | None = None,
                           submitted_by: User) -> ProgressReport:
    """Report a project's progress for staff to approve. The lead unit's handlers (or staff);
    the project is planned, in progress or carried over, and no other report awaits approval."""
    require_unit_or_staff(submitted_by, project.lead_unit)
    project = _lock_project(project)
    if project.status not in (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS, ProjectStatus.CARRIED_OVER):
        raise StateConflict(_("Progress is reported only on a project being carried out."))
    if reported_on > _today():
        raise DomainError(_("A report cannot be dated in the future."), field="reported_on")
    if not 0 <= percent_complete <= 100:
        raise DomainError(_("Percent complete lies between 0 and 100."), field="percent_complete")
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Describe the progress."), field="text")
    if milestone is not None and milestone.project_id != project.pk:
        raise DomainError(_("The milestone belongs to another project."), field="milestone")
    last = project.reports.approved().order_by("-reported_on", "-pk").first()
    if last is not None and percent_complete < last.percent_complete:
        raise DomainError(_("Progress cannot go back: the last approved report says %(percent)s %%.")
                          % {"percent": last.percent_complete}, field="percent_complete")
    if project.reports.filter(status=ReportStatus.SUBMITTED).exists():
        raise StateConflict(_("A report of this project already awaits approval."))
    try:
        with transaction.atomic():
            return ProgressReport.objects.create(
                project=project, reported_on=reported_on, percent_complete=percent_complete, text=text,
                spent=spent, milestone=milestone, submitted_by=submitted_by)
    except IntegrityError as error:
        raise StateConflict(_("A report of this project already awaits approval.")) from error


def _lock_submitted(report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise StateConflict(_("This report has already been %(status)s.") % {"status": report.get_status_display()})
    return report


@transaction.atomic
def progress_report_approve(*, report: ProgressReport, approved_by: User) -> ProgressReport:
    """Approve a submitted report: it becomes public, its milestone is reached, and a planned
    project is now in progress. Staff only."""
    require_staff(approved_by)
    report = _lock_submitted(report)
    report.status, report.decided_by, report.decided_at = ReportStatus.APPROVED, approved_by, timezone.now()
    report.save(update_fields=["status", "decided_by", "decided_at"])
    if report.milestone_id:
        Milestone.objects.filter(pk=report.milestone_id, reached_on__isnull=True).update(reached_on=report.reported_on)
    KeyProject.objects.filter(pk=report.project_id, status=ProjectStatus.PLANNED).update(
        status=ProjectStatus.IN_PROGRESS)
    audit_record(action="projects.report_approved", actor=approved_by, target=report)
    return report


@transaction.atomic
def progress_report_return(*, report: ProgressReport, reason: str, returned_by: User) -> ProgressReport:
    """Return a submitted report to the lead unit with a reason. Staff only."""
    require_staff(returned_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Returning a report needs a reason."), field="reason")
    report = _lock_submitted(report)
    report.status, report.reason = ReportStatus.RETURNED, reason
    report.decided_by, report.decided_at = returned_by, timezone.now()
    report.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(action="projects.report_returned", actor=returned_by, target=report)
    return report


@transaction.atomic
def project_complete(*, project: KeyProject, completed_on: date, completed_by: User) -> KeyProject:
    """Mark a project completed: it is in progress (or carried over) and its latest approved
    report says 100 %. Staff only."""
    require_staff(completed_by)
    project = _lock_project(project)
    if project.status not in (ProjectStatus.IN_PROGRESS, ProjectStatus.CARRIED_OVER):
        raise StateConflict(_("Only a project in progress can be completed."))
    last = project.reports.approved().order_by("-reported_on", "-pk").first()
    if last is None or last.percent_complete < 100:
        raise DomainError(_("A project is completed once an approved report says 100 %."))
    if completed_on > _today() or completed_on < last.reported_on:
        raise DomainError(_("The completion date lies between the last report and today."), field="completed_on")
    project.status, project.completed_on = ProjectStatus.COMPLETED, completed_on
    project.save(update_fields=["status", "completed_on"])
    audit_record(action="projects.project_completed", actor=completed_by, target=project)
    return project


@transaction.atomic
def project_carry_over(*, project: KeyProject, reason: str, carried_by: User) -> KeyProject:
    """Carry a project not finished within its year over to the next (跨年度), with a reason.
    Staff only; from planned or in progress."""
    require_staff(carried_by)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the project is carried over."), field="reason")
    project = _lock_project(project)
    if project.status not in (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS):
        raise StateConflict(_("Only a planned project or one in progress can be carried over."))
    project.status, project.carried_over_reason = ProjectStatus.CARRIED_OVER, reason
    project.save(update_fields=["status", "carried_over_reason"])
    audit_record(action="projects.project_carried_over", actor=carried_by, target=project)
    return project


@transaction.atomic
def inspection_record(*, project: KeyProject, occurred_on: date, findings: str, deputies: Iterable[Deputy],
                      recorded_by: User | None) -> Inspection:
    """Record an inspection of an elected project by members of its supervision group; each
    participant earns the `project_inspection` points (points.services.entry_award). Staff only
    (the demo passes the staff login too)."""
    from points.services import entry_award

    require_staff(recorded_by)
    _require_elected(project)
    if occurred_on > _today():
        raise DomainError(_("An inspection cannot be recorded before it happens."), field="occurred_on")
    findings = (findings or "").strip()
    if not findings:
        raise DomainError(_("Write down the findings of the inspection."), field="findings")
    deputies = list({d.pk: d for d in deputies}.values())
    if not deputies:
        raise DomainError(_("Name at least one participating deputy."), field="deputies")
    members = set(project.memberships.values_list("deputy_id", flat=True))
    outsiders = [d.name for d in deputies if d.pk not in members]
    if outsiders:
        raise DomainError(_("Not in the project's supervision group: %(names)s.") % {"names": "、".join(outsiders)},
                          field="deputies")
    inspection = Inspection.objects.create(project=project, occurred_on=occurred_on, findings=findings,
                                           recorded_by=recorded_by)
    inspection.participants.set(deputies)
    for deputy in deputies:
        entry_award(deputy=deputy, rule_code="project_inspection", source=inspection, occurred_on=occurred_on,
                    awarded_by=recorded_by)
    return inspection


@transaction.atomic
def quality_evaluation_record(*, project: KeyProject, evaluator: str, evaluated_on: date, score: Decimal,
                              grade: str, summary: str, recorded_by: User) -> QualityEvaluation:
    """Record the third-party quality evaluation of an elected project (once). Staff only."""
    require_staff(recorded_by)
    _require_elected(project)
    if not Decimal("0") <= Decimal(score) <= Decimal("100"):
        raise DomainError(_("A score lies between 0 and 100."), field="score")
    if QualityEvaluation.objects.filter(project=project).exists():
        raise StateConflict(_("This project's quality has already been evaluated."))
    try:
        with transaction.atomic():
            evaluation = QualityEvaluation.objects.create(project=project, evaluator=evaluator.strip(),
                                                          evaluated_on=evaluated_on, score=score, grade=grade,
                                                          summary=summary.strip(), recorded_by=recorded_by)
    except IntegrityError as error:
        raise StateConflict(_("This project's quality has already been evaluated.")) from error
    audit_record(action="projects.quality_evaluated", actor=recorded_by, target=project, detail={"grade": grade})
    return evaluation


# --- the year-end satisfaction rating --------------------------------------------------------------------

@transaction.atomic
def survey_open(*, year: int, term: Term, opened_by: User) -> SatisfactionSurvey:
    """Open the year-end satisfaction rating of a year's elected projects. Staff only."""
    require_staff(opened_by)
    projects = list(KeyProject.objects.elected().filter(year=year))
    if not projects:
        raise DomainError(_("%(year)s has no elected projects to rate.") % {"year": year})
    survey, _created = SatisfactionSurvey.objects.select_for_update().get_or_create(year=year, defaults={"term": term})
    if survey.status != SurveyStatus.DRAFT:
        raise StateConflict(_("This rating has already been opened."))
    entitled = entitled_deputies(term=survey.term).count()
    if entitled == 0:
        raise DomainError(_("The term has no serving deputies to vote."))
    survey.status, survey.entitled_count, survey.opened_at = SurveyStatus.OPEN, entitled, timezone.now()
    survey.save(update_fields=["status", "entitled_count", "opened_at"])
    SatisfactionTally.objects.bulk_create([SatisfactionTally(survey=survey, project=p) for p in projects])
    audit_record(action="projects.survey_opened", actor=opened_by, target=survey)
    return survey


@transaction.atomic
def survey_rate(*, survey: SatisfactionSurvey, ratings: Mapping[int, str], rated_by: User) -> None:
    """Rate every project of an open survey once, secretly (receipt + anonymous counters, as a
    ballot). The deputy themself only."""
    deputy = require_deputy(rated_by)
    survey = SatisfactionSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise StateConflict(_("This rating is not open."))
    if deputy.term_id != survey.term_id or not deputy.is_serving:
        raise DomainError(_("You are not entitled to take part in this rating."))
    tallies = dict(survey.tallies.values_list("project_id", "pk"))
    try:
        paper = {int(key): str(value) for key, value in ratings.items()}
    except (TypeError, ValueError):
        raise DomainError(_("The rating is not valid."), field="ratings") from None
    if set(paper) != set(tallies) or any(v not in SatisfactionLevel.values for v in paper.values()):
        raise DomainError(_("Rate every project: satisfied, basically satisfied or dissatisfied."), field="ratings")
    if SatisfactionReceipt.objects.filter(survey=survey, deputy=deputy).exists():
        raise StateConflict(_("You have already rated; a rating is final."))
    try:
        with transaction.atomic():
            SatisfactionReceipt.objects.create(survey=survey, deputy=deputy)
    except IntegrityError as error:
        raise StateConflict(_("You have already rated; a rating is final.")) from error
    for level in SatisfactionLevel.values:
        chosen = [tallies[project] for project, value in paper.items() if value == level]
        if chosen:
            SatisfactionTally.objects.filter(pk__in=chosen).update(**{level: F(level) + 1})
    audit_record(action="projects.survey_rated", actor=rated_by, target=survey)  # that they rated, never how


@transaction.atomic
def survey_close(*, survey: SatisfactionSurvey, closed_by: User) -> SatisfactionSurvey:
    """Close an open rating; its results become public. Staff only."""
    require_staff(closed_by)
    survey = SatisfactionSurvey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise StateConflict(_("Only an open rating can be closed."))
    survey.status, survey.closed_at = SurveyStatus.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    audit_record(action="projects.survey_closed", actor=closed_by, target=survey)
    return survey


# --- community micro-projects ------------------------------------------------------------------------------

def _require_station_or_staff(user, station) -> None:
    from liaison.querysets import station_ids_for

    if is_staff(user):
        return
    if station is None or station.pk not in (station_ids_for(user) or []):
        raise NotPermitted(_("Only the station's staff (or office staff) may do this."))


def _street_office(street):
    from congress.models import Organization, OrganizationKind

    return Organization.objects.filter(kind=OrganizationKind.STREET_OFFICE, street=street).first()


def _lock_micro(project: MicroProject, *, expected: tuple[str, ...], message: str) -> MicroProject:
    project = MicroProject.objects.select_for_update().get(pk=project.pk)
    if project.status not in expected:
        raise StateConflict(message)
    return project


@transaction.atomic
def micro_project_propose(*, community, title: str, proposer_kind: str, year: int, description: str = "",
                          budget: Decimal = Decimal("0"), proposer_deputy: Deputy | None = None,
                          proposer_name: str = "", proposed_by: User) -> MicroProject:
    """Register a micro-project proposed for a community, at the community's station. A deputy
    proposes in their own name; station staff or office staff register any proposal."""
    from liaison.models import Station, StationKind

    station = Station.objects.filter(kind=StationKind.COMMUNITY, community=community).first()
    if station is None:
        raise DomainError(_("This community has no liaison station to collect the proposal."), field="community")
    if proposer_kind not in ProposerKind.values:
        raise DomainError(_("Say who proposes the project."), field="proposer_kind")
    if proposer_kind == ProposerKind.DEPUTY:
        if proposer_deputy is None:
            raise DomainError(_("Name the proposing deputy."), field="proposer_deputy")
        if not is_staff(proposed_by) and not _is_station_staff(proposed_by, station):
            require_deputy(proposed_by, proposer_deputy)
        proposer_name = ""
    else:
        _require_station_or_staff(proposed_by, station)
        proposer_deputy = None
        proposer_name = (proposer_name or "").strip()
        if not proposer_name:
            raise DomainError(_("Name the proposing residents or organization."), field="proposer_name")
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the project a title."), field="title")
    if budget < 0:
        raise DomainError(_("A budget cannot be negative."), field="budget")
    return MicroProject.objects.create(
        year=year, community=community, station=station, title=title, description=(description or "").strip(),
        budget=budget, proposer_kind=proposer_kind, proposer_deputy=proposer_deputy, proposer_name=proposer_name)


def _is_station_staff(user, station) -> bool:
    from liaison.querysets import station_ids_for

    return station.pk in (station_ids_for(user) or [])


@transaction.atomic
def micro_project_collect(*, project: MicroProject, collected_by: User) -> MicroProject:
    """The station collects a proposal for the street's screening. The station's staff or office staff."""
    _require_station_or_staff(collected_by, project.station)
    project = _lock_micro(project, expected=(MicroStatus.PROPOSED,),
                          message=_("Only a new proposal can be collected."))
    project.status = MicroStatus.COLLECTED
    project.save(update_fields=["status"])
    audit_record(action="projects.micro_project_collected", actor=collected_by, target=project)
    return project


@transaction.atomic
def micro_project_screen(*, project: MicroProject, shortlisted: bool, note: str = "",
                         screened_by: User) -> MicroProject:
    """The street shortlists (入围) a collected proposal, or not (with a note). The street office's
    handlers or office staff."""
    require_unit_or_staff(screened_by, _street_office(project.community.street))
    note = (note or "").strip()
    if not shortlisted and not note:
        raise DomainError(_("Say why the proposal is not shortlisted."), field="note")
    project = _lock_micro(project, expected=(MicroStatus.COLLECTED,),
                          message=_("Only a collected proposal can be screened."))
    project.status = MicroStatus.SHORTLISTED if shortlisted else MicroStatus.NOT_SHORTLISTED
    project.screening_note = note
    project.save(update_fields=["status", "screening_note"])
    audit_record(action="projects.micro_project_screened", actor=screened_by, target=project,
                 detail={"status": project.status})
    return project


@transaction.atomic
def micro_project_vote(*, project: MicroProject, meeting, present: int, votes_for: int, votes_against: int,
                       abstentions: int, recorded_by: User) -> MicroProject:
    """Record the vote on a shortlisted micro-project at a livelihood deliberation meeting of the
    project's street: passed when votes for exceed half of those present (projects.rules).
    The meeting's station staff or office staff."""
    from liaison.models import MeetingKind

    _require_station_or_staff(recorded_by, meeting.station)
    if meeting.kind != MeetingKind.LIVELIHOOD_DELIBERATION:
        raise DomainError(_("Micro-projects are voted at a livelihood deliberation meeting."), field="meeting")
    if meeting.station.street_id != project.community.street_id:
        raise DomainError(_("The meeting belongs to another street."), field="meeting")
    if min(present, votes_for, votes_against, abstentions) < 0 or present < 1:
        raise DomainError(_("Enter the number present and the votes."), field="present")
    if votes_for + votes_against + abstentions > present:
        raise DomainError(_("More votes than people present."), field="votes_for")
    project = _lock_micro(project, expected=(MicroStatus.SHORTLISTED,),
                          message=_("Only a shortlisted project can be voted on."))
    passed = rules.micro_project_passes(votes_for=votes_for, present=present)
    project.status = MicroStatus.PASSED if passed else MicroStatus.FAILED
    project.meeting, project.present = meeting, present
    project.votes_for, project.votes_against, project.abstentions = votes_for, votes_against, abstentions
    project.save(update_fields=["status", "meeting", "present", "votes_for", "votes_against", "abstentions"])
    audit_record(action="projects.micro_project_voted", actor=recorded_by, target=project,
                 detail={"status": project.status})
    return project


@transaction.atomic
def micro_project_complete(*, project: MicroProject, completed_on: date, completed_by: User) -> MicroProject:
    """Mark a passed micro-project completed. The station's staff or office staff."""
    _require_station_or_staff(completed_by, project.station)
    project = _lock_micro(project, expected=(MicroStatus.PASSED,),
                          message=_("Only a passed project can be completed."))
    if completed_on > _today() or (project.meeting and completed_on < project.meeting.held_on):
        raise DomainError(_("The completion date lies between the vote and today."), field="completed_on")
    project.status, project.completed_on = MicroStatus.COMPLETED, completed_on
    project.save(update_fields=["status", "completed_on"])
    audit_record(action="projects.micro_project_completed", actor=completed_by, target=project)
    return project


@transaction.atomic
def micro_project_evaluate(*, project: MicroProject, evaluation: str, note: str = "",
                           evaluated_by: User) -> MicroProject:
    """Record the residents' evaluation (结果评议) of a completed micro-project. The station's staff
    or office staff."""
    _require_station_or_staff(evaluated_by, project.station)
    if evaluation not in SatisfactionLevel.values:
        raise DomainError(_("Choose satisfied, basically satisfied or dissatisfied."), field="evaluation")
    project = _lock_micro(project, expected=(MicroStatus.COMPLETED,),
                          message=_("Only a completed project can be evaluated."))
    project.status, project.evaluation, project.evaluation_note = MicroStatus.EVALUATED, evaluation, note.strip()
    project.save(update_fields=["status", "evaluation", "evaluation_note"])
    audit_record(action="projects.micro_project_evaluated", actor=evaluated_by, target=project,
                 detail={"status": project.status})
    return project
