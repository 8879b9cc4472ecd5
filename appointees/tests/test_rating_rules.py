"""Counting and ranking rules against hand-worked figures."""

from fractions import Fraction

from appointees.rules import Counts, must_report, ranked, report_deadline


def test_satisfaction_rate_and_ranks_by_hand():
    # 20 members: A 18/2/0 → 100 %, 90 % satisfied; B 15/5/0 → 100 %, 75 %; C 17/1/2 → 90 %;
    # D 18/2/0 ties with A; E no rating.
    items = [("B", Counts(15, 5, 0)), ("A", Counts(18, 2, 0)), ("C", Counts(17, 1, 2)), ("D", Counts(18, 2, 0)),
             ("E", Counts(0, 0, 0))]
    result = ranked(items)
    assert [(rank, name) for rank, name, _ in result] == [(1, "A"), (1, "D"), (3, "B"), (4, "C"), (5, "E")]
    assert Counts(17, 1, 2).satisfaction == Fraction(9, 10)
    assert Counts(0, 0, 0).satisfaction is None


def test_who_reports_and_when():
    from datetime import date

    assert report_deadline(2020) == date(2021, 3, 31)
    assert must_report(category="department_head", took_office=date(2019, 5, 1), left_office=None, year=2020)
    assert not must_report(category="district_head", took_office=date(2019, 5, 1), left_office=None, year=2020)
    assert not must_report(category="department_head", took_office=date(2021, 1, 2), left_office=None, year=2020)
    assert not must_report(category="department_head", took_office=date(2017, 1, 2), left_office=date(2020, 6, 1),
                           year=2020)
