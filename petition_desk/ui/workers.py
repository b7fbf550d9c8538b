"""Running database reads and long jobs off the GUI thread.

Each worker thread keeps its own SQLite connection (never one shared behind a lock). Results
come back to the GUI thread through a queued Qt signal. A newer request can interrupt an older
one that is still running, so typing in the search box never queues up slow queries.

Plain Python threads (``concurrent.futures``) do the work: Python subclasses of ``QRunnable``
run by ``QThreadPool`` corrupted reference counts under load in PySide6 6.12 (seen as
"deallocating None" crashes in ``bench/ledger_bench.py``).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from petition_desk.db.connection import connect
from petition_desk.db.engine import sqlite3
from petition_desk.db.errors import translate
from petition_desk.errors import DeskError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, int, str)


class ReaderPool(QObject):
    """A small pool of threads bound to one database file.

    ``submit(fn, on_done, on_failed)`` runs ``fn(conn)`` in a worker thread and calls the
    callbacks on the GUI thread. ``interrupt()`` aborts whatever SQL is running now.
    """

    def __init__(
        self,
        db_path: Path,
        threads: int = 1,
        parent: QObject | None = None,
        *,
        key: bytes | None,
    ):
        """``key`` is the data key every worker's connection is opened with (required, so a
        pool can never silently open an encrypted file without it)."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._key = key
        self.signals = _Signals()
        self._executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="petition-desk-reader"
        )
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._tickets = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable, Callable | None, Callable | None]] = {}
        self._cancelled: set[int] = set()
        self._closed = False
        self.signals.done.connect(self._on_done)
        self.signals.failed.connect(self._on_failed)
        self.signals.progress.connect(self._on_progress)

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            # Used by this thread only; closed by close() after the thread has finished.
            conn = connect(self.db_path, key=self._key, wal=False, same_thread=False)
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def submit(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> int:
        """Run ``fn(conn)`` (or ``fn(conn, progress)`` with ``on_progress``); return a ticket.

        ``on_failed`` is required: a screen waiting for a result must hear of a failure too,
        or it waits forever ("正在查找…").
        """
        ticket = next(self._tickets)
        if self._closed:
            return ticket  # the window is closing: a late timer's request has no one to answer
        self._callbacks[ticket] = (on_done, on_failed, on_progress)
        self._executor.submit(self._run, ticket, fn, on_progress is not None)
        return ticket

    def _run(self, ticket: int, fn: Callable[..., Any], with_progress: bool) -> None:
        def progress(done: int, total: int, text: str = "") -> bool:
            self.signals.progress.emit(ticket, done, total, text)
            return ticket not in self._cancelled

        try:
            conn = self._connection()
            result = fn(conn, progress) if with_progress else fn(conn)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                self._callbacks.pop(ticket, None)  # superseded by a newer request
                return
            log.exception("background read failed")
            self._emit(self.signals.failed, ticket, translate(exc) or exc)
            return
        except DeskError as exc:
            # A refusal or a store problem already in words: logged without a traceback (the
            # message may quote what the clerk typed; the log keeps only its kind).
            log.warning("background job refused: %s", type(exc).__name__)
            self._emit(self.signals.failed, ticket, exc)
            return
        except Exception as exc:
            log.exception("background job failed")
            # Locked, read-only, full: the Chinese sentence, not SQLite's English.
            self._emit(self.signals.failed, ticket, translate(exc) or exc)
            return
        self._emit(self.signals.done, ticket, result)

    def _emit(self, signal, ticket: int, value: object) -> None:
        if not self._closed:
            signal.emit(ticket, value)

    def cancel(self, ticket: int) -> None:
        """Ask a job with progress to stop at its next progress report."""
        self._cancelled.add(ticket)

    def interrupt(self) -> None:
        """Abort the SQL statements running in this pool right now."""
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(sqlite3.ProgrammingError):  # already closed
                    conn.interrupt()

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
        """Stop accepting work, abort running SQL, wait for the threads, close connections."""
        if self._closed:
            return
        self.interrupt()
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        # Each connection belonged to a worker thread that has now ended.
        with self._lock:
            for conn in self._conns:
                with contextlib.suppress(sqlite3.ProgrammingError):
                    conn.close()
            self._conns.clear()
