"""Follow-up never blocks the next stage and never drops a handling from the figures: a C opens a
follow-up round for its stage, the process goes on, the final score is computed as soon as both
stages have a grade and again after every regrade, and staff may close a round with a note."""

from datetime import date
from decimal import Decimal

import pytest

from congress.errors import DomainError, NotPermitted, StateConflict
from congress.tests.factories import OrganizationFactory, staff_user, unit_user
from suggestions import services
from suggestions.models import Evaluation, FollowUpRound, Handling
from suggestions.selectors import follow_up_list, handlings_awaiting_grade, year_statistics
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def open_rounds(h):
    return list(FollowUpRound.objects.open().filter(handling=h).values_list("stage", "round"))


def test_a_c_reply_then_an_a_plus_implementation_is_80_satisfied_and_counts_while_on_the_list(settings):
    settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING = 1
    unit = OrganizationFactory(name="教育局")
    h = handling(organization=unit, stage="reply_graded", reply="C", on=date(2020, 3, 1))
    assert h.state == "reply_graded" and open_rounds(h) == [("reply", 2)]  # not blocked

    staff = staff_user()
    services.handling_report_implementation(handling=h, content="已落实。", submitted_by=unit_user(unit),
                                            on=date(2020, 6, 1))
    services.handling_grade(handling=h, stage="implementation", grade="A+", entered_by=staff, on=date(2020, 6, 10))
    h.refresh_from_db()
    # 0.4 × 50 + 0.6 × 100 = 80: satisfied
    assert (h.state, h.final_score, h.final_level) == ("evaluated", Decimal("80.00"), "satisfied")
    assert [f.handling_id for f in follow_up_list(year=2020)] == [h.pk]

    stats = year_statistics(year=2020, as_of=date(2020, 12, 31))
    (edu,) = stats.units
    assert (edu.evaluated, edu.mean_final, edu.satisfaction_rate, edu.under_follow_up) == (
        1, Decimal("80.00"), Decimal("1.0000"), 1)
    assert (stats.district.evaluated, stats.district.mean_final) == (1, Decimal("80.00"))


def test_the_unit_replies_again_the_regrade_recomputes_the_score_and_closes_the_round():
    unit = OrganizationFactory()
    h = handling(organization=unit, stage="evaluated", reply="C", implementation="A+", on=date(2020, 3, 1))
    assert h.final_score == 80
    handler, staff = unit_user(unit), staff_user()
    services.handling_reply(handling=h, content="重新答复。", submitted_by=handler, on=date(2020, 7, 1))
    assert list(handlings_awaiting_grade(user=staff)) == [h]
    services.handling_grade(handling=h, stage="reply", grade="A", entered_by=staff, on=date(2020, 7, 5))
    h.refresh_from_db()
    # 0.4 × 90 + 0.6 × 100 = 96
    assert (h.reply_grade, h.final_score, h.final_level, h.state) == ("A", 96, "satisfied", "evaluated")
    assert open_rounds(h) == [] and list(follow_up_list()) == []
    assert FollowUpRound.objects.get(handling=h).outcome == "regraded"
    assert list(h.replies.values_list("round", flat=True)) == [1, 2]
    history = list(Evaluation.objects.filter(handling=h).order_by("created_at").values_list("stage", "round", "grade"))
    assert history == [("reply", 1, "C"), ("implementation", 1, "A+"), ("reply", 2, "A")]

    # the figures as of a day before the regrade use the grades given by then
    before = year_statistics(year=2020, as_of=date(2020, 7, 2)).district
    after = year_statistics(year=2020, as_of=date(2020, 7, 31)).district
    assert (before.mean_final, before.under_follow_up) == (Decimal("80.00"), 1)
    assert (after.mean_final, after.under_follow_up) == (Decimal("96.00"), 0)


def test_a_c_again_opens_the_next_round_and_a_c_implementation_opens_its_own():
    unit = OrganizationFactory()
    h = handling(organization=unit, stage="reply_graded", reply="C")
    staff = staff_user()
    services.handling_reply(handling=h, content="第二次答复。", submitted_by=staff)
    services.handling_grade(handling=h, stage="reply", grade="C", entered_by=staff)
    assert open_rounds(h) == [("reply", 3)]
    services.handling_report_implementation(handling=h, content="已落实。", submitted_by=staff)
    services.handling_grade(handling=h, stage="implementation", grade="C", entered_by=staff)
    h.refresh_from_db()
    # 0.4 × 50 + 0.6 × 50 = 50: unsatisfied, counted, both stages on the list
    assert (h.final_score, h.final_level, h.round) == (50, "unsatisfied", 4)
    assert sorted(open_rounds(h)) == [("implementation", 4), ("reply", 3)]
    services.handling_report_implementation(handling=h, content="整改落实。", submitted_by=staff)
    services.handling_grade(handling=h, stage="implementation", grade="B", entered_by=staff)
    h.refresh_from_db()
    assert (h.final_score, h.final_level) == (59, "unsatisfied") and open_rounds(h) == [("reply", 3)]


def test_staff_close_a_round_with_a_note_and_the_grade_stays():
    h = handling(stage="evaluated", reply="A", implementation="C")
    (follow_up,) = FollowUpRound.objects.open().filter(handling=h)
    staff = staff_user()
    with pytest.raises(DomainError) as empty:
        services.follow_up_close(follow_up=follow_up, note=" ", closed_by=staff)
    assert empty.value.field == "note"
    with pytest.raises(NotPermitted):
        services.follow_up_close(follow_up=follow_up, note="已尽力", closed_by=unit_user(h.organization))
    services.follow_up_close(follow_up=follow_up, note="单位已尽力，条件暂不具备。", closed_by=staff,
                             on=date(2020, 12, 1))
    follow_up.refresh_from_db()
    h.refresh_from_db()
    assert (follow_up.outcome, follow_up.closed_on, follow_up.closed_by) == ("closed", date(2020, 12, 1), staff)
    assert (h.implementation_grade, h.final_score) == ("C", 66)
    assert list(follow_up_list()) == []
    with pytest.raises(StateConflict):
        services.follow_up_close(follow_up=follow_up, note="again", closed_by=staff)
    # nothing awaits an answer any more
    with pytest.raises(StateConflict):
        services.handling_report_implementation(handling=h, content="迟到的落实", submitted_by=staff)


def test_an_answer_to_a_closed_round_is_no_longer_graded():
    h = handling(stage="reply_graded", reply="C")
    staff = staff_user()
    services.handling_reply(handling=h, content="重新答复。", submitted_by=staff)
    services.follow_up_close(follow_up=FollowUpRound.objects.get(handling=h), note="已协调解决", closed_by=staff)
    with pytest.raises(StateConflict):
        services.handling_grade(handling=h, stage="reply", grade="A", entered_by=staff)
    assert Handling.objects.get(pk=h.pk).reply_grade == "C"


def test_staff_supervise_the_open_round():
    h = handling(stage="reply_graded", reply="C", on=date(2020, 3, 1))
    staff = staff_user()
    follow_up = services.handling_supervise_follow_up(handling=h, supervised_by=staff, note="督办",
                                                      deadline=date(2020, 5, 1), on=date(2020, 3, 2))
    assert (follow_up.note, follow_up.deadline, follow_up.stage) == ("督办", date(2020, 5, 1), "reply")
    with pytest.raises(StateConflict):
        services.handling_supervise_follow_up(handling=handling(stage="evaluated"), supervised_by=staff)
