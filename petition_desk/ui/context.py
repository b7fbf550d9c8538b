"""What every page needs: the database, the acting clerk, the rules and "today"."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from petition_desk.domain.deadlines import Limits
from petition_desk.services.calendar_store import load_limits
from petition_desk.services.directory import User, get_user
from petition_desk.ui.workers import ReaderPool


class DeskContext(QObject):
    """Shared state of one open database. ``casesChanged`` tells every page to refresh."""

    casesChanged = Signal()
    settingsChanged = Signal()

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: Path,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent=None,
    ):
        super().__init__(parent)
        self.conn = conn
        self.db_path = Path(db_path)
        self.now = now
        self.user: User = get_user(conn)
        self.reader = ReaderPool(self.db_path, threads=2, parent=self)
        self._rules: Limits | None = None
        self.settingsChanged.connect(self._drop_rules)

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
        self.reader.close()
        self.conn.close()
