"""The demo's back-office logins share a fixed, printed demo secret; `manage.py demo_totp` prints
their current code (and refuses any account whose secret is not the demo's); deputies get none."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from congress.demo import DEMO_TOTP_SECRET, demo_second_factor_notice, seed_demo_second_factor
from congress.roles import Role
from congress.second_factor import second_factor_verify
from congress.testing import totp_device_for
from congress.tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_demo_back_office_logins_get_the_demo_secret_once_and_it_is_printed():
    staff = staff_user(username="staff")
    UserFactory(username="deputy", role=Role.DEPUTY)
    seed_demo_second_factor()
    seed_demo_second_factor()
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed and not TOTPDevice.objects.filter(user__username="deputy").exists()
    notice = "\n".join(demo_second_factor_notice())
    assert "DEMO ONLY" in notice and DEMO_TOTP_SECRET in notice and "otpauth://totp/" in notice
    assert f"secret={DEMO_TOTP_SECRET}" in device.config_url

    out = io.StringIO()
    call_command("demo_totp", "staff", stdout=out, stderr=io.StringIO())
    assert second_factor_verify(user=staff, code=out.getvalue().strip()) == device


def test_demo_totp_shows_no_code_of_a_real_secret():
    totp_device_for(staff_user(username="real"))
    with pytest.raises(CommandError, match="demo secret"):
        call_command("demo_totp", "real", stdout=io.StringIO(), stderr=io.StringIO())
