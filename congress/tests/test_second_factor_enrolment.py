"""Enrolment: an account of the back office without an authenticator sees a QR code the portal
draws itself (inline SVG, no image service, no style attribute) and the secret as text, confirms it
with one code, and gets ten recovery codes shown once; each recovery code replaces the app's code
once, and new ones can be made (the old ones then stop working)."""

import re
from base64 import b32encode

import pytest
import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.audit import Action
from congress.errors import NotPermitted
from congress.models import AuditEvent
from congress.second_factor import second_factor_reset, totp_code
from congress.testing import fresh_totp_code
from congress.tests.factories import deputy_user, staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]

SETUP = "/accounts/second-factor/setup/"
VERIFY = "/accounts/second-factor/verify/"
CODES = "/accounts/second-factor/recovery-codes/"


def enrol(client, user) -> list[str]:
    """Open the set-up page, confirm with the app's code; the recovery codes the page shows."""
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": totp_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    page = client.get(response["Location"]).content.decode()
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


def log_in_again(client, username: str) -> None:
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": username, "password": "pw-for-tests-1"})


def test_the_set_up_page_draws_the_qr_code_itself_and_shows_the_secret(client):
    staff = staff_user()
    client.force_login(staff)
    response = client.get(SETUP)
    page = response.content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    expected = segno.make(device.config_url, error="m")
    assert svg.count("<path") >= 1 and 'class="qr-code"' in svg
    assert expected.svg_inline(scale=4, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr-code",
                               title=re.search(r"<title>(.*?)</title>", svg).group(1)) == svg
    assert "http" not in svg and "<img" not in page and "style=" not in page
    secret = b32encode(device.bin_key).decode().rstrip("=")
    assert re.sub(r"\s", "", re.search(r"data-secret>([A-Z2-7 ]+)<", page).group(1)) == secret
    assert device.config_url.startswith("otpauth://totp/") and f"secret={secret}" in device.config_url
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff).count() == 1, "opening the page again keeps the same secret"


def test_a_code_of_the_app_confirms_it_and_the_recovery_codes_are_shown_once(client):
    staff = staff_user()
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post(SETUP, {"code": f"{(int(totp_code(device)) + 1) % 10**6:06d}"})
    assert wrong.status_code == 400 and not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    device.throttling_failure_count = 0
    device.save(update_fields=["throttling_failure_count"])

    response = client.post(SETUP, {"code": totp_code(device), "next": "/admin/"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.content.decode())
    assert len(set(codes)) == 10 and "no-store" in page["Cache-Control"]
    assert client.get(CODES)["Location"] == "/accounts/second-factor/", "shown once"
    assert client.get("/admin/").status_code == 200, "the session is verified by the enrolment"
    assert AuditEvent.objects.get(action=Action.SECOND_FACTOR_ENROLLED).actor == staff
    assert not any(code in str(event.detail) for event in AuditEvent.objects.all() for code in codes)


def test_a_recovery_code_replaces_the_apps_code_once(client):
    staff = staff_user(username="wu")
    codes = enrol(client, staff)
    log_in_again(client, "wu")
    response = client.post(f"{VERIFY}?recovery=1", {"code": codes[0].upper(), "recovery": "1", "next": "/admin/"},
                           follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/admin/"
    assert "9" in response.content.decode()  # "9 are left"
    event = AuditEvent.objects.filter(action=Action.SECOND_FACTOR_VERIFIED).latest("pk")
    assert event.detail == {"device": "recovery_code", "recovery_codes_left": 9}

    log_in_again(client, "wu")
    assert client.post(VERIFY, {"code": codes[0], "recovery": "1"}).status_code == 400, "used up"
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client):
    staff = staff_user(username="qian")
    old = enrol(client, staff)
    response = client.post("/accounts/second-factor/recovery-codes/new/")
    assert response["Location"] == f"{CODES}?next=/accounts/second-factor/"
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert AuditEvent.objects.filter(action=Action.RECOVERY_CODES_REGENERATED, actor=staff).count() == 1
    log_in_again(client, "qian")
    assert client.post(VERIFY, {"code": old[1]}).status_code == 400


def test_only_a_verified_session_makes_new_recovery_codes(client):
    staff = staff_user(username="sun")
    enrol(client, staff)
    log_in_again(client, "sun")
    response = client.post("/accounts/second-factor/recovery-codes/new/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert not AuditEvent.objects.filter(action=Action.RECOVERY_CODES_REGENERATED).exists()


def test_a_lost_phone_is_reset_by_another_member_of_the_office(client):
    staff, colleague = staff_user(username="zheng"), staff_user()
    enrol(client, staff)
    with pytest.raises(NotPermitted):
        second_factor_reset(user=staff, reset_by=staff)
    with pytest.raises(NotPermitted):
        second_factor_reset(user=staff, reset_by=deputy_user())
    second_factor_reset(user=staff, reset_by=colleague)
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert AuditEvent.objects.get(action=Action.SECOND_FACTOR_RESET).actor == colleague
    log_in_again(client, "zheng")
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_the_code_page_accepts_the_apps_code_with_spaces(client):
    staff = staff_user(username="feng")
    enrol(client, staff)
    log_in_again(client, "feng")
    code = fresh_totp_code(TOTPDevice.objects.get(user=staff))
    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_back_office_resets_a_colleagues_second_factor_with_an_action(client):
    staff, colleague = staff_user(username="chu"), staff_user()
    enrol(client, staff)
    enrol(client, colleague)  # the colleague's session, verified by the enrolment
    response = client.post("/admin/congress/user/", {"action": "reset_second_factor", "_selected_action": [staff.pk]},
                           follow=True)
    assert response.status_code == 200 and "需重新设置两步验证" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()
