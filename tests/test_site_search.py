"""The site search (/search/?q=): Chinese words find published suggestions, deputies, stations, key
projects and micro-projects; nothing unpublished or private is found; bad queries are answered, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.tests.factories import DeputyFactory, DeputyPrivateFactory, staff_user
from liaison.tests.factories import StationFactory
from projects.tests.factories import KeyProjectFactory, ballot_with
from suggestions.services import suggestion_publish
from suggestions.tests.factories import SuggestionFactory, registered_suggestion

pytestmark = pytest.mark.django_db


def published(title: str):
    return suggestion_publish(suggestion=registered_suggestion(title=title), published_by=staff_user())


def search(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def test_a_word_of_a_title_finds_the_published_suggestion(client):
    published("关于加快老旧小区加装电梯的建议")
    published("关于增设社区食堂的建议")
    body = search(client, "加装电梯").content.decode()
    assert "关于加快老旧小区加装电梯的建议" in body
    assert "社区食堂" not in body


def test_an_unpublished_suggestion_is_not_found(client):
    registered_suggestion(title="关于整治河道黑臭水体的建议")
    SuggestionFactory(title="关于整治河道黑臭水体的建议（草稿）")
    response = search(client, "黑臭水体")
    assert response.status_code == 200
    assert "黑臭水体的建议" not in response.content.decode()


def test_a_deputy_is_found_by_name_and_no_phone_is_shown(client):
    deputy = DeputyFactory(name="欧阳晓燕")
    private = DeputyPrivateFactory(deputy=deputy)
    body = search(client, "晓燕").content.decode()
    assert "欧阳晓燕" in body
    assert f"/deputies/{deputy.pk}/" in body
    assert private.phone not in body


def test_a_station_is_found_by_its_address(client):
    StationFactory(name="碧岭社区人大代表联络站", address="坪山区碧岭街道沙湖路18号")
    body = search(client, "沙湖路").content.decode()
    assert "碧岭社区人大代表联络站" in body


def test_a_closed_station_is_not_found(client):
    StationFactory(name="旧址联络站", address="坪山区旧街1号", is_active=False)
    assert "旧址联络站" not in search(client, "旧街").content.decode()


def test_a_key_project_on_an_opened_ballot_is_found_by_title(client):
    ballot, _users = ballot_with(candidates=3, status="open")
    project = ballot.candidacies.order_by("order").first().project
    project.title = "坪山河流域综合整治工程"
    project.save()
    KeyProjectFactory(title="坪山河沿岸绿道工程")  # on no ballot yet: not public
    body = search(client, "坪山河").content.decode()
    assert "坪山河流域综合整治工程" in body
    assert "沿岸绿道" not in body


def test_a_collected_micro_project_is_found_by_title_and_links_to_its_street(client):
    from projects.models import MicroProject
    from projects.tests.factories import livelihood_meeting

    station, _meeting = livelihood_meeting()
    MicroProject.objects.create(year=2021, community=station.community, station=station, title="沙湖社区口袋公园改造",
                                proposer_kind="residents", proposer_name="沙湖社区居民", status="collected")
    MicroProject.objects.create(year=2021, community=station.community, station=station, title="沙湖社区口袋公园照明",
                                proposer_kind="residents", proposer_name="李某", status="proposed")
    body = search(client, "口袋公园").content.decode()
    assert "沙湖社区口袋公园改造" in body
    assert f"/projects/micro/?year=2021&amp;street={station.community.street_id}" in body
    assert "口袋公园照明" not in body, "a proposal its station has not collected is not public yet"


def test_results_are_grouped_by_kind_with_counts_and_paginated(client):
    for n in range(25):
        published(f"关于垃圾分类第{n}项措施的建议")
    DeputyFactory(name="垃圾分类")  # an odd name, but a second kind of result
    body = search(client, "垃圾分类").content.decode()
    assert "26 results" in body or "26 个结果" in body or "共 26" in body
    assert "kind=suggestions" in body
    page2 = search(client, "垃圾分类", kind="suggestions", page=2)
    assert page2.status_code == 200
    assert page2.content.decode().count("措施的建议") == 5


def test_the_closest_match_comes_first(client):
    published("关于全面推进社区停车场建设的建议")
    published("停车场收费规范的建议")
    body = search(client, "停车场", kind="suggestions").content.decode()
    assert body.index("停车场收费规范") < body.index("全面推进社区停车场")


def test_an_empty_query_shows_the_search_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert search(client, "   ").status_code == 200


@pytest.mark.parametrize("q", ["长" * 51, "电梯\x00", "%", "_", "' OR 1=1 --"])
def test_odd_or_too_long_queries_are_answered_not_crashed(client, q):
    response = search(client, q)
    assert response.status_code in (200, 400)
    if len(q) > 50:
        assert response.status_code == 400


def test_the_query_stays_in_the_search_box_and_the_header_has_one(client):
    body = search(client, "电梯").content.decode()
    assert 'value="电梯"' in body
    assert 'id="site-search-q"' in client.get("/").content.decode()


def test_the_search_runs_as_many_queries_at_ten_and_at_sixty_rows(client):
    def add(n):
        for i in range(n):
            published(f"关于公园改造第{i}期的建议")
            DeputyFactory(name=f"公园{i}")
            StationFactory(address=f"公园路{i}号")

    def count(**params):
        with CaptureQueriesContext(connection) as context:
            assert search(client, "公园", **params).status_code == 200
        return len(context.captured_queries)

    add(10)
    small = count(), count(kind="suggestions", page=2)
    add(50)
    assert (count(), count(kind="suggestions", page=2)) == small


@pytest.mark.parametrize("q", ["", "公园", "长" * 51])
def test_the_search_page_is_accessible(client, q):
    from congress.tests.test_accessibility import check

    DeputyFactory(name="公园")
    check(search(client, q).content.decode())
