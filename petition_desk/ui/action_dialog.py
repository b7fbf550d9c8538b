"""A small dialog per lifecycle step, built from the step's declaration in the core.

The inputs, their Chinese labels, which are required and how long each may be come from
``lifecycle.SPECS``; the dialog only chooses an editor per kind and shows the service's
messages under the fields they name.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petition_desk.domain.lifecycle import CORRECTABLE, SPECS, Action, Param, ParamKind
from petition_desk.errors import DeskError, TransitionError, ValidationError
from petition_desk.services.cases import perform
from petition_desk.services.directory import list_departments
from petition_desk.services.workbench import follow_up_due
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import (
    ERROR_STYLE,
    ErrorLabel,
    NoWheelComboBox,
    NoWheelSpinBox,
    pydatetime,
)


class _CorrectionEditor(QWidget):
    """Which case field to correct (by its Chinese name) and its correct value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = NoWheelComboBox()
        self.field.addItem("", "")
        for key, label in CORRECTABLE.items():
            self.field.addItem(label, key)
        self.value = QLineEdit()
        row.addWidget(self.field)
        row.addWidget(self.value, 1)

    def changes(self) -> dict:
        key = self.field.currentData()
        if not key:
            return {}
        new: object = self.value.text()
        if key == "head_count":
            new = int(new) if str(new).strip().isdigit() else new
        return {key: new}


class ActionDialog(QDialog):
    """Collects a step's inputs; on OK performs it and stays open while anything is wrong."""

    def __init__(self, ctx: DeskContext, case: dict, action: Action, parent=None):
        super().__init__(parent)
        self.ctx, self.case, self.action = ctx, case, action
        self.spec = SPECS[action]
        self.setWindowTitle(
            self.tr("%1 — case %2").replace("%1", action.value).replace("%2", case["number"])
        )
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.at = QDateTimeEdit(QDateTime(ctx.now().replace(second=0, microsecond=0)))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        form.addRow(self.tr("Date"), self.at)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {"at": ErrorLabel()}
        form.addRow("", self.errors["at"])
        for p in self.spec.params:
            editor = self._editor(p)
            if p.hint:
                editor.setToolTip(p.hint)
            self.editors[p.key] = editor
            self.errors[p.key] = ErrorLabel()
            form.addRow(p.label + ("*" if p.required else ""), editor)
            if p.key == "basis" and isinstance(editor, QPlainTextEdit):
                form.addRow("", self._citations(editor))
            form.addRow("", self.errors[p.key])
        layout.addLayout(form)
        self.follow_up = QLabel()
        if action is Action.REPLY:
            # The reply proposes when to visit the petitioner; the 工作台 lists it on that day.
            self._propose_follow_up()
            self.at.dateTimeChanged.connect(lambda _d: self._propose_follow_up())
            layout.addWidget(self.follow_up)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _propose_follow_up(self) -> None:
        day = follow_up_due(pydatetime(self.at.dateTime()).date(), self.ctx.rules())
        self.follow_up.setText(
            self.tr("Follow-up visit proposed for %1 (listed on the workbench that day).").replace(
                "%1", day.isoformat() if day else ""
            )
        )

    def _editor(self, p: Param) -> QWidget:
        if p.kind is ParamKind.LINE:
            line = QLineEdit()
            line.setMaxLength(p.max_length)
            return line
        if p.kind is ParamKind.TEXT:
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(70)
            return text
        if p.kind is ParamKind.CHOICE:
            combo = NoWheelComboBox()
            combo.addItems(["", *p.choices])
            return combo
        if p.kind is ParamKind.DEPARTMENT:
            combo = NoWheelComboBox()
            combo.addItem("", None)
            for dept_id, name in list_departments(self.ctx.conn):
                combo.addItem(name, dept_id)
            return combo
        if p.kind is ParamKind.DATE:
            date = QDateEdit(QDate(self.ctx.today() + dt.timedelta(days=15)))
            date.setCalendarPopup(True)
            date.setDisplayFormat("yyyy-MM-dd")
            return date
        if p.kind is ParamKind.DAYS:
            spin = NoWheelSpinBox()
            spin.setRange(0, 365)
            spin.setValue(int(self.ctx.rules().settings["extension_max_days"]))
            return spin
        if p.kind is ParamKind.FLAG:
            return QCheckBox()
        return _CorrectionEditor()

    def _citations(self, editor: QPlainTextEdit) -> QComboBox:
        """The library of common citations (设置): choosing one adds it to the basis."""
        combo = NoWheelComboBox()
        combo.addItem(self.tr("Add a common citation…"))
        combo.addItems(list(self.ctx.rules().settings.get("basis_library") or []))
        combo.activated.connect(
            lambda index: index > 0 and self._cite(editor, combo.itemText(index), combo)
        )
        self.citations = combo
        return combo

    @staticmethod
    def _cite(editor: QPlainTextEdit, citation: str, combo: QComboBox) -> None:
        text = editor.toPlainText().rstrip()
        if citation not in text:
            editor.setPlainText(f"{text}\n{citation}" if text else citation)
        combo.setCurrentIndex(0)

    def params(self) -> dict:
        """The values of the editors, keyed as the step declares them."""
        out: dict = {}
        for key, w in self.editors.items():
            if isinstance(w, QLineEdit):
                out[key] = w.text()
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[key] = w.currentData() if key == "department_id" else w.currentText()
            elif isinstance(w, QDateEdit):
                out[key] = w.date().toPython().isoformat()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, _CorrectionEditor):
                out[key] = w.changes()
        return out

    def submit(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        self.banner.hide()
        try:
            perform(
                self.ctx.conn,
                self.case["id"],
                self.action,
                self.params(),
                self.ctx.user,
                self.at.dateTime().toPython(),
                self.ctx.now(),
            )
        except ValidationError as exc:
            for key, message in exc.problems.items():
                label = self.errors.get(key)
                if label is not None:
                    label.show_message(message)
                else:
                    self.banner.setText(message)
                    self.banner.show()
            return
        except (TransitionError, DeskError) as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.accept()
