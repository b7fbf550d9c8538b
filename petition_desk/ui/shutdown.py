"""Ending cleanly when the desk is told to stop: log-off, shutdown, SIGTERM, Ctrl+C.

Without this, a SIGTERM ends Python on the spot: SQLite keeps every saved case (each save is
one transaction) but the store is not checkpointed, leaving a large ``-wal`` beside the file
(a copy of the ``.sqlite`` alone then misses the latest cases), and text typed on the
registration form is lost. Here, each of those requests:

1. saves what can be saved: the registration form's unsaved text goes to a draft file in the
   data folder (readable by the user only) — never into the database half-checked;
2. closes the store, which checkpoints the WAL into the file and removes the ``-wal``;
3. quits the event loop (for a signal; at log-off the session manager ends the process).

Python runs a signal handler only when the interpreter gets control, which Qt's event loop
never gives it on its own; a short timer lets it in.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from petition_desk.services.drafts import save_draft

log = logging.getLogger(__name__)


class Shutdown(QObject):
    """Runs ``savers`` then ``close`` once, on a signal or the session manager's request."""

    def __init__(self, app: QApplication, close: Callable[[], None]) -> None:
        super().__init__(app)
        self.app = app
        self._close = close
        self.savers: list[Callable[[], None]] = []
        self.done = False
        self.signal_received: int | None = None
        app.commitDataRequest.connect(self._commit_data)
        self._previous = {}
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._previous[sig] = signal.signal(sig, self._on_signal)
        # Give Python a moment every 200 ms to run a pending signal handler.
        self._tick = QTimer(self)
        self._tick.start(200)
        self._tick.timeout.connect(lambda: None)

    def _on_signal(self, signum, _frame) -> None:
        self.signal_received = signum
        log.warning("signal %s: saving and closing", signum)
        self.finish()
        self.app.exit(128 + signum)

    def _commit_data(self, _manager) -> None:
        # Log-off or shutdown: save and close without asking (no dialog may block it).
        log.warning("session ending: saving and closing")
        self.finish()

    def finish(self) -> None:
        """Save what can be saved, then close the store; safe to call more than once."""
        if self.done:
            return
        self.done = True
        for saver in self.savers:
            try:
                saver()
            except Exception:  # one failed saver must not stop the store from closing
                log.exception("saving on shutdown failed")
        try:
            self._close()
        except Exception:
            log.exception("closing the store on shutdown failed")

    def restore_signals(self) -> None:
        """Put back the previous handlers (when the window has gone)."""
        self._tick.stop()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def install(app: QApplication, window) -> Shutdown:
    """Hook the main ``window``'s form and store into log-off and SIGTERM/SIGINT."""
    shutdown = Shutdown(app, window.ctx.close)

    def keep_registration() -> None:
        # A form that was never shown holds no text (and is not built just to ask).
        page = window.built_page("registration")
        if page is not None and page.is_dirty():
            path = save_draft("registration", page.value(), window.ctx.key)
            log.warning("unsaved registration kept in %s", path)
            page.reset()  # the text is in the draft; the window must not ask about it now

    shutdown.savers.append(keep_registration)
    return shutdown
