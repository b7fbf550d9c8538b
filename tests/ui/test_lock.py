"""The idle lock covers the desk and keeps what was typed (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from conftest import PASSWORD, audit_log
from petition_desk.ui.main_window import MainWindow
from tests.helpers.gui import type_text


def test_lock_keeps_a_typed_form_and_needs_the_password(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_page("registration")
    type_text(qtbot, w.registration.summary, "反映村道损毁")
    w.activateWindow()
    w.registration.summary.setFocus()
    focused = QApplication.focusWidget()  # None where the platform gives no focus
    w.lock_action.trigger()
    assert w.screen_lock._focus is focused
    lock = w.screen_lock
    assert lock.locked and lock.covers and lock.covers[0].isVisible()
    lock.dialog.password.setText("not-the-password")
    lock.dialog.submit()
    assert lock.locked and lock.dialog.error.text() == "密码错误"
    assert audit_log(ctx.conn)[0]["action"] == "解锁失败"
    lock.dialog.reject()  # Esc does not unlock
    assert lock.locked
    lock.dialog.password.setText(PASSWORD)
    lock.dialog.submit()
    assert not lock.locked
    assert w.registration.summary.text() == "反映村道损毁"
    assert lock._focus is None  # handed back (the cursor returns to where it was)
    assert QApplication.focusWidget() is focused
    w.registration.summary.clear()  # so closing the window does not ask to discard it


def test_idle_period_comes_from_the_setting(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    assert w.screen_lock.timer.interval() == 10 * 60_000 and w.screen_lock.timer.isActive()
    w.screen_lock.timer.timeout.emit()
    assert w.screen_lock.locked


def test_input_anywhere_restarts_the_idle_period_once_the_lock_watches(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    timer = w.screen_lock.timer

    def press() -> None:
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        QApplication.sendEvent(w.nav, key)

    timer.stop()
    press()
    assert not timer.isActive()  # not watching yet: the start installs it once the window shows
    w.screen_lock.watch_input()
    w.screen_lock.watch_input()  # once only
    press()
    assert timer.isActive() and timer.interval() == 10 * 60_000
