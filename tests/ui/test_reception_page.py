import datetime as dt

import pytest

from conftest import admin_of
from petition_desk.domain import reception
from petition_desk.services import reception_store, roster
from petition_desk.services.directory import add_leader
from petition_desk.services.registration import register_case
from petition_desk.ui.case_dialog import CaseDialog
from petition_desk.ui.reception_page import ReceptionPage, SwapDialog
from petition_desk.ui.registration_page import RegistrationPage
from tests.helpers import NOW, case_input


@pytest.fixture
def desk(ctx):
    add_leader(ctx.conn, "刘建平", "镇长", actor=admin_of(ctx.conn))
    add_leader(ctx.conn, "周敏", "副镇长", actor=admin_of(ctx.conn))
    reception_store.add_reception_rule(
        ctx.conn,
        reception.lunar(reception.lunar_days_ending_in((3, 6, 9))),
        actor=admin_of(ctx.conn),
    )
    return ctx


@pytest.fixture
def page(desk, qtbot):
    p = ReceptionPage(desk)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    return p


def cell_text(page, day: dt.date) -> str:
    page.select_day(day)
    return page.grid.currentItem().text()


def test_generate_shows_leaders_on_lunar_days(page):
    assert "本月还没有排班" in page.warning.text()
    result = page.generate()
    assert result.created == len(page.entries) > 0
    text = cell_text(page, dt.date(2026, 11, 11))  # 十月初三, a Wednesday
    assert "十月初三" in text and "上午" in text and "群工办" in text
    assert page.swap_button.isEnabled()
    assert page.coming.count() > 0
    assert "农历逢三、六、九上午" in page.rules_label.text()


def test_swap_through_the_dialog(page, desk):
    page.generate()
    entry = next(e for e in page.entries if e.day > dt.date(2026, 11, 20))
    dialog = SwapDialog(desk, entry, page)
    dialog.reason.setText("外出开会")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    changed = roster.get_entry(desk.conn, entry.id)
    assert changed.leader_id != entry.leader_id and changed.manual


def test_late_swap_says_why(page, desk):
    page.generate()
    entry = next(e for e in page.entries if e.day == dt.date(2026, 11, 17))  # tomorrow
    dialog = SwapDialog(desk, entry, page)
    dialog.submit()
    assert dialog.error.isVisibleTo(dialog) and "提前2天" in dialog.error.text()
    dialog.reason.setText("县里临时开会")
    dialog.override.setChecked(True)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_unconfirmed_year_is_shown(page):
    for _ in range(2):
        page.shift(1)  # January 2027
    assert (page.year, page.month) == (2027, 1)
    assert "2027" in page.warning.text()


def test_export_roster(page, tmp_path):
    page.generate()
    pdf = page.export("pdf", tmp_path / "r.pdf")
    xlsx = page.export("xlsx", tmp_path / "r.xlsx")
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0


def test_registration_presets_the_duty_leader(desk, qtbot):
    roster.generate_month(desk.conn, 2026, 11, desk.user, NOW)
    duty = roster.on_day(desk.conn, dt.date(2026, 11, 11))[0]
    reg = RegistrationPage(desk)
    qtbot.addWidget(reg)
    from PySide6.QtCore import QDateTime

    reg.received.setDateTime(QDateTime(dt.datetime(2026, 11, 11, 9, 30)))
    assert reg.leader.currentData() == duty.leader_id
    reg.received.setDateTime(QDateTime(dt.datetime(2026, 11, 10, 9, 30)))  # not a reception day
    assert reg.leader.currentData() is None


def test_case_leaders_tab(desk, qtbot):
    case_id, _ = register_case(desk.conn, case_input(channel="来信"), desk.user, NOW)
    dialog = CaseDialog(desk, case_id)
    qtbot.addWidget(dialog)
    tab = dialog.leaders
    assert tab.pass_for_review(1)
    assert tab.table.rowCount() == 1 and tab.review_button.isEnabled()
    assert tab.record_review("请核实后依法处理", "已交办")
    assert tab.table.item(0, 3).text() == "请核实后依法处理"
    assert tab.assign_owner(2, dt.date(2026, 12, 20))
    assert "刘建平" in tab.summary.text() and "2026-12-20" in tab.summary.text()
    history = [dialog.history_list.item(i).text() for i in range(dialog.history_list.count())]
    assert any("【呈领导阅批】" in h for h in history)
    assert any("【领导批示】" in h for h in history)
    assert any("【领导包案】" in h for h in history)


def test_print_notice(page, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    page.generate()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert page.print_notice(printer)
    assert out.read_bytes().startswith(b"%PDF")
