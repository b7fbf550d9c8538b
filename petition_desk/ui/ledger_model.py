"""The ledger's table model: rows paged from SQLite in a worker thread.

Sorting and filtering happen in SQL (``db.ledger_query``); the model only ever holds the pages
the view has scrolled to. Every reload bumps a generation number, so a page that arrives for
an old filter is dropped, and the running query is interrupted.

The count starts once the first page is shown, in a pool of its own (``counter``), so the
next pages never wait behind it. Until it arrives, ``count`` is what the first page proves or
estimates (``count_exact`` says which).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from petition_desk.db.ledger_query import (
    COLUMN_KEYS,
    LedgerFilter,
    Sort,
    count,
    fetch_page,
    where_clause,
)
from petition_desk.domain.deadlines import Limits, Tier, tier_for
from petition_desk.ui.workers import ReaderPool

PAGE = 200
CaseIdRole = Qt.ItemDataRole.UserRole + 1
TierRole = Qt.ItemDataRole.UserRole + 2

TIER_COLOURS = {
    Tier.DUE_SOON: QColor("#fff3c4"),
    Tier.OVERDUE: QColor("#ffd6d1"),
    Tier.SERIOUS: QColor("#f4a19a"),
}
_Index = QModelIndex | QPersistentModelIndex


class LedgerModel(QAbstractTableModel):
    """``QAbstractTableModel`` over the cases; see the module docstring."""

    countChanged = Signal(int)
    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        reader: ReaderPool,
        rules: Callable[[], Limits],
        today: Callable[[], dt.date] = dt.date.today,
        parent=None,
        counter: ReaderPool | None = None,
        *,
        visible: str = "1",
        on_search: Callable[[str], object] | None = None,
    ):
        """``visible``: the viewer's rule (``services.visibility.visible_sql``); ``on_search``
        is told each new search text before its first page is fetched (the audit of
        ID-number searches, ``services.search_audit``)."""
        super().__init__(parent)
        self._reader, self._rules, self._today = reader, rules, today
        self._visible, self._on_search = visible, on_search
        self._counter = counter or reader
        self._filter = LedgerFilter()
        self._sort = Sort()
        self._rows: list[tuple] = []
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._count: int | None = None
        self._count_exact = False
        self._headers = [
            self.tr("Case no."),
            self.tr("Received"),
            self.tr("Channel"),
            self.tr("Petitioners"),
            self.tr("People"),
            self.tr("Category"),
            self.tr("Summary"),
            self.tr("Disposition"),
            self.tr("Department"),
            self.tr("Next due"),
            self.tr("State"),
        ]
        assert len(self._headers) == len(COLUMN_KEYS)

    # -- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        value = row[index.column()]
        extra = row[len(COLUMN_KEYS) :]  # id, next_due_kind, next_due_confirmed, repeat, collective
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "received_at":
                return (value or "")[:16].replace("T", " ")
            if key == "next_due" and value:
                mark = "" if extra[2] else self.tr(" (unconfirmed)")
                return f"{value} {extra[1] or ''}{mark}"
            if key == "people" and extra[3]:
                return value + " " + self.tr("[repeat]")
            return "" if value is None else value
        if role == CaseIdRole:
            return extra[0]
        if role in (Qt.ItemDataRole.BackgroundRole, TierRole) and key == "next_due" and value:
            tier = tier_for(dt.date.fromisoformat(value), self._today(), self._rules())
            if role == TierRole:
                return tier.value
            colour = TIER_COLOURS.get(tier)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "next_due" and value and not extra[2]:
            return self.tr(
                "The holiday schedule of this year is not entered yet; "
                "the date counts Monday to Friday only."
            )
        if role == Qt.ItemDataRole.ToolTipRole and key == "summary":
            return value
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and not self._exhausted

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load_page(len(self._rows))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._sort = Sort(COLUMN_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        self.reload()

    # -- what the page asks -----------------------------------------------------------------
    @property
    def filter(self) -> LedgerFilter:
        return self._filter

    @property
    def count(self) -> int | None:
        """Matching cases: exact once counted, an estimate before (None if there is none)."""
        return self._count

    @property
    def count_exact(self) -> bool:
        """Whether ``count`` is the exact number, not an estimate."""
        return self._count_exact

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, f: LedgerFilter) -> None:
        if self._on_search is not None and f.search != self._filter.search:
            self._on_search(f.search)
        self._filter = f
        self.reload()

    def case_id(self, row: int) -> int:
        return self._rows[row][len(COLUMN_KEYS)]

    def reload(self) -> None:
        """Drop every row and load the first page and the count for the current filter."""
        self._generation += 1
        self._reader.interrupt()
        if self._counter is not self._reader:
            self._counter.interrupt()
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._loading = False
        self._count = None
        self._count_exact = False
        self.endResetModel()
        self._load_page(0)  # the count follows once the first page is shown

    def _query(self):
        rules = self._rules()
        return where_clause(
            dataclasses.replace(self._filter, visible=self._visible),
            self._today(),
            rules.days("due_soon_days"),
            rules.days("serious_overdue_days"),
        )

    def _load_page(self, offset: int) -> None:
        generation = self._generation
        query, sort = self._query(), self._sort
        self._loading = True

        def fetch(conn):
            return fetch_page(conn, query, sort, PAGE, offset)

        def done(page) -> None:
            if generation != self._generation:
                return
            rows = page.rows
            self._loading = False
            if page.total is not None and not self._count_exact:
                self._count, self._count_exact = page.total, page.exact
                self.countChanged.emit(page.total)
            if offset == 0 and not page.exact:
                # Only now: counting beside the first page would slow it on a busy machine.
                self._load_count()
            self._exhausted = len(rows) < PAGE
            if rows:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(tuple(r) for r in rows)
                self.endInsertRows()
            self.loaded.emit()

        self._reader.submit(fetch, done, self._failed(generation))

    def _load_count(self) -> None:
        generation = self._generation
        query = self._query()

        def done(n) -> None:
            if generation == self._generation:
                self._count, self._count_exact = n, True
                self.countChanged.emit(n)

        self._counter.submit(lambda conn: count(conn, query), done, self._failed(generation))

    def _failed(self, generation: int):
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                self._exhausted = True
                self.failed.emit(str(exc))

        return failed
