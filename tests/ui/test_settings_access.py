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
    tab.back_up_now(str(ctx.db_path.parent / "backups"))
    tab.load()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "未检查"
    tab.table.selectRow(0)
    tab.verify_selected()
    assert tab.table.item(0, 2).text() == "已核对无误"
    assert not tab.restore_button.isEnabled()  # a clerk
