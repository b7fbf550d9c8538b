"""Encryption at rest, login and lock-out, conversion of a plain file (issue 12)."""

from __future__ import annotations

import datetime as dt
import sqlite3 as plain_sqlite

import pytest

from conftest import NOW, PASSWORD, audit_log, case_input
from petition_desk.db.connection import WrongKeyError, connect, open_store
from petition_desk.db.keyring import (
    CHEAP_KDF,
    Kdf,
    Keyring,
    LockedError,
    WrongPasswordError,
    keys_path,
    unlock_early,
)
from petition_desk.services import access, audit
from petition_desk.services.backup import make_backup
from petition_desk.services.checks import check_database
from petition_desk.services.directory import User, get_user
from petition_desk.services.encryption import encrypt_plain
from petition_desk.services.registration import register_case

ID_NUMBER = "11010519491231002X"


def test_file_and_backup_hold_no_readable_personal_data(opened, clerk, tmp_path):
    register_case(opened.conn, case_input(), clerk, NOW)
    opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = make_backup(opened.db_path, tmp_path / "b" / "copy.sqlite", opened.key)
    for path in (opened.db_path, copy):
        raw = path.read_bytes()
        assert ID_NUMBER.encode() not in raw
        assert "张建国".encode() not in raw
        assert not raw.startswith(b"SQLite format 3")
    assert keys_path(copy).exists()
    # The copy opens with the same key and says the same.
    conn = connect(copy, key=opened.key, readonly=True)
    assert conn.execute("SELECT people_names FROM cases").fetchone()[0] == "张建国"
    conn.close()


def test_fts_trigram_works_inside_the_encrypted_file(opened, clerk):
    register_case(opened.conn, case_input(), clerk, NOW)
    hits = opened.conn.execute(
        "SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?", ('"征地补偿"',)
    ).fetchall()
    assert len(hits) == 1


def test_wrong_key_is_a_clear_message_and_leaves_the_file_alone(opened):
    opened.conn.close()
    before = opened.db_path.read_bytes()
    with pytest.raises(WrongKeyError, match="文件未被改动"):
        open_store(opened.db_path, b"\x01" * 32)
    assert opened.db_path.read_bytes() == before


def test_without_a_key_the_encrypted_file_asks_for_login(opened):
    with pytest.raises(WrongKeyError, match="请先登录"):
        open_store(opened.db_path)


def count_derivations(monkeypatch) -> list[int]:
    calls: list[int] = []
    derive = Kdf.derive

    def counted(self, secret, salt):
        calls.append(1)
        return derive(self, secret, salt)

    monkeypatch.setattr(Kdf, "derive", counted)
    return calls


def test_a_login_started_at_launch_derives_the_key_once(opened, monkeypatch):
    opened.conn.close()
    calls = count_derivations(monkeypatch)
    early = unlock_early(opened.db_path, "clerk", PASSWORD)
    assert early is not None
    desk = access.login(opened.db_path, "clerk", PASSWORD, early=early)
    assert desk.key == opened.key and desk.user.login == "clerk"
    assert len(calls) == 1  # on the launch thread only: the login used it
    desk.conn.close()


def test_the_launch_thread_never_writes_the_key_file(opened):
    """It may run beside another desk window on the same file (a second start is refused by
    the single-instance lock only later): counting a failure is the login's."""
    opened.conn.close()
    keys = keys_path(opened.db_path)
    before = keys.read_bytes()
    early = unlock_early(opened.db_path, "clerk", "wrong-0")
    assert early is not None
    early.wrapping_key({})  # waits for the thread
    assert keys.read_bytes() == before
    with pytest.raises(WrongPasswordError, match="还可再试 4 次"):
        access.login(opened.db_path, "clerk", "wrong-0", early=early)
    # Counted once, by the login: the next failure leaves 3 tries, not 2.
    with pytest.raises(WrongPasswordError, match="还可再试 3 次"):
        access.login(opened.db_path, "clerk", "wrong-1")


def test_a_launch_derivation_is_used_only_for_its_own_login(opened, monkeypatch):
    opened.conn.close()
    calls = count_derivations(monkeypatch)
    early = unlock_early(opened.db_path, "clerk", PASSWORD)
    with pytest.raises(WrongPasswordError):  # another password: derived again, and refused
        access.login(opened.db_path, "clerk", "wrong-0", early=early)
    early.wrapping_key({})
    assert len(calls) == 2
    other = opened.db_path.with_name("other.sqlite")
    assert unlock_early(other, "clerk", PASSWORD) is None  # no such desk: the usual way
    other.touch()
    assert unlock_early(other, "clerk", PASSWORD) is None  # an empty file is never a desk


def test_a_refused_password_says_when_the_key_file_is_another_desks(tmp_path):
    from conftest import make_desk

    first, second = tmp_path / "a" / "desk.sqlite", tmp_path / "b" / "desk.sqlite"
    for path in (first, second):
        path.parent.mkdir()
        desk = make_desk(path)
        desk.conn.close()
        access.login(path, "clerk", PASSWORD).conn.close()  # the key file learns its database
    with pytest.raises(WrongPasswordError) as own:
        access.login(first, "clerk", "wrong-0")
    assert "另一个数据库" not in str(own.value)
    keys_path(first).write_bytes(keys_path(second).read_bytes())  # the other desk's .keys
    with pytest.raises(WrongPasswordError, match="另一个数据库文件一起用的") as other:
        access.login(first, "clerk", "wrong-1")
    assert "用户名或密码不正确" in str(other.value)


def test_login_and_lockout_with_growing_delay(opened):
    opened.conn.close()
    for i in range(4):
        with pytest.raises(WrongPasswordError, match="还可再试"):
            access.login(opened.db_path, "clerk", f"wrong-{i}", NOW)
    with pytest.raises(LockedError, match="已锁定"):
        access.login(opened.db_path, "clerk", "wrong-5", NOW)
    # Even the right password waits out the lock.
    with pytest.raises(LockedError):
        access.login(opened.db_path, "clerk", PASSWORD, NOW + dt.timedelta(seconds=10))
    with pytest.raises(LockedError, match="60秒"):
        access.login(opened.db_path, "clerk", "wrong-6", NOW + dt.timedelta(seconds=31))
    later = NOW + dt.timedelta(minutes=5)
    again = access.login(opened.db_path, "clerk", PASSWORD, later)
    actions = [r["action"] for r in audit_log(again.conn)]
    # The failures counted in the key file were moved into the audit log at the next login.
    assert actions.count("登录失败") == 4 and actions.count("账号锁定") == 2
    assert actions[0] == "登录"
    again.conn.close()


def test_unknown_user_is_refused_like_a_wrong_password(opened):
    with pytest.raises(WrongPasswordError, match="用户名或密码不正确"):
        access.login(opened.db_path, "nobody", PASSWORD)


def test_resetting_one_password_rewraps_one_slot_only(opened):
    ring = Keyring.load(keys_path(opened.db_path))
    before = dict(ring.data["slots"])
    access.reset_password(opened, "clerk", "new-password-1")
    after = Keyring.load(keys_path(opened.db_path)).data["slots"]
    assert after["user:admin"] == before["user:admin"]
    assert after["recovery"] == before["recovery"]
    assert after["user:clerk"] != before["user:clerk"]
    opened.conn.close()
    access.login(opened.db_path, "clerk", "new-password-1").conn.close()


def test_recovery_key_opens_and_resets_the_admin(tmp_path):
    db = tmp_path / "r.sqlite"
    opened, recovery = access.init_desk(db, "某镇", "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    opened.conn.close()
    access.recover(db, recovery.lower().replace("-", " "), "admin", "brand-new-pass")
    access.login(db, "admin", "brand-new-pass").conn.close()
    with pytest.raises(WrongPasswordError):
        access.recover(db, "AAAA-BBBB", "admin", "brand-new-pass")


def test_a_plain_database_is_converted_and_checked(tmp_path):
    db = tmp_path / "old.sqlite"
    conn = open_store(db)  # an unencrypted file as the previous version wrote it
    conn.execute("INSERT INTO users(login, name) VALUES ('clerk', '信访员')")
    clerk = get_user(conn, "clerk")
    case_id, number = register_case(
        conn, case_input(), User(clerk.id, "clerk", "信访员", "信访员"), NOW
    )
    old_scan = tmp_path / "old-attachments" / number / "scan.txt"
    old_scan.parent.mkdir(parents=True)
    old_scan.write_text("来信原件 11010519491231002X", encoding="utf-8")
    conn.execute(
        "INSERT INTO attachments(case_id, name, path, sha256, size, added_at) "
        "VALUES (?, 'scan.txt', ?, 'x', 1, '2026-01-01')",
        (case_id, f"{number}/scan.txt"),
    )
    conn.close()
    result = encrypt_plain(db, "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    assert old_scan in result.plain_copies
    enc_scan = old_scan.with_name("scan.txt.enc")
    assert enc_scan.exists() and ID_NUMBER.encode() not in enc_scan.read_bytes()
    assert not db.read_bytes().startswith(b"SQLite format 3")
    kept = [p for p in result.plain_copies if ".plain-" in p.name]
    assert kept and kept[0].read_bytes().startswith(b"SQLite format 3")
    opened = access.login(db, "admin", PASSWORD)
    assert opened.user.role == "管理员"
    opened.conn.close()
    assert check_database(db, key=opened.key).healthy
    # The standard library cannot read it any more.
    with pytest.raises(plain_sqlite.DatabaseError):
        plain_sqlite.connect(db).execute("SELECT * FROM cases").fetchall()


def test_the_log_reads_in_chinese():
    text = audit.describe({"login": "clerk", "unmasked": False, "file": "台账.xlsx"})
    assert text == "登录名：clerk；身份证号和电话：已打码；文件：台账.xlsx"


def test_the_command_line_recovers_an_administrator(tmp_path, monkeypatch, capsys):
    from petition_desk.cli import main

    db = tmp_path / "r.sqlite"
    opened, recovery = access.init_desk(db, "某镇", "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    opened.conn.close()
    monkeypatch.setenv("PETITION_DESK_PASSWORD", "brand-new-pass")
    monkeypatch.setenv("PETITION_DESK_RECOVERY_KEY", "WRONG-KEY")
    assert main(["recover", "--db", str(db), "--admin", "admin"]) == 2  # a wrong request
    assert "恢复密钥" in capsys.readouterr().err
    monkeypatch.setenv("PETITION_DESK_RECOVERY_KEY", recovery)
    assert main(["recover", "--db", str(db), "--admin", "admin"]) == 0
    desk = access.login(db, "admin", "brand-new-pass")
    assert audit_log(desk.conn, limit=2)[1]["action"] == "用恢复密钥重设密码"
    desk.conn.close()


def test_a_copy_without_its_key_file_is_said_and_recovery_is_for_administrators(
    opened, tmp_path, capsys
):
    import shutil

    from petition_desk.cli import main

    opened.conn.close()
    copy = tmp_path / "copy" / "desk.sqlite"
    copy.parent.mkdir()
    shutil.copy(opened.db_path, copy)
    assert main(["check", "--db", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "旁边也没有密钥文件“desk.keys”" in out and "Traceback" not in out
    keys_path(opened.db_path).write_text("{broken", encoding="utf-8")
    with pytest.raises(access.KeyError_, match="已损坏，无法读取") as err:
        access.login(opened.db_path, "clerk", PASSWORD)
    assert "Expecting" not in str(err.value)  # no library English


def test_the_recovery_key_does_not_reset_a_clerk(tmp_path):
    db = tmp_path / "r.sqlite"
    desk, recovery = access.init_desk(db, "某镇", "admin", "管理员", PASSWORD, kdf=CHEAP_KDF)
    access.add_user(desk, "li", "李文", "信访员", "li-password")
    desk.conn.close()
    with pytest.raises(access.ValidationError, match="不是管理员"):
        access.recover(db, recovery, "li", "brand-new-pass")


@pytest.mark.parametrize("bad", ["Bad Name!", "a b", "x" * 33, "王 文"])
def test_a_login_name_is_one_word(opened, bad):
    from petition_desk.errors import ValidationError

    with pytest.raises(ValidationError, match="登录名"):
        access.add_user(opened, bad, "某人", "信访员", "long-enough-pass")
    access.add_user(opened, "wang.wen-2", "王文", "信访员", "long-enough-pass")
    access.add_user(opened, "王文", "王文", "查阅", "long-enough-pass")


def test_the_login_from_the_environment_needs_a_name_and_a_password(monkeypatch):
    from petition_desk.db.keyring import login_from_environment

    monkeypatch.delenv("PETITION_DESK_PASSWORD", raising=False)
    monkeypatch.setenv("PETITION_DESK_USER", "clerk")
    assert login_from_environment() is None  # no password: the login form asks
    monkeypatch.setenv("PETITION_DESK_PASSWORD", "")
    assert login_from_environment() == ("clerk", "")  # said wrong by the login, not ignored
    assert login_from_environment("admin") == ("admin", "")  # --user comes first
    monkeypatch.delenv("PETITION_DESK_USER")
    assert login_from_environment() is None
