"""What the desk owes today: the 工作台 (workbench) lists, computed without Qt.

Each open case appears once among the clock lists, in the list of its next obligation
(``cases.next_due`` / ``next_due_kind``, the same columns the status bar counts through
``figures.clock_counts``), so the overdue figures of the lists add up to the status bar's. The
other lists have clocks of their own: the scheduled 回访 (reply date + the ``follow_up_days``
setting), the leaders' 包案 deadlines, and letters waiting for a leader's 阅批 (no deadline:
they wait from the day they were passed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import ClockKind, Limits, as_date
from petition_desk.domain.vocab import OPEN_STATES, State
from petition_desk.services import roster
from petition_desk.services.figures import clock_counts
from petition_desk.services.visibility import masked

#: "This week": the seven days after today.
WEEK_DAYS = 7


class Period(StrEnum):
    """When an item falls due, seen from today."""

    OVERDUE = "超期"
    TODAY = "今日"
    WEEK = "七日内"
    WAITING = "等待中"  # no deadline (阅批): waiting since ``Item.since``


@dataclass(frozen=True)
class Item:
    """One thing to do about one case."""

    case_id: int
    number: str
    who: str
    summary: str
    due: dt.date | None
    what: str  # the clock or the person concerned, in the clerk's words
    since: dt.date | None = None
    confirmed: bool = True

    def period(self, today: dt.date) -> Period:
        if self.due is None:
            return Period.WAITING
        if self.due < today:
            return Period.OVERDUE
        if self.due == today:
            return Period.TODAY
        return Period.WEEK


@dataclass(frozen=True)
class Group:
    """One list of the workbench."""

    key: str
    title: str
    items: tuple[Item, ...]

    def counts(self, today: dt.date) -> dict[Period, int]:
        out = dict.fromkeys(Period, 0)
        for item in self.items:
            out[item.period(today)] += 1
        return out


@dataclass(frozen=True)
class SinceYesterday:
    """What changed overnight: items due today, and items due yesterday now overdue."""

    due_today: dict[str, int]  # group title -> count
    newly_overdue: dict[str, int]

    @property
    def empty(self) -> bool:
        return not self.due_today and not self.newly_overdue


@dataclass(frozen=True)
class Workbench:
    today: dt.date
    groups: tuple[Group, ...]
    due_soon: int  # the status bar's figures (figures.clock_counts)
    overdue: int
    receiving_today: tuple[roster.Entry, ...] = ()
    next_reception: tuple[roster.Entry, ...] = ()
    since_yesterday: SinceYesterday = field(default_factory=lambda: SinceYesterday({}, {}))

    def group(self, key: str) -> Group:
        return next(g for g in self.groups if g.key == key)

    def totals(self) -> dict[Period, int]:
        out = dict.fromkeys(Period, 0)
        for g in self.groups:
            for period, n in g.counts(self.today).items():
                out[period] += n
        return out


#: The clock lists: group key, title, and the clocks (``next_due_kind``) it gathers.
CLOCK_GROUPS: tuple[tuple[str, str, tuple[ClockKind, ...]], ...] = (
    (
        "notices",
        "待书面告知",
        (ClockKind.NOTICE, ClockKind.OBJECTION, ClockKind.LETTER_REPLY),
    ),
    ("departments", "承办单位待报告", (ClockKind.DEPARTMENT,)),
    ("replies", "待答复", (ClockKind.HANDLING,)),
    ("reviews", "复查、复核待答复", (ClockKind.REVIEW_ANSWER, ClockKind.REREVIEW_ANSWER)),
)
#: States after a reply in which a 回访 is still worth making (a closed case is done).
_FOLLOW_UP_STATES = tuple(
    s.value
    for s in (State.REPLIED, State.REVIEWING, State.REVIEWED, State.REREVIEWING, State.REREVIEWED)
)


def follow_up_due(replied_at: str | dt.date | None, limits: Limits) -> dt.date | None:
    """The proposed 回访 date: the reply date plus the ``follow_up_days`` setting."""
    day = as_date(replied_at)
    return None if day is None else day + dt.timedelta(days=limits.days("follow_up_days"))


_DEPT = "coalesce(d.name, '')"
_LEADER = "coalesce(l.name, '')"


def _shown(vis: str) -> str:
    """Who and what of a case in a list: stubs for a hidden 保密 case (services/visibility)."""
    return f"{masked(vis, 'c.people_names')}, {masked(vis, 'c.summary')}"


def _clock_groups(conn: sqlite3.Connection, horizon: dt.date, vis: str) -> list[Group]:
    rows = conn.execute(
        f"SELECT c.id, c.number, {_shown(vis)}, c.next_due, c.next_due_kind,"
        f" c.next_due_confirmed, {masked(vis, _DEPT)} FROM cases c"
        " LEFT JOIN departments d ON d.id = c.department_id"
        " WHERE c.next_due IS NOT NULL AND c.next_due <= ? ORDER BY c.next_due, c.id",
        (horizon.isoformat(),),
    ).fetchall()
    by_kind: dict[str, list[Item]] = {}
    for case_id, number, who, summary, due, kind, confirmed, dept in rows:
        # The list's title says it is a department's report: the item names the department.
        what = dept if kind == ClockKind.DEPARTMENT.value and dept else kind
        item = Item(case_id, number, who, summary, as_date(due), what, None, bool(confirmed))
        by_kind.setdefault(kind, []).append(item)
    groups = []
    for key, title, kinds in CLOCK_GROUPS:
        items = [i for k in kinds for i in by_kind.get(k.value, [])]
        items.sort(key=lambda i: (i.due, i.case_id))
        groups.append(Group(key, title, tuple(items)))
    return groups


def _follow_ups(conn: sqlite3.Connection, horizon: dt.date, limits: Limits, vis: str) -> Group:
    # A reply made on or before this day has its 回访 due by the horizon.
    latest_reply = horizon - dt.timedelta(days=limits.days("follow_up_days"))
    marks = ",".join("?" * len(_FOLLOW_UP_STATES))
    rows = conn.execute(
        f"SELECT c.id, c.number, {_shown(vis)}, c.replied_at FROM cases c"
        " WHERE c.replied_at IS NOT NULL AND c.followed_up_at IS NULL"
        f" AND c.state IN ({marks}) AND c.replied_at < ? ORDER BY c.replied_at, c.id",
        (*_FOLLOW_UP_STATES, (latest_reply + dt.timedelta(days=1)).isoformat()),
    ).fetchall()
    items = tuple(
        Item(r[0], r[1], r[2], r[3], follow_up_due(r[4], limits), "回访", as_date(r[4]))
        for r in rows
    )
    return Group("follow_ups", "待回访", items)


def _owner_deadlines(conn: sqlite3.Connection, horizon: dt.date, vis: str) -> Group:
    marks = ",".join("?" * len(OPEN_STATES))
    rows = conn.execute(
        f"SELECT c.id, c.number, {_shown(vis)}, c.owner_due,"
        f" {masked(vis, _LEADER)} FROM cases c LEFT JOIN leaders l ON l.id = c.owner_leader_id"
        f" WHERE c.owner_due IS NOT NULL AND c.owner_due <= ? AND c.state IN ({marks})"
        " ORDER BY c.owner_due, c.id",
        (horizon.isoformat(), *OPEN_STATES),
    ).fetchall()
    items = tuple(Item(r[0], r[1], r[2], r[3], as_date(r[4]), f"包案：{r[5]}") for r in rows)
    return Group("owners", "领导包案到期", items)


def _reviews_waiting(conn: sqlite3.Connection, vis: str) -> Group:
    rows = conn.execute(
        f"SELECT c.id, c.number, {_shown(vis)}, r.passed_at,"
        f" {masked(vis, _LEADER)} FROM leader_reviews r JOIN cases c ON c.id = r.case_id"
        " LEFT JOIN leaders l ON l.id = r.leader_id"
        " WHERE r.reviewed_at IS NULL ORDER BY r.passed_at, r.id"
    ).fetchall()
    items = tuple(Item(r[0], r[1], r[2], r[3], None, f"阅批：{r[5]}", as_date(r[4])) for r in rows)
    return Group("leader_reviews", "待领导阅批", items)


def _since_yesterday(groups: list[Group], today: dt.date) -> SinceYesterday:
    yesterday = today - dt.timedelta(days=1)
    due_today: dict[str, int] = {}
    overdue: dict[str, int] = {}
    for g in groups:
        n_today = sum(1 for i in g.items if i.due == today)
        n_over = sum(1 for i in g.items if i.due == yesterday)
        if n_today:
            due_today[g.title] = n_today
        if n_over:
            overdue[g.title] = n_over
    return SinceYesterday(due_today, overdue)


def workbench(
    conn: sqlite3.Connection, today: dt.date, limits: Limits, visible: str = "1"
) -> Workbench:
    """Every list of the workbench for ``today``: overdue, due today, due in seven days.

    ``visible``: the viewer's rule (``services.visibility.visible_sql``); a hidden 保密 case is
    listed (it is due all the same) with its number and dates only.
    """
    horizon = today + dt.timedelta(days=WEEK_DAYS)
    groups = _clock_groups(conn, horizon, visible)
    groups += [
        _follow_ups(conn, horizon, limits, visible),
        _owner_deadlines(conn, horizon, visible),
        _reviews_waiting(conn, visible),
    ]
    soon, overdue = clock_counts(conn, today, limits)
    coming = roster.coming(conn, today, limit=6)
    receiving = tuple(e for e in coming if e.day == today)
    later = [e for e in coming if e.day > today]
    next_day = later[0].day if later else None
    return Workbench(
        today,
        tuple(groups),
        soon,
        overdue,
        receiving,
        tuple(e for e in later if e.day == next_day),
        _since_yesterday(groups, today),
    )
