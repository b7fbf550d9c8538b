"""Running database reads and long jobs off the GUI thread.

Each pool thread keeps its own SQLite connection (never one shared behind a lock). A newer
request can interrupt an older one that is still running, so typing in the search box never
queues up slow queries.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from petition_desk.db.connection import connect

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, int, str)


class _Job(QRunnable):
    def __init__(self, pool: ReaderPool, ticket: int, fn: Callable[..., Any], with_progress: bool):
        super().__init__()
        self.pool, self.ticket, self.fn, self.with_progress = pool, ticket, fn, with_progress
        self.signals = pool.signals

    def run(self) -> None:
        conn = self.pool.connection()
        try:
            result = self.fn(conn, self._progress) if self.with_progress else self.fn(conn)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                return  # superseded by a newer request
            log.exception("background read failed")
            self.signals.failed.emit(self.ticket, exc)
            return
        except Exception as exc:
            log.exception("background job failed")
            self.signals.failed.emit(self.ticket, exc)
            return
        # The window may have closed while this read ran; then nobody is waiting for it.
        with contextlib.suppress(RuntimeError):
            self.signals.done.emit(self.ticket, result)

    def _progress(self, done: int, total: int, text: str = "") -> bool:
        self.signals.progress.emit(self.ticket, done, total, text)
        return not self.pool.is_cancelled(self.ticket)


class ReaderPool(QObject):
    """A small thread pool bound to one database file.

    ``submit(fn, on_done, on_failed)`` runs ``fn(conn)`` in a worker thread and calls the
    callbacks on the GUI thread. ``interrupt()`` aborts whatever SQL is running now.
    """

    def __init__(self, db_path: Path, threads: int = 1, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.signals = _Signals()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._tickets = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable, Callable | None, Callable | None]] = {}
        self._cancelled: set[int] = set()
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.signals.progress.connect(self._on_progress)

    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.db_path, wal=False)
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def submit(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> int:
        """Run ``fn(conn)`` (or ``fn(conn, progress)`` with ``on_progress``); return a ticket."""
        ticket = next(self._tickets)
        self._callbacks[ticket] = (on_done, on_failed, on_progress)
        self._pool.start(_Job(self, ticket, fn, on_progress is not None))
        return ticket

    def cancel(self, ticket: int) -> None:
        """Ask a job with progress to stop at its next progress report."""
        self._cancelled.add(ticket)

    def is_cancelled(self, ticket: int) -> bool:
        return ticket in self._cancelled

    def interrupt(self) -> None:
        """Abort the SQL statements running in this pool right now."""
        with self._lock:
            for conn in self._conns:
                conn.interrupt()

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_done(self, ticket: int, result: Any) -> None:
        on_done, _, _ = self._callbacks.pop(ticket, (None, None, None))
        if on_done:
            on_done(result)

    def _on_failed(self, ticket: int, exc: BaseException) -> None:
        _, on_failed, _ = self._callbacks.pop(ticket, (None, None, None))
        if on_failed:
            on_failed(exc)

    def _on_progress(self, ticket: int, done: int, total: int, text: str) -> None:
        cb = self._callbacks.get(ticket, (None, None, None))[2]
        if cb:
            cb(done, total, text)

    def close(self) -> None:
        self.interrupt()
        self._pool.waitForDone(10000)
        with self._lock:
            self._conns.clear()  # each thread's connection dies with its thread-local
