"""Concurrent grading of the same stage keeps exactly one current grade (PostgreSQL, threads)."""

import pytest

from congress.errors import StateConflict
from congress.testing import run_in_threads
from congress.tests.factories import staff_user
from suggestions import services
from suggestions.models import Evaluation, Handling
from suggestions.tests.factories import handling


@pytest.mark.django_db(transaction=True)
def test_concurrent_grades_of_one_stage_keep_one(requires_postgres):
    h = handling(stage="reply_submitted")
    staff = staff_user()
    grades = iter(["A+", "A", "A-", "B+", "B", "B-", "C", "A+", "A", "A-"])
    picks = [next(grades) for _ in range(10)]
    counter = iter(range(10))

    def grade():
        return services.handling_grade(handling=h, stage="reply", grade=picks[next(counter)], entered_by=staff)

    results = run_in_threads(10, grade)
    winners = [r for r in results if isinstance(r, Evaluation)]
    losers = [r for r in results if isinstance(r, StateConflict)]
    assert (len(winners), len(losers)) == (1, 9)
    stored = Evaluation.objects.get(handling=h, stage="reply")
    assert stored.grade == winners[0].grade
    assert Handling.objects.get(pk=h.pk).reply_grade == stored.grade


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_grade_for_the_same_round(requires_postgres):
    from django.db import IntegrityError

    h = handling(stage="reply_graded")
    with pytest.raises(IntegrityError):
        Evaluation.objects.create(handling=h, stage="reply", round=1, grade="A", graded_on=h.reply_graded_on)


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_year_get_distinct_numbers(requires_postgres):
    from datetime import date

    from suggestions.tests.factories import submitted_suggestion

    staff = staff_user()
    suggestions = [submitted_suggestion(on=date(2020, 1, 9)) for _ in range(8)]
    queue = iter(suggestions)

    def register():
        return services.suggestion_register(suggestion=next(queue), registered_by=staff).number

    results = run_in_threads(8, register)
    assert sorted(results) == [f"2020-{n:03d}" for n in range(1, 9)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_grades_through_the_api_answer_one_201_and_409s(requires_postgres):
    from django.test import Client

    h = handling(stage="reply_submitted")
    staff = staff_user()

    def grade_via_api():
        client = Client()
        client.force_login(staff)
        return client.post(f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "reply", "grade": "A"},
                           content_type="application/json")

    results = run_in_threads(10, grade_via_api)
    assert sorted(r.status_code for r in results) == [201] + [409] * 9
    assert Evaluation.objects.filter(handling=h).count() == 1
