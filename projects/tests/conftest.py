import pytest

from congress.tests.factories import staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def rules(db):
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """These tests create many deputy logins; a fast hasher keeps them quick (no test here is about hashing)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
