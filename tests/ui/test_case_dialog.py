"""A case goes from registration to 办结 through the real dialogs, and its history shows it."""

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QSpinBox

from petition_desk.domain.lifecycle import Action
from petition_desk.services.cases import get_case
from petition_desk.services.registration import register_case
from petition_desk.ui.action_dialog import ActionDialog, _CorrectionEditor
from petition_desk.ui.case_dialog import CaseDialog
from tests.helpers import NOW, REPLY, case_input


@pytest.fixture
def dialog(ctx, qtbot):
    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    d = CaseDialog(ctx, case_id)
    qtbot.addWidget(d)
    d.show()
    return d


def answer_with(monkeypatch, values: dict, seen: list):
    """Make the next ActionDialog fill its widgets with ``values`` and press OK."""

    def fake_exec(self: ActionDialog):
        seen.append(self)
        for key, value in values.items():
            w = self.editors[key]
            if isinstance(w, QLineEdit):
                w.setText(value)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(value)
            elif isinstance(w, QComboBox):
                index = w.findText(value)
                assert index >= 0, f"{value} not offered for {key}"
                w.setCurrentIndex(index)
            elif isinstance(w, QSpinBox):
                w.setValue(value)
            elif isinstance(w, _CorrectionEditor):
                field, new = value
                w.field.setCurrentIndex(w.field.findText(field))
                w.value.setText(new)
        self.buttons.accepted.emit()
        return self.result()

    monkeypatch.setattr(ActionDialog, "exec", fake_exec)


STEPS = [
    (Action.ACCEPT, {}),
    (Action.ASSIGN, {"department_id": "农业农村办"}),
    (Action.SUPERVISE, {"method": "书面督办", "content": "请于本周内报送进展"}),
    (Action.EXTEND, {"leader": "陈国华", "reason": "需要测绘", "days": 20}),
    (
        Action.REPLY,
        REPLY,
    ),
    (Action.FOLLOW_UP, {"satisfaction": "满意"}),
    (Action.CLOSE, {}),
]


def test_a_case_through_its_whole_life(dialog, ctx, monkeypatch):
    assert dialog.action_buttons[Action.ACCEPT].isEnabled()
    assert not dialog.action_buttons[Action.REPLY].isEnabled()
    for action, values in STEPS:
        seen: list = []
        answer_with(monkeypatch, values, seen)
        assert dialog.action_buttons[action].isEnabled(), action
        dialog.action_buttons[action].click()
        assert seen and seen[0].result() == QDialog.DialogCode.Accepted, seen[0].banner.text()
    case = get_case(ctx.conn, dialog.case_id)
    assert case["state"] == "已办结" and case["satisfaction"] == "满意"
    history = [dialog.history_list.item(i).text() for i in range(dialog.history_list.count())]
    for label in ["登记", "受理", "交办", "督办", "延期", "答复", "回访", "办结"]:
        assert any(f"【{label}】" in line for line in history), label
    assert "已办结" in dialog.header.text()
    assert dialog.action_buttons[Action.ARCHIVE].isEnabled()
    assert not dialog.action_buttons[Action.ACCEPT].isEnabled()


def test_invalid_step_stays_open_and_says_why(dialog, monkeypatch):
    seen: list = []
    answer_with(monkeypatch, {"ground": "应通过诉讼途径解决"}, seen)
    dialog.action_buttons[Action.REJECT].click()
    d = seen[0]
    assert d.result() != QDialog.DialogCode.Accepted
    assert "请填写告知信访人应向何处反映" in d.errors["where_to_go"].text()
    assert get_case(dialog.ctx.conn, dialog.case_id)["state"] == "已登记"


def test_correction_is_an_event_with_old_and_new(dialog, ctx, monkeypatch):
    seen: list = []
    answer_with(monkeypatch, {"changes": ("摘要", "反映宅基地纠纷"), "reason": "录入错误"}, seen)
    dialog.action_buttons[Action.CORRECT].click()
    assert get_case(ctx.conn, dialog.case_id)["summary"] == "反映宅基地纠纷"
    last = dialog.history_list.item(dialog.history_list.count() - 1).text()
    assert "【更正】" in last and "摘要：“反映征地补偿款未足额发放” → “反映宅基地纠纷”" in last
    assert "summary" not in last and '"old"' not in last  # no raw keys shown to the clerk


def test_attachment_added_from_the_case(dialog, tmp_path):
    f = tmp_path / "现场照片.png"
    f.write_bytes(b"\x89PNG fake")
    dialog.attach(f)
    assert dialog.attachment_list.count() == 1
    assert "现场照片.png" in dialog.attachment_list.item(0).text()
    last = dialog.history_list.item(dialog.history_list.count() - 1).text()
    assert "【添加附件】" in last


def test_person_correction_from_the_people_tab(dialog, ctx):
    assert not dialog.correct_person({"phone": "12345"}, "错号")  # refused, nothing changed
    assert dialog.correct_person({"phone": "13900001111"}, "号码录错")
    assert dialog.people_table.item(0, 4).text() == "13900001111"
    last = dialog.history_list.item(dialog.history_list.count() - 1).text()
    assert "【更正】" in last and "13812341234" in last and "号码录错" in last


def test_a_step_offers_exactly_the_notice_it_calls_for(dialog, ctx, monkeypatch):
    """After 受理 the dialog offers the 受理告知书 (not nine kinds); issuing it clears the offer."""
    from petition_desk.services import documents

    seen: list = []
    answer_with(monkeypatch, {}, seen)
    dialog.action_buttons[Action.ACCEPT].click()
    assert dialog.called_for.isVisible()
    labels = [
        dialog.called_for_row.itemAt(i).widget().text()
        for i in range(dialog.called_for_row.count())
        if dialog.called_for_row.itemAt(i).widget()
    ]
    assert labels[0] == "本步骤需出具："
    assert labels[1:] == ["信访事项受理告知书（受理）…"]
    issued: list[str] = []
    monkeypatch.setattr(
        dialog.documents,
        "issue_kind",
        lambda kind: (
            issued.append(kind) or documents.issue(ctx.conn, dialog.case_id, kind, ctx.user, NOW)
        ),
    )
    from petition_desk.db.connection import transaction
    from petition_desk.services import settings as settings_mod

    with transaction(ctx.conn):
        settings_mod.save(ctx.conn, {"unit_name": "青石镇人民政府"})
    dialog._issue_offered("acceptance")
    assert issued == ["acceptance"] and not dialog.called_for.isVisible()


def test_the_reply_form_offers_the_library_of_citations(ctx, qtbot):
    from petition_desk.services.cases import get_case
    from petition_desk.ui.action_dialog import ActionDialog

    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    form = ActionDialog(ctx, get_case(ctx.conn, case_id), Action.REPLY)
    qtbot.addWidget(form)
    assert form.citations.count() > 1
    citation = form.citations.itemText(1)
    form.citations.activated.emit(1)
    assert citation in form.editors["basis"].toPlainText()


def test_the_reply_form_proposes_the_follow_up_visit(ctx, qtbot):
    from petition_desk.services.cases import get_case
    from petition_desk.ui.action_dialog import ActionDialog

    case_id, _ = register_case(ctx.conn, case_input(), ctx.user, NOW)
    form = ActionDialog(ctx, get_case(ctx.conn, case_id), Action.REPLY)
    qtbot.addWidget(form)
    assert "2026-12-01" in form.follow_up.text()  # 16 Nov + 15 days (the setting)
