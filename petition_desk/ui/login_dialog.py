"""Before the main window: first start (unit, administrator, recovery key) and login.

Each dialog calls a service (``services/access.py``) and keeps the resulting ``Desk``; the
window is built only from a logged-in desk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from petition_desk.errors import DeskError
from petition_desk.services import access
from petition_desk.services.access import Desk


def _tr(text: str) -> str:
    return QApplication.translate("FirstStartDialog", text)


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FirstStartDialog(QDialog):
    """A new desk: unit name, the administrator and their password (twice)."""

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.desk: Desk | None = None
        self.recovery = ""
        self.setWindowTitle(self.tr("Set up the petition desk"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The database will be encrypted. Create the administrator account; "
                    "there is no default password."
                )
            )
        )
        form = QFormLayout()
        self.unit = QLineEdit()
        self.login = QLineEdit("admin")
        self.name = QLineEdit()
        self.password = _password_edit()
        self.repeat = _password_edit()
        form.addRow(self.tr("Unit name"), self.unit)
        form.addRow(self.tr("Administrator login"), self.login)
        form.addRow(self.tr("Administrator name"), self.name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        try:
            access.check_password(self.password.text(), self.repeat.text())
            self.desk, self.recovery = access.init_desk(
                self.db_path,
                self.unit.text(),
                self.login.text().strip(),
                self.name.text().strip() or self.login.text().strip(),
                self.password.text(),
            )
        except DeskError as exc:
            self.error.setText(str(exc))
            return
        RecoveryKeyDialog(self.recovery, self).exec()
        self.accept()


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once, with printing and saving to a file."""

    def __init__(self, recovery: str, parent=None):
        super().__init__(parent)
        self.recovery = recovery
        self.setWindowTitle(self.tr("Recovery key"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Keep this recovery key in the office safe. It opens the database if "
                    "every password is forgotten. It is shown only this once."
                )
            )
        )
        self.key_label = QLabel(recovery)
        font = QFont("monospace")
        font.setPointSize(16)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.key_label)
        print_button = QPushButton(self.tr("Print…"))
        save_button = QPushButton(self.tr("Save to a file…"))
        done = QPushButton(self.tr("I have kept it"))
        print_button.clicked.connect(self.print_key)
        save_button.clicked.connect(self.save_key)
        done.clicked.connect(self.accept)
        for b in (print_button, save_button, done):
            layout.addWidget(b)

    def text(self) -> str:
        return self.tr("Petition Desk recovery key") + "\n\n" + self.recovery + "\n"

    def print_key(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            doc = QTextDocument(self.text())
            doc.print_(printer)

    def save_key(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery key"), "recovery-key.txt"
        )
        if path:
            Path(path).write_text(self.text(), encoding="utf-8")


class LoginDialog(QDialog):
    """Login name and password; the service counts failures and locks the account."""

    def __init__(self, db_path: Path, login: str = "", parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.desk: Desk | None = None
        self.setWindowTitle(self.tr("Log in"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Petition Desk"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        # Which file is being opened (a clerk with a backup copy open must see it is not the
        # desk's own database).
        where = QLabel(str(self.db_path))
        where.setStyleSheet("color: #666")
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        self.login = QLineEdit(login)
        self.password = _password_edit()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.forgot = buttons.addButton(
            self.tr("Forgot password…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.forgot.clicked.connect(self.recover)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if login else self.login).setFocus()

    def recover(self) -> None:
        """A forgotten password: users ask the administrator; the administrator uses the
        recovery key from the office safe."""
        dialog = RecoverDialog(self.db_path, self.login.text().strip(), self)
        if dialog.exec():
            self.login.setText(dialog.login.text().strip())
            self.password.clear()
            self.password.setFocus()
            self.error.setText(self.tr("The password was set. Log in with the new password."))

    def submit(self) -> None:
        try:
            self.desk = access.login(self.db_path, self.login.text().strip(), self.password.text())
        except DeskError as exc:
            self.password.clear()
            self.error.setText(str(exc))
            return
        self.accept()


class RecoverDialog(QDialog):
    """An administrator's new password, authorised by the recovery key."""

    def __init__(self, db_path: Path, login: str = "", parent=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.setWindowTitle(self.tr("Forgot password"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "A clerk who forgot the password asks the administrator to reset it "
                "(Settings → Users). An administrator enters the recovery key kept in the office "
                "safe and chooses a new password."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-…")
        self.login = QLineEdit(login)
        self.password = _password_edit()
        self.repeat = _password_edit()
        form.addRow(self.tr("Recovery key"), self.key)
        form.addRow(self.tr("Administrator login"), self.login)
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Password again"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.key.setFocus()

    def submit(self) -> None:
        try:
            access.check_password(self.password.text(), self.repeat.text())
            access.recover(
                self.db_path, self.key.text(), self.login.text().strip(), self.password.text()
            )
        except DeskError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def convert_plain_dialog(db_path: Path, parent=None) -> bool:
    """Offer to encrypt a plain database of an older version; True when converted."""
    from petition_desk.services.encryption import encrypt_plain, remove_plain_copies

    dialog = FirstStartDialog(db_path, parent)
    dialog.setWindowTitle(_tr("Encrypt the database"))
    dialog.unit.setEnabled(False)
    dialog.unit.setText("-")

    def submit() -> None:
        try:
            access.check_password(dialog.password.text(), dialog.repeat.text())
            result = encrypt_plain(
                db_path,
                dialog.login.text().strip(),
                dialog.name.text().strip() or dialog.login.text().strip(),
                dialog.password.text(),
            )
        except DeskError as exc:
            dialog.error.setText(str(exc))
            return
        RecoveryKeyDialog(result.recovery, dialog).exec()
        if result.plain_copies:
            answer = QMessageBox.question(
                dialog,
                _tr("Unencrypted copies"),
                _tr(
                    "The database was encrypted and checked. %1 unencrypted copies (the "
                    "original and old backups) are still on the disk. Delete them now?"
                ).replace("%1", str(len(result.plain_copies))),
            )
            if answer == QMessageBox.StandardButton.Yes:
                remove_plain_copies(result)
        dialog.accept()

    dialog.submit = submit  # type: ignore[method-assign]
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None  # built by the dialog above
    buttons.accepted.disconnect()
    buttons.accepted.connect(submit)
    return dialog.exec() == QDialog.DialogCode.Accepted
