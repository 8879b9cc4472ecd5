"""Post-appointment supervision of appointees (SPEC §6, the seed's 新路径).

- Appointee: an official elected or appointed by the congress or its standing committee.
- DutyReport: an appointee's annual duty report (履职报告), submitted by their organization.
- Draw (+ DrawSecret): the verifiable draw of the year's oral reporters (appointees.draw).
- RatingSession: an on-the-spot satisfaction rating (满意度测评) at a standing committee meeting,
  with the officials rated (RatingOfficial, which carries the aggregate counters), the members
  present (RatingMember) and who has submitted (Ballot). What a member chose is never stored
  against the member: a submission adds one to counters in the same transaction that records the
  Ballot, and nothing (no key, no timestamp, no order) links the two.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from appointees import rules
from appointees.draw import ALGORITHM
from appointees.querysets import (
    AppointeeQuerySet,
    DrawQuerySet,
    DutyReportQuerySet,
    RatingSessionQuerySet,
)
from congress.files import UploadTo, UploadValidator, private_storage
from congress.importing import IMPORTABLE_PERMISSIONS
from congress.models import CongressSession, Deputy, Organization, SessionKind


class Category(models.TextChoices):
    DISTRICT_HEAD = rules.Category.DISTRICT_HEAD, _("district head")
    DEPUTY_DISTRICT_HEAD = rules.Category.DEPUTY_DISTRICT_HEAD, _("deputy district head")
    DEPARTMENT_HEAD = rules.Category.DEPARTMENT_HEAD, _("head of a government department")
    SUPERVISION_DIRECTOR = rules.Category.SUPERVISION_DIRECTOR, _("director of the supervision commission")
    SUPERVISION_DEPUTY_DIRECTOR = (rules.Category.SUPERVISION_DEPUTY_DIRECTOR,
                                   _("deputy director of the supervision commission"))
    COURT_PRESIDENT = rules.Category.COURT_PRESIDENT, _("president of the court")
    COURT_VICE_PRESIDENT = rules.Category.COURT_VICE_PRESIDENT, _("vice-president of the court")
    PROCURATOR_GENERAL = rules.Category.PROCURATOR_GENERAL, _("procurator-general")
    DEPUTY_PROCURATOR_GENERAL = rules.Category.DEPUTY_PROCURATOR_GENERAL, _("deputy procurator-general")


class Mode(models.TextChoices):
    ELECTED = "elected", pgettext_lazy("appointment", "elected")
    APPOINTED = "appointed", _("appointed")


class Body(models.TextChoices):
    CONGRESS = SessionKind.CONGRESS, _("the district congress")
    STANDING_COMMITTEE = SessionKind.STANDING_COMMITTEE, _("the standing committee")


_code = RegexValidator(r"^[A-Za-z0-9-]{1,20}$",
                       _("Use 1–20 Latin letters, digits or hyphens (the code is part of the public draw)."))


class Appointee(models.Model):
    """An official elected or appointed by the district congress or its standing committee."""

    code = models.CharField(pgettext_lazy("appointee", "code"), max_length=20, unique=True, validators=[_code],
                            help_text=_("A short public code, e.g. DH-07; draws list candidates by it."))
    name = models.CharField(pgettext_lazy("person", "name"), max_length=40)
    position = models.CharField(_("position"), max_length=80)
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="appointees")
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    mode = models.CharField(_("elected or appointed"), max_length=10, choices=Mode.choices)
    body = models.CharField(_("by"), max_length=20, choices=Body.choices)
    session = models.ForeignKey(CongressSession, verbose_name=_("at the session or meeting"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="appointments")
    took_office = models.DateField(_("took office"))
    left_office = models.DateField(_("left office"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AppointeeQuerySet.as_manager()

    class Meta:
        ordering = ["organization__order", "category", "code"]
        verbose_name = _("appointee")
        verbose_name_plural = _("appointees")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.CheckConstraint(condition=Q(left_office__isnull=True) | Q(left_office__gte=models.F("took_office")),
                                   name="appointee_dates_in_order",
                                   violation_error_message=_("An official cannot leave office before taking it.")),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）"

    def clean(self) -> None:
        if self.session_id and self.body and self.session.kind != self.body:
            raise ValidationError({"session": _("The session or meeting must be one of the body that elected "
                                                "or appointed the official.")})
        if self.mode == Mode.ELECTED and self.body == Body.STANDING_COMMITTEE:
            raise ValidationError({"mode": _("The standing committee appoints; only the congress elects.")})

    def is_active_on(self, day) -> bool:
        return self.took_office <= day and (self.left_office is None or self.left_office >= day)


REPORT_EXTENSIONS = ["pdf", "doc", "docx", "odt"]
REPORT_MAX_BYTES = 10 * 1024 * 1024


# The portal's one upload check (congress.files): the type from the file's bytes, within the size.
validate_report_document = UploadValidator(kinds=("pdf", "office"), max_bytes=REPORT_MAX_BYTES)


class DutyReport(models.Model):
    """履职报告: an appointee's report on a year, submitted by their organization in the first
    quarter of the next year. Public once staff publish it."""

    appointee = models.ForeignKey(Appointee, verbose_name=_("appointee"), on_delete=models.PROTECT,
                                  related_name="duty_reports")
    year = models.PositiveSmallIntegerField(_("year reported on"),
                                            validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    text = models.TextField(_("report"))
    document = models.FileField(
        _("document"), upload_to=UploadTo("appointees/reports/%Y/"), blank=True, storage=private_storage,
        validators=[validate_report_document],
        help_text=_("The signed report (PDF, DOC, DOCX or ODT, at most 10 MB)."))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = DutyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "appointee__organization__order", "appointee__code"]
        verbose_name = _("duty report")
        verbose_name_plural = _("duty reports")
        default_permissions = IMPORTABLE_PERMISSIONS  # staff export the reports from the admin
        constraints = [
            models.UniqueConstraint(fields=["appointee", "year"], name="duty_report_one_per_year"),
        ]

    def __str__(self) -> str:
        return _("%(appointee)s: report on %(year)s") % {"appointee": self.appointee, "year": self.year}

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", _("committed, awaiting the public input")
    REVEALED = "revealed", _("drawn")


class Draw(models.Model):
    """The draw of a year's oral reporters. The candidate list and the commitment are public from
    the start; the secret (DrawSecret) only once revealed. A redraw supersedes a draw, which stays
    visible with the reason."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    meeting = models.ForeignKey(CongressSession, verbose_name=_("standing committee meeting"), null=True,
                                blank=True, on_delete=models.PROTECT, related_name="appointee_draws")
    k = models.PositiveSmallIntegerField(_("number to draw"), default=rules.DEFAULT_ORAL_REPORTERS)
    algorithm = models.CharField(_("algorithm"), max_length=30, default=ALGORITHM)
    candidates = models.JSONField(_("candidates"), help_text=_("Code, name, position and organization of "
                                                                "each candidate, in the documented order."))
    commitment = models.CharField(_("commitment (SHA-256 of the secret)"), max_length=64)
    revealed_secret = models.CharField(_("revealed secret"), max_length=64, blank=True)
    public_input = models.CharField(_("public input"), max_length=200, blank=True)
    seed = models.CharField(_("seed"), max_length=64, blank=True)
    result = models.JSONField(_("drawn codes"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DrawStatus.choices, default=DrawStatus.COMMITTED)
    created_at = models.DateTimeField(_("committed at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("committed by"), null=True,
                                   on_delete=models.PROTECT, related_name="+")
    revealed_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    input_entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("public input entered by"),
                                         null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    replaces = models.OneToOneField("self", verbose_name=_("replaces the draw"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="replaced_by")
    redraw_reason = models.TextField(_("reason for the redraw"), blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    objects = DrawQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("draw of oral reporters")
        verbose_name_plural = _("draws of oral reporters")
        constraints = [
            models.UniqueConstraint(fields=["year"], condition=Q(superseded_at__isnull=True),
                                    name="draw_one_current_per_year",
                                    violation_error_message=_("This year already has a current draw.")),
            models.CheckConstraint(condition=Q(replaces__isnull=True) | ~Q(redraw_reason=""),
                                   name="draw_redraw_has_reason",
                                   violation_error_message=_("A redraw needs a reason.")),
            models.CheckConstraint(condition=Q(k__gte=1), name="draw_k_positive"),
        ]

    def __str__(self) -> str:
        return _("Draw of oral reporters for %(year)s (#%(pk)s)") % {"year": self.year, "pk": self.pk}

    @property
    def candidate_codes(self) -> list[str]:
        return [c["code"] for c in self.candidates]

    @property
    def is_revealed(self) -> bool:
        return self.status == DrawStatus.REVEALED

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    def drawn_candidates(self) -> list[dict]:
        by_code = {c["code"]: c for c in self.candidates}
        return [by_code[code] for code in self.result]


class DrawSecret(models.Model):
    """The secret of a draw, kept apart so that no page, serializer or export of Draw can show it
    before the draw reveals it (into Draw.revealed_secret)."""

    draw = models.OneToOneField(Draw, verbose_name=_("draw"), on_delete=models.CASCADE, related_name="secret")
    secret_hex = models.CharField(_("secret"), max_length=64)

    class Meta:
        verbose_name = _("draw secret")
        verbose_name_plural = _("draw secrets")
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.draw)


class RatingStatus(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    OPEN = "open", _("open for rating")
    CLOSED = "closed", _("closed, results announced")


class RatingSession(models.Model):
    """满意度测评: members present at a standing committee meeting rate each listed official."""

    title = models.CharField(_("title"), max_length=120)
    year = models.PositiveSmallIntegerField(_("year of the reports"),
                                            validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    meeting = models.ForeignKey(CongressSession, verbose_name=_("standing committee meeting"),
                                on_delete=models.PROTECT, related_name="appointee_ratings")
    status = models.CharField(_("status"), max_length=10, choices=RatingStatus.choices, default=RatingStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = RatingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("rating session")
        verbose_name_plural = _("rating sessions")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RatingStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RatingStatus.CLOSED


class RatingOfficial(models.Model):
    """An official rated in a session, with the session's aggregate counters (added to only by
    rating_ballot_submit, shown only once the session is closed)."""

    session = models.ForeignKey(RatingSession, verbose_name=_("rating session"), on_delete=models.CASCADE,
                                related_name="officials")
    appointee = models.ForeignKey(Appointee, verbose_name=_("official"), on_delete=models.PROTECT,
                                  related_name="ratings")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    satisfied = models.PositiveIntegerField(_("satisfied"), default=0)
    basically_satisfied = models.PositiveIntegerField(_("basically satisfied"), default=0)
    unsatisfied = models.PositiveIntegerField(_("unsatisfied"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rated official")
        verbose_name_plural = _("rated officials")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["session", "appointee"], name="rating_official_once_per_session"),
        ]

    def __str__(self) -> str:
        return str(self.appointee)

    def counts(self) -> rules.Counts:
        return rules.Counts(self.satisfied, self.basically_satisfied, self.unsatisfied)


class RatingMember(models.Model):
    """A standing committee member present at the session's meeting (entitled to rate)."""

    session = models.ForeignKey(RatingSession, verbose_name=_("rating session"), on_delete=models.CASCADE,
                                related_name="members")
    deputy = models.ForeignKey(Deputy, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="appointee_rating_seats")

    class Meta:
        ordering = ["deputy__code"]
        verbose_name = _("member present")
        verbose_name_plural = _("members present")
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="rating_member_once_per_session"),
        ]

    def __str__(self) -> str:
        return str(self.deputy)


class Ballot(models.Model):
    """That a member has submitted in a session — and nothing about what they chose."""

    session = models.ForeignKey(RatingSession, verbose_name=_("rating session"), on_delete=models.PROTECT,
                                related_name="ballots")
    deputy = models.ForeignKey(Deputy, verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="appointee_ballots")
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["deputy__code"]
        verbose_name = _("submitted ballot")
        verbose_name_plural = _("submitted ballots")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="rating_ballot_one_per_member"),
        ]

    def __str__(self) -> str:
        return str(self.deputy)
