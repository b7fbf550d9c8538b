"""The desk's whole-file check (SQLite's ``quick_check``), run in the background at start.

``open_store`` used to run it before the window could show: 6–26 s on a 2 GB desk. The login
now skips it (never before a migration, which still checks first) and the window runs it here,
in a thread of its own with its own connection, once it is shown. Damage is said in a dialog
that tells the clerk to restore from a backup, and written to the log; the daily backup
refuses a damaged copy by itself (``services.backup_rotation``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from petition_desk.db.connection import damage_report
from petition_desk.ui.context import DeskContext
from petition_desk.ui.workers import ReaderPool

log = logging.getLogger(__name__)


class IntegrityCheck(QObject):
    """Runs ``quick_check`` on the desk once; ``finished`` carries the damage (or None)."""

    finished = Signal(object)

    def __init__(self, ctx: DeskContext, window: QWidget | None = None):
        # No Qt parent: the window's children are gone before its ``destroyed`` is emitted, and
        # the pool must outlive the window long enough to be stopped by it.
        super().__init__()
        self.ctx = ctx
        self.window = window
        # None while running or when sound; the Chinese sentence when damage was found.
        self.damage: str | None = None
        self.done = False
        # Its own thread and connection: the pages' readers are not held up for seconds.
        self.pool = ReaderPool(ctx.db_path, threads=1, key=ctx.key)
        # Closing the window or quitting while it runs interrupts the check (no waiting for
        # seconds of reading); a closed pool delivers no result to a window that has gone.
        # It stops before the desk's own connection closes (so that, the last to close, the
        # desk's connection cleans up the WAL as it always did).
        stop = self.pool.close
        ctx.closing.connect(lambda: stop())
        if window is not None:
            window.destroyed.connect(lambda *_args: stop())
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(lambda: stop())

    def start(self) -> None:
        path = self.ctx.db_path
        self.pool.submit(lambda conn: damage_report(conn, path), self._done, self._failed)

    def stop(self) -> None:
        """Interrupt a check still running and close its connection; safe twice."""
        self.pool.close()

    def _done(self, damage: str | None) -> None:
        self.done = True
        self.damage = damage
        if damage is not None:
            log.error("integrity check: %s", damage)
            QMessageBox.warning(self.window, self.tr("The database is damaged"), damage)
        self.finished.emit(damage)
        self.stop()

    def _failed(self, exc: BaseException) -> None:
        # A file that cannot even be read through is damage too (the message says what to do).
        self._done(
            str(exc)
            or self.tr("The database file could not be read through; restore it from a backup.")
        )
