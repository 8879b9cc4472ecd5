"""A grade that puts a handling on the follow-up list is recorded only after the deputy confirms it
on a second page (no JavaScript needed); the reply being judged is shown above the grading form and
every grade choice shows its points and level."""

import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, deputy_user, staff_user
from suggestions.models import Evaluation, FollowUpRound, Handling
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db

REPLY = "我局已将该路口纳入明年信号灯建设计划。"


def grade_url(h):
    return reverse("suggestions:handling-step", args=[h.pk, "grade"])


def test_the_reply_is_shown_above_the_grading_form_and_each_choice_has_points_and_level(client):
    h = handling(stage="reply_submitted", reply_text=REPLY)
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    page = client.get(reverse("suggestions:handling-detail", args=[h.pk])).content.decode()
    assert "您要评价的答复" in page
    assert page.index(REPLY) < page.index("评价答复</h2>"), "the reply comes before the judgement"
    for label in ("A+（100 分，满意）", "B（65 分，基本满意）", "C（50 分，不满意）"):
        assert label in page


def test_a_c_asks_for_confirmation_and_records_nothing_until_confirmed(client):
    h = handling(stage="reply_submitted", organization=OrganizationFactory(name="区交通运输局"))
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    first = client.post(grade_url(h), {"stage": "reply", "grade": "C"})
    assert first.status_code == 200
    page = first.content.decode()
    assert "确认评价" in page and "C（50 分，不满意）" in page
    assert "进入跟踪督办" in page and "区交通运输局" in page
    assert 'name="confirmed" value="1"' in page and 'name="grade" value="C"' in page
    assert not Evaluation.objects.filter(handling=h).exists()
    assert not FollowUpRound.objects.filter(handling=h).exists()

    confirmed = client.post(grade_url(h), {"stage": "reply", "grade": "C", "confirmed": "1"})
    assert confirmed.status_code == 302
    assert "评价已录入。" in client.get(confirmed["Location"]).content.decode()
    assert list(Evaluation.objects.filter(handling=h).values_list("grade", flat=True)) == ["C"]
    assert FollowUpRound.objects.get(handling=h).is_open


def test_a_grade_that_starts_no_follow_up_is_recorded_at_once(client):
    h = handling(stage="implementation_reported", reply="A")
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    response = client.post(grade_url(h), {"stage": "implementation", "grade": "B-"})
    assert response.status_code == 302
    assert Handling.objects.get(pk=h.pk).implementation_grade == "B-"


def test_staff_grading_for_the_deputy_confirm_the_implementation_too(client):
    h = handling(stage="implementation_reported", reply="A")
    client.force_login(staff_user())
    page = client.post(grade_url(h), {"stage": "implementation", "grade": "C"}).content.decode()
    assert "您将落实情况评为 C（50 分，不满意）" in page
    assert Handling.objects.get(pk=h.pk).implementation_grade == ""
    client.post(grade_url(h), {"stage": "implementation", "grade": "C", "confirmed": "1"})
    assert Handling.objects.get(pk=h.pk).implementation_grade == "C"


def test_a_c_that_cannot_be_recorded_is_refused_without_a_confirmation_step(client):
    h = handling(stage="reply_graded", reply="A")
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    response = client.post(grade_url(h), {"stage": "reply", "grade": "C"})
    assert response.status_code == 409 and "确认评价" not in response.content.decode()
