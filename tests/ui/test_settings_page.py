"""Settings that move due dates recompute them in a worker; the result is the same."""

import datetime as dt

from PySide6.QtCore import QDate

from conftest import NOW, case_input
from petition_desk.services.cases import get_case
from petition_desk.services.registration import register_case
from petition_desk.ui.settings_page import SettingsPage


def test_changing_a_time_limit_recomputes_open_cases(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-17"  # 2 Nov + 15 days
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.editors["notice_days"].setValue(10)
    assert page.save()
    qtbot.waitUntil(lambda: page.task is not None and page.task.finished, timeout=5000)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-12"


def test_holiday_added_in_a_worker_moves_working_day_clocks(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(channel="上级转送"), ctx.user, NOW)
    before = get_case(ctx.conn, case_id)["next_due"]  # 5 working days: 2026-11-09
    assert before == "2026-11-09"
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.holiday_date.setDate(QDate(dt.date(2026, 11, 5)))
    page.holiday_kind.setCurrentIndex(0)  # a day off
    task = page.add_holiday()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert get_case(ctx.conn, case_id)["next_due"] == "2026-11-10"
    assert page.holiday_table.rowCount() == 1


def test_invalid_setting_is_refused_in_place(ctx, qtbot):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.editors["categories"].setPlainText("民政\n民政")
    assert not page.save()
    assert "重复" in page.general_error.text()


def test_audit_log_is_shown(ctx, qtbot):
    from petition_desk.services import audit

    audit.record(ctx.conn, ctx.user, "导出台账", {"file": "台账.xlsx", "unmasked": True})
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    assert page.audit_table.rowCount() == 1
    assert page.audit_table.item(0, 2).text() == "导出台账"
    assert "台账.xlsx" in page.audit_table.item(0, 3).text()
