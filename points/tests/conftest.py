import pytest

from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion


@pytest.fixture
def rules(db):
    """The default rules of the data migration, by code (re-created after a flush)."""
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def deputy(db):
    return DeputyFactory()


@pytest.fixture
def deputy_login(deputy):
    return deputy_user(deputy)


@pytest.fixture
def english():
    """Messages in English (the portal's default language is Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield
