"""Automatic copies of the database, so a broken disk or a wrong click loses at most a day.

The copy is made with SQLite's backup API (consistent even while the desk is writing) into a
``backups`` folder beside the database; one a day, the newest ``keep`` are kept.

A copy is encrypted with the same data key as the database, and the key file is copied beside
it (``desk-20261116.sqlite`` + ``desk-20261116.keys``): a backup carried away on a USB stick is
unreadable without a password or the recovery key, and still opens with them when the
original PC is gone.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.connection import StoreError, connect
from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import Keyring, keys_path, sql_key
from petition_desk.errors import DeskError
from petition_desk.services import audit
from petition_desk.services.access import Desk
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def make_backup(db_path: Path, target: Path, key: bytes | None) -> Path:
    """Copy ``db_path`` to ``target`` (written beside, then renamed: never half a file).

    ``key`` is the data key (``None`` only for a plain file of an older version).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    keys_part = keys_path(target).with_name(keys_path(target).name + ".part")
    try:
        src = connect(db_path, key=key, readonly=True)
        try:
            dest = sqlite3.connect(part)
            try:
                if key is not None:
                    dest.execute(f"PRAGMA key = {sql_key(key)}")
                src.backup(dest)
                # One self-contained file: no -wal/-shm companions to lose when copied away.
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
        finally:
            src.close()
        if key is not None:
            shutil.copyfile(keys_path(db_path), keys_part)
            Keyring.load(keys_part).bind(part)  # the copy's own file, with its own salt
            keys_part.replace(keys_path(target))
        part.replace(target)
    except BaseException:
        # A full or pulled-out stick: no half-written copy or key file stays behind.
        for path in (part, keys_part, part.with_name(part.name + "-journal")):
            path.unlink(missing_ok=True)
        if key is not None and not target.exists():
            keys_path(target).unlink(missing_ok=True)
        raise
    return target


def daily_backup(
    db_path: Path, key: bytes | None, today: dt.date | None = None, keep: int = 30
) -> Path | None:
    """Make today's copy unless it exists; prune old ones. Returns the new copy, if any."""
    today = today or dt.date.today()
    folder = backup_folder(db_path)
    target = folder / f"{Path(db_path).stem}-{today:%Y%m%d}.sqlite"
    if target.exists():
        return None
    target.with_name(target.name + ".part").unlink(missing_ok=True)  # an interrupted copy
    make_backup(db_path, target, key)
    copies = sorted(folder.glob(f"{Path(db_path).stem}-????????.sqlite"))
    for old in copies[:-keep]:
        companions = ("-wal", "-shm")
        for path in (old, keys_path(old), *(old.with_name(old.name + c) for c in companions)):
            path.unlink(missing_ok=True)
    return target


def make_backup_as(desk: Desk, target: Path) -> Path:
    """A backup made on request (a USB stick, the command line): checked and audited."""
    require(desk.user, Permission.BACKUP)
    made = make_backup(desk.db_path, Path(target), desk.key)
    audit.record(desk.conn, desk.user, "备份数据库", {"file": str(made)})
    return made


#: The setting naming the folder (a USB stick) the desk is copied to when it closes.
EXIT_FOLDER = "exit_backup_folder"


def stamped_target(db_path: Path, folder: Path, now: dt.datetime | None = None) -> Path:
    """``desk-20261129-173000.sqlite`` in ``folder``: copies made the same day stay apart."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return Path(folder) / f"{Path(db_path).stem}-{stamp}.sqlite"


def folder_problem(exc: BaseException, folder: Path) -> str:
    """What went wrong writing a copy to ``folder``, and what to do, in Chinese."""
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "full" in text:
        why = f"“{folder}”空间不足，请换一个U盘或清理出空间"
    elif isinstance(exc, PermissionError) or "readonly" in text or "read-only" in text:
        why = f"不能写入“{folder}”（只读或没有权限），请换一个文件夹"
    elif isinstance(exc, DeskError):
        why = text
    else:
        why = f"写入“{folder}”失败（{getattr(exc, 'strerror', None) or text}），请检查U盘后重试"
    return f"{why}。数据库本身完好，没有留下不完整的备份文件。"


def backup_to_folder(desk: Desk, folder: Path, now: dt.datetime | None = None) -> Path:
    """Copy the desk into ``folder`` (a USB stick) on request (备份与恢复 → back up now)."""
    require(desk.user, Permission.BACKUP)
    return _copy_to_folder(desk, folder, now, "备份数据库")


def _copy_to_folder(desk: Desk, folder: Path, now: dt.datetime | None, action: str) -> Path:
    """Copy the desk into ``folder`` (a USB stick) with its key file; audited as ``action``.

    A folder that is not there (a stick not plugged in) is not created on the local disk,
    and a stick without room for the copy is said before anything is written; any other
    failure leaves no partial file. Raises ``StoreError`` with a Chinese sentence.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise StoreError(f"找不到文件夹“{folder}”。请插好U盘，或在“设置→备份与恢复”中重新选择")
    need = Path(desk.db_path).stat().st_size
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise StoreError(folder_problem(exc, folder)) from None
    if free < need + 1_048_576:
        raise StoreError(
            f"“{folder}”空间不足：备份约需 {need / 1_048_576:.1f} MB，只剩 "
            f"{free / 1_048_576:.1f} MB。请换一个U盘或清理出空间"
        )
    try:
        made = make_backup(desk.db_path, stamped_target(desk.db_path, folder, now), desk.key)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(folder_problem(exc, folder)) from None
    audit.record(desk.conn, desk.user, action, {"file": str(made)}, now)
    return made


def backup_on_exit(
    db_path: Path, key: bytes, user: User, now: dt.datetime | None = None
) -> tuple[Path | None, str]:
    """The copy the ``exit_backup_folder`` setting asks for when the desk closes.

    Returns (the copy or None, a Chinese sentence; empty when the setting is off). The
    administrator chose the folder, so it is made whoever closes the desk; never raises for
    a missing or full stick.
    """
    from petition_desk.services import settings as settings_mod

    try:
        conn = connect(db_path, key=key)
    except DeskError as exc:
        return None, f"退出时没有备份：{exc}"
    try:
        folder = str(settings_mod.load(conn).get(EXIT_FOLDER) or "").strip()
        if not folder:
            return None, ""
        try:
            desk = Desk(Path(db_path), key, conn, user)
            made = _copy_to_folder(desk, Path(folder), now, "退出时备份")
        except DeskError as exc:
            return None, f"退出时没有备份到U盘：{exc}"
        return made, f"已备份到“{made}”"
    finally:
        conn.close()


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the 备份与恢复 page lists it."""

    path: Path
    made: dt.datetime
    size: int
    verified: bool | None  # None: not checked yet
    problem: str = ""


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The copies in the backups folder, newest first (not verified: that reads each file)."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        stat = path.stat()
        found.append(BackupInfo(path, dt.datetime.fromtimestamp(stat.st_mtime), stat.st_size, None))
    return sorted(found, key=lambda b: b.made, reverse=True)


def verify_backup(path: Path, key: bytes) -> BackupInfo:
    """Open the copy with the data key and run every check (integrity, schema, chains)."""
    from petition_desk.services.checks import check_database

    stat = path.stat()
    report = check_database(path, key=key)
    problem = "；".join(report.problems[:3])
    return BackupInfo(
        path, dt.datetime.fromtimestamp(stat.st_mtime), stat.st_size, report.healthy, problem
    )


def restore(desk: Desk, source: Path, now: dt.datetime | None = None) -> Path:
    """Replace the database by the verified backup ``source``; returns where the current
    file was kept aside. Administrator only. ``desk.conn`` is closed: open the desk again.

    The backup must decrypt with the current data key (backups are made with it) and pass
    every check first; nothing is touched otherwise.
    """
    require(desk.user, Permission.RESTORE)
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"备份文件“{source}”不存在")
    info = verify_backup(source, desk.key)
    if not info.verified:
        raise StoreError(f"备份“{source.name}”未通过检查，未恢复：{info.problem}")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    audit.record(desk.conn, desk.user, "从备份恢复", {"file": str(source), "kept": stamp})
    desk.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    desk.conn.close()
    db = desk.db_path
    aside = db.with_name(f"{db.stem}.before-restore-{stamp}.sqlite")
    part = db.with_name(db.name + ".restoring")
    shutil.copyfile(source, part)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    os.replace(db, aside)
    os.replace(part, db)
    Keyring.load(keys_path(db)).bind(db)  # the key file now opens the restored file
    # The restored file does not know of the restore: record it there too, as the admin.
    conn = connect(db, key=desk.key)
    try:
        audit.record(conn, desk.user, "从备份恢复", {"file": str(source), "kept": str(aside)})
    finally:
        conn.close()
    return aside
