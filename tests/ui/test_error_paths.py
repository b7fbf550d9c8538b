"""Failures reach the clerk as sentences in the dialog that caused them, never as a stuck
screen or the "unexpected error" box."""

from PySide6.QtWidgets import QDialog, QLineEdit

from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.ui.form_dialog import FormDialog
from petition_desk.ui.reception_rules import RuleDialog


def test_form_dialog_shows_a_record_that_is_gone(qtbot):
    def run():
        raise NotFoundError("案件“2026-9999”不存在")

    dialog = FormDialog("测试", [("名称", QLineEdit())], run)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "不存在" in dialog.error.text()


def test_rule_dialog_shows_a_refused_rule(ctx, qtbot, monkeypatch):
    from petition_desk.services import reception_store

    def refuse(_conn, _rule, actor=None):
        raise ValidationError("接待时段应为上午、下午或全天", "half_day")

    monkeypatch.setattr(reception_store, "add_reception_rule", refuse)
    dialog = RuleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "接待时段" in dialog.error.text()


def test_batch_dialog_says_when_the_search_failed(ctx, qtbot, monkeypatch):
    from petition_desk.services import documents
    from petition_desk.ui.batch_print import BatchPrintDialog

    def broken(*_a, **_k):
        raise ValidationError("数据库正被另一个程序占用，请稍后再试")

    monkeypatch.setattr(documents, "pending", broken)
    dialog = BatchPrintDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert "无法查找待出具的文书" in dialog.summary.text()
    assert "占用" in dialog.summary.text()
