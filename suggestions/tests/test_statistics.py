"""Statistics match figures computed by hand for a small data set."""

from datetime import date
from decimal import Decimal

import pytest

from congress.tests.factories import OrganizationFactory
from suggestions.selectors import year_statistics
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_year(settings):
    settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING = 2
    edu, water, tiny = (OrganizationFactory(name=n) for n in ("教育局", "水务局", "统计局"))
    on = date(2020, 3, 1)
    # 教育局: A+/A+ = 100, A/B = 75, B-/C = 54 (unsatisfied, under follow-up)
    handling(organization=edu, on=on, stage="evaluated", reply="A+", implementation="A+")
    handling(organization=edu, on=on, stage="evaluated", reply="A", implementation="B")
    handling(organization=edu, on=on, stage="evaluated", reply="B-", implementation="C")
    # 水务局: A+/A = 94, A-/A+ = 92, plus one never replied (overdue by June)
    handling(organization=water, on=on, stage="evaluated", reply="A+", implementation="A")
    handling(organization=water, on=on, stage="evaluated", reply="A-", implementation="A+")
    handling(organization=water, on=on, stage="awaiting_reply", deadline=date(2020, 4, 1))
    # 统计局: one evaluated, below the minimum: listed, not ranked
    handling(organization=tiny, on=on, stage="evaluated", reply="A+", implementation="A+")
    # another year does not count
    handling(organization=edu, on=date(2019, 3, 1), stage="evaluated", reply="B-", implementation="C")
    return edu, water, tiny


def test_unit_and_district_figures_match_the_hand_count(small_year):
    stats = year_statistics(year=2020, as_of=date(2020, 12, 31))
    by_name = {u.unit_name: u for u in stats.units}
    edu, water, tiny = by_name["教育局"], by_name["水务局"], by_name["统计局"]

    assert (edu.evaluated, edu.mean_final, edu.satisfaction_rate) == (3, Decimal("76.33"), Decimal("0.6667"))
    assert (edu.full_mark_replies, edu.full_mark_implementations, edu.unsatisfied) == (1, 1, 1)
    assert edu.distribution["reply"] == {"A+": 1, "A": 1, "A-": 0, "B+": 0, "B": 0, "B-": 1, "C": 0}
    assert edu.distribution["implementation"] == {"A+": 1, "A": 0, "A-": 0, "B+": 0, "B": 1, "B-": 0, "C": 1}
    assert edu.under_follow_up == 1
    assert (water.handlings, water.evaluated, water.mean_final, water.satisfaction_rate) == (
        3, 2, Decimal("93.00"), Decimal("1.0000"))
    assert (water.full_mark_replies, water.full_mark_implementations, water.overdue_replies) == (1, 1, 1)
    assert (tiny.evaluated, tiny.mean_final, tiny.rank) == (1, Decimal("100.00"), None)
    assert [(u.unit_name, u.rank) for u in stats.units] == [("水务局", 1), ("教育局", 2), ("统计局", None)]
    assert [u.unit_name for u in stats.commended] == ["水务局"]

    district = stats.district
    # (100 + 75 + 54 + 94 + 92 + 100) / 6 = 85.83; 5 of 6 satisfied or basically satisfied
    assert (district.handlings, district.evaluated, district.mean_final) == (7, 6, Decimal("85.83"))
    assert district.satisfaction_rate == Decimal("0.8333")
    assert (district.full_mark_replies, district.full_mark_implementations, district.overdue_replies) == (3, 3, 1)


def test_figures_as_of_an_earlier_day_leave_out_later_grades(small_year):
    stats = year_statistics(year=2020, as_of=date(2020, 2, 28))
    assert (stats.district.handlings, stats.district.evaluated) == (0, 0)
    assert stats.district.satisfaction_rate is None
