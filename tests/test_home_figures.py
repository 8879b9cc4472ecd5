"""The home page: every domain app declares its key figures through the registry; each figure
comes with a server-drawn SVG chart, the same rows as a table and a line saying how it is counted;
the page runs as many queries with a small and a larger district."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.registry import Figure, registry
from congress.tests.factories import staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from projects.tests.factories import district_of

pytestmark = pytest.mark.django_db

DOMAINS = {"suggestions", "points", "liaison", "supervision", "appointees", "projects"}


def test_all_six_domains_declare_home_figures():
    assert {fn.__module__.split(".")[0] for fn in registry.home_figures} >= DOMAINS


def test_a_figure_has_a_chart_a_table_and_how_it_is_counted(client, monkeypatch, settings):
    settings.PAGE_CACHE_ENABLED = False  # the figures below are swapped in after other tests rendered the page
    def figures(year):
        return [Figure("出席会议", "12", how="按已确认的会议计", chart=({"label": "一季度", "value": 5},
                                                                   {"label": "二季度", "value": 7}),
                       chart_caption="每季度会议")]

    monkeypatch.setattr(registry, "home_figures", [figures])
    page = client.get("/").content.decode()
    assert "<svg" in page and "每季度会议" in page
    table = re.search(r"<details.*?</details>", page, flags=re.S).group(0)
    assert re.search(r"一季度</th><td class=\"num\">5<", table) and re.search(r"二季度</th><td class=\"num\">7<", table)
    assert "按已确认的会议计" in page
    assert " style=" not in page and not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_the_projects_figures_are_drawn_from_the_records(client):
    ensure_default_rules(PointRule, PointRuleVersion)
    district_of(3, staff_user())
    page = client.get("/", {"year": 2020}).content.decode()
    assert "Key livelihood projects elected" in page or "代表票决" in page or "民生实事" in page
    assert page.count("<svg") >= 2 and page.count("<details") >= 2


def test_the_home_runs_as_many_queries_for_a_larger_district(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # what a page costs to render, not to serve from the cache
    ensure_default_rules(PointRule, PointRuleVersion)
    staff = staff_user()

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get("/", {"year": 2020}).status_code == 200
        return len(context.captured_queries)

    district_of(2, staff)
    small = count()
    district_of(6, staff)
    assert count() == small


def test_the_cached_home_and_profile_show_the_newer_apps_records_at_once(client):
    from datetime import date

    from django.utils import timezone

    from congress.models import Deputy
    from liaison.models import MeetingStatus
    from liaison.tests.factories import MeetingFactory, StationFactory
    from projects.models import SupervisionMembership
    from projects.tests.factories import ballot_with

    station = StationFactory()
    assert "/liaison/figures/" not in client.get("/", {"year": 2020}).content.decode()
    MeetingFactory(station=station, held_on=date(2020, 5, 1), status=MeetingStatus.CONFIRMED,
                   confirmed_at=timezone.now())
    assert "/liaison/figures/" in client.get("/", {"year": 2020}).content.decode()

    ballot, voters = ballot_with(candidates=3, seats=2, status="open")
    deputy = Deputy.objects.get(user=voters[0])
    project = ballot.candidacies.first().project
    assert project.title not in client.get(f"/deputies/{deputy.pk}/").content.decode()
    SupervisionMembership.objects.create(project=project, deputy=deputy)
    assert project.title in client.get(f"/deputies/{deputy.pk}/").content.decode()
