"""Deadline reminders: the daily beat task posts one in-site notice to each responsible unit with
items due soon or overdue, and mails its users after commit; not twice a day."""

from datetime import date, timedelta

import pytest
from django.core import mail

from congress.models import Notice
from congress.tests.factories import OrganizationFactory, unit_user
from supervision import services
from supervision.tasks import remind_due_rectifications_task
from supervision.tests.factories import RectificationFactory

pytestmark = pytest.mark.django_db
TODAY = date(2030, 6, 1)


@pytest.fixture
def due():
    soon, late, calm = (OrganizationFactory(name=n) for n in ("区教育局", "区水务局", "区统计局"))
    unit_user(soon, email="edu@example.gov.cn")
    unit_user(late, email="water@example.gov.cn")
    unit_user(calm, email="calm@example.gov.cn")
    RectificationFactory(unit=soon, deadline=TODAY + timedelta(days=3))
    RectificationFactory(unit=late, deadline=TODAY - timedelta(days=2))
    RectificationFactory(unit=calm, deadline=TODAY + timedelta(days=60))
    RectificationFactory(unit=calm, deadline=TODAY - timedelta(days=5), status="reported", report="已整改")
    return soon, late, calm


def test_units_with_due_or_overdue_items_are_reminded_once_a_day(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rectifications_remind_due(today=TODAY) == 2
    notices = {n.organization.name: n.message for n in Notice.objects.filter(kind="supervision_rectification_due")}
    assert set(notices) == {"区教育局", "区水务局"}
    assert "1" in notices["区水务局"]
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "edu@example.gov.cn", "water@example.gov.cn"]
    assert services.rectifications_remind_due(today=TODAY) == 0
    assert len(mail.outbox) == 2


def test_no_mail_leaves_before_commit(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.rectifications_remind_due(today=TODAY)
    assert mail.outbox == [] and len(callbacks) == 2


def test_the_beat_task_runs_the_service(due, settings):
    settings.SUPERVISION_REMINDER_DAYS = 100000  # the task uses today's date; every open item is due
    assert remind_due_rectifications_task.delay().get() == 3


def test_the_unit_sees_the_reminder_in_site(client, due):
    soon, _late, _calm = due
    services.rectifications_remind_due(today=TODAY)
    client.force_login(soon.users.get())
    assert "区教育局" in client.get("/my/notices/").content.decode()


def test_the_reminder_is_on_the_daily_beat_schedule():
    from django.conf import settings

    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert tasks.count("supervision.tasks.remind_due_rectifications_task") == 1
