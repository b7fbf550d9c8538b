"""The 工作台 on screen: it lists what is due, opens cases from the keys, one dialog per case."""

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from conftest import NOW, case_input, person
from petition_desk.services.attachments import attachments_of
from petition_desk.services.registration import register_case
from petition_desk.ui.main_window import MainWindow


@pytest.fixture
def window(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.ledger.reader.close()


@pytest.fixture
def late_case(ctx):
    """Received 30 Oct: its written notice was due 14 Nov (overdue on 16 Nov)."""
    return register_case(
        ctx.conn,
        case_input(
            received_at=dt.datetime(2026, 10, 30, 9),
            people=[person(name="周红", id_number="", phone="13900003333")],
        ),
        ctx.user,
        NOW,
    )[0]


def _loaded(window, qtbot):
    window.workbench.data = None
    window.workbench.refresh()
    qtbot.waitUntil(lambda: window.workbench.data is not None, timeout=5000)


def test_opens_on_the_workbench_with_what_is_due(window, late_case, qtbot):
    assert window.current_page() == "workbench"
    _loaded(window, qtbot)
    page = window.workbench
    rows = page.case_rows()
    assert [r.text(1) for r in rows] == ["周红"]
    assert "超期 2 天" in rows[0].text(4)
    top = page.tree.topLevelItem(0).text(0)
    assert top.startswith("待书面告知") and "超期 1" in top
    # The buttons count things to do (项); the figure on the right counts cases (件), as the
    # status bar does, with the one definition of 超期件数 in its tooltip.
    assert page.filter_buttons[1].text() == "超期 1 项"
    assert "待办事项" in page.filter_buttons[1].toolTip()
    assert "超期 1 件" in page.status_counts.text()
    assert page.status_counts.toolTip().startswith("超期件数")
    assert "状态栏" in page.status_counts.toolTip()
    assert page.summary.isVisible() and "自昨日以来" in page.summary.text()
    # "Due today" hides the overdue case.
    page.filter_buttons[2].click()
    assert page.case_rows() == []


def test_keyboard_opens_the_case_and_a_second_request_raises_it(window, late_case, qtbot):
    _loaded(window, qtbot)
    page = window.workbench
    opened = []
    page.openCase.connect(opened.append)
    page.focus_group(0)  # Alt+1
    assert page.tree.currentItem().text(1) == "周红"
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened == [late_case]
    dialogs = window._case_dialogs
    assert list(dialogs) == [late_case]
    first = dialogs[late_case]
    assert window.open_case(late_case) is first  # not a second stacked dialog
    first.close()
    qtbot.waitUntil(lambda: late_case not in window._case_dialogs, timeout=10000)
    again = window.open_case(late_case)
    assert again is not first
    again.close()


def test_dropping_files_on_the_case_adds_them(window, late_case, ctx, tmp_path, qtbot):
    scan = tmp_path / "来信扫描.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned letter" * 100)
    dialog = window.open_case(late_case)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only during a real drag; the filter the window installed sees it.
    target = dialog.attachment_list.viewport()
    assert dialog.file_drop.eventFilter(target, event)
    files = attachments_of(ctx.conn, ctx.db_path, late_case)
    assert [f.name for f in files] == ["来信扫描.pdf"]
    text = dialog.attachment_list.item(0).text()
    assert (
        "2.2 KB" in text and "2026年11月16日" in text and "SHA" not in text
    )  # size in KB, the hash only in the tooltip
    assert files[0].sha256 in dialog.attachment_list.item(0).toolTip()
    dialog.close()


def test_an_older_answer_never_replaces_a_newer_one(window, late_case, qtbot):
    page = window.workbench
    _loaded(window, qtbot)
    newest = page.data
    page.refresh()  # a newer request is on its way: the answer of the one before is stale
    page._arrived(page._generation - 1, newest.__class__(**{**vars(newest), "groups": []}))
    assert page.data is newest
