"""The statutory clock (docs/domain.md §4): which limits run for a case, when each falls due, and
how late it is.

Everything here is a pure function of the case's fields, the settings and the work calendar,
so the ledger, the registration panel, the demo generator and the integrity check all compute
the same dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from petition_desk.domain.vocab import FROM_ABOVE, WRITTEN, Channel, State
from petition_desk.domain.workdays import DueDate, WorkCalendar


class Tier(StrEnum):
    """How a running clock stands today."""

    ON_TIME = "正常"
    DUE_SOON = "临期"
    OVERDUE = "超期"
    SERIOUS = "严重超期"


class ClockKind(StrEnum):
    NOTICE = "书面告知"
    OBJECTION = "异议期限"
    LETTER_REPLY = "来信回复"
    HANDLING = "办理答复"
    DEPARTMENT = "承办单位报告"
    REVIEW_WINDOW = "申请复查期"
    REVIEW_ANSWER = "复查答复"
    REREVIEW_WINDOW = "申请复核期"
    REREVIEW_ANSWER = "复核答复"


@dataclass(frozen=True)
class Limits:
    """Settings and calendar that every clock is computed from."""

    settings: Mapping[str, Any]
    calendar: WorkCalendar

    def days(self, key: str) -> int:
        return int(self.settings[key])


@dataclass(frozen=True)
class Clock:
    """One running time limit of a case.

    ``obligation`` is False for the petitioner's own windows (asking for 复查/复核): they are
    shown, but a window that passes is not the desk being late.
    """

    kind: ClockKind
    start: dt.date
    due: dt.date
    working_days: bool
    confirmed: bool
    obligation: bool = True

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def tier(self, today: dt.date, rules: Limits) -> Tier:
        """On time, due soon, overdue or seriously overdue, by the configured thresholds."""
        return tier_for(self.due, today, rules)


def tier_for(due: dt.date, today: dt.date, rules: Limits) -> Tier:
    """The tier of a due date seen from ``today``."""
    left = (due - today).days
    if left < -rules.days("serious_overdue_days"):
        return Tier.SERIOUS
    if left < 0:
        return Tier.OVERDUE
    if left <= rules.days("due_soon_days"):
        return Tier.DUE_SOON
    return Tier.ON_TIME


#: States a disposition calling for a petitioner notice leads to (受理, 交办, 转送, 不予受理,
#: 不再受理).
NOTICE_AFTER = frozenset(
    {State.ACCEPTED, State.ASSIGNED, State.FORWARDED, State.REJECTED, State.REFUSED_FINAL}
)


def as_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """Parse the ISO date or date-time text stored in the database."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def required_date(case: Mapping[str, Any], key: str) -> dt.date:
    """A date the case's state implies (a replied case has ``replied_at``): a case without it
    is damaged, and says so instead of computing a wrong clock."""
    day = as_date(case.get(key))
    if day is None:
        raise ValueError(
            f"案件 {case.get('number', '')} 缺少 {key}，与其状态“{case.get('state')}”不符"
        )
    return day


def _calendar(kind: ClockKind, start: dt.date, days: int, rules: Limits, *, obligation=True):
    due: DueDate = rules.calendar.add_calendar_days(start, days)
    return Clock(kind, start, due.day, False, due.confirmed, obligation)


def _working(kind: ClockKind, start: dt.date, days: int, rules: Limits) -> Clock:
    due = rules.calendar.add_working_days(start, days)
    return Clock(kind, start, due.day, True, due.confirmed)


def handling_due(case: Mapping[str, Any], rules: Limits) -> DueDate:
    """The reply due date: acceptance + the handling limit + any approved extension."""
    accepted = as_date(case["accepted_at"])
    assert accepted is not None, "handling clock needs an acceptance date"
    days = rules.days("handling_days") + int(case.get("extension_days") or 0)
    return rules.calendar.add_calendar_days(accepted, days)


def running_clocks(case: Mapping[str, Any], rules: Limits) -> list[Clock]:
    """Every clock running for ``case`` in its current state, earliest due first."""
    state = State(case["state"])
    clocks: list[Clock] = []
    received = as_date(case["received_at"])
    assert received is not None
    # The written notice (Art. 23) is given when it is issued, not when the decision is taken:
    # its clock runs on after the disposition until the notice is issued (an anonymous
    # petitioner cannot be told, so the disposition ends it).
    waiting = state in NOTICE_AFTER and not case.get("notice_at") and not case.get("anonymous")
    if state is State.REGISTERED or waiting:
        clocks.append(_calendar(ClockKind.NOTICE, received, rules.days("notice_days"), rules))
    if state is State.REGISTERED:
        channel = Channel(case["channel"])
        if channel in FROM_ABOVE:
            days = rules.days("objection_working_days")
            clocks.append(_working(ClockKind.OBJECTION, received, days, rules))
        letter_days = rules.days("letter_reply_working_days")
        if channel in WRITTEN and letter_days > 0:
            clocks.append(_working(ClockKind.LETTER_REPLY, received, letter_days, rules))
    elif state in (State.ACCEPTED, State.ASSIGNED):
        accepted = required_date(case, "accepted_at")
        due = handling_due(case, rules)
        clocks.append(Clock(ClockKind.HANDLING, accepted, due.day, False, due.confirmed))
        assign_due = as_date(case.get("assign_due"))
        if state is State.ASSIGNED and assign_due is not None and not case.get("dept_reported_at"):
            start = as_date(case.get("assigned_at")) or accepted
            clocks.append(Clock(ClockKind.DEPARTMENT, start, assign_due, False, True))
    elif state is State.REPLIED:
        start = required_date(case, "replied_at")
        days = rules.days("review_request_days")
        clocks.append(_calendar(ClockKind.REVIEW_WINDOW, start, days, rules, obligation=False))
    elif state is State.REVIEWING:
        start = required_date(case, "review_requested_at")
        clocks.append(
            _calendar(ClockKind.REVIEW_ANSWER, start, rules.days("review_answer_days"), rules)
        )
    elif state is State.REVIEWED:
        start = required_date(case, "review_answered_at")
        days = rules.days("rereview_request_days")
        clocks.append(_calendar(ClockKind.REREVIEW_WINDOW, start, days, rules, obligation=False))
    elif state is State.REREVIEWING:
        start = required_date(case, "rereview_requested_at")
        days = rules.days("rereview_answer_days")
        clocks.append(_calendar(ClockKind.REREVIEW_ANSWER, start, days, rules))
    clocks.sort(key=lambda c: c.due)
    return clocks


def next_obligation(clocks: list[Clock]) -> Clock | None:
    """The earliest clock the desk itself must meet, if any."""
    return next((c for c in clocks if c.obligation), None)


def due_fields(case: Mapping[str, Any], rules: Limits) -> dict[str, Any]:
    """The denormalised ``next_due*`` columns the ledger filters and sorts on."""
    nxt = next_obligation(running_clocks(case, rules))
    if nxt is None:
        return {"next_due": None, "next_due_kind": None, "next_due_confirmed": 1}
    return {
        "next_due": nxt.due.isoformat(),
        "next_due_kind": nxt.kind.value,
        "next_due_confirmed": int(nxt.confirmed),
    }
