"""Moving an old Excel ledger in: choose the file and its sheets, check the column mapping
against a preview, try it (nothing written) and see every sheet's accounts — rows read,
importable, rejected, skipped — then import in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.reports.ledger_headers import Header
from petition_desk.reports.ledger_import import (
    FIELD_LABELS,
    REQUIRED,
    ImportReport,
    import_ledger,
    survey,
)
from petition_desk.reports.ledger_sheets import SheetLayout, Workbook
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE

PREVIEW_ROWS = 8
# Columns of the sheets table.
SHEET, HEADER_ROW, READ, IMPORT, REJECT, SKIP, NOTE = range(7)


class ImportWizard(QDialog):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.book: Workbook | None = None
        self.current: SheetLayout | None = None
        self.report: ImportReport | None = None
        self.task: LongTask | None = None
        self.setWindowTitle(self.tr("Import an Excel ledger"))
        self.resize(1100, 760)
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
        self.sheets = QTableWidget(0, 7)
        self.sheets.setHorizontalHeaderLabels(
            [
                self.tr("Sheet (tick to import)"),
                self.tr("Header row"),
                self.tr("Read"),
                self.tr("To import"),
                self.tr("Rejected"),
                self.tr("Skipped"),
                self.tr("Note"),
            ]
        )
        self.sheets.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.sheets.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.sheets.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.sheets.verticalHeader().hide()
        self.sheets.setMinimumHeight(140)
        self.sheets.setMaximumHeight(200)
        layout.addWidget(self.sheets)
        mapping_box = QWidget()
        self.mapping_form = QFormLayout(mapping_box)
        self.combos: dict[str, QComboBox] = {}
        for key, label in FIELD_LABELS.items():
            combo = QComboBox()
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[key] = combo
            star = " *" if key in REQUIRED else ""
            self.mapping_form.addRow(label + star, combo)
        # Twenty fields do not fit beside the preview on a laptop screen: let them scroll.
        scroll = QScrollArea()
        scroll.setWidget(mapping_box)
        scroll.setWidgetResizable(True)
        top = QHBoxLayout()
        top.addWidget(scroll, 1)
        self.preview = QTableWidget(0, 0)
        top.addWidget(self.preview, 3)
        layout.addLayout(top, 2)
        self.accounts = QLabel()
        self.accounts.setWordWrap(True)
        layout.addWidget(self.accounts)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        layout.addWidget(self.report_text, 1)
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
        self.sheets.itemChanged.connect(self._mapping_changed)
        self.sheets.currentCellChanged.connect(lambda row, *_: self._show_sheet(row))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the ledger"), "", self.tr("Excel (*.xlsx)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read the file and show its sheets and what was recognised."""
        self.path.setText(str(path))
        self.error.hide()
        self.report_text.clear()
        self.accounts.clear()
        self.import_button.setEnabled(False)
        try:
            self.book = survey(path)
        except DeskError as exc:
            # No header recognised: still show the first rows so the clerk can map columns.
            self._show_error(str(exc))
            try:
                self.book = _headers_only(path)
            except DeskError:
                self.book = None
                self.check_button.setEnabled(False)
                return False
        self._fill_sheets()
        first = next((i for i, s in enumerate(self.book.sheets) if s.header), 0)
        self.sheets.setCurrentCell(first, SHEET)
        self._show_sheet(first)
        self.check_button.setEnabled(True)
        return True

    def _fill_sheets(self) -> None:
        assert self.book is not None
        self.sheets.blockSignals(True)
        self.sheets.setRowCount(len(self.book.sheets))
        for r, s in enumerate(self.book.sheets):
            name = QTableWidgetItem(s.name)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if s.header is not None:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            name.setFlags(flags)
            checked = s.header is not None and s.default
            name.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.sheets.setItem(r, SHEET, name)
            where = str(s.header.row + 1) if s.header else ""
            self.sheets.setItem(r, HEADER_ROW, QTableWidgetItem(where))
            for c in (READ, IMPORT, REJECT, SKIP):
                self.sheets.setItem(r, c, QTableWidgetItem(""))
            self.sheets.setItem(r, NOTE, QTableWidgetItem(s.note))
        self.sheets.resizeColumnsToContents()
        self.sheets.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.sheets.blockSignals(False)

    def chosen_sheets(self) -> list[str]:
        """The sheets ticked for import."""
        return [
            self.sheets.item(r, SHEET).text()
            for r in range(self.sheets.rowCount())
            if self.sheets.item(r, SHEET).checkState() == Qt.CheckState.Checked
        ]

    def set_sheet_checked(self, name: str, checked: bool) -> None:
        for r in range(self.sheets.rowCount()):
            item = self.sheets.item(r, SHEET)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _layout(self, row: int) -> SheetLayout | None:
        if self.book is None or not 0 <= row < len(self.book.sheets):
            return None
        return self.book.sheets[row]

    def _show_sheet(self, row: int) -> None:
        """Mapping and preview of one sheet (the mapping chosen applies to every sheet)."""
        layout = self._layout(row)
        if layout is None:
            return
        self.current = layout
        headers = layout.headers
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for h in headers:
                if h:
                    combo.addItem(h, h)
            col = layout.header.mapping.get(key) if layout.header else None
            combo.setCurrentIndex(combo.findData(headers[col]) if col is not None else 0)
            combo.blockSignals(False)
        self._fill_preview(layout)

    def mapping(self) -> dict[str, str]:
        """Only what the clerk changed from what was recognised on the sheet shown."""
        layout = self.current
        if layout is None or layout.header is None:
            return {}
        recognised = {f: layout.header.texts[c] for f, c in layout.header.mapping.items()}
        return {
            key: combo.currentData() or ""
            for key, combo in self.combos.items()
            if (combo.currentData() or "") != recognised.get(key, "")
        }

    def _mapping_changed(self, *_args) -> None:
        self.import_button.setEnabled(False)
        self.report_text.clear()
        self.accounts.clear()

    def _fill_preview(self, layout: SheetLayout) -> None:
        start = layout.header.row + layout.header.height if layout.header else 0
        rows = layout.rows[start : start + PREVIEW_ROWS]
        headers = layout.headers
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row[: len(headers)]):
                self.preview.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def check(self) -> None:
        """Dry run, off the GUI thread: every sheet's accounts, every rejected row and why."""
        self.error.hide()
        self.import_button.setEnabled(False)
        path, mapping, sheets, user, now = self._inputs()

        def work(conn, progress):
            return import_ledger(
                conn,
                path,
                user,
                dry_run=True,
                mapping=mapping,
                sheets=sheets,
                now=now,
                progress=lambda d, t: progress(d, t, ""),
            )

        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Checking…"),
            work,
            self._checked,
            on_failed=lambda exc: self._show_error(str(exc)),
        )

    def _inputs(self):
        return (
            Path(self.path.text()),
            self.mapping(),
            self.chosen_sheets() or None,
            self.ctx.user,
            self.ctx.now(),
        )

    def _checked(self, report: ImportReport) -> None:
        self.report = report
        self._show_accounts(report)
        self.report_text.setPlainText(self._describe(report))
        self.import_button.setEnabled(report.would_import > 0)

    def _show_accounts(self, report: ImportReport) -> None:
        by_name = {s.name: s for s in report.sheets}
        self.sheets.blockSignals(True)
        for r in range(self.sheets.rowCount()):
            s = by_name.get(self.sheets.item(r, SHEET).text())
            if s is None:
                continue
            taken = s.imported if report.committed else s.good
            values = (s.read, taken, len(s.rejected), len(s.skipped)) if s.selected else ("",) * 4
            for c, v in zip((READ, IMPORT, REJECT, SKIP), values, strict=True):
                self.sheets.item(r, c).setText(str(v))
            note = s.identity(committed=report.committed) if s.selected else s.note
            self.sheets.item(r, NOTE).setText(note)
        self.sheets.blockSignals(False)
        self.accounts.setText(self.tr("In total: %1").replace("%1", report.identity()))

    def run_import(self) -> None:
        if self.report is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Import"),
            self.tr(
                "Import %1 rows now? (%2) Rows with problems are left out and listed in a file "
                "beside the source."
            )
            .replace("%1", str(self.report.would_import))
            .replace("%2", self.report.identity()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, mapping, sheets, user, now = self._inputs()

        def work(conn, progress):
            return import_ledger(
                conn,
                path,
                user,
                mapping=mapping,
                sheets=sheets,
                now=now,
                progress=lambda d, t: progress(d, t, ""),
            )

        self.import_button.setEnabled(False)
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Importing…"),
            work,
            self._imported,
            lambda: self._show_error(self.tr("Import cancelled; nothing was imported.")),
            lambda exc: self._show_error(str(exc)),
        )

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self._show_accounts(report)
        self.report_text.setPlainText(self._describe(report))
        self.ctx.casesChanged.emit()

    def _describe(self, report: ImportReport) -> str:
        lines = []
        if report.committed and report.rejects_file:
            lines.append(
                self.tr("Rejected rows with reasons: %1").replace("%1", str(report.rejects_file))
            )
        for s in report.read_sheets:
            lines.append(
                self.tr("Sheet %1 — columns: %2")
                .replace("%1", s.name)
                .replace("%2", "，".join(f"{FIELD_LABELS[f]}←“{h}”" for f, h in s.mapping.items()))
            )
            lines += [
                self.tr("Row %1 rejected: %2").replace("%1", str(r.row)).replace("%2", r.reason)
                for r in s.rejected
            ]
            lines += [
                self.tr("Row %1 note: %2").replace("%1", str(n)).replace("%2", w)
                for n, w in s.warnings
            ]
            lines += [
                self.tr("Row %1 skipped: %2").replace("%1", str(n)).replace("%2", w)
                for n, w in s.skipped
            ]
        return "\n".join(lines)


def _headers_only(path: Path) -> Workbook:
    """The first sheet with its fullest early row as header, when no header was recognised."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True, max_row=200)]
        wb.close()
    except Exception as exc:
        raise DeskError(str(exc)) from exc
    best = max(
        range(min(15, len(rows))), key=lambda i: sum(v is not None for v in rows[i]), default=0
    )
    texts = tuple(str(v).strip() if v is not None else "" for v in (rows[best] if rows else []))
    layout = SheetLayout(ws.title, rows, Header(best, 1, texts, {}))
    return Workbook(path, [layout])
