"""A deputy's public profile across the domains: each app adds its section (projects supervised,
ratings of officials taken part in, as counts only); public data only; as many queries for a
deputy with one record of each kind as for one with many."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointees.services import rating_ballot_submit, rating_session_close, rating_session_create, rating_session_open
from appointees.tests.factories import MeetingFactory as CommitteeMeetingFactory
from appointees.tests.factories import department_heads, member_user
from congress.models import Deputy
from congress.tests.factories import staff_user
from projects.models import SupervisionMembership
from projects.tests.factories import KeyProjectFactory, ballot_with

pytestmark = pytest.mark.django_db


def profile(client, deputy) -> str:
    cache.clear()
    response = client.get(f"/deputies/{deputy.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def supervise(deputy, count: int) -> list:
    ballot, _voters = ballot_with(candidates=count + 1, seats=count, status="open")
    projects = [c.project for c in ballot.candidacies.select_related("project")][:count]
    for project in projects:
        SupervisionMembership.objects.create(project=project, deputy=deputy)
    return projects


def rated_session(user, choice: str = "satisfied"):
    deputy = Deputy.objects.get(user=user)
    staff = staff_user()
    officials = department_heads(2)
    session = rating_session_create(title="年度测评", year=2020, meeting=CommitteeMeetingFactory(),
                                    officials=officials, members=[deputy], created_by=staff)
    session = rating_session_open(session=session, opened_by=staff)
    rating_ballot_submit(session=session, user=user, choices={o.pk: choice for o in officials})
    return rating_session_close(session=session, closed_by=staff), officials


def test_projects_the_deputy_supervises_are_on_the_profile(client):
    user = member_user()
    deputy = Deputy.objects.get(user=user)
    [project] = supervise(deputy, 1)
    hidden = KeyProjectFactory(title="尚未票决的候选项目")  # on no opened ballot
    SupervisionMembership.objects.create(project=hidden, deputy=deputy)
    page = profile(client, deputy)
    assert project.title in page and f"/projects/key/{project.pk}/" in page
    assert "尚未票决的候选项目" not in page


def test_ratings_taken_part_in_are_counts_never_choices(client):
    user = member_user()
    deputy = Deputy.objects.get(user=user)
    _session, officials = rated_session(user)
    page = profile(client, deputy)
    section = page[page.index('id="appointees-heading"'):]
    assert "<dd>1</dd>" in section
    assert all(official.name not in section for official in officials)


def test_the_profile_runs_as_many_queries_with_more_records(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # what a page costs to render, not to serve from the cache
    user = member_user()
    deputy = Deputy.objects.get(user=user)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            profile(client, deputy)
        return len(context.captured_queries)

    supervise(deputy, 1)
    rated_session(user)
    small = count()
    supervise(deputy, 4)
    rated_session(user)
    rated_session(user)
    assert count() == small
