"""Micro-projects: proposed, collected by the station, shortlisted by the street, voted at a
livelihood deliberation meeting (passed when votes for exceed half of those present),
completed and evaluated — each step by its own people, from its own state."""

from datetime import date

import pytest

from congress.errors import DomainError, NotPermitted, StateConflict
from congress.models import Organization, OrganizationKind
from congress.roles import Role
from congress.tests.factories import CommunityFactory, UserFactory, deputy_user, unit_user
from projects.models import MicroProject
from projects.services import (
    micro_project_collect,
    micro_project_complete,
    micro_project_evaluate,
    micro_project_propose,
    micro_project_screen,
    micro_project_vote,
)
from projects.tests.factories import DeputyFactory, livelihood_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(staff):
    community = CommunityFactory()
    station, meeting = livelihood_meeting(community)
    station_user = UserFactory(role=Role.STATION_STAFF)
    station.staff.add(station_user)
    office = Organization.objects.create(name=f"{community.street.name}办事处", kind=OrganizationKind.STREET_OFFICE,
                                         street=community.street)
    return {"community": community, "station": station, "meeting": meeting, "station_user": station_user,
            "street_user": unit_user(office), "staff": staff}


def proposal(setting, **kwargs):
    values = {"community": setting["community"], "title": "加装楼道扶手", "proposer_kind": "residents",
              "proposer_name": "居民代表", "year": 2020, "proposed_by": setting["station_user"]}
    values.update(kwargs)
    return micro_project_propose(**values)


def through_screening(setting, **kwargs):
    project = proposal(setting, **kwargs)
    micro_project_collect(project=project, collected_by=setting["station_user"])
    return micro_project_screen(project=project, shortlisted=True, screened_by=setting["street_user"])


def test_the_whole_way_to_an_evaluated_project(setting):
    project = through_screening(setting)
    project = micro_project_vote(project=project, meeting=setting["meeting"], present=41, votes_for=21,
                                 votes_against=15, abstentions=5, recorded_by=setting["station_user"])
    assert project.status == "passed"
    micro_project_complete(project=project, completed_on=date(2020, 9, 1), completed_by=setting["station_user"])
    project = micro_project_evaluate(project=project, evaluation="satisfied", note="居民满意",
                                     evaluated_by=setting["station_user"])
    assert (project.status, project.station, project.meeting) == ("evaluated", setting["station"], setting["meeting"])


def test_exactly_half_of_those_present_is_not_a_pass(setting):
    project = micro_project_vote(project=through_screening(setting), meeting=setting["meeting"], present=40,
                                 votes_for=20, votes_against=10, abstentions=10, recorded_by=setting["station_user"])
    assert project.status == "failed"


def test_votes_cannot_exceed_those_present_and_nothing_is_saved(setting):
    project = through_screening(setting)
    with pytest.raises(DomainError):
        micro_project_vote(project=project, meeting=setting["meeting"], present=10, votes_for=8, votes_against=3,
                           abstentions=0, recorded_by=setting["station_user"])
    assert MicroProject.objects.get(pk=project.pk).status == "shortlisted"


def test_only_a_livelihood_deliberation_meeting_of_the_street_votes(setting):
    from liaison.models import Meeting

    project = through_screening(setting)
    deputy_meeting = Meeting.objects.create(kind="deputy_deliberation", station=setting["station"],
                                            held_on=date(2020, 7, 1))
    with pytest.raises(DomainError, match="livelihood|民生议政会"):
        micro_project_vote(project=project, meeting=deputy_meeting, present=30, votes_for=20, votes_against=0,
                           abstentions=0, recorded_by=setting["staff"])
    _, elsewhere = livelihood_meeting(CommunityFactory())
    with pytest.raises(DomainError, match="street|其他街道"):
        micro_project_vote(project=project, meeting=elsewhere, present=30, votes_for=20, votes_against=0,
                           abstentions=0, recorded_by=setting["staff"])


def test_each_step_from_its_own_state_and_by_its_own_people(setting):
    project = proposal(setting)
    with pytest.raises(StateConflict):
        micro_project_screen(project=project, shortlisted=True, screened_by=setting["street_user"])
    with pytest.raises(NotPermitted):
        micro_project_collect(project=project, collected_by=UserFactory(role=Role.STATION_STAFF))
    micro_project_collect(project=project, collected_by=setting["station_user"])
    with pytest.raises(NotPermitted):
        micro_project_screen(project=project, shortlisted=True, screened_by=setting["station_user"])
    with pytest.raises(DomainError):
        micro_project_screen(project=project, shortlisted=False, note="", screened_by=setting["street_user"])
    with pytest.raises(StateConflict):
        micro_project_complete(project=project, completed_on=date(2020, 9, 1), completed_by=setting["station_user"])
    assert MicroProject.objects.get(pk=project.pk).status == "collected"


def test_a_deputy_proposes_in_their_own_name_only(setting):
    deputy = DeputyFactory(community=setting["community"])
    user = deputy_user(deputy)
    project = proposal(setting, proposer_kind="deputy", proposer_deputy=deputy, proposed_by=user)
    assert deputy.name in project.proposer_display
    with pytest.raises(NotPermitted):
        proposal(setting, proposer_kind="deputy", proposer_deputy=DeputyFactory(), proposed_by=user)
    with pytest.raises(NotPermitted):
        proposal(setting, proposed_by=user)  # residents' proposals are registered by the station


def test_a_community_without_a_station_cannot_collect(setting):
    with pytest.raises(DomainError, match="station|联络站"):
        proposal(setting, community=CommunityFactory(), proposed_by=setting["staff"])
