"""No record, page, export, log or API response links a deputy to their choices."""

import logging

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from projects.models import BallotReceipt, Candidacy, SatisfactionReceipt, SatisfactionTally
from projects.services import ballot_cast, ballot_close
from projects.tests.factories import ballot_with, paper

pytestmark = pytest.mark.django_db


def test_who_voted_and_how_share_nothing_in_the_schema():
    receipt_fields = {f.name for f in BallotReceipt._meta.concrete_fields}
    assert receipt_fields == {"id", "ballot", "deputy"}, "no timestamp, no paper id on the receipt"
    counter_fields = {f.name for f in Candidacy._meta.concrete_fields}
    assert not any(f.get_internal_type() in ("DateTimeField", "DateField") for f in Candidacy._meta.concrete_fields)
    assert "deputy" not in counter_fields and not hasattr(Candidacy, "history")
    assert {f.name for f in SatisfactionReceipt._meta.concrete_fields} == {"id", "survey", "deputy"}
    assert not hasattr(SatisfactionTally, "history")
    related = {f.related_model for f in BallotReceipt._meta.get_fields() if f.is_relation}
    assert Candidacy not in related


def test_the_database_holds_only_sums_after_casting(staff):
    ballot, users = ballot_with(candidates=3, seats=1, voters=2, status="open", staff=staff)
    ballot_cast(ballot=ballot, choices=paper(ballot, 1, oppose=[2]), cast_by=users[0])
    ballot_cast(ballot=ballot, choices=paper(ballot, 2, oppose=[1]), cast_by=users[1])
    # Two different papers give counters from which neither paper can be told apart.
    assert list(ballot.candidacies.order_by("order").values_list("approvals", "oppositions", "abstentions")) == [
        (1, 1, 0), (1, 1, 0), (0, 0, 2)]


def test_the_cast_answer_the_session_and_the_logs_say_nothing_of_the_choices(client, staff, caplog):
    ballot, users = ballot_with(candidates=3, seats=1, status="open", staff=staff)
    client.force_login(users[0])
    choices = [{"candidate": pk, "choice": value} for pk, value in paper(ballot, 3, oppose=[1]).items()]
    with caplog.at_level(logging.DEBUG):
        response = client.post(reverse("projects-api:ballot-cast", args=[ballot.pk]), {"choices": choices},
                               content_type="application/json")
    assert response.status_code == 201 and response.json() == {"cast": True}
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "approve" not in logged and "oppose" not in logged

    # the site's draft is gone from the stored session once cast
    client.post(reverse("projects:vote", args=[ballot.pk]), {})  # already voted: no draft is kept
    for session in Session.objects.all():
        assert "projects-ballot-draft" not in str(session.get_decoded())


def test_pages_exports_and_the_api_show_sums_only(client, staff):
    ballot, users = ballot_with(candidates=3, seats=1, voters=3, status="open", staff=staff)
    for user, approved in zip(users, (1, 1, 2), strict=True):
        ballot_cast(ballot=ballot, choices=paper(ballot, approved), cast_by=user)
    names = [user.deputy.name for user in users]

    # while open: turnout only, no running count anywhere public
    open_page = client.get(reverse("projects:ballot", args=[ballot.pk])).content.decode()
    assert "3 (" in open_page or "3 / " in open_page
    assert client.get(reverse("projects-api:ballot", args=[ballot.pk])).json()["results"] == []
    ballot_close(ballot=ballot, closed_by=staff)

    bodies = [
        client.get(reverse("projects:ballot", args=[ballot.pk])).content.decode(),
        client.get(reverse("projects:ballot", args=[ballot.pk]), {"format": "csv"}).content.decode("utf-8-sig"),
        client.get(reverse("projects:ballot", args=[ballot.pk]), {"format": "json"}).content.decode(),
        client.get(reverse("projects:projector", args=[ballot.pk])).content.decode(),
        client.get(reverse("projects:projector-data", args=[ballot.pk])).content.decode(),
        client.get(reverse("projects-api:ballot", args=[ballot.pk])).content.decode(),
        client.get(reverse("projects-api:ballots")).content.decode(),
    ]
    for body in bodies:
        assert not any(name in body for name in names), "no voter's name on a public page, export or API"
    for user in users:
        client.force_login(user)
        page = client.get(reverse("projects:my-ballots")).content.decode()
        assert "approve" not in page and "赞成" not in page

    # the back office shows who voted (turnout) and the closed counters, never side by side per deputy
    client.force_login(staff)
    receipts = client.get(reverse("admin:projects_ballotreceipt_changelist")).content.decode()
    assert all(name in receipts for name in names)
    assert "approvals" not in receipts and "赞成票" not in receipts
