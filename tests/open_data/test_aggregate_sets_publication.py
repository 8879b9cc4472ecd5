"""The directory, ballot and rating data sets: the deputy directory carries no private detail in
any channel; a ballot's and a rating session's results are totals only, in no channel while the
ballot or session is open and in every channel once staff close it, never naming who voted how."""

import pytest

from congress.tests.factories import DeputyFactory, staff_user

from .conftest import channels_with, data_set

ALL = ["page", "csv", "xlsx", "api"]


@pytest.mark.django_db
def test_the_deputy_directory_shows_public_fields_in_every_channel_and_private_ones_in_none(client):
    from congress.models import DeputyPrivate

    deputy = DeputyFactory(name="开放数据名册代表")
    private = DeputyPrivate.objects.create(deputy=deputy, phone="13987654321", id_number="44030019800101123X",
                                           address="开放数据路1号")
    assert channels_with(client, "deputies", deputy.name) == ALL
    for detail in (private.phone, private.id_number, private.address):
        assert channels_with(client, "deputies", detail) == []


@pytest.mark.django_db
def test_a_ballot_result_is_in_no_channel_while_open_and_in_all_once_closed(client):
    from projects.services import ballot_cast, ballot_close
    from projects.tests.factories import ballot_with, paper

    staff = staff_user()
    ballot, voters = ballot_with(candidates=3, seats=2, voters=3, status="open", staff=staff)
    for user in voters:
        ballot_cast(ballot=ballot, choices=paper(ballot, 1, 2), cast_by=user)
    assert data_set("projects-ballot-results").links() is None
    assert client.get(f"/api/v1/projects/ballots/{ballot.pk}/").json()["results"] == []
    ballot_close(ballot=ballot, closed_by=staff)
    for candidacy in ballot.candidacies.select_related("project"):
        assert channels_with(client, "projects-ballot-results", candidacy.project.title) == ALL
    for user in voters:
        assert channels_with(client, "projects-ballot-results", user.deputy.name) == []


@pytest.mark.django_db
def test_rating_results_are_in_no_channel_while_open_and_totals_in_all_once_closed(client):
    from appointees.services import (
        rating_ballot_submit,
        rating_session_close,
        rating_session_create,
        rating_session_open,
    )
    from appointees.tests.factories import MeetingFactory, department_heads, member_user

    staff = staff_user()
    members = [member_user() for _ in range(3)]
    officials = department_heads(2)
    session = rating_session_create(title="开放数据测评", year=2020, meeting=MeetingFactory(), officials=officials,
                                    members=[m.deputy for m in members], created_by=staff)
    session = rating_session_open(session=session, opened_by=staff)
    ids = list(session.officials.order_by("order").values_list("appointee_id", flat=True))
    for member in members:
        rating_ballot_submit(session=session, user=member, choices=dict.fromkeys(ids, "satisfied"))
    assert data_set("appointees-rating-results").links() is None
    assert client.get(f"/api/v1/appointees/ratings/{session.pk}/results/").status_code == 404
    rating_session_close(session=session, closed_by=staff)
    for official in officials:
        assert channels_with(client, "appointees-rating-results", official.name) == ALL
    for member in members:
        assert channels_with(client, "appointees-rating-results", member.deputy.name) == []
