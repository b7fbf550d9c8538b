"""A small OK/Cancel form: rows of labelled widgets and a ``run`` that may refuse.

``run`` raises a ``DeskError`` (a ``ValidationError``, a ``NotFoundError`` …) with a Chinese
message when the input is wrong or the record is gone; the dialog then stays open and shows it. Used for the leader and roster dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from petition_desk.errors import DeskError
from petition_desk.ui.widgets import ERROR_STYLE


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        rows: Sequence[tuple[str, QWidget]],
        run: Callable[[], object] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        # Wide enough for an address or a reason on one line (the correction dialog was 200 px).
        self.setMinimumWidth(460)
        self._run = run
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        for label, widget in rows:
            self.form.addRow(label, widget)
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def run(self) -> object:
        """What OK does; subclasses override it or pass ``run`` in."""
        return self._run() if self._run else None

    def submit(self) -> None:
        try:
            self.run()
        except DeskError as exc:  # a wrong value, or a record that no longer exists
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
