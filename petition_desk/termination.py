"""SIGTERM as an exception, so a terminated command unwinds like Ctrl+C does.

By default SIGTERM ends Python at once: the open transaction is rolled back by SQLite (nothing
half-saved), but no ``finally`` runs, so the connection is not closed and a ``-wal`` file is
left beside the database. Raised as ``Terminated`` instead, the ``transaction`` context rolls
back, the command line closes its connections (checkpointing the store) and exits with 143.
The window has its own handling (``ui.shutdown``), since Qt's event loop must be told to quit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM). A BaseException, like KeyboardInterrupt."""


def _raise(signum, _frame) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def terminate_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated`` (main thread only; else a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
