"""Moving an old Excel ledger in: choose the file, check the column mapping against a preview,
try it (nothing written), then import in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.reports.ledger_import import (
    FIELD_LABELS,
    REQUIRED,
    ImportReport,
    Sheet,
    import_ledger,
    read_sheet,
)
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE

PREVIEW_ROWS = 8


class ImportWizard(QDialog):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.sheet: Sheet | None = None
        self.report: ImportReport | None = None
        self.task: LongTask | None = None
        self.setWindowTitle(self.tr("Import an Excel ledger"))
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        browse = QPushButton(self.tr("Choose file…"))
        row.addWidget(QLabel(self.tr("File")))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        mapping_box = QWidget()
        self.mapping_form = QFormLayout(mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for key, label in FIELD_LABELS.items():
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[key] = combo
            star = " *" if key in REQUIRED else ""
            self.mapping_form.addRow(label + star, combo)
        top = QHBoxLayout()
        top.addWidget(mapping_box, 1)
        self.preview = QTableWidget(0, 0)
        top.addWidget(self.preview, 3)
        layout.addLayout(top, 2)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        layout.addWidget(self.result, 1)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check (nothing is written)"))
        self.import_button = QPushButton(self.tr("Import"))
        self.close_button = QPushButton(self.tr("Close"))
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        buttons.addStretch(1)
        for b in (self.check_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        browse.clicked.connect(self._browse)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.accept)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the ledger"), "", self.tr("Excel (*.xlsx)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read the file and show what was recognised."""
        self.path.setText(str(path))
        self.error.hide()
        self.result.clear()
        self.import_button.setEnabled(False)
        try:
            self.sheet = read_sheet(path)
        except DeskError as exc:
            # A missing required column still shows the headers so the clerk can map them.
            self.sheet = None
            self._show_error(str(exc))
            try:
                self.sheet = _headers_only(path)
            except DeskError:
                self.check_button.setEnabled(False)
                return False
        headers = self.sheet.headers
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for h in headers:
                if h:
                    combo.addItem(h, h)
            col = self.sheet.mapping.get(key)
            combo.setCurrentIndex(combo.findData(headers[col]) if col is not None else 0)
            combo.blockSignals(False)
        self._fill_preview()
        self.check_button.setEnabled(True)
        return True

    def mapping(self) -> dict[str, str]:
        return {key: combo.currentData() or "" for key, combo in self.combos.items()}

    def _mapping_changed(self) -> None:
        self.import_button.setEnabled(False)
        self.result.clear()

    def _fill_preview(self) -> None:
        sheet = self.sheet
        rows = sheet.rows[sheet.header_row + 1 : sheet.header_row + 1 + PREVIEW_ROWS]
        self.preview.setColumnCount(len(sheet.headers))
        self.preview.setHorizontalHeaderLabels(sheet.headers)
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[: len(sheet.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def check(self) -> ImportReport | None:
        """Dry run: what would be imported, every rejected row and why."""
        self.error.hide()
        try:
            report = import_ledger(
                self.ctx.conn,
                Path(self.path.text()),
                self.ctx.user,
                dry_run=True,
                mapping=self.mapping(),
                now=self.ctx.now(),
            )
        except DeskError as exc:
            self._show_error(str(exc))
            return None
        self.report = report
        self.result.setPlainText(self._describe(report, dry_run=True))
        self.import_button.setEnabled(report.would_import > 0)
        return report

    def run_import(self) -> None:
        if self.report is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Import"),
            self.tr(
                "Import %1 rows now? Rows with problems are left out and listed in a file "
                "beside the source."
            ).replace("%1", str(self.report.would_import)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, mapping, user, now = (
            Path(self.path.text()),
            self.mapping(),
            self.ctx.user,
            self.ctx.now(),
        )

        def work(conn, progress):
            return import_ledger(
                conn, path, user, mapping=mapping, now=now, progress=lambda d, t: progress(d, t, "")
            )

        self.import_button.setEnabled(False)
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Importing…"),
            work,
            self._imported,
            lambda: self._show_error(self.tr("Import cancelled; nothing was imported.")),
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.result.setPlainText(self._describe(report, dry_run=False))
        self.ctx.casesChanged.emit()

    def _describe(self, report: ImportReport, *, dry_run: bool) -> str:
        lines = [
            self.tr("Columns: %1").replace(
                "%1", "，".join(f"{FIELD_LABELS[f]}←“{h}”" for f, h in report.mapping.items())
            )
        ]
        if dry_run:
            lines.append(
                self.tr("Would import %1 rows; %2 rows rejected (nothing written yet).")
                .replace("%1", str(report.would_import))
                .replace("%2", str(len(report.rejected)))
            )
        else:
            lines.append(
                self.tr("Imported %1 rows; %2 rows rejected.")
                .replace("%1", str(len(report.imported)))
                .replace("%2", str(len(report.rejected)))
            )
            if report.rejects_file:
                lines.append(
                    self.tr("Rejected rows with reasons: %1").replace(
                        "%1", str(report.rejects_file)
                    )
                )
        lines += [
            self.tr("Row %1 rejected: %2").replace("%1", str(r.row)).replace("%2", r.reason)
            for r in report.rejected
        ]
        lines += [
            self.tr("Row %1 note: %2").replace("%1", str(n)).replace("%2", w)
            for n, w in report.warnings
        ]
        lines += [
            self.tr("Row %1 skipped: %2").replace("%1", str(n)).replace("%2", w)
            for n, w in report.skipped
        ]
        return "\n".join(lines)


def _headers_only(path: Path) -> Sheet:
    """The best header row of a sheet whose required columns were not all recognised."""
    from openpyxl import load_workbook

    try:
        ws = load_workbook(path, data_only=True).worksheets[0]
    except Exception as exc:
        raise DeskError(str(exc)) from exc
    rows = [list(r) for r in ws.iter_rows(values_only=True, max_row=200)]
    best = max(
        range(min(15, len(rows))), key=lambda i: sum(v is not None for v in rows[i]), default=0
    )
    headers = [str(v).strip() if v is not None else "" for v in (rows[best] if rows else [])]
    return Sheet(rows, best, headers, {})
