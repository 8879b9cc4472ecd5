"""A unit's and a user's in-site notices: the header counts the unread ones, the list marks them,
and "mark all as read" clears only the user's own (and their unit's), nobody else's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from congress.models import Notice
from congress.selectors import notices_for_user, notices_unread_count
from congress.tests.factories import OrganizationFactory, deputy_user, unit_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox():
    unit, other = OrganizationFactory(), OrganizationFactory()
    user = unit_user(unit)
    Notice.objects.create(organization=unit, kind="reminder", message="3 件建议答复即将到期")
    Notice.objects.create(user=user, kind="grade", message="代表已评价您的答复")
    Notice.objects.create(organization=other, kind="reminder", message="别的单位的提醒")
    return user, unit, other


def test_the_header_counts_unread_notices_and_the_list_shows_only_the_users_own(client, inbox):
    user, _unit, _other = inbox
    client.force_login(user)
    page = client.get(reverse("notice-list")).content.decode()
    assert "2 条未读" in page
    assert "3 件建议答复即将到期" in page and "代表已评价您的答复" in page
    assert "别的单位的提醒" not in page


def test_mark_all_as_read_clears_the_users_notices_and_leaves_others_unread(client, inbox):
    user, _unit, other = inbox
    client.force_login(user)
    response = client.post(reverse("notices-read"), follow=True)
    page = response.content.decode()
    assert "2 条通知已标记为已读" in page
    assert "未读" not in page
    assert Notice.objects.filter(organization=other, read_at__isnull=True).count() == 1


def test_marking_needs_a_post_and_a_login(client, inbox):
    assert client.post(reverse("notices-read")).status_code == 302
    assert Notice.objects.filter(read_at__isnull=False).count() == 0
    client.force_login(inbox[0])
    assert client.get(reverse("notices-read")).status_code == 405


def test_a_login_without_a_unit_counts_its_own_unread_notices_only(client, inbox):
    deputy = deputy_user()
    Notice.objects.create(user=deputy, kind="grade", message="已读的提醒", read_at=timezone.now())
    Notice.objects.create(user=deputy, kind="grade", message="未读的提醒")
    client.force_login(deputy)
    page = client.get(reverse("notice-list")).content.decode()
    assert "1 条未读" in page  # not the read one, nor the three of the inbox's units and user


def test_the_header_counts_exactly_the_unread_notices_the_list_shows(inbox):
    """The header's count is hand-written SQL (it runs on every page): it must keep the list's scope."""
    user, unit, other = inbox
    Notice.objects.create(organization=unit, kind="reminder", message="已读", read_at=timezone.now())
    logins = [user, unit_user(unit), unit_user(other), deputy_user()]
    counts = [notices_unread_count(user=login) for login in logins]
    assert counts == [notices_for_user(user=login).filter(read_at__isnull=True).count() for login in logins]
    assert counts == [2, 1, 1, 0]
