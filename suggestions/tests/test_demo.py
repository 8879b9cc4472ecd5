"""The demo data reproduce the seed's 2020 figures through the portal's own statistics."""

import random
from datetime import date

import pytest

from congress.demo import seed_registry
from suggestions.demo import seed_suggestions
from suggestions.models import Evaluation, Handling, Suggestion
from suggestions.selectors import handlings_awaiting_grade, replies_due, year_statistics

pytestmark = pytest.mark.django_db


def test_demo_2020_figures_and_idempotence(settings):
    lines = []
    seed_registry(rng=random.Random("t"), progress=lines.append)
    seed_suggestions(rng=random.Random("t"), progress=lines.append)
    district = year_statistics(year=2020).district
    assert (district.full_mark_replies, district.full_mark_implementations) == (156, 142)
    assert f"{district.satisfaction_rate * 100:.1f}" == "99.4"
    assert district.overdue_replies >= 3 and district.under_follow_up == 2
    assert Suggestion.objects.filter(year=2020, state="not_registered").exists()
    assert {2019, 2020, 2021} <= set(Suggestion.objects.values_list("year", flat=True))
    assert any("156 full-mark replies" in line for line in lines)

    from congress.models import User

    deputy, unit = User.objects.get(username="deputy"), User.objects.get(username="unit")
    assert handlings_awaiting_grade(user=deputy).exists()
    assert Handling.objects.for_user(unit).filter(state="awaiting_reply").exists()
    assert replies_due(today=date.today()).filter(organization=unit.organization).exists()

    counts = (Suggestion.objects.count(), Handling.objects.count(), Evaluation.objects.count())
    seed_suggestions(rng=random.Random("t"), progress=lines.append)
    assert (Suggestion.objects.count(), Handling.objects.count(), Evaluation.objects.count()) == counts
