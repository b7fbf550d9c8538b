"""Backups: verified before they count, kept in generations, a failure reported, never half."""

import datetime as dt

from conftest import NOW, case_input
from petition_desk.db.connection import connect
from petition_desk.db.engine import sqlite3
from petition_desk.services import backup_rotation as rot
from petition_desk.services.backup import backup_folder
from petition_desk.services.registration import register_case


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9))


def test_generations_daily_weekly_monthly():
    today = dt.date(2026, 11, 29)
    days = [today - dt.timedelta(days=n) for n in range(0, 6 * 365)]
    keep = rot.generations(days, today)
    daily = {d for d in keep if (today - d).days < 30}
    weekly = {d for d in keep if 30 <= (today - d).days < 183}
    monthly = {d for d in keep if 183 <= (today - d).days < 5 * 366}
    assert len(daily) == 30
    assert len({d.isocalendar()[:2] for d in weekly}) == len(weekly)  # one a week
    assert 20 <= len(weekly) <= 23
    assert len({(d.year, d.month) for d in monthly}) == len(monthly)  # one a month
    assert 53 <= len(monthly) <= 56
    assert not any((today - d).days >= 5 * 366 for d in keep)
    # the newest copy is kept even when it is very old
    old = [dt.date(2010, 1, 1)]
    assert rot.generations(old, today) == set(old)


def test_run_backup_verifies_names_and_prunes(conn, clerk, db_path, key):
    register_case(conn, case_input(), clerk, NOW)
    folder = backup_folder(db_path)
    folder.mkdir()
    # copies made long ago, one a day for 400 days (only their names matter for pruning)
    today = dt.date(2026, 11, 29)
    for n in range(1, 400):
        (folder / rot.dated_name(db_path, today - dt.timedelta(days=n))).write_bytes(b"x")
    status = rot.run_backup(db_path, key, at(today))
    assert status.ok and status.file.endswith("desk-20261129.sqlite")
    copy = connect(status.file, key=key, wal=False)
    assert copy.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert rot.verify_copy(folder / "desk-20261129.sqlite", key) == ""
    left = sorted(p.name for p in folder.glob("desk-*.sqlite"))
    assert 30 + 20 <= len(left) <= 30 + 23 + 10
    assert rot.last_status(db_path) == status
    assert not rot.due(db_path, today) and rot.due(db_path, today + dt.timedelta(days=1))
    # started again the same day: nothing to do
    assert rot.run_backup(db_path, key, at(today)) == status


def test_a_partial_copy_is_removed_and_never_counts(conn, db_path, key):
    folder = backup_folder(db_path)
    folder.mkdir()
    (folder / "desk-20261129.sqlite.part").write_bytes(b"half")
    (folder / ".desk-20261129.unverified").write_bytes(b"half")
    status = rot.run_backup(db_path, key, at(dt.date(2026, 11, 29)))
    assert status.ok
    # The copy's wrapped keys travel beside it (it is encrypted); nothing partial is left.
    assert sorted(p.name for p in folder.iterdir()) == [
        "desk-20261129.keys",
        "desk-20261129.sqlite",
        "last-backup.json",
    ]


def test_a_damaged_database_is_not_copied_over_the_last_good_backup(conn, clerk, db_path, key):
    register_case(conn, case_input(), clerk, NOW)
    good = rot.run_backup(db_path, key, at(dt.date(2026, 11, 28)))
    assert good.ok
    good_bytes = (backup_folder(db_path) / "desk-20261128.sqlite").read_bytes()
    conn.close()
    damage_an_index(db_path, key)
    status = rot.run_backup(db_path, key, at(dt.date(2026, 11, 29)))
    assert not status.ok and "完整性检查发现损坏" in status.message
    assert status.file == good.file
    assert not (backup_folder(db_path) / "desk-20261129.sqlite").exists()
    assert (backup_folder(db_path) / "desk-20261128.sqlite").read_bytes() == good_bytes
    assert rot.last_status(db_path) == status and rot.due(db_path, dt.date(2026, 11, 29))


def damage_an_index(db_path, key):
    """Change a byte inside an index entry: the table is intact, the index disagrees."""
    c = connect(db_path, key=key, wal=False)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = int(c.execute("PRAGMA page_size").fetchone()[0])
    (root,) = c.execute(
        "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND name = 'cases_received'"
    ).fetchone()
    c.close()
    with open(db_path, "r+b") as fh:
        fh.seek(root * page_size - 2)  # the last bytes of the last entry: its rowid
        byte = fh.read(1)
        fh.seek(-1, 1)
        fh.write(bytes([byte[0] ^ 0x40]))


def test_a_copy_that_fails_verification_does_not_count(conn, db_path, monkeypatch, key):
    monkeypatch.setattr(
        rot, "verify_copy", lambda path, key=None: "备份文件完整性检查未通过（测试）"
    )
    status = rot.run_backup(db_path, key, at(dt.date(2026, 11, 29)))
    assert not status.ok and "完整性检查未通过" in status.message
    assert not list(backup_folder(db_path).glob("desk-*"))
    assert not list(backup_folder(db_path).glob(".desk-*"))


def test_disk_full_during_the_copy_is_reported_and_leaves_nothing(conn, db_path, monkeypatch, key):
    def full(src, target, key=None):
        target.with_name(target.name + ".part").write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(rot, "make_backup", full)
    status = rot.run_backup(db_path, key, at(dt.date(2026, 11, 29)))
    assert not status.ok and "磁盘空间已满" in status.message
    assert sorted(p.name for p in backup_folder(db_path).iterdir()) == ["last-backup.json"]


def test_replacing_a_database_moves_a_stale_wal_aside(tmp_path, conn, clerk, db_path, key):
    register_case(conn, case_input(), clerk, NOW)
    copy = rot.run_backup(db_path, key, at(dt.date(2026, 11, 29))).file
    # The target: another database whose -wal still holds pages (its writer died).
    target = tmp_path / "other.sqlite"
    other = connect(target, key=key, wal=False)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("CREATE TABLE t(x)")
    other.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(2000)])
    other.commit()
    stale_wal = target.with_name("other.sqlite-wal").read_bytes()
    stale_shm = target.with_name("other.sqlite-shm").read_bytes()
    other.close()
    target.with_name("other.sqlite-wal").write_bytes(stale_wal)
    target.with_name("other.sqlite-shm").write_bytes(stale_shm)
    old = rot.replace_database(copy, target, key)
    assert old is not None and old.exists()
    assert not target.with_name("other.sqlite-wal").exists()
    restored = connect(target, key=key, wal=False)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert restored.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    assert list(tmp_path.glob("other.sqlite-wal.replaced-*"))


def test_cli_backup_is_verified_and_a_bad_copy_removed(
    conn, db_path, tmp_path, monkeypatch, capsys
):
    from petition_desk.cli import main

    out = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert "已备份并核验" in capsys.readouterr().out
    monkeypatch.setattr(
        rot, "verify_copy", lambda path, key=None: "备份文件完整性检查未通过（测试）"
    )
    bad = tmp_path / "bad.sqlite"
    assert main(["backup", "--db", str(db_path), "--out", str(bad)]) == 1
    assert "备份未通过检查" in capsys.readouterr().err and not bad.exists()
