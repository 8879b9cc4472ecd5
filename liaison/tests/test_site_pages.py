"""Station staff record a meeting on the site: create, tick the deputies present, add a topic,
confirm. Bad input gets a 4xx with a message on the form and saves nothing; a second identical
"new meeting" is refused; a deputy then finds the meeting on their own page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from congress.periods import local_date
from congress.tests.factories import deputy_user
from liaison.models import Meeting
from points.models import LedgerEntry

pytestmark = pytest.mark.django_db


def test_record_a_meeting_on_the_site(client, rules, station, station_login, deputies):
    client.force_login(station_login)
    day = local_date(timezone.now()) - timedelta(days=1)
    response = client.post(f"/liaison/work/{station.pk}/meetings/new/",
                           {"kind": "deputy_deliberation", "held_on": day.isoformat()})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/liaison/meetings/{meeting.pk}/")

    again = client.post(f"/liaison/work/{station.pk}/meetings/new/",
                        {"kind": "deputy_deliberation", "held_on": day.isoformat()})
    assert again.status_code == 409 and Meeting.objects.count() == 1

    page = client.get(f"/liaison/meetings/{meeting.pk}/")
    assert all(deputy.name in page.content.decode() for deputy in deputies)
    assert client.post(f"/liaison/meetings/{meeting.pk}/attendance/",
                       {"deputies": [deputies[0].pk, deputies[1].pk]}).status_code == 302
    assert client.post(f"/liaison/meetings/{meeting.pk}/topics/",
                       {"title": "背街小巷路灯维修", "lead_deputy": deputies[2].pk, "outcome": "街道一周内修复"}
                       ).status_code == 302
    assert set(meeting.attendances.values_list("deputy_id", flat=True)) == {d.pk for d in deputies}

    confirmed = client.post(f"/liaison/meetings/{meeting.pk}/confirm/", follow=True)
    assert "会议已确认并锁定" in confirmed.content.decode()
    assert LedgerEntry.objects.count() == 4
    locked = client.post(f"/liaison/meetings/{meeting.pk}/topics/", {"title": "补录", "lead_deputy": deputies[0].pk})
    assert locked.status_code == 409 and meeting.topics.count() == 1

    client.force_login(deputy_user(deputies[2]))
    mine = client.get("/liaison/my/").content.decode()
    assert str(meeting) in mine
    assert client.get(f"/liaison/meetings/{meeting.pk}/").status_code == 200


def test_bad_input_is_a_400_with_the_message_and_saves_nothing(client, rules, station, station_login):
    client.force_login(station_login)
    tomorrow = local_date(timezone.now()) + timedelta(days=1)
    future = client.post(f"/liaison/work/{station.pk}/meetings/new/",
                         {"kind": "deputy_deliberation", "held_on": tomorrow.isoformat()})
    assert future.status_code == 400 and "日期不能晚于今天" in future.content.decode()
    garbage = client.post(f"/liaison/work/{station.pk}/meetings/new/", {"kind": "party", "held_on": "昨天"})
    assert garbage.status_code == 400
    assert Meeting.objects.count() == 0
    empty = client.post(f"/liaison/work/{station.pk}/receptions/new/",
                        {"deputy": "x", "received_on": date(2020, 1, 1).isoformat(), "residents_count": "-3"})
    assert empty.status_code == 400


def test_a_confirmation_without_deputies_is_refused(client, rules, station, station_login):
    client.force_login(station_login)
    client.post(f"/liaison/work/{station.pk}/meetings/new/",
                {"kind": "livelihood_deliberation", "held_on": date(2020, 3, 3).isoformat()})
    meeting = Meeting.objects.get()
    response = client.post(f"/liaison/meetings/{meeting.pk}/confirm/")
    assert response.status_code == 400 and "至少登记一名出席代表" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "draft"
