"""A user's own pages (their unit's contact sheets, their notices) run the same number of SQL
queries at 10 and at 100 rows."""

import pytest

from congress.models import Notice
from congress.tests.factories import OrganizationContactFactory, OrganizationFactory, staff_user, unit_user
from congress.tests.test_query_counts import queries

pytestmark = pytest.mark.django_db


def add_notices(organization, user, count):
    Notice.objects.bulk_create(
        [Notice(organization=organization, kind="reminder", message=f"答复即将到期 {i}") for i in range(count)]
        + [Notice(user=user, kind="grade", message=f"请评价 {i}") for i in range(count)])


def test_the_notice_list_does_not_grow_with_the_notices(client):
    unit = OrganizationFactory()
    user = unit_user(unit)
    client.force_login(user)
    add_notices(unit, user, 5)
    small = queries(client, "/my/notices/")
    add_notices(unit, user, 45)
    large = queries(client, "/my/notices/")
    assert len(large) == len(small)
    page = client.get("/my/notices/").content.decode()
    assert page.count("<time ") == 50, "a page shows 50 notices"
    assert "答复即将到期" in page and "请评价" in page


def test_the_contact_sheets_page_does_not_grow_with_the_units(client):
    client.force_login(staff_user())
    for _ in range(10):
        OrganizationContactFactory()
    small = queries(client, "/my/unit/")
    for _ in range(90):
        OrganizationContactFactory()
    assert len(queries(client, "/my/unit/")) == len(small)
