"""Station staff record a deputy deliberation meeting from their phone: "我的联络站" in the
header, "登记会议", the kind and the date; they tick the stationed deputies present, add a topic
led by one of them with its outcome, and confirm the meeting, which locks it and awards the
points. The site is used in Chinese, its default."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.periods import local_date
from congress.roles import Role
from congress.tests.factories import DeputyFactory, UserFactory
from liaison.models import Meeting, MeetingStatus
from liaison.tests.factories import StationedDeputyFactory, StationFactory
from points.defaults import ensure_default_rules
from points.models import LedgerEntry, PointRule, PointRuleVersion
from tests.browser.helpers import guide_shot, header_link, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_station_staff_record_and_confirm_a_meeting_on_a_phone(phone_page):
    ensure_default_rules(PointRule, PointRuleVersion)
    station = StationFactory(name="六和社区人大代表联络站")
    login = UserFactory(username="liuhe", display_name="六和站工作人员", role=Role.STATION_STAFF)
    station.staff.add(login)
    deputies = [StationedDeputyFactory(station=station, deputy=DeputyFactory(name=name)).deputy
                for name in ("欧阳明", "李秀英", "陈建国")]
    day = local_date(timezone.now()) - timedelta(days=2)

    page = phone_page
    log_in(page, "liuhe")
    header_link(page, "我的联络站").click()
    page.wait_for_url("**/liaison/work/")
    assert page.locator("h1").inner_text() == "六和社区人大代表联络站"
    assert page_overflow(page) <= 360
    guide_shot(page, "station-1-work")

    page.locator("main").get_by_role("link", name="登记会议").click()
    page.get_by_text("代表议事会", exact=True).tap()
    page.get_by_label("日期").fill(day.isoformat())
    page.get_by_role("button", name="创建并登记出席").click()
    page.wait_for_url("**/liaison/meetings/*/")
    assert page_overflow(page) <= 360

    for name in ("欧阳明", "李秀英"):
        page.get_by_label(name, exact=False).check()
    page.get_by_role("button", name="保存出席名单").click()
    expect(page.get_by_role("status")).to_have_text("出席名单已保存。")

    page.locator("#topic_title").fill("老旧小区加装电梯")
    page.get_by_label("领衔代表").select_option(label=f"欧阳明（{deputies[0].code}）")
    page.get_by_label("议定结果").fill("提请街道协调，一个月内答复")
    guide_shot(page, "station-2-topic", top=page.locator("form", has=page.locator("#topic_title")))
    page.get_by_role("button", name="添加议题").click()
    expect(page.locator("main")).to_contain_text("老旧小区加装电梯")

    page.get_by_role("button", name="确认会议").click()
    expect(page.get_by_role("status")).to_contain_text("会议已确认并锁定")
    expect(page.get_by_role("button", name="确认会议")).to_have_count(0)  # locked
    assert page_overflow(page) <= 360

    meeting = Meeting.objects.get(station=station)
    assert meeting.status == MeetingStatus.CONFIRMED and meeting.held_on == day
    assert sorted(LedgerEntry.objects.values_list("deputy__name", "points")) == [
        ("李秀英", 5), ("欧阳明", 5), ("欧阳明", 10)]
