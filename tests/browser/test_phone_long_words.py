"""Pages with long unbroken words fit a 360-pixel phone: a draw's 64-character commitment wraps,
and the co-sign page lists suggestions as cards whose button stays on the screen."""

import pytest
from django.urls import reverse

from appointees.services import draw_commit
from appointees.tests.factories import AppointeeFactory, MeetingFactory
from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from suggestions.tests.factories import submitted_suggestion
from tests.browser.helpers import log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_draws_commitment_wraps_on_a_phone(phone_page):
    AppointeeFactory.create_batch(8)
    draw = draw_commit(year=2020, k=6, meeting=MeetingFactory(), created_by=staff_user())
    phone_page.goto(reverse("appointees:draw-detail", args=[draw.pk]))
    assert phone_page.locator("#commitment").inner_text() == draw.commitment
    assert page_overflow(phone_page) <= 360


def test_the_cosign_page_fits_and_shows_the_text(phone_page):
    submitted_suggestion(title="关于在碧岭社区增设老年人助餐点并配套建设无障碍通道的建议",
                         content="碧岭社区 60 岁以上老人约 1,200 人，附近没有助餐点。")
    deputy_user(DeputyFactory(name="诸葛丽娟"), username="zhuge")
    log_in(phone_page, "zhuge")
    phone_page.goto(reverse("suggestions:cosign-list"))
    phone_page.get_by_text("阅读建议全文").click()
    assert phone_page.get_by_text("附近没有助餐点").is_visible()
    button = phone_page.get_by_role("button", name="附议")
    box = button.bounding_box()
    assert box["x"] + box["width"] <= 360
    assert page_overflow(phone_page) <= 360
