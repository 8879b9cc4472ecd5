"""A double tap sends a form once: a deputy tapping "保存草稿" twice gets one draft (two drafts,
and a success beside "already done", before the portal's script guarded its forms); a step
they cancel at its confirmation can still be sent afterwards."""

import pytest

from congress.tests.factories import DeputyFactory, deputy_user
from suggestions.models import Suggestion
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_tap_on_save_makes_one_draft(phone_page):
    deputy_user(DeputyFactory(name="诸葛丽娟"), username="zhuge", display_name="诸葛丽娟")
    page = phone_page
    log_in(page, "zhuge")
    page.goto("/suggestions/new/")
    page.get_by_label("标题").fill("关于增设公交站台的建议")
    page.get_by_label("内容").fill("建议在碧岭社区路口增设公交站台。")
    # The first tap's request is held on its way (a slow mobile link), as the second tap comes.
    held = []
    page.route("**/suggestions/new/", lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    button = page.get_by_role("button", name="保存草稿")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    page.wait_for_timeout(200)
    page.touchscreen.tap(x, y)  # a tap does not wait for the page, as Playwright's click would
    page.wait_for_timeout(200)
    assert len(held) == 1, "the second tap sent the form again"
    held[0].continue_()
    page.wait_for_url("**/suggestions/manage/*/")
    page.unroute("**/suggestions/new/")
    assert Suggestion.objects.count() == 1
    assert page.get_by_role("status").inner_text().strip() == "草稿已保存，完成后请提交。"

    # Back in the history, the form can be sent again (the guard is released).
    page.go_back()
    page.wait_for_url("**/suggestions/new/")
    page.get_by_label("标题").fill("关于修缮社区凉亭的建议")
    page.get_by_label("内容").fill("凉亭年久失修。")
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_url("**/suggestions/manage/*/")
    assert Suggestion.objects.count() == 2
