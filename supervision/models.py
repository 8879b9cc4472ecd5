"""The "1+3" linked supervision (SPEC §3): clues, the cases they are referred to, the typed
actions and outcomes recorded on a case, and the rectification items it requires.

- Clue: what reached the congress (from a deputy, a citizen, an audit finding, an inspection).
  Its reporter lives in ClueReporter, a table only staff querysets ever read.
- Case: one per referral of a clue to one organ (unique per clue and organ).
- CaseAction: a typed step of an organ (or of the congress itself) with its outcomes.
- Outcome: a typed quantity (integer count, or exact decimal for yuan and m²).
- Rectification: what a responsible unit must correct, by a deadline, evaluated by the standing
  committee; the case closes only when every rectification is accepted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.files import UploadTo, UploadValidator, private_storage
from congress.labels import ChoiceLabelsMixin
from congress.models import OrganizationKind
from supervision.querysets import (
    AttachmentQuerySet,
    CaseActionQuerySet,
    CaseQuerySet,
    ClueQuerySet,
    ClueReporterQuerySet,
    OutcomeQuerySet,
    RectificationQuerySet,
)


class ClueSource(models.TextChoices):
    DEPUTY = "deputy", _("deputy")
    CITIZEN = "citizen", _("citizen")
    AUDIT = "audit", _("audit finding")
    INSPECTION = "inspection", _("congress inspection")
    OTHER = "other", _("other")


class ClueCategory(models.TextChoices):
    LAND = "land", _("land")
    ECOLOGY = "ecology", _("ecology")
    STATE_ASSETS = "state_assets", _("state assets")
    PUBLIC_FINANCE = "public_finance", _("public finance")
    FOOD_DRUG = "food_drug", _("food and drug safety")
    OTHER = "other", _("other")


class ClueState(models.TextChoices):
    RECEIVED = "received", _("received")
    UNDER_REVIEW = "under_review", _("under review")
    SHARED = "shared", _("shared with the joint mechanism")
    REFERRED = "referred", _("referred")
    CLOSED = "closed", _("closed")
    DISMISSED = "dismissed", _("dismissed")


# Clues the joint mechanism's organs see: everything from sharing on (a dismissed clue was
# dismissed before sharing, so it never reaches them).
SHARED_STATES = (ClueState.SHARED, ClueState.REFERRED, ClueState.CLOSED)


class Clue(ChoiceLabelsMixin, models.Model):
    """线索: a problem reported to the congress, followed until it is closed or dismissed."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=20, choices=ClueSource.choices)
    category = models.CharField(_("category"), max_length=20, choices=ClueCategory.choices)
    public_interest = models.BooleanField(
        _("concerns public-interest litigation"), default=False,
        help_text=_("The clue may lead to public-interest litigation by the procuratorate."))
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    state = models.CharField(_("state"), max_length=20, choices=ClueState.choices, default=ClueState.RECEIVED)
    shared_on = models.DateField(_("shared on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ClueQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-number"]
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-received_on", "-number"], name="supervision_clue_order"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(state="closed") | ~Q(result=""),
                                   name="supervision_clue_closed_has_result",
                                   violation_error_message=_("A closed clue needs a result.")),
            models.CheckConstraint(condition=~Q(state="dismissed") | ~Q(dismissal_reason=""),
                                   name="supervision_clue_dismissed_has_reason",
                                   violation_error_message=_("A dismissed clue needs a reason.")),
            models.CheckConstraint(condition=(~Q(state__in=["shared", "referred", "closed"])
                                              | Q(shared_on__isnull=False)),
                                   name="supervision_clue_shared_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_shared(self) -> bool:
        return self.state in SHARED_STATES


class ClueReporter(models.Model):
    """Who reported a clue: a deputy, or a citizen's private contact. Staff alone read this table;
    no organ, unit or public queryset, serializer, export or template touches it."""

    clue = models.OneToOneField(Clue, verbose_name=_("clue"), on_delete=models.CASCADE, related_name="reporter")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = ClueReporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("clue reporter")
        verbose_name_plural = _("clue reporters")

    def __str__(self) -> str:
        return str(self.deputy or self.name or "—")


# A clue's papers: scans, photos, PDFs and the office documents units and organs send.
ATTACHMENT_VALIDATOR = UploadValidator(kinds=("image", "pdf", "office"))


class ClueAttachment(models.Model):
    """A file of a clue, kept in private storage and handed out by scoped views only. Staff
    decide whether the organs may see it (a citizen's letter may name its writer)."""

    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=UploadTo("supervision/clues/%Y/%m/"), storage=private_storage,
                            max_length=200, validators=[ATTACHMENT_VALIDATOR])
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    visible_to_organs = models.BooleanField(
        _("visible to the organs"), default=False,
        help_text=_("Leave unticked if the file could identify the reporter."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("clue attachment")
        verbose_name_plural = _("clue attachments")

    def __str__(self) -> str:
        return self.original_name


class CaseState(models.TextChoices):
    OPEN = "open", pgettext_lazy("case state", "open")
    CLOSED = "closed", _("closed")


class Case(ChoiceLabelsMixin, models.Model):
    """案件: a clue referred (移交) to one organ. The organ's liaison records its actions."""

    clue = models.ForeignKey(Clue, verbose_name=_("clue"), on_delete=models.PROTECT, related_name="cases")
    organ = models.ForeignKey("congress.Organization", verbose_name=_("organ"), on_delete=models.PROTECT,
                              related_name="supervision_cases")
    referred_on = models.DateField(_("referred on"))
    state = models.CharField(_("state"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("referred by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-referred_on", "-id"], name="supervision_case_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["clue", "organ"], name="supervision_case_one_per_organ",
                                    violation_error_message=_("This clue has already been referred to this organ.")),
            models.CheckConstraint(condition=~Q(state="closed") | Q(closed_on__isnull=False),
                                   name="supervision_case_closed_has_date"),
        ]

    def __str__(self) -> str:
        return f"{self.clue.number} → {self.organ.display_name}"


class Actor(models.TextChoices):
    """Who takes an action: one of the three organs, or the congress itself."""

    SUPERVISION_COMMISSION = OrganizationKind.SUPERVISION_COMMISSION.value, _("supervision commission")
    PROCURATORATE = OrganizationKind.PROCURATORATE.value, _("procuratorate")
    AUDIT_BUREAU = OrganizationKind.AUDIT_BUREAU.value, _("audit bureau")
    CONGRESS = "congress", _("the congress")


class ActionKind(models.TextChoices):
    INVESTIGATION_OPENED = "investigation_opened", _("investigation opened")
    DISPOSITION = "disposition", _("disposition")
    PROCURATORIAL_SUGGESTION = "procuratorial_suggestion", _("procuratorial suggestion issued")
    PROCURATORIAL_OPINION = "procuratorial_opinion", _("procuratorial opinion")
    LITIGATION_FILED = "litigation_filed", _("public-interest litigation filed")
    JUDGMENT = "judgment", _("judgment")
    SPECIAL_AUDIT = "special_audit", _("included in a special audit")
    AUDIT_FINDING = "audit_finding", _("audit finding")
    RECTIFICATION_REQUIRED = "rectification_required", _("rectification required")
    SPECIAL_SUPERVISION = "special_supervision", _("special supervision")
    WORK_REPORT_HEARING = "work_report_hearing", _("hearing of a special work report")
    QUESTION_INVESTIGATION = "question_investigation", _("specific-question investigation")


ACTION_ACTOR = {
    ActionKind.INVESTIGATION_OPENED: Actor.SUPERVISION_COMMISSION,
    ActionKind.DISPOSITION: Actor.SUPERVISION_COMMISSION,
    ActionKind.PROCURATORIAL_SUGGESTION: Actor.PROCURATORATE,
    ActionKind.PROCURATORIAL_OPINION: Actor.PROCURATORATE,
    ActionKind.LITIGATION_FILED: Actor.PROCURATORATE,
    ActionKind.JUDGMENT: Actor.PROCURATORATE,
    ActionKind.SPECIAL_AUDIT: Actor.AUDIT_BUREAU,
    ActionKind.AUDIT_FINDING: Actor.AUDIT_BUREAU,
    ActionKind.RECTIFICATION_REQUIRED: Actor.AUDIT_BUREAU,
    ActionKind.SPECIAL_SUPERVISION: Actor.CONGRESS,
    ActionKind.WORK_REPORT_HEARING: Actor.CONGRESS,
    ActionKind.QUESTION_INVESTIGATION: Actor.CONGRESS,
}

# What may escalate an inadequate rectification (SPEC §3): a congress action, or litigation.
ESCALATION_KINDS = frozenset({
    ActionKind.SPECIAL_SUPERVISION, ActionKind.WORK_REPORT_HEARING, ActionKind.QUESTION_INVESTIGATION,
    ActionKind.LITIGATION_FILED,
})


class CaseAction(ChoiceLabelsMixin, models.Model):
    """One typed step in a case's log. Its summary is case detail: never public."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(pgettext_lazy("case action", "action"), max_length=30, choices=ActionKind.choices)
    actor = models.CharField(_("taken by"), max_length=30, choices=Actor.choices)
    occurred_on = models.DateField(_("date"))
    summary = models.TextField(pgettext_lazy("case action", "summary"), blank=True)
    escalates = models.ForeignKey("Rectification", verbose_name=_("escalates rectification"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="escalations")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseActionQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = _("case action")
        verbose_name_plural = _("case actions")
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["occurred_on", "id"], name="supervision_action_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(*[Q(kind=kind, actor=actor) for kind, actor in ACTION_ACTOR.items()], _connector=Q.OR),
                name="supervision_action_kind_matches_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class OutcomeKind(models.TextChoices):
    LAND_PARCELS = "land_parcels", _("land parcels recovered")
    TREES = "trees", _("trees replanted")
    AREA_CLEARED = "area_cleared", _("area cleared")
    ASSETS_RECOVERED = "assets_recovered", _("state-asset losses recovered")
    RULES = "rules", _("rules or systems established")
    PROBLEMS = "problems", _("problems rectified")


# Units shown with each outcome; the decimal kinds carry an exact amount, the others a count.
OUTCOME_UNITS = {
    OutcomeKind.LAND_PARCELS: _("parcels"),
    OutcomeKind.TREES: _("trees"),
    OutcomeKind.AREA_CLEARED: _("m²"),
    OutcomeKind.ASSETS_RECOVERED: _("yuan"),
    OutcomeKind.RULES: _("items"),
    OutcomeKind.PROBLEMS: _("items"),
}
DECIMAL_OUTCOMES = frozenset({OutcomeKind.AREA_CLEARED, OutcomeKind.ASSETS_RECOVERED})


class Outcome(ChoiceLabelsMixin, models.Model):
    """A typed quantity achieved by an action: a count (parcels, trees, rules, problems) or an
    exact decimal amount (m², yuan). Exactly one of the two is set, as the kind says."""

    action = models.ForeignKey(CaseAction, verbose_name=pgettext_lazy("case action", "action"),
                               on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(pgettext_lazy("case action", "outcome"), max_length=20, choices=OutcomeKind.choices)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, null=True, blank=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["action", "kind"]
        verbose_name = pgettext_lazy("case action", "outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(fields=["action", "kind"], name="supervision_outcome_once_per_action"),
            models.CheckConstraint(
                condition=(Q(kind__in=sorted(DECIMAL_OUTCOMES), count__isnull=True, amount__gt=0)
                           | (~Q(kind__in=sorted(DECIMAL_OUTCOMES)) & Q(amount__isnull=True, count__gt=0))),
                name="supervision_outcome_typed_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity}"

    @property
    def quantity(self):
        return self.amount if self.kind in DECIMAL_OUTCOMES else self.count


class RectificationStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case state", "open")
    REPORTED = "reported", _("reported by the unit")
    ACCEPTED = "accepted", _("accepted")
    INADEQUATE = "inadequate", _("inadequate")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


class Rectification(ChoiceLabelsMixin, models.Model):
    """整改: what a responsible unit must correct by a deadline. The unit reports; the standing
    committee evaluates; an unsatisfied evaluation makes it inadequate, and it must then be
    escalated (which reopens it with a new deadline) before its case can close."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="rectifications")
    unit = models.ForeignKey("congress.Organization", verbose_name=_("responsible unit"), on_delete=models.PROTECT,
                             related_name="supervision_rectifications")
    requirement = models.TextField(_("requirement"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=RectificationStatus.choices,
                              default=RectificationStatus.OPEN)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    report = models.TextField(_("unit's report"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction evaluation"), max_length=20, choices=Satisfaction.choices,
                                    blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = RectificationQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["deadline", "id"], name="supervision_rectif_order"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(status="accepted") | Q(satisfaction__in=["satisfied",
                                                                                        "basically_satisfied"]),
                                   name="supervision_rectification_accepted_is_satisfied"),
            models.CheckConstraint(condition=~Q(status="inadequate") | Q(satisfaction="unsatisfied"),
                                   name="supervision_rectification_inadequate_is_unsatisfied"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.display_name}: {self.requirement[:30]}"

    @property
    def was_escalated(self) -> bool:
        return self.round > 1
