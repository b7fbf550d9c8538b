"""The import wizard shows every sheet's accounts before the clerk commits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from petition_desk.ui.import_wizard import IMPORT, READ, REJECT, SHEET, SKIP, ImportWizard
from tests.helpers.ledger_shapes import SheetShape, build


def _months(tmp_path):
    path = tmp_path / "months.xlsx"
    build(
        path,
        [
            SheetShape(name="1月", title=True, rows=["good", "bad_date", "good"], total="wrong"),
            SheetShape(name="2月", two_row_header=True, rows=["good", "unknown_category"]),
            SheetShape(name="3月", rows=["good"], repeat_at=[0]),
        ],
    )
    return path


def checked(wizard, qtbot):
    """Run the dry run and wait for its report."""
    wizard.check()
    qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.finished, timeout=10000)
    return wizard.report


def _row(wizard, name):
    return next(
        r for r in range(wizard.sheets.rowCount()) if wizard.sheets.item(r, SHEET).text() == name
    )


def test_sheets_are_listed_checked_and_accounted_before_import(ctx, qtbot, tmp_path, monkeypatch):
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    assert wizard.load(_months(tmp_path))
    assert wizard.chosen_sheets() == ["1月", "2月", "3月"]
    assert wizard.combos["name"].currentText() == "信访人"
    wizard.set_sheet_checked("3月", False)
    report = checked(wizard, qtbot)
    assert report.identity() == "读取 6 行 = 可导入 4 + 拒绝 1 + 跳过 1"
    first = _row(wizard, "1月")
    cells = [wizard.sheets.item(first, c).text() for c in (READ, IMPORT, REJECT, SKIP)]
    assert cells == ["4", "2", "1", "1"]
    assert wizard.sheets.item(_row(wizard, "3月"), READ).text() == ""
    assert wizard.accounts.text() == "合计：读取 6 行 = 可导入 4 + 拒绝 1 + 跳过 1"
    assert "两者不符" in wizard.report_text.toPlainText()
    assert ctx.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    wizard.grab().save(str(tmp_path / "wizard.png"))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    wizard.run_import()
    qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.finished, timeout=10000)
    assert ctx.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == report.would_import
    assert wizard.sheets.item(first, IMPORT).text() == "2"
    assert wizard.accounts.text() == "合计：读取 6 行 = 导入 4 + 拒绝 1 + 跳过 1"


def test_unticking_a_sheet_clears_the_checked_result(ctx, qtbot, tmp_path):
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.load(_months(tmp_path))
    checked(wizard, qtbot)
    assert wizard.import_button.isEnabled()
    wizard.sheets.item(0, SHEET).setCheckState(Qt.CheckState.Unchecked)
    assert not wizard.import_button.isEnabled()


def test_a_masked_export_is_refused_in_the_wizard(ctx, qtbot, tmp_path, monkeypatch):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["登记日期", "信访人", "身份证号", "住址/村", "反映事项摘要"])
    wb.active.append(["2025-3-5", "张建国", "110105********002X", "东坑村", "事"])
    path = tmp_path / "masked.xlsx"
    wb.save(path)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    wizard = ImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.load(path)
    checked(wizard, qtbot)
    assert wizard.report is None and "打码导出" in wizard.error.text()
    assert not wizard.import_button.isEnabled()
