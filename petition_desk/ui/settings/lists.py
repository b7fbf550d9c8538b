"""The departments and leaders tabs: add, retire and bring back (never delete: old cases
name them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import ValidationError
from petition_desk.services import directory
from petition_desk.ui.context import DeskContext


class DepartmentsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.listing = QListWidget()
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("New department"))
        add = QPushButton(self.tr("Add"))
        toggle = QPushButton(self.tr("Deactivate / reactivate"))
        row.addWidget(self.name, 1)
        row.addWidget(add)
        row.addWidget(toggle)
        v.addWidget(self.listing)
        v.addLayout(row)
        add.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        toggle.clicked.connect(self.toggle)

    def load(self) -> None:
        self.listing.clear()
        for dept_id, name, active in directory.departments_with_status(self.ctx.conn):
            text = name if active else f"{name} {self.tr('(inactive)')}"
            self.listing.addItem(text)
            item = self.listing.item(self.listing.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, (dept_id, active))

    def add(self) -> None:
        try:
            directory.add_department(self.ctx.conn, self.name.text())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Department"), str(exc))
            return
        self.name.clear()
        self.load()
        self.changed.emit()

    def toggle(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        dept_id, active = item.data(Qt.ItemDataRole.UserRole)
        directory.set_department_active(self.ctx.conn, dept_id, not active)
        self.load()
        self.changed.emit()


class LeadersTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Principal leader"), self.tr("Rotation")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Title"))
        self.principal = QCheckBox(self.tr("Principal leader"))
        add = QPushButton(self.tr("Add"))
        for x in (self.name, self.title, self.principal, add):
            row.addWidget(x)
        v.addWidget(self.table)
        v.addLayout(row)
        add.clicked.connect(self.add)

    def load(self) -> None:
        rows = directory.list_leaders(self.ctx.conn, active_only=False)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (
                r["name"],
                r["title"],
                self.tr("yes") if r["principal"] else "",
                str(r["rotation"]),
            )
            for c, value in enumerate(values):
                self.table.setItem(i, c, QTableWidgetItem(value))

    def add(self) -> None:
        try:
            directory.add_leader(
                self.ctx.conn,
                self.name.text(),
                self.title.text(),
                principal=self.principal.isChecked(),
            )
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Leader"), str(exc))
            return
        self.name.clear()
        self.title.clear()
        # The next leader is rarely principal too: the tick does not stay on.
        self.principal.setChecked(False)
        self.load()
        self.changed.emit()
