"""归档 from the case: the dialog says what the file lacks and archives with a reason."""

from PySide6.QtWidgets import QDialog

from petition_desk.domain.lifecycle import Action
from petition_desk.services.cases import get_case, perform
from petition_desk.services.registration import register_case
from petition_desk.ui.archive_dialog import ArchiveDialog
from tests.helpers import NOW, case_input


def test_archive_dialog_names_the_gap_and_archives_with_a_reason(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    for action, params in ((Action.FORWARD, {"organ": "县人社局"}), (Action.CLOSE, {})):
        perform(ctx.conn, case_id, action, params, ctx.user, NOW, NOW)
    dialog = ArchiveDialog(ctx, get_case(ctx.conn, case_id))
    qtbot.addWidget(dialog)
    assert "转送告知书" in dialog.summary.text() and "10年" in dialog.summary.text()
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "案卷不完整" in dialog.error.text()
    dialog.no_notice.setText("信访人当场领取纸质告知书")
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    case = get_case(ctx.conn, case_id)
    assert case["state"] == "已归档" and case["volume_no"] == "2026-10年-0001"
