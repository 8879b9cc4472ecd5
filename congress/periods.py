"""Years and quarters as value objects. Boundaries are computed in the district's time zone
(Asia/Shanghai), so an entry made at 23:30 on 31 March Beijing time belongs to Q1 whatever the
server's clock says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")

_QUARTER_RE = re.compile(r"^\s*(\d{4})\s*[-_ ]?\s*[Qq]([1-4])\s*$")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=DISTRICT_TZ)


def local_date(moment: datetime) -> date:
    """The calendar date of an aware datetime in the district."""
    return moment.astimezone(DISTRICT_TZ).date()


@dataclass(frozen=True, order=True)
class Year:
    value: int

    def __post_init__(self) -> None:
        if not 1900 <= self.value <= 2999:
            raise ValueError(_("%(value)s is not a valid year.") % {"value": self.value})

    def __str__(self) -> str:
        return str(self.value)

    @property
    def first_day(self) -> date:
        return date(self.value, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.value, 12, 31)

    @property
    def start(self) -> datetime:
        return _start_of(self.first_day)

    @property
    def end(self) -> datetime:
        """Exclusive upper bound: the first instant of the next year."""
        return _start_of(date(self.value + 1, 1, 1))

    def previous(self) -> Year:
        return Year(self.value - 1)

    def quarters(self) -> list[Quarter]:
        return [Quarter(self.value, q) for q in range(1, 5)]

    @classmethod
    def containing(cls, day: date | datetime) -> Year:
        if isinstance(day, datetime):
            day = local_date(day)
        return cls(day.year)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self) -> None:
        Year(self.year)
        if self.number not in (1, 2, 3, 4):
            raise ValueError(_("A quarter is numbered 1 to 4."))

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Parse "2020Q4" (also "2020-Q4", "2020 q4")."""
        match = _QUARTER_RE.match(str(text))
        if not match:
            raise ValueError(_("“%(text)s” is not a quarter; write it like 2020Q4.") % {"text": text})
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date | datetime) -> Quarter:
        if isinstance(day, datetime):
            day = local_date(day)
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def label(self) -> str:
        return _("%(year)s Q%(number)s") % {"year": self.year, "number": self.number}

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def start(self) -> datetime:
        return _start_of(self.first_day)

    @property
    def end(self) -> datetime:
        """Exclusive upper bound: the first instant of the next quarter."""
        return _start_of(self.next().first_day)

    @property
    def year_obj(self) -> Year:
        return Year(self.year)

    @property
    def year_start_day(self) -> date:
        return date(self.year, 1, 1)

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    def same_quarter_last_year(self) -> Quarter:
        return Quarter(self.year - 1, self.number)

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day
