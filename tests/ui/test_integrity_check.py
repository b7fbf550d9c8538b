"""The whole-file check runs after the window shows, and damage is still said (in words)."""

from conftest import PASSWORD
from petition_desk.db.connection import connect
from petition_desk.services.registration import register_case
from petition_desk.ui import app as app_module
from tests.helpers import NOW, case_input


def _damage_cases_table(db_path, conn) -> None:
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    (root,) = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'cases'").fetchone()
    conn.close()
    with open(db_path, "r+b") as fh:  # the b-tree page header of the cases table
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 12)


def _open(db_path, qtbot, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(
        app_module.QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text)
    )
    window = app_module.open_window(db_path, ("clerk", PASSWORD))
    assert window is not None
    window.show()
    check = app_module.start_integrity_check(window)
    qtbot.waitUntil(lambda: check.done, timeout=10000)
    return window, check, said


def test_a_damaged_desk_opens_and_then_says_it_is_damaged(opened, clerk, qtbot, monkeypatch):
    for _ in range(30):
        register_case(opened.conn, case_input(), clerk, NOW)
    conn = connect(opened.db_path, key=opened.key, wal=False)
    opened.conn.close()
    _damage_cases_table(opened.db_path, conn)
    window, check, said = _open(opened.db_path, qtbot, monkeypatch)
    assert check.damage is not None and "损坏" in check.damage and "备份" in check.damage
    assert said == [check.damage]  # the clerk is told, in words
    window.ctx.close()
    window.deleteLater()


def test_a_sound_desk_says_nothing(opened, qtbot, monkeypatch):
    opened.conn.close()
    window, check, said = _open(opened.db_path, qtbot, monkeypatch)
    assert check.damage is None and said == []
    window.ctx.close()
    window.deleteLater()
