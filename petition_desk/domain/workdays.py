"""Working days: State Council holidays, make-up working days and the clerk's own table.

``chinese_calendar`` knows the published schedule for 2004 up to its release year and raises
``NotImplementedError`` beyond. The desk keeps an override table a clerk can edit; an override
always wins. A year that neither source covers is computed as Monday-Friday and every answer
for it is flagged *unconfirmed*, so a deadline is never silently guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache


@cache
def _package_years() -> frozenset[int]:
    """Years for which the installed ``chinese_calendar`` has published data."""
    import chinese_calendar

    years = {d.year for d in chinese_calendar.holidays} | {
        d.year for d in chinese_calendar.workdays
    }
    return frozenset(years)


@lru_cache(maxsize=4096)
def _package_is_workday(day: dt.date) -> bool:
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


@dataclass(frozen=True)
class DueDate:
    """A computed due date and whether the holiday data behind it is confirmed."""

    day: dt.date
    confirmed: bool = True


@dataclass
class WorkCalendar:
    """Answers "is this a working day?" from the package plus the editable overrides.

    ``overrides`` maps a date to True (working day) or False (day off); ``extra_years`` are
    years the clerk has entered completely, which makes them confirmed.
    """

    overrides: Mapping[dt.date, bool] = field(default_factory=dict)
    extra_years: Iterable[int] = ()

    def __post_init__(self) -> None:
        self._confirmed = set(_package_years()) | set(self.extra_years)
        self._cache: dict[dt.date, bool] = {}

    def year_confirmed(self, year: int) -> bool:
        """True when the holiday schedule of ``year`` is known."""
        return year in self._confirmed

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; unknown years fall back to Monday-Friday."""
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        if day in self.overrides:
            result = bool(self.overrides[day])
        elif day.year in _package_years():
            result = _package_is_workday(day)
        else:
            result = day.weekday() < 5
        self._cache[day] = result
        return result

    def add_working_days(self, start: dt.date, days: int) -> DueDate:
        """The date ``days`` working days after ``start`` (the start day itself not counted).

        The result is unconfirmed when any day walked over lies in a year without data.
        """
        day, left, confirmed = start, days, self.year_confirmed(start.year)
        while left > 0:
            day += dt.timedelta(days=1)
            confirmed = confirmed and self.year_confirmed(day.year)
            if self.is_working_day(day):
                left -= 1
        return DueDate(day, confirmed)

    def add_calendar_days(self, start: dt.date, days: int) -> DueDate:
        """``start`` + ``days`` calendar days.

        Calendar-day limits (Arts. 23, 34-36) are not moved off holidays: the desk keeps the
        stricter reading, so a due date it shows is never later than the law's.
        """
        return DueDate(start + dt.timedelta(days=days), True)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count
