"""With DEBUG off (how `make run` and production serve), a missing page, a refusal, a request that
cannot be read and a server error get the portal's own pages in the reader's language (a refusal
with its own reason), never Django's URL list or a traceback; static files are still served
(WhiteNoise) and so are deputies' photos."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from congress.tests.factories import deputy_user
from congress.views import server_error

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path, words", [("/no-such-page/", "页面不存在"), ("/en/no-such-page/", "Page not found")])
def test_a_missing_page_is_the_portals_own_page(client, path, words):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert words in page and 'href="/' in page
    assert "URLconf" not in page and "congress.urls" not in page and "Traceback" not in page


def test_a_server_error_page_tells_the_reader_without_details():
    with translation.override("zh-hans"):
        page = server_error(RequestFactory().get("/points/")).content.decode()
    assert "服务器错误" in page and "Traceback" not in page
    with translation.override("en"):
        assert "Something went wrong on our side" in server_error(RequestFactory().get("/")).content.decode()


def test_a_view_that_breaks_answers_with_the_error_page(client, settings):
    settings.ROOT_URLCONF = "congress.tests.error_urls"
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器错误" in page and "secret detail" not in page and "RuntimeError" not in page


def test_a_refusal_is_the_portals_page_with_its_reason(client):
    client.force_login(deputy_user())  # a deputy, not a member of the standing committee
    response = client.get("/appointees/rate/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "您的账号无权打开此页面" in page and "只有常委会组成人员可以参加测评。" in page
    assert 'action="/accounts/logout/"' in page  # the site's own header, still signed in


def test_a_refusal_without_a_reason_says_whom_to_ask(client, settings):
    settings.ROOT_URLCONF = "congress.tests.error_urls"
    page = client.get("/refused/").content.decode()
    assert "您的账号无权打开此页面" in page and "请联系常委会办公室" in page
    api = client.get("/api/v1/refused/")
    assert api.status_code == 403 and api.json() == {"detail": "您无权执行此操作。"}


def test_a_request_that_cannot_be_read_is_the_portals_page_without_details(client, settings):
    settings.ROOT_URLCONF = "congress.tests.error_urls"
    response = client.get("/unreadable/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "无法识别此请求" in page and "secret detail" not in page


def test_static_files_are_served_with_debug_off(client, settings):
    assert settings.DEBUG is False
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])
