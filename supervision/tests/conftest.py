import pytest

from congress.tests.factories import staff_user
from supervision.tests.factories import organ, organ_user


@pytest.fixture
def staff(db):
    return staff_user()


@pytest.fixture
def procuratorate(db):
    return organ(name="区人民检察院测试")


@pytest.fixture
def audit_bureau(db):
    from congress.models import OrganizationKind

    return organ(kind=OrganizationKind.AUDIT_BUREAU, name="区审计局测试")


@pytest.fixture
def liaison(procuratorate):
    return organ_user(procuratorate)


@pytest.fixture(autouse=True)
def _english_messages():
    """Services' messages in English where a test calls them directly; pages and the API choose
    their language per request (Chinese by default) whatever this says."""
    from django.utils import translation

    with translation.override("en"):
        yield
