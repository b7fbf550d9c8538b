"""The ledger's SQL: filters, sorting and paging pushed down into SQLite.

Qt-free so the ledger model, the Excel export and ``bench/`` all run exactly the same SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from petition_desk.db.search import search_clause


class TierFilter(StrEnum):
    DUE_SOON = "临期"
    OVERDUE = "超期"
    SERIOUS = "严重超期"


@dataclass(frozen=True)
class LedgerFilter:
    """What the clerk narrowed the ledger to; empty fields do not filter."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    states: tuple[str, ...] = ()
    channel: str = ""
    category: str = ""
    village: str = ""
    department_id: int | None = None
    leader_id: int | None = None
    tier: TierFilter | None = None
    repeat: bool = False
    collective: bool = False
    search: str = ""

    def with_(self, **changes) -> LedgerFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class Column:
    key: str
    sql: str  # the value shown
    order: str  # what ORDER BY uses (indexed where it matters)


COLUMNS: tuple[Column, ...] = (
    Column("number", "c.number", "c.year {d}, c.seq {d}"),
    Column("received_at", "c.received_at", "c.received_at {d}, c.id {d}"),
    Column("channel", "c.channel", "c.channel {d}, c.received_at {d}"),
    Column("people", "c.people_names", "c.people_names {d}, c.id {d}"),
    Column("head_count", "c.head_count", "c.head_count {d}, c.id {d}"),
    Column("category", "c.category", "c.category {d}, c.received_at {d}"),
    Column("summary", "c.summary", "c.summary {d}, c.id {d}"),
    Column("disposition", "c.disposition", "c.disposition {d}, c.id {d}"),
    Column("department", "d.name", "d.name {d}, c.id {d}"),
    # Cases with no running clock sort last; the expression matches index cases_due_sort.
    Column("next_due", "c.next_due", "coalesce(c.next_due, '9999-12-31') {d}, c.id {d}"),
    Column("state", "c.state", "c.state {d}, c.received_at {d}"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
#: Extra values each row carries beyond the visible columns.
EXTRA = ("c.id", "c.next_due_kind", "c.next_due_confirmed", "c.repeat", "c.collective")


@dataclass(frozen=True)
class Sort:
    column: str = "received_at"
    descending: bool = True


@dataclass
class Query:
    """A WHERE clause with its parameters."""

    where: str = "1"
    params: list = field(default_factory=list)


def where_clause(f: LedgerFilter, today: dt.date, due_soon_days: int, serious_days: int) -> Query:
    """Translate a filter into SQL on ``cases c``."""
    parts: list[str] = []
    params: list = []
    if f.date_from:
        parts.append("c.received_at >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        parts.append("c.received_at < ?")
        params.append((f.date_to + dt.timedelta(days=1)).isoformat())
    if f.states:
        parts.append(f"c.state IN ({','.join('?' * len(f.states))})")
        params.extend(f.states)
    for col, value in (("channel", f.channel), ("category", f.category), ("village", f.village)):
        if value:
            parts.append(f"c.{col} = ?")
            params.append(value)
    if f.department_id is not None:
        parts.append("c.department_id = ?")
        params.append(f.department_id)
    if f.leader_id is not None:
        parts.append("(c.first_leader_id = ? OR c.owner_leader_id = ?)")
        params.extend([f.leader_id, f.leader_id])
    if f.tier is TierFilter.DUE_SOON:
        parts.append("c.next_due BETWEEN ? AND ?")
        params.extend([today.isoformat(), (today + dt.timedelta(days=due_soon_days)).isoformat()])
    elif f.tier is TierFilter.OVERDUE:
        parts.append("c.next_due < ?")
        params.append(today.isoformat())
    elif f.tier is TierFilter.SERIOUS:
        parts.append("c.next_due < ?")
        params.append((today - dt.timedelta(days=serious_days)).isoformat())
    if f.repeat:
        parts.append("c.repeat = 1")
    if f.collective:
        parts.append("c.collective = 1")
    text, text_params = search_clause(f.search)
    if text:
        parts.append(text)
        params.extend(text_params)
    return Query(" AND ".join(parts) or "1", params)


def page_sql(q: Query, sort: Sort, limit: int, offset: int) -> tuple[str, list]:
    """The SQL of one page of rows: visible columns then ``EXTRA``."""
    column = next(c for c in COLUMNS if c.key == sort.column)
    order = column.order.format(d="DESC" if sort.descending else "ASC")
    select = ", ".join([c.sql for c in COLUMNS] + list(EXTRA))
    sql = (
        f"SELECT {select} FROM cases c LEFT JOIN departments d ON d.id = c.department_id "
        f"WHERE {q.where} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return sql, [*q.params, limit, offset]


def count_sql(q: Query) -> tuple[str, list]:
    return f"SELECT count(*) FROM cases c WHERE {q.where}", list(q.params)
