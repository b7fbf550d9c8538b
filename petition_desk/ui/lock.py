"""The idle lock: after some minutes without input, or on request, every window is covered.

Nothing is closed or hidden — a dialog running ``exec()`` would end if it were hidden — so
whatever is typed in an open form stays. Each visible top-level window gets an opaque cover
on top of its contents, and an application-modal dialog asks for the logged-in user's
password (``services/access.unlock_screen``, which audits failures).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from petition_desk.services import access
from petition_desk.services import settings as settings_mod
from petition_desk.ui.context import DeskContext

_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class _Cover(QWidget):
    """An opaque sheet over one window's contents, resized with it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("background: #2b3a4a; color: white; font-size: 18px;")
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect())
        return False


class UnlockDialog(QDialog):
    """Asks the logged-in user's password; only that user can unlock."""

    def __init__(self, lock: ScreenLock):
        super().__init__(None)
        self.lock = lock
        self.setWindowTitle(self.tr("Desk locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Locked. %1, enter your password to continue.").replace(
                    "%1", lock.ctx.user.name
                )
            )
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.submit)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if access.unlock_screen(self.lock.ctx.desk, self.password.text()):
            self.lock.unlock()
            self.accept()
        else:
            self.password.clear()
            self.error.setText(self.tr("Wrong password"))

    def reject(self) -> None:  # Esc must not unlock
        pass


class ScreenLock(QObject):
    """Watches input application-wide and locks after ``idle_lock_minutes``."""

    def __init__(self, ctx: DeskContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.covers: list[_Cover] = []
        self._focus: QWidget | None = None  # where the cursor was when the desk locked
        self.dialog: UnlockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.apply_setting()
        ctx.settingsChanged.connect(self.apply_setting)
        self._watching = False

    def watch_input(self) -> None:
        """From now on, any input anywhere starts the idle period again.

        Not done when the lock is made: an application-wide filter passes every event through
        Python, and the first event of each kind makes PySide build the Python types of the
        event and of its receiver — tens of milliseconds that the window's first paint would
        wait for. The start (``ui.app.run``) calls this once the window is drawn.
        """
        if self._watching:
            return
        app = QApplication.instance()
        assert app is not None  # the lock is made with the main window
        app.installEventFilter(self)
        self._watching = True

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def apply_setting(self) -> None:
        self.minutes = int(settings_mod.load(self.ctx.conn)["idle_lock_minutes"])
        self.timer.stop()
        if self.minutes > 0:
            self.timer.setInterval(self.minutes * 60_000)
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:
        if self.minutes > 0 and not self.locked and event.type() in _INPUT:
            self.timer.start()  # any input starts the idle period again
        return False

    def lock(self) -> None:
        """Cover every visible window and ask for the password (non-blocking)."""
        if self.locked:
            return
        self.timer.stop()
        # Where the clerk was typing, to put the cursor back there after unlocking.
        self._focus = QApplication.focusWidget()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, UnlockDialog):
                self.covers.append(_Cover(widget))
        self.dialog = UnlockDialog(self)
        self.dialog.open()

    def unlock(self) -> None:
        for cover in self.covers:
            cover.deleteLater()
        self.covers = []
        self.dialog = None
        self.apply_setting()
        focus = self._focus
        if focus is not None:
            with contextlib.suppress(RuntimeError):  # the widget may have gone meanwhile
                focus.activateWindow()
                focus.setFocus()
        self._focus = None
