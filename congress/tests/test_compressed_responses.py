"""Pages travel compressed to a browser that accepts gzip: a public page when it is rendered and
when it comes from the page cache, a page with a form with the reader's own CSRF token, and a
cached download from its compressed copy kept beside it."""

import gzip
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def fetch(client, path):
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response.status_code == 200
    return response


def without_tokens(page: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)


def test_a_public_page_is_compressed_when_rendered_and_when_cached():
    client = Client()
    first, second = fetch(client, "/"), fetch(client, "/")
    plain = Client().get("/").content
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert without_tokens(gzip.decompress(response.content)) == without_tokens(plain)
        assert len(response.content) < len(plain)


def test_a_reader_who_does_not_accept_gzip_gets_plain_pages():
    client = Client()
    for _ in range(2):
        response = client.get("/")
        assert not response.has_header("Content-Encoding")
        assert b"<html" in response.content


def test_a_page_with_a_form_is_compressed_with_the_readers_own_token():
    one, two = Client(), Client()
    pages = [gzip.decompress(fetch(c, "/accounts/login/").content) for c in (one, two)]
    assert all(b'name="csrfmiddlewaretoken"' in page for page in pages)
    assert b"pagecacheCsrfTokenPlaceholder" not in pages[0] + pages[1]


def test_a_cached_download_is_served_from_its_compressed_copy(client):
    from django.test import RequestFactory

    from congress.pagecache import _compressed, _hit_response

    body = ("号码,标题\n" + "\n".join(f"2020-{i:03d},关于第{i}号路段的建议" for i in range(200))).encode()
    entry = (200, [("Content-Type", "text/csv; charset=utf-8")], body, _compressed(body))
    gzipped = _hit_response(RequestFactory().get("/x", HTTP_ACCEPT_ENCODING="gzip"), entry)
    assert gzipped["Content-Encoding"] == "gzip" and gzip.decompress(gzipped.content) == body
    plain = _hit_response(RequestFactory().get("/x"), entry)
    assert plain.content == body and not plain.has_header("Content-Encoding")
