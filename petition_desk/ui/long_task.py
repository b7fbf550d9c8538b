"""Long work with a progress dialog and a Cancel button, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from petition_desk.errors import Cancelled, DeskError
from petition_desk.ui.context import DeskContext
from petition_desk.ui.workers import ReaderPool


class LongTask:
    """Runs ``fn(conn, progress)`` on its own connection in a worker thread.

    ``progress(done, total, text)`` returns False once the user pressed Cancel; the core
    function then raises ``Cancelled`` and writes nothing.
    """

    def __init__(
        self,
        parent: QWidget,
        ctx: DeskContext,
        title: str,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_cancelled: Callable[[], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ):
        self.parent, self.on_done, self.on_cancelled = parent, on_done, on_cancelled
        self.on_failed = on_failed
        self.pool = ReaderPool(ctx.db_path, threads=1, parent=parent, key=ctx.key)
        self.dialog = QProgressDialog(
            title, QApplication.translate("LongTask", "Cancel"), 0, 0, parent
        )
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.finished = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.ticket = self.pool.submit(fn, self._done, self._failed, self._progress)
        self.dialog.canceled.connect(lambda: self.pool.cancel(self.ticket))

    def _progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self.finished = True
        self.dialog.close()
        self.pool.close()

    def _done(self, result: Any) -> None:
        self.result = result
        self._finish()
        self.on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if isinstance(exc, Cancelled):
            if self.on_cancelled:
                self.on_cancelled()
            return
        message = str(exc) if isinstance(exc, DeskError | OSError) else repr(exc)
        QMessageBox.warning(self.parent, self.dialog.windowTitle(), message)
        if self.on_failed:
            self.on_failed(exc)
