"""The header's fixed links (congress.links) are remembered per language and script prefix: a reader
of the English pages gets English links, a site mounted under a prefix gets prefixed links, and the
link to the section the reader is in is marked current."""

import re

import pytest
from django.urls import set_script_prefix
from django.utils import translation

from congress.links import fixed_url

pytestmark = pytest.mark.django_db


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"?#]*)', html))


def test_links_follow_the_language_of_the_page(client):
    chinese = hrefs(client.get("/").content.decode())
    english = hrefs(client.get("/en/").content.decode())
    assert {"/", "/open-data/", "/accounts/login/"} <= chinese
    assert {"/en/", "/en/open-data/", "/en/accounts/login/"} <= english
    assert "/en/open-data/" not in chinese and "/open-data/" not in english


def test_links_follow_the_script_prefix():
    with translation.override("zh-hans"):
        assert fixed_url("open-data") == "/open-data/"
        set_script_prefix("/renda/")
        try:
            assert fixed_url("open-data") == "/renda/open-data/"
        finally:
            set_script_prefix("/")
        assert fixed_url("open-data") == "/open-data/"
    with translation.override("en"):
        assert fixed_url("open-data") == "/en/open-data/"


def test_the_current_section_is_marked(client):
    html = client.get("/en/deputies/").content.decode()
    assert re.search(r'<a href="/en/deputies/" aria-current="page">', html)
    assert not re.search(r'<a href="/en/" aria-current="page">', html)
