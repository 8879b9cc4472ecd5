"""The notice list pages by cursor, newest first: walking forward shows each of the user's and their
unit's notices once (never another unit's), walking back shows the same pages, and a cursor that is
not ours shows the first page."""

import re

import pytest
from django.urls import reverse

from congress.models import Notice
from congress.paging import encode_cursor
from congress.testing import PREVIOUS_PAGE, walk_site_pages
from congress.tests.factories import OrganizationFactory, unit_user

pytestmark = pytest.mark.django_db
NOTICES = reverse("notice-list")


@pytest.fixture
def handler_and_messages(client):
    unit = OrganizationFactory()
    user = unit_user(unit)
    for i in range(60):
        Notice.objects.create(organization=unit, kind="reminder", message=f"通知{2 * i:03d}")
        Notice.objects.create(user=user, kind="grade", message=f"通知{2 * i + 1:03d}")
    Notice.objects.create(organization=OrganizationFactory(), kind="reminder", message="别的单位的通知")
    client.force_login(user)
    return [f"通知{i:03d}" for i in reversed(range(120))]


def messages(response) -> list[str]:
    return re.findall(r"(通知\d{3}|别的单位的通知)", response.content.decode())


def test_walking_forward_shows_each_once_newest_first_and_back_again(client, handler_and_messages):
    forward = walk_site_pages(client, NOTICES, "", messages)
    assert [len(page) for page, _ in forward] == [50, 50, 20]
    assert [message for page, _ in forward for message in page] == handler_and_messages

    backward = walk_site_pages(client, NOTICES, forward[-1][1], messages, link=PREVIOUS_PAGE)
    assert [page for page, _ in backward] == [page for page, _ in reversed(forward)]


@pytest.mark.parametrize("query", ["after=not-base64!!", f"after={encode_cursor(['x'])}", "page=3",
                                   "before=" + "a" * 5000])
def test_a_cursor_that_is_not_ours_shows_the_first_page(client, handler_and_messages, query):
    response = client.get(f"{NOTICES}?{query}")
    assert response.status_code == 200
    assert messages(response) == handler_and_messages[:50]
