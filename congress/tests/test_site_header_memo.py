"""The header is rendered once per combination of what it shows and remembered (congress.header):
whatever it shows still changes at once, and what differs per request (the logout form's CSRF
token, the page's own address in the display switches) is each request's own."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from congress.models import Notice
from congress.tests.factories import OrganizationFactory, deputy_user

pytestmark = pytest.mark.django_db


def header(response) -> str:
    page = response.content.decode()
    return page[page.index('<header class="site-header">'):page.index("</header>")]


def test_what_the_header_shows_changes_at_once():
    user = deputy_user(display_name="王代表")
    client = Client()
    client.force_login(user)
    first = header(client.get("/suggestions/my/"))
    assert "王代表" in first and "未读" not in first and "本单位" not in first

    Notice.objects.create(user=user, kind="grade", message="代表已评价您的答复")
    assert "1 条未读" in header(client.get("/suggestions/my/"))

    user.display_name = "王新代表"
    user.organization = OrganizationFactory()
    user.save()
    renamed = header(client.get("/suggestions/my/"))
    assert "王新代表" in renamed and "王代表<" not in renamed
    assert "本单位" in renamed

    english = header(client.get("/en/suggestions/my/"))
    assert "1 unread" in english and "My unit" in english and 'aria-current="page"' in english


def test_the_display_switches_return_to_the_page_they_were_on():
    client = Client()
    client.force_login(deputy_user())
    for path in ['/suggestions/my/?after=x&note=<b>"1"', "/points/my/"]:
        nexts = re.findall(r'name="next" type="hidden" value="([^"]*)"', header(client.get(path)))
        assert nexts and all(html.unescape(value) == path.replace("<b>", "%3Cb%3E").replace('"1"', "%221%22")
                             for value in nexts)


def test_each_reader_logs_out_with_the_token_of_their_own_page():
    readers = []
    for _ in range(2):
        # Two readers whose headers are the same (same name, same roles): one remembered header.
        client = Client(enforce_csrf_checks=True)
        client.force_login(deputy_user(display_name="同名代表"))
        readers.append(client)
    tokens = []
    for client in readers:
        page = header(client.get("/points/my/"))
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert tokens[0] != tokens[1]
    for client, token in zip(readers, tokens, strict=True):
        assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
        assert client.get("/points/my/").status_code == 302  # logged out: asked to log in again


def test_a_visitors_page_asks_for_no_csrf_token():
    response = Client().get("/deputies/?page=1")
    assert "csrfmiddlewaretoken" not in header(response)
    assert "csrftoken" not in response.cookies
    assert "?next=/deputies/" in header(response)
