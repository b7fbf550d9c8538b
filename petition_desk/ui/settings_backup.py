"""设置 → 备份与恢复: the backups with date, size and a verified check; restore; back up now.

A widget of its own so the settings page only mounts it. Restoring closes the database (the
program then quits and is started again on the restored file).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.services import backup
from petition_desk.services import settings as settings_mod
from petition_desk.services.permissions import Permission, allowed
from petition_desk.ui.context import DeskContext


class BackupTab(QWidget):
    """List, verify and restore backups; copy the database to a chosen folder now."""

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.infos: list[backup.BackupInfo] = []
        v = QVBoxLayout(self)
        v.addWidget(
            QLabel(
                self.tr(
                    "A copy is made every day in the backups folder beside the database. "
                    "Copies are encrypted like the database and come with their key file."
                )
            )
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size"), self.tr("Check")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        v.addWidget(self.table)
        row = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Verify"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.now_button = QPushButton(self.tr("Back up to a folder now…"))
        for b in (self.verify_button, self.restore_button, self.now_button):
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        # The copy made when the desk closes (a USB stick): the administrator chooses it.
        exit_row = QHBoxLayout()
        exit_row.addWidget(QLabel(self.tr("When the desk closes, also back up to:")))
        self.exit_folder = QLineEdit()
        self.exit_folder.setReadOnly(True)
        self.exit_folder.setPlaceholderText(self.tr("(no copy on exit)"))
        self.exit_choose = QPushButton(self.tr("Choose folder…"))
        self.exit_off = QPushButton(self.tr("No copy on exit"))
        for w in (self.exit_folder, self.exit_choose, self.exit_off):
            exit_row.addWidget(w)
        v.addLayout(exit_row)
        may_set = allowed(ctx.user, Permission.MANAGE_SETTINGS)
        self.exit_choose.setEnabled(may_set)
        self.exit_off.setEnabled(may_set)
        self.exit_choose.clicked.connect(lambda: self.set_exit_folder(None))
        self.exit_off.clicked.connect(lambda: self.set_exit_folder(""))
        self.restore_button.setEnabled(allowed(ctx.user, Permission.RESTORE))
        self.now_button.setEnabled(allowed(ctx.user, Permission.BACKUP))
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.now_button.clicked.connect(self.back_up_now)
        self.load()

    def set_exit_folder(self, folder: str | None) -> None:
        """Store the folder copied to on exit (``None``: ask for it; ``""``: no copy)."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Back up on exit to"))
            if not folder:
                return
        try:
            settings_mod.update(self.ctx.conn, {backup.EXIT_FOLDER: folder}, self.ctx.user)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Back up"), str(exc))
            return
        self.exit_folder.setText(folder)

    def load(self) -> None:
        self.exit_folder.setText(str(settings_mod.load(self.ctx.conn)[backup.EXIT_FOLDER]))
        self.infos = backup.list_backups(self.ctx.db_path)
        self.table.setRowCount(len(self.infos))
        for i, info in enumerate(self.infos):
            self._show(i, info)

    def _show(self, i: int, info: backup.BackupInfo) -> None:
        if info.verified is None:
            check = self.tr("not checked")
        elif info.verified:
            check = self.tr("verified")
        else:
            check = self.tr("damaged: %1").replace("%1", info.problem)
        size = f"{info.size / 1_048_576:.1f} MB"
        for j, text in enumerate((info.made.strftime("%Y-%m-%d %H:%M"), size, check)):
            self.table.setItem(i, j, QTableWidgetItem(text))

    def _selected(self) -> int | None:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.infos) else None

    def verify_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self.infos[row] = backup.verify_backup(self.infos[row].path, self.ctx.key)
            self._show(row, self.infos[row])

    def restore_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        info = self.infos[row]
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr(
                "Replace the database with the copy of %1? The current file is kept aside. "
                "The program closes afterwards; start it again."
            ).replace("%1", info.made.strftime("%Y-%m-%d %H:%M")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            info = backup.verify_backup(info.path, self.ctx.key)
            if not info.verified:
                raise DeskError(info.problem)
            self.ctx.reader.close()  # no connection may stay open on the file being replaced
            aside = backup.restore(self.ctx.desk, info.path)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Restore"), str(exc))
            return
        self.ctx._closed = True  # the connection was closed by the restore
        QMessageBox.information(
            self,
            self.tr("Restore"),
            self.tr("Restored. The previous file was kept as %1.").replace("%1", str(aside)),
        )
        app = QApplication.instance()
        assert app is not None
        app.quit()

    def back_up_now(self, folder: str | None = None) -> None:
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Back up to"))
        if not folder:
            return
        try:
            made = backup.backup_to_folder(self.ctx.desk, Path(folder))
        except DeskError as exc:  # a missing, full or read-only stick: said, nothing half-written
            QMessageBox.warning(self, self.tr("Back up"), str(exc))
            return
        QMessageBox.information(
            self, self.tr("Back up"), self.tr("Copied to %1").replace("%1", str(made))
        )
