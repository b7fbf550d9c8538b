"""One window per database file.

Two windows on one file work only by luck: each caches settings and counters, and each would
make its own daily backup. The first start holds a ``QLockFile`` beside the database (released
by Qt if the process dies, so a crash never locks the desk out) and listens on a local socket
named after the file. A second start finds the lock taken, says the desk is already open, and
on request asks the first one to come to the front.

QtNetwork is imported where the socket is made (``listen``, after the window is drawn), not
with this module: the lock alone decides whether the window may open.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)
_RAISE = b"raise\n"


def lock_path(db: Path) -> Path:
    """The lock file beside ``db``."""
    db = Path(db)
    return db.with_name(db.name + ".lock")


def server_name(db: Path) -> str:
    """A local-socket name unique to the (resolved) database path."""
    digest = hashlib.sha1(str(Path(db).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"petition-desk-{digest}"


class SingleInstance(QObject):
    """Holds the lock on ``db`` while alive; ``acquire`` says whether this start is the first."""

    def __init__(self, db: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = Path(db)
        self._lock = QLockFile(str(lock_path(self.db)))
        self._lock.setStaleLockTime(0)  # only a dead owner makes the lock stale, never its age
        self._server: QLocalServer | None = None
        self._window: QWidget | None = None

    def acquire(self) -> bool:
        """Take the lock (True), or find it held by a running desk (False).

        A lock that cannot be written at all (a read-only folder) does not stop the desk: the
        database itself will say what is wrong when it is opened.
        """
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("lock file %s unusable: %s", lock_path(self.db), self._lock.error())
        return True

    def listen(self, window: QWidget) -> None:
        """Bring ``window`` forward whenever a second start asks."""
        from PySide6.QtNetwork import QLocalServer

        self._window = window
        self._server = QLocalServer(self)
        name = server_name(self.db)
        QLocalServer.removeServer(name)  # a socket left by a crashed desk
        if not self._server.listen(name):
            log.warning("cannot listen on %s: %s", name, self._server.errorString())
            return
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        # Read the one short request at once (the second start writes it right after
        # connecting), so no socket outlives this slot.
        while self._server is not None and self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if sock.bytesAvailable() or sock.waitForReadyRead(500):
                request = bytes(sock.readAll().data())
            else:
                request = b""
            sock.disconnectFromServer()
            sock.deleteLater()
            if request.startswith(_RAISE.strip()):
                self.bring_forward()

    def bring_forward(self) -> None:
        """Show the window on top of the others."""
        if self._window is None:
            return
        if self._window.isMinimized():
            self._window.showNormal()
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()

    def release(self) -> None:
        """Give up the lock (also done when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def ask_first_to_come_forward(db: Path, timeout_ms: int = 1000) -> bool:
    """Send the running desk the request to come forward; True if it was delivered."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(server_name(db))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(_RAISE)
    delivered = sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return delivered


def tell_already_open(db: Path) -> None:
    """The second start's message; offers to bring the open desk forward."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QApplication.translate("SingleInstance", "Petition Desk is already open"))
    box.setText(
        QApplication.translate(
            "SingleInstance",
            "The petition desk is already open on this database (%1). Only one window may "
            "work on a database at a time.",
        ).replace("%1", str(db))
    )
    forward = box.addButton(
        QApplication.translate("SingleInstance", "Bring it forward"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(forward)
    box.exec()
    if box.clickedButton() is forward and not ask_first_to_come_forward(db):
        QMessageBox.information(
            None,
            QApplication.translate("SingleInstance", "Petition Desk is already open"),
            QApplication.translate(
                "SingleInstance",
                "The open window could not be reached. Look for it on the taskbar.",
            ),
        )
