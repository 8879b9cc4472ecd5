"""Cached public pages (congress.pagecache): a new revision or a changed record is served at once,
no cached page carries anything of one reader to another, and a hit costs one indexed query
(local memory; none with Redis)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congress.periods import Quarter
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.tests.factories import award, small_district

pytestmark = pytest.mark.django_db
Q2 = Quarter(2020, 2)
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def published(db):
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    staff = staff_user()
    d1, _, _ = small_district(rules, staff)
    quarter_publish(quarter=Q2)
    return rules, staff, d1


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_correction_is_served_at_once(published, client):
    rules, staff, d1 = published
    url = "/points/ranking/?quarter=2020Q2"
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss"
    assert get(client, url)["X-Page-Cache"] == "hit"
    assert "<td class=\"num\">5</td>" in first.content.decode()  # 一号: 5 points in the quarter

    award(d1, rules, "issue_resolved", date(2020, 6, 20))  # verified late; the ledger is not public
    assert get(client, url)["X-Page-Cache"] == "hit"  # published figures stay until a new revision
    quarter_correct(quarter=Q2, reason="补录一号代表6月解决的民生问题", corrected_by=staff)

    after = get(client, url)
    assert after["X-Page-Cache"] == "miss"
    body = after.content.decode()
    assert "补录一号代表6月解决的民生问题" in body and "<td class=\"num\">20</td>" in body
    download = get(client, url + "&format=csv").content.decode("utf-8-sig")
    assert "一号" in download and ",20," in download


def test_a_changed_record_is_served_at_once(published, client):
    _, _, d1 = published
    url = f"/deputies/{d1.pk}/"
    assert "一号" in get(client, url).content.decode()
    assert get(client, url)["X-Page-Cache"] == "hit"
    d1.name = "一号改名"
    d1.save()
    assert "一号改名" in get(client, url).content.decode()


@pytest.mark.parametrize("url", ["/", "/points/ranking/", "/deputies/", "/suggestions/", "/suggestions/ranking/",
                                 "/en/points/ranking/?quarter=2020Q2"])
def test_no_cached_page_carries_anything_of_one_reader_to_another(published, url):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a, b = get(first, url), get(second, url)
    assert b["X-Page-Cache"] == "hit"
    assert a.content == b.content  # the same bytes for every reader: no token, no login
    assert not TOKEN.search(b.content) and b"pagecacheCsrfToken" not in b.content
    assert not b.cookies
    assert "Cookie" in b["Vary"] and "Accept-Language" in b["Vary"]

    # the header's language switch works for the reader served from the cache, with no token
    switched = second.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302 and switched["Location"] == "/en/"

    staff = published[1]
    logged_in = Client()
    logged_in.force_login(staff)
    own = get(logged_in, url)
    assert not own.has_header("X-Page-Cache") and staff.username in own.content.decode()
    assert TOKEN.search(own.content)  # the logout form of a logged-in page keeps its token
    assert staff.username not in get(Client(), url).content.decode()


def test_a_page_with_a_form_is_never_cached(rf):
    from django.http import HttpResponse
    from django.template import RequestContext, Template

    from congress.pagecache import published_page

    @published_page(topics=("publication",))
    def form_page(request):
        return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))

    pages = [form_page(rf.get("/form/")) for _ in range(2)]
    assert [page.get("X-Page-Cache") for page in pages] == [None, None]  # rendered for each reader
    tokens = [TOKEN.search(page.content).group(1) for page in pages]
    assert tokens[0] != tokens[1] and b"pagecacheCsrfToken" not in pages[0].content


def test_languages_are_cached_apart(published, client):
    zh, en = get(client, "/points/ranking/?quarter=2020Q2"), get(client, "/en/points/ranking/?quarter=2020Q2")
    assert en["X-Page-Cache"] == "miss"
    assert zh.content.decode().count('lang="zh-hans"') == 1 and 'lang="en"' in en.content.decode()


def test_other_parameters_and_searches_are_not_cached(published, client):
    assert not get(client, "/points/ranking/?quarter=2020Q2&utm=x").has_header("X-Page-Cache")
    assert not get(client, "/suggestions/?q=道路").has_header("X-Page-Cache")
    assert get(client, "/suggestions/?q=").has_header("X-Page-Cache")


def test_a_hit_runs_one_indexed_query(published, client):
    url = "/points/ranking/?quarter=2020Q2"
    get(client, url)
    with CaptureQueriesContext(connection) as context:
        assert get(client, url)["X-Page-Cache"] == "hit"
    assert len(context.captured_queries) == 1
    assert "congress_pageversion" in context.captured_queries[0]["sql"]


def test_care_mode_readers_get_their_own_cached_copy(published):
    url = "/points/ranking/?quarter=2020Q2"
    plain = get(Client(), url)
    care = Client()
    care.cookies["care_mode"] = "on"
    cared = get(care, url)
    assert cared["X-Page-Cache"] == "miss"  # not the plain reader's copy
    assert 'class="care"' in cared.content.decode() and 'class="care"' not in plain.content.decode()
    assert 'class="care"' not in get(Client(), url).content.decode()
    assert 'class="care"' in get(care, url).content.decode()
