"""On a draft meeting's page, station staff find a deputy from outside the station by name to tick
as present; a query the directory's search refuses (a NUL character, over 40 characters) finds
no one more and is no error."""

import pytest

from congress.tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


def test_a_deputy_from_elsewhere_is_found_by_name(client, draft_meeting, station_login):
    visitor = DeputyFactory(name="诸葛远航")
    client.force_login(station_login)
    page = client.get(f"/liaison/meetings/{draft_meeting.pk}/", {"q": "诸葛"}).content.decode()
    assert f'value="{visitor.pk}"' in page and visitor.name in page


@pytest.mark.parametrize("query", ["诸葛\x00", "诸葛" + "x" * 40])
def test_a_refused_query_finds_no_one_more(client, draft_meeting, station_login, query):
    visitor = DeputyFactory(name="诸葛远航")
    client.force_login(station_login)
    response = client.get(f"/liaison/meetings/{draft_meeting.pk}/", {"q": query})
    assert response.status_code == 200
    assert visitor.name not in response.content.decode()
