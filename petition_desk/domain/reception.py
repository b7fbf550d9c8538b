"""Reception-day rules (docs/domain.md §5, §7): on which days leaders receive visitors.

Three kinds seen in the seeds, combinable: a weekday and half-day ("每周三上午"), lunar days
("农历逢三、六、九" = lunar days 3, 6, 9, 13, 16, 19, 23, 26, 29), and a fixed date of the month
("每月15日"). Days that are not working days (weekends, statutory holidays, with make-up
working days counted as working) are skipped unless the unit receives regardless.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from petition_desk.domain.workdays import WorkCalendar
from petition_desk.errors import ValidationError

HALF_DAYS = ("上午", "下午", "全天")
#: Seed 篇十: 接待时间 周一至周五 8:00—16:00 (a setting: ``office_hours``).
DEFAULT_OFFICE_HOURS = "8:00—16:00"
#: The midday break that splits a day into its 上午 and 下午 reception times.
NOON_BREAK = (dt.time(12, 0), dt.time(14, 0))
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_CN_DIGITS = "〇一二三四五六七八九十"


@dataclass(frozen=True)
class Rule:
    """One rule. ``kind`` is weekly (``weekday`` 0=Monday), lunar (``lunar_days``) or monthly
    (``month_day``)."""

    kind: str
    half_day: str = "上午"
    place: str = ""
    weekday: int | None = None
    lunar_days: tuple[int, ...] = ()
    month_day: int | None = None
    id: int | None = None

    def describe(self) -> str:
        """How a clerk would say it: 每周三上午, 农历逢三、六、九上午, 每月15日上午."""
        if self.kind == "weekly":
            return f"每{WEEKDAYS[self.weekday or 0]}{self.half_day}"
        if self.kind == "lunar":
            digits = sorted({d % 10 for d in self.lunar_days})
            if set(self.lunar_days) == set(lunar_days_ending_in(digits)):
                return "农历逢" + "、".join(_CN_DIGITS[d] for d in digits) + self.half_day
            return "农历每月" + "、".join(str(d) for d in self.lunar_days) + "日" + self.half_day
        return f"每月{self.month_day}日{self.half_day}"

    def params(self) -> dict:
        if self.kind == "weekly":
            return {"weekday": self.weekday}
        if self.kind == "lunar":
            return {"lunar_days": list(self.lunar_days)}
        return {"month_day": self.month_day}


def parse_office_hours(text: str) -> tuple[dt.time, dt.time]:
    """``8:00—16:00`` (any dash, full-width colon, spaces) -> (8:00, 16:00)."""
    import re

    m = re.fullmatch(
        r"\s*(\d{1,2})[:：](\d{2})\s*[-—–~～至到]+\s*(\d{1,2})[:：](\d{2})\s*", text or ""
    )
    problem = "办公时间应写成“8:00—16:00”的样子"
    if not m:
        raise ValidationError(problem, "office_hours")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError:
        raise ValidationError(problem, "office_hours") from None
    if end <= start:
        raise ValidationError("办公时间的结束时间应晚于开始时间", "office_hours")
    return start, end


def format_office_hours(start: dt.time, end: dt.time) -> str:
    return f"{start.hour}:{start.minute:02d}—{end.hour}:{end.minute:02d}"


def half_day_times(office_hours: str = DEFAULT_OFFICE_HOURS) -> dict[str, str]:
    """The reception times of 上午, 下午 and 全天 within the office hours.

    The morning ends and the afternoon starts at the midday break (``NOON_BREAK``), clipped
    to the office hours: 8:00—16:00 gives 8:00—12:00, 14:00—16:00 and 8:00—16:00.
    """
    start, end = parse_office_hours(office_hours)
    noon, after = NOON_BREAK
    morning_end = min(noon, end)
    afternoon_start = max(after, start) if end > after else max(noon, start)
    return {
        "上午": format_office_hours(start, morning_end),
        "下午": format_office_hours(afternoon_start, end),
        "全天": format_office_hours(start, end),
    }


#: The times for the default office hours.
HALF_DAY_TIMES = half_day_times()


def lunar_days_ending_in(digits) -> tuple[int, ...]:
    """逢三、六、九 -> (3, 6, 9, 13, 16, 19, 23, 26, 29): lunar days whose last digit matches."""
    return tuple(sorted(d for d in range(1, 31) if d % 10 in set(digits) and d != 30))


def weekly(weekday: int, half_day: str = "上午", place: str = "") -> Rule:
    return validate(Rule("weekly", half_day, place, weekday=weekday))


def lunar(days, half_day: str = "上午", place: str = "") -> Rule:
    return validate(Rule("lunar", half_day, place, lunar_days=tuple(sorted(set(days)))))


def monthly(day: int, half_day: str = "上午", place: str = "") -> Rule:
    return validate(Rule("monthly", half_day, place, month_day=day))


def validate(rule: Rule) -> Rule:
    if rule.half_day not in HALF_DAYS:
        raise ValidationError("接待时段应为上午、下午或全天", "half_day")
    if rule.kind == "weekly" and rule.weekday not in range(7):
        raise ValidationError("请选择星期几", "weekday")
    if rule.kind == "lunar" and (
        not rule.lunar_days or any(d not in range(1, 31) for d in rule.lunar_days)
    ):
        raise ValidationError("农历日期应在初一至三十之间", "lunar_days")
    if rule.kind == "monthly" and rule.month_day not in range(1, 32):
        raise ValidationError("每月日期应在 1 至 31 之间", "month_day")
    if rule.kind not in ("weekly", "lunar", "monthly"):
        raise ValidationError(f"未知的规则类型“{rule.kind}”", "kind")
    return rule


def lunar_of(day: dt.date):
    """The lunar date of ``day`` (lunardate knows 1900-2099)."""
    from lunardate import LunarDate

    return LunarDate.from_solar_date(day.year, day.month, day.day)


def lunar_text(day: dt.date) -> str:
    """``十月初六`` (with 闰 for a leap month), for calendars and the public roster."""
    ld = lunar_of(day)
    months = "正二三四五六七八九十冬腊"
    d = ld.day
    if d == 10:
        name = "初十"
    elif d == 20:
        name = "二十"
    elif d == 30:
        name = "三十"
    else:
        name = "初十廿三"[d // 10] + _CN_DIGITS[d % 10]
    return ("闰" if ld.is_leap_month else "") + months[ld.month - 1] + "月" + name


@dataclass(frozen=True)
class Slot:
    day: dt.date
    half_day: str
    place: str
    rule: Rule
    confirmed: bool = True  # False when the year has no holiday data


@dataclass
class MonthSlots:
    slots: list[Slot] = field(default_factory=list)
    unconfirmed_year: bool = False


def matches(rule: Rule, day: dt.date) -> bool:
    if rule.kind == "weekly":
        return day.weekday() == rule.weekday
    if rule.kind == "monthly":
        # "每月31日" in a 30-day month falls on its last day rather than vanishing.
        last = calendar.monthrange(day.year, day.month)[1]
        return day.day == min(rule.month_day or 1, last)
    return lunar_of(day).day in rule.lunar_days


def month_slots(
    rules: list[Rule],
    year: int,
    month: int,
    cal: WorkCalendar,
    *,
    include_rest_days: bool = False,
    default_place: str = "",
) -> MonthSlots:
    """Every reception half-day of the month, by date; duplicates from combined rules merge."""
    out = MonthSlots(unconfirmed_year=not cal.year_confirmed(year))
    seen: set[tuple[dt.date, str]] = set()
    for n in range(1, calendar.monthrange(year, month)[1] + 1):
        day = dt.date(year, month, n)
        if not include_rest_days and not cal.is_working_day(day):
            continue
        for rule in rules:
            if matches(rule, day) and (day, rule.half_day) not in seen:
                seen.add((day, rule.half_day))
                out.slots.append(
                    Slot(
                        day,
                        rule.half_day,
                        rule.place or default_place,
                        rule,
                        cal.year_confirmed(year),
                    )
                )
    return out
