"""Cached public pages with Redis (the production cache, congress.cache.PortalRedisCache): a hit
runs no SQL and is still answered like a rendered page: the Content-Security-Policy and the other
security headers, the language of the URL, the right Vary, no cookie and no token of anyone's, gzip
when the reader accepts it (the copy kept beside the page, not compressed again); and a new
revision is served at once."""

import gzip
import re
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congress import pagecache
from congress.periods import Quarter
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import staff_user
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.tests.factories import award, small_district

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
URL = "/points/ranking/?quarter=2020Q2"


@pytest.fixture
def redis_cache(settings):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-pagecache-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "congress.cache.PortalRedisCache", "LOCATION": REDIS_URL,
                                   "KEY_PREFIX": prefix}}
    pagecache._local.clear()
    yield
    pagecache._local.clear()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def published(redis_cache, django_capture_on_commit_callbacks):
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    staff = staff_user()
    with django_capture_on_commit_callbacks(execute=True):  # the versions reach Redis after commit
        d1, _, _ = small_district(rules, staff)
        quarter_publish(quarter=Q2)
    return rules, staff, d1


Q2 = Quarter(2020, 2)


def get(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def test_a_hit_runs_no_query_and_is_answered_like_a_rendered_page(published):
    assert get(Client(), URL)["X-Page-Cache"] == "miss"
    reader = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        hit = get(reader, URL)
    assert hit["X-Page-Cache"] == "hit" and len(queries.captured_queries) == 0
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff" and hit["X-Frame-Options"] == "DENY"
    assert hit["Referrer-Policy"] == "same-origin" and hit.has_header("Permissions-Policy")
    assert {"Accept-Encoding", "Accept-Language", "Cookie"} <= {v.strip() for v in hit["Vary"].split(",")}
    assert hit["Content-Language"] == "zh-hans" and 'lang="zh-hans"' in hit.content.decode()
    assert not hit.cookies and not TOKEN.search(hit.content)
    switched = reader.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302 and switched["Location"] == "/en/"


def test_english_is_cached_apart_and_served_in_english(published):
    get(Client(), "/en" + URL)
    hit = get(Client(), "/en" + URL)
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Language"] == "en"
    assert 'lang="en"' in hit.content.decode()
    assert get(Client(), URL)["Content-Language"] == "zh-hans"


def test_a_hit_is_gzipped_from_the_kept_copy(published, monkeypatch):
    plain = get(Client(), URL).content

    def no_compression(*args, **kwargs):
        raise AssertionError("a hit is not compressed again")

    monkeypatch.setattr("django.middleware.gzip.compress_string", no_compression)
    hits = [get(Client(), URL, HTTP_ACCEPT_ENCODING="gzip, deflate, br") for _ in range(2)]
    for hit in hits:
        assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
        assert len(hit.content) < len(plain) / 2
        assert gzip.decompress(hit.content) == plain


def test_a_correction_is_served_at_once(published, django_capture_on_commit_callbacks):
    rules, staff, d1 = published
    get(Client(), URL)
    assert get(Client(), URL)["X-Page-Cache"] == "hit"
    award(d1, rules, "issue_resolved", date(2020, 6, 20))
    with django_capture_on_commit_callbacks(execute=True):
        quarter_correct(quarter=Q2, reason="补录一号代表6月解决的民生问题", corrected_by=staff)
    after = get(Client(), URL)
    assert after["X-Page-Cache"] == "miss"
    assert "<td class=\"num\">20</td>" in after.content.decode()


def test_a_version_is_read_from_redis_once_and_again_as_soon_as_it_changes(redis_cache):
    import redis
    from django.core.cache import cache

    key = f"pagecache:v:test-{uuid.uuid4().hex}"
    writer = redis.Redis.from_url(REDIS_URL)
    cache.set(key, 3, None)
    assert cache.get_ints([key]) == [3]
    own = cache._cache._own.connection
    sent = []
    original = own.send_command
    own.send_command = lambda *args, **kwargs: (sent.append(args), original(*args, **kwargs))[1]
    try:
        assert [cache.get_ints([key]) for _ in range(5)] == [[3]] * 5
        assert sent == []  # remembered: no round trip while nothing changed
        writer.set(cache.make_and_validate_key(key), 4)  # another process's write, e.g. a publication
        assert cache.get_ints([key]) == [4]  # Redis pushed the change before it answered the writer
        assert len(sent) == 1
    finally:
        own.send_command = original
        writer.delete(cache.make_and_validate_key(key))


def test_a_version_is_read_again_after_redis_restarts_the_connection(redis_cache):
    from django.core.cache import cache

    key = f"pagecache:v:test-{uuid.uuid4().hex}"
    cache.set(key, 1, None)
    assert cache.get_ints([key]) == [1]
    cache._cache._own.connection.disconnect()  # e.g. Redis restarted: tracking is gone with the socket
    cache.set(key, 2, None)
    assert cache.get_ints([key]) == [2]
    cache.delete(key)
