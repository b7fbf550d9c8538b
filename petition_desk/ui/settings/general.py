"""Unit name, time limits, categories and villages: a form generated from the settings
declared in ``services.settings``. Changing a legal time limit asks first; the service
audits every change with its old and new value."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import ValidationError
from petition_desk.services import settings as settings_mod
from petition_desk.services.permissions import Permission, allowed
from petition_desk.ui.context import DeskContext
from petition_desk.ui.long_task import LongTask
from petition_desk.ui.widgets import ERROR_STYLE, NoWheelSpinBox


class GeneralTab(QScrollArea):
    """Settings other than the lists of people and places that have their own tabs."""

    saved = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.task: LongTask | None = None
        self.setWidgetResizable(True)
        w = QWidget()
        self.setWidget(w)
        v = QVBoxLayout(w)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        v.addWidget(self.error)
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        for s in settings_mod.SETTINGS:
            if not s.form:
                continue  # edited on a tab of its own
            e: QWidget
            if s.type is int:
                e = NoWheelSpinBox()
                e.setRange(s.minimum or 0, s.maximum or 100000)
            elif s.type is bool:
                e = QCheckBox()
            elif s.type is list:
                e = QPlainTextEdit()
                e.setTabChangesFocus(True)
                e.setFixedHeight(110)
                e.setPlaceholderText(self.tr("One per line"))
            else:
                e = QLineEdit()
            self.editors[s.key] = e
            form.addRow(s.label, e)
        v.addLayout(form)
        self.save_button = QPushButton(self.tr("Save settings"))
        self.save_button.clicked.connect(self.save)
        # The service refuses anyone else; the button says so before a form is filled in.
        if not allowed(ctx.user, Permission.MANAGE_SETTINGS):
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("Only the administrator changes settings."))
        self.status = QLabel()
        v.addWidget(self.save_button)
        v.addWidget(self.status)
        v.addStretch(1)

    def load(self) -> None:
        values = settings_mod.load(self.ctx.conn)
        for key, e in self.editors.items():
            if isinstance(e, NoWheelSpinBox):
                e.setValue(int(values[key]))
            elif isinstance(e, QCheckBox):
                e.setChecked(bool(values[key]))
            elif isinstance(e, QPlainTextEdit):
                e.setPlainText("\n".join(values[key]))
            elif isinstance(e, QLineEdit):
                e.setText(str(values[key]))

    def values(self) -> dict:
        out: dict = {}
        for key, e in self.editors.items():
            if isinstance(e, NoWheelSpinBox):
                out[key] = e.value()
            elif isinstance(e, QCheckBox):
                out[key] = e.isChecked()
            elif isinstance(e, QPlainTextEdit):
                out[key] = e.toPlainText().splitlines()
            elif isinstance(e, QLineEdit):
                out[key] = e.text()
        return out

    def confirm_statutory(self, changed: dict) -> bool:
        """A legal time limit is not changed by accident: name each change and ask."""
        legal = [k for k in changed if k in settings_mod.STATUTORY]
        if not legal:
            return True
        lines = "\n".join(
            f"{settings_mod.declared(k).label}：{changed[k][0]} → {changed[k][1]}" for k in legal
        )
        answer = QMessageBox.question(
            self,
            self.tr("Change a legal time limit"),
            self.tr(
                "These legal time limits will change, and the due dates of open cases will be "
                "recomputed:\n%1\n\nChange them?"
            ).replace("%1", lines),
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self, *, confirmed: bool = False) -> bool:
        """Validate, confirm legal time limits, then store (in a worker: due dates move)."""
        self.error.hide()
        self.status.clear()
        values = self.values()
        try:
            changed = settings_mod.changes(self.ctx.conn, values)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        if not changed:
            self.status.setText(self.tr("Nothing changed."))
            return True
        if not allowed(self.ctx.user, Permission.MANAGE_SETTINGS):
            self.error.setText(self.tr("Only the administrator changes settings."))
            self.error.show()  # said in place, before anything is asked or started
            return False
        if not confirmed and not self.confirm_statutory(changed):
            return False
        user, now = self.ctx.user, self.ctx.now()
        self.task = LongTask(
            self,
            self.ctx,
            self.tr("Saving settings…"),
            lambda conn, _progress: settings_mod.update(conn, values, user, now),
            self._saved,
        )
        return True

    def _saved(self, changed: dict) -> None:
        self.status.setText(self.tr("Saved: %n setting(s) changed.", "", len(changed)))
        self.saved.emit()
