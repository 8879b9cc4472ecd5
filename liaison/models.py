"""Liaison stations and their meetings (SPEC §4, 新标准).

- Station: a community station (one per community) or a street's central station (one per
  street); address, opening hours, staff logins (who record for it), stationed deputies.
- ContactPoint: a residents' committee, residents' group, garden estate or other place under a
  station; Liaison: a public-sentiment liaison (民情联络员) whose contact details are private.
- StationedDeputy: a deputy stationed at a station from a date, until a date or open-ended.
- Meeting: a deputy deliberation meeting (代表议事会) or a livelihood deliberation meeting
  (民生议政会, where micro-projects are voted — the projects app points at it). Draft while station
  staff record it; once confirmed it is locked and its attendances and topics earn points.
- Attendance, Topic: one row each, the source of the points they earn; withdrawing one keeps the
  row (withdrawn_at, reason) so the ledger's reversal still points at what it reverses.
- Reception: a deputy receiving residents (走访接待); the problems heard become LivelihoodIssues.
- LivelihoodIssue: raised from a topic, a reception, a contact point or a liaison; handled at the
  lowest level that can (community → street → district); a following deputy; open → in progress →
  resolved / closed unresolved. IssueEvent keeps every transition; a resolution event is the
  source of the resolution's points, so a withdrawn and repeated resolution earns once per event.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.importing import IMPORTABLE_PERMISSIONS
from congress.labels import ChoiceLabelsMixin
from liaison.querysets import (
    AttendanceQuerySet,
    ContactPointQuerySet,
    IssueEventQuerySet,
    LiaisonQuerySet,
    LivelihoodIssueQuerySet,
    MeetingQuerySet,
    ReceptionQuerySet,
    StationedDeputyQuerySet,
    StationQuerySet,
    TopicQuerySet,
)


class StationKind(models.TextChoices):
    COMMUNITY = "community", _("community station")
    CENTRAL = "central", _("street central station")


class Station(models.Model):
    """人大代表联络站: a community's station or a street's central station (中心联络站)."""

    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices)
    name = models.CharField(_("name"), max_length=60, unique=True)
    street = models.ForeignKey("congress.Street", verbose_name=_("street"), on_delete=models.PROTECT,
                               related_name="liaison_stations")
    community = models.ForeignKey("congress.Community", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="liaison_stations",
                                  help_text=_("Only for a community station."))
    address = models.CharField(_("address"), max_length=200,
                               help_text=_("The street address where residents find the station."))
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True,
                                     help_text=_("For example: Mon–Fri 9:00–12:00, 14:00–17:30; "
                                                 "deputies on duty on the 15th of each month."))
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("staff logins"), blank=True,
                                   related_name="liaison_stations",
                                   help_text=_("Logins that record meetings, receptions and issues for this "
                                               "station."))
    is_active = models.BooleanField(pgettext_lazy("station", "open"), default=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords(m2m_fields=[staff])

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["street__order", "-kind", "order", "name"]
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="community", community__isnull=False) | Q(kind="central", community__isnull=True),
                name="liaison_station_kind_community",
                violation_error_message=_("A community station names its community; a central station none.")),
            models.UniqueConstraint(fields=["community"], condition=Q(kind="community"),
                                    name="liaison_one_station_per_community",
                                    violation_error_message=_("This community already has a station.")),
            models.UniqueConstraint(fields=["street"], condition=Q(kind="central"),
                                    name="liaison_one_central_station_per_street",
                                    violation_error_message=_("This street already has a central station.")),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.community_id and self.street_id and self.community.street_id != self.street_id:
            raise ValidationError({"community": _("The community must lie in the station's street.")})

    @property
    def is_central(self) -> bool:
        return self.kind == StationKind.CENTRAL


class ContactPointKind(models.TextChoices):
    RESIDENTS_COMMITTEE = "residents_committee", _("residents' committee")
    RESIDENTS_GROUP = "residents_group", _("residents' group")
    GARDEN_ESTATE = "garden_estate", _("garden estate")
    OTHER = "other", _("other")


class ContactPoint(models.Model):
    """人大代表联系点 under a station, in a residents' committee, group or estate."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="contact_points")
    kind = models.CharField(_("kind"), max_length=30, choices=ContactPointKind.choices)
    name = models.CharField(_("name"), max_length=80)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = ContactPointQuerySet.as_manager()

    class Meta:
        ordering = ["station", "kind", "name"]
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["station", "name"], name="liaison_contact_point_unique_name",
                                    violation_error_message=_("The station already has a contact point of "
                                                              "this name.")),
        ]

    def __str__(self) -> str:
        return self.name


class Liaison(models.Model):
    """民情联络员: a resident who relays the neighbourhood's concerns. Name and contact details are
    private: station staff and office staff only, never a public page, download or API response."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="liaisons")
    contact_point = models.ForeignKey(ContactPoint, verbose_name=_("contact point"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="liaisons")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=40)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("login"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="liaison_roles")
    is_active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        ordering = ["station", "name", "pk"]
        verbose_name = _("public-sentiment liaison")
        verbose_name_plural = _("public-sentiment liaisons")
        default_permissions = IMPORTABLE_PERMISSIONS

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.contact_point_id and self.station_id and self.contact_point.station_id != self.station_id:
            raise ValidationError({"contact_point": _("The contact point must belong to the liaison's station.")})


class StationedDeputy(models.Model):
    """驻站代表: a deputy stationed at a station from start_date until end_date (inclusive;
    open-ended while empty)."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="stationings")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="liaison_stationings")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StationedDeputyQuerySet.as_manager()

    class Meta:
        ordering = ["station", "deputy__name", "-start_date"]
        verbose_name = _("stationed deputy")
        verbose_name_plural = _("stationed deputies")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            models.UniqueConstraint(fields=["station", "deputy", "start_date"],
                                    name="liaison_stationing_unique_start",
                                    violation_error_message=_("This deputy is already stationed here from "
                                                              "that date.")),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="liaison_stationing_dates_in_order",
                                   violation_error_message=_("A stationing cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} @ {self.station}"

    def clean(self) -> None:
        if not (self.station_id and self.deputy_id and self.start_date):
            return
        overlapping = StationedDeputy.objects.filter(station_id=self.station_id, deputy_id=self.deputy_id)
        if self.pk:
            overlapping = overlapping.exclude(pk=self.pk)
        if self.end_date:
            overlapping = overlapping.filter(start_date__lte=self.end_date)
        overlapping = overlapping.filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
        if overlapping.exists():
            raise ValidationError(_("This deputy's stationings at this station overlap."))

    def covers(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class MeetingKind(models.TextChoices):
    DEPUTY_DELIBERATION = "deputy_deliberation", _("deputy deliberation meeting")
    LIVELIHOOD_DELIBERATION = "livelihood_deliberation", _("livelihood deliberation meeting")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("being recorded")
    CONFIRMED = "confirmed", _("confirmed")


class Meeting(ChoiceLabelsMixin, models.Model):
    """代表议事会 / 民生议政会 held at a station on a day. Station staff record it (attendance,
    topics, outcomes, minutes) while it is a draft; confirming it locks it and awards the points."""

    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="meetings")
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=120, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    residents_present = models.PositiveSmallIntegerField(_("residents present"), default=0)
    attendees = models.ManyToManyField("congress.Deputy", verbose_name=_("attending deputies"),
                                       through="Attendance", related_name="liaison_meetings", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.DRAFT)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        default_permissions = IMPORTABLE_PERMISSIONS
        constraints = [
            # A double-clicked "new meeting" must not record the same meeting twice.
            models.UniqueConstraint(fields=["station", "kind", "held_on"], name="liaison_meeting_one_per_day",
                                    violation_error_message=_("This station has already recorded a meeting "
                                                              "of this kind on that day.")),
            models.CheckConstraint(
                condition=Q(status="draft", confirmed_at__isnull=True) | Q(status="confirmed",
                                                                           confirmed_at__isnull=False),
                name="liaison_meeting_confirmed_has_time"),
        ]
        indexes = [
            models.Index(fields=["kind", "held_on"], name="liaison_meeting_kind_date"),
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-held_on", "-id"], name="liaison_meeting_order"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.station} {self.get_kind_display()} {self.held_on}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == MeetingStatus.CONFIRMED


class Attendance(models.Model):
    """A deputy's attendance at a meeting: the source of its points. Withdrawn attendances stay
    (with the reason) so their reversal in the ledger keeps pointing at them."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="attendances")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="liaison_attendances")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "deputy__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "deputy"], condition=Q(withdrawn_at__isnull=True),
                                    name="liaison_attendance_once",
                                    violation_error_message=_("This deputy is already recorded as present.")),
            models.CheckConstraint(condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                                   name="liaison_attendance_withdrawal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.meeting}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Topic(models.Model):
    """议题: a topic taken up at a meeting, led (领衔) by a deputy, with its outcome."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT,
                                related_name="topics")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    lead_deputy = models.ForeignKey("congress.Deputy", verbose_name=_("lead deputy"), on_delete=models.PROTECT,
                                    related_name="liaison_topics_led")
    outcome = models.TextField(pgettext_lazy("meeting topic", "outcome"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    history = HistoricalRecords()

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = pgettext_lazy("meeting", "topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.CheckConstraint(condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                                   name="liaison_topic_withdrawal_has_reason"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Reception(models.Model):
    """走访接待: a deputy receiving residents at (or for) a station; their problems become issues."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="receptions")
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), on_delete=models.PROTECT,
                               related_name="liaison_receptions")
    received_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    residents_count = models.PositiveSmallIntegerField(_("residents received"), default=1)
    summary = models.TextField(pgettext_lazy("reception", "summary"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ReceptionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("reception")
        verbose_name_plural = _("receptions")
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-received_on", "-id"], name="liaison_reception_order"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} · {self.received_on}"


class IssueOrigin(models.TextChoices):
    TOPIC = "topic", _("meeting topic")
    RECEPTION = "reception", _("reception")
    CONTACT_POINT = "contact_point", _("contact point")
    LIAISON = "liaison", _("public-sentiment liaison")


class IssueLevel(models.TextChoices):
    COMMUNITY = "community", _("community")
    STREET = "street", _("street")
    DISTRICT = "district", _("district")


LEVEL_RANK = {IssueLevel.COMMUNITY: 1, IssueLevel.STREET: 2, IssueLevel.DISTRICT: 3}


class IssueStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("issue state", "open")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed unresolved")


class LivelihoodIssue(models.Model):
    """民生问题: a residents' problem a station takes up. Its title and details (and any resident
    named in them) are private; the public sees only counts and, where staff chose one, the
    anonymised public_title."""

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT,
                                related_name="issues")
    origin = models.CharField(_("raised from"), max_length=20, choices=IssueOrigin.choices)
    topic = models.ForeignKey(Topic, verbose_name=pgettext_lazy("meeting", "topic"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="issues")
    reception = models.ForeignKey(Reception, verbose_name=_("reception"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="issues")
    contact_point = models.ForeignKey(ContactPoint, verbose_name=_("contact point"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="issues")
    liaison = models.ForeignKey(Liaison, verbose_name=_("liaison"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("details"), blank=True)
    reporter_name = models.CharField(_("raised by (resident)"), max_length=40, blank=True)
    reporter_contact = models.CharField(_("resident's contact"), max_length=60, blank=True)
    public_title = models.CharField(_("public title"), max_length=120, blank=True,
                                    help_text=_("An anonymised title for the public station page; leave empty to "
                                                "count the issue without showing it."))
    raised_on = models.DateField(_("raised on"))
    level = models.CharField(_("handled at"), max_length=20, choices=IssueLevel.choices,
                             default=IssueLevel.COMMUNITY)
    following_deputy = models.ForeignKey("congress.Deputy", verbose_name=_("following deputy"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="liaison_issues_followed")
    status = models.CharField(_("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.TextField(_("reason for closing unresolved"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = LivelihoodIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("livelihood issue")
        verbose_name_plural = _("livelihood issues")
        default_permissions = IMPORTABLE_PERMISSIONS
        indexes = [
            models.Index(fields=["status", "resolved_on"], name="liaison_issue_status_resolved"),
            models.Index(fields=["station", "status"], name="liaison_issue_station_status"),
            # The back office's list (this ordering) reads its page here instead of sorting them all.
            models.Index(fields=["-raised_on", "-id"], name="liaison_issue_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(origin="topic", topic__isnull=False) | Q(origin="reception", reception__isnull=False)
                           | Q(origin="contact_point", contact_point__isnull=False)
                           | Q(origin="liaison", liaison__isnull=False)),
                name="liaison_issue_origin_named",
                violation_error_message=_("Name the topic, reception, contact point or liaison the issue came "
                                          "from.")),
            models.CheckConstraint(
                condition=(Q(status="resolved", resolved_on__isnull=False) & ~Q(resolution_note=""))
                | (~Q(status="resolved") & Q(resolved_on__isnull=True)),
                name="liaison_issue_resolved_has_note",
                violation_error_message=_("A resolved issue has a date and a note.")),
            models.CheckConstraint(
                condition=(Q(status="closed", closed_on__isnull=False) & ~Q(closed_reason=""))
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="liaison_issue_closed_has_reason",
                violation_error_message=_("An issue closed unresolved has a date and a reason.")),
        ]

    def __str__(self) -> str:
        return self.title


class IssueEventKind(models.TextChoices):
    RAISED = "raised", _("raised")
    STARTED = "started", _("work started")
    ESCALATED = "escalated", _("escalated")
    FOLLOWER_SET = "follower_set", _("following deputy set")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed unresolved")
    REOPENED = "reopened", _("resolution withdrawn")


class IssueEvent(ChoiceLabelsMixin, models.Model):
    """One step in an issue's history. A `resolved` event is the source of the following deputy's
    resolution points; `reopened` withdraws it (and reverses those points)."""

    issue = models.ForeignKey(LivelihoodIssue, verbose_name=_("issue"), on_delete=models.PROTECT,
                              related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=IssueEventKind.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=IssueStatus.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=IssueStatus.choices)
    from_level = models.CharField(_("from level"), max_length=20, choices=IssueLevel.choices, blank=True)
    to_level = models.CharField(_("to level"), max_length=20, choices=IssueLevel.choices)
    deputy = models.ForeignKey("congress.Deputy", verbose_name=_("deputy"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               help_text=_("The following deputy at the time of the step."))
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("note or reason"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = IssueEventQuerySet.as_manager()

    class Meta:
        ordering = ["issue", "created_at", "pk"]
        verbose_name = _("issue history step")
        verbose_name_plural = _("issue history")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.issue} · {self.get_kind_display()} · {self.occurred_on}"
