"""Before the main window: first start (unit, administrator, recovery key) and login.

Each dialog calls a service (``services/access.py``) and keeps the resulting ``Desk``; the
window is built only from a logged-in desk.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QMetaObject, Qt, QTimer
from PySide6.QtGui import QFont, QTextDocument
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

if TYPE_CHECKING:
    from petition_desk.services.access import Desk

log = logging.getLogger(__name__)


_working = [0]


def _work(submit: Callable[..., None]) -> Callable[..., None]:
    """Marks a form's submit as work under way (creating a desk, logging in, writing the key
    file, showing the recovery key): a stop request waits for it (``ui.early_stop``)."""

    @functools.wraps(submit)
    def run(*args, **kwargs) -> None:
        _working[0] += 1
        try:
            submit(*args, **kwargs)
        finally:
            _working[0] -= 1

    return run


def can_stop_now() -> bool:
    """Whether no form here is doing its work (only waiting for the clerk's input)."""
    return _working[0] == 0


def _access():
    """``services.access``, imported at first use: a clerk's start shows the login form
    before loading it (``ui.app`` imports it on the GUI thread right after the form shows)."""
    from petition_desk.services import access

    return access


class _WrappedLabel(QLabel):
    """A word-wrapped line of text under a form that makes the form tall enough to show it
    whole: Qt does not grow a dialog for a wrapped label's height, so a refusal of two or three
    lines (a wrong password beside another desk's key file) was cut off."""

    def setText(self, text: str) -> None:
        super().setText(text)
        width = self.width() if self.isVisible() else self.sizeHint().width()
        self.setMinimumHeight(self.heightForWidth(width) if text else 0)
        # Once the layout has taken the new height in (its request is an event of its own).
        QTimer.singleShot(0, self, self._grow_form)

    def _grow_form(self) -> None:
        form = self.window()
        if form is not self and form.isVisible():
            layout = form.layout()
            if layout is not None:
                layout.activate()
            # At the form's own width: wrapped lines (the refusal, a long path) count in full.
            needed = form.heightForWidth(form.width())
            if needed < 0:
                needed = form.sizeHint().height()
            form.resize(form.width(), max(form.height(), needed))


def _error_and_buttons(dialog, layout: QVBoxLayout) -> tuple[QLabel, QDialogButtonBox]:
    """The foot of every form here: a red line for the refusal, then OK (``dialog.submit``)
    and Cancel."""
    error = _WrappedLabel()
    error.setStyleSheet("color: #b00020")
    error.setWordWrap(True)
    layout.addWidget(error)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error, buttons


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
        self.intro = QLabel(
            self.tr(
                "The database will be encrypted. Create the administrator account; "
                "there is no default password."
            )
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
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
        self.error, _buttons = _error_and_buttons(self, layout)

    @_work
    def submit(self) -> None:
        # The form is checked top to bottom, and the field at fault gets the cursor.
        if not self.unit.text().strip():
            self.error.setText(self.tr("Please enter the unit name."))
            self.unit.setFocus()
            return
        if not self.login.text().strip():
            self.error.setText(self.tr("Please enter the administrator's login."))
            self.login.setFocus()
            return
        try:
            _access().check_password(self.password.text(), self.repeat.text())
        except DeskError as exc:
            self.error.setText(str(exc))
            self.password.setFocus()
            return
        try:
            self.desk, self.recovery = _access().init_desk(
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
            b.setAutoDefault(False)
            layout.addWidget(b)
        # Enter means "kept", never an unexpected print dialog.
        done.setDefault(True)
        done.setFocus()

    def text(self) -> str:
        return self.tr("Petition Desk recovery key") + "\n\n" + self.recovery + "\n"

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

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

    def __init__(self, db_path: Path, login: str = "", parent=None, *, quick_check: bool = True):
        """``quick_check=False``: the whole-file check is the caller's (the window's start)."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.quick_check = quick_check
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
        self.error, buttons = _error_and_buttons(self, layout)
        self.buttons = buttons
        self.busy = False
        self.forgot = buttons.addButton(
            self.tr("Forgot password…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.forgot.clicked.connect(self.recover)
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

    @_work
    def submit(self) -> None:
        """Log in on a worker thread: deriving the key takes half a second, and the first
        start of a new version on a large desk upgrades it for minutes; meanwhile the form is
        shut and says what is being done, and the window keeps answering."""
        if self.busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login:  # said, not tried (and not counted as a failed login)
            self.error.setText(self.tr("Please enter your login name."))
            self.login.setFocus()
            return
        outcome: dict[str, object] = {}
        stage = [self.tr("Logging in…")]

        def work() -> None:
            try:
                outcome["desk"] = _access().login(
                    self.db_path,
                    login,
                    password,
                    quick_check=self.quick_check,
                    same_thread=False,
                    on_stage=lambda text: stage.__setitem__(0, text),
                )
            except DeskError as exc:
                outcome["error"] = str(exc)
            except BaseException as exc:  # said in words below, never a traceback
                log.exception("login failed")
                outcome["error"] = self.tr(
                    "The desk could not be opened (%1). Check the file with petition-desk check,"
                    " or restore a backup."
                ).replace("%1", type(exc).__name__)
            finally:
                # Ends the wait at once (queued: thread-safe), not at the next poll below, which
                # only shows the step under way: up to 100 ms less between Enter and the window.
                QMetaObject.invokeMethod(loop, "quit", Qt.ConnectionType.QueuedConnection)

        def show_stage() -> None:
            self.error.setStyleSheet("color: #444")
            self.error.setText(stage[0])

        self._set_busy(True)
        show_stage()  # at once: the form says why it no longer answers
        loop = QEventLoop()
        worker = threading.Thread(target=work, name="petition-desk-login", daemon=True)
        worker.start()
        timer = QTimer(interval=100)

        def poll() -> None:
            show_stage()  # the step under way (an upgrade says several)
            if not worker.is_alive():  # in case the worker's quit came before the wait began
                loop.quit()

        timer.timeout.connect(poll)
        timer.start()
        loop.exec()
        timer.stop()
        worker.join()
        self._set_busy(False)
        self.error.setStyleSheet("color: #b00020")
        if "error" in outcome:
            self.password.clear()
            self.error.setText(str(outcome["error"]))
            self.password.setFocus()
            return
        self.desk = outcome["desk"]  # type: ignore[assignment]
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.login, self.password, self.buttons, self.forgot):
            w.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self.error.clear()

    def reject(self) -> None:
        # Not while logging in: an upgrade under way finishes (each step is one transaction,
        # and the copy made before it stays), the window then opens as usual.
        if not self.busy:
            super().reject()


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
        self.error, _buttons = _error_and_buttons(self, layout)
        self.key.setFocus()

    @_work
    def submit(self) -> None:
        try:
            _access().check_password(self.password.text(), self.repeat.text())
            _access().recover(
                self.db_path, self.key.text(), self.login.text().strip(), self.password.text()
            )
        except DeskError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def convert_plain_dialog(db_path: Path, parent=None) -> tuple[str, str] | None:
    """Offer to encrypt a plain database of an older version; the administrator's login and
    password when converted (to log in without asking again), else None."""
    from petition_desk.services.directory import list_users
    from petition_desk.services.encryption import encrypt_plain, remove_plain_copies

    dialog = FirstStartDialog(db_path, parent)
    dialog.setWindowTitle(
        QApplication.translate("ConvertDialog", "Encrypt the database of an earlier version")
    )
    dialog.intro.setText(
        QApplication.translate(
            "ConvertDialog",
            "This database was made by an earlier version and is not encrypted. Name the "
            "administrator and choose a password: the database is then encrypted and checked "
            "table by table. The unencrypted original is kept until you agree to delete it.",
        )
    )
    dialog.unit.setEnabled(False)
    dialog.unit.setText(QApplication.translate("ConvertDialog", "(kept from the database)"))
    done: list[tuple[str, str]] = []

    @_work
    def submit() -> None:
        login = dialog.login.text().strip()
        try:
            _access().check_password(dialog.password.text(), dialog.repeat.text())
            result = encrypt_plain(
                db_path,
                login,
                dialog.name.text().strip() or login,
                dialog.password.text(),
            )
        except DeskError as exc:
            dialog.error.setText(str(exc))
            return
        RecoveryKeyDialog(result.recovery, dialog).exec()
        if result.plain_copies:
            answer = QMessageBox.question(
                dialog,
                QApplication.translate("ConvertDialog", "Unencrypted copies"),
                QApplication.translate(
                    "ConvertDialog",
                    "The database was encrypted and checked. These unencrypted copies (the "
                    "original and old backups) are still on the disk and can be read by anyone "
                    "who copies them:\n\n%1\n\nDelete them now?",
                ).replace("%1", "\n".join(str(p) for p in result.plain_copies)),
            )
            if answer == QMessageBox.StandardButton.Yes:
                remove_plain_copies(result)
        desk = _access().login(db_path, login, dialog.password.text())
        others = [u.name for u in list_users(desk.conn) if u.login != login and u.active]
        desk.conn.close()
        if others:
            QMessageBox.information(
                dialog,
                QApplication.translate("ConvertDialog", "Passwords of the other users"),
                QApplication.translate(
                    "ConvertDialog",
                    "The other users of this database (%1) have no password yet. Set one for "
                    "each in Settings → Users → Reset password.",
                ).replace("%1", "、".join(others)),
            )
        done.append((login, dialog.password.text()))
        dialog.accept()

    dialog.submit = submit  # type: ignore[method-assign]
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None  # built by the dialog above
    buttons.accepted.disconnect()
    buttons.accepted.connect(submit)
    dialog.exec()
    return done[0] if done else None
