"""The open-data page and the revisions API run the same number of queries at any number of
published revisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.periods import Quarter
from congress.services import quarter_publish


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/open-data/", "/api/v1/publications/"])
def test_same_queries_at_two_sizes(district, client, url):
    quarter_publish(quarter=Quarter(2020, 1))
    small = count(client, url)
    for number in (2, 3, 4):
        quarter_publish(quarter=Quarter(2020, number))
    from django.core.cache import cache

    cache.clear()
    assert count(client, url) == small
