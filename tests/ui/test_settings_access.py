"""The users and backup tabs of 设置 (issue 12)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from petition_desk.services.access import login
from petition_desk.services.directory import get_user
from petition_desk.ui.settings_backup import BackupTab
from petition_desk.ui.settings_users import UsersTab


def test_admin_adds_a_user_who_can_log_in(ctx, qtbot):
    ctx.user = get_user(ctx.conn, "admin")
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    tab.login.setText("wang")
    tab.name.setText("王文")
    tab.password.setText("wang-password")
    tab.add_button.click()
    assert "wang" in [u.login for u in tab.users]
    login(ctx.db_path, "wang", "wang-password").conn.close()


def test_a_clerk_cannot_manage_users(ctx, qtbot):
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    assert not tab.add_button.isEnabled() and tab.change_own.isEnabled()


def test_back_up_now_lists_and_verifies(ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    tab = BackupTab(ctx)
    qtbot.addWidget(tab)
    (ctx.db_path.parent / "backups").mkdir()
    tab.back_up_now(str(ctx.db_path.parent / "backups"))
    tab.load()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "未检查"
    tab.table.selectRow(0)
    tab.verify_selected()
    assert tab.table.item(0, 2).text() == "已核对无误"
    assert not tab.restore_button.isEnabled()  # a clerk


def test_forgotten_admin_password_is_reset_with_the_recovery_key(tmp_path, qtbot):
    from conftest import PASSWORD
    from petition_desk.db.keyring import CHEAP_KDF
    from petition_desk.services import access
    from petition_desk.ui.login_dialog import LoginDialog, RecoverDialog

    db = tmp_path / "r.sqlite"
    desk, recovery = access.init_desk(db, "某镇", "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    desk.conn.close()
    dialog = RecoverDialog(db, "admin")
    qtbot.addWidget(dialog)
    dialog.key.setText("AAAA-BBBB")
    dialog.password.setText("brand-new-pass")
    dialog.repeat.setText("brand-new-pass")
    dialog.submit()
    assert dialog.error.text() and not dialog.result()  # wrong key: said, nothing changed
    dialog.key.setText(recovery)
    dialog.submit()
    assert dialog.result()
    login_dialog = LoginDialog(db, "admin")
    qtbot.addWidget(login_dialog)
    login_dialog.password.setText("brand-new-pass")
    login_dialog.submit()
    assert login_dialog.desk is not None
    login_dialog.desk.conn.close()


def test_admin_replaces_the_recovery_key(ctx, qtbot, monkeypatch):
    from petition_desk.db.keyring import Keyring, keys_path
    from petition_desk.ui import login_dialog

    ctx.user = get_user(ctx.conn, "admin")
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(login_dialog.RecoveryKeyDialog, "exec", lambda d: shown.append(d.recovery))
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    tab.recovery_button.click()
    (recovery,) = shown
    assert Keyring.load(keys_path(ctx.db_path)).unlock_recovery(recovery) == ctx.key


def test_only_the_administrator_reads_the_log(ctx, qtbot):
    import pytest

    from petition_desk.services import audit
    from petition_desk.services.permissions import PermissionDenied
    from petition_desk.ui.settings.page import SettingsPage

    page = SettingsPage(ctx)  # the test clerk
    qtbot.addWidget(page)
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.audit_log))
    with pytest.raises(PermissionDenied, match="无权查看操作日志"):
        audit.entries(ctx.conn, viewer=ctx.user)
    ctx.user = get_user(ctx.conn, "admin")
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.audit_log))
    page.tabs.setCurrentWidget(page.audit_log)
    assert page.audit_log.table.rowCount() >= 1


def test_a_viewer_sees_masked_numbers_and_no_step_buttons(ctx, qtbot):
    from conftest import NOW, case_input, person
    from petition_desk.services.directory import insert_user
    from petition_desk.services.registration import register_case
    from petition_desk.ui.case_dialog import CaseDialog

    case_id, _ = register_case(
        ctx.conn, case_input(people=[person(id_number="11010519491231002X")]), ctx.user, NOW
    )
    insert_user(ctx.conn, "zhao", "赵查阅", "查阅")
    ctx.user = get_user(ctx.conn, "zhao")
    dialog = CaseDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    assert dialog.people_table.item(0, 3).text() == "110105********002X"
    assert not dialog.correct_person_button.isEnabled()
    assert not any(b.isEnabled() for b in dialog.action_buttons.values())


def test_an_old_plain_database_is_converted_in_chinese_and_logged_into(tmp_path, qapp, monkeypatch):
    from conftest import NOW, PASSWORD, case_input
    from petition_desk.db.connection import open_store
    from petition_desk.services.directory import User
    from petition_desk.services.registration import register_case
    from petition_desk.ui import login_dialog
    from petition_desk.ui.app import open_desk

    db = tmp_path / "old.sqlite"
    conn = open_store(db)  # an unencrypted file as the previous version wrote it
    conn.execute("INSERT INTO users(login, name) VALUES ('clerk', '信访员')")
    register_case(conn, case_input(), User(1, "clerk", "信访员", "信访员"), NOW)
    conn.close()
    said: list[str] = []

    def exec_(dialog):
        said.append(dialog.windowTitle() + dialog.intro.text())
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(login_dialog.FirstStartDialog, "exec", exec_)
    monkeypatch.setattr(login_dialog.RecoveryKeyDialog, "exec", lambda _d: 1)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, title, text, *a: said.append(title + text) or QMessageBox.StandardButton.No,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda _p, t, text, *a: said.append(t + text))
    desk = open_desk(db)
    assert desk is not None and desk.user.login == "admin"  # no second password prompt
    desk.conn.close()
    assert "旧版本" in said[0] and "未加密" in said[0]
    assert ".plain-" in said[1] and "删除" in said[1]
    assert "信访员" in said[2] and "重设密码" in said[2]
    assert not any(c.isascii() and c.isalpha() for c in said[0])  # no English left


def test_a_viewer_is_told_before_typing_and_is_not_offered_unmasked_export(ctx, qtbot):
    from petition_desk.services.directory import insert_user
    from petition_desk.ui.export_dialog import ExportDialog
    from petition_desk.ui.registration_page import RegistrationPage

    insert_user(ctx.conn, "zhao", "赵查阅", "查阅")
    ctx.user = get_user(ctx.conn, "zhao")
    page = RegistrationPage(ctx)
    qtbot.addWidget(page)
    page.reset()  # as the window does when it shows the page
    assert "查阅" in page.banner.text() and not page.banner.isHidden()
    assert not page.save_button.isEnabled()
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.unmasked.isVisibleTo(dialog)
    dialog.start()
    assert dialog.error.text() == "您的角色不能导出台账，请联系管理员。"


def test_admin_links_a_leader_user_to_a_leader(ctx, qtbot, monkeypatch, tmp_path):
    """A 领导 user named as one leader is linked at once; the link is shown and changed here."""
    from petition_desk.services.permissions import Role
    from petition_desk.ui import settings_users

    ctx.user = get_user(ctx.conn, "admin")
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    tab.login.setText("chen")
    tab.name.setText("陈国华")  # the leader of the test desk
    tab.role.setCurrentIndex(tab.role.findData(Role.LEADER))
    tab.password.setText("chen-password")
    tab.add_button.click()
    row = [u.login for u in tab.users].index("chen")
    assert tab.table.item(row, 4).text() == "陈国华"
    tab.table.selectRow(row)
    offered = []

    def pick(_parent, _title, _label, items, current, _editable):
        offered.append((items, current))
        return items[0], True  # 不对应任何领导

    monkeypatch.setattr(settings_users.QInputDialog, "getItem", pick)
    tab.leader_button.click()
    assert offered == [(["（不对应）", "1. 陈国华（党委书记）"], 1)]
    assert get_user(ctx.conn, "chen").leader_id is None
    assert tab.table.item(row, 4).text() == "（不对应）"
    assert "保密案件" in tab.table.item(row, 4).toolTip()
    tab.grab().save(str(tmp_path / "users.png"))


def test_login_upgrades_a_desk_off_the_gui_thread_and_says_so(tmp_path, qtbot, monkeypatch):
    """The first start of a new version on an older desk: the form is shut while the upgrade
    runs on a worker thread, each step is said on the form, the window answers meanwhile, and
    the desk comes back open and up to date; a wrong password is still said in words."""
    import time

    from conftest import PASSWORD, make_desk
    from petition_desk.db.connection import LATEST_VERSION, UPGRADE_STAGES
    from petition_desk.db.migrations import MIGRATIONS, USER_LEADER_SQL
    from petition_desk.services import access
    from petition_desk.ui.login_dialog import LoginDialog

    real_login = access.login

    def slow_steps(*args, on_stage=None, **kwargs):
        """Each step of this tiny upgrade lasts as long as a large desk's would last a while."""

        def said(text: str) -> None:
            on_stage(text)
            time.sleep(0.25)

        return real_login(*args, on_stage=said if on_stage else None, **kwargs)

    monkeypatch.setattr(access, "login", slow_steps)

    db = tmp_path / "old.sqlite"
    desk = make_desk(db)
    desk.conn.executescript(
        "DROP INDEX users_leader; ALTER TABLE users DROP COLUMN leader_id;"
        f"PRAGMA user_version = {MIGRATIONS.index([USER_LEADER_SQL])};"
    )
    desk.conn.close()
    dialog = LoginDialog(db, "clerk", quick_check=False)
    qtbot.addWidget(dialog)
    shown, enabled = [], []
    plain = dialog.error.setText

    def record(text):
        shown.append(text)
        enabled.append(dialog.password.isEnabled())
        plain(text)

    dialog.error.setText = record
    dialog.password.setText("wrong-password")
    dialog.submit()
    assert dialog.desk is None and "密码不正确" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.submit()
    assert dialog.desk is not None and dialog.result()
    assert set(UPGRADE_STAGES) & set(shown) and False in enabled  # said while the form was shut
    conn = dialog.desk.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    conn.close()
