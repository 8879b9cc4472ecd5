"""Every public page and API list runs the same number of SQL queries at 10 and at 100 rows: no
query per row (N+1) anywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.tests.factories import (
    CommunityFactory,
    CongressSessionFactory,
    DeputyFactory,
    DeputyPrivateFactory,
    OrganizationFactory,
    StreetFactory,
    TermFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


def build(n: int) -> None:
    term = TermFactory(number=1)
    streets = [StreetFactory() for _ in range(n)]
    communities = [CommunityFactory(street=streets[i % n]) for i in range(n)]
    for i in range(n):
        deputy = DeputyFactory(term=term, community=communities[i], street=communities[i].street,
                               is_committee_member=i % 3 == 0)
        DeputyPrivateFactory(deputy=deputy)
        OrganizationFactory()
        CongressSessionFactory(term=term)


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in context.captured_queries]


def first_deputy_url() -> str:
    from congress.models import Deputy

    return f"/deputies/{Deputy.objects.order_by('pk').first().pk}/"


PAGES = [
    "/",
    "/deputies/",
    "/deputies/?q=代表",
    "/deputies/?page=2",
    "profile",
    "/api/v1/deputies/",
    "/api/v1/streets/",
    "/api/v1/communities/",
    "/api/v1/organizations/",
    "/api/v1/sessions/",
    "/api/v1/terms/",
]


@pytest.mark.parametrize("url", [u for u in PAGES if u != "/deputies/?page=2"])
def test_a_public_page_runs_as_many_queries_for_100_rows_as_for_10(client, url):
    build(10)
    target = first_deputy_url() if url == "profile" else url
    small = queries(client, target)
    build(90)  # now 100 of everything
    target = first_deputy_url() if url == "profile" else url
    large = queries(client, target)
    assert len(large) == len(small), "\n".join(large)


def test_the_directory_lists_a_page_of_40_in_the_same_queries_as_10(client):
    build(10)
    small = queries(client, "/deputies/")
    build(90)
    page_one, page_two = queries(client, "/deputies/"), queries(client, "/deputies/?page=2")
    assert len(page_one) == len(small) == len(page_two)


def test_the_contact_sheets_list_runs_as_many_queries_for_100_rows_as_for_10(client):
    from congress.tests.factories import OrganizationContactFactory, staff_user

    client.force_login(staff_user())
    for _ in range(10):
        OrganizationContactFactory()
    small = queries(client, "/api/v1/organization-contacts/")
    admin_small = queries(client, "/admin/congress/organizationcontact/")
    for _ in range(90):
        OrganizationContactFactory()
    assert len(queries(client, "/api/v1/organization-contacts/")) == len(small)
    assert len(queries(client, "/admin/congress/organizationcontact/")) == len(admin_small)


@pytest.mark.parametrize("model", ["deputy", "community", "organization", "congresssession", "deputyprivate",
                                   "street", "user"])
def test_admin_lists_run_as_many_queries_for_100_rows_as_for_10(client, model):
    from congress.tests.factories import UserFactory, staff_user

    client.force_login(staff_user())
    build(10)
    for _ in range(10):
        UserFactory()
    small = queries(client, f"/admin/congress/{model}/")
    build(90)
    for _ in range(90):
        UserFactory()
    large = queries(client, f"/admin/congress/{model}/")
    assert len(large) == len(small), "\n".join(large)
