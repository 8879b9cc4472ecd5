"""A standing committee member rates the officials from a phone — saves, changes a choice, submits —
while the projector page in the room counts the ballots; when the office closes the session the
projector shows the results by itself (a static script polls; there is no reload button). Two more
members hand in too: with fewer than three sheets no totals would be announced."""

import pytest
from playwright.sync_api import expect

from appointees.models import Ballot, RatingOfficial
from appointees.services import (
    rating_ballot_submit,
    rating_session_close,
    rating_session_create,
    rating_session_open,
)
from appointees.tests.factories import AppointeeFactory, MeetingFactory, member_user
from congress.tests.factories import staff_user
from tests.browser.helpers import log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_rates_on_a_phone_and_the_projector_announces_the_results(browser, live_server, phone_page):
    staff = staff_user()
    user = member_user()
    user.username = "weiyuan"
    user.save(update_fields=["username"])
    others = [member_user(), member_user()]
    officials = [AppointeeFactory(name=name) for name in ("欧阳晓东", "诸葛振兴")]
    session = rating_session_create(title="2020年度履职报告满意度测评", year=2020, meeting=MeetingFactory(),
                                    officials=officials, members=[user.deputy, *(m.deputy for m in others)],
                                    created_by=staff)
    rating_session_open(session=session, opened_by=staff)

    room = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 1280, "height": 720})
    projector = room.new_page()
    projector.goto(f"/appointees/ratings/{session.pk}/projector/")
    assert projector.locator("#submitted").inner_text() == "0"

    page = phone_page
    log_in(page, "weiyuan")
    page.goto(f"/appointees/rate/{session.pk}/")
    groups = page.locator("fieldset")
    groups.nth(0).get_by_label("不满意").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status")).to_be_visible()  # saved: the page comes back with the choice kept
    expect(page.locator("fieldset").nth(0).get_by_label("不满意")).to_be_checked()
    page.locator("fieldset").nth(0).get_by_label("满意", exact=True).check()
    page.locator("fieldset").nth(1).get_by_label("基本满意").check()
    assert page_overflow(page) <= 360
    page.get_by_role("button", name="提交测评").click()
    page.get_by_text("您已提交本次测评").wait_for()
    assert Ballot.objects.filter(session=session).count() == 1

    projector.locator("#submitted").filter(has_text="1").wait_for(timeout=10_000)
    for other in others:
        rating_ballot_submit(session=session, user=other, choices={o.pk: "satisfied" for o in officials})
    projector.locator("#submitted").filter(has_text="3").wait_for(timeout=10_000)
    rating_session_close(session=session, closed_by=staff)
    projector.get_by_role("cell", name="100.0 %").first.wait_for(timeout=15_000)
    assert projector.get_by_role("button").count() == 0
    rows = projector.locator("tbody tr")
    assert rows.count() == 2 and "欧阳晓东" in projector.content()
    assert list(RatingOfficial.objects.order_by("order").values_list("satisfied", "basically_satisfied")) == [
        (3, 0), (2, 1)]
    room.close()
