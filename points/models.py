"""The deputy performance points ledger (SPEC §5) and its published quarterly snapshots (SPEC §8).

- PointRule / PointRuleVersion: what an activity is worth, versioned by effective date.
- Activity: a duty activity recorded by staff (inspection, reception, voter report, …); a source
  of points in its own right. Later apps award points for their own records (meetings, topics,
  issues, project inspections) through points.services.entry_award with a generic source.
- SelfReport: what a deputy registered from their phone, with evidence.
- LedgerEntry: append-only. A verified or rejected entry never changes again (services refuse,
  admin/API offer no path, and on PostgreSQL a trigger refuses even a raw UPDATE/DELETE); a
  correction is a reversing entry pointing at the original.
- DeputyPointsSnapshot / DistrictPointsSnapshot: immutable rows of a quarter's publication.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.files import UploadTo, private_storage, validate_upload
from congress.importing import IMPORTABLE_PERMISSIONS
from points.querysets import (
    ActivityQuerySet,
    LedgerEntryQuerySet,
    PointRuleQuerySet,
    SelfReportQuerySet,
    SnapshotQuerySet,
)
from points.rules import growth_rate, signed_percent

EVIDENCE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "pdf"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def validate_evidence_size(file) -> None:
    """Kept for old migrations; fields use congress.files.validate_upload (type from the bytes)."""
    if file and file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The evidence file is larger than 5 MB."), code="too_large")


class PointRule(models.Model):
    """A kind of duty activity that earns points (attending a deliberation meeting, leading a
    livelihood topic, inspection and research, …). Its value lives in versions."""

    code = models.CharField(pgettext_lazy("point rule", "code"), max_length=40, unique=True,
                            validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", _("Use lower-case letters, "
                                                                                "digits and underscores."))])
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    self_reportable = models.BooleanField(
        _("deputies may self-report"), default=False,
        help_text=_("Shown on the deputies' self-report form; staff verify each report."))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    objects = PointRuleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("point rule")
        verbose_name_plural = _("point rules")
        default_permissions = IMPORTABLE_PERMISSIONS

    def __str__(self) -> str:
        return self.name


class PointRuleVersion(models.Model):
    """The value of a rule from a date on. An activity on a day earns the version in force that
    day (the latest effective_from on or before it); the value is copied onto the entry."""

    rule = models.ForeignKey(PointRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="versions")
    points = models.PositiveSmallIntegerField(_("points"), validators=[MinValueValidator(1)])
    effective_from = models.DateField(_("effective from"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["rule", "-effective_from"]
        verbose_name = _("point rule version")
        verbose_name_plural = _("point rule versions")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["rule", "effective_from"], name="points_rule_version_unique_date",
                                    violation_error_message=_("This rule already has a value from that date.")),
            models.CheckConstraint(condition=Q(points__gte=1), name="points_rule_version_positive",
                                   violation_error_message=_("A rule is worth at least one point.")),
        ]

    def __str__(self) -> str:
        return _("%(rule)s: %(points)s from %(date)s") % {
            "rule": self.rule, "points": self.points, "date": self.effective_from}


class Activity(models.Model):
    """A duty activity recorded by staff (视察调研, 走访接待, 向选民述职, …): the source of the
    points its participating deputies earn."""

    rule = models.ForeignKey(PointRule, verbose_name=_("kind of activity"), on_delete=models.PROTECT,
                             related_name="activities")
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    reference = models.CharField(_("reference"), max_length=40, unique=True, null=True, blank=True,
                                 help_text=_("An optional unique reference, e.g. the office's file number."))
    participants = models.ManyToManyField("congress.Deputy", verbose_name=_("participating deputies"),
                                          related_name="point_activities", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("recorded activity")
        verbose_name_plural = _("recorded activities")
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-occurred_on", "-id"], name="points_activity_order"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"


class SelfReport(models.Model):
    """An activity a deputy registered themself, with evidence. Its ledger entry is pending until
    staff verify or reject it."""

    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="point_self_reports")
    rule = models.ForeignKey(PointRule, verbose_name=_("kind of activity"), on_delete=models.PROTECT,
                             related_name="self_reports")
    occurred_on = models.DateField(_("date"))
    description = models.CharField(_("short description"), max_length=200)
    evidence = models.FileField(
        _("evidence"), upload_to=UploadTo("points/evidence/%Y/%m/"), blank=True, storage=private_storage,
        validators=[validate_upload],
        help_text=_("A photo or PDF (JPG, PNG, WebP, HEIC or PDF, at most 5 MB)."))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # Set when staff reject the report's entry: the deputy may then report the activity again.
    rejected = models.BooleanField(_("rejected"), default=False, editable=False)

    objects = SelfReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("self-report")
        verbose_name_plural = _("self-reports")
        constraints = [
            # A double click, a retry or two phones: one report of the same activity stands.
            models.UniqueConstraint(
                fields=["deputy", "rule", "occurred_on", "description"], condition=Q(rejected=False),
                name="points_selfreport_one_open_per_activity",
                violation_error_message=_("You have already reported this activity on this date.")),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.rule} · {self.occurred_on}"


class EntryStatus(models.TextChoices):
    PENDING = "pending", _("pending verification")
    VERIFIED = "verified", _("verified")
    REJECTED = "rejected", _("rejected")


class EntryKind(models.TextChoices):
    AWARD = "award", _("awarded by the system")
    SELF_REPORT = "self_report", _("self-reported")
    REVERSAL = "reversal", _("reversal")


class LedgerEntry(models.Model):
    """One line of a deputy's points ledger. Append-only: see the module docstring."""

    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="point_entries")
    rule = models.ForeignKey(PointRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="entries")
    occurred_on = models.DateField(_("date of the activity"))
    points = models.IntegerField(_("points"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=EntryStatus.choices)
    source_type = models.ForeignKey(ContentType, verbose_name=_("source type"), on_delete=models.PROTECT,
                                    related_name="+")
    source_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("source_type", "source_id")
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal")
    reason = models.TextField(_("reason"), blank=True,
                              help_text=_("Why a self-report was rejected or an entry reversed."))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        # "import": the ledger imports recorded activities, which award entries (never edit one)
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [
            models.Index(fields=["status", "occurred_on"], name="points_entry_status_date"),
            models.Index(fields=["deputy", "occurred_on"], name="points_entry_deputy_date"),
            # The ledger's own order (newest first): the back office's list of two million entries
            # reads its page and its first and last day from here instead of sorting them all.
            models.Index(fields=["occurred_on", "id"], name="points_entry_date"),
            models.Index(fields=["source_type", "source_id"], name="points_entry_source"),
        ]
        constraints = [
            # One source never earns the same rule twice for the same deputy; only a reversal may
            # repeat the (deputy, rule, source) of the entry it reverses.
            models.UniqueConstraint(
                fields=["deputy", "rule", "source_type", "source_id"], condition=~Q(kind="reversal"),
                name="points_entry_one_award_per_source",
                violation_error_message=_("This source has already earned this deputy points under this rule.")),
            models.CheckConstraint(
                condition=(Q(kind="reversal", reverses__isnull=False, points__lte=0, status="verified")
                           & ~Q(reason=""))
                | (~Q(kind="reversal") & Q(reverses__isnull=True, points__gte=0)),
                name="points_entry_reversal_shape",
                violation_error_message=_("A reversal points at its original, has a reason and negative points; "
                                          "any other entry has none of these.")),
            models.CheckConstraint(
                condition=Q(kind="self_report") | Q(status="verified"),
                name="points_entry_only_self_reports_wait",
                violation_error_message=_("Only self-reports wait for verification.")),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""),
                name="points_entry_rejection_has_reason",
                violation_error_message=_("A rejection needs a reason.")),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="points_entry_decided_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.rule} · {self.occurred_on} · {self.points:+d}"

    @property
    def is_final(self) -> bool:
        """Verified and rejected entries never change again."""
        return self.status != EntryStatus.PENDING


# --- Published snapshots (SPEC §8) -------------------------------------------------------------

class DeputyPointsSnapshot(models.Model):
    """A deputy's published points for one revision of a quarter: the quarter and the year to
    date, with standard competition ranks ("1224": equal points share a rank, the next rank
    skips). Names are copied so a later rename does not rewrite what was published."""

    publication = models.ForeignKey("congress.Publication", verbose_name=_("publication"),
                                    on_delete=models.PROTECT, related_name="points_deputy_rows")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="points_snapshots")
    deputy_code = models.CharField(_("deputy number"), max_length=20)
    deputy_name = models.CharField(pgettext_lazy("person", "name"), max_length=40)
    street_name = models.CharField(_("street delegation"), max_length=40)
    community_name = models.CharField(_("community"), max_length=40, blank=True)
    quarter_points = models.IntegerField(_("points in the quarter"))
    quarter_rank = models.PositiveIntegerField(_("rank in the quarter"))
    year_points = models.IntegerField(_("points in the year to date"))
    year_rank = models.PositiveIntegerField(_("rank in the year to date"))

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["publication", "quarter_rank", "deputy_code"]
        verbose_name = _("published deputy points")
        verbose_name_plural = _("published deputy points")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["publication", "deputy"], name="points_snapshot_one_row_per_deputy"),
        ]

    def __str__(self) -> str:
        return f"{self.publication} · {self.deputy_name}"


class DistrictPointsSnapshot(models.Model):
    """The district's published totals for one revision of a quarter, with the same periods of
    the year before (growth is computed from these published numbers)."""

    publication = models.OneToOneField("congress.Publication", verbose_name=_("publication"),
                                       on_delete=models.PROTECT, related_name="points_district")
    deputy_count = models.PositiveIntegerField(pgettext_lazy("count", "deputies"))
    quarter_points = models.IntegerField(_("points in the quarter"))
    year_points = models.IntegerField(_("points in the year to date"))
    last_year_quarter_points = models.IntegerField(_("points in the same quarter last year"))
    last_year_points = models.IntegerField(_("points in the same period last year"))

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["publication"]
        verbose_name = _("published district points")
        verbose_name_plural = _("published district points")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return str(self.publication)

    @property
    def quarter_growth(self) -> Decimal | None:
        return growth_rate(self.quarter_points, self.last_year_quarter_points)

    @property
    def year_growth(self) -> Decimal | None:
        return growth_rate(self.year_points, self.last_year_points)

    @property
    def quarter_growth_display(self) -> str:
        return signed_percent(self.quarter_growth)

    @property
    def year_growth_display(self) -> str:
        return signed_percent(self.year_growth)
