"""The daily task notifies units of replies due soon or overdue: in-site notice and e-mail."""

from datetime import date

import pytest
from django.core import mail

from congress.models import Notice
from congress.tests.factories import OrganizationContactFactory, OrganizationFactory, unit_user
from suggestions import services
from suggestions.tasks import remind_due_replies_task
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db
TODAY = date(2020, 6, 1)


@pytest.fixture
def due(settings):
    settings.SUGGESTION_REPLY_DUE_SOON_DAYS = 14
    edu, water, calm = (OrganizationFactory(name=n) for n in ("区教育局", "区水务局", "区统计局"))
    OrganizationContactFactory(organization=edu, email="edu@example.gov.cn")
    unit_user(water, email="water@example.gov.cn")
    handling(organization=edu, title="逾期的建议", deadline=date(2020, 5, 20))            # overdue
    handling(organization=water, title="即将到期的建议", deadline=date(2020, 6, 10))      # due soon
    handling(organization=calm, title="尚早的建议", deadline=date(2020, 9, 1))            # not yet
    handling(organization=calm, title="已答复的建议", stage="reply_submitted", deadline=date(2020, 5, 1))
    return edu, water, calm


def test_units_with_due_or_overdue_replies_are_notified_once_a_day(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.handlings_remind_due(today=TODAY) == 2
    notices = {n.organization.name: n.message for n in Notice.objects.filter(kind="suggestion_reply_due")}
    assert set(notices) == {"区教育局", "区水务局"}
    assert "区教育局" in notices["区教育局"]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["edu@example.gov.cn", "water@example.gov.cn"]
    assert any("逾期的建议" in message.body for message in mail.outbox)
    assert services.handlings_remind_due(today=TODAY) == 0  # not twice the same day
    assert len(mail.outbox) == 2


def test_the_beat_task_runs_the_service(due, settings):
    settings.SUGGESTION_REPLY_DUE_SOON_DAYS = 100000  # the task uses today's date; every open reply is due
    assert remind_due_replies_task.delay().get() == 3
    assert Notice.objects.filter(kind="suggestion_reply_due").count() == 3


def test_the_unit_sees_the_reminder_in_site(client, due):
    edu, _water, _calm = due
    services.handlings_remind_due(today=TODAY)
    client.force_login(unit_user(edu))
    page = client.get("/my/notices/").content.decode()
    assert "区教育局" in page


def test_the_reminder_is_on_the_daily_beat_schedule():
    from congress.celery import app

    tasks = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert tasks.count("suggestions.tasks.remind_due_replies_task") == 1
