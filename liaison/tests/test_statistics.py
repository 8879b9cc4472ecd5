"""The public figures are computed from the records: confirmed meetings by the day they were
held, issues by the day they were resolved and the level that resolved them. Drafts, open and
closed issues do not count. Checked against figures worked out by hand."""

from datetime import date

import pytest

from liaison import selectors, services
from liaison.tests.factories import StationFactory, station_staff_of, stationed

pytestmark = pytest.mark.django_db


def meeting(station, login, deputies, day, kind="deputy_deliberation", confirm=True, topic=True):
    m = services.meeting_create(station=station, kind=kind, held_on=day, recorded_by=login)
    services.meeting_set_attendance(meeting=m, deputies=deputies, recorded_by=login)
    if topic:
        services.topic_add(meeting=m, title="停车难", lead_deputy=deputies[0], recorded_by=login)
    if confirm:
        services.meeting_confirm(meeting=m, confirmed_by=login)
    return m


def issue(m, login, deputy, *, resolved_on=None, level="community", close=False):
    i = services.issue_raise(station=m.station, origin="topic", topic=m.topics.first(), title="问题",
                             raised_on=m.held_on, following_deputy=deputy, raised_by=login)
    services.issue_start(issue=i, started_by=login, on=m.held_on)
    if level != "community":
        services.issue_escalate(issue=i, to_level=level, reason="需上级协调", escalated_by=login, on=m.held_on)
    if resolved_on:
        services.issue_resolve(issue=i, note="已解决", resolved_by=login, on=resolved_on)
    if close:
        services.issue_close(issue=i, reason="无法解决", closed_by=login, on=m.held_on)
    return i


def test_yearly_figures_by_hand(rules):
    a, b = StationFactory(), StationFactory()
    la, lb = station_staff_of(a), station_staff_of(b)
    da, db_ = stationed(a, 2), stationed(b, 2)
    # Station A: 2019 two deputy meetings, one livelihood meeting; 2020 one deputy meeting and a draft.
    m1 = meeting(a, la, da, date(2019, 3, 1))
    meeting(a, la, da, date(2019, 9, 1))
    meeting(a, la, da, date(2019, 10, 1), kind="livelihood_deliberation", topic=False)
    m4 = meeting(a, la, da, date(2020, 2, 1))
    meeting(a, la, da, date(2020, 3, 1), confirm=False)
    # Station B: 2020 one deputy meeting.
    m6 = meeting(b, lb, db_, date(2020, 5, 1))
    # Issues: resolved across the year boundary count in the year they were resolved.
    issue(m1, la, da[0], resolved_on=date(2019, 4, 1))
    issue(m1, la, da[0], resolved_on=date(2020, 1, 10), level="street")
    issue(m4, la, da[1], resolved_on=date(2020, 2, 20), level="district")
    issue(m4, la, da[1])                       # still in progress
    issue(m4, la, da[1], close=True)           # closed unresolved
    issue(m6, lb, db_[0], resolved_on=date(2020, 6, 1))

    district = {row["year"]: row for row in selectors.station_years()}
    assert district[2019] == {"year": 2019, "deputy_meetings": 2, "livelihood_meetings": 1, "resolved": 1,
                              "resolved_community": 1, "resolved_street": 0, "resolved_district": 0}
    assert district[2020] == {"year": 2020, "deputy_meetings": 2, "livelihood_meetings": 0, "resolved": 3,
                              "resolved_community": 1, "resolved_street": 1, "resolved_district": 1}
    assert selectors.years_total(list(district.values()))["resolved"] == 4

    station_a = {row["year"]: row for row in selectors.station_years(station=a)}
    assert (station_a[2020]["deputy_meetings"], station_a[2020]["resolved"]) == (1, 2)
    assert sum(row["deputy_meetings"] for row in station_a.values()) == 3


def test_network_counts_and_stationed_today(rules):
    from liaison.tests.factories import ContactPointFactory, StationedDeputyFactory

    central = StationFactory(kind="central", community=None, street=StationFactory().street)
    ContactPointFactory(station=central)
    ContactPointFactory(station=central, is_active=False)
    StationedDeputyFactory(station=central, start_date=date(2017, 1, 1), end_date=date(2018, 12, 31))
    current = StationedDeputyFactory(station=central, start_date=date(2019, 1, 1))
    counts = selectors.district_network_counts()
    assert (counts["community_stations"], counts["central_stations"], counts["contact_points"]) == (1, 1, 1)
    assert counts["stationed_deputies"] == 1
    assert list(selectors.stationed_deputies(station=central)) == [current.deputy]
    assert len(selectors.stationed_deputies(station=central, first=date(2018, 6, 1), last=date(2019, 6, 1))) == 2


def test_figures_page_shows_and_downloads_the_computed_numbers(client, rules):
    a = StationFactory()
    login = station_staff_of(a)
    deputies = stationed(a, 2)
    m = meeting(a, login, deputies, date(2020, 4, 1))
    issue(m, login, deputies[0], resolved_on=date(2020, 4, 9))
    page = client.get("/liaison/figures/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    rows = client.get("/liaison/figures/?format=json").json()
    assert rows == [{"year": 2020, "deputy_meetings": 1, "livelihood_meetings": 0, "resolved": 1,
                     "resolved_community": 1, "resolved_street": 0, "resolved_district": 0}]
