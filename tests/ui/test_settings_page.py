"""Settings that move due dates recompute them in a worker; the result is the same."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from conftest import audit_log
from petition_desk.services.cases import get_case
from petition_desk.services.directory import get_user
from petition_desk.services.registration import register_case
from petition_desk.ui.settings import SettingsPage
from tests.helpers import NOW, case_input


@pytest.fixture(autouse=True)
def _as_administrator(ctx):
    """Settings are the administrator's (管理员: users, settings, retention)."""
    ctx.user = get_user(ctx.conn, "admin")


def test_changing_a_time_limit_recomputes_open_cases(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-17"  # 2 Nov + 15 days
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    page = settings.general
    page.editors["notice_days"].setValue(10)
    assert page.save(confirmed=True)
    qtbot.waitUntil(lambda: page.task is not None and page.task.finished, timeout=5000)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-12"
    # a legal time limit changed: the log says who changed it, from what to what

    last = audit_log(ctx.conn, limit=1)[0]
    assert last["action"] == "修改设置"
    assert "书面告知期限" in last["details"] and "15" in last["details"]


def test_changing_a_legal_time_limit_asks_first(ctx, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def refuse(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    page = settings.general
    page.editors["handling_days"].setValue(30)
    assert not page.save()
    assert asked and "60 → 30" in asked[0]
    from petition_desk.services import settings as settings_mod

    assert settings_mod.load(ctx.conn)["handling_days"] == 60


def test_holiday_added_in_a_worker_moves_working_day_clocks(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(channel="上级转送"), ctx.user, NOW)
    before = get_case(ctx.conn, case_id)["next_due"]  # 5 working days: 2026-11-09
    assert before == "2026-11-09"
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    page = settings.holidays
    page.holiday_date.setDate(QDate(dt.date(2026, 11, 5)))
    page.holiday_kind.setCurrentIndex(0)  # a day off
    task = page.add_holiday()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-10"
    assert page.holiday_table.rowCount() == 1


def test_invalid_setting_is_refused_in_place(ctx, qtbot):
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    page = settings.general
    page.editors["categories"].setPlainText("民政\n民政")
    assert not page.save()
    assert "重复" in page.error.text()


def test_audit_log_is_shown(ctx, qtbot):
    from petition_desk.services import audit
    from petition_desk.services.directory import get_user

    clerk = get_user(ctx.conn, "clerk")
    audit.record(ctx.conn, clerk, "导出台账", {"file": "台账.xlsx", "unmasked": True})
    ctx.user = get_user(ctx.conn, "admin")  # the role that reads the log
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    table = page.audit_log.table
    actions = [table.item(r, 2).text() for r in range(table.rowCount())]
    # Newest first, back to the desk being set up: its departments and leader are in the log.
    assert actions == ["导出台账", "添加领导", "添加承办单位", "添加承办单位", "初始化数据库"]
    assert table.item(0, 1).text() == "信访员"  # the clerk exported
    assert table.item(0, 2).text() == "导出台账"
    details = table.item(0, 3).text()
    assert "文件：台账.xlsx" in details and "身份证号和电话：完整" in details
    assert "unmasked" not in details and "file" not in details  # no raw keys


def test_leader_corrected_and_retired_from_the_tab(ctx, qtbot):
    from petition_desk.ui.settings.lists import LeadersTab

    tab = LeadersTab(ctx)
    qtbot.addWidget(tab)
    tab.load()
    tab.table.setCurrentCell(0, 0)
    dialog = tab.edit(run=False)
    title = dialog.form.itemAt(1, dialog.form.ItemRole.FieldRole).widget()
    title.setText("党委副书记")
    dialog.submit()
    assert tab.table.item(0, 1).text() == "党委副书记"
    tab.table.setCurrentCell(0, 0)
    tab.toggle()
    assert tab.table.item(0, 4).text() == "已停用"


def test_villages_tab_retires_a_village(ctx, qtbot):
    from petition_desk.ui.settings.lists import VillagesTab

    tab = VillagesTab(ctx)
    qtbot.addWidget(tab)
    tab.load()
    for name in ("东坑村", "西岭村"):
        tab.name.setText(name)
        tab.add()
    tab.listing.setCurrentRow(0)
    tab.toggle()
    assert [tab.listing.item(i).text() for i in range(2)] == ["西岭村", "东坑村 （已停用）"]
