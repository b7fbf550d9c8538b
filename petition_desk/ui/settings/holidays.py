"""The 节假日 tab: the State Council's schedule for years the holiday package does not know."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services.calendar_store import (
    confirm_year,
    entered_years,
    import_holidays,
    overrides,
    remove_override,
    set_override,
)
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask


class HolidaysTab(QWidget):
    #: the calendar changed: due dates moved
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        v = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Published holidays are known up to the year the holiday package covers. For later "
                "years, enter the State Council's schedule here (days off and make-up working days) "
                "and mark the year complete; until then due dates in that year are shown as "
                "unconfirmed."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        self.holiday_table = QTableWidget(0, 3)
        self.holiday_table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Kind"), self.tr("Note")]
        )
        self.holiday_table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.holiday_table)
        row = QHBoxLayout()
        self.holiday_date = QDateEdit(QDate(self.ctx.today()))
        self.holiday_date.setCalendarPopup(True)
        self.holiday_date.setDisplayFormat("yyyy-MM-dd")
        self.holiday_kind = QComboBox()
        self.holiday_kind.addItem(self.tr("Day off"), False)
        self.holiday_kind.addItem(self.tr("Working day"), True)
        self.holiday_note = QLineEdit()
        self.holiday_note.setPlaceholderText(self.tr("e.g. Spring Festival"))
        add = QPushButton(self.tr("Add"))
        remove = QPushButton(self.tr("Remove selected"))
        for x in (self.holiday_date, self.holiday_kind, self.holiday_note, add, remove):
            row.addWidget(x)
        v.addLayout(row)
        row2 = QHBoxLayout()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(self.ctx.today().year + 1)
        confirm = QPushButton(self.tr("Mark year as complete"))
        importer = QPushButton(self.tr("Import year from CSV…"))
        self.years_label = QLabel()
        for x in (QLabel(self.tr("Year")), self.year_box, confirm, importer, self.years_label):
            row2.addWidget(x)
        row2.addStretch(1)
        v.addLayout(row2)
        add.clicked.connect(self.add_holiday)
        remove.clicked.connect(self._remove_holiday)
        confirm.clicked.connect(self._confirm_year)
        importer.clicked.connect(self._import_year)

    def load(self) -> None:
        self._load_holidays()

    def _load_holidays(self) -> None:
        rows = overrides(self.ctx.conn)
        self.holiday_table.setRowCount(len(rows))
        for i, (day, work, note) in enumerate(rows):
            kind = self.tr("Working day") if work else self.tr("Day off")
            for c, v in enumerate((day, kind, note)):
                self.holiday_table.setItem(i, c, QTableWidgetItem(v))
        years = [str(y) for y in entered_years(self.ctx.conn)]
        self.years_label.setText(
            self.tr("Entered years: %1").replace("%1", ", ".join(years) or "—")
        )

    def _changed_calendar(self) -> None:
        self._load_holidays()
        self.changed.emit()

    def _calendar_task(self, title: str, fn) -> LongTask:
        """Run a change that recomputes due dates off the GUI thread, then refresh."""
        self.task = LongTask(
            self,
            self.ctx,
            title,
            lambda conn, _progress: fn(conn),
            lambda _result: self._changed_calendar(),
        )
        return self.task

    def add_holiday(self) -> LongTask:
        day, work = self.holiday_date.date().toPython(), bool(self.holiday_kind.currentData())
        note, user = self.holiday_note.text(), self.ctx.user
        self.holiday_note.clear()
        return self._calendar_task(
            self.tr("Recomputing due dates…"),
            lambda conn: set_override(conn, day, work, note, actor=user),
        )

    def _remove_holiday(self) -> None:
        row = self.holiday_table.currentRow()
        if row < 0:
            return
        day, user = dt.date.fromisoformat(self.holiday_table.item(row, 0).text()), self.ctx.user
        self._calendar_task(
            self.tr("Recomputing due dates…"), lambda conn: remove_override(conn, day, actor=user)
        )

    def _confirm_year(self) -> None:
        year, note, user = self.year_box.value(), self.tr("entered by hand"), self.ctx.user
        self._calendar_task(
            self.tr("Recomputing due dates…"),
            lambda conn: confirm_year(conn, year, note, actor=user),
        )

    def _import_year(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import holidays"), "", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        year, user = self.year_box.value(), self.ctx.user

        def done(n: int) -> None:
            QMessageBox.information(
                self, self.tr("Import holidays"), self.tr("%n day(s) imported.", "", n)
            )
            self._changed_calendar()

        # Errors (a wrong file, a date of another year) are shown by LongTask, in Chinese.
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Import holidays"),
            lambda conn, _p: import_holidays(conn, Path(path), year, actor=user),
            done,
        )
