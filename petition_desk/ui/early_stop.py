"""Stopping the desk while a dialog comes before its window (login, first start).

The main window has ``ui.shutdown``. Before it exists, SIGTERM (a log-off on Linux, ``kill``,
a service manager) and Ctrl+C went to the command line's handler, which Python runs only when
the interpreter gets control: a login form waiting for a password never gives it, so the desk
ignored the request until someone typed a password. Here a short timer lets Python in, and
the handler ends every running event loop (the dialog's, and a login's wait for its worker),
so the start returns and exits with 128 + the signal's number. A login already deriving the
key or upgrading the file finishes its step first (each is one transaction); nothing is
half-written.
"""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


class StopBeforeWindow:
    """Within ``with``: SIGTERM/SIGINT end the event loops and are remembered in ``signum``."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, object] = {}
        self._tick: QTimer | None = None

    def __enter__(self) -> StopBeforeWindow:
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self._on_signal)
        # Python runs a pending handler only when it gets control: a tick every 200 ms.
        self._tick = QTimer()
        self._tick.timeout.connect(lambda: None)
        self._tick.start(200)
        return self

    def _on_signal(self, signum: int, _frame) -> None:
        self.signum = signum
        QApplication.exit(128 + signum)  # every running event loop, nested ones too

    def __exit__(self, *_exc) -> None:
        if self._tick is not None:
            self._tick.stop()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
