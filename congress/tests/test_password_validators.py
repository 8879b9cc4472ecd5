"""Passwords are checked by Django's validators: too short, too common, all digits or too like the
account's name are refused."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from congress.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", ["short", "12345678901", "password123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_account_name_is_refused():
    with pytest.raises(ValidationError):
        validate_password("zhangwei-portal", UserFactory(username="zhangwei-portal"))


def test_a_strong_password_passes():
    validate_password("Renda-portal-2026")
