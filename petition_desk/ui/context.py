"""What every page needs: the database, the logged-in user, the rules and "today"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits
from petition_desk.services.access import Desk
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import User
from petition_desk.ui.workers import ReaderPool


class DeskContext(QObject):
    """Shared state of one open database. ``casesChanged`` tells every page to refresh."""

    casesChanged = Signal()
    settingsChanged = Signal()
    # Emitted first by ``close``: background work on the file (the start's integrity check)
    # stops before the database closes, so the last connection to close cleans up the WAL.
    closing = Signal()

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: Path,
        *,
        key: bytes,
        user: User,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent=None,
    ):
        super().__init__(parent)
        self.conn = conn
        self.db_path = Path(db_path)
        self.key = key
        self.now = now
        self.user: User = user
        self.reader = ReaderPool(self.db_path, threads=2, parent=self, key=key)
        self._rules: Limits | None = None
        self.settingsChanged.connect(self._drop_rules)

    @property
    def desk(self) -> Desk:
        """The open desk as the access services take it (user management, backups)."""
        return Desk(self.db_path, self.key, self.conn, self.user)

    def today(self) -> dt.date:
        return self.now().date()

    def rules(self) -> Limits:
        """Settings and calendar, cached until settings change."""
        if self._rules is None:
            self._rules = load_limits(self.conn)
        return self._rules

    def _drop_rules(self) -> None:
        self._rules = None

    def close(self) -> None:
        """Stop the workers and close the database (checkpointing the WAL); safe twice."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        self.closing.emit()
        self.reader.close()
        self.conn.close()
