"""The whole site, with every app's navigation, home figures and profile sections registered:
the shared pages still run the same number of queries at 10 and at 100 deputies."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import Deputy
from congress.tests.factories import CommunityFactory, DeputyFactory, StreetFactory, TermFactory

pytestmark = pytest.mark.django_db


def add_deputies(n: int) -> None:
    term = TermFactory(number=1)
    for _ in range(n):
        community = CommunityFactory(street=StreetFactory())
        DeputyFactory(term=term, community=community, street=community.street)


def count(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), [q["sql"] for q in context.captured_queries]


@pytest.mark.parametrize("url", ["/", "/deputies/", "profile", "/api/v1/deputies/"])
def test_shared_pages_do_not_grow_with_the_rows(client, url):
    def target():
        return f"/deputies/{Deputy.objects.order_by('pk').first().pk}/" if url == "profile" else url

    add_deputies(10)
    small, _ = count(client, target())
    add_deputies(90)
    large, sql = count(client, target())
    assert large == small, "\n".join(sql)
