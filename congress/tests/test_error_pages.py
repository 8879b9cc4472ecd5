"""With DEBUG off (how `make run` and production serve), a missing page and a server error get the
portal's own pages in the reader's language, never Django's URL list or a traceback; static files
are still served (WhiteNoise) and so are deputies' photos."""

import pytest
from django.test import RequestFactory
from django.utils import translation

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


def test_static_files_are_served_with_debug_off(client, settings):
    assert settings.DEBUG is False
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])
