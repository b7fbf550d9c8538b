import datetime as dt
import sqlite3

from petition_desk.cli import main
from petition_desk.services.backup import daily_backup
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input


def test_daily_backup_once_a_day_and_pruned(conn, clerk, db_path):
    register_case(conn, case_input(), clerk, NOW)
    first = daily_backup(db_path, dt.date(2026, 11, 1), keep=2)
    assert first and sqlite3.connect(first).execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert daily_backup(db_path, dt.date(2026, 11, 1), keep=2) is None  # already made today
    daily_backup(db_path, dt.date(2026, 11, 2), keep=2)
    daily_backup(db_path, dt.date(2026, 11, 3), keep=2)
    names = sorted(p.name for p in first.parent.iterdir())
    assert names == ["desk-20261102.sqlite", "desk-20261103.sqlite"]


def test_cli_backup(conn, db_path, tmp_path, capsys):
    out = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert sqlite3.connect(out).execute("PRAGMA user_version").fetchone()[0] > 0
    assert main(["backup", "--db", str(tmp_path / "missing.sqlite")]) == 2
