"""Automatic copies of the database, so a broken disk or a wrong click loses at most a day.

The copy is made with SQLite's backup API (consistent even while the desk is writing) into a
``backups`` folder beside the database; one a day, the newest ``keep`` are kept.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def make_backup(db_path: Path, target: Path) -> Path:
    """Copy ``db_path`` to ``target`` (written beside, then renamed: never half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(part)
    try:
        src.backup(dest)
        # One self-contained file: no -wal/-shm companions to lose when it is copied away.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
        src.close()
    part.replace(target)
    return target


def daily_backup(db_path: Path, today: dt.date | None = None, keep: int = 30) -> Path | None:
    """Make today's copy unless it exists; prune old ones. Returns the new copy, if any."""
    today = today or dt.date.today()
    folder = backup_folder(db_path)
    target = folder / f"{Path(db_path).stem}-{today:%Y%m%d}.sqlite"
    if target.exists():
        return None
    target.with_name(target.name + ".part").unlink(missing_ok=True)  # an interrupted copy
    make_backup(db_path, target)
    copies = sorted(folder.glob(f"{Path(db_path).stem}-????????.sqlite"))
    for old in copies[:-keep]:
        for path in (old, old.with_name(old.name + "-wal"), old.with_name(old.name + "-shm")):
            path.unlink(missing_ok=True)
    return target
