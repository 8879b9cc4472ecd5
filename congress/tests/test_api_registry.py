"""The public registry API: what a citizen's script gets from /api/v1/ — rows in display order
with counts computed from the records, filters that filter, and pages that do not shift."""

import warnings

import pytest
from django.core.paginator import UnorderedObjectListWarning

from congress.models import DeputyStatus
from congress.tests.factories import CommunityFactory, DeputyFactory, OrganizationFactory, StreetFactory

pytestmark = pytest.mark.django_db


def test_streets_come_in_display_order_with_their_counts(client):
    second = StreetFactory(name="马峦街道", order=2)
    first = StreetFactory(name="坪山街道", order=1)
    third = StreetFactory(name="碧岭街道", order=3)
    communities = [CommunityFactory(street=first) for _ in range(3)] + [CommunityFactory(street=second)]
    for community in communities[:2]:
        DeputyFactory(community=community, street=first)
    DeputyFactory(community=communities[3], street=second)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)  # pages would shift
        rows = client.get("/api/v1/streets/").json()["results"]
    assert [(r["name"], r["community_count"], r["deputy_count"]) for r in rows] == [
        ("坪山街道", 3, 2), ("马峦街道", 1, 1), ("碧岭街道", 0, 0)]
    assert third.pk in [r["id"] for r in rows]


def test_deputies_filter_by_street_and_search(client):
    street = StreetFactory(name="石井街道")
    DeputyFactory(name="王伟", occupation="教师", community=CommunityFactory(street=street))
    DeputyFactory(name="李娜", occupation="律师")
    DeputyFactory(name="张敏", occupation="律师", status=DeputyStatus.RESIGNED)
    names = lambda query: sorted(r["name"] for r in client.get(f"/api/v1/deputies/?{query}").json()["results"])  # noqa: E731
    assert names(f"street={street.pk}") == ["王伟"]
    assert names("q=律师") == ["张敏", "李娜"]
    assert names("q=律师&status=serving") == ["李娜"]


def test_organizations_list_only_active_units(client):
    OrganizationFactory(name="区教育局")
    OrganizationFactory(name="区旧机构", is_active=False)
    assert [r["name"] for r in client.get("/api/v1/organizations/").json()["results"]] == ["区教育局"]


def test_lists_are_paginated_and_the_page_size_is_capped(client):
    for _ in range(3):
        StreetFactory()
    body = client.get("/api/v1/streets/?page_size=2").json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_the_public_api_is_read_only(client, django_user_model):
    street = StreetFactory(name="坪山街道")
    response = client.post("/api/v1/streets/", {"name": "伪造街道", "code": "X"})
    assert response.status_code in (401, 403, 405)
    response = client.patch(f"/api/v1/streets/{street.pk}/", {"name": "改名"}, content_type="application/json")
    assert response.status_code in (401, 403, 405)
    street.refresh_from_db()
    assert street.name == "坪山街道"
