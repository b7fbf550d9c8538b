"""A small dialog per lifecycle step: it asks for the step's inputs and validates on save."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from petition_desk.domain.lifecycle import CORRECTABLE, Action
from petition_desk.domain.vocab import (
    RejectGround,
    ReplyResult,
    ReviewResult,
    Satisfaction,
    SupervisionMethod,
)
from petition_desk.errors import TransitionError, ValidationError
from petition_desk.services.cases import perform
from petition_desk.services.directory import list_departments
from petition_desk.ui.context import DeskContext
from petition_desk.ui.person_editor import ERROR_STYLE, ErrorLabel


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # line | text | choice | date | days | department
    options: tuple[str, ...] = ()


def _choice(key: str, label: str, choices) -> Field:
    """A field whose value is one of an enum's values."""
    return Field(key, label, "choice", tuple(c.value for c in choices))


def _fields(action: Action) -> list[Field]:
    """The inputs of each step; labels are marked here and translated where shown."""
    note = Field("note", QT_TRANSLATE_NOOP("ActionDialog", "Note"), "text")
    table: dict[Action, list[Field]] = {
        Action.ACCEPT: [],
        Action.ANSWER_DIRECTLY: [
            Field("answer", QT_TRANSLATE_NOOP("ActionDialog", "Answer given"), "text")
        ],
        Action.ASSIGN: [
            Field("department_id", QT_TRANSLATE_NOOP("ActionDialog", "Department"), "department"),
            Field("deadline", QT_TRANSLATE_NOOP("ActionDialog", "Report by"), "date"),
            note,
        ],
        Action.FORWARD: [
            Field("organ", QT_TRANSLATE_NOOP("ActionDialog", "Forward to organ"), "line")
        ],
        Action.REJECT: [
            _choice("ground", QT_TRANSLATE_NOOP("ActionDialog", "Ground"), RejectGround),
            Field(
                "where_to_go",
                QT_TRANSLATE_NOOP("ActionDialog", "Where the petitioner should go"),
                "line",
            ),
        ],
        Action.REFUSE_FINAL: [
            Field("basis", QT_TRANSLATE_NOOP("ActionDialog", "Basis (review concluded)"), "text")
        ],
        Action.FILE: [Field("reason", QT_TRANSLATE_NOOP("ActionDialog", "Reason"), "line")],
        Action.SUPERVISE: [
            _choice("method", QT_TRANSLATE_NOOP("ActionDialog", "Method"), SupervisionMethod),
            Field("content", QT_TRANSLATE_NOOP("ActionDialog", "Content"), "text"),
        ],
        Action.EXTEND: [
            Field("leader", QT_TRANSLATE_NOOP("ActionDialog", "Approved by (leader)"), "line"),
            Field("reason", QT_TRANSLATE_NOOP("ActionDialog", "Reason"), "text"),
            Field("days", QT_TRANSLATE_NOOP("ActionDialog", "Days"), "days"),
        ],
        Action.REPLY: [
            _choice("result", QT_TRANSLATE_NOOP("ActionDialog", "Result"), ReplyResult),
            Field("text", QT_TRANSLATE_NOOP("ActionDialog", "Reply"), "text"),
        ],
        Action.FOLLOW_UP: [
            _choice(
                "satisfaction", QT_TRANSLATE_NOOP("ActionDialog", "Satisfaction"), Satisfaction
            ),
            note,
        ],
        Action.SETTLE: [note],
        Action.REQUEST_REVIEW: [
            Field("requester", QT_TRANSLATE_NOOP("ActionDialog", "Requested by"), "line"),
            Field("body", QT_TRANSLATE_NOOP("ActionDialog", "Reviewing organ"), "line"),
        ],
        Action.REVIEW_RESULT: [
            _choice("result", QT_TRANSLATE_NOOP("ActionDialog", "Result"), ReviewResult),
            Field("text", QT_TRANSLATE_NOOP("ActionDialog", "Opinion"), "text"),
        ],
        Action.REQUEST_REREVIEW: [
            Field("requester", QT_TRANSLATE_NOOP("ActionDialog", "Requested by"), "line"),
            Field("body", QT_TRANSLATE_NOOP("ActionDialog", "Re-reviewing organ"), "line"),
        ],
        Action.REREVIEW_RESULT: [
            _choice("result", QT_TRANSLATE_NOOP("ActionDialog", "Result"), ReviewResult),
            Field("text", QT_TRANSLATE_NOOP("ActionDialog", "Opinion"), "text"),
        ],
        Action.CLOSE: [note],
        Action.ARCHIVE: [
            Field("volume_no", QT_TRANSLATE_NOOP("ActionDialog", "Volume number"), "line")
        ],
        Action.CORRECT: [
            Field(
                "field",
                QT_TRANSLATE_NOOP("ActionDialog", "Field"),
                "choice",
                tuple(sorted(CORRECTABLE)),
            ),
            Field("new", QT_TRANSLATE_NOOP("ActionDialog", "Correct value"), "text"),
            Field("reason", QT_TRANSLATE_NOOP("ActionDialog", "Reason for the correction"), "line"),
        ],
    }
    return table[action]


class ActionDialog(QDialog):
    """Collects a step's inputs; on OK performs it and stays open while anything is wrong."""

    def __init__(self, ctx: DeskContext, case: dict, action: Action, parent=None):
        super().__init__(parent)
        self.ctx, self.case, self.action = ctx, case, action
        self.setWindowTitle(
            self.tr("%1 — case %2").replace("%1", action.value).replace("%2", case["number"])
        )
        self.setMinimumWidth(460)
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
        for f in _fields(action):
            editor = self._editor(f)
            self.editors[f.key] = editor
            self.errors[f.key] = ErrorLabel()
            form.addRow(self.tr(f.label), editor)
            form.addRow("", self.errors[f.key])
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _editor(self, f: Field) -> QWidget:
        if f.kind == "line":
            return QLineEdit()
        if f.kind == "text":
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setFixedHeight(80)
            return w
        if f.kind == "choice":
            w = QComboBox()
            w.addItems(["", *f.options])
            return w
        if f.kind == "department":
            w = QComboBox()
            w.addItem("", None)
            for dept_id, name in list_departments(self.ctx.conn):
                w.addItem(name, dept_id)
            return w
        if f.kind == "date":
            w = QDateEdit(QDate(self.ctx.today() + dt.timedelta(days=15)))
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
            return w
        if f.kind == "days":
            w = QSpinBox()
            w.setRange(0, 365)
            w.setValue(int(self.ctx.rules().settings["extension_max_days"]))
            return w
        raise ValueError(f.kind)

    def params(self) -> dict:
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
        if self.action is Action.CORRECT:
            field_name, new = out.pop("field"), out.pop("new")
            value: object = new
            if field_name == "head_count":
                value = int(new) if new.strip().isdigit() else new
            out["changes"] = {field_name: value} if field_name else {}
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
                target = "field" if key == "changes" and "field" in self.errors else key
                label = self.errors.get(target)
                if label is not None:
                    label.show_message(message)
                else:
                    self.banner.setText(message)
                    self.banner.show()
            return
        except TransitionError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.accept()
