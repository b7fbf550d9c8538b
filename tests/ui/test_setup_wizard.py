"""First start: the setup wizard stores what was entered and skips what was left blank."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidgetItem

from conftest import admin_of
from petition_desk.services import directory, reception_store
from petition_desk.services import settings as settings_mod
from petition_desk.services.directory import get_user
from petition_desk.ui.main_window import MainWindow
from petition_desk.ui.setup_wizard import PAGE_IDS, SetupWizard


@pytest.fixture(autouse=True)
def _as_administrator(ctx):
    """Settings are the administrator's (管理员: users, settings, retention)."""
    ctx.user = get_user(ctx.conn, "admin")


def test_wizard_stores_every_step(ctx, qtbot):
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    assert w.windowTitle() == "信访接待台设置向导"
    assert sorted(w.pageIds()) == sorted(PAGE_IDS.values())
    w.unit.unit_name.setText("青石镇人民政府")
    w.villages.text.setPlainText("东坑村\n\n西岭村 \n")
    w.departments.text.setPlainText("农业农村办\n派出所")  # the first exists already
    w.leaders.table.setItem(0, 0, QTableWidgetItem("王强"))
    w.leaders.table.setItem(0, 1, QTableWidgetItem("镇长"))
    w.leaders.table.item(0, 2).setCheckState(Qt.CheckState.Checked)
    w.reception.kind.setCurrentIndex(2)  # 农历逢三、六、九
    w.accept()
    values = settings_mod.load(ctx.conn)
    assert values["unit_name"] == "青石镇人民政府"
    assert values["villages"] == ["东坑村", "西岭村"]
    assert [n for _i, n in directory.list_departments(ctx.conn)] == [
        "农业农村办",
        "自然资源所",
        "派出所",
    ]
    leaders = {r["name"]: r["principal"] for r in directory.list_leaders(ctx.conn)}
    assert leaders["王强"] == 1
    rules = reception_store.load_reception_rules(ctx.conn)
    assert [r.describe() for r in rules] == ["农历逢三、六、九上午"]


def test_every_step_can_be_skipped(ctx, qtbot):
    before = settings_mod.load(ctx.conn)
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.accept()  # Finish on the first page, everything blank
    assert settings_mod.load(ctx.conn) == before
    assert reception_store.load_reception_rules(ctx.conn) == []


def test_a_bad_entry_is_explained_and_nothing_is_stored(ctx, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    w = SetupWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    w.unit.unit_name.setText("青石镇人民政府")
    w.unit.office_hours.setText("八点到四点")
    w.next()
    w.accept()
    assert shown and "办公时间" in shown[0]
    assert w.currentPage() is w.unit
    assert settings_mod.load(ctx.conn)["unit_name"] == ""


def test_shown_at_first_start_only(ctx, qsettings, qtbot):
    window = MainWindow(ctx, qsettings)
    qtbot.addWidget(window)
    assert window.needs_setup()
    wizard = window.run_setup_wizard()
    wizard.unit.unit_name.setText("青石镇人民政府")
    wizard.accept()
    assert not window.needs_setup()
    window.ledger.reader.close()


def test_shown_after_the_first_start_dialog_named_the_unit(ctx, qsettings, qtbot):
    """A new desk has its unit name from the first-start dialog but nothing else set up."""
    for table in ("leaders", "departments"):  # the fixtures' lists: a desk just created
        ctx.conn.execute(f"DELETE FROM {table}")
    settings_mod.save(ctx.conn, {"unit_name": "青石镇人民政府"})
    ctx.settingsChanged.emit()
    window = MainWindow(ctx, qsettings)
    qtbot.addWidget(window)
    assert window.needs_setup()
    from petition_desk.services.directory import add_department

    add_department(ctx.conn, "农业农村办", actor=admin_of(ctx.conn))
    assert not window.needs_setup()  # a desk in use is never asked again
