"""SIGTERM/Ctrl+C before the main window (``ui.early_stop``): an idle form closes, work under
way — creating a desk and showing its recovery key, a login — is never cut short, and no
window is built afterwards."""

import functools
import os
import signal

import pytest
from PySide6.QtCore import QTimer

from conftest import PASSWORD, make_desk
from petition_desk.db.keyring import CHEAP_KDF, keys_path
from petition_desk.services import access
from petition_desk.ui import login_dialog
from petition_desk.ui.app import open_window
from petition_desk.ui.early_stop import StopBeforeWindow

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def test_a_stop_during_first_start_waits_for_the_desk_and_its_recovery_key(
    qtbot, tmp_path, monkeypatch
):
    db = tmp_path / "desk.sqlite"
    seen: list[tuple[str, int | None, bool]] = []
    make = functools.partial(access.init_desk, kdf=CHEAP_KDF)

    def init_then_stopped(*args, **kwargs):
        made = make(*args, **kwargs)
        signal.raise_signal(signal.SIGTERM)  # while the desk is being made
        return made

    monkeypatch.setattr(access, "init_desk", init_then_stopped)
    with StopBeforeWindow() as stop:
        dialog = login_dialog.FirstStartDialog(db)
        qtbot.addWidget(dialog)

        def recovery_shown(shown_dialog) -> int:
            stop._close_if_idle()  # as the timer would, while the key is on screen
            seen.append((shown_dialog.recovery, stop.signum, dialog.isVisible()))
            return 1

        monkeypatch.setattr(login_dialog.RecoveryKeyDialog, "exec", recovery_shown)
        dialog.show()
        dialog.unit.setText("青石镇人民政府")
        dialog.login.setText("admin")
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        dialog.submit()
    ((recovery, signum, still_open),) = seen
    assert recovery and signum == signal.SIGTERM and still_open  # shown, not cut short
    assert dialog.desk is not None and db.exists() and keys_path(db).exists()
    dialog.desk.conn.close()


def test_an_idle_login_form_closes_and_no_window_is_built(qtbot, tmp_path):
    db = tmp_path / "desk.sqlite"
    make_desk(db).conn.close()
    QTimer.singleShot(300, lambda: signal.raise_signal(signal.SIGTERM))
    with StopBeforeWindow() as stop:
        window = open_window(db, None, "clerk", stop=stop)
    assert window is None and stop.signum == signal.SIGTERM


def test_a_stop_during_a_login_lets_it_finish_then_builds_no_window(qtbot, tmp_path, monkeypatch):
    db = tmp_path / "desk.sqlite"
    make_desk(db).conn.close()
    opened: list[access.Desk] = []
    real_login = access.login

    def login_then_stopped(*args, **kwargs):
        desk = real_login(*args, **kwargs)
        opened.append(desk)
        signal.raise_signal(signal.SIGTERM)  # (on the form's worker: noted on the GUI thread)
        return desk

    monkeypatch.setattr(access, "login", login_then_stopped)

    def type_password() -> None:
        form = login_dialog.QApplication.activeModalWidget()
        form.password.setText(PASSWORD)
        form.submit()

    QTimer.singleShot(300, type_password)
    with StopBeforeWindow() as stop:
        window = open_window(db, None, "clerk", stop=stop)
    assert window is None and stop.signum == signal.SIGTERM
    (desk,) = opened
    with pytest.raises(Exception, match="closed"):  # logged in, then closed: no window
        desk.conn.execute("SELECT 1")
