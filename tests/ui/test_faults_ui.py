"""The window's side of faults: the known-ID choice, the single instance, shutdown, a failed
backup in the status bar, a busy store and a zero-byte file."""

import pytest
from PySide6.QtWidgets import QMessageBox

from conftest import NOW, PASSWORD, case_input
from petition_desk.db.engine import sqlite3
from petition_desk.db.errors import DatabaseBusyError
from petition_desk.services import drafts
from petition_desk.services.backup_rotation import BackupStatus
from petition_desk.services.registration import register_case
from petition_desk.ui import shutdown
from petition_desk.ui.backup_watch import BackupWatch, show_in_status_bar
from petition_desk.ui.main_window import MainWindow
from petition_desk.ui.registration_page import RegistrationPage
from petition_desk.ui.single_instance import SingleInstance, ask_first_to_come_forward
from tests.helpers.gui import type_text
from tests.ui.test_registration_page import fill_matter, fill_person


@pytest.fixture
def page(ctx, qtbot):
    p = RegistrationPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    return p


def answer_with(monkeypatch, label: str, seen: list):
    """Click the button whose text is ``label`` when the known-ID question appears."""

    def exec_(box):
        seen.append(box.text() + "\n" + box.informativeText())
        for b in box.buttons():
            if b.text() == label:
                box._clicked = b
                return 0
        box._clicked = None
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)


def test_a_known_id_with_other_details_asks_and_keeps_what_was_typed(page, ctx, qtbot, monkeypatch):
    register_case(ctx.conn, case_input(), ctx.user, NOW)
    seen = []
    answer_with(monkeypatch, "Cancel", seen)
    fill_person(qtbot, page.people[0], phone="13900001111")
    fill_matter(qtbot, page)
    assert not page.save()
    assert "联系电话：已登记为“13812341234”，本次填写为“13900001111”" in seen[0]
    assert page.people[0].phone.text() == "13900001111"  # nothing typed was dropped
    assert ctx.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1

    answer_with(monkeypatch, "按本次填写的信息更正登记", seen)
    assert page.save()
    phone = ctx.conn.execute("SELECT phone FROM people").fetchone()[0]
    assert phone == "13900001111"


def test_form_fields_carry_the_service_limits(page):
    assert page.summary.maxLength() == 200
    assert page.people[0].name.maxLength() == 50


def test_a_busy_store_is_said_and_the_form_kept(page, ctx, qtbot, monkeypatch):
    def busy(*a, **k):
        raise DatabaseBusyError("另一项操作正在写入数据库，本次操作没有保存任何内容")

    monkeypatch.setattr("petition_desk.ui.registration_page.register_case", busy)
    fill_person(qtbot, page.people[0])
    fill_matter(qtbot, page)
    assert not page.save()
    assert "另一项操作正在写入" in page.banner.text()
    assert page.people[0].name.text() == "张建国"


def test_one_instance_per_database_and_bring_forward(tmp_path, qtbot):
    db = tmp_path / "d.sqlite"
    first = SingleInstance(db)
    assert first.acquire()
    second = SingleInstance(tmp_path / "d.sqlite")
    assert not second.acquire()
    assert SingleInstance(tmp_path / "other.sqlite").acquire()
    raised = []
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    first.listen(window)
    first.bring_forward = lambda: raised.append(True)
    assert ask_first_to_come_forward(db)
    qtbot.waitUntil(lambda: raised == [True], timeout=3000)
    first.release()
    assert SingleInstance(db).acquire()


def test_shutdown_keeps_the_typed_form_and_closes_the_store(ctx, qsettings, qtbot, qapp):
    window = MainWindow(ctx, qsettings)
    qtbot.addWidget(window)
    type_text(qtbot, window.registration.people[0].name, "赵六")
    type_text(qtbot, window.registration.facts, "路灯不亮")
    guard = shutdown.install(qapp, window)
    try:
        guard.finish()
    finally:
        guard.restore_signals()
    (draft,) = drafts.drafts_dir().glob("registration-*.draft")
    assert "赵六".encode() not in draft.read_bytes()  # encrypted like the database
    assert draft.stat().st_mode & 0o077 == 0
    ((_path, data),) = drafts.load_drafts("registration", ctx.key)
    assert data["people"][0]["name"] == "赵六" and data["facts"] == "路灯不亮"
    assert drafts.load_drafts("registration", b"\x01" * 32) == []  # another desk's key
    with pytest.raises(sqlite3.ProgrammingError):
        ctx.conn.execute("SELECT 1")  # closed (and so checkpointed)
    assert not window.registration.is_dirty()


def test_a_start_with_no_kept_form_leaves_the_registration_page_unbuilt(ctx, qsettings, qtbot):
    from petition_desk.ui.app import _restore_drafts

    window = MainWindow(ctx, qsettings)
    qtbot.addWidget(window)
    _restore_drafts(window)
    assert window.built_page("registration") is None  # built when first shown, not to start
    assert window.current_page() == "workbench"


def test_a_kept_form_comes_back_at_the_next_start(ctx, qsettings, qtbot):
    from petition_desk.ui.app import _restore_drafts

    first = MainWindow(ctx, qsettings)
    qtbot.addWidget(first)
    type_text(qtbot, first.registration.people[0].name, "赵六")
    type_text(qtbot, first.registration.summary, "反映路灯不亮")
    first.registration.category.addItem("已停用的类别")
    first.registration.category.setCurrentText("已停用的类别")
    drafts.save_draft("registration", first.registration.value(), ctx.key)
    first.registration.reset()
    second = MainWindow(ctx, qsettings)
    qtbot.addWidget(second)
    _restore_drafts(second)
    page = second.registration
    assert page.people[0].name.text() == "赵六" and page.summary.text() == "反映路灯不亮"
    assert page.category.currentText() == "已停用的类别"  # kept, though no longer a choice
    assert drafts.load_drafts("registration", ctx.key) == []  # taken back, not kept twice
    assert "回到登记表" in second.statusBar().currentMessage()
    page.reset()


def test_a_failed_backup_shows_in_the_status_bar(ctx, qsettings, qtbot):
    window = MainWindow(ctx, qsettings)
    qtbot.addWidget(window)
    watch = BackupWatch(ctx.db_path, parent=window, key=ctx.key)
    label = show_in_status_bar(watch, window)
    watch.finished.emit(
        BackupStatus(False, "2026-11-16T10:00:00", "今天的备份没有成功：磁盘空间已满")
    )
    assert not label.isHidden() and label.text() == "备份失败"
    assert "磁盘空间已满" in label.toolTip()
    watch.finished.emit(BackupStatus(True, "2026-11-17T10:00:00", "已备份"))
    assert label.isHidden()


def set_up_when_asked(monkeypatch) -> None:
    """Fill the first-start dialog (unit, administrator's password twice) when it opens."""
    from petition_desk.ui import login_dialog

    def exec_(dialog):
        dialog.unit.setText("青石镇人民政府")
        dialog.password.setText(PASSWORD)
        dialog.repeat.setText(PASSWORD)
        dialog.submit()
        return dialog.result()

    monkeypatch.setattr(login_dialog.FirstStartDialog, "exec", exec_)
    monkeypatch.setattr(login_dialog.RecoveryKeyDialog, "exec", lambda _d: 1)


def test_a_zero_byte_file_is_only_replaced_when_the_clerk_agrees(tmp_path, monkeypatch, qapp):
    from petition_desk.ui.app import open_window

    empty = tmp_path / "e.sqlite"
    empty.write_bytes(b"")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert open_window(empty) is None
    assert empty.stat().st_size == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    set_up_when_asked(monkeypatch)
    window = open_window(empty)
    assert window is not None and empty.stat().st_size > 0
    window.ctx.close()
    window.deleteLater()


def test_a_long_text_is_kept_and_its_length_shown(page, qtbot):
    page.facts.setPlainText("事" * 20_001)
    assert page.facts_error.text() == "内容过长：现有 20001 字，最多 20000 字。"
    assert len(page.facts.toPlainText()) == 20_001  # nothing cut
    page.facts.setPlainText("事实")
    assert page.facts_error.isHidden()


def test_an_unusable_data_folder_is_explained_in_a_dialog(tmp_path, monkeypatch, qapp):
    from petition_desk.ui.app import open_window, setup_logging

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    import logging

    before = list(logging.getLogger().handlers)
    log_path = setup_logging()  # falls back to the temporary folder, never raises
    for handler in set(logging.getLogger().handlers) - set(before):
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert log_path.exists()
    log_path.unlink()
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    assert open_window(blocker / "data" / "desk.sqlite") is None
    assert "路径中有一部分是文件" in said[0]


def test_the_backup_runs_again_when_the_day_changes(ctx, qtbot, monkeypatch):
    import datetime as dt

    clock = [dt.datetime(2026, 11, 16, 17, 0)]
    watch = BackupWatch(ctx.db_path, now=lambda: clock[0], key=ctx.key)
    done = []
    watch.finished.connect(done.append)
    watch.run_if_due().join()
    qtbot.waitUntil(lambda: len(done) == 1)
    assert done[0].ok and watch.run_if_due() is None  # today's copy exists
    clock[0] = dt.datetime(2026, 11, 17, 0, 10)  # the desk stayed open past midnight
    watch.run_if_due().join()
    qtbot.waitUntil(lambda: len(done) == 2)
    assert done[1].ok and done[1].file.endswith("desk-20261117.sqlite")
