"""The small GUI parts of the figures issue: collective tick, export filters, report dialog."""

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from petition_desk.db.ledger_query import LedgerFilter
from petition_desk.services import analysis_reports
from petition_desk.services import settings as settings_mod
from petition_desk.ui.export_dialog import ExportDialog
from petition_desk.ui.registration_page import RegistrationPage
from petition_desk.ui.report_dialog import ReportDialog


def test_a_visit_of_five_ticks_collective_and_asks_for_representatives(ctx, qtbot):
    page = RegistrationPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.channel.setCurrentText("来访")
    page.head_count.setValue(4)
    assert not page.collective.isChecked()
    page.head_count.setValue(5)
    assert page.collective.isChecked()
    assert "代表" in page.head_count_error.text() and page.head_count_error.isVisible()


def test_export_from_the_ledger_says_it_follows_the_filters(ctx, qtbot):
    plain = ExportDialog(ctx)
    qtbot.addWidget(plain)
    assert plain.ledger_filter is None and not plain.filter_label.text()
    dialog = ExportDialog(ctx, None, LedgerFilter(channel="来信", repeat=True))
    qtbot.addWidget(dialog)
    text = dialog.filter_label.text()
    assert "形式：来信" in text and "仅重复信访" in text and "筛选" in text


def test_report_dialog_issues_what_the_clerk_wrote(ctx, qtbot, tmp_path, some_cases, monkeypatch):
    failures = []  # a failure must fail the test, not wait on a modal message box
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: failures.append(a))
    settings_mod.save(ctx.conn, {"unit_name": "青石镇人民政府"})
    ctx.conn.commit()
    ctx.settingsChanged.emit()
    dialog = ReportDialog(ctx, "2026-11", dt.date(2026, 11, 16))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.analysis.toPlainText()), timeout=5000)
    dialog.analysis.setPlainText("本月来访集中在征地补偿，建议专题约访。")
    out = tmp_path / "r.pdf"
    dialog.issue(str(out))
    qtbot.waitUntil(lambda: dialog.document is not None or bool(failures), timeout=10000)
    assert not failures
    assert out.read_bytes() == dialog.document.pdf
    kept = analysis_reports.issued_reports(ctx.conn, "2026-11")
    assert kept[0]["analysis"] == "本月来访集中在征地补偿，建议专题约访。"
