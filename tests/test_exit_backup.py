"""Back up to a chosen folder (USB stick) on demand and when the desk closes (issue 12)."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from collections import namedtuple

import pytest

from conftest import NOW, PASSWORD, audit_log, case_input, make_desk, person
from petition_desk.db.connection import StoreError, connect
from petition_desk.db.keyring import keys_path
from petition_desk.services import backup
from petition_desk.services import settings as settings_mod
from petition_desk.services.directory import get_user
from petition_desk.services.permissions import PermissionDenied
from petition_desk.services.registration import register_case

ID = "11010519491231002X"


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_on_demand_copy_is_encrypted_with_its_key_file_and_audited(opened, clerk, tmp_path):
    register_case(opened.conn, case_input(people=[person(id_number=ID)]), clerk, NOW)
    stick = tmp_path / "usb"
    stick.mkdir()
    made = backup.backup_to_folder(opened, stick, NOW)
    assert _files(stick) == sorted([made.name, keys_path(made).name])
    assert ID.encode() not in made.read_bytes()  # encrypted with the data key
    copy = connect(made, key=opened.key, readonly=True)
    assert copy.execute("SELECT count(*) FROM cases").fetchone()[0] == 1
    copy.close()
    assert audit_log(opened.conn, limit=1)[0]["action"] == "备份数据库"


def test_a_viewer_may_not_copy_the_desk_away(opened, tmp_path):
    from petition_desk.services.access import Desk
    from petition_desk.services.directory import insert_user

    insert_user(opened.conn, "look", "查阅人", "查阅")
    desk = Desk(opened.db_path, opened.key, opened.conn, get_user(opened.conn, "look"))
    with pytest.raises(PermissionDenied):
        backup.backup_to_folder(desk, tmp_path)


def test_a_missing_stick_is_said_and_no_folder_is_made(opened, tmp_path):
    gone = tmp_path / "usb" / "备份"
    with pytest.raises(StoreError, match=r"找不到文件夹.*插好U盘"):
        backup.backup_to_folder(opened, gone, NOW)
    assert not gone.exists() and not (tmp_path / "usb").exists()


def test_a_full_stick_is_said_before_anything_is_written(opened, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10, 10, 1000))
    with pytest.raises(StoreError, match="空间不足"):
        backup.backup_to_folder(opened, stick, NOW)
    assert _files(stick) == []


def test_a_stick_that_fills_up_midway_leaves_no_partial_file(opened, tmp_path, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)  # the key file is the last thing written
    with pytest.raises(StoreError, match=r"空间不足.*没有留下不完整的备份文件"):
        backup.backup_to_folder(opened, stick, NOW)
    assert _files(stick) == []


def test_backup_on_exit_follows_the_setting(opened, admin, clerk, tmp_path):
    db, key = opened.db_path, opened.key
    assert backup.backup_on_exit(db, key, clerk, NOW) == (None, "")  # off by default
    stick = tmp_path / "usb"
    settings_mod.update(opened.conn, {backup.EXIT_FOLDER: str(stick)}, admin, NOW)
    made, message = backup.backup_on_exit(db, key, clerk, NOW)
    assert made is None and "退出时没有备份到U盘" in message and "插好U盘" in message
    stick.mkdir()
    made, message = backup.backup_on_exit(db, key, clerk, NOW)
    assert made is not None and made.parent == stick and keys_path(made).exists()
    assert message == f"已备份到“{made}”"
    assert audit_log(opened.conn, limit=1)[0]["action"] == "退出时备份"


def test_only_the_administrator_chooses_the_exit_folder(opened, clerk, tmp_path):
    with pytest.raises(PermissionDenied):
        settings_mod.update(opened.conn, {backup.EXIT_FOLDER: str(tmp_path)}, clerk, NOW)


def test_closing_the_window_copies_to_the_stick_or_says_why_not(tmp_path):
    db = tmp_path / "desk.sqlite"
    desk = make_desk(db)
    stick = tmp_path / "usb"
    settings_mod.update(
        desk.conn, {backup.EXIT_FOLDER: str(stick)}, get_user(desk.conn, "admin"), NOW
    )
    desk.conn.close()
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": "",
        "PETITION_DESK_USER": "clerk",
        "PETITION_DESK_PASSWORD": PASSWORD,
    }
    window = [sys.executable, "-m", "petition_desk", "--db", str(db), "--quit-after", "300"]
    out = subprocess.run(window, capture_output=True, text=True, env=env, timeout=180)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "退出时没有备份到U盘" in out.stderr and not stick.exists()
    stick.mkdir()
    out = subprocess.run(window, capture_output=True, text=True, env=env, timeout=180)
    assert out.returncode == 0, out.stderr
    copies = list(stick.glob("desk-*.sqlite"))
    assert len(copies) == 1 and keys_path(copies[0]).exists()
    assert not list(stick.glob("*.part"))
    assert not db.with_name("desk.sqlite-wal").exists()  # the store was closed cleanly after
