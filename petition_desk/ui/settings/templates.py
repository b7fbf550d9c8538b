"""The 文书措辞 tab: each document's title and wording with named placeholders."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import ValidationError
from petition_desk.reports import templates
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import ERROR_STYLE


class TemplatesTab(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.template_kind = QComboBox()
        for key, kind in templates.KINDS.items():
            if key != "visit-form":  # a fixed table, not wording
                self.template_kind.addItem(kind.title, key)
        row.addWidget(QLabel(self.tr("Document")))
        row.addWidget(self.template_kind, 1)
        v.addLayout(row)
        form = QFormLayout()
        self.template_title = QLineEdit()
        self.template_body = QPlainTextEdit()
        self.template_body.setTabChangesFocus(True)
        form.addRow(self.tr("Document title"), self.template_title)
        form.addRow(self.tr("Wording"), self.template_body)
        v.addLayout(form, 1)
        names = "　".join("{" + k + "}" for k in templates.PLACEHOLDERS)
        hint = QLabel(self.tr("Placeholders: %1").replace("%1", names))
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.template_error = QLabel()
        self.template_error.setStyleSheet(ERROR_STYLE)
        self.template_error.hide()
        v.addWidget(self.template_error)
        buttons = QHBoxLayout()
        save = QPushButton(self.tr("Save wording"))
        reset = QPushButton(self.tr("Restore the default"))
        buttons.addStretch(1)
        buttons.addWidget(reset)
        buttons.addWidget(save)
        v.addLayout(buttons)
        self.template_kind.currentIndexChanged.connect(lambda _i: self._load_template())
        save.clicked.connect(self.save_template)
        reset.clicked.connect(self._reset_template)

    def load(self) -> None:
        self._load_template()

    def _load_template(self) -> None:
        t = templates.get(self.ctx.conn, self.template_kind.currentData())
        self.template_title.setText(t.title)
        self.template_body.setPlainText(t.body)
        self.template_error.hide()

    def save_template(self) -> bool:
        try:
            templates.save(
                self.ctx.conn,
                self.template_kind.currentData(),
                self.template_title.text(),
                self.template_body.toPlainText(),
                self.ctx.now(),
            )
        except ValidationError as exc:
            self.template_error.setText(str(exc))
            self.template_error.show()
            return False
        self.template_error.hide()
        return True

    def _reset_template(self) -> None:
        templates.reset(self.ctx.conn, self.template_kind.currentData())
        self._load_template()
