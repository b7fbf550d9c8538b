"""The desk's automatic backups: checked before they count, kept in generations.

Once a day (at start, and again when the day changes while the desk stays open):

1. A left-over ``.part`` (a copy interrupted by a crash or a full disk) is removed.
2. The live database gets a full ``integrity_check``. A damaged database is not copied: the
   copy would push a good backup out of the rotation. The failure is recorded instead.
3. The copy (``services.backup.make_backup``) is written under a temporary name, then opened
   and checked (integrity and schema). Only a copy that passes is renamed to its dated name;
   a verified copy is never overwritten.
4. Old copies are pruned by generation: every day for 30 days, one a week for 6 months, one
   a month for 5 years. The newest verified copy is never removed.

The outcome of the last run is kept in ``backups/last-backup.json`` so the status bar and the
工作台 can say when the last good copy was made, or why the last attempt failed
(``last_status``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from petition_desk.db.connection import LATEST_VERSION, StoreError, connect
from petition_desk.db.engine import sqlite3
from petition_desk.db.errors import translate
from petition_desk.db.keyring import keys_path
from petition_desk.paths import restrict
from petition_desk.services.backup import backup_folder, make_backup

DAILY_DAYS = 30
WEEKLY_DAYS = 183
MONTHLY_DAYS = 5 * 366
STATUS_FILE = "last-backup.json"


@dataclass(frozen=True)
class BackupStatus:
    """The outcome of the last backup run, for the status bar and the 工作台."""

    ok: bool
    at: str  # ISO time of the attempt
    message: str  # Chinese, for the clerk
    file: str = ""  # the newest verified copy
    checked_on: str = ""  # the day the live database last passed the full check


def dated_name(db_path: Path, day: dt.date) -> str:
    """The name of the daily copy of ``db_path`` made on ``day``."""
    return f"{Path(db_path).stem}-{day:%Y%m%d}.sqlite"


def _copies(db_path: Path) -> dict[dt.date, Path]:
    pattern = re.compile(re.escape(Path(db_path).stem) + r"-(\d{8})\.sqlite")
    found: dict[dt.date, Path] = {}
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return found
    for p in folder.iterdir():
        m = pattern.fullmatch(p.name)
        if m:
            with contextlib.suppress(ValueError):
                found[dt.datetime.strptime(m.group(1), "%Y%m%d").date()] = p
    return found


def open_read_only(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """The one place this module opens a database or a copy: read-only, with the data key."""
    return connect(path, key=key, readonly=True)


def verify_copy(path: Path, key: bytes | None = None) -> str:
    """ "" if ``path`` is a sound copy of a desk database, else the Chinese reason it is not."""
    try:
        conn = open_read_only(path, key)
    except (sqlite3.Error, StoreError) as exc:
        return f"备份文件无法打开（{exc}）"
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return f"备份文件完整性检查未通过（{rows[0]}）"
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not 1 <= version <= LATEST_VERSION:
            return f"备份文件的结构版本 {version} 不对"
        if conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'cases'").fetchone() is None:
            return "备份文件中没有案件表"
    except sqlite3.Error as exc:
        return f"备份文件无法读取（{exc}）"
    finally:
        conn.close()
    return ""


def integrity_problem(db_path: Path, key: bytes | None = None) -> str:
    """The full check of the live database: "" when sound, else a Chinese description.

    SQLite's ``integrity_check`` sees the structure; a flipped bit inside a text can still
    leave it well-formed but unreadable (invalid UTF-8), so every row is read once as well.
    """
    try:
        conn = open_read_only(db_path, key)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if rows == ["ok"]:
                _read_every_row(conn)
        finally:
            conn.close()
    except (sqlite3.Error, StoreError) as exc:
        return f"数据库无法读取（{exc}）"
    return "" if rows == ["ok"] else "；".join(rows[:3])


def _read_every_row(conn: sqlite3.Connection) -> None:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    for table in tables:
        for _row in conn.execute(f'SELECT * FROM "{table}"'):
            pass


def generations(days: list[dt.date], today: dt.date) -> set[dt.date]:
    """The copies to keep: daily for 30 days, weekly for 6 months, monthly for 5 years.

    Within a week (or month) the newest copy is kept; the newest copy of all is always kept.
    """
    keep: set[dt.date] = set()
    newest_of: dict[tuple, dt.date] = {}
    for day in sorted(days):
        age = (today - day).days
        if age < DAILY_DAYS:
            keep.add(day)
        elif age < WEEKLY_DAYS:
            newest_of[("w", *day.isocalendar()[:2])] = day
        elif age < MONTHLY_DAYS:
            newest_of[("m", day.year, day.month)] = day
    keep.update(newest_of.values())
    if days:
        keep.add(max(days))
    return keep


def _remove(path: Path) -> None:
    companions = (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    for p in (path, keys_path(path), *companions):
        p.unlink(missing_ok=True)


def prune(db_path: Path, today: dt.date) -> list[Path]:
    """Remove the dated copies that fall out of every generation; returns what was removed."""
    copies = _copies(db_path)
    keep = generations(list(copies), today)
    removed = []
    for day, path in sorted(copies.items()):
        if day not in keep:
            _remove(path)
            removed.append(path)
    return removed


def remove_partials(db_path: Path) -> list[Path]:
    """Delete copies left half-written by an interrupted backup (never mistaken for one)."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    gone = [p for p in folder.iterdir() if p.name.endswith((".part", ".unverified"))]
    for p in gone:
        p.unlink(missing_ok=True)
    return gone


def _status_path(db_path: Path) -> Path:
    return backup_folder(db_path) / STATUS_FILE


def last_status(db_path: Path) -> BackupStatus | None:
    """The outcome of the last backup run (None if none ran yet): for the 工作台 and status bar."""
    try:
        data = json.loads(_status_path(db_path).read_text(encoding="utf-8"))
        return BackupStatus(**data)
    except (OSError, ValueError, TypeError):
        return None


def _save_status(db_path: Path, status: BackupStatus) -> None:
    path = _status_path(db_path)
    with contextlib.suppress(OSError):  # a status that cannot be written is not a failure
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(asdict(status), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
        restrict(path)


def run_backup(db_path: Path, key: bytes | None, now: dt.datetime | None = None) -> BackupStatus:
    """Today's verified copy of ``db_path`` (if not made yet), then pruning; never raises.

    Returns the outcome, which is also kept for ``last_status``.
    """
    db_path = Path(db_path)
    now = now or dt.datetime.now()
    today = now.date()
    at = now.isoformat(timespec="seconds")
    folder = backup_folder(db_path)
    previous = last_status(db_path)
    target = folder / dated_name(db_path, today)
    candidate = folder / f".{target.stem}.unverified"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        restrict(folder)
        remove_partials(db_path)
        if target.exists() and previous and previous.ok and previous.file == str(target):
            return previous  # today's copy was made and verified already
        problem = integrity_problem(db_path, key)
        if problem:
            status = BackupStatus(
                False,
                at,
                f"数据库完整性检查发现损坏（{problem}），今天没有备份，以免损坏的副本替换完好的"
                "备份。请关闭程序，用“petition-desk check”检查，并从备份恢复",
                _newest_good(db_path, previous),
            )
            _save_status(db_path, status)
            return status
        make_backup(db_path, candidate, key)
        why = verify_copy(candidate, key)
        if why:
            raise _VerifyFailed(why)
        restrict(candidate)
        if key is not None:  # the copy's key file goes with it under the dated name
            os.replace(keys_path(candidate), keys_path(target))
        os.replace(candidate, target)
        prune(db_path, today)
        status = BackupStatus(True, at, f"已备份：{target.name}", str(target), today.isoformat())
    except Exception as exc:  # a failed backup never stops the desk: it is reported
        translated = None if isinstance(exc, _VerifyFailed) else translate(exc, db_path)
        reason = str(translated or exc)
        status = BackupStatus(
            False,
            at,
            f"今天的备份没有成功：{reason}。上一份完好的备份仍然保留",
            _newest_good(db_path, previous),
        )
    finally:
        for leftover in (
            candidate,
            keys_path(candidate),
            candidate.with_name(candidate.name + ".part"),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    _save_status(db_path, status)
    return status


class _VerifyFailed(Exception):
    pass


def _newest_good(db_path: Path, previous: BackupStatus | None) -> str:
    if previous and previous.file and Path(previous.file).exists():
        return previous.file
    copies = _copies(db_path)
    return str(copies[max(copies)]) if copies else ""


def due(db_path: Path, today: dt.date) -> bool:
    """Whether today's copy is still to be made (the day changed, or the last run failed)."""
    status = last_status(db_path)
    return not (
        status
        and status.ok
        and status.file.endswith(dated_name(db_path, today))
        and Path(status.file).exists()
    )


def move_aside_companions(target: Path, stamp: str | None = None) -> list[Path]:
    """Before a restored copy replaces ``target``: move its ``-wal``/``-shm`` away.

    A stale ``-wal`` beside a restored file would be replayed into it on the next open and
    corrupt it. They are kept (renamed with ``stamp``), not deleted, in case they are needed.
    """
    stamp = stamp or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = []
    for suffix in ("-wal", "-shm"):
        p = target.with_name(target.name + suffix)
        if p.exists():
            aside = target.with_name(f"{target.name}{suffix}.replaced-{stamp}")
            os.replace(p, aside)
            moved.append(aside)
    return moved


def replace_database(copy: Path, target: Path, key: bytes | None = None) -> Path | None:
    """Put a verified ``copy`` in place of ``target`` (the desk must be closed).

    The old file and its ``-wal``/``-shm`` are moved aside (returned: the old file's new name),
    never deleted. Raises ``ValueError`` with a Chinese reason when the copy is not sound.
    """
    why = verify_copy(copy, key)
    if why:
        raise ValueError(why)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.replaced-{stamp}")
        os.replace(target, old)
    move_aside_companions(target, stamp)
    staged = target.with_name(target.name + ".restoring")
    staged.write_bytes(Path(copy).read_bytes())
    os.replace(staged, target)
    restrict(target)
    return old
