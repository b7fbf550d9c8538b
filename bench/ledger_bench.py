"""How the ledger behaves on a large database, side by side with the same SQL run bare.

    petition-desk demo-data --db /tmp/m1.sqlite --cases 1000000
    python bench/ledger_bench.py /tmp/m1.sqlite

For each operation it prints: the bare SQL time (the floor), the time until the model shows
the rows (SQL in the worker thread + signal + insertion), their ratio, and the longest time
the GUI thread was busy inside one call — what a clerk would feel as a freeze.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from petition_desk.db.connection import connect, open_store
from petition_desk.db.ledger_query import (
    COLUMN_KEYS,
    LedgerFilter,
    Sort,
    TierFilter,
    count_sql,
    page_sql,
    where_clause,
)
from petition_desk.services.calendar_store import load_limits
from petition_desk.ui.ledger_model import PAGE, LedgerModel
from petition_desk.ui.workers import ReaderPool

REPEAT = 3


def bare(conn, f: LedgerFilter, sort: Sort, rules, today, offset=0) -> float:
    q = where_clause(f, today, rules.days("due_soon_days"), rules.days("serious_overdue_days"))
    sql, params = page_sql(q, sort, PAGE, offset)
    start = time.perf_counter()
    conn.execute(sql, params).fetchall()
    return time.perf_counter() - start


def bare_count(conn, f, rules, today) -> float:
    q = where_clause(f, today, rules.days("due_soon_days"), rules.days("serious_overdue_days"))
    sql, params = count_sql(q)
    start = time.perf_counter()
    conn.execute(sql, params).fetchone()
    return time.perf_counter() - start


def until(app, predicate, timeout=120.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.0005)


def model_time(app, model: LedgerModel, action) -> tuple[float, float]:
    """(seconds until the first page is shown, seconds the GUI thread spent in ``action``)."""
    start = time.perf_counter()
    action()
    blocked = time.perf_counter() - start
    until(
        app,
        lambda: (
            (not model.loading and model.rowCount() > 0) or (not model.loading and model.count == 0)
        ),
    )
    return time.perf_counter() - start, blocked


def main(path: str) -> None:
    open_store(path).close()  # migrate first, outside the measurements
    app = QApplication.instance() or QApplication([])
    conn = connect(path)
    rules = load_limits(conn)
    today = __import__("datetime").date.today()
    total = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    reader = ReaderPool(Path(path))
    model = LedgerModel(reader, lambda: rules, lambda: today)
    print(f"database: {path}  cases: {total:,}  page: {PAGE} rows")
    print(f"{'operation':38} {'bare SQL ms':>12} {'model ms':>10} {'ratio':>6} {'GUI busy ms':>12}")

    def row(name, f: LedgerFilter, sort: Sort, action):
        bares, models, blocks = [], [], []
        for _ in range(REPEAT):
            bares.append(bare(conn, f, sort, rules, today))
            m, b = model_time(app, model, action)
            models.append(m)
            blocks.append(b)
        b, m = statistics.median(bares) * 1000, statistics.median(models) * 1000
        print(
            f"{name:38} {b:12.1f} {m:10.1f} {m / b if b else float('nan'):6.2f} "
            f"{max(blocks) * 1000:12.1f}"
        )

    empty = LedgerFilter()
    row("open ledger (newest first)", empty, Sort(), lambda: model.set_filter(empty))
    for col in ("number", "next_due", "category", "department", "people"):
        idx = COLUMN_KEYS.index(col)
        row(
            f"sort by {col}",
            empty,
            Sort(col, False),
            lambda idx=idx: model.sort(idx, Qt.SortOrder.AscendingOrder),
        )
    model.sort(COLUMN_KEYS.index("received_at"), Qt.SortOrder.DescendingOrder)
    filters = {
        "filter category": LedgerFilter(category="民政"),
        "filter village + state": LedgerFilter(village="东坑村", states=("已交办",)),
        "filter overdue": LedgerFilter(tier=TierFilter.OVERDUE),
        "filter repeat + collective": LedgerFilter(repeat=True, collective=True),
        "search 1 char (LIKE)": LedgerFilter(search="芳"),
        "search 2 chars (LIKE)": LedgerFilter(search="王芳"),
        "search 3+ chars (FTS)": LedgerFilter(search="补偿款"),
        "search pinyin initials": LedgerFilter(search="zjg"),
        "search ID prefix": LedgerFilter(search="36072719850"),
        "search rare text (FTS, few hits)": LedgerFilter(search="学生上学不便"),
    }
    for name, f in filters.items():
        row(name, f, Sort(), lambda f=f: model.set_filter(f))
    # Scrolling: one more page at increasing depth.
    model.set_filter(empty)
    until(app, lambda: not model.loading and model.rowCount() > 0)
    for depth in (1, 50, 500):
        while model.rowCount() < depth * PAGE:
            model.fetchMore()
            until(app, lambda: not model.loading)
        offset = model.rowCount()
        b = bare(conn, empty, Sort(), rules, today, offset) * 1000
        start = time.perf_counter()
        model.fetchMore()
        blocked = time.perf_counter() - start
        until(app, lambda: not model.loading)
        m = (time.perf_counter() - start) * 1000
        print(
            f"{'scroll: next page at row ' + format(offset, ','):38} {b:12.1f} {m:10.1f} "
            f"{m / b:6.2f} {blocked * 1000:12.1f}"
        )
    for name, f in (("count all", empty), ("count search 2 chars", LedgerFilter(search="王芳"))):
        print(f"{name:38} {bare_count(conn, f, rules, today) * 1000:12.1f} {'(in worker)':>10}")
    reader.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/m1.sqlite")
