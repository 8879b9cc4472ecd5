"""The second factor of the accounts that reach the back office (django-otp).

Who is asked, and when (the gate is `congress.middleware.SecondFactorMiddleware`):

- office staff and superusers (`second_factor_required`): right after the password, every page but
  the code pages, the logout and the language switch sends them to the code page until they give
  a code of their authenticator app (TOTP) or a recovery code;
- every other back-office account (unit handlers, organ liaisons, station staff): only when they
  open the back office (`/admin/`); their own pages on the site ask nothing more;
- deputies and committee members: never.

An account with no confirmed authenticator is sent to enrolment first (QR code drawn here as SVG,
the secret as text, confirmed with one code), and gets ten one-time recovery codes, shown once.

Wrong codes are throttled by django-otp on every device of the account (1, 2, 4, 8 … seconds,
`settings.OTP_TOTP_THROTTLE_FACTOR`); a refused attempt is still counted and audited, so the code
services below commit their attempt before raising (see `_attempt`)."""

from __future__ import annotations

import math
import re
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.audit import Action, audit_record
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.guards import is_staff

RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


class CodeThrottled(DomainError):
    """Too many wrong codes in a row: the account's devices refuse every code for a while."""

    status_code = 429


# --- who is asked ---------------------------------------------------------------------------------

def second_factor_required(user) -> bool:
    """Office staff and superusers give a second factor right after the password."""
    return is_staff(user)


def second_factor_allowed(user) -> bool:
    """The accounts that may reach the back office, and so enrol an authenticator."""
    return bool(user is not None and user.is_authenticated and user.is_active
                and (user.is_staff or second_factor_required(user)))


def _require_allowed(user) -> None:
    if not second_factor_allowed(user):
        raise NotPermitted(_("Only accounts of the back office use a second factor."))


# --- reads ------------------------------------------------------------------------------------------

def totp_device_of(user, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def recovery_device_of(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@dataclass(frozen=True)
class SecondFactorStatus:
    authenticator: TOTPDevice | None
    recovery_codes_left: int


def second_factor_status(*, user) -> SecondFactorStatus:
    """What the account's security page shows: the authenticator and how many recovery codes are left."""
    recovery = recovery_device_of(user)
    return SecondFactorStatus(authenticator=totp_device_of(user),
                              recovery_codes_left=recovery.token_set.count() if recovery else 0)


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> SafeString:
    """The enrolment QR code (the device's otpauth:// URL) as inline SVG markup, drawn by the portal
    itself: no image service sees the secret, and the markup has no style attribute (CSP)."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr-code",
                        title=_("QR code of the authenticator's secret"))
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the URL inside is escaped by it


def throttle_wait_seconds(devices) -> int:
    """Seconds until the account's devices accept a code again (0: now)."""
    wait = 0
    now = timezone.now()
    for device in devices:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            wait = max(wait, math.ceil((info["locked_until"] - now).total_seconds()))
    return wait


# --- writes -----------------------------------------------------------------------------------------

def normalise_code(code: str) -> str:
    """Codes are typed on phones: spaces and dashes dropped, recovery codes in lower case."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def _throttled_message(seconds: int) -> str:
    return ngettext("Too many wrong codes. Wait %(seconds)s second, then try again.",
                    "Too many wrong codes. Wait %(seconds)s seconds, then try again.", seconds) % {"seconds": seconds}


@dataclass
class _Outcome:
    device: Device | None = None
    refusal: DomainError | None = None


def _attempt(user, devices: list[Device], code: str, *, action_failed: str) -> _Outcome:
    """Try `code` on the account's devices (locked), counting a failure on every one of them so that
    switching between the app's codes and recovery codes gains no attempts. Runs inside the caller's
    atomic block, which commits even when the code is refused: the count and the failure event
    must outlive the refusal."""
    wait = throttle_wait_seconds(devices)
    if wait:
        audit_record(action=action_failed, actor=user, detail={"reason": "throttled", "wait_seconds": wait})
        return _Outcome(refusal=CodeThrottled(_throttled_message(wait), field="code"))
    code = normalise_code(code)
    matched, tried = None, []
    for device in devices:
        # Six digits can only be the app's code; anything else only a recovery code.
        fits = (code.isdigit() and len(code) == device.digits) if isinstance(device, TOTPDevice) else True
        if fits:
            tried.append(device)  # verify_token counts its own failure
            if device.verify_token(code):
                matched = device
                break
    for device in devices:
        if device is matched:
            continue
        if matched is not None:
            device.throttle_reset()
        elif device not in tried:
            device.throttle_increment()
    if matched is None:
        failures = max((d.throttling_failure_count for d in devices), default=0)
        audit_record(action=action_failed, actor=user, detail={"reason": "wrong_code", "failures": failures})
        return _Outcome(refusal=DomainError(_("This code is not right. Check the time on your phone and "
                                              "type the code the app shows now."), field="code"))
    return _Outcome(device=matched)


def _recovery_codes_make(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME,
                                                          defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.throttle_reset()
    return codes


@transaction.atomic
def totp_device_begin(*, user) -> TOTPDevice:
    """An account of the back office without an authenticator: its pending (unconfirmed) device with
    a new secret, made once (opening the enrolment page again shows the same secret). The account
    itself."""
    _require_allowed(user)
    if has_authenticator(user):
        raise StateConflict(_("Your authenticator is already set up."))
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user, code: str) -> list[str]:
    """The pending device + a code the app shows → confirmed, and ten new recovery codes, returned
    to be shown once. The account itself. A wrong code is refused (DomainError) but stays counted by
    the throttle and recorded: not one transaction with the refusal, see `_attempt`."""
    _require_allowed(user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            outcome = _Outcome(refusal=StateConflict(_("Open the set-up page again: there is no authenticator "
                                                       "waiting to be confirmed.")))
        else:
            outcome = _attempt(user, [device], code, action_failed=Action.SECOND_FACTOR_FAILED)
        if outcome.device is not None:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _recovery_codes_make(user)
            audit_record(action=Action.SECOND_FACTOR_ENROLLED, actor=user, target=user,
                         detail={"recovery_codes": RECOVERY_CODE_COUNT})
    if outcome.refusal is not None:
        raise outcome.refusal
    return codes


def second_factor_verify(*, user, code: str) -> Device:
    """A code of the account's authenticator, or one of its recovery codes (used up), after the
    password: returns the device that accepted it (the view marks the session verified). The
    account itself. Refused codes raise DomainError (throttled: CodeThrottled, 429) and stay counted
    and recorded: not one transaction with the refusal, see `_attempt`."""
    _require_allowed(user)
    with transaction.atomic():
        devices = [*TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"),
                   *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk")]
        if not any(isinstance(device, TOTPDevice) for device in devices):
            outcome = _Outcome(refusal=StateConflict(_("Set up your authenticator first.")))
        else:
            outcome = _attempt(user, devices, code, action_failed=Action.SECOND_FACTOR_FAILED)
        if outcome.device is not None:
            recovery = isinstance(outcome.device, StaticDevice)
            detail = {"device": "recovery_code" if recovery else "authenticator"}
            if recovery:
                detail["recovery_codes_left"] = outcome.device.token_set.count()
            audit_record(action=Action.SECOND_FACTOR_VERIFIED, actor=user, detail=detail)
    if outcome.refusal is not None:
        raise outcome.refusal
    return outcome.device


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Replace the account's recovery codes with ten new ones (the old ones stop working), returned
    to be shown once. The account itself, in a session verified with its second factor."""
    _require_allowed(user)
    if not has_authenticator(user):
        raise StateConflict(_("Set up your authenticator first."))
    codes = _recovery_codes_make(user)
    audit_record(action=Action.RECOVERY_CODES_REGENERATED, actor=user, target=user,
                 detail={"recovery_codes": RECOVERY_CODE_COUNT})
    return codes


@transaction.atomic
def second_factor_reset(*, user, reset_by) -> None:
    """Remove an account's authenticator and recovery codes (a lost phone): its next visit to the
    back office enrols a new one. Office staff, for another account (a superuser's only by a
    superuser)."""
    if not is_staff(reset_by):
        raise NotPermitted(_("Only committee office staff may do this."))
    if reset_by.pk == user.pk:
        raise NotPermitted(_("Ask another member of the office to reset your own second factor."))
    if user.is_superuser and not reset_by.is_superuser:
        raise NotPermitted(_("Only a superuser may reset a superuser's second factor."))
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    if removed:
        audit_record(action=Action.SECOND_FACTOR_RESET, actor=reset_by, target=user)


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the account's app shows at the Unix time `at` (now): for `manage.py demo_totp` and
    the tests, never for a page."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"
