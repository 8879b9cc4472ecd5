"""A C grade puts the handling under follow-up; the new round's grades count and the old stay."""

from datetime import date

import pytest

from congress.tests.factories import staff_user
from suggestions import services
from suggestions.models import Evaluation, HandlingState
from suggestions.selectors import follow_up_list
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def test_a_c_implementation_is_scored_then_followed_up_and_the_new_grade_counts():
    staff = staff_user()
    h = handling(stage="evaluated", reply="A", implementation="C")
    assert (h.state, h.final_score, h.final_level) == (HandlingState.UNDER_FOLLOW_UP, 66, "basically_satisfied")
    assert list(follow_up_list()) == [h]

    follow_up = services.handling_open_follow_up(handling=h, opened_by=staff, note="督办", on=date(2020, 9, 1))
    h.refresh_from_db()
    assert (follow_up.round, follow_up.stage, h.round, h.state) == (2, "implementation", 2, "reply_graded")
    assert list(follow_up_list()) == [h]  # still under follow-up until graded again

    services.handling_report_implementation(handling=h, content="整改落实。", submitted_by=staff)
    services.handling_grade(handling=h, stage="implementation", grade="A+", entered_by=staff, on=date(2020, 11, 1))
    h.refresh_from_db()
    assert (h.state, h.implementation_grade, h.final_score, h.final_level) == ("evaluated", "A+", 96, "satisfied")
    history = list(Evaluation.objects.filter(handling=h).order_by("created_at").values_list("stage", "round", "grade"))
    assert history == [("reply", 1, "A"), ("implementation", 1, "C"), ("implementation", 2, "A+")]
    assert list(follow_up_list()) == []


def test_a_c_reply_sends_the_unit_back_to_reply_with_a_new_deadline():
    staff = staff_user()
    h = handling(stage="reply_graded", reply="C")
    assert h.state == HandlingState.UNDER_FOLLOW_UP and h.final_score is None
    services.handling_open_follow_up(handling=h, opened_by=staff, deadline=date(2020, 8, 1), on=date(2020, 6, 1))
    h.refresh_from_db()
    assert (h.state, h.round, h.deadline) == ("awaiting_reply", 2, date(2020, 8, 1))
    services.handling_reply(handling=h, content="重新答复。", submitted_by=staff)
    services.handling_grade(handling=h, stage="reply", grade="B", entered_by=staff)
    h.refresh_from_db()
    assert (h.reply_grade, h.state) == ("B", "reply_graded")
    assert list(h.replies.values_list("round", flat=True)) == [1, 2]
    assert list(Evaluation.objects.filter(handling=h).values_list("grade", flat=True)) == ["C", "B"]
