"""Rating on the member's page: who may rate, changing choices until submitting, one ballot,
results at once on close against hand-computed figures, on the projector, public pages and API."""

import pytest
from django.urls import reverse

from appointees.models import Ballot, RatingOfficial
from appointees.services import rating_ballot_submit, rating_session_close, rating_session_open
from appointees.tests.factories import member_user
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.tests.factories import DeputyFactory, deputy_user

pytestmark = pytest.mark.django_db


def officials_of(session):
    return list(session.officials.order_by("order").values_list("appointee_id", flat=True))


def choose(session, *choices):
    return dict(zip(officials_of(session), choices, strict=True))


def counters(session):
    return list(RatingOfficial.objects.filter(session=session).order_by("order")
                .values_list("satisfied", "basically_satisfied", "unsatisfied"))


def test_a_non_member_an_absent_member_staff_and_a_closed_session_cannot_rate(open_session, staff):
    ballot = choose(open_session, "satisfied", "satisfied", "satisfied")
    for user in (deputy_user(), staff, member_user(DeputyFactory(is_committee_member=False))):
        with pytest.raises(NotPermitted):
            rating_ballot_submit(session=open_session, user=user, choices=ballot)
    absent = member_user()
    with pytest.raises(NotPermitted, match="出席|present"):
        rating_ballot_submit(session=open_session, user=absent, choices=ballot)
    present = open_session.members.first().deputy.user
    rating_session_close(session=open_session, closed_by=staff)
    with pytest.raises(StateConflict):
        rating_ballot_submit(session=open_session, user=present, choices=ballot)
    assert not Ballot.objects.exists()
    assert counters(open_session) == [(0, 0, 0)] * 3


def test_an_incomplete_or_invalid_ballot_is_refused(open_session, members):
    ids = officials_of(open_session)
    with pytest.raises(DomainError):
        rating_ballot_submit(session=open_session, user=members[0], choices={ids[0]: "satisfied"})
    with pytest.raises(DomainError):
        rating_ballot_submit(session=open_session, user=members[0], choices=dict.fromkeys(ids, "great"))
    assert not Ballot.objects.exists()


def test_a_member_changes_choices_until_submitting_then_cannot(client, open_session, members):
    ids = officials_of(open_session)
    client.force_login(members[0])
    url = reverse("appointees:rate", args=[open_session.pk])
    page = client.get(url)
    assert page.status_code == 200

    client.post(url, {"save": "1", f"o{ids[0]}": "unsatisfied"})
    assert client.session[f"appointees-draft-{open_session.pk}"] == {str(ids[0]): "unsatisfied"}
    import re

    checked = re.findall(r'name="o(\d+)" value="(\w+)"[^>]*checked', client.get(url).content.decode())
    assert checked == [(str(ids[0]), "unsatisfied")], "the saved draft comes back, still changeable"
    assert not Ballot.objects.exists() and counters(open_session) == [(0, 0, 0)] * 3

    incomplete = client.post(url, {"submit": "1", f"o{ids[0]}": "satisfied"})
    assert incomplete.status_code == 400 and not Ballot.objects.exists()

    response = client.post(url, {"submit": "1", f"o{ids[0]}": "satisfied", f"o{ids[1]}": "basically_satisfied",
                                 f"o{ids[2]}": "unsatisfied"})
    assert response.status_code == 302
    assert counters(open_session) == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    assert f"appointees-draft-{open_session.pk}" not in client.session

    again = client.post(url, {"submit": "1", f"o{ids[0]}": "unsatisfied", f"o{ids[1]}": "unsatisfied",
                              f"o{ids[2]}": "unsatisfied"})
    assert again.status_code == 409
    assert counters(open_session) == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
    assert Ballot.objects.count() == 1


def test_results_against_hand_computed_figures(client, open_session, members, staff):
    a, b, c = members
    rating_ballot_submit(session=open_session, user=a, choices=choose(open_session, "satisfied", "satisfied",
                                                                      "unsatisfied"))
    rating_ballot_submit(session=open_session, user=b, choices=choose(open_session, "satisfied",
                                                                      "basically_satisfied", "unsatisfied"))
    rating_ballot_submit(session=open_session, user=c, choices=choose(open_session, "basically_satisfied",
                                                                      "satisfied", "satisfied"))
    results_url = reverse("appointees-api:rating-results", args=[open_session.pk])
    assert client.get(results_url).status_code == 404, "nothing is shown before the session closes"
    projector = client.get(reverse("appointees:rating-projector", args=[open_session.pk])).content.decode()
    assert "3</span> / <span id=\"present\">3" in projector

    rating_session_close(session=open_session, closed_by=staff)

    # Official 1: 2/1/0 → 100 %, 2/3 satisfied; official 2: 2/1/0 → 100 %, same → shares rank 1;
    # official 3: 1/0/2 → 33.3 %.
    rows = client.get(results_url).json()
    assert [(r["rank"], r["satisfied"], r["basically_satisfied"], r["unsatisfied"], r["satisfaction_rate"])
            for r in rows] == [(1, 2, 1, 0, 1.0), (1, 2, 1, 0, 1.0), (3, 1, 0, 2, 0.3333)]
    for url in (reverse("appointees:rating-projector", args=[open_session.pk]),
                reverse("appointees:rating-detail", args=[open_session.pk]),
                reverse("appointees:rating-report", args=[open_session.pk])):
        page = client.get(url).content.decode()
        assert "33.3 %" in page and "100.0 %" in page, url
    csv = client.get(reverse("appointees:rating-detail", args=[open_session.pk]), {"format": "csv"})
    assert csv.status_code == 200 and "33.3%" in csv.content.decode()
    xlsx = client.get(reverse("appointees:rating-detail", args=[open_session.pk]), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("appointees:rating-status", args=[open_session.pk])).json() == {
        "status": "closed", "present": 3, "submitted": 3}


def test_the_projector_refreshes_itself_without_inline_script(client, open_session):
    page = client.get(reverse("appointees:rating-projector", args=[open_session.pk])).content.decode()
    assert 'src="/static/appointees/projector.js"' in page
    assert 'http-equiv="refresh"' in page  # the <noscript> fallback
    assert "<script>" not in page and "onclick" not in page
    assert reverse("appointees:rating-status", args=[open_session.pk]) in page


def test_staff_open_and_close_once(open_session, staff, members):
    with pytest.raises(StateConflict):
        rating_session_open(session=open_session, opened_by=staff)
    with pytest.raises(NotPermitted):
        rating_session_close(session=open_session, closed_by=members[0])
    rating_session_close(session=open_session, closed_by=staff)
    with pytest.raises(StateConflict):
        rating_session_close(session=open_session, closed_by=staff)


def test_open_sessions_are_not_public(client, open_session, staff):
    assert client.get(reverse("appointees:rating-detail", args=[open_session.pk])).status_code == 404
    assert client.get(reverse("appointees-api:ratings")).json()["count"] == 0
    client.force_login(staff)
    assert client.get(reverse("appointees:rating-detail", args=[open_session.pk])).status_code == 200
    assert client.get(reverse("appointees-api:ratings")).json()["count"] == 1


def test_the_ballot_api(client, open_session, members):
    ids = officials_of(open_session)
    url = reverse("appointees-api:rating-ballot", args=[open_session.pk])
    body = {"ratings": [{"official": i, "choice": "satisfied"} for i in ids]}
    assert client.post(url, body, content_type="application/json").status_code in (401, 403)
    client.force_login(members[0])
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201 and response.json() == {"submitted": True}
    assert client.post(url, body, content_type="application/json").status_code == 409
    client.force_login(members[1])
    bad = client.post(url, {"ratings": [{"official": ids[0], "choice": "meh"}]}, content_type="application/json")
    assert bad.status_code == 400
