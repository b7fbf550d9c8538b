import datetime as dt

from petition_desk.cli import main
from petition_desk.db.connection import connect
from petition_desk.db.keyring import Keyring, database_salt, keys_path
from petition_desk.services.backup import daily_backup
from petition_desk.services.registration import register_case
from tests.helpers import NOW, case_input


def test_daily_backup_once_a_day_and_pruned(conn, key, clerk, db_path):
    register_case(conn, case_input(), clerk, NOW)
    first = daily_backup(db_path, key, dt.date(2026, 11, 1), keep=2)
    copy = connect(first, key=key, readonly=True)
    assert copy.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    copy.close()
    assert daily_backup(db_path, key, dt.date(2026, 11, 1), keep=2) is None  # already made today
    daily_backup(db_path, key, dt.date(2026, 11, 2), keep=2)
    daily_backup(db_path, key, dt.date(2026, 11, 3), keep=2)
    names = sorted(p.name for p in first.parent.iterdir())
    assert names == [
        "desk-20261102.keys",
        "desk-20261102.sqlite",
        "desk-20261103.keys",
        "desk-20261103.sqlite",
    ]


def test_cli_backup(conn, key, db_path, tmp_path, capsys):
    out = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert connect(out, key=key, readonly=True).execute("PRAGMA user_version").fetchone()[0] > 0
    assert main(["backup", "--db", str(tmp_path / "missing.sqlite")]) == 2


def test_restore_round_trip_keeps_the_current_file_aside(
    opened, clerk, tmp_path, capsys, monkeypatch
):
    from conftest import PASSWORD
    from petition_desk.services import access
    from petition_desk.services.backup import list_backups, make_backup, verify_backup

    register_case(opened.conn, case_input(), clerk, NOW)
    copy = make_backup(
        opened.db_path, opened.db_path.parent / "backups" / "desk-1.sqlite", opened.key
    )
    register_case(opened.conn, case_input(summary="备份之后登记的"), clerk, NOW)
    assert [b.path for b in list_backups(opened.db_path)] == [copy]
    assert verify_backup(copy, opened.key).verified
    opened.conn.close()
    # A clerk may not restore; the administrator may.
    assert main(["restore", "--db", str(opened.db_path), "--from", str(copy)]) == 2
    assert "无权从备份恢复" in capsys.readouterr().err
    monkeypatch.setenv("PETITION_DESK_USER", "admin")
    assert main(["restore", "--db", str(opened.db_path), "--from", str(copy)]) == 0
    assert "原数据库另存为" in capsys.readouterr().out
    # The copy's key file knows its own file, and the desk's key file the restored one: a
    # mistyped password there is not taken for another desk's key file.
    for db in (copy, opened.db_path):
        ring = Keyring.load(keys_path(db))
        assert ring.data["db_salt"] == database_salt(db) and not ring.belongs_elsewhere(db)
    again = access.login(opened.db_path, "admin", PASSWORD)
    assert again.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert list(opened.db_path.parent.glob("desk.before-restore-*.sqlite"))
    again.conn.close()


def test_a_damaged_backup_is_not_restored(opened, tmp_path):
    import pytest

    from petition_desk.db.connection import StoreError
    from petition_desk.services.backup import restore

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\0" * 4096)
    before = opened.db_path.read_bytes()
    with pytest.raises(StoreError, match="未通过检查"):
        restore(opened, bad)
    assert opened.db_path.read_bytes() == before
