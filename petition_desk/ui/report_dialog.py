"""The monthly 信访分析报告: the clerk writes the analysis, then the report is issued and saved.

The figures come from ``services.figures`` (the same as the 统计 page); issuing numbers the
report and keeps it with its analysis paragraph (``services.analysis_reports``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
)

from petition_desk.services import analysis_reports
from petition_desk.services.documents import Document
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE


class ReportDialog(QDialog):
    def __init__(self, ctx: DeskContext, month: str, as_of: dt.date, parent=None):
        super().__init__(parent)
        self.ctx, self.month, self.as_of = ctx, month, as_of
        self.task: LongTask | None = None
        self.document: Document | None = None
        self.setWindowTitle(self.tr("Monthly analysis report"))
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Report for %1, figures as of %2.")
                .replace("%1", month)
                .replace("%2", as_of.isoformat())
            )
        )
        layout.addWidget(
            QLabel(self.tr("Analysis and suggestions (printed as written; kept with the report):"))
        )
        self.analysis = QPlainTextEdit()
        layout.addWidget(self.analysis, 1)
        self.issued = QListWidget()
        self.issued.setMaximumHeight(80)
        layout.addWidget(QLabel(self.tr("Already issued for this month:")))
        layout.addWidget(self.issued)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Issue and save PDF…")
        )
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        limits = ctx.rules()
        ctx.reader.submit(
            lambda conn: (
                analysis_reports.draft_analysis(
                    analysis_reports.gather(conn, month, as_of, limits)
                ),
                analysis_reports.issued_reports(conn, month),
            ),
            self._loaded,
            lambda exc: self._error(str(exc)),
        )

    def _loaded(self, result) -> None:
        draft, issued = result
        if not self.analysis.toPlainText().strip():
            self.analysis.setPlainText(draft)
        self.issued.clear()
        for r in issued:
            self.issued.addItem(f"{r['number']}  {r['issued_at']}  {r['issuer']}")

    def issue(self, path: str | None = None) -> None:
        """Ask where to save (unless ``path`` is given), then issue in a worker."""
        text = self.analysis.toPlainText()
        if not text.strip():
            return self._error(self.tr("Write the analysis and suggestions first."))
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the report as"),
                str(Path.home() / f"信访分析报告-{self.month}.pdf"),
                self.tr("PDF (*.pdf)"),
            )
            if not path:
                return None
        out = Path(path if path.endswith(".pdf") else path + ".pdf")
        month, as_of, limits, user = self.month, self.as_of, self.ctx.rules(), self.ctx.user

        def work(conn, _progress):
            doc = analysis_reports.issue_report(conn, month, as_of, limits, text, user)
            out.write_bytes(doc.pdf)
            return doc

        self.buttons.setEnabled(False)
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Issuing the report…"),
            work,
            self._done,
            lambda: self.buttons.setEnabled(True),
            self._failed,
        )
        return None

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._error(str(exc))

    def _done(self, doc: Document) -> None:
        self.document = doc
        self.buttons.setEnabled(True)
        self.accept()

    def _error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
