"""保密 cases in the window: the case window refuses a hidden one with the sentence, the ledger
shows its stub, and viewing a case and searching by ID number land in 操作日志 in Chinese."""

from __future__ import annotations

import pytest

from petition_desk.db.ledger_query import COLUMN_KEYS, STUB_TEXT
from petition_desk.services.directory import get_user
from petition_desk.services.registration import register_case
from petition_desk.ui.case_dialog import CaseDialog
from petition_desk.ui.ledger_page import LedgerPage
from petition_desk.ui.settings.audit_log import AuditLogTab
from tests.helpers import NOW, case_input
from tests.helpers.gui import type_text

SECRET = "反映秘密举报某村干部贪污"


@pytest.fixture
def secret(ctx, admin):
    """A restricted case registered by the administrator: the test clerk may not see it."""
    case_id, number = register_case(
        ctx.conn, case_input(summary=SECRET, confidential=True), admin, NOW
    )
    return case_id, number


def audit_rows(ctx, qtbot) -> list[tuple[str, ...]]:
    """The 操作日志 as the administrator reads it (the only role that may)."""
    clerk = ctx.user
    ctx.user = get_user(ctx.conn, "admin")
    tab = AuditLogTab(ctx)
    qtbot.addWidget(tab)
    try:
        tab.load()
    finally:
        ctx.user = clerk
    t = tab.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def test_the_case_window_refuses_a_hidden_case_with_the_sentence(ctx, secret, qtbot, tmp_path):
    case_id, number = secret
    dialog = CaseDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.refused.startswith(f"案件{number}是保密案件")
    assert "管理员、登记该案件的工作人员和该案件的阅批、包案领导" in dialog.header.text()
    assert dialog.windowTitle() == "保密案件"
    assert not hasattr(dialog, "people_table")  # nothing of the case was read
    dialog.grab().save(str(tmp_path / "refused.png"))
    assert all(r[2] != "查看案件个人信息" for r in audit_rows(ctx, qtbot))


def test_opening_a_case_is_in_the_audit_log_once(ctx, qtbot):
    case_id, number = register_case(ctx.conn, case_input(), ctx.user, NOW)
    dialog = CaseDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.refresh()  # reading it again in the same window is not another viewing
    views = [r for r in audit_rows(ctx, qtbot) if r[2] == "查看案件个人信息"]
    assert views == [(views[0][0], "信访员", "查看案件个人信息", f"案件：{number}")]


def test_the_ledger_shows_a_stub_and_an_id_search_is_audited(ctx, secret, qtbot):
    register_case(ctx.conn, case_input(), ctx.user, NOW)
    page = LedgerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.loading, timeout=5000)
    col = {k: i for i, k in enumerate(COLUMN_KEYS)}
    stub = next(r for r in range(2) if page.model.index(r, col["number"]).data() == secret[1])
    assert page.model.index(stub, col["summary"]).data() == STUB_TEXT
    assert page.model.index(stub, col["received_at"]).data().startswith("2026-11-02")
    type_text(qtbot, page.search, "110105194912")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.loading, timeout=5000)
    type_text(qtbot, page.search, "31")  # typing on: the same search
    qtbot.waitUntil(lambda: page.model.filter.search.endswith("31"), timeout=5000)
    searches = [r for r in audit_rows(ctx, qtbot) if r[2] == "按身份证号查询"]
    assert [r[1:] for r in searches] == [
        ("信访员", "按身份证号查询", "内容：身份证号或电话号码的前12位")
    ]
    page.reader.close()
    page.counter.close()
