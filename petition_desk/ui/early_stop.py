"""Stopping the desk while a dialog comes before its window (login, first start).

The main window has ``ui.shutdown``. Before it exists, SIGTERM (a log-off on Linux, ``kill``,
a service manager) and Ctrl+C went to the command line's handler, which Python runs only when
the interpreter gets control: a login form waiting for a password never gives it, so the desk
ignored the request until someone typed a password. Here a short timer lets Python in; the
handler only notes the request, and the timer closes the dialog on screen at the first moment
no form is doing its work (``login_dialog.can_stop_now``): a form waiting for input, a message.
Work under way is never cut short — creating a desk, encrypting an old one, a login deriving
the key or upgrading the file, and the recovery key shown once after them (it could not be
shown again) — the stop waits for it. ``run`` then returns 128 + the signal's number without
building the window (a desk already logged in is closed).
"""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


class StopBeforeWindow:
    """Within ``with``: SIGTERM/SIGINT are noted in ``signum`` and close idle dialogs."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, object] = {}
        self._tick: QTimer | None = None

    def __enter__(self) -> StopBeforeWindow:
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self._on_signal)
        # Python runs a pending handler only when it gets control: a tick every 200 ms, which
        # also fires inside a dialog's own event loop.
        self._tick = QTimer()
        self._tick.timeout.connect(self._close_if_idle)
        self._tick.start(200)
        return self

    def _on_signal(self, signum: int, _frame) -> None:
        self.signum = signum
        self._close_if_idle()

    def _close_if_idle(self) -> None:
        if self.signum is None:
            return
        # No form of the login module shown yet when it is not even loaded (never import it
        # here: this may run in the middle of another import).
        forms = sys.modules.get("petition_desk.ui.login_dialog")
        idle = forms is None or forms.can_stop_now()
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and idle:
            dialog.done(QDialog.DialogCode.Rejected)  # not ``reject``: no question asked

    def __exit__(self, *_exc) -> None:
        if self._tick is not None:
            self._tick.stop()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
