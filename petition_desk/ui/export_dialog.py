"""Exporting the month's ledger to Excel: period, masking, file — then a worker does the work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from petition_desk.db.ledger_query import LedgerFilter
from petition_desk.reports.ledger_export import ExportResult, describe_filter, export_and_record
from petition_desk.services.figures import month_bounds
from petition_desk.services.permissions import Permission, allowed
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE


class ExportDialog(QDialog):
    """``ledger_filter``: started from the 台账 page, the 台账 sheet follows its filters."""

    def __init__(
        self,
        ctx: DeskContext,
        parent=None,
        ledger_filter: LedgerFilter | None = None,
        filter_names: dict[str, str] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        if ledger_filter == LedgerFilter():
            ledger_filter = None
        self.ledger_filter = ledger_filter
        self.filter_text = describe_filter(ledger_filter, filter_names)
        self.task: LongTask | None = None
        self.result: ExportResult | None = None
        self.setWindowTitle(self.tr("Export the ledger to Excel"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        today = ctx.today()
        last_month = today.replace(day=1) - dt.timedelta(days=1)
        self.by_month = QRadioButton(self.tr("Month"))
        self.by_range = QRadioButton(self.tr("Date range"))
        self.by_month.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_month)
        group.addButton(self.by_range)
        self.month = QDateEdit(QDate(last_month))
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setCalendarPopup(True)
        self.date_from = QDateEdit(QDate(today.replace(day=1)))
        self.date_to = QDateEdit(QDate(today))
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("yyyy-MM-dd")
            w.setCalendarPopup(True)
        row = QHBoxLayout()
        row.addWidget(self.by_month)
        row.addWidget(self.month)
        row.addSpacing(20)
        row.addWidget(self.by_range)
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.date_to)
        form.addRow(self.tr("Period"), row)
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        if self.ledger_filter is not None:
            self.filter_label.setText(
                self.tr(
                    "Following the ledger's current filters (%1): only the cases the ledger "
                    "shows go to the 台账 sheet; the 统计 and 超期 sheets cover every case."
                ).replace("%1", self.filter_text)
            )
            form.addRow(self.tr("Filters"), self.filter_label)
        self.unmasked = QCheckBox(self.tr("Write ID numbers and phones in full (not masked)"))
        self.unmasked_warning = QLabel(
            self.tr("Only for a recipient entitled to see them; the export is recorded in the log.")
        )
        self.unmasked_warning.setStyleSheet(ERROR_STYLE)
        self.unmasked_warning.hide()
        self.unmasked.toggled.connect(self.unmasked_warning.setVisible)
        # Only roles that may write unmasked data are offered it (the service refuses others).
        self.unmasked.setVisible(allowed(ctx.user, Permission.EXPORT_UNMASKED))
        form.addRow("", self.unmasked)
        form.addRow("", self.unmasked_warning)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        form.addRow(self.tr("Save as"), prow)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self._browse)
        self.month.dateChanged.connect(lambda _d: self._suggest())
        self._suggest()

    def period(self) -> tuple[dt.date, dt.date]:
        if self.by_month.isChecked():
            return month_bounds(self.month.date().toPython())
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def _suggest(self) -> None:
        first, _last = self.period()
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        self.path.setText(str(folder / f"信访台账-{first:%Y-%m}.xlsx"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the ledger as"), self.path.text(), self.tr("Excel (*.xlsx)")
        )
        if path:
            self.path.setText(path if path.endswith(".xlsx") else path + ".xlsx")

    def start(self) -> None:
        if not allowed(self.ctx.user, Permission.EXPORT):
            return self._error(
                self.tr("Your role may not export the ledger; ask the administrator.")
            )
        first, last = self.period()
        out = Path(self.path.text().strip())
        if last < first:
            return self._error(self.tr("The end date is before the start date."))
        if not out.name or not out.parent.is_dir():
            return self._error(self.tr("Choose a folder that exists to save the file in."))
        unmasked = self.unmasked.isChecked() and self.unmasked.isVisibleTo(self)
        rules, today, user = self.ctx.rules(), self.ctx.today(), self.ctx.user
        ledger_filter, filter_text = self.ledger_filter, self.filter_text
        self.error.hide()

        def work(conn, progress):
            return export_and_record(
                conn,
                out,
                first,
                last,
                rules,
                today,
                user,
                unmasked=unmasked,
                progress=lambda d, t: progress(d, t, ""),
                ledger_filter=ledger_filter,
                filter_text=filter_text,
            )

        self.buttons.setEnabled(False)
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Exporting the ledger…"),
            work,
            self._done,
            self._cancelled,
            lambda _exc: self.buttons.setEnabled(True),
        )

    def _done(self, result: ExportResult) -> None:
        self.result = result
        self.buttons.setEnabled(True)
        self.accept()

    def _cancelled(self) -> None:
        self.buttons.setEnabled(True)
        self._error(self.tr("Export cancelled; no file was written."))

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
