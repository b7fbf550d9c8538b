"""The 工作台: the page the desk opens on, saying what is due today, this week and overdue.

Everything shown comes from ``services.workbench`` (computed in a worker); this page only
lays it out. Keyboard: the period buttons and the list are reached with Tab, Alt+1…7 jump to
a list, Enter opens the case under the cursor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services.figures import BY_KEY
from petition_desk.services.visibility import visible_sql
from petition_desk.services.workbench import Group, Item, Period, Workbench, workbench
from petition_desk.ui.context import DeskContext

OVERDUE_COLOR = QColor("#b3261e")
TODAY_COLOR = QColor("#9a5b00")
#: Which periods each filter button shows.
FILTERS: tuple[tuple[Any, frozenset[Period]], ...] = (  # Any: QT_TRANSLATE_NOOP is typed object
    (
        QT_TRANSLATE_NOOP("WorkbenchPage", "All"),
        frozenset(Period),
    ),
    (QT_TRANSLATE_NOOP("WorkbenchPage", "Overdue"), frozenset({Period.OVERDUE})),
    (QT_TRANSLATE_NOOP("WorkbenchPage", "Due today"), frozenset({Period.TODAY})),
    (
        QT_TRANSLATE_NOOP("WorkbenchPage", "Within 7 days"),
        frozenset({Period.TODAY, Period.WEEK}),
    ),
)
CASE_ROLE = Qt.ItemDataRole.UserRole


class WorkbenchPage(QWidget):
    """Lists of what is due, each item opening its case."""

    openCase = Signal(int)
    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: Workbench | None = None
        # Each refresh is numbered: the shared reader pool has two threads, so an older answer
        # can arrive after a newer one and must not replace it.
        self._generation = 0
        self._shown_summary = False
        v = QVBoxLayout(self)
        title = QLabel(self.tr("Today at the desk"))
        title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.date_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.date_label)
        top.addStretch(1)
        v.addLayout(top)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(
            "background: #eef4ff; border: 1px solid #b8cdf0; padding: 6px; border-radius: 3px;"
        )
        self.summary.hide()
        v.addWidget(self.summary)
        self.reception = QLabel()
        self.reception.setWordWrap(True)
        self.reception.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        v.addWidget(self.reception)

        bar = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: list[QPushButton] = []
        for i, (_text, _periods) in enumerate(FILTERS):
            b = QPushButton()
            b.setCheckable(True)
            self.filter_group.addButton(b, i)
            self.filter_buttons.append(b)
            bar.addWidget(b)
        self.filter_buttons[0].setChecked(True)
        bar.addStretch(1)
        self.status_counts = QLabel()
        bar.addWidget(self.status_counts)
        v.addLayout(bar)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [
                self.tr("Number"),
                self.tr("Petitioner"),
                self.tr("Summary"),
                self.tr("What"),
                self.tr("Due"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.tree, 1)
        hint = QLabel(
            self.tr(
                "Enter or double-click opens the case · Alt+1…7 jumps to a list · "
                "the buttons above filter by when things fall due"
            )
        )
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)
        v.addWidget(hint)

        self.filter_group.idClicked.connect(lambda _i: self._fill())
        self.tree.itemActivated.connect(self._activated)
        self.group_actions: list[QAction] = []
        for n in range(1, 8):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{n}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, row=n - 1: self.focus_group(row))
            self.addAction(action)
            self.group_actions.append(action)
        ctx.casesChanged.connect(self.refresh)
        ctx.settingsChanged.connect(self.refresh)
        self._label_filters()

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        today, limits = self.ctx.today(), self.ctx.rules()
        visible = visible_sql(self.ctx.user)
        self._generation += 1
        generation = self._generation
        self.ctx.reader.submit(
            lambda conn: workbench(conn, today, limits, visible),
            lambda data: self._arrived(generation, data),
            self._failed,
        )

    def _arrived(self, generation: int, data: Workbench) -> None:
        if generation == self._generation:  # else a newer refresh is on its way
            self.show_data(data)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(
            self.tr(
                "The workbench could not be loaded (%1). Try again from the Ledger page."
            ).replace("%1", str(exc))
        )
        self.summary.show()

    def show_data(self, data: Workbench) -> None:
        self.data = data
        d = data.today
        self.date_label.setText(
            self.tr("%1-%2-%3")
            .replace("%1", str(d.year))
            .replace("%2", f"{d.month:02d}")
            .replace("%3", f"{d.day:02d}")
        )
        self.status_counts.setText(
            self.tr("Cases: due soon %1 · overdue %2")
            .replace("%1", str(data.due_soon))
            .replace("%2", str(data.overdue))
        )
        # The one definition of 超期件数 (services/figures.py), as on the 统计 page.
        self.status_counts.setToolTip(
            self.tr("%1. The status bar shows the same figures.").replace(
                "%1", BY_KEY["overdue"].explain().rstrip("。")
            )
        )
        self._show_reception(data)
        if not self._shown_summary:
            self._show_summary(data)
            self._shown_summary = True
        self._label_filters()
        self._fill()
        self.loaded.emit()

    def _show_summary(self, data: Workbench) -> None:
        """At start, what became due since yesterday (once; the clerk has read it)."""
        s = data.since_yesterday
        if s.empty:
            self.summary.setText(self.tr("Since yesterday: nothing new has fallen due."))
        else:
            parts = []
            if s.due_today:
                parts.append(self.tr("due today: %1").replace("%1", _counts_text(s.due_today)))
            if s.newly_overdue:
                parts.append(
                    self.tr("overdue since today: %1").replace("%1", _counts_text(s.newly_overdue))
                )
            self.summary.setText(
                self.tr("Since yesterday — %1.").replace("%1", self.tr("; ").join(parts))
            )
        self.summary.show()

    def _show_reception(self, data: Workbench) -> None:
        def who(entries) -> str:
            return "、".join(f"{e.leader}（{e.half_day} {e.time}，{e.place}）" for e in entries)

        if data.receiving_today:
            today = self.tr("Receiving visitors today: %1").replace("%1", who(data.receiving_today))
        else:
            today = self.tr("No leader receives visitors today.")
        if data.next_reception:
            d = data.next_reception[0].day
            nxt = (
                self.tr("Next reception day: %1 %2")
                .replace("%1", f"{d.month}月{d.day}日")
                .replace("%2", who(data.next_reception))
            )
        else:
            nxt = self.tr("No later reception day in the roster yet (see Reception days).")
        self.reception.setText(f"{today}　{nxt}")

    def _label_filters(self) -> None:
        totals = self.data.totals() if self.data else dict.fromkeys(Period, 0)
        for b, (text, periods) in zip(self.filter_buttons, FILTERS, strict=True):
            shown = self.tr(text)
            if len(periods) < len(Period):
                # Things to do, not cases: a case can be in a clock list and also owe a 回访
                # or a 包案 deadline, so these are not the 超期件数 on the right.
                n = sum(totals[p] for p in periods)
                shown = self.tr("%1 %2 item(s)").replace("%1", shown).replace("%2", str(n))
                b.setToolTip(
                    self.tr(
                        "Counts the things to do in every list below: legal deadlines, follow-up"
                        " visits and leaders' deadlines. A case can count more than once; the"
                        " number of cases is on the right."
                    )
                )
            b.setText(shown)

    def periods(self) -> frozenset[Period]:
        return FILTERS[max(self.filter_group.checkedId(), 0)][1]

    def _fill(self) -> None:
        self.tree.clear()
        if self.data is None:
            return
        today, periods = self.data.today, self.periods()
        bold = self.tree.font()
        bold.setBold(True)
        for group in self.data.groups:
            items = [i for i in group.items if i.period(today) in periods]
            top = QTreeWidgetItem([self._group_title(group)])
            top.setFirstColumnSpanned(True)
            top.setFont(0, bold)
            top.setData(0, CASE_ROLE, None)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for item in items:
                top.addChild(self._row(item, today))
            top.setExpanded(True)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _group_title(self, group: Group) -> str:
        c = group.counts(self.data.today)  # type: ignore[union-attr]
        if group.key == "leader_reviews":
            counts = self.tr("waiting %1").replace("%1", str(c[Period.WAITING]))
        else:
            counts = (
                self.tr("overdue %1 · today %2 · within 7 days %3")
                .replace("%1", str(c[Period.OVERDUE]))
                .replace("%2", str(c[Period.TODAY]))
                .replace("%3", str(c[Period.WEEK]))
            )
        return f"{group.title}（{counts}）"

    def _row(self, item: Item, today) -> QTreeWidgetItem:
        if item.due is None:
            due = (
                self.tr("waiting since %1, %2 day(s)")
                .replace("%1", item.since.isoformat() if item.since else "—")
                .replace("%2", str((today - item.since).days) if item.since else "—")
            )
        else:
            left = (item.due - today).days
            if left < 0:
                when = self.tr("overdue %1 day(s)").replace("%1", str(-left))
            elif left == 0:
                when = self.tr("due today")
            else:
                when = self.tr("%1 day(s) left").replace("%1", str(left))
            due = f"{item.due.isoformat()}  {when}"
            if not item.confirmed:
                due += self.tr(" (unconfirmed)")
        row = QTreeWidgetItem([item.number, item.who, item.summary, item.what, due])
        row.setData(0, CASE_ROLE, item.case_id)
        row.setToolTip(2, item.summary)
        period = item.period(today)
        if period is Period.OVERDUE:
            row.setForeground(4, QBrush(OVERDUE_COLOR))
        elif period is Period.TODAY:
            row.setForeground(4, QBrush(TODAY_COLOR))
        return row

    # -- keyboard and opening --------------------------------------------------------------------
    def focus_group(self, index: int) -> None:
        """Put the cursor on the first case of list ``index`` (or on the list's title)."""
        top = self.tree.topLevelItem(index)
        if top is None:
            return
        self.tree.setFocus()
        first = top.child(0) if top.childCount() else None
        self.tree.setCurrentItem(first or top)

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        case_id = row.data(0, CASE_ROLE)
        if case_id is None:
            row.setExpanded(not row.isExpanded())
        else:
            self.openCase.emit(int(case_id))

    def case_rows(self) -> list[QTreeWidgetItem]:
        """Every case row shown (for tests and for the keyboard)."""
        out: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                out.extend(c for j in range(top.childCount()) if (c := top.child(j)) is not None)
        return out


def _counts_text(counts: dict[str, int]) -> str:
    return "、".join(f"{title} {n} 件" for title, n in counts.items())
