"""The quarterly notice-board bulletin of a station: its stationed deputies' published points
and ranks (from the quarter's publication, never the live ledger), the quarter's confirmed
meetings with their topics, and the issues resolved in the quarter; printable on A4 or A3."""

from datetime import date

import pytest

from congress.periods import Quarter
from congress.registry import registry
from congress.services import quarter_publish
from liaison import services
from liaison.tests.factories import StationFactory, stationed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


def test_bulletin_shows_published_points_meetings_and_resolved_issues(client, rules, draft_meeting, station_login,
                                                                     deputies, staff):
    station = draft_meeting.station
    services.meeting_confirm(meeting=draft_meeting, confirmed_by=station_login)  # 2020-06-10: 5+10, 5, 5
    issue = services.issue_raise(station=station, origin="topic", topic=draft_meeting.topics.get(),
                                 title="3栋电梯故障（张先生反映）", raised_on=date(2020, 6, 10),
                                 following_deputy=deputies[1], raised_by=station_login)
    services.issue_start(issue=issue, started_by=station_login, on=date(2020, 6, 11))
    services.issue_resolve(issue=issue, note="已加装", resolved_by=station_login, on=date(2020, 6, 28))
    services.issue_set_public_title(issue=issue, public_title="老旧小区加装电梯", set_by=staff)
    url = f"/liaison/stations/{station.pk}/bulletin/"

    before = client.get(url, {"quarter": "2020Q2"}).content.decode()
    assert "尚未公布" in before or "not been published" in before  # no live points before publication

    quarter_publish(quarter=Quarter(2020, 2))
    # Another station's deputy, not on this bulletin.
    other = StationFactory()
    stationed(other, 1)
    page = client.get(url, {"quarter": "2020Q2", "size": "a3"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "bulletin-a3" in body and "bulletin.css" in body
    names = [deputy.name for deputy in deputies]
    assert all(name in body for name in names)
    # deputies[1]: attendance 5 + resolution 15 = 20; deputies[0]: attendance 5 + topic lead 10 = 15.
    assert body.index(deputies[1].name) < body.index(deputies[0].name) < body.index(deputies[2].name)
    assert '<td class="num">20</td>' in body and '<td class="num">15</td>' in body
    assert "老旧小区加装电梯" in body and "张先生" not in body
    assert "停车" not in body


def test_bulletin_of_another_quarter_is_empty_and_bad_quarters_are_404(client, station):
    url = f"/liaison/stations/{station.pk}/bulletin/"
    assert client.get(url, {"quarter": "2019Q1"}).status_code == 200
    assert client.get(url, {"quarter": "2019Q5"}).status_code == 404
    assert client.get(url, {"quarter": "2019Q1", "size": "letter"}).status_code == 200
    assert client.get("/liaison/stations/999999/bulletin/").status_code == 404
