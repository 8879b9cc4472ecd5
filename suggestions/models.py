"""Deputy suggestions and their two-stage evaluation (SPEC §2). Single-row invariants live here
as fields, clean() and database constraints; every change goes through suggestions.services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress.importing import IMPORTABLE_PERMISSIONS
from congress.labels import ChoiceLabelsMixin
from suggestions.querysets import (
    AssignmentQuerySet,
    ChildOfHandlingQuerySet,
    FollowUpRoundQuerySet,
    HandlingQuerySet,
    SuggestionQuerySet,
)
from suggestions.scoring import Grade, Level, Stage

GRADE_VALUES = [grade.value for grade in Grade]


class Category(models.TextChoices):
    ECONOMY = "economy", _("economy and development")
    URBAN = "urban", _("urban construction and management")
    TRANSPORT = "transport", _("transport")
    EDUCATION = "education", _("education")
    HEALTH = "health", _("health")
    SOCIAL = "social", _("social affairs and security")
    ENVIRONMENT = "environment", _("ecology and environment")
    CULTURE = "culture", _("culture and sports")
    OTHER = "other", _("other")


class SuggestionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    REGISTERED = "registered", _("registered")
    NOT_REGISTERED = "not_registered", _("not registered")
    ASSIGNED = "assigned", _("assigned")


class Suggestion(ChoiceLabelsMixin, models.Model):
    """代表建议: a suggestion led by one deputy (领衔), optionally co-signed (附议)."""

    number = models.CharField(_("number"), max_length=20, blank=True,
                              help_text=_("Given at registration, e.g. 2020-015."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True,
                                            help_text=_("The year it was submitted."))
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    session = models.ForeignKey("congress.CongressSession", verbose_name=_("congress session"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="suggestions",
                                help_text=_("Empty for a suggestion made between sessions."))
    lead_deputy = models.ForeignKey("congress.Deputy", verbose_name=_("lead deputy"), on_delete=models.PROTECT,
                                    related_name="led_suggestions")
    state = models.CharField(_("state"), max_length=20, choices=SuggestionState.choices,
                             default=SuggestionState.DRAFT, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    registered_on = models.DateField(_("registration decided on"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registration decided by"),
                                      null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    rejection_reason = models.TextField(_("reason for not registering"), blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    publish_content = models.BooleanField(_("publish the content"), default=False)
    publish_replies = models.BooleanField(_("publish the replies and implementation reports"), default=False)
    history = HistoricalRecords()

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "number", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [
            # The public list's order and keyset cursor (congress.paging): any page is an index range.
            models.Index(models.F("year").desc(), "number", condition=Q(is_published=True),
                         name="suggestion_published_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="suggestion_unique_number"),
            models.CheckConstraint(
                condition=~Q(state="not_registered") | ~Q(rejection_reason=""),
                name="suggestion_rejection_has_reason",
                violation_error_message=_("A suggestion that is not registered needs a reason.")),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(year__isnull=False, submitted_on__isnull=False),
                name="suggestion_submitted_has_year",
                violation_error_message=_("A submitted suggestion needs its year and date.")),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(state__in=["registered", "assigned"]),
                name="suggestion_published_only_if_registered",
                violation_error_message=_("Only a registered suggestion can be published.")),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    @property
    def between_sessions(self) -> bool:
        return self.session_id is None


class Cosignature(models.Model):
    """附议: a deputy co-signing a suggestion."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="cosignatures")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="cosignatures")
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "deputy"], name="cosignature_once_per_deputy"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} → {self.suggestion}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("lead (主办)")
    CO_HANDLING = "co_handling", _("co-handling (协办)")
    SEPARATE = "separate", _("separate (分办)")


HANDLING_ROLES = (AssignmentRole.LEAD, AssignmentRole.SEPARATE)


class Assignment(ChoiceLabelsMixin, models.Model):
    """交办: a suggestion assigned to a unit with a role and a reply deadline."""

    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="assignments")
    organization = models.ForeignKey("congress.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
                                     related_name="suggestion_assignments")
    role = models.CharField(_("role"), max_length=20, choices=AssignmentRole.choices)
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("reply deadline"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["suggestion", "role", "organization__order"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "organization"], name="assignment_once_per_unit"),
            models.UniqueConstraint(fields=["suggestion"], condition=Q(role="lead"),
                                    name="assignment_one_lead_unit"),
            models.CheckConstraint(condition=Q(deadline__gte=models.F("assigned_on")),
                                   name="assignment_deadline_after_assignment",
                                   violation_error_message=_("The deadline cannot be before the assignment.")),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} → {self.organization} ({self.get_role_display()})"


class HandlingState(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", _("awaiting the reply")
    REPLY_SUBMITTED = "reply_submitted", _("reply awaiting grade")
    REPLY_GRADED = "reply_graded", _("awaiting the implementation report")
    IMPLEMENTATION_REPORTED = "implementation_reported", _("implementation awaiting grade")
    EVALUATED = "evaluated", _("evaluated")


class Handling(ChoiceLabelsMixin, models.Model):
    """The work of one lead or separate unit on a suggestion, graded in two stages. `state` is the
    main flow (reply, grade, report, grade); a C at either stage opens a follow-up round beside it
    (FollowUpRound) without stopping it. The current grades, final score and level are written
    only by the services, in the transaction that records the evaluation they come from; the
    evaluations keep the full history."""

    assignment = models.OneToOneField(Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE,
                                      related_name="handling")
    suggestion = models.ForeignKey(Suggestion, verbose_name=_("suggestion"), on_delete=models.CASCADE,
                                   related_name="handlings")
    organization = models.ForeignKey("congress.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
                                     related_name="suggestion_handlings")
    state = models.CharField(_("state"), max_length=30, choices=HandlingState.choices,
                             default=HandlingState.AWAITING_REPLY, db_index=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1,
                                             help_text=_("1, then one more for each follow-up round."))
    deadline = models.DateField(_("reply deadline"))
    first_replied_on = models.DateField(_("first replied on"), null=True, blank=True)
    reply_grade = models.CharField(_("current reply grade"), max_length=2, choices=Grade.choices, blank=True)
    reply_graded_on = models.DateField(_("reply graded on"), null=True, blank=True)
    implementation_grade = models.CharField(_("current implementation grade"), max_length=2,
                                            choices=Grade.choices, blank=True)
    implementation_graded_on = models.DateField(_("implementation graded on"), null=True, blank=True)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2, null=True, blank=True)
    final_level = models.CharField(_("final level"), max_length=20, choices=Level.choices, blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = HandlingQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("handling")
        verbose_name_plural = _("handlings")
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["deadline", "id"], name="suggestions_handling_order"),
            # A unit's own list, in the same order.
            models.Index(fields=["organization", "deadline", "id"], name="handling_unit_order"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(round__gte=1), name="handling_round_positive"),
            models.CheckConstraint(condition=Q(reply_grade__in=["", *GRADE_VALUES]),
                                   name="handling_reply_grade_valid"),
            models.CheckConstraint(condition=Q(implementation_grade__in=["", *GRADE_VALUES]),
                                   name="handling_implementation_grade_valid"),
            models.CheckConstraint(
                condition=(Q(final_score__isnull=True, final_level="", evaluated_on__isnull=True)
                           | Q(final_score__gte=50, final_score__lte=100, evaluated_on__isnull=False)
                           & ~Q(final_level="") & ~Q(reply_grade="") & ~Q(implementation_grade="")),
                name="handling_final_score_complete",
                violation_error_message=_("A final score needs both grades, a level and a date.")),
            models.CheckConstraint(condition=~Q(state="evaluated") | Q(final_score__isnull=False),
                                   name="handling_evaluated_has_score"),
        ]

    def __str__(self) -> str:
        return f"{self.suggestion} — {self.organization}"



class UnitReport(models.Model):
    """What a unit submits in one round of a handling: its reply or its implementation report."""

    round = models.PositiveSmallIntegerField(_("round"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ChildOfHandlingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["handling", "round"]


class Reply(UnitReport):
    """答复: a unit's reply in one round of a handling."""

    handling = models.ForeignKey(Handling, verbose_name=_("handling"), on_delete=models.CASCADE,
                                 related_name="replies")
    content = models.TextField(_("reply"))

    class Meta(UnitReport.Meta):
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["handling", "round"], name="reply_once_per_round"),
        ]

    def __str__(self) -> str:
        return _("Reply, round %(round)s") % {"round": self.round}


class ImplementationReport(UnitReport):
    """办理落实情况: what a unit reports it has delivered, in one round."""

    handling = models.ForeignKey(Handling, verbose_name=_("handling"), on_delete=models.CASCADE,
                                 related_name="implementation_reports")
    content = models.TextField(_("implementation report"))

    class Meta(UnitReport.Meta):
        verbose_name = _("implementation report")
        verbose_name_plural = _("implementation reports")
        constraints = [
            models.UniqueConstraint(fields=["handling", "round"], name="implementation_report_once_per_round"),
        ]

    def __str__(self) -> str:
        return _("Implementation report, round %(round)s") % {"round": self.round}


class Evaluation(ChoiceLabelsMixin, models.Model):
    """One grade of one stage of a handling in one round. Never changed or deleted: a follow-up
    round adds new evaluations and the latest counts."""

    handling = models.ForeignKey(Handling, verbose_name=_("handling"), on_delete=models.CASCADE,
                                 related_name="evaluations")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    round = models.PositiveSmallIntegerField(_("round"))
    grade = models.CharField(_("grade"), max_length=2, choices=Grade.choices)
    graded_on = models.DateField(_("graded on"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    on_behalf_of_deputy = models.BooleanField(_("entered by staff for the deputy"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ChildOfHandlingQuerySet.as_manager()

    class Meta:
        ordering = ["handling", "round", "created_at"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["handling", "stage", "round"], name="evaluation_one_per_stage_round"),
            models.CheckConstraint(condition=Q(grade__in=GRADE_VALUES), name="evaluation_grade_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.handling} {self.get_stage_display()} #{self.round}: {self.grade}"


class FollowUpOutcome(models.TextChoices):
    REGRADED = "regraded", _("graded again")
    CLOSED = "closed", _("closed by the office")


class FollowUpRound(ChoiceLabelsMixin, models.Model):
    """跟踪督办: a round opened by a C grade at one stage. The unit answers that stage again and the
    deputy grades it again; the round closes with that grade (a new C opens the next round), or
    staff close it with a note when the unit has done what it can (the grade stays)."""

    handling = models.ForeignKey(Handling, verbose_name=_("handling"), on_delete=models.CASCADE,
                                 related_name="follow_ups")
    round = models.PositiveSmallIntegerField(_("round"))
    stage = models.CharField(_("stage handled again"), max_length=20, choices=Stage.choices)
    note = models.TextField(_("supervision note"), blank=True)
    opened_on = models.DateField(_("opened on"))
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("opened by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  help_text=_("Who entered the C grade that opened the round."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=20, choices=FollowUpOutcome.choices, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = FollowUpRoundQuerySet.as_manager()

    class Meta:
        ordering = ["handling", "round"]
        verbose_name = _("follow-up round")
        verbose_name_plural = _("follow-up rounds")
        constraints = [
            models.UniqueConstraint(fields=["handling", "round"], name="follow_up_once_per_round"),
            models.UniqueConstraint(fields=["handling", "stage"], condition=Q(closed_on__isnull=True),
                                    name="follow_up_one_open_per_stage"),
            models.CheckConstraint(condition=Q(round__gte=2), name="follow_up_round_from_two"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, outcome="") | Q(closed_on__isnull=False) & ~Q(outcome=""),
                name="follow_up_closed_has_outcome"),
            models.CheckConstraint(condition=~Q(outcome="closed") | ~Q(closing_note=""),
                                   name="follow_up_closed_by_office_has_note",
                                   violation_error_message=_("Closing a follow-up round needs a note.")),
        ]

    def __str__(self) -> str:
        return f"{self.handling} #{self.round}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class UnitScoreSnapshot(models.Model):
    """A unit's published suggestion scores for a year up to the end of a published quarter.
    Written once by the publication part; never changed (a correction is a new revision)."""

    publication = models.ForeignKey("congress.Publication", verbose_name=_("publication"),
                                    on_delete=models.PROTECT, related_name="suggestion_unit_scores")
    year = models.PositiveSmallIntegerField(_("year"))
    organization = models.ForeignKey("congress.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
                                     related_name="+")
    unit_name = models.CharField(_("unit name"), max_length=80)
    handlings = models.PositiveIntegerField(_("handlings"))
    evaluated = models.PositiveIntegerField(_("evaluated handlings"))
    mean_final = models.DecimalField(_("mean final score"), max_digits=5, decimal_places=2, null=True)
    satisfaction_rate = models.DecimalField(_("satisfaction rate"), max_digits=5, decimal_places=4, null=True)
    full_mark_replies = models.PositiveIntegerField(_("full-mark replies"))
    full_mark_implementations = models.PositiveIntegerField(_("full-mark implementations"))
    overdue_replies = models.PositiveIntegerField(_("overdue replies"))
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True,
                                            help_text=_("Empty when the unit has too few evaluated handlings."))

    class Meta:
        ordering = ["publication", "rank", "unit_name"]
        verbose_name = _("published unit score")
        verbose_name_plural = _("published unit scores")
        constraints = [
            models.UniqueConstraint(fields=["publication", "organization"], name="unit_score_once_per_publication"),
        ]

    def __str__(self) -> str:
        return f"{self.publication} {self.unit_name}"


class DistrictScoreSnapshot(models.Model):
    """The district-wide published figures of the year at a publication."""

    publication = models.OneToOneField("congress.Publication", verbose_name=_("publication"),
                                       on_delete=models.PROTECT, related_name="suggestion_district_score")
    year = models.PositiveSmallIntegerField(_("year"))
    handlings = models.PositiveIntegerField(_("handlings"))
    evaluated = models.PositiveIntegerField(_("evaluated handlings"))
    mean_final = models.DecimalField(_("mean final score"), max_digits=5, decimal_places=2, null=True)
    satisfaction_rate = models.DecimalField(_("satisfaction rate"), max_digits=5, decimal_places=4, null=True)
    full_mark_replies = models.PositiveIntegerField(_("full-mark replies"))
    full_mark_implementations = models.PositiveIntegerField(_("full-mark implementations"))
    overdue_replies = models.PositiveIntegerField(_("overdue replies"))
    min_evaluated_for_ranking = models.PositiveSmallIntegerField(_("minimum evaluated handlings for a rank"))
    reply_weight = models.PositiveSmallIntegerField(_("reply weight (%)"))
    implementation_weight = models.PositiveSmallIntegerField(_("implementation weight (%)"))

    class Meta:
        ordering = ["publication"]
        verbose_name = _("published district suggestion figures")
        verbose_name_plural = _("published district suggestion figures")

    def __str__(self) -> str:
        return str(self.publication)
