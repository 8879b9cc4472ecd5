"""Existing handlings move to the follow-up rule (migration 0002): a C no longer holds a handling
back, a round already opened stays open until its regrade, and the reply deadline is the
assignment's again. Legacy states cannot be reached through today's services, so these tests
write them as the old code left them (the one place tests set a state directly)."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from congress.tests.factories import staff_user
from suggestions.models import Evaluation, FollowUpRound, Handling
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db
migration = import_module("suggestions.migrations.0002_follow_up_beside_the_flow")


def migrate():
    migration.follow_up_beside_the_flow(apps, None)


def legacy(h, **fields):
    Handling.objects.filter(pk=h.pk).update(**fields)


def test_a_handling_held_back_by_a_c_reply_goes_on_with_an_open_round():
    h = handling(stage="reply_submitted", on=date(2020, 3, 1))
    Evaluation.objects.create(handling=h, stage="reply", round=1, grade="C", graded_on=date(2020, 4, 1))
    legacy(h, state="under_follow_up", reply_grade="C", reply_graded_on=date(2020, 4, 1))
    migrate()
    h.refresh_from_db()
    assert (h.state, h.round) == ("reply_graded", 2)
    (follow_up,) = FollowUpRound.objects.filter(handling=h)
    assert (follow_up.stage, follow_up.round, follow_up.opened_on, follow_up.is_open) == (
        "reply", 2, date(2020, 4, 1), True)
    assert follow_up.deadline == date(2020, 7, 1)


def test_an_opened_round_awaiting_the_new_reply_stays_open_and_the_deadline_is_restored():
    h = handling(stage="reply_submitted", on=date(2020, 3, 1))
    Evaluation.objects.create(handling=h, stage="reply", round=1, grade="C", graded_on=date(2020, 4, 1))
    FollowUpRound.objects.create(handling=h, round=2, stage="reply", opened_on=date(2020, 4, 5),
                                 deadline=date(2020, 6, 30), opened_by=staff_user())
    legacy(h, state="awaiting_reply", round=2, deadline=date(2020, 6, 30), reply_grade="C",
           reply_graded_on=date(2020, 4, 1))
    migrate()
    h.refresh_from_db()
    assert (h.state, h.round, h.deadline) == ("reply_graded", 2, h.assignment.deadline)
    assert FollowUpRound.objects.get(handling=h).is_open


def test_a_regraded_round_is_closed_and_the_evaluated_handling_keeps_its_score():
    h = handling(stage="evaluated", reply="A", implementation="C", on=date(2020, 3, 1))
    FollowUpRound.objects.filter(handling=h).delete()  # the old code opened rounds by hand
    FollowUpRound.objects.create(handling=h, round=2, stage="implementation", opened_on=date(2020, 5, 1),
                                 deadline=date(2020, 8, 1))
    Evaluation.objects.create(handling=h, stage="implementation", round=2, grade="A+", graded_on=date(2020, 9, 1))
    legacy(h, state="evaluated", round=2, implementation_grade="A+", final_score=96, final_level="satisfied")
    migrate()
    h.refresh_from_db()
    follow_up = FollowUpRound.objects.get(handling=h)
    assert (follow_up.outcome, follow_up.closed_on) == ("regraded", date(2020, 9, 1))
    assert (h.state, h.final_score) == ("evaluated", 96)
