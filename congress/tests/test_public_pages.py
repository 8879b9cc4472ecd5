"""The foundation's public pages: the home page's figures are computed from the records, the
deputy directory searches, filters and pages by 40, and a profile shows the public facts."""

import re

import pytest
from django.utils.html import strip_tags

from congress.models import DeputyStatus
from congress.tests.factories import CommunityFactory, DeputyFactory, StreetFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


def text(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_home_figures_are_counted_from_the_records(client):
    street = StreetFactory()
    CommunityFactory(street=street)
    CommunityFactory(street=street)
    DeputyFactory()
    DeputyFactory(status=DeputyStatus.RESIGNED)
    response = client.get("/?year=2020")
    assert "2020年主要数据" in text(response)
    figures = re.findall(r'class="figure-value">(\d+)</span>\s*<span class="figure-label">([^<]+)<',
                         response.content.decode())
    assert figures == [("3", "街道"), ("4", "社区"), ("1", "在任代表")]  # DeputyFactory adds 1 street each


def test_the_directory_searches_filters_and_pages_by_40(client):
    east, west = StreetFactory(name="东街道"), StreetFactory(name="西街道")
    for i in range(41):
        DeputyFactory(name=f"东{i:02d}", community=CommunityFactory(street=east))
    DeputyFactory(name="西代表", occupation="律师", community=CommunityFactory(street=west))
    first = client.get("/deputies/")
    assert len(first.context["page"]) == 40 and "共 42 名代表" in text(first)
    assert 'rel="next"' in first.content.decode()
    assert [d.name for d in client.get("/deputies/?q=律师").context["page"]] == ["西代表"]
    assert len(client.get(f"/deputies/?street={west.pk}").context["page"]) == 1
    assert "没有符合条件的代表。" in text(client.get("/deputies/?q=不存在的人"))


def test_a_bad_filter_is_ignored_not_an_error(client):
    DeputyFactory(name="王伟")
    response = client.get("/deputies/?street=abc&page=999")
    assert response.status_code == 200 and "王伟" in text(response)


def test_a_profile_shows_the_public_facts(client):
    deputy = DeputyFactory(name="王伟", occupation="中学教师", is_committee_member=True,
                           community=CommunityFactory(name="六和社区", street=StreetFactory(name="坪山街道")))
    page = text(client.get(f"/deputies/{deputy.pk}/"))
    for fact in ("王伟", "中学教师", "坪山街道", "六和社区"):
        assert fact in page


def test_an_unknown_deputy_is_a_404(client):
    assert client.get("/deputies/987654/").status_code == 404
