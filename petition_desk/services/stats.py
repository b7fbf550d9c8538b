"""The monthly figures the county asks for (domain.md §6), computed in SQL.

Shared by the 统计 page and the 统计 sheet of the ledger export, so both show the same numbers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from petition_desk.domain.deadlines import Limits
from petition_desk.domain.vocab import Disposition, Satisfaction


@dataclass(frozen=True)
class Rate:
    """A ratio shown as a percentage, with its parts so a county form can be checked."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return None if self.denominator == 0 else 100.0 * self.numerator / self.denominator

    def __str__(self) -> str:
        p = self.percent
        return "—" if p is None else f"{p:.1f}%"


@dataclass
class Figures:
    date_from: dt.date
    date_to: dt.date
    batches: int = 0  # 批次: cases
    persons: int = 0  # 人次: head count summed
    collective: int = 0
    collective_persons: int = 0
    repeat: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_disposition: dict[str, int] = field(default_factory=dict)
    by_village: dict[str, int] = field(default_factory=dict)
    by_state: dict[str, int] = field(default_factory=dict)
    timely_notice: Rate = Rate(0, 0)  # 及时受理率
    on_time_reply: Rate = Rate(0, 0)  # 按期办结率
    satisfaction: Rate = Rate(0, 0)  # 群众满意率
    participation: Rate = Rate(0, 0)  # 参评率
    settled: Rate = Rate(0, 0)  # 息诉息访率
    overdue_now: int = 0


def _grouped(conn, column: str, where: str, params: list) -> dict[str, int]:
    rows = conn.execute(
        f"SELECT coalesce({column}, '未处理'), count(*) FROM cases c WHERE {where} "
        f"GROUP BY 1 ORDER BY 2 DESC",
        params,
    )
    return {r[0] or "（未填）": r[1] for r in rows}


def figures(
    conn: sqlite3.Connection, date_from: dt.date, date_to: dt.date, today: dt.date, rules: Limits
) -> Figures:
    """Every figure for cases received from ``date_from`` to ``date_to`` (inclusive)."""
    where = "c.received_at >= ? AND c.received_at < ?"
    params = [date_from.isoformat(), (date_to + dt.timedelta(days=1)).isoformat()]
    f = Figures(date_from, date_to)
    row = conn.execute(
        f"SELECT count(*), coalesce(sum(head_count), 0), coalesce(sum(collective), 0), "
        f"coalesce(sum(CASE WHEN collective THEN head_count END), 0), coalesce(sum(repeat), 0) "
        f"FROM cases c WHERE {where}",
        params,
    ).fetchone()
    f.batches, f.persons, f.collective, f.collective_persons, f.repeat = row
    f.by_channel = _grouped(conn, "c.channel", where, params)
    f.by_category = _grouped(conn, "c.category", where, params)
    f.by_disposition = _grouped(conn, "c.disposition", where, params)
    f.by_village = _grouped(conn, "nullif(c.village, '')", where, params)
    f.by_state = _grouped(conn, "c.state", where, params)
    notice_days = rules.days("notice_days")
    # A notice is timely when given within the limit; a case still waiting past its limit
    # counts against the rate. Anonymous petitions cannot be notified and are left out.
    n = conn.execute(
        f"SELECT "
        f" sum(CASE WHEN notice_at IS NOT NULL AND notice_at <= date(received_at, ?) THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN notice_at IS NOT NULL OR date(received_at, ?) < ? THEN 1 ELSE 0 END) "
        f"FROM cases c WHERE {where} AND NOT anonymous",
        [f"+{notice_days} days", f"+{notice_days} days", today.isoformat(), *params],
    ).fetchone()
    f.timely_notice = Rate(n[0] or 0, n[1] or 0)
    handled = (Disposition.ACCEPT.value, Disposition.ASSIGN.value)
    # A reply is due once acceptance + the handling limit (+ any extension) has passed.
    handling = rules.days("handling_days")
    r = conn.execute(
        f"SELECT sum(CASE WHEN replied_on_time = 1 THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN replied_at IS NOT NULL OR date(accepted_at, '+' || (? + extension_days)"
        f" || ' days') < ? THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN satisfaction IN (?, ?) THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN satisfaction IS NOT NULL THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN replied_at IS NOT NULL THEN 1 ELSE 0 END),"
        f" sum(CASE WHEN settled_at IS NOT NULL THEN 1 ELSE 0 END) "
        f"FROM cases c WHERE {where} AND disposition IN (?, ?)",
        [
            handling,
            today.isoformat(),
            Satisfaction.SATISFIED.value,
            Satisfaction.BASICALLY.value,
            *params,
            *handled,
        ],
    ).fetchone()
    on_time, due, satisfied, rated, replied, settled = (v or 0 for v in r)
    f.on_time_reply = Rate(on_time, due)
    f.satisfaction = Rate(satisfied, rated)
    f.participation = Rate(rated, replied)
    f.settled = Rate(settled, replied)
    f.overdue_now = conn.execute(
        f"SELECT count(*) FROM cases c WHERE {where} AND next_due < ?", [*params, today.isoformat()]
    ).fetchone()[0]
    return f


def due_counts(conn: sqlite3.Connection, today: dt.date, rules: Limits) -> tuple[int, int]:
    """(due soon, overdue) over all open cases, for the status bar."""
    soon_end = today + dt.timedelta(days=rules.days("due_soon_days"))
    row = conn.execute(
        "SELECT sum(next_due BETWEEN ? AND ?), sum(next_due < ?) FROM cases "
        "WHERE next_due IS NOT NULL",
        (today.isoformat(), soon_end.isoformat(), today.isoformat()),
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)
