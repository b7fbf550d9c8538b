import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from petition_desk.services.directory import get_user
from petition_desk.ui.main_window import MainWindow


@pytest.fixture
def window(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.ledger.reader.close()


def test_pages_and_keyboard_navigation(window, qtbot):
    assert [k for k, _ in window.pages] == [
        "workbench",
        "registration",
        "ledger",
        "reception",
        "stats",
        "settings",
    ]
    assert window.current_page() == "workbench"  # the desk opens on what is due
    assert window.nav.item(0).text() == "工作台"  # the UI speaks Chinese
    assert window.nav.item(1).text() == "登记"
    window.show_page("ledger")
    assert window.stack.currentWidget() is window.ledger


def test_first_start_asks_for_the_unit_name(window, ctx, qtbot):
    assert window.unit_banner.isVisible()
    general = window.settings_page.general
    general.editors["unit_name"].setText("青石镇人民政府")
    assert not general.save()  # a clerk: refused in place, nothing started
    assert general.error.text() == "只有管理员可以修改设置。"
    ctx.user = get_user(ctx.conn, "admin")  # the administrator fills it in
    assert general.save()
    qtbot.waitUntil(lambda: general.task.finished, timeout=5000)
    assert not window.unit_banner.isVisible()
    assert "已保存" in general.status.text()


def test_status_bar_counts_and_opens_the_overdue_cases(window, ctx, some_cases, qtbot):
    ctx.casesChanged.emit()
    qtbot.waitUntil(lambda: "超期" in window.due_button.text(), timeout=3000)
    qtbot.waitUntil(lambda: window._overdue > 0, timeout=3000)
    window.due_button.click()
    assert window.current_page() == "ledger"
    assert window.ledger.tier.currentText() == "超期"


def test_remembers_page_and_size(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.resize(700, 500)
    w.move(30, 40)
    w.show_page("stats")
    saved = w.geometry()
    w.close()
    again = MainWindow(ctx, qsettings)
    qtbot.addWidget(again)
    assert again.current_page() == "workbench"  # every day starts on the 工作台
    assert again.size() == saved.size() and saved.height() == 500
    w.ledger.reader.close()
    again.ledger.reader.close()


def test_stats_page_counts_this_month(window, ctx, some_cases, qtbot):
    window.show_page("stats")
    window.stats.figures = None
    window.stats.refresh()
    qtbot.waitUntil(lambda: window.stats.figures is not None, timeout=3000)
    f = window.stats.figures
    assert f.cases == 2  # two of the three cases were received in November
    assert f.by_category == {"国土资源(征地拆迁)": 1, "民政": 1}


def test_f1_opens_the_chinese_guide_and_ctrl_f_finds(window, qtbot):
    window.show_page("stats")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "ledger"
    assert window.ledger.search.hasFocus() or QApplication.focusWidget() is window.ledger.search
    assert window.guide_action.shortcut().toString() == "F1"
    guide = window.show_guide()
    text = guide.browser.toPlainText()
    for topic in ("登记", "办理", "告知书", "导出台账", "备份"):
        assert topic in text
    guide.close()
    shortcuts = window.show_shortcuts()
    keys = [shortcuts.table.item(r, 0).text() for r in range(shortcuts.table.rowCount())]
    assert "F1" in keys and "Ctrl+F" in keys
    assert shortcuts.table.item(keys.index("Ctrl+F"), 1).text() == "在任何页面按下即到台账查找"
    shortcuts.close()


def test_pages_are_built_on_first_show_and_work(ctx, qsettings, some_cases, qtbot):
    from petition_desk.ui.main_window import PAGE_KEYS

    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    # Only the 工作台 is built with the window, and it shows its data.
    assert [key for key in PAGE_KEYS if w.built_page(key) is not None] == ["workbench"]
    qtbot.waitUntil(lambda: w.workbench.data is not None, timeout=5000)
    assert w.stack.currentWidget() is w.workbench
    # Ctrl+3 builds the 台账 on first show; it loads the cases and opens one.
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    ledger = w.built_page("ledger")
    assert ledger is not None and w.current_page() == "ledger"
    assert w.stack.currentWidget() is ledger and ledger.isVisible()
    qtbot.waitUntil(lambda: ledger.model.rowCount() == len(some_cases), timeout=5000)
    ledger.openCase.emit(some_cases[0])  # wired to the window when it was built
    w._case_dialogs[some_cases[0]].close()
    w.activateWindow()  # the shortcuts below belong to the main window
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    # Ctrl+5: the 统计 page counts this month once built.
    qtbot.keyClick(w, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    stats = w.built_page("stats")
    assert stats is not None and w.stack.currentWidget() is stats
    qtbot.waitUntil(lambda: stats.figures is not None, timeout=5000)
    assert stats.figures.cases == 2
    for n, key in ((2, "registration"), (4, "reception"), (6, "settings"), (1, "workbench")):
        qtbot.keyClick(w, getattr(Qt.Key, f"Key_{n}"), Qt.KeyboardModifier.ControlModifier)
        assert w.current_page() == key
        assert w.stack.currentWidget() is w.built_page(key) is not None
    # Each page is built once: going back shows the same widget, the stack holds six.
    qtbot.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert w.stack.currentWidget() is ledger and w.stack.count() == len(PAGE_KEYS)
    ledger.reader.close()


def test_a_page_never_shown_is_not_built_to_close_and_keeps_its_layout(ctx, qsettings, qtbot):
    w = MainWindow(ctx, qsettings)
    qtbot.addWidget(w)
    w.show()
    w.show_page("registration")
    w.registration.splitter.setSizes([200, 600])
    left, right = w.registration.splitter.sizes()
    w.close()
    again = MainWindow(ctx, qsettings)
    qtbot.addWidget(again)
    again.show()
    again.close()  # the registration page was never shown: not built, its layout kept
    assert again.built_page("registration") is None
    third = MainWindow(ctx, qsettings)
    qtbot.addWidget(third)
    third.show()
    third.show_page("registration")
    qtbot.waitUntil(lambda: third.registration.splitter.sizes()[0] > 0, timeout=3000)
    now_left, now_right = third.registration.splitter.sizes()
    assert abs(now_left / (now_left + now_right) - left / (left + right)) < 0.02
    for window in (w, third):
        window.ledger.reader.close()
