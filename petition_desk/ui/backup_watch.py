"""Backups while the desk is open: at start, and again whenever the day changes.

The copy and its checks (``services.backup_rotation.run_backup``) run in a background thread
so the window never waits; the outcome comes back as a signal. A failure is shown in the
status bar until the next success, not only written to the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from petition_desk.services.backup_rotation import BackupStatus, due, run_backup

log = logging.getLogger(__name__)

# How often to look whether the day changed (the desk may stay open for days).
CHECK_MS = 10 * 60 * 1000
# How long after a failed attempt the next one is made.
RETRY_AFTER = dt.timedelta(hours=1)


class BackupWatch(QObject):
    """Runs the day's backup when due; ``finished`` carries the outcome."""

    finished = Signal(object)  # BackupStatus

    def __init__(
        self,
        db: Path,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent=None,
        *,
        key: bytes | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = Path(db)
        self.key = key  # the copies are encrypted with the database's own key
        self.now = now
        self.worker: threading.Thread | None = None
        self.last: BackupStatus | None = None
        self._tried: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.run_if_due)
        self.finished.connect(self._remember)

    def start(self) -> threading.Thread | None:
        """Run now if due, then look again every ``CHECK_MS``."""
        self._timer.start()
        return self.run_if_due()

    def stop(self) -> None:
        self._timer.stop()

    def run_if_due(self) -> threading.Thread | None:
        """Start a backup in the background unless one runs or today's copy exists."""
        if self.worker is not None and self.worker.is_alive():
            return None
        if not due(self.db, self.now().date()):
            return None
        now = self.now()
        if self._tried is not None and now - self._tried < RETRY_AFTER:
            return None  # a failed attempt is retried hourly, not every ten minutes
        self._tried = now

        def work() -> None:
            status = run_backup(self.db, self.key, self.now())
            (log.info if status.ok else log.error)("backup: %s", status.message)
            # The window may have closed meanwhile; the status file still says it.
            with contextlib.suppress(RuntimeError):
                self.finished.emit(status)

        self.worker = threading.Thread(target=work, name="petition-desk-backup", daemon=True)
        self.worker.start()
        return self.worker

    def _remember(self, status: BackupStatus) -> None:
        self.last = status
        if status.ok:
            self._tried = None


def show_in_status_bar(watch: BackupWatch, window: QMainWindow) -> QLabel:
    """A permanent red note in the status bar while the last backup failed."""
    label = QLabel()
    label.setStyleSheet("color: #b00020;")
    label.hide()
    window.statusBar().addPermanentWidget(label)

    def update(status: BackupStatus) -> None:
        if status.ok:
            label.hide()
            window.statusBar().showMessage(status.message, 8000)
        else:
            label.setText(QApplication.translate("BackupWatch", "Backup failed"))
            label.setToolTip(status.message)
            label.show()
            window.statusBar().showMessage(status.message)

    watch.finished.connect(update)
    return label
