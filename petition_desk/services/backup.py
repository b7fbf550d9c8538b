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
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.connection import StoreError, connect
from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import keys_path, sql_key
from petition_desk.services import audit
from petition_desk.services.access import Desk
from petition_desk.services.permissions import Permission, require


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def make_backup(db_path: Path, target: Path, key: bytes | None) -> Path:
    """Copy ``db_path`` to ``target`` (written beside, then renamed: never half a file).

    ``key`` is the data key (``None`` only for a plain file of an older version).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    src = connect(db_path, key=key, readonly=True)
    dest = sqlite3.connect(part)
    if key is not None:
        dest.execute(f"PRAGMA key = {sql_key(key)}")
    try:
        src.backup(dest)
        # One self-contained file: no -wal/-shm companions to lose when it is copied away.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
        src.close()
    if key is not None:
        shutil.copyfile(keys_path(db_path), keys_path(target))
    part.replace(target)
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
    # The restored file does not know of the restore: record it there too, as the admin.
    conn = connect(db, key=desk.key)
    try:
        audit.record(conn, desk.user, "从备份恢复", {"file": str(source), "kept": str(aside)})
    finally:
        conn.close()
    return aside
