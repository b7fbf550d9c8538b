"""Fault injection: the store and the disk fail; the clerk gets a Chinese sentence saying what
to do, the command line exits 1 without a traceback, and nothing is half-saved."""

import os
import random
import shutil

import pytest

from conftest import NOW, case_input
from petition_desk.cli import main
from petition_desk.db import connection
from petition_desk.db.connection import EmptyFileError, open_store, sql_key
from petition_desk.db.engine import sqlite3
from petition_desk.db.errors import (
    CannotOpenError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyDatabaseError,
    set_busy_timeout,
    store_errors,
    translate,
)
from petition_desk.db.keyring import CHEAP_KDF, keys_path
from petition_desk.services import backup_rotation
from petition_desk.services.checks import check_database
from petition_desk.services.registration import register_case

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def counts(conn) -> tuple:
    """Everything a registration writes: nothing may change when it fails."""
    rows = [
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("cases", "people", "case_people", "case_events")
    ]
    rows.append(conn.execute("SELECT coalesce(sum(last), 0) FROM number_sequences").fetchone()[0])
    return tuple(rows)


def register(conn, clerk):
    with store_errors():
        return register_case(conn, case_input(), clerk, NOW)


def test_translate_knows_each_failure():
    cases = {
        "database is locked": (DatabaseBusyError, "另一项操作正在写入"),
        "database or disk is full": (DiskFullError, "磁盘空间已满"),
        "attempt to write a readonly database": (ReadOnlyDatabaseError, "只读"),
        "unable to open database file": (CannotOpenError, "无法打开"),
    }
    for text, (kind, words) in cases.items():
        err = translate(sqlite3.OperationalError(text), "d.sqlite")
        assert isinstance(err, kind) and words in str(err), text
    assert translate(ValueError("x")) is None
    assert isinstance(translate(OSError(28, "No space left", "x")), DiskFullError)
    assert isinstance(translate(PermissionError(13, "denied", "x")), ReadOnlyDatabaseError)


def test_disk_full_saves_nothing(conn, clerk, key):
    register(conn, clerk)
    before = counts(conn)
    # SQLite's own limit stands in for a full disk: the next page cannot be had (SQLITE_FULL).
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    big = case_input(facts="事" * 19_000)
    with pytest.raises(DiskFullError, match=r"磁盘空间已满.*没有保存"), store_errors():
        for _ in range(20):
            register_case(conn, big, clerk, NOW)
    saved = counts(conn)[0] - before[0]
    conn.execute("PRAGMA max_page_count = 1073741823")
    # whatever was saved before the disk filled is whole; the failed one left no trace
    after = counts(conn)
    assert after[0] == before[0] + saved and after[4] == before[4] + saved
    assert check_database(conn.execute("PRAGMA database_list").fetchone()[2], key=key).healthy


def test_locked_database_from_a_second_connection(conn, clerk, db_path, key):
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute(f"PRAGMA key = {sql_key(key)}")  # the store is encrypted
    other.execute("BEGIN IMMEDIATE")
    before = counts(conn)
    set_busy_timeout(conn, 100)
    try:
        with pytest.raises(DatabaseBusyError, match=r"另一项操作正在写入.*没有保存"):
            register(conn, clerk)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert counts(conn) == before
    register(conn, clerk)  # once the other writer is done, saving works again


def test_cli_import_while_another_program_writes(db_path, conn, key, tmp_path, monkeypatch, capsys):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["来访日期", "来访人", "住址", "反映问题", "诉求"])
    wb.active.append(["2025-4-1", "郑九", "青石村", "反映路灯不亮", "修路灯"])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    real_open = connection.open_store

    def impatient(*a, **k):
        c = real_open(*a, **k)
        set_busy_timeout(c, 100)
        return c

    monkeypatch.setattr(connection, "open_store", impatient)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute(f"PRAGMA key = {sql_key(key)}")  # the store is encrypted
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main(["import-ledger", "--db", str(db_path), str(path)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1 and "另一项操作正在写入" in err and "Traceback" not in err
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


def test_read_only_database(conn, clerk, db_path):
    before = counts(conn)
    conn.execute("PRAGMA query_only = 1")  # what a read-only file looks like to SQLite
    with pytest.raises(ReadOnlyDatabaseError, match=r"只读.*没有保存"):
        register(conn, clerk)
    conn.execute("PRAGMA query_only = 0")
    assert counts(conn) == before


def test_cli_on_a_read_only_database_exits_1(db_path, conn, tmp_path, monkeypatch, capsys):
    real_open = connection.open_store

    def read_only(*a, **k):
        c = real_open(*a, **k)
        c.execute("PRAGMA query_only = 1")
        return c

    monkeypatch.setattr(connection, "open_store", read_only)
    monkeypatch.setattr("petition_desk.services.access.open_store", read_only)  # the login's
    monkeypatch.setattr("petition_desk.services.directory.ensure_defaults", lambda c: None)
    out = tmp_path / "l.xlsx"
    code = main(["export-ledger", "--db", str(db_path), "--all", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "只读" in err and "Traceback" not in err, err
    assert not out.exists()  # an export whose audit entry cannot be written is not written


@pytest.mark.skipif(ROOT, reason="root can write anywhere")
def test_unwritable_folder_for_a_new_database(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(Exception) as err, store_errors(folder / "d.sqlite"):
            open_store(folder / "d.sqlite")
        assert isinstance(translate(err.value), ReadOnlyDatabaseError | CannotOpenError)
    finally:
        folder.chmod(0o700)


def test_unwritable_data_folder_cli_says_so(tmp_path, monkeypatch, capsys):
    target = tmp_path / "no" / "d.sqlite"

    def denied(self, *a, **k):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr("pathlib.Path.mkdir", denied)
    code = main(["demo-data", "--db", str(target), "--cases", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "没有权限写入" in err and "Traceback" not in err


def test_an_export_into_an_unwritable_place(db_path, conn, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        "os.replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied", a[1]))
    )
    out = tmp_path / "l.xlsx"
    code = main(["export-ledger", "--db", str(db_path), "--all", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "没有权限写入" in err and not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_zero_byte_file_is_refused_unless_asked(tmp_path, capsys):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError, match=r"空文件（0 字节）.*--new-db"):
        open_store(empty)
    assert empty.stat().st_size == 0
    code = main(["export-ledger", "--db", str(empty), "--all", "--out", str(tmp_path / "x.xlsx")])
    assert code == 1 and "空文件" in capsys.readouterr().err
    assert empty.stat().st_size == 0
    open_store(empty, replace_empty=True).close()
    assert empty.stat().st_size > 0


def flipped_copies(source, folder, n, seed=17):
    """``n`` copies of ``source`` with one byte flipped each (past the 100-byte header)."""
    data = source.read_bytes()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pos = rng.randrange(100, len(data))
        damaged = bytearray(data)
        damaged[pos] ^= 1 << rng.randrange(8)
        path = folder / f"flip{i:02d}.sqlite"
        path.write_bytes(bytes(damaged))
        out.append(path)
    return out


def test_bit_flipped_files_never_slip_into_a_backup(tmp_path):
    """Every flipped file SQLite's integrity check calls damaged is refused at open or by the
    backup: a damaged file never becomes a backup."""
    tally = flip_run(tmp_path, int(os.environ.get("PETITION_DESK_FLIPS", "30")))
    print("bit flips:", tally)
    assert tally["files"] >= 30 and tally["damaged"] >= 1
    assert tally["slipped_into_backup"] == 0
    assert tally["refused_at_open"] + tally["refused_by_backup"] >= tally["damaged"]


def flip_run(tmp_path, n: int) -> dict:
    from petition_desk.services.demo import build_demo

    source = tmp_path / "src" / "demo.sqlite"
    source.parent.mkdir()
    key = build_demo(source, 60, seed=3, kdf=CHEAP_KDF)
    folder = tmp_path / "flips"
    folder.mkdir()
    tally = dict.fromkeys(
        ("files", "damaged", "refused_at_open", "refused_by_backup", "slipped_into_backup"), 0
    )
    for path in flipped_copies(source, folder, n):
        tally["files"] += 1
        shutil.copy(keys_path(source), keys_path(path))  # the encrypted copy's key file
        damaged = any("完整性" in p or "无法" in p for p in check_database(path, key=key).problems)
        tally["damaged"] += damaged
        try:
            open_store(path, key).close()
        except Exception as exc:  # every refusal is a StoreError with a Chinese message
            assert translate(exc) is not None, exc
            tally["refused_at_open"] += 1
            continue
        status = backup_rotation.run_backup(path, key)
        if not status.ok:
            tally["refused_by_backup"] += 1
        elif damaged:
            tally["slipped_into_backup"] += 1
    return tally


def test_the_startup_check_refuses_a_damaged_page(db_path, conn, clerk, key):
    for _ in range(30):
        register_case(conn, case_input(), clerk, NOW)
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    (root,) = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'cases'").fetchone()
    conn.close()
    with open(db_path, "r+b") as fh:  # the b-tree page header of the cases table
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 12)
    with pytest.raises(Exception) as err:
        open_store(db_path, key)
    assert "损坏" in str(translate(err.value))
    assert main(["check", "--db", str(db_path)]) == 1
