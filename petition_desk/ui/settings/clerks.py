"""The clerks tab: who works at the desk, and who is acting now (until login arrives)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import ValidationError
from petition_desk.services import directory
from petition_desk.ui.context import DeskContext


class ClerksTab(QWidget):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.acting = QComboBox()
        form.addRow(self.tr("Acting clerk (recorded in every event)"), self.acting)
        v.addLayout(form)
        self.listing = QListWidget()
        v.addWidget(self.listing)
        row = QHBoxLayout()
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("Login"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        add = QPushButton(self.tr("Add"))
        for x in (self.login, self.name, add):
            row.addWidget(x)
        v.addLayout(row)
        add.clicked.connect(self.add)
        self.acting.currentIndexChanged.connect(self._acting_changed)

    def load(self) -> None:
        self.listing.clear()
        self.acting.blockSignals(True)
        self.acting.clear()
        for u in directory.list_users(self.ctx.conn):
            self.listing.addItem(f"{u.name} ({u.login})")
            self.acting.addItem(u.name, u)
            if u.id == self.ctx.user.id:
                self.acting.setCurrentIndex(self.acting.count() - 1)
        self.acting.blockSignals(False)

    def add(self) -> None:
        try:
            directory.add_user(self.ctx.conn, self.login.text(), self.name.text())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Clerk"), str(exc))
            return
        self.login.clear()
        self.name.clear()
        self.load()

    def _acting_changed(self, _index: int) -> None:
        user = self.acting.currentData()
        if user is not None:
            self.ctx.user = user
