"""A deputy votes on the year's key livelihood projects from a phone: "项目票决" in the header,
a choice per project, the review screen, "投出选票" (confirmed once more) — final. Meanwhile the
hall's projector page follows the turnout by itself, with no reload button."""

import pytest
from playwright.sync_api import expect

from congress.tests.factories import DeputyFactory, TermFactory, deputy_user, staff_user
from projects.models import BallotReceipt
from projects.services import ballot_cast, ballot_create, ballot_open
from projects.tests.factories import KeyProjectFactory, paper
from tests.browser.helpers import header_link, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/journey-project-ballot.png"


@pytest.fixture
def ballot():
    staff = staff_user()
    term = TermFactory()
    deputy_user(DeputyFactory(name="欧阳代表", term=term), username="ouyang", display_name="欧阳代表")
    deputy_user(DeputyFactory(name="另一代表", term=term), username="another")
    titles = ["坪山街道新建公办幼儿园", "马峦街道社区健康服务中心", "碧岭街道口袋公园建设", "石井街道老旧小区改造"]
    projects = [KeyProjectFactory(title=title) for title in titles]
    ballot = ballot_create(year=2020, term=term, seats=2, projects=projects, created_by=staff)
    return ballot_open(ballot=ballot, opened_by=staff)


def test_a_deputy_casts_a_ballot_on_a_phone(phone_page, ballot):
    deputy = ballot.term.deputies.get(name="欧阳代表")
    page = phone_page
    log_in(page, "ouyang")
    header_link(page, "项目票决").click()
    page.wait_for_url("**/projects/my/ballots/")
    page.locator("main").get_by_role("link", name="投票").click()
    page.wait_for_url(f"**/projects/ballots/{ballot.pk}/vote/")

    fieldsets = page.locator("main fieldset")
    assert fieldsets.count() == 4
    for index, choice in enumerate(["赞成", "赞成", "赞成", "反对"]):
        fieldsets.nth(index).get_by_text(choice, exact=True).click()
    page.get_by_role("button", name="核对选票").click()
    expect(page.locator("main")).to_contain_text("至多只能赞成 2 个")  # three approvals are refused
    assert not BallotReceipt.objects.exists()

    fieldsets.nth(2).get_by_text("弃权", exact=True).click()
    page.get_by_role("button", name="核对选票").click()
    page.wait_for_url(f"**/projects/ballots/{ballot.pk}/review/")
    review = page.locator("main").inner_text()
    assert "您赞成了 2 个项目" in review and "坪山街道新建公办幼儿园" in review
    assert page_overflow(page) <= 360
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="投出选票").click()
    page.wait_for_url("**/projects/my/ballots/")
    assert "您的选票已投出" in page.locator("main").inner_text()
    assert "您已投票" in page.locator("main").inner_text()
    assert BallotReceipt.objects.filter(deputy=deputy).count() == 1
    assert list(ballot.candidacies.order_by("order").values_list("approvals", "oppositions", "abstentions")) == [
        (1, 0, 0), (1, 0, 0), (0, 0, 1), (0, 1, 0)]


def test_the_projector_follows_the_turnout_by_itself(page, ballot):
    from congress.models import User

    voter = User.objects.get(username="another")
    page.goto(f"/projects/ballots/{ballot.pk}/projector/")
    assert page.locator("#projector-voted").inner_text() == "0"
    ballot_cast(ballot=ballot, choices=paper(ballot, 1), cast_by=voter)
    # A locator assertion polls without evaluating strings (the portal's policy forbids eval).
    expect(page.locator("#projector-voted")).to_have_text("1", timeout=12_000)
    assert page.get_by_role("button").filter(has_text="刷新").count() == 0
