"""The ledger's SQL: filters, sorting and paging pushed down into SQLite.

Qt-free so the ledger model, the Excel export and ``bench/`` all run exactly the same SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from enum import StrEnum

from petition_desk.db.engine import sqlite3
from petition_desk.db.search import COMMON_PEOPLE, SearchPlan, only_where, search_plan


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
    #: Not the clerk's choice: the viewer's rule from ``services.visibility.visible_sql`` ("1":
    #: sees every case). Hidden restricted cases show as stubs (``STUB``) and are never found
    #: by a search or by a filter on a detail.
    visible: str = "1"


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
    # Within a department newest first, as index cases_department has them.
    Column("department", "d.name", "d.name {d}, c.received_at {d}, c.id {d}"),
    # Cases with no running clock sort last; the expression matches index cases_due_sort.
    Column("next_due", "c.next_due", "coalesce(c.next_due, '9999-12-31') {d}, c.id {d}"),
    Column("state", "c.state", "c.state {d}, c.received_at {d}"),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
#: Extra values each row carries beyond the visible columns.
EXTRA = ("c.id", "c.next_due_kind", "c.next_due_confirmed", "c.repeat", "c.collective")
#: What a hidden restricted case shows instead of a column's value (absent: its real value).
#: Only its number and date received are shown; ``None`` is an empty cell.
STUB_TEXT = "（保密）"
STUB: dict[str, str | None] = {
    **{k: STUB_TEXT for k in ("channel", "people", "category", "summary", "disposition")},
    **{k: STUB_TEXT for k in ("department", "state")},
    "head_count": None,
    "next_due": None,
    "c.next_due_kind": None,
    "c.next_due_confirmed": None,
    "c.repeat": "0",
    "c.collective": "0",
}


def select_list(visible: str = "1") -> str:
    """The SELECT list of a ledger row: the columns then ``EXTRA``, each masked for a case the
    viewer may not see (``visible`` false)."""
    out = []
    for key, sql in [(c.key, c.sql) for c in COLUMNS] + [(e, e) for e in EXTRA]:
        if visible == "1" or key not in STUB:
            out.append(sql)
            continue
        stub = STUB[key]
        if stub is None:
            shown = "NULL"
        elif stub.isdigit():
            shown = stub
        else:
            shown = "'" + stub.replace("'", "''") + "'"
        out.append(f"CASE WHEN {visible} THEN {sql} ELSE {shown} END")
    return ", ".join(out)


@dataclass(frozen=True)
class Sort:
    column: str = "received_at"
    descending: bool = True


@dataclass
class Query:
    """A WHERE clause with its parameters, and the search plan inside it (if any)."""

    where: str = "1"
    params: list = field(default_factory=list)
    search: SearchPlan = field(default_factory=SearchPlan)
    #: The conditions other than the search (what a search source's candidates must pass).
    filters: str = "1"
    filter_params: list = field(default_factory=list)
    #: The viewer's rule (``LedgerFilter.visible``): masks the rows of hidden restricted cases.
    visible: str = "1"


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
    restricted = f.visible != "1"
    if restricted and (len(parts) > (f.date_from is not None) + (f.date_to is not None)):
        # Filtering on a detail would tell that detail of a hidden case: leave those out.
        # (A date range keeps them: the date received is shown anyway.)
        parts.append(f.visible)
    filters, filter_params = " AND ".join(parts) or "1", list(params)
    plan = search_plan(f.search)
    if plan.where and restricted:
        plan = only_where(plan, f.visible)  # a search never finds a hidden case
    if plan.where:
        parts.append(plan.where)
        params.extend(plan.params)
    return Query(" AND ".join(parts) or "1", params, plan, filters, filter_params, f.visible)


def page_sql(q: Query, sort: Sort, limit: int, offset: int) -> tuple[str, list]:
    """The SQL of one page of rows: visible columns then ``EXTRA``."""
    column = next(c for c in COLUMNS if c.key == sort.column)
    order = column.order.format(d="DESC" if sort.descending else "ASC")
    select = select_list(q.visible)
    sql = (
        f"SELECT {select} FROM cases c LEFT JOIN departments d ON d.id = c.department_id "
        f"WHERE {q.where} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return sql, [*q.params, limit, offset]


def count_sql(q: Query) -> tuple[str, list]:
    """Counting the matches; from the search index alone when nothing else narrows them."""
    plan = q.search
    if q.where == "1":
        return "SELECT n FROM case_total", []
    if plan.source and not plan.check and q.filters == "1":
        return f"SELECT count(*) FROM ({plan.source})", list(plan.source_params)
    if plan.source and plan.restricted and not plan.base_check and q.filters == "1":
        # The index's count less the hidden restricted cases among its matches, found from
        # the few restricted cases (index cases_confidential; ``+`` keeps SQLite from walking
        # the matches' rows instead), not by reading every match.
        hidden = (
            "SELECT count(*) FROM cases c WHERE c.confidential = 1"
            f" AND +c.id IN ({plan.source}) AND NOT {plan.restricted}"
        )
        sql = f"SELECT (SELECT count(*) FROM ({plan.source})) - ({hidden})"
        return sql, [*plan.source_params, *plan.source_params]
    return f"SELECT count(*) FROM cases c WHERE {q.where}", list(q.params)


def count(conn: sqlite3.Connection, q: Query) -> int:
    """How many cases match ``q`` (run in the ledger's counting worker)."""
    sql, params = count_sql(q)
    return int(conn.execute(sql, params).fetchone()[0])


#: Candidates the newest-first path takes from a search index in its first round.
FIRST_TAKE = 600
NEWEST = Sort()
#: Page cache of a connection that reads ledger pages, KiB.
CACHE_KIB = 65536
#: Table case_id_blocks keeps the latest date received per block of 2**BLOCK_BITS case ids.
BLOCK_BITS = 8


@dataclass
class Page:
    """Rows of one page, and for a first page what is known of the total at once."""

    rows: list
    #: The total when the page itself proves it (``exact``), else an estimate, else None.
    total: int | None = None
    exact: bool = False


def fetch_page(conn: sqlite3.Connection, q: Query, sort: Sort, limit: int, offset: int) -> Page:
    """The rows ``page_sql`` selects, found fast where an index allows.

    Sorted newest first with a search that has an index (``SearchPlan.source``), the page is
    taken from the highest case ids the index lists, without collecting every match. That is
    right only if no case below the lowest id taken was received after the last row shown
    (cases are numbered as they are registered; an imported old case has a high id and an old
    date, which does no harm). Table ``case_id_blocks`` proves it in a few rows; if it fails,
    more candidates are taken, then the full query runs.
    """
    # Search as you type seeks all over the indexes: keep 64 MiB of them in this connection
    # rather than the default 2 MiB (setting the same size again costs nothing).
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    q = common_search(conn, q)
    if q.search.source and sort == NEWEST:
        take = max(FIRST_TAKE, 3 * (offset + limit))
        for _ in range(3):
            page = _newest_from_source(conn, q, limit, offset, take)
            if page is not None:
                return page
            take *= 8
    if q.visible != "1" and sort.column in STUB:
        return _hidden_last(conn, q, sort, limit, offset)
    if sort.column == "department" and not q.search.where:
        rows = _by_department(conn, q, sort, limit, offset)
        return _with_total(conn, Page(rows), limit, offset, newest=False)
    sql, params = page_sql(q, sort, limit, offset)
    rows = conn.execute(sql, params).fetchall()
    return _with_total(conn, Page(rows), limit, offset, sort == NEWEST)


def _hidden_last(conn: sqlite3.Connection, q: Query, sort: Sort, limit: int, offset: int) -> Page:
    """Sorted by a column a hidden restricted case does not show: the cases the viewer sees,
    in that order, then the hidden ones, newest first. Sorting them among the others by their
    real values would tell those values (a stub between 民政 and 土地 is a 民政 case)."""
    # Every row of this query is one the viewer sees: nothing to mask.
    seen = Query(f"{q.where} AND {q.visible}", q.params, q.search, q.filters, q.filter_params)
    if sort.column == "department" and not q.search.where:
        rows = _by_department(
            conn, dataclasses.replace(q, visible="1"), sort, limit, offset, q.visible
        )
    else:
        rows = list(fetch_page(conn, seen, sort, limit, offset).rows)
    if len(rows) < limit:
        # When this page starts after the last case the viewer sees: how many are there?
        before = offset + len(rows) if rows or not offset else count(conn, seen)
        # ``confidential = 1`` first so index cases_confidential finds the few candidates.
        where = f"c.confidential = 1 AND NOT ({q.visible}) AND {q.where}"
        hidden = Query(where, q.params, visible=q.visible)
        sql, params = page_sql(hidden, NEWEST, limit - len(rows), max(0, offset - before))
        rows += conn.execute(sql, params).fetchall()
    return _with_total(conn, Page(rows), limit, offset, newest=False)


def common_search(conn: sqlite3.Connection, q: Query) -> Query:
    """``q`` with a people-number prefix that matches most people ("3607") tested case by
    case while walking the sort's index (found at once), not by collecting their cases (which
    takes seconds). Other queries are returned as they are."""
    plan = q.search
    if not plan.probe:
        return q
    (n,) = conn.execute(plan.probe, plan.params).fetchone()
    if n < COMMON_PEOPLE:
        return q
    walk = SearchPlan(plan.common_where, plan.params)
    where = plan.common_where if q.filters == "1" else f"{q.filters} AND {plan.common_where}"
    return Query(
        where, [*q.filter_params, *plan.params], walk, q.filters, q.filter_params, q.visible
    )


def _with_total(
    conn: sqlite3.Connection, page: Page, limit: int, offset: int, newest: bool = True
) -> Page:
    """Fill what a first page tells of the total: all of it when the page is not full; else,
    newest first, an estimate (the page covers the cases registered since its oldest row, so
    scale by the share of all case ids that stretch holds)."""
    if offset or not page.rows:
        if not offset:
            page.total, page.exact = 0, True
        return page
    if len(page.rows) < limit:
        page.total, page.exact = len(page.rows), True
    elif newest:
        top = conn.execute("SELECT max(id) FROM cases").fetchone()[0] or 0
        low = min(r[len(COLUMNS)] for r in page.rows)
        page.total = round(len(page.rows) * top / max(1, top - low + 1))
    return page


def _by_department(
    conn: sqlite3.Connection, q: Query, sort: Sort, limit: int, offset: int, seen: str = "1"
) -> list:
    """Sorted by department name: one department at a time, in name order, each read from
    index cases_department; cases with no department (a NULL name) come first ascending.

    ``seen``: only the cases for which this SQL holds (the viewer's rule); a department's
    share is then counted as all its cases less the few hidden restricted ones (index
    cases_confidential), not by testing the rule on each of its cases."""
    d = "DESC" if sort.descending else "ASC"
    arms: list[tuple[str, list]] = [
        ("c.department_id = ?", [r[0]])
        for r in conn.execute(f"SELECT id FROM departments ORDER BY name {d}")
    ]
    nobody: tuple[str, list] = (
        "(c.department_id IS NULL OR c.department_id NOT IN (SELECT id FROM departments))",
        [],
    )
    arms = [nobody, *arms] if not sort.descending else [*arms, nobody]
    select = select_list(q.visible)
    rows: list = []
    skip = offset
    for cond, params in arms:
        where, args = f"{cond} AND {q.where}", [*params, *q.params]
        if skip:
            hidden = 0
            if seen != "1":
                restricted = f"c.confidential = 1 AND NOT ({seen}) AND {where}"
                sql = f"SELECT count(*) FROM cases c WHERE {restricted}"
                hidden = conn.execute(sql, args).fetchone()[0]
            # Counted only as far as deciding whether the page starts after this department
            # (the cases with none are 60 % of the demo: 0.1 s to count them all).
            bounded = f"SELECT count(*) FROM (SELECT 1 FROM cases c WHERE {where} LIMIT ?)"
            n = conn.execute(bounded, [*args, skip + 1 + hidden]).fetchone()[0] - hidden
            if n <= skip:
                skip -= n
                continue
        if seen != "1":
            where = f"{where} AND {seen}"
        rows += conn.execute(
            f"SELECT {select} FROM cases c LEFT JOIN departments d ON d.id = c.department_id "
            f"WHERE {where} ORDER BY c.received_at {d}, c.id {d} LIMIT ? OFFSET ?",
            [*args, limit - len(rows), skip],
        ).fetchall()
        skip = 0
        if len(rows) >= limit:
            break
    return rows


def _newest_from_source(
    conn: sqlite3.Connection, q: Query, limit: int, offset: int, take: int
) -> Page | None:
    plan = q.search
    ids = [
        r[0]
        for r in conn.execute(f"{plan.source} ORDER BY 1 DESC LIMIT ?", [*plan.source_params, take])
    ]
    complete = len(ids) < take
    if not ids:
        return Page([], 0, True)
    cond = f"c.id IN (SELECT value FROM json_each(?)) AND {q.filters}"
    params = [json.dumps(ids), *q.filter_params]
    if plan.check:
        cond, params = f"{cond} AND {plan.check}", params + plan.check_params
    sql, page_params = page_sql(Query(cond, params, visible=q.visible), NEWEST, limit, offset)
    rows = conn.execute(sql, page_params).fetchall()
    page = _with_total(conn, Page(rows), limit, offset)
    if complete:
        return page
    if len(rows) < limit:
        return None  # the candidates taken were too few for this page: take more
    last_received = rows[-1][COLUMN_KEYS.index("received_at")]
    # The whole blocks below the lowest id taken, then the few ids of its own block below it.
    low = ids[-1]
    (latest,) = conn.execute(
        "SELECT max(coalesce((SELECT max(latest) FROM case_id_blocks WHERE block < ?), ''),"
        " coalesce((SELECT max(received_at) FROM cases WHERE id >= ? AND id < ?), ''))",
        [low >> BLOCK_BITS, low >> BLOCK_BITS << BLOCK_BITS, low],
    ).fetchone()
    return None if latest > last_received else page
