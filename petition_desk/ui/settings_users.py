"""设置 → 用户: the administrator adds users, sets roles, resets passwords (issue 12).

A widget of its own so the settings page only mounts it. Every action calls
``services/access.py``, which checks the permission again and audits it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from petition_desk.errors import DeskError
from petition_desk.services import access
from petition_desk.services.directory import leader_names, list_leaders, list_users
from petition_desk.services.permissions import Permission, Role, allowed
from petition_desk.ui.context import DeskContext


class UsersTab(QWidget):
    """The list of users and, for an administrator, the means to manage them."""

    def __init__(self, ctx: DeskContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.me = QLabel(
            self.tr("Logged in as %1 (%2)")
            .replace("%1", ctx.user.name)
            .replace("%2", ctx.user.role)
        )
        v.addWidget(self.me)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Active"),
                self.tr("Leader"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        v.addWidget(self.table)
        row = QHBoxLayout()
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("Login"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value, role)
        self.role.setCurrentIndex(1)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Initial password"))
        self.add_button = QPushButton(self.tr("Add user"))
        for w in (self.login, self.name, self.role, self.password, self.add_button):
            row.addWidget(w)
        v.addLayout(row)
        actions = QHBoxLayout()
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.leader_button = QPushButton(self.tr("Leader…"))
        self.leader_button.setToolTip(
            self.tr(
                "Which leader of Settings → Leaders this 领导 user is: they see the restricted"
                " cases that name that leader."
            )
        )
        self.active_button = QPushButton(self.tr("Enable / disable"))
        self.change_own = QPushButton(self.tr("Change my password…"))
        self.recovery_button = QPushButton(self.tr("New recovery key…"))
        for w in (
            self.reset_button,
            self.role_button,
            self.leader_button,
            self.active_button,
            self.change_own,
            self.recovery_button,
        ):
            actions.addWidget(w)
        actions.addStretch(1)
        v.addLayout(actions)
        admin = allowed(ctx.user, Permission.MANAGE_USERS)
        for w in (
            self.add_button,
            self.reset_button,
            self.role_button,
            self.leader_button,
            self.active_button,
            self.recovery_button,
        ):
            w.setEnabled(admin)
        self.recovery_button.clicked.connect(self.new_recovery_key)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        self.leader_button.clicked.connect(self.choose_leader)
        self.active_button.clicked.connect(self.toggle_active)
        self.change_own.clicked.connect(self.change_my_password)
        self.load()

    def load(self) -> None:
        self.users = list_users(self.ctx.conn)
        leaders = leader_names(self.ctx.conn)
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            active = self.tr("yes") if u.active else self.tr("no")
            leader = leaders.get(u.leader_id, "") if u.leader_id is not None else ""
            unlinked = u.role == Role.LEADER.value and not leader
            if unlinked:
                leader = self.tr("(none)")
            cells = [QTableWidgetItem(t) for t in (u.login, u.name, u.role, active, leader)]
            if unlinked:
                cells[4].setToolTip(
                    self.tr("Sees no restricted case of a leader until linked (Leader…).")
                )
            for j, cell in enumerate(cells):
                self.table.setItem(i, j, cell)

    def _selected(self):
        row = self.table.currentRow()
        if 0 <= row < len(self.users):
            return self.users[row]
        QMessageBox.information(
            self, self.tr("Users"), self.tr("Select a user in the table first.")
        )
        return None

    def _run(self, fn) -> bool:
        try:
            fn()
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Users"), str(exc))
            return False
        self.load()
        return True

    def add_user(self) -> None:
        if self._run(
            lambda: access.add_user(
                self.ctx.desk,
                self.login.text(),
                self.name.text(),
                self.role.currentData(),
                self.password.text(),
            )
        ):
            for w in (self.login, self.name, self.password):
                w.clear()

    def _ask_password(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            title,
            self.tr("New password (at least 8 characters)"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        password = self._ask_password(self.tr("Reset password of %1").replace("%1", user.name))
        if password is not None and self._run(
            lambda: access.reset_password(self.ctx.desk, user.login, password)
        ):
            QMessageBox.information(
                self,
                self.tr("Users"),
                self.tr(
                    "The password of %1 was reset. Tell them the new password in person."
                ).replace("%1", user.name),
            )

    def change_role(self) -> None:
        user = self._selected()
        if user is None:
            return
        roles = [r.value for r in Role]
        role, ok = QInputDialog.getItem(
            self, self.tr("Role"), user.name, roles, roles.index(user.role), False
        )
        if ok:
            self._run(lambda: access.set_role(self.ctx.desk, user.login, role, user.active))

    def choose_leader(self) -> None:
        """Link the selected 领导 user to one leader of 设置 → 领导 (or to none)."""
        user = self._selected()
        if user is None:
            return
        none = self.tr("(none)")
        items, ids = [none], [None]
        # Numbered, retired ones too: two leaders of one name and title must stay apart, and
        # a user linked to a retired leader must open on that leader, not on "none".
        for n, r in enumerate(list_leaders(self.ctx.conn, active_only=False), start=1):
            label = f"{n}. {r['name']}" + (f"（{r['title']}）" if r["title"] else "")
            if not r["active"]:
                label += self.tr(" (retired)")
            items.append(label)
            ids.append(r["id"])
        current = ids.index(user.leader_id) if user.leader_id in ids else 0
        chosen, ok = QInputDialog.getItem(self, self.tr("Leader"), user.name, items, current, False)
        if ok:
            leader_id = ids[items.index(chosen)]
            self._run(lambda: access.set_leader(self.ctx.desk, user.login, leader_id))

    def toggle_active(self) -> None:
        user = self._selected()
        if user is None:
            return
        self._run(lambda: access.set_role(self.ctx.desk, user.login, user.role, not user.active))

    def change_my_password(self) -> None:
        old, ok = QInputDialog.getText(
            self,
            self.tr("Change my password"),
            self.tr("Current password"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        new = self._ask_password(self.tr("Change my password"))
        if new is None:
            return
        repeat, ok = QInputDialog.getText(
            self,
            self.tr("Change my password"),
            self.tr("The new password again"),
            QLineEdit.EchoMode.Password,
        )
        if ok and self._run(lambda: access.change_password(self.ctx.desk, old, new, repeat)):
            QMessageBox.information(self, self.tr("Users"), self.tr("Your password was changed."))

    def new_recovery_key(self) -> None:
        """Replace a lost or exposed recovery key; the new one is shown once."""
        answer = QMessageBox.question(
            self,
            self.tr("New recovery key"),
            self.tr(
                "A new recovery key replaces the one in the office safe, which stops working. "
                "Continue?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            recovery = access.new_recovery_key(self.ctx.desk)
        except DeskError as exc:
            QMessageBox.warning(self, self.tr("Users"), str(exc))
            return
        from petition_desk.ui.login_dialog import RecoveryKeyDialog

        RecoveryKeyDialog(recovery, self).exec()
