"""档案管理: 存信 bundles and their packing lists, the year's volume list, and the files past
their retention period with the approved destruction of a batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.services import archive_papers, destruction
from petition_desk.services.permissions import Permission, allowed
from petition_desk.services.retention import Due, due_for_destruction
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ErrorLabel, pydate, qdate


class ArchivesDialog(QDialog):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.setWindowTitle(self.tr("Archives"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs)
        tabs.addTab(self._bundles_tab(), self.tr("Filed letters"))
        tabs.addTab(self._volumes_tab(), self.tr("Volume list"))
        tabs.addTab(self._retention_tab(), self.tr("Retention and destruction"))
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.load_bundles()
        self.load_due()

    # -- 存信 -----------------------------------------------------------------------------------
    def _bundles_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        v.addWidget(
            QLabel(
                self.tr("存信 letters are packed by village and year; each bundle gets its list.")
            )
        )
        self.bundles = QTableWidget(0, 3)
        self.bundles.setHorizontalHeaderLabels(
            [self.tr("Village"), self.tr("Year"), self.tr("Letters")]
        )
        self.bundles.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.bundles)
        save = QPushButton(self.tr("Save the packing list…"))
        save.clicked.connect(lambda: self.save_packing_list())
        v.addWidget(save)
        return w

    def load_bundles(self) -> None:
        self._bundles = archive_papers.filed_bundles(self.ctx.conn)
        self.bundles.setRowCount(len(self._bundles))
        for r, b in enumerate(self._bundles):
            for c, value in enumerate((b.village, str(b.year), str(len(b.case_ids)))):
                self.bundles.setItem(r, c, QTableWidgetItem(value))

    def save_packing_list(self, path: Path | None = None) -> Path | None:
        row = self.bundles.currentRow()
        if row < 0:
            self.error.show_message(self.tr("Choose a bundle first."))
            return None
        bundle = self._bundles[row]
        if path is None:
            name = f"存信清单-{bundle.village}-{bundle.year}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), name, "*.pdf")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_bytes(
                archive_papers.packing_list(self.ctx.conn, bundle, self.ctx.user, self.ctx.today())
            )
        except (DeskError, OSError) as exc:
            self.error.show_message(str(exc))
            return None
        return path

    # -- 案卷目录 -------------------------------------------------------------------------------
    def _volumes_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.ctx.today().year)
        save = QPushButton(self.tr("Export the volume list…"))
        save.clicked.connect(lambda: self.export_volume_list())
        row.addWidget(QLabel(self.tr("Year")))
        row.addWidget(self.year)
        row.addWidget(save)
        row.addStretch(1)
        v.addLayout(row)
        v.addStretch(1)
        return w

    def export_volume_list(self, path: Path | None = None) -> Path | None:
        year = self.year.value()
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save"), f"案卷目录-{year}.xlsx", "*.xlsx"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            archive_papers.write_volume_list(self.ctx.conn, year, path, self.ctx.user)
        except (DeskError, OSError) as exc:
            self.error.show_message(str(exc))
            return None
        return path

    # -- 保管期满与销毁 -------------------------------------------------------------------------
    def _retention_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        row = QHBoxLayout()
        self.as_of = QDateEdit(qdate(self.ctx.today()))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.dateChanged.connect(lambda _d: self.load_due())
        row.addWidget(QLabel(self.tr("Past their retention as of")))
        row.addWidget(self.as_of)
        row.addStretch(1)
        v.addLayout(row)
        self.due_table = QTableWidget(0, 4)
        self.due_table.setHorizontalHeaderLabels(
            [self.tr("Case no."), self.tr("Volume"), self.tr("Retention"), self.tr("Kept until")]
        )
        self.due_table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.due_table)
        note = QLabel(
            self.tr(
                "Destroying erases the petitioners' details and the content of these files "
                "(a minimal record of each stays). Backups made before keep them until they "
                "rotate out."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        row2 = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason and basis of the destruction"))
        self.destroy_button = QPushButton(self.tr("Approve the destruction…"))
        self.destroy_button.clicked.connect(lambda: self.approve())
        row2.addWidget(self.reason, 1)
        row2.addWidget(self.destroy_button)
        v.addLayout(row2)
        return w

    def load_due(self) -> None:
        self._due: list[Due] = due_for_destruction(self.ctx.conn, pydate(self.as_of.date()))
        self.due_table.setRowCount(len(self._due))
        for r, d in enumerate(self._due):
            values = (d.number, d.volume or d.kind, d.retention, d.kept_until.isoformat())
            for c, value in enumerate(values):
                self.due_table.setItem(r, c, QTableWidgetItem(value))
        # Only the administrator approves a destruction (the service refuses anyone else).
        self.destroy_button.setEnabled(
            bool(self._due) and allowed(self.ctx.user, Permission.DESTROY)
        )

    def approve(self, *, confirmed: bool = False, list_path: Path | None = None) -> LongTask | None:
        """Ask, then destroy the listed files in a worker (the file is vacuumed afterwards)."""
        self.error.show_message("")
        as_of, reason = pydate(self.as_of.date()), self.reason.text()
        if not reason.strip():
            self.error.show_message(self.tr("Enter the reason and basis of the destruction."))
            return None
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("Approve the destruction"),
                self.tr(
                    "%n file(s) will be erased for good. This cannot be undone. Approve?",
                    "",
                    len(self._due),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        user, now, db = self.ctx.user, self.ctx.now(), self.ctx.db_path
        target = list_path or db.with_name(f"销毁清册-{as_of:%Y%m%d}.pdf")

        def work(conn, _progress):
            batch = destruction.destroy(conn, db, as_of, reason, user, now)
            target.write_bytes(destruction.destruction_list(conn, batch, now.date()))
            return batch

        def done(batch) -> None:
            self.load_due()
            self.load_bundles()
            self.ctx.casesChanged.emit()
            QMessageBox.information(
                self,
                self.tr("Approve the destruction"),
                self.tr("%1 file(s) destroyed. The destruction list was saved to %2.")
                .replace("%1", str(len(batch.due)))
                .replace("%2", str(target)),
            )

        self.task = LongTask(self, self.ctx, self.tr("Destroying…"), work, done)
        return self.task
