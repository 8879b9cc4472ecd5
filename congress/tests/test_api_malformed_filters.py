"""A malformed filter of a public API list is a 400 with a message, as the README promises, not
an answer for everything as if it had not been asked: a yes/no filter given a word, a year given
letters or a negative number."""

import pytest

from congress.tests.factories import DeputyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/api/v1/deputies/?is_committee_member=abc",
    "/api/v1/deputies/?is_committee_member=1",
    "/api/v1/supervision/statistics/?year=abc",
    "/api/v1/supervision/statistics/?year=-1",
    "/api/v1/projects/key-projects/?year=abc",
])
def test_a_malformed_filter_is_refused_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400
    name = url.split("?")[1].split("=")[0]
    assert list(response.json()) == [name] and response.json()[name][0]  # the parameter, named, with why


def test_the_message_says_what_to_give(client):
    assert client.get("/api/v1/deputies/?is_committee_member=abc").json() == {
        "is_committee_member": ["请填写 true 或 false。"]}


def test_a_well_formed_filter_still_filters(client):
    DeputyFactory(is_committee_member=True), DeputyFactory(is_committee_member=False)
    rows = client.get("/api/v1/deputies/?is_committee_member=true").json()["results"]
    assert len(rows) == 1
    assert client.get("/api/v1/supervision/statistics/?year=2020").json()["year"] == 2020
    assert client.get("/api/v1/projects/key-projects/?year=2020").status_code == 200
