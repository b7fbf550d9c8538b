"""Issuing and printing, in one go, every notice a step called for but nobody printed yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from petition_desk.errors import DeskError
from petition_desk.reports.templates import KINDS
from petition_desk.services import documents
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.pdf_pages import print_pdfs
from petition_desk.ui.widgets import ask_printer


class BatchPrintDialog(QDialog):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.pending: list = []
        self.loaded = False
        self.last_run = ""
        self.issued: list[documents.Document] = []
        self.failures: list[str] = []
        self.setWindowTitle(self.tr("Notices waiting to be issued"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Case no."), self.tr("Document"), self.tr("Step taken at")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.all_box = QCheckBox(self.tr("Select all"))
        self.all_box.setChecked(True)
        self.all_box.toggled.connect(self._select_all)
        self.go = QPushButton(self.tr("Issue and print the selected…"))
        self.issue_only = QPushButton(self.tr("Issue the selected without printing"))
        close = QPushButton(self.tr("Close"))
        row.addWidget(self.all_box)
        row.addStretch(1)
        row.addWidget(self.issue_only)
        row.addWidget(self.go)
        row.addWidget(close)
        layout.addLayout(row)
        self.go.clicked.connect(lambda: self.run())
        self.issue_only.clicked.connect(lambda: self.run(print_them=False))
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        """Look for pending notices in the background (seconds on a very large database)."""
        self.loaded = False
        self.go.setEnabled(False)
        self.issue_only.setEnabled(False)
        self.summary.setText(self.tr("Looking for notices to issue…"))
        today = self.ctx.today()
        self.ctx.reader.submit(
            lambda conn: documents.pending(conn, today=today), self._show, self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.loaded = True
        self.summary.setText(self.tr("Could not look for notices: %1").replace("%1", str(exc)))

    def _show(self, pending: list) -> None:
        self.pending = pending
        self.loaded = True
        self.table.setRowCount(len(self.pending))
        for r, (_case_id, number, kind, at) in enumerate(self.pending):
            for c, v in enumerate((number, KINDS[kind].title, at.replace("T", " ")[:16])):
                item = QTableWidgetItem(v)
                if c == 0:  # the clerk picks which to issue; all are ticked at first
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        text = self.tr("%n notice(s) to issue.", "", len(self.pending))
        self.summary.setText(text + (f"\n{self.last_run}" if self.last_run else ""))
        self.go.setEnabled(bool(self.pending))
        self.issue_only.setEnabled(bool(self.pending))

    def _select_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None:
                item.setCheckState(state)

    def selected(self) -> list:
        """The pending notices whose box is ticked."""
        out = []
        for r, entry in enumerate(self.pending):
            item = self.table.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(entry)
        return out

    def run(self, printer: QPrinter | None = None, *, print_them: bool = True) -> None:
        """Issue the selected notices in a worker, then (unless told not to) print them on one
        printer."""
        todo, user, now = self.selected(), self.ctx.user, self.ctx.now()
        if not todo:
            self.summary.setText(self.tr("Tick the notices to issue first."))
            return
        if print_them:
            printer = printer or ask_printer(self)
            if printer is None:
                return

        def work(conn, progress):
            from petition_desk.errors import Cancelled

            issued, failures = [], []
            for i, (case_id, number, kind, _at) in enumerate(todo):
                if not progress(i, len(todo), f"{number} {KINDS[kind].title}"):
                    raise Cancelled
                try:
                    issued.append(documents.issue(conn, case_id, kind, user, now))
                except DeskError as exc:
                    failures.append(f"{number} {KINDS[kind].title}：{exc}")
            return issued, failures

        def done(result) -> None:
            self.issued, self.failures = result
            try:
                if self.issued and print_them and printer is not None:
                    print_pdfs([doc.pdf for doc in self.issued], printer)
            except OSError as exc:
                self.failures.append(str(exc))
            self.ctx.casesChanged.emit()
            self.refresh()
            text = (
                self.tr("%n document(s) issued and printed.", "", len(self.issued))
                if print_them
                else self.tr("%n document(s) issued (not printed).", "", len(self.issued))
            )
            if self.failures:
                text += "\n" + self.tr("Not issued:") + "\n" + "\n".join(self.failures)
            self.last_run = text  # shown under the fresh count once the list is reloaded
            self.summary.setText(text)
            self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Issuing notices…"),
            work,
            done,
            lambda: QMessageBox.information(
                self, self.windowTitle(), self.tr("Stopped; the notices issued so far are kept.")
            ),
        )
