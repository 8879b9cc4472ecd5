"""Livelihood projects (SPEC §7, the seed's 新模式).

Key livelihood projects (重点民生实事项目):
- KeyProject: a project the government proposes for a year (title, lead unit, budget, timeline),
  and, once elected, its implementation status.
- Ballot / Candidacy: a secret ballot of the deputies at the annual congress session on a year's
  candidates for N seats; a run-off ballot points at the ballot whose cut-off it settles.
- BallotReceipt: WHO voted (ballot, deputy), unique per pair. Candidacy's counters hold HOW the
  deputies voted (approvals, oppositions, abstentions), incremented with F() in the transaction
  that writes the receipt. Nothing links the two: no choice rows, no ids, no timestamps, no
  history on the counters, so not even the database can tell how a deputy voted.
- SupervisionMembership, Milestone, ProgressReport, Inspection, QualityEvaluation: the
  implementation supervision of an elected project.
- SatisfactionSurvey / SatisfactionReceipt / SatisfactionTally: the year-end deputy satisfaction
  rating, secret in the same way as the ballot.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.importing import IMPORTABLE_PERMISSIONS
from congress.labels import ChoiceLabelsMixin
from projects.querysets import (
    BallotQuerySet,
    KeyProjectQuerySet,
    MicroProjectQuerySet,
    ProgressReportQuerySet,
    SurveyQuerySet,
)


class ProjectStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    NOT_ELECTED = "not_elected", _("not elected")
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("project state", "in progress")
    COMPLETED = "completed", _("completed")
    CARRIED_OVER = "carried_over", _("carried over to the next year")


ELECTED_STATUSES = (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED,
                    ProjectStatus.CARRIED_OVER)
# A project whose year has been settled (or that the deputies did not elect): a public record.
FROZEN_PROJECT_STATUSES = (ProjectStatus.NOT_ELECTED, ProjectStatus.COMPLETED, ProjectStatus.CARRIED_OVER)


class KeyProject(ChoiceLabelsMixin, models.Model):
    """A key livelihood project proposed by the government for a year; a candidate until the
    deputies' ballot elects it (or not), then supervised to completion."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey("congress.Organization", verbose_name=_("lead unit"), on_delete=models.PROTECT,
                                  related_name="key_projects")
    budget = models.DecimalField(_("budget (10,000 yuan)"), max_digits=12, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0"))])
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned completion"))
    multi_year = models.BooleanField(_("multi-year project"), default=False,
                                     help_text=_("Planned to run beyond the year it was elected for (跨年度)."))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices,
                              default=ProjectStatus.CANDIDATE)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    carried_over_reason = models.TextField(_("reason for carrying over"), blank=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    group = models.ManyToManyField("congress.Deputy", through="SupervisionMembership",
                                   verbose_name=_("supervision group"), related_name="supervised_projects",
                                   blank=True)
    history = HistoricalRecords(m2m_fields=[])

    objects = KeyProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "order", "pk"]
        verbose_name = _("key livelihood project")
        verbose_name_plural = _("key livelihood projects")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["year", "title"], name="projects_keyproject_unique_title",
                                    violation_error_message=_("This year already has a project with this title.")),
            models.CheckConstraint(condition=Q(planned_end__gte=F("planned_start")),
                                   name="projects_keyproject_dates_in_order",
                                   violation_error_message=_("A project cannot end before it starts.")),
            models.CheckConstraint(condition=Q(status="completed", completed_on__isnull=False)
                                   | (~Q(status="completed") & Q(completed_on__isnull=True)),
                                   name="projects_keyproject_completed_has_date",
                                   violation_error_message=_("A completed project has a completion date.")),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def is_elected(self) -> bool:
        return self.status in ELECTED_STATUSES


# --- the ballot --------------------------------------------------------------------------------------

class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", pgettext_lazy("ballot state", "open")
    CLOSED = "closed", pgettext_lazy("ballot state", "closed")


class Ballot(models.Model):
    """A secret ballot of the deputies of a term on a year's candidate projects for `seats`
    seats. A run-off ballot (runoff_of set) settles a tie at the cut-off of the ballot it follows,
    with the seats that ballot left."""

    year = models.PositiveSmallIntegerField(_("year"))
    term = models.ForeignKey("congress.Term", verbose_name=_("term"), on_delete=models.PROTECT,
                             related_name="project_ballots")
    session = models.ForeignKey("congress.CongressSession", verbose_name=_("congress session"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="project_ballots")
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)],
                                             help_text=_("How many projects are to be elected (N): each deputy "
                                                         "approves at most this many."))
    runoff_of = models.OneToOneField("self", verbose_name=_("run-off of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="runoff")
    status = models.CharField(_("status"), max_length=10, choices=BallotStatus.choices, default=BallotStatus.DRAFT)
    entitled_count = models.PositiveIntegerField(
        _("deputies entitled to vote"), null=True, blank=True,
        help_text=_("Fixed when the ballot opens: the serving deputies of the term."))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("project ballot")
        verbose_name_plural = _("project ballots")
        indexes = [
            # The ballots' order: the back office's list of receipts (ordered by ballot, then deputy)
            # reads the newest ballot's receipts from here instead of sorting every receipt.
            models.Index(fields=["-year", "-id"], name="projects_ballot_order"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status="draft")
                                   | Q(entitled_count__isnull=False, opened_at__isnull=False),
                                   name="projects_ballot_opened_has_electorate"),
            models.CheckConstraint(condition=~Q(status="closed") | Q(closed_at__isnull=False),
                                   name="projects_ballot_closed_has_time"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self) -> str:
        if self.runoff_of_id:
            return _("%(year)s key livelihood projects: run-off ballot") % {"year": self.year}
        return _("%(year)s key livelihood projects: ballot") % {"year": self.year}

    title.fget.short_description = _("title")  # the back office's column heading

    @property
    def is_open(self) -> bool:
        return self.status == BallotStatus.OPEN


class CandidacyResult(models.TextChoices):
    PENDING = "pending", _("not counted yet")
    ELECTED = "elected", _("elected")
    NOT_ELECTED = "not_elected", _("not elected")
    RUNOFF = "runoff", _("tied at the cut-off: run-off")


class Candidacy(ChoiceLabelsMixin, models.Model):
    """A project on a ballot, with the ballot's counters for it. The counters are the only record
    of how deputies voted: incremented in the transaction that records a deputy's receipt, they
    carry no timestamp and no history, so they cannot be traced back to anyone."""

    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.PROTECT,
                               related_name="candidacies")
    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="candidacies")
    order = models.PositiveSmallIntegerField(_("position on the ballot paper"), default=0)
    approvals = models.PositiveIntegerField(_("approvals"), default=0)
    oppositions = models.PositiveIntegerField(_("oppositions"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    result = models.CharField(pgettext_lazy("ballot", "result"), max_length=20, choices=CandidacyResult.choices,
                              default=CandidacyResult.PENDING)

    class Meta:
        ordering = ["ballot", "order", "pk"]
        verbose_name = _("candidate project")
        verbose_name_plural = _("candidate projects")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="projects_candidacy_once_per_ballot",
                                    violation_error_message=_("This project is already on the ballot.")),
        ]

    def __str__(self) -> str:
        return self.project.title


class BallotReceipt(models.Model):
    """That a deputy has cast their ballot — never what they chose (see the module docstring).
    The unique constraint is what keeps one ballot per deputy, even under concurrent attempts."""

    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.PROTECT, related_name="receipts")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="ballot_receipts")

    class Meta:
        ordering = ["ballot", "deputy"]
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["ballot", "deputy"], name="projects_one_ballot_per_deputy",
                                    violation_error_message=_("This deputy has already voted.")),
        ]

    def __str__(self) -> str:
        return f"{self.ballot} · {self.deputy}"


# --- implementation supervision ------------------------------------------------------------------

class SupervisionMembership(models.Model):
    """A deputy in the supervision group (分组监督) of an elected project."""

    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="memberships")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="project_memberships")
    is_leader = models.BooleanField(_("group leader"), default=False)

    class Meta:
        ordering = ["project", "-is_leader", "deputy__name"]
        verbose_name = _("supervision group member")
        verbose_name_plural = _("supervision group members")
        constraints = [
            models.UniqueConstraint(fields=["project", "deputy"], name="projects_membership_unique"),
            models.UniqueConstraint(fields=["project"], condition=Q(is_leader=True),
                                    name="projects_membership_one_leader",
                                    violation_error_message=_("A group has one leader.")),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.deputy}"


class Milestone(models.Model):
    """A planned step of an elected project (design approved, works started, handed over, …)."""

    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    title = models.CharField(_("title"), max_length=120)
    due_on = models.DateField(_("due on"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True,
                                  help_text=_("Set when staff approve a progress report that reaches it."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for correction")


class ProgressReport(models.Model):
    """Progress reported by the lead unit; public once staff approve it."""

    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="reports")
    milestone = models.ForeignKey(Milestone, verbose_name=_("milestone reached"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="reports")
    reported_on = models.DateField(_("as of"))
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"),
                                                        validators=[MaxValueValidator(100)])
    spent = models.DecimalField(_("spent so far (10,000 yuan)"), max_digits=12, decimal_places=2,
                                default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))])
    text = models.TextField(_("progress"))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.SUBMITTED)
    reason = models.TextField(_("reason for returning"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-reported_on", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="projects_report_percent_max"),
            models.UniqueConstraint(fields=["project"], condition=Q(status="submitted"),
                                    name="projects_report_one_awaiting",
                                    violation_error_message=_("A report of this project already awaits approval.")),
            models.CheckConstraint(condition=Q(status="submitted") | Q(decided_at__isnull=False),
                                   name="projects_report_decided_has_time"),
            models.CheckConstraint(condition=~Q(status="returned") | ~Q(reason=""),
                                   name="projects_report_return_has_reason",
                                   violation_error_message=_("Returning a report needs a reason.")),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.reported_on} · {self.percent_complete} %"


class Inspection(models.Model):
    """An inspection (视察) of a project by deputies of its supervision group; each participant
    earns the points of the `project_inspection` rule."""

    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="inspections")
    occurred_on = models.DateField(_("date"))
    findings = models.TextField(_("findings and recommendations"))
    participants = models.ManyToManyField("congress.Deputy", verbose_name=_("participating deputies"),
                                          related_name="project_inspections")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["project", "-occurred_on", "-pk"]
        verbose_name = _("project inspection")
        verbose_name_plural = _("project inspections")

    def __str__(self) -> str:
        return f"{self.project} · {self.occurred_on}"


class QualityGrade(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASS = "pass", _("pass")
    FAIL = "fail", _("fail")


class QualityEvaluation(models.Model):
    """The third-party quality evaluation (第三方评估) of a project's construction."""

    project = models.OneToOneField(KeyProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                   related_name="quality_evaluation")
    evaluator = models.CharField(_("evaluating agency"), max_length=80)
    evaluated_on = models.DateField(_("evaluated on"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1,
                                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))])
    grade = models.CharField(pgettext_lazy("quality evaluation", "grade"), max_length=20, choices=QualityGrade.choices)
    summary = models.TextField(pgettext_lazy("quality evaluation", "summary"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality evaluation")
        verbose_name_plural = _("quality evaluations")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="projects_quality_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.score}"


# --- the year-end satisfaction rating (secret, like the ballot) ------------------------------------

class SatisfactionLevel(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY = "basically", _("basically satisfied")
    DISSATISFIED = "dissatisfied", _("dissatisfied")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", pgettext_lazy("ballot state", "open")
    CLOSED = "closed", pgettext_lazy("ballot state", "closed")


class SatisfactionSurvey(models.Model):
    """The year-end deputy satisfaction rating of a year's elected projects: each entitled deputy
    rates every project once, secretly."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    term = models.ForeignKey("congress.Term", verbose_name=_("term"), on_delete=models.PROTECT,
                             related_name="project_surveys")
    status = models.CharField(_("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    entitled_count = models.PositiveIntegerField(_("deputies entitled to rate"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")

    def __str__(self) -> str:
        return _("%(year)s deputy satisfaction rating of the key livelihood projects") % {"year": self.year}


class SatisfactionReceipt(models.Model):
    """That a deputy has rated — never how (see SatisfactionTally)."""

    survey = models.ForeignKey(SatisfactionSurvey, verbose_name=_("satisfaction rating"), on_delete=models.PROTECT,
                               related_name="receipts")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="satisfaction_receipts")

    class Meta:
        ordering = ["survey", "deputy"]
        verbose_name = _("satisfaction rating given")
        verbose_name_plural = _("satisfaction ratings given")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["survey", "deputy"], name="projects_one_rating_per_deputy",
                                    violation_error_message=_("This deputy has already rated.")),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.deputy}"


class SatisfactionTally(models.Model):
    """A project's counters in a survey; incremented with F() in the rater's transaction."""

    survey = models.ForeignKey(SatisfactionSurvey, verbose_name=_("satisfaction rating"), on_delete=models.PROTECT,
                               related_name="tallies")
    project = models.ForeignKey(KeyProject, verbose_name=_("project"), on_delete=models.PROTECT,
                                related_name="satisfaction_tallies")
    satisfied = models.PositiveIntegerField(_("satisfied"), default=0)
    basically = models.PositiveIntegerField(_("basically satisfied"), default=0)
    dissatisfied = models.PositiveIntegerField(_("dissatisfied"), default=0)

    class Meta:
        ordering = ["survey", "project__order", "project"]
        verbose_name = _("satisfaction count")
        verbose_name_plural = _("satisfaction counts")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["survey", "project"], name="projects_tally_once_per_project"),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.project}"

    @property
    def total(self) -> int:
        return self.satisfied + self.basically + self.dissatisfied


# --- community micro-projects (民生微实事) ------------------------------------------------------------

class ProposerKind(models.TextChoices):
    DEPUTY = "deputy", _("a deputy")
    RESIDENTS = "residents", _("residents")
    ORGANIZATION = "organization", _("an organization")


class MicroStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    COLLECTED = "collected", _("collected by the station")
    SHORTLISTED = "shortlisted", _("shortlisted by the street")
    NOT_SHORTLISTED = "not_shortlisted", _("not shortlisted")
    PASSED = "passed", _("passed: being implemented")
    FAILED = "failed", _("not passed")
    COMPLETED = "completed", _("completed")
    EVALUATED = "evaluated", _("completed and evaluated")


VOTED_STATUSES = (MicroStatus.PASSED, MicroStatus.FAILED, MicroStatus.COMPLETED, MicroStatus.EVALUATED)
PASSED_STATUSES = (MicroStatus.PASSED, MicroStatus.COMPLETED, MicroStatus.EVALUATED)
DONE_STATUSES = (MicroStatus.COMPLETED, MicroStatus.EVALUATED)
SCREENED_STATUSES = (MicroStatus.SHORTLISTED, MicroStatus.NOT_SHORTLISTED, *VOTED_STATUSES)


class MicroProject(ChoiceLabelsMixin, models.Model):
    """A community micro-project: proposed by a deputy, residents or an organization, collected by
    the community's station, shortlisted (入围) by the street, voted at a livelihood deliberation
    meeting (passed when votes for exceed half of those present), implemented and evaluated."""

    year = models.PositiveSmallIntegerField(_("year"))
    community = models.ForeignKey("congress.Community", verbose_name=_("community"), on_delete=models.PROTECT,
                                  related_name="micro_projects")
    station = models.ForeignKey("liaison.Station", verbose_name=_("collecting station"), on_delete=models.PROTECT,
                                related_name="micro_projects")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(_("budget (10,000 yuan)"), max_digits=10, decimal_places=2, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    proposer_kind = models.CharField(_("proposed by"), max_length=20, choices=ProposerKind.choices)
    proposer_deputy = models.ForeignKey("congress.Deputy", verbose_name=_("proposing deputy"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="micro_projects")
    proposer_name = models.CharField(_("proposing residents or organization"), max_length=80, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MicroStatus.choices, default=MicroStatus.PROPOSED)
    screening_note = models.CharField(_("screening note"), max_length=200, blank=True)
    meeting = models.ForeignKey("liaison.Meeting", verbose_name=_("deliberation meeting"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="micro_projects")
    present = models.PositiveSmallIntegerField(_("present at the vote"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evaluation = models.CharField(_("residents' evaluation"), max_length=20, choices=SatisfactionLevel.choices,
                                  blank=True)
    evaluation_note = models.CharField(_("evaluation note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = MicroProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "community__street__order", "community__order", "pk"]
        verbose_name = _("micro-project")
        verbose_name_plural = _("micro-projects")
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [models.Index(fields=["year", "status"], name="projects_micro_year_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposer_kind="deputy", proposer_deputy__isnull=False)
                | (~Q(proposer_kind="deputy") & Q(proposer_deputy__isnull=True) & ~Q(proposer_name="")),
                name="projects_micro_proposer",
                violation_error_message=_("A deputy's proposal names the deputy; any other names its proposers.")),
            models.CheckConstraint(
                condition=~Q(status__in=VOTED_STATUSES)
                | Q(meeting__isnull=False, present__isnull=False, votes_for__isnull=False,
                    votes_against__isnull=False, abstentions__isnull=False),
                name="projects_micro_voted_has_votes"),
            models.CheckConstraint(
                condition=Q(present__isnull=True)
                | Q(present__gte=F("votes_for") + F("votes_against") + F("abstentions")),
                name="projects_micro_votes_within_present",
                violation_error_message=_("More votes than people present.")),
            models.CheckConstraint(
                condition=~Q(status__in=DONE_STATUSES) | Q(completed_on__isnull=False),
                name="projects_micro_completed_has_date"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer_display(self) -> str:
        if self.proposer_kind == ProposerKind.DEPUTY and self.proposer_deputy_id:
            return _("Deputy %(name)s") % {"name": self.proposer_deputy.name}
        return self.proposer_name
