"""Opening a notice from the list marks it read and goes where it points (opening it left it
"new" for ever, beside the others); a second opening keeps the first time; somebody else's notice
is a 404 and stays unread; a link off the site is never followed."""

import pytest
from django.urls import reverse

from congress.models import Notice
from congress.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_opening_a_notice_marks_it_read_and_follows_its_link(client):
    user = UserFactory()
    notice = Notice.objects.create(user=user, kind="suggestion_reply", message="区水务局已答复",
                                   link="/suggestions/my/")
    other = Notice.objects.create(user=user, kind="suggestion_reply", message="另一条", link="/my/")
    client.force_login(user)
    page = client.get(reverse("notice-list")).content.decode()
    assert f'href="{reverse("notice-open", args=[notice.pk])}"' in page
    response = client.get(reverse("notice-open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/suggestions/my/"
    notice.refresh_from_db()
    first = notice.read_at
    assert first is not None and Notice.objects.get(pk=other.pk).read_at is None
    client.get(reverse("notice-open", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.read_at == first


def test_somebody_elses_notice_is_not_found_and_stays_unread(client):
    notice = Notice.objects.create(user=UserFactory(), kind="x", message="别人的", link="/my/")
    client.force_login(UserFactory())
    assert client.get(reverse("notice-open", args=[notice.pk])).status_code == 404
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_a_link_off_the_site_is_not_followed(client):
    user = UserFactory()
    notice = Notice.objects.create(user=user, kind="x", message="外部", link="//evil.example/")
    client.force_login(user)
    assert client.get(reverse("notice-open", args=[notice.pk]))["Location"] == reverse("notice-list")
