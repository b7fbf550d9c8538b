"""Guided issuing in the 文书 tab: the draft and its confirmation in one window, reissues
asked first, refusals explained."""

import datetime as dt

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from petition_desk.db.connection import transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.services import documents, settings
from petition_desk.services.cases import perform
from petition_desk.services.registration import register_case
from petition_desk.ui.documents_tab import DocumentsTab, IssueDialog
from tests.helpers import NOW, case_input

AT = dt.datetime(2026, 11, 3, 10)


@pytest.fixture
def unit(ctx):
    with transaction(ctx.conn):
        settings.save(ctx.conn, {"unit_name": "青石镇人民政府"})
    return ctx


@pytest.fixture
def accepted(unit):
    case_id, _ = register_case(unit.conn, case_input(), unit.user, NOW)
    perform(unit.conn, case_id, Action.ACCEPT, {}, unit.user, AT, NOW)
    return case_id


def test_the_confirmation_sits_under_the_draft_in_one_window(unit, accepted, qtbot, monkeypatch):
    tab = DocumentsTab(unit, accepted)
    qtbot.addWidget(tab)
    assert tab.kind.currentData() == "visit-form" or tab.kind.findData("acceptance") >= 0
    assert "受理" in tab.kind.itemText(tab.kind.findData("acceptance"))
    seen = {}

    def look(dialog):
        dialog.show()
        seen["pages"] = len(dialog.images)
        seen["buttons"] = dialog.issue_button.isVisible() and dialog.print_button.isVisible()
        # The question is part of the draft's window, below the pages, not a box over them.
        seen["below"] = dialog.issue_button.mapTo(dialog, dialog.issue_button.rect().topLeft()).y()
        dialog.reject()

    monkeypatch.setattr(IssueDialog, "exec", look)
    tab.kind.setCurrentIndex(tab.kind.findData("acceptance"))
    assert tab.issue_selected() is None  # cancelled: nothing issued, no number taken
    assert seen["pages"] == 1 and seen["buttons"] and seen["below"] > 700
    assert documents.documents_of(unit.conn, accepted) == []


def test_a_second_issue_asks_why_and_records_it(unit, accepted, qtbot, monkeypatch):
    tab = DocumentsTab(unit, accepted)
    qtbot.addWidget(tab)
    monkeypatch.setattr(IssueDialog, "exec", lambda d: d.issue_button.click())
    first = tab.issue_kind("acceptance")
    assert first is not None
    asked = []

    def reason(*a, **k):
        asked.append(a[2])
        return "原件污损，重新出具", True

    monkeypatch.setattr(QInputDialog, "getText", reason)
    second = tab.issue_kind("acceptance")
    assert asked and first.number in asked[0]
    assert second is not None and second.number != first.number
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert tab.issue_kind("acceptance") is None
    assert len(documents.documents_of(unit.conn, accepted)) == 2


def test_a_kind_not_called_for_names_the_missing_step(unit, accepted, qtbot, monkeypatch):
    tab = DocumentsTab(unit, accepted)
    qtbot.addWidget(tab)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert tab.issue_kind("reply") is None
    assert shown and "尚未“答复”" in shown[0]
