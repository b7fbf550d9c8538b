import shutil
from pathlib import Path

import pytest

from petition_desk.db import (
    LATEST_VERSION,
    CorruptDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    open_store,
)
from petition_desk.db.engine import sqlite3
from petition_desk.db.migrations import MIGRATIONS, USER_LEADER_SQL
from petition_desk.db.search import search_clause
from petition_desk.services.cases import get_case

V1 = Path(__file__).parent / "data" / "schema_v1.sqlite"


def test_new_file_gets_latest_schema_wal_and_foreign_keys(db_path):
    conn = open_store(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert not list(db_path.parent.glob("*.bak.sqlite"))  # nothing to back up


def test_version_1_file_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(V1, path)
    conn = open_store(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    (backup,) = tmp_path.glob("old.v1-*.bak.sqlite")
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    # The data survived, the new pinyin column was filled and the new FTS index sees old rows.
    assert get_case(conn, "2026-0001")["summary"] == "反映征地补偿款未足额发放"
    assert conn.execute("SELECT initials FROM people").fetchone()[0] == "zjg"
    where, args = search_clause("补偿款")
    assert conn.execute(f"SELECT count(*) FROM cases c WHERE {where}", args).fetchone()[0] == 1


def test_file_from_a_newer_version_is_refused_and_untouched(db_path):
    open_store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="更新版本"):
        open_store(db_path)
    assert db_path.read_bytes() == before


def test_non_sqlite_file_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(NotADatabaseError, match="不是信访接待台的数据库"):
        open_store(path)
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t(x)")
    raw.close()
    with pytest.raises(NotADatabaseError, match="没有结构版本号"):
        open_store(path)


def test_corrupt_file_is_reported(db_path):
    conn = open_store(db_path)
    conn.execute("CREATE TABLE filler(x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xff" * (4096 * 3)
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="已损坏"):
        open_store(db_path)


def test_history_is_append_only(conn, clerk):
    from petition_desk.services.registration import register_case
    from tests.helpers import NOW, case_input

    case_id, _ = register_case(conn, case_input(), clerk, NOW)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE case_events SET actor = 'x' WHERE case_id = ?", (case_id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM case_events")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM cases")


def test_leader_users_are_linked_by_an_unambiguous_name_when_migrating(db_path):
    """The version that links 领导 users to leaders by id keeps each link the old name rule
    made, where the name picks out one leader and one 领导 user; it guesses no other."""
    conn = open_store(db_path)
    conn.executescript(
        "DROP INDEX users_leader; ALTER TABLE users DROP COLUMN leader_id;"
        "INSERT INTO leaders(name) VALUES ('陈国华'), ('李明'), ('李明'), ('王伟');"
        "INSERT INTO users(login, name, role) VALUES ('chen', '陈国华', '领导'),"
        " ('li', '李明', '领导'), ('wang1', '王伟', '领导'), ('wang2', '王伟', '领导'),"
        " ('clerk', '陈国华', '信访员');"
        f"PRAGMA user_version = {MIGRATIONS.index([USER_LEADER_SQL])};"  # just before it
    )
    conn.close()
    conn = open_store(db_path)
    links = dict(conn.execute("SELECT login, leader_id FROM users"))
    assert links == {"chen": 1, "li": None, "wang1": None, "wang2": None, "clerk": None}


def test_an_upgrade_says_what_it_is_doing(db_path):
    """Checking, copying and migrating a large desk take minutes: each step is said first."""
    from petition_desk.db.connection import UPGRADE_STAGES

    conn = open_store(db_path)
    conn.executescript(  # back to the version before the leader link
        "DROP INDEX users_leader; ALTER TABLE users DROP COLUMN leader_id;"
        f"PRAGMA user_version = {MIGRATIONS.index([USER_LEADER_SQL])};"
    )
    conn.close()
    said: list[str] = []
    open_store(db_path, quick_check=False, on_stage=said.append).close()
    assert said == list(UPGRADE_STAGES)
    said.clear()
    open_store(db_path, quick_check=False, on_stage=said.append).close()
    assert said == []  # nothing to upgrade: nothing said
