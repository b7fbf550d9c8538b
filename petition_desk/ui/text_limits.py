"""Showing a multi-line field's length limit while the clerk types.

``QLineEdit.setMaxLength`` holds one-line fields to the service's limits; a ``QPlainTextEdit``
has no such setting, and cutting a pasted letter silently would lose text. So the field keeps
everything, and the red line under it says how far over the limit it is, before saving does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from petition_desk.ui.widgets import ErrorLabel


def watch_length(edit: QPlainTextEdit, maximum: int, label: ErrorLabel) -> None:
    """Warn in ``label`` while ``edit`` holds more than ``maximum`` characters."""

    def check() -> None:
        count = len(edit.toPlainText())
        over = count > maximum
        if over:
            label.show_message(
                QApplication.translate("TextLimits", "Too long: %1 characters, at most %2.")
                .replace("%1", str(count))
                .replace("%2", str(maximum))
            )
        elif label.property("lengthWarning"):
            label.show_message("")  # only our own warning is taken away, never a save's
        label.setProperty("lengthWarning", over)

    edit.textChanged.connect(check)
