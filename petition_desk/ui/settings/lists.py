"""The departments, leaders and villages tabs: add, correct, retire and bring back.

Nothing is ever deleted: old cases, rosters and statistics name them. Every correction and
retirement is kept in the audit log with the old and new values (the services record it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from petition_desk.errors import DeskError
from petition_desk.services import directory
from petition_desk.ui.context import DeskContext
from petition_desk.ui.form_dialog import FormDialog

KEY = Qt.ItemDataRole.UserRole


class _ListTab(QWidget):
    """A list with a line to add a name and buttons to correct and retire the chosen one."""

    changed = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.listing = QListWidget()
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.add_button = QPushButton(QCoreApplication.translate("ListTab", "Add"))
        self.edit_button = QPushButton(QCoreApplication.translate("ListTab", "Correct the name…"))
        self.toggle_button = QPushButton(
            QCoreApplication.translate("ListTab", "Retire / bring back")
        )
        row.addWidget(self.name, 1)
        for b in (self.add_button, self.edit_button, self.toggle_button):
            row.addWidget(b)
        v.addWidget(self.listing)
        v.addLayout(row)
        self.add_button.clicked.connect(self.add)
        self.name.returnPressed.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.listing.itemActivated.connect(lambda _i: self.edit())
        self.toggle_button.clicked.connect(self.toggle)

    def _reload(self) -> None:
        self.load()
        self.changed.emit()

    def _do(self, title: str, work: Callable[[], object]) -> bool:
        try:
            work()
        except DeskError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.load()
        self.changed.emit()
        return True

    def _fill(self, rows: Sequence[tuple[Any, str, bool]]) -> None:
        self.listing.clear()
        for key, name, active in rows:
            retired = QCoreApplication.translate("ListTab", "(retired)")
            text = name if active else f"{name} {retired}"
            self.listing.addItem(text)
            item = self.listing.item(self.listing.count() - 1)
            item.setData(KEY, (key, name, active))
            if not active:
                item.setForeground(Qt.GlobalColor.gray)

    def current(self) -> tuple[Any, str, bool] | None:
        item = self.listing.currentItem()
        return None if item is None else item.data(KEY)

    def ask_name(self, title: str, old: str, store: Callable[[str], object]) -> FormDialog:
        editor = QLineEdit(old)
        dialog = FormDialog(
            title,
            [(QCoreApplication.translate("ListTab", "Name"), editor)],
            lambda: store(editor.text()),
            self,
        )
        dialog.setMinimumWidth(420)
        return dialog

    def load(self) -> None:  # pragma: no cover - each tab overrides
        raise NotImplementedError

    def add(self) -> None:  # pragma: no cover
        raise NotImplementedError

    # What differs between the tabs: the title of the edit dialog and the two store calls.
    def edit_title(self) -> str:  # pragma: no cover - each tab overrides
        raise NotImplementedError

    def rename(self, key: Any, new: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def set_active(self, key: Any, active: bool) -> None:  # pragma: no cover
        raise NotImplementedError

    def edit(self, *, run: bool = True) -> FormDialog | None:
        """Correct the selected entry's name (the change is audited with old and new)."""
        cur = self.current()
        if cur is None:
            return None
        key, name, _active = cur
        dialog = self.ask_name(self.edit_title(), name, lambda new: self.rename(key, new))
        dialog.accepted.connect(self._reload)
        if run:
            dialog.open()
        return dialog

    def toggle(self) -> None:
        """Retire the selected entry, or bring it back (never deleted: old cases name it)."""
        cur = self.current()
        if cur is None:
            return
        key, _name, active = cur
        self._do(self.kind_title(), lambda: self.set_active(key, not active))

    def kind_title(self) -> str:  # pragma: no cover
        raise NotImplementedError


class DepartmentsTab(_ListTab):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(ctx, parent)
        self.name.setPlaceholderText(self.tr("New department"))

    def load(self) -> None:
        self._fill(directory.departments_with_status(self.ctx.conn))

    def add(self) -> None:
        conn, text = self.ctx.conn, self.name.text()
        if self._do(
            self.tr("Department"), lambda: directory.add_department(conn, text, actor=self.ctx.user)
        ):
            self.name.clear()

    def kind_title(self) -> str:
        return self.tr("Department")

    def edit_title(self) -> str:
        return self.tr("Correct the department's name")

    def rename(self, key: Any, new: str) -> None:
        directory.rename_department(self.ctx.conn, int(key), new, self.ctx.user, self.ctx.now())

    def set_active(self, key: Any, active: bool) -> None:
        directory.set_department_active(
            self.ctx.conn, int(key), active, self.ctx.user, self.ctx.now()
        )


class VillagesTab(_ListTab):
    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(ctx, parent)
        self.name.setPlaceholderText(self.tr("New village or community"))

    def load(self) -> None:
        self._fill([(n, n, a) for n, a in directory.villages_with_status(self.ctx.conn)])

    def add(self) -> None:
        ctx = self.ctx
        if self._do(
            self.tr("Village"),
            lambda: directory.add_village(ctx.conn, self.name.text(), ctx.user, ctx.now()),
        ):
            self.name.clear()

    def kind_title(self) -> str:
        return self.tr("Village")

    def edit_title(self) -> str:
        return self.tr("Correct the village's name")

    def rename(self, key: Any, new: str) -> None:
        directory.rename_village(self.ctx.conn, str(key), new, self.ctx.user, self.ctx.now())

    def set_active(self, key: Any, active: bool) -> None:
        directory.set_village_active(self.ctx.conn, str(key), active, self.ctx.user, self.ctx.now())


class LeadersTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Title"),
                self.tr("Principal leader"),
                self.tr("Rotation"),
                self.tr("In use"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Title"))
        self.principal = QCheckBox(self.tr("Principal leader"))
        add = QPushButton(self.tr("Add"))
        for x in (self.name, self.title, self.principal, add):
            row.addWidget(x)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Correct…"))
        self.toggle_button = QPushButton(self.tr("Retire / bring back"))
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        v.addWidget(self.table)
        v.addLayout(buttons)
        v.addLayout(row)
        add.clicked.connect(self.add)
        self.edit_button.clicked.connect(lambda: self.edit())
        self.table.itemActivated.connect(lambda _i: self.edit())
        self.toggle_button.clicked.connect(self.toggle)

    def _reload(self) -> None:
        self.load()
        self.changed.emit()

    def load(self) -> None:
        rows = directory.list_leaders(self.ctx.conn, active_only=False)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = (
                r["name"],
                r["title"],
                self.tr("yes") if r["principal"] else "",
                str(r["rotation"]),
                "" if r["active"] else self.tr("retired"),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(KEY, dict(r))
                if not r["active"]:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(i, c, item)

    def current(self) -> dict | None:
        item = self.table.item(self.table.currentRow(), 0)
        return None if item is None else item.data(KEY)

    def add(self) -> None:
        try:
            directory.add_leader(
                self.ctx.conn,
                self.name.text(),
                self.title.text(),
                principal=self.principal.isChecked(),
                actor=self.ctx.user,
            )
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Leader"), str(exc))
            return
        self.name.clear()
        self.title.clear()
        # The next leader is rarely principal too: the tick does not stay on.
        self.principal.setChecked(False)
        self.load()
        self.changed.emit()

    def edit(self, *, run: bool = True) -> FormDialog | None:
        leader = self.current()
        if leader is None:
            return None
        name, title = QLineEdit(leader["name"]), QLineEdit(leader["title"])
        principal = QCheckBox()
        principal.setChecked(bool(leader["principal"]))
        ctx = self.ctx

        def store() -> None:
            directory.update_leader(
                ctx.conn,
                leader["id"],
                name.text(),
                title.text(),
                principal.isChecked(),
                ctx.user,
                ctx.now(),
            )

        dialog = FormDialog(
            self.tr("Correct a leader's details"),
            [
                (self.tr("Name"), name),
                (self.tr("Title"), title),
                (self.tr("Principal leader"), principal),
            ],
            store,
            self,
        )
        dialog.setMinimumWidth(420)
        dialog.accepted.connect(self._reload)
        if run:
            dialog.open()
        return dialog

    def toggle(self) -> None:
        leader = self.current()
        if leader is None:
            return
        try:
            directory.set_leader_active(
                self.ctx.conn, leader["id"], not leader["active"], self.ctx.user, self.ctx.now()
            )
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Leader"), str(exc))
            return
        self.load()
        self.changed.emit()
