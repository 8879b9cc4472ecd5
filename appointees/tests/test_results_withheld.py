"""A closed session at which fewer than APPOINTEE_MIN_BALLOTS_FOR_RESULTS members handed in is
announced without totals, everywhere: the results page, its downloads, the printable report, the
projector, the API and the home page. With one or two sheets, the totals would tell how each member
rated; the page says why instead. At the minimum, the totals are announced as usual."""

import pytest
from django.urls import reverse

from appointees.services import rating_ballot_submit, rating_session_close

pytestmark = pytest.mark.django_db


def rate_and_close(session, members, staff, choices):
    ids = list(session.officials.order_by("order").values_list("appointee_id", flat=True))
    for member, choice in zip(members, choices, strict=False):
        rating_ballot_submit(session=session, user=member, choices=dict.fromkeys(ids, choice))
    rating_session_close(session=session, closed_by=staff)


def answers(client, session) -> dict[str, str]:
    detail = reverse("appointees:rating-detail", args=[session.pk])
    return {
        "detail": client.get(detail).content.decode(),
        "csv": client.get(detail, {"format": "csv"}).content.decode("utf-8-sig"),
        "json": client.get(detail, {"format": "json"}).content.decode(),
        "report": client.get(reverse("appointees:rating-report", args=[session.pk])).content.decode(),
        "projector": client.get(reverse("appointees:rating-projector", args=[session.pk])).content.decode(),
        "home": client.get(reverse("home"), {"year": session.year}).content.decode(),
    }


def test_two_sheets_announce_no_totals_anywhere(client, open_session, members, staff, heads):
    rate_and_close(open_session, members[:2], staff, ["satisfied", "unsatisfied"])
    official = open_session.officials.select_related("appointee").first().appointee

    api = client.get(reverse("appointees-api:rating-results", args=[open_session.pk]))
    assert api.status_code == 200 and api.json() == []
    found = answers(client, open_session)
    for label in ("detail", "report", "projector"):
        assert "只有2位组成人员交回测评表，少于3位" in found[label], label
        assert official.name not in found[label], label
    for label in ("csv", "json"):
        assert official.name not in found[label], label
    assert "履职报告满意率" not in found["home"]


def test_the_office_may_set_the_minimum(client, open_session, members, staff, settings):
    settings.APPOINTEE_MIN_BALLOTS_FOR_RESULTS = 2
    rate_and_close(open_session, members[:2], staff, ["satisfied", "unsatisfied"])
    official = open_session.officials.select_related("appointee").first().appointee

    assert [row["total"] for row in client.get(
        reverse("appointees-api:rating-results", args=[open_session.pk])).json()] == [2, 2, 2]
    assert official.name in answers(client, open_session)["detail"]


def test_at_the_minimum_the_totals_are_announced(client, open_session, members, staff):
    rate_and_close(open_session, members, staff, ["satisfied", "basically_satisfied", "unsatisfied"])
    found = answers(client, open_session)
    assert "履职报告满意率" in found["home"]
    official = open_session.officials.select_related("appointee").first().appointee
    for label in ("detail", "csv", "json", "report", "projector"):
        assert official.name in found[label], label
        assert "交回测评表，少于" not in found[label], label
