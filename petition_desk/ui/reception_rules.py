"""Editing the reception-day rules: the list of rules and the dialog adding one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from petition_desk.domain import reception
from petition_desk.errors import DeskError
from petition_desk.services import reception_store
from petition_desk.services import settings as settings_mod
from petition_desk.ui.context import DeskContext
from petition_desk.ui.widgets import ErrorLabel


class RuleDialog(QDialog):
    """Add one reception-day rule."""

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Add a reception-day rule"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Lunar days ending in 3, 6, 9 (逢三、六、九)"), "lunar369")
        self.kind.addItem(self.tr("Every week on a weekday"), "weekly")
        self.kind.addItem(self.tr("A fixed date each month"), "monthly")
        self.weekday = QComboBox()
        self.weekday.addItems(reception.WEEKDAYS)
        self.weekday.setCurrentIndex(2)
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setValue(15)
        self.half_day = QComboBox()
        self.half_day.addItems(reception.HALF_DAYS)
        self.place = QLineEdit(str(settings_mod.load(ctx.conn)["reception_place"]))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Weekday"), self.weekday)
        form.addRow(self.tr("Day of month"), self.month_day)
        form.addRow(self.tr("Half day"), self.half_day)
        form.addRow(self.tr("Place"), self.place)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rule(self) -> reception.Rule:
        half, place = self.half_day.currentText(), self.place.text().strip()
        kind = self.kind.currentData()
        if kind == "lunar369":
            return reception.lunar(reception.lunar_days_ending_in((3, 6, 9)), half, place)
        if kind == "weekly":
            return reception.weekly(self.weekday.currentIndex(), half, place)
        return reception.monthly(self.month_day.value(), half, place)

    def submit(self) -> None:
        try:
            reception_store.add_reception_rule(self.ctx.conn, self.rule(), actor=self.ctx.user)
        except DeskError as exc:
            self.error.show_message(str(exc))
            return
        self.accept()


class ReceptionRulesDialog(QDialog):
    """The active rules, with Add and Remove."""

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Reception-day rules"))
        layout = QVBoxLayout(self)
        self.listing = QListWidget()
        layout.addWidget(self.listing)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add…"))
        remove = QPushButton(self.tr("Remove"))
        close = QPushButton(self.tr("Close"))
        for b in (add, remove, close):
            row.addWidget(b)
        layout.addLayout(row)
        add.clicked.connect(self.add)
        remove.clicked.connect(self.remove_selected)
        close.clicked.connect(self.accept)
        self.fill()

    def fill(self) -> None:
        self.listing.clear()
        for r in reception_store.load_reception_rules(self.ctx.conn):
            self.listing.addItem(f"{r.describe()}  {r.place}")
            self.listing.item(self.listing.count() - 1).setData(Qt.ItemDataRole.UserRole, r.id)

    def add(self) -> None:
        if RuleDialog(self.ctx, self).exec() == QDialog.DialogCode.Accepted:
            self.fill()

    def remove_selected(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        try:
            reception_store.remove_reception_rule(
                self.ctx.conn, item.data(Qt.ItemDataRole.UserRole), actor=self.ctx.user
            )
        except DeskError as exc:
            self.error.show_message(str(exc))
            return
        self.fill()
