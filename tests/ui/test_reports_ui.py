"""Export, import, documents and batch printing, driven through their dialogs."""

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.services import settings
from petition_desk.services.cases import history, perform
from petition_desk.services.registration import register_case
from petition_desk.ui.batch_print import BatchPrintDialog
from petition_desk.ui.case_dialog import CaseDialog
from petition_desk.ui.documents_tab import IssueDialog, PreviewDialog
from petition_desk.ui.export_dialog import ExportDialog
from petition_desk.ui.import_wizard import ImportWizard
from petition_desk.ui.settings import SettingsPage
from tests.helpers import NOW, case_input
from tests.test_ledger_import import messy  # noqa: F401 - the fixture


@pytest.fixture
def unit(ctx):
    with transaction(ctx.conn):
        settings.save(ctx.conn, {"unit_name": "青石镇人民政府"})
    ctx.settingsChanged.emit()
    return ctx


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pages_of(path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    n = len(doc)
    doc.close()
    return n


def test_export_dialog_writes_the_month(unit, some_cases, qtbot, tmp_path):
    dialog = ExportDialog(unit)
    qtbot.addWidget(dialog)
    dialog.month.setDate(QDate(2026, 11, 1))
    out = tmp_path / "台账.xlsx"
    dialog.path.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.cases == 2
    ws = load_workbook(out)["台账"]
    assert ws.max_row == 5  # title, 填报 line, header, two cases
    row = unit.conn.execute("SELECT action FROM audit_log ORDER BY id DESC").fetchone()
    assert row[0] == "导出台账"


def test_export_dialog_refuses_a_missing_folder(unit, qtbot, tmp_path):
    dialog = ExportDialog(unit)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "no-such-folder" / "x.xlsx"))
    dialog.start()
    assert dialog.error.isVisibleTo(dialog) and dialog.task is None


def test_import_wizard_checks_then_imports(unit, qtbot, messy, monkeypatch):  # noqa: F811
    wizard = ImportWizard(unit)
    qtbot.addWidget(wizard)
    assert wizard.load(messy)
    assert wizard.combos["name"].currentText() == "来访人"
    assert wizard.preview.rowCount() > 0
    wizard.check()
    qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.finished, timeout=10000)
    report = wizard.report
    assert report.would_import == 4 and wizard.import_button.isEnabled()
    assert "第 7 行" in wizard.report_text.toPlainText()
    assert unit.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    wizard.run_import()
    qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.finished, timeout=10000)
    assert unit.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 4


def test_issue_preview_and_print_from_the_case(unit, qtbot, tmp_path, monkeypatch):
    case_id, _ = register_case(unit.conn, case_input(), unit.user, NOW)
    perform(unit.conn, case_id, Action.ACCEPT, {}, unit.user, NOW, NOW)
    dialog = CaseDialog(unit, case_id)
    qtbot.addWidget(dialog)
    tab = dialog.documents
    tab.kind.setCurrentIndex(tab.kind.findData("acceptance"))
    monkeypatch.setattr(IssueDialog, "exec", lambda d: d.issue_button.click())
    doc = tab.issue_selected()
    assert doc is not None and tab.list.count() == 1
    preview = PreviewDialog(doc.pdf, "x")
    qtbot.addWidget(preview)
    assert len(preview.images) == 1 and preview.images[0].width() > 700
    out = tmp_path / "printed.pdf"
    assert tab.print_current(pdf_printer(out))
    assert out.exists() and pages_of(out) == 1
    copy = tmp_path / "copy.pdf"
    assert tab.save_current(copy) and copy.read_bytes() == doc.pdf
    actions = [e.action for e in history(unit.conn, case_id)]
    assert actions.count("出具文书") == 1 and actions.count("重印文书") == 2


def test_only_kinds_the_history_calls_for_are_offered(unit, qtbot):
    case_id, _ = register_case(unit.conn, case_input(), unit.user, NOW)
    dialog = CaseDialog(unit, case_id)
    qtbot.addWidget(dialog)
    tab = dialog.documents
    assert [tab.kind.itemData(i) for i in range(tab.kind.count())] == ["visit-form"]
    assert tab.kind.findData("rejection") < 0


def test_batch_print_issues_every_pending_notice(unit, qtbot, tmp_path):
    at = dt.datetime(2026, 11, 3, 10)
    a, _ = register_case(unit.conn, case_input(), unit.user, NOW)
    b, _ = register_case(unit.conn, case_input(), unit.user, NOW)
    perform(unit.conn, a, Action.ACCEPT, {}, unit.user, at, NOW)
    perform(
        unit.conn,
        b,
        Action.ASSIGN,
        {"department_id": 1, "deadline": "2026-11-30"},
        unit.user,
        at,
        NOW,
    )
    dialog = BatchPrintDialog(unit)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.table.rowCount() == 3
    out = tmp_path / "batch.pdf"
    dialog.run(pdf_printer(out))
    qtbot.waitUntil(lambda: dialog.task.finished, timeout=20000)
    assert len(dialog.issued) == 3 and not dialog.failures
    assert pages_of(out) == 3
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.table.rowCount() == 0
    assert "已出具并打印 3 份" in dialog.summary.text()


def test_template_editor_refuses_unknown_placeholders(unit, qtbot):
    settings = SettingsPage(unit)
    qtbot.addWidget(settings)
    page = settings.templates
    page.template_kind.setCurrentIndex(page.template_kind.findData("acceptance"))
    page.template_body.setPlainText("{信访人}：{不存在的名字}")
    assert not page.save_template()
    assert "不存在的名字" in page.template_error.text()
    page.template_body.setPlainText("{信访人}：已受理。")
    assert page.save_template()


def test_batch_lists_every_pending_notice_and_issues_the_chosen_without_printing(unit, qtbot):
    at = dt.datetime(2026, 11, 3, 10)
    cases = []
    for _ in range(3):
        case_id, _ = register_case(unit.conn, case_input(), unit.user, NOW)
        perform(unit.conn, case_id, Action.ACCEPT, {}, unit.user, at, NOW)
        cases.append(case_id)
    dialog = BatchPrintDialog(unit)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.table.rowCount() == 3 and len(dialog.selected()) == 3
    dialog.all_box.setChecked(False)
    assert dialog.selected() == []
    dialog.table.item(1, 0).setCheckState(Qt.CheckState.Checked)
    chosen = dialog.pending[1][0]
    dialog.run(print_them=False)
    qtbot.waitUntil(lambda: dialog.task.finished, timeout=20000)
    assert len(dialog.issued) == 1 and dialog.issued[0].case_id == chosen
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.table.rowCount() == 2
    assert "已出具 1 份（未打印）" in dialog.summary.text()
