"""The core registry every domain app builds on (SPEC §1): geography, organizations, deputies,
terms, congress sessions and meetings, accounts, and the record of quarterly publications."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from congress.files import UploadTo, validate_image
from congress.importing import IMPORTABLE_PERMISSIONS
from congress.labels import ChoiceLabelsMixin
from congress.periods import Quarter
from congress.querysets import (
    CommunityQuerySet,
    DeputyQuerySet,
    OrganizationContactQuerySet,
    OrganizationQuerySet,
    PublicationQuerySet,
)
from congress.roles import BACK_OFFICE_ROLES, Role

# The column congress.accounts.PortalModelBackend reads with a session's user: their group names, joined.
ROLE_NAMES_READ = "role_names_read"
ROLE_NAMES_SEPARATOR = "\x1f"


class User(AbstractUser):
    """A login. Its roles are its groups (congress.roles); the links below say *whose* records a
    role may touch: a unit handler or organ liaison works for one organization, a deputy login is
    linked from Deputy.user, station staff from the liaison app's stations."""

    organization = models.ForeignKey(
        "congress.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The unit a unit handler or organ liaison works for."),
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    # Bumped by a logout or a deactivation (congress.services.account_logout_everywhere): it is part
    # of the hash every session carries, so every session of the user, on every device, ends.
    session_generation = models.PositiveIntegerField(_("session generation"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_generation"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret=None):
        # Django's hash (of the password) folded with the session generation; generation 0 keeps
        # Django's own hash, so sessions made before the counter existed stay valid.
        password_hash = super()._get_session_auth_hash(secret=secret)
        if not self.session_generation:
            return password_hash
        return salted_hmac("congress.User.session_generation", f"{password_hash}:{self.session_generation}",
                           secret=secret, algorithm="sha256").hexdigest()

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        if ROLE_NAMES_READ in self.__dict__:  # read with the user's own row (congress.accounts)
            return frozenset(filter(None, (self.__dict__[ROLE_NAMES_READ] or "").split(ROLE_NAMES_SEPARATOR)))
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    @property
    def is_office_staff(self) -> bool:
        """Committee office staff see and do everything in the back office."""
        return self.is_active and (self.is_superuser or self.has_role(Role.STAFF))

    @property
    def is_back_office_user(self) -> bool:
        return self.is_active and (self.is_superuser or bool(self.roles & BACK_OFFICE_ROLES))


class Street(models.Model):
    """街道: a street of the district; also the delegation (代表团) its deputies belong to."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    code = models.CharField(_("code"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("street")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("streets")

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """社区: a community within a street."""

    street = models.ForeignKey(Street, verbose_name=_("street"), on_delete=models.PROTECT,
                               related_name="communities")
    name = models.CharField(_("name"), max_length=40)
    code = models.CharField(_("code"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["street__order", "order", "name"]
        verbose_name = _("community")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("communities")
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="community_unique_name_per_street"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("district government")
    DEPARTMENT = "department", _("government department")
    SUPERVISION_COMMISSION = "supervision_commission", _("supervision commission")
    PROCURATORATE = "procuratorate", _("procuratorate")
    COURT = "court", _("court")
    AUDIT_BUREAU = "audit_bureau", _("audit bureau")
    STREET_OFFICE = "street_office", _("street office")
    OTHER = "other", _("other")


# The three organs that join the congress in the "1+3" linked supervision (SPEC §3).
JOINT_SUPERVISION_KINDS = frozenset({
    OrganizationKind.SUPERVISION_COMMISSION,
    OrganizationKind.PROCURATORATE,
    OrganizationKind.AUDIT_BUREAU,
})


class Organization(models.Model):
    """A unit: government, department, one of the "1+3" organs, court, street office, …"""

    name = models.CharField(_("name"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    street = models.ForeignKey(Street, verbose_name=_("street"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="organizations",
                               help_text=_("Only for a street office."))
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("organization")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="street_office", street__isnull=False) | ~Q(kind="street_office"),
                name="organization_street_office_has_street",
                violation_error_message=_("A street office must name its street."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_joint_supervision_organ(self) -> bool:
        return self.kind in JOINT_SUPERVISION_KINDS

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


phone_format = RegexValidator(r"^[0-9+\- ]{5,30}$", _("Enter a phone number made of digits."))


class OrganizationContact(models.Model):
    """The private contact sheet of a unit: who the office calls. Only staff and the unit's own
    users see it (OrganizationContactQuerySet.for_user)."""

    organization = models.OneToOneField(Organization, verbose_name=_("organization"),
                                        on_delete=models.CASCADE, related_name="contact")
    contact_person = models.CharField(_("contact person"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_format])
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = OrganizationContactQuerySet.as_manager()

    class Meta:
        ordering = ["organization__order", "organization__name"]
        verbose_name = _("organization contact")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("organization contacts")

    def __str__(self) -> str:
        return str(self.organization)


class Term(models.Model):
    """届: a term of the district congress, e.g. the first term, 2016–2021."""

    number = models.PositiveSmallIntegerField(pgettext_lazy("ordinal", "number"), unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("term")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("terms")
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                   name="term_years_in_order",
                                   violation_error_message=_("A term cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return _("Term %(number)s (%(start)s–%(end)s)") % {
            "number": self.number, "start": self.start_year, "end": self.end_year}

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class DeputyStatus(models.TextChoices):
    SERVING = "serving", _("serving")
    RESIGNED = "resigned", _("resigned")
    TERMINATED = "terminated", _("mandate terminated")
    DECEASED = "deceased", _("deceased")


class Deputy(ChoiceLabelsMixin, models.Model):
    """人大代表: the public face of a deputy. Private details live in DeputyPrivate, so no
    serializer, template or export of this model can leak them by accident."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="deputies")
    code = models.CharField(_("deputy number"), max_length=20, unique=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=40)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    photo = models.ImageField(_("photo"), upload_to=UploadTo("deputies/"), blank=True, validators=[validate_image])
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    street = models.ForeignKey(Street, verbose_name=_("street delegation"), on_delete=models.PROTECT,
                               related_name="deputies")
    community = models.ForeignKey(Community, verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="deputies")
    status = models.CharField(_("status"), max_length=20, choices=DeputyStatus.choices,
                              default=DeputyStatus.SERVING)
    is_committee_member = models.BooleanField(_("standing committee member"), default=False)
    user = models.OneToOneField(User, verbose_name=_("login"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="deputy")
    history = HistoricalRecords()

    objects = DeputyQuerySet.as_manager()

    class Meta:
        ordering = ["street__order", "name", "pk"]
        verbose_name = _("deputy")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("deputies")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.community_id and self.street_id and self.community.street_id != self.street_id:
            raise ValidationError({"community": _("The community must lie in the deputy's street.")})

    @property
    def is_serving(self) -> bool:
        return self.status == DeputyStatus.SERVING



class DeputyPrivate(models.Model):
    """A deputy's private details: never on a public page, export or API response."""

    deputy = models.OneToOneField(Deputy, verbose_name=_("deputy"), on_delete=models.CASCADE,
                                  related_name="private")
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_format])
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deputy private details")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("deputy private details")

    def __str__(self) -> str:
        return str(self.deputy)


class SessionKind(models.TextChoices):
    CONGRESS = "congress", _("congress session")
    STANDING_COMMITTEE = "standing_committee", _("standing committee meeting")


_CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (enough for terms, sessions and meetings)."""
    if n <= 10:
        return _CHINESE_NUMERALS[n]
    if n < 20:
        return "十" + (_CHINESE_NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CHINESE_NUMERALS[tens] + "十" + (_CHINESE_NUMERALS[ones] if ones else "")
    return str(n)


class CongressSession(models.Model):
    """An annual congress session (区人代会, 一届五次会议) or a standing committee meeting
    (常委会第N次会议) of a term."""

    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    number = models.PositiveSmallIntegerField(pgettext_lazy("ordinal", "number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("congress session or meeting")
        default_permissions = IMPORTABLE_PERMISSIONS
        verbose_name_plural = _("congress sessions and meetings")
        constraints = [
            models.UniqueConstraint(fields=["term", "kind", "number"], name="session_unique_number"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="session_dates_in_order",
                                   violation_error_message=_("A session cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_of(kind=self.kind, number=self.number, term_number=self.term.number)

    title.fget.short_description = _("title")  # the back office's column heading

    @staticmethod
    def title_of(*, kind: str, number: int, term_number: int) -> str:
        """The title of a session of `kind` and `number` in the term numbered `term_number` (a list
        read as rows names its sessions from these three columns)."""
        term = chinese_number(term_number)
        if kind == SessionKind.CONGRESS:
            return f"{term}届人大{chinese_number(number)}次会议"
        return f"{term}届人大常委会第{chinese_number(number)}次会议"


class Publication(models.Model):
    """One revision of a quarter's publication. Revision 1 is written by the scheduled task (or
    `publish_quarter`); later revisions only by an explicit staff correction with a reason. Every
    app's snapshot rows point at a revision, so a revision is published whole or not at all."""

    quarter = models.CharField(_("quarter"), max_length=7, db_index=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    reason = models.TextField(_("reason for the correction"), blank=True)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(User, verbose_name=_("published by"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    # The hash chain (congress.opendata): written once, in the publication's own transaction, and
    # never again (a PostgreSQL trigger refuses to change a sealed row).
    sequence = models.PositiveIntegerField(_("position in the chain"), null=True, blank=True, editable=False)
    previous_digest = models.CharField(_("previous revision's digest"), max_length=64, blank=True, editable=False)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-quarter", "-revision"]
        verbose_name = _("quarterly publication")
        verbose_name_plural = _("quarterly publications")
        constraints = [
            models.UniqueConstraint(fields=["quarter", "revision"], name="publication_unique_revision"),
            # One successor per revision: two publications sealed at once cannot fork the chain.
            models.UniqueConstraint(fields=["sequence"], name="publication_unique_chain_position"),
            models.CheckConstraint(condition=Q(revision=1) | ~Q(reason=""),
                                   name="publication_correction_has_reason",
                                   violation_error_message=_("A correction needs a reason.")),
        ]

    def __str__(self) -> str:
        return _("%(quarter)s, revision %(revision)s") % {"quarter": self.quarter, "revision": self.revision}

    @property
    def period(self) -> Quarter:
        return Quarter.parse(self.quarter)


class Notice(models.Model):
    """An in-site notice for a user or an organization (reminders, workflow news)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(User, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("kind"), max_length=40)
    message = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(condition=Q(organization__isnull=False) | Q(user__isnull=False),
                                   name="notice_has_recipient"),
        ]

    def __str__(self) -> str:
        return self.message[:50]


class PageVersion(models.Model):
    """An append-only log of changes to what public pages show, one row per change of a topic
    ("publication", "registry", "suggestions", …). A cached public page is keyed by the highest
    id of the topics it reads (congress.pagecache). Rows are inserted in the writer's own
    transaction, so readers see the new version exactly when they can see the new data, and an
    insert takes no lock another writer waits for."""

    topic = models.CharField(_("topic"), max_length=40)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("public page version")
        verbose_name_plural = _("public page versions")
        default_permissions = ()
        indexes = [models.Index(fields=["topic", "id"], name="congress_pageversion_topic_id")]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class AuditEvent(models.Model):
    """One line of the audit trail: who (and in which roles) did what, when, from where, in which
    request. Append-only: written by congress.audit.audit_record only, never changed or deleted
    (read-only in the back office; on PostgreSQL a trigger refuses UPDATE and DELETE).

    Never holds what a secret ballot or a rating chose: for a vote or a rating the event says that
    the deputy voted or rated, and on what, never the choice or the score."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    # The account is kept by id and name: the trail outlives renamed or removed accounts.
    actor = models.ForeignKey(User, verbose_name=_("actor"), null=True, blank=True, on_delete=models.DO_NOTHING,
                              db_constraint=False, related_name="+")
    actor_name = models.CharField(_("account"), max_length=150, blank=True, db_index=True)
    roles = models.CharField(_("roles"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    method = models.CharField(_("method"), max_length=10, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True, db_index=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        # In the district's time, as the back office's list shows it (it was UTC: 8 hours off).
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} {self.action} {self.actor_name}"


class ImportJob(models.Model):
    """A large file imported in the background (a Celery task): who sent it, through which
    resource, and how far it got. Written by congress.services.import_job_create / import_job_run
    only; the file is private (no URL) and removed once the job has finished."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    created_by = models.ForeignKey(User, verbose_name=_("sent by"), null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    resource = models.CharField(_("resource"), max_length=200)
    model_label = models.CharField(_("imported records"), max_length=100, db_index=True)
    # The name in private storage (settings.STORAGES["private"]), chosen by the service; not a
    # FileField: the file's content is checked by the import's reader (congress.importing), which
    # knows CSV and XLSX, not by the upload validator of photos and documents.
    stored_name = models.CharField(_("stored file"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    # [{"line": 4, "reason": "…"}]; line None is about the whole file (its columns, a limit).
    errors = models.JSONField(_("bad rows"), default=list, blank=True)
    totals = models.JSONField(_("totals"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Touched with every progress step: a "running" job whose heartbeat is old lost its worker.
    heartbeat_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
