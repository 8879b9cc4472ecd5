from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from congress.periods import Quarter, Year


def test_quarter_parses_and_prints():
    assert str(Quarter.parse("2020Q4")) == "2020Q4"
    assert Quarter.parse(" 2020-q1 ") == Quarter(2020, 1)


@pytest.mark.parametrize("text", ["2020Q5", "2020", "Q4", "20Q1", ""])
def test_bad_quarter_text_is_refused_with_a_message(text):
    with pytest.raises(ValueError, match="2020Q4"):
        Quarter.parse(text)


def test_quarter_days_and_neighbours():
    q = Quarter(2020, 1)
    assert (q.first_day, q.last_day) == (date(2020, 1, 1), date(2020, 3, 31))
    assert Quarter(2020, 4).last_day == date(2020, 12, 31)
    assert q.previous() == Quarter(2019, 4)
    assert Quarter(2020, 4).next() == Quarter(2021, 1)
    assert q.same_quarter_last_year() == Quarter(2019, 1)


def test_quarter_boundaries_are_in_beijing_time():
    # 31 March 2020, 23:30 in Beijing is 15:30 UTC: still the first quarter.
    late_evening = datetime(2020, 3, 31, 15, 30, tzinfo=ZoneInfo("UTC"))
    assert Quarter.containing(late_evening) == Quarter(2020, 1)
    # 1 April 2020, 00:30 in Beijing is 31 March 16:30 UTC: already the second quarter.
    after_midnight = datetime(2020, 3, 31, 16, 30, tzinfo=ZoneInfo("UTC"))
    assert Quarter.containing(after_midnight) == Quarter(2020, 2)
    assert Quarter(2020, 2).start == datetime(2020, 4, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert Quarter(2020, 1).end == Quarter(2020, 2).start


def test_year_bounds_and_quarters():
    year = Year(2020)
    assert year.start.utcoffset().total_seconds() == 8 * 3600
    assert [str(q) for q in year.quarters()] == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]
    assert Year.containing(date(2019, 12, 31)) == Year(2019)
