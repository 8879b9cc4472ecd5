"""Wrong codes are throttled: after each one every device of the account (the app and the recovery
codes alike) refuses all codes for 1, 2, 4, 8 … seconds, and the page says how long to wait. A
refused attempt is counted and recorded even though the page refuses it."""

from datetime import timedelta

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.audit import Action
from congress.models import AuditEvent
from congress.second_factor import _recovery_codes_make, totp_code
from congress.testing import fresh_totp_code, totp_device_for
from congress.tests.factories import staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]

VERIFY = "/accounts/second-factor/verify/"


def wrong(device) -> str:
    return f"{(int(totp_code(device)) + 500_000) % 10**6:06d}"


def time_passes(user, seconds: int) -> None:
    """The lock is measured from the last failure: move it into the past."""
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user).exclude(throttling_failure_timestamp=None):
            device.throttling_failure_timestamp -= timedelta(seconds=seconds)
            device.save(update_fields=["throttling_failure_timestamp"])


@pytest.fixture
def staff(client):
    user = staff_user()
    device = totp_device_for(user)
    codes = _recovery_codes_make(user)
    client.force_login(user)
    return user, device, codes


def test_after_a_wrong_code_even_the_right_one_waits_and_the_page_says_so(client, staff):
    user, device, codes = staff
    assert client.post(VERIFY, {"code": wrong(device)}).status_code == 400
    refused = client.post(VERIFY, {"code": fresh_totp_code(device)})
    assert refused.status_code == 429
    assert "1 秒" in refused.content.decode() or "1 second" in refused.content.decode()
    assert client.post(VERIFY, {"code": codes[0], "recovery": "1"}).status_code == 429, "recovery codes wait too"
    assert client.get("/admin/").status_code == 302

    time_passes(user, 2)
    response = client.post(VERIFY, {"code": fresh_totp_code(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.throttling_failure_count == 0 and StaticDevice.objects.get(user=user).throttling_failure_count == 0


def test_the_wait_doubles_with_each_wrong_code(client, staff):
    user, device, codes = staff
    for expected_count in (1, 2, 3):
        assert client.post(VERIFY, {"code": wrong(device)}).status_code == 400
        device.refresh_from_db()
        assert device.throttling_failure_count == expected_count
        assert StaticDevice.objects.get(user=user).throttling_failure_count == expected_count
        time_passes(user, 2 ** (expected_count - 1))
    assert client.post(VERIFY, {"code": "abcdefgh", "recovery": "1"}).status_code == 400
    page = client.post(VERIFY, {"code": codes[0], "recovery": "1"}).content.decode()
    assert "8 秒" in page  # the fourth wrong code locks for 8 seconds


def test_every_refusal_is_recorded_without_the_code(client, staff):
    user, device, _codes = staff
    tried = wrong(device)
    client.post(VERIFY, {"code": tried})
    client.post(VERIFY, {"code": tried})
    events = list(AuditEvent.objects.filter(action=Action.SECOND_FACTOR_FAILED).order_by("pk"))
    assert [event.detail["reason"] for event in events] == ["wrong_code", "throttled"]
    assert all(event.actor == user and tried not in str(event.detail) for event in events)


def test_enrolment_is_throttled_too(client):
    user = staff_user()
    client.force_login(user)
    client.get("/accounts/second-factor/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/accounts/second-factor/setup/", {"code": wrong(device)}).status_code == 400
    assert client.post("/accounts/second-factor/setup/", {"code": totp_code(device)}).status_code == 429
