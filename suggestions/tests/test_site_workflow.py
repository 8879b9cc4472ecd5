"""The workflow on the site: deputies, units and staff see their next step, and bad input gets a
message in the user's language, a 4xx status and no change."""

import pytest
from django.urls import reverse

from congress.tests.factories import deputy_user, staff_user, unit_user
from suggestions.models import Evaluation, Handling, Suggestion
from suggestions.tests.factories import SuggestionFactory, handling, submitted_suggestion

pytestmark = pytest.mark.django_db


def test_the_lead_deputy_grades_a_reply_with_the_grade_table_in_front_of_them(client):
    h = handling(stage="reply_submitted")
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    mine = client.get(reverse("suggestions:mine")).content.decode()
    assert "评价答复" in mine and h.suggestion.title in mine
    page = client.get(reverse("suggestions:handling-detail", args=[h.pk])).content.decode()
    assert "评价档次与分值" in page and "A+" in page and "100" in page and "50" in page
    response = client.post(reverse("suggestions:handling-step", args=[h.pk, "grade"]), {"stage": "reply",
                                                                                       "grade": "A-"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "评价已录入。" in page
    assert Evaluation.objects.get(handling=h).grade == "A-"


def test_a_bad_or_late_grade_gets_a_message_and_changes_nothing(client):
    h = handling(stage="reply_submitted")
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    url = reverse("suggestions:handling-step", args=[h.pk, "grade"])
    response = client.post(url, {"stage": "reply", "grade": "Z"})
    assert response.status_code == 400 and "Z 不在可用的选项中" in response.content.decode()
    client.post(url, {"stage": "reply", "grade": "A"})
    response = client.post(url, {"stage": "reply", "grade": "C"})
    assert response.status_code == 409
    assert "现在不能评价答复：没有待评价的答复。" in response.content.decode()
    assert list(Evaluation.objects.filter(handling=h).values_list("grade", flat=True)) == ["A"]


def test_the_unit_replies_and_reports_on_the_site(client):
    h = handling()
    client.force_login(unit_user(h.organization))
    listing = client.get(reverse("suggestions:unit-handlings")).content.decode()
    assert h.suggestion.title in listing and h.deadline.strftime("%Y-%m-%d") in listing
    url = reverse("suggestions:handling-step", args=[h.pk, "reply"])
    response = client.post(url, {"content": ""})
    assert response.status_code == 400 and not h.replies.exists()
    response = client.post(url, {"content": "我局已将该路段纳入年度计划。"})
    assert response.status_code == 302
    assert Handling.objects.get(pk=h.pk).state == "reply_submitted"
    response = client.post(reverse("suggestions:handling-step", args=[h.pk, "report"]), {"content": "已完成"})
    assert response.status_code == 409 and "答复评价之后才能报送落实情况。" in response.content.decode()


def test_staff_register_reject_and_publish_on_the_site(client):
    suggestion = submitted_suggestion()
    client.force_login(staff_user())
    url = reverse("suggestions:step", args=[suggestion.pk, "reject"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "请填写不予立案的理由。" in response.content.decode()
    assert Suggestion.objects.get(pk=suggestion.pk).state == "submitted"
    client.post(reverse("suggestions:step", args=[suggestion.pk, "register"]), {"number": ""})
    assert Suggestion.objects.get(pk=suggestion.pk).number == "2020-001"
    client.post(reverse("suggestions:step", args=[suggestion.pk, "publish"]), {"publish_content": "on"})
    published = Suggestion.objects.get(pk=suggestion.pk)
    assert (published.is_published, published.publish_content, published.publish_replies) == (True, True, False)


def test_a_deputy_drafts_submits_and_co_signs(client):
    draft_owner = deputy_user()
    client.force_login(draft_owner)
    response = client.post(reverse("suggestions:new"), {"title": "", "content": "", "category": "urban"})
    assert response.status_code == 400 and not Suggestion.objects.exists()
    response = client.post(reverse("suggestions:new"), {"title": "增设口袋公园", "content": "……", "category": "urban"})
    suggestion = Suggestion.objects.get()
    assert response["Location"] == reverse("suggestions:manage", args=[suggestion.pk])
    client.post(reverse("suggestions:step", args=[suggestion.pk, "submit"]))
    assert Suggestion.objects.get().state == "submitted"
    other = SuggestionFactory()  # another deputy's draft is not open for co-signing
    client.force_login(deputy_user())
    listing = client.get(reverse("suggestions:cosign-list")).content.decode()
    assert "增设口袋公园" in listing and other.title not in listing
    client.post(reverse("suggestions:cosign", args=[suggestion.pk]))
    assert suggestion.cosignatures.count() == 1


def test_a_draft_can_be_edited_until_it_is_submitted(client):
    draft = SuggestionFactory(title="旧标题")
    client.force_login(deputy_user(draft.lead_deputy))
    url = reverse("suggestions:edit", args=[draft.pk])
    client.post(url, {"title": "新标题", "content": "新内容", "category": "health"})
    assert Suggestion.objects.get(pk=draft.pk).title == "新标题"
    client.post(reverse("suggestions:step", args=[draft.pk, "submit"]))
    response = client.post(url, {"title": "再改", "content": "新内容", "category": "health"})
    assert response.status_code == 409 and "只有草稿可以修改。" in response.content.decode()
    assert Suggestion.objects.get(pk=draft.pk).title == "新标题"


def test_the_lead_deputy_is_told_when_a_reply_awaits_their_grade(client, django_capture_on_commit_callbacks):
    from congress.models import Notice
    from suggestions import services

    h = handling()
    login = deputy_user(h.suggestion.lead_deputy)
    with django_capture_on_commit_callbacks(execute=True):
        services.handling_reply(handling=h, content="答复", submitted_by=staff_user())
    notice = Notice.objects.get(user=login, kind="suggestion_grade_awaited")
    assert h.suggestion.title in notice.message
    assert notice.link == reverse("suggestions:handling-detail", args=[h.pk])


def test_staff_see_the_follow_up_list_and_close_a_round_with_a_note_on_the_site(client):
    from suggestions.models import FollowUpRound

    h = handling(stage="evaluated", reply="C", implementation="A+")
    follow_up = FollowUpRound.objects.get(handling=h)
    url = reverse("suggestions:handling-step", args=[h.pk, "close-follow-up"])
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    assert client.post(url, {"follow_up": follow_up.pk, "note": "x"}).status_code == 403
    client.force_login(staff_user())
    statistics = client.get(reverse("suggestions:statistics"), {"year": 2020}).content.decode()
    assert h.suggestion.title in statistics  # on the follow-up list, and counted
    assert client.post(url, {"follow_up": "abc", "note": "x"}).status_code == 404
    refused = client.post(url, {"follow_up": follow_up.pk, "note": ""})
    assert refused.status_code == 400 and FollowUpRound.objects.get(pk=follow_up.pk).is_open
    done = client.post(url, {"follow_up": follow_up.pk, "note": "单位已尽力"})
    assert done.status_code == 302
    assert not FollowUpRound.objects.get(pk=follow_up.pk).is_open
    assert Handling.objects.get(pk=h.pk).final_score == 80
