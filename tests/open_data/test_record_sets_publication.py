"""The record-by-record data sets keep the one publication rule in every channel (page, CSV, XLSX,
JSON API): what staff have not published or confirmed is in none of them, and once published or
confirmed it is in all. Sets that are public by nature (figures counted from records) do not count
a draft, an unconfirmed or an unelected record."""

from datetime import date

import pytest

from congress.tests.factories import CommunityFactory, staff_user

from .conftest import channels_with

ALL = ["page", "csv", "xlsx", "api"]


@pytest.mark.django_db
def test_an_unconfirmed_meeting_counts_in_no_channel_and_a_confirmed_one_in_all(client):
    from liaison import services
    from liaison.tests.factories import StationFactory, station_staff_of, stationed
    from points.defaults import ensure_default_rules
    from points.models import PointRule, PointRuleVersion

    ensure_default_rules(PointRule, PointRuleVersion)  # a confirmed meeting earns points
    station = StationFactory()
    login = station_staff_of(station)
    meeting = services.meeting_create(station=station, kind="deputy_deliberation", held_on=date(2019, 5, 6),
                                      recorded_by=login)
    services.meeting_set_attendance(meeting=meeting, deputies=stationed(station, 2), recorded_by=login)
    assert channels_with(client, "liaison-figures", "2019") == []
    services.meeting_confirm(meeting=meeting, confirmed_by=login)
    assert channels_with(client, "liaison-figures", "2019") == ALL


@pytest.mark.django_db
def test_a_duty_report_is_in_no_channel_before_the_office_publishes_it_and_in_all_after(client):
    from appointees.services import duty_report_publish, duty_report_submit
    from appointees.tests.factories import AppointeeFactory

    official = AppointeeFactory(name="开放数据局长")
    staff = staff_user()
    report = duty_report_submit(appointee=official, year=2021, text="开放数据述职报告正文", submitted_by=staff)
    # Who is due to report, and whether they did, is public by nature; the report is not.
    assert channels_with(client, "appointees-duty-reports", official.name) == ["page", "csv", "xlsx"]
    assert channels_with(client, "appointees-duty-reports", report.text) == []
    assert client.get(f"/appointees/reports/{report.pk}/").status_code == 404
    duty_report_publish(report=report, published_by=staff)
    assert channels_with(client, "appointees-duty-reports", official.name) == ALL
    assert channels_with(client, "appointees-duty-reports", report.text) == ["api"]
    assert report.text in client.get(f"/appointees/reports/{report.pk}/").content.decode()


@pytest.mark.django_db
def test_a_micro_project_is_in_no_channel_before_its_station_collects_it_and_in_all_after(client):
    from projects.services import micro_project_collect, micro_project_propose
    from projects.tests.factories import livelihood_meeting

    community = CommunityFactory()
    livelihood_meeting(community=community)
    staff = staff_user()
    project = micro_project_propose(community=community, title="开放数据微实事", proposer_kind="residents",
                                    proposer_name="居民小组", year=2020, proposed_by=staff)
    assert channels_with(client, "projects-micro", project.title) == []
    micro_project_collect(project=project, collected_by=staff)
    assert channels_with(client, "projects-micro", project.title) == ALL


@pytest.mark.django_db
def test_candidates_of_an_open_ballot_count_in_no_channel_and_the_elected_in_all(client):
    from projects.services import ballot_cast, ballot_close
    from projects.tests.factories import ballot_with, paper

    staff = staff_user()
    ballot, voters = ballot_with(candidates=3, seats=2, voters=3, status="open", staff=staff)
    for user in voters:
        ballot_cast(ballot=ballot, choices=paper(ballot, 1, 2), cast_by=user)
    assert channels_with(client, "projects-key-by-year", '"elected"') == []
    ballot_close(ballot=ballot, closed_by=staff)
    assert channels_with(client, "projects-key-by-year", "2020") == ALL
    assert channels_with(client, "projects-key-by-year", '"elected":2') == ["api"]


@pytest.mark.django_db
def test_clue_counts_show_no_clue_and_no_count_below_the_threshold_in_any_channel(client, settings):
    from supervision.tests.factories import ClueFactory, ClueReporterFactory

    settings.SUPERVISION_MIN_PUBLIC_CELL = 5
    reporter = ClueReporterFactory(clue=ClueFactory(title="开放数据线索", description="开放数据线索内容"))
    ClueFactory.create_batch(6, source="deputy", public_interest=False)
    for private in (reporter.clue.title, reporter.clue.description, reporter.name, reporter.phone):
        assert channels_with(client, "supervision-sources", private) == []
    # The one citizen clue is below the threshold: shown as "<5", never as 1.
    assert channels_with(client, "supervision-sources", "<5") == ["csv", "xlsx", "api"]
    assert channels_with(client, "supervision-sources", "&lt;5") == ["page"]
