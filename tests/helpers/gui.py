"""Driving widgets like a clerk."""

from __future__ import annotations


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: QTest only knows ASCII keys, so other characters arrive as key
    events carrying their text, the way an input method delivers them."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )
