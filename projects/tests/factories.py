"""factory_boy factories of the livelihood projects, on top of congress.tests.factories."""

from datetime import date
from decimal import Decimal

import factory

from congress.tests.factories import (  # noqa: F401 - re-exported for tests
    DeputyFactory,
    OrganizationFactory,
    TermFactory,
    deputy_user,
    staff_user,
)
from projects import models


class KeyProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.KeyProject
        skip_postgeneration_save = True

    year = 2020
    title = factory.Sequence(lambda n: f"民生实事项目{n}")
    description = "项目说明"
    lead_unit = factory.SubFactory(OrganizationFactory)
    budget = Decimal("500.00")
    planned_start = date(2020, 3, 1)
    planned_end = date(2020, 12, 31)


def ballot_with(candidates: int = 5, seats: int = 2, voters: int = 5, status: str = "draft", staff=None):
    """A ballot of 2020 on `candidates` new projects for `seats` seats, and `voters` deputies of
    its term with logins; opened when status is "open". Returns (ballot, [deputy users])."""
    from congress.models import Term
    from projects.services import ballot_create, ballot_open

    staff = staff or staff_user()
    term = TermFactory(number=Term.objects.count() + 100)  # its own electorate, whatever else the test made
    users = [deputy_user(DeputyFactory(term=term)) for _ in range(voters)]
    projects = KeyProjectFactory.create_batch(candidates)
    ballot = ballot_create(year=2020, term=term, seats=seats, projects=projects, created_by=staff)
    if status == "open":
        ballot = ballot_open(ballot=ballot, opened_by=staff)
    return ballot, users


def paper(ballot, *approve, oppose=()):
    """A complete paper: approve the given positions (1-based), oppose those in `oppose`, abstain on the rest."""
    paper = {}
    for candidacy in ballot.candidacies.order_by("order"):
        paper[candidacy.pk] = ("approve" if candidacy.order in approve else
                               "oppose" if candidacy.order in oppose else "abstain")
    return paper


def elected_project(staff=None, **kwargs):
    """An elected (planned) project with a supervision group of three deputies."""
    from projects.services import group_set

    staff = staff or staff_user()
    project = KeyProjectFactory(status="planned", **kwargs)
    group = DeputyFactory.create_batch(3)
    group_set(project=project, deputies=group, leader=group[0], set_by=staff)
    return project


def livelihood_meeting(community=None, held_on=date(2020, 6, 1)):
    """A community station with a livelihood deliberation meeting (liaison)."""
    from congress.tests.factories import CommunityFactory
    from liaison.models import Meeting, MeetingKind, Station, StationKind

    community = community or CommunityFactory()
    station = (Station.objects.filter(community=community).first()
               or Station.objects.create(kind=StationKind.COMMUNITY, name=f"{community.name}联络站",
                                         street=community.street, community=community, address="社区服务中心"))
    meeting = Meeting.objects.create(kind=MeetingKind.LIVELIHOOD_DELIBERATION, station=station, held_on=held_on,
                                     residents_present=40)
    return station, meeting


def district_of(n: int, staff, year: int = 2020):
    """A closed ballot on n+1 candidates for n seats (all elected by 3 deputies of 5), each
    elected project with a group, a milestone, an approved report, an inspection and a quality
    evaluation; n micro-projects passed at one meeting. Returns the ballot."""
    from projects.models import MicroProject
    from projects.services import (
        ballot_cast,
        ballot_close,
        inspection_record,
        milestone_add,
        progress_report_approve,
        progress_report_submit,
        quality_evaluation_record,
    )

    ballot, users = ballot_with(candidates=n + 1, seats=n, voters=5, status="open", staff=staff)
    approve = list(range(1, n + 1))
    for user in users[:3]:
        ballot_cast(ballot=ballot, choices=paper(ballot, *approve), cast_by=user)
    ballot_close(ballot=ballot, closed_by=staff)
    from projects.services import group_set

    for candidacy in ballot.candidacies.filter(result="elected").select_related("project"):
        project = candidacy.project
        group = DeputyFactory.create_batch(2)
        group_set(project=project, deputies=group, leader=group[0], set_by=staff)
        milestone = milestone_add(project=project, title="开工", due_on=date(year, 4, 1), added_by=staff)
        report = progress_report_submit(project=project, reported_on=date(year, 5, 1), percent_complete=50,
                                        text="进展", milestone=milestone, submitted_by=staff)
        progress_report_approve(report=report, approved_by=staff)
        inspection_record(project=project, occurred_on=date(year, 6, 1), findings="良好", deputies=group,
                          recorded_by=staff)
        quality_evaluation_record(project=project, evaluator="检测中心", evaluated_on=date(year, 7, 1), score=90,
                                  grade="excellent", summary="良好", recorded_by=staff)
    station, meeting = livelihood_meeting()
    MicroProject.objects.bulk_create([
        MicroProject(year=year, community=station.community, station=station, title=f"微实事{i}",
                     proposer_kind="residents", proposer_name="居民", status="completed", meeting=meeting, present=30,
                     votes_for=20, votes_against=5, abstentions=5, completed_on=date(year, 9, 1))
        for i in range(n)])
    return ballot
