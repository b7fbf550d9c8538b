"""Issuing and printing, in one go, every notice a step called for but nobody printed yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
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
        self.go = QPushButton(self.tr("Issue and print all…"))
        close = QPushButton(self.tr("Close"))
        row.addStretch(1)
        row.addWidget(self.go)
        row.addWidget(close)
        layout.addLayout(row)
        self.go.clicked.connect(lambda: self.run())
        close.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        """Look for pending notices in the background (seconds on a very large database)."""
        self.loaded = False
        self.go.setEnabled(False)
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
                self.table.setItem(r, c, QTableWidgetItem(v))
        text = self.tr("%n notice(s) to issue.", "", len(self.pending))
        self.summary.setText(text + (f"\n{self.last_run}" if self.last_run else ""))
        self.go.setEnabled(bool(self.pending))

    def run(self, printer: QPrinter | None = None) -> None:
        """Issue every pending notice in a worker, then print them on one printer."""
        printer = printer or ask_printer(self)
        if printer is None:
            return
        todo, user, now = list(self.pending), self.ctx.user, self.ctx.now()

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
                if self.issued:
                    print_pdfs([doc.pdf for doc in self.issued], printer)
            except OSError as exc:
                self.failures.append(str(exc))
            self.ctx.casesChanged.emit()
            self.refresh()
            text = self.tr("%n document(s) issued and printed.", "", len(self.issued))
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
