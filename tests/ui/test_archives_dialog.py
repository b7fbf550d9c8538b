"""档案管理: bundles of 存信 letters with their lists, and an approved destruction."""

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from petition_desk.domain.lifecycle import Action
from petition_desk.services.cases import get_case, perform
from petition_desk.services.directory import get_user
from petition_desk.services.registration import register_case
from petition_desk.ui.archives_dialog import ArchivesDialog
from petition_desk.ui.context import DeskContext
from tests.helpers import NOW, case_input


def test_packing_list_and_destruction_from_the_dialog(ctx, qtbot, tmp_path, monkeypatch):
    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    perform(ctx.conn, case_id, Action.FILE, {"reason": "内容不清"}, ctx.user, NOW, NOW)
    dialog = ArchivesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.bundles.rowCount() == 1 and dialog.bundles.item(0, 0).text() == "东坑村"
    assert dialog.save_packing_list(tmp_path / "x.pdf") is None  # no bundle chosen
    assert "请先选择" in dialog.error.text()
    dialog.bundles.selectRow(0)
    assert dialog.save_packing_list(tmp_path / "清单.pdf").read_bytes().startswith(b"%PDF")
    # two years on, the letter is past its retention; the destruction needs a reason and
    # the administrator (a clerk sees the list, but the button stays off)
    later = DeskContext(
        ctx.conn, ctx.db_path, key=ctx.key, user=ctx.user, now=lambda: dt.datetime(2029, 1, 3, 9)
    )
    dialog = ArchivesDialog(later)
    qtbot.addWidget(dialog)
    assert dialog.due_table.rowCount() == 1 and not dialog.destroy_button.isEnabled()
    later.user = get_user(ctx.conn, "admin")
    dialog = ArchivesDialog(later)
    qtbot.addWidget(dialog)
    assert dialog.due_table.rowCount() == 1 and dialog.destroy_button.isEnabled()
    assert dialog.approve(confirmed=True) is None and "理由" in dialog.error.text()
    dialog.reason.setText("保管期满，经鉴定无保存价值")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    task = dialog.approve(confirmed=True, list_path=tmp_path / "清册.pdf")
    qtbot.waitUntil(lambda: task.finished, timeout=10000)
    assert task.error is None, task.error
    assert get_case(ctx.conn, case_id)["summary"] == "（已销毁）"
    assert (tmp_path / "清册.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.due_table.rowCount() == 0
    later.reader.close()
