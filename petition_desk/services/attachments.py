"""Attachments (scanned letters, photos): copied into a folder beside the database.

The file is copied first and recorded with its SHA-256; the record and the case's event are
written in one transaction, and a copy whose record failed is removed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import ValidationError
from petition_desk.services import events
from petition_desk.services.cases import get_case
from petition_desk.services.directory import User


@dataclass(frozen=True)
class Attachment:
    id: int
    case_id: int
    name: str
    path: Path
    sha256: str
    size: int
    added_at: str


def folder_for(db_path: Path) -> Path:
    """``desk.sqlite`` keeps its attachments in ``desk-attachments/`` beside it."""
    return db_path.with_name(f"{db_path.stem}-attachments")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def add_attachment(
    conn: sqlite3.Connection,
    db_path: Path,
    case_id: int,
    source: Path,
    actor: User,
    now: dt.datetime | None = None,
) -> Attachment:
    """Copy ``source`` into the attachments folder and record it on the case."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"找不到文件“{source}”", "attachment")
    now = now or dt.datetime.now()
    case = get_case(conn, case_id)
    digest = sha256_of(source)
    target_dir = folder_for(Path(db_path)) / case["number"]
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{digest[:12]}-{source.name}"
    existed = target.exists()
    if not existed:
        shutil.copy2(source, target)
        if sha256_of(target) != digest:
            target.unlink()
            raise ValidationError("附件复制后校验不一致，请重试", "attachment")
    relative = target.relative_to(folder_for(Path(db_path))).as_posix()
    try:
        with transaction(conn):
            att_id = inserted_id(
                conn.execute(
                    "INSERT INTO attachments(case_id, name, path, sha256, size, added_at, added_by) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (
                        case_id,
                        source.name,
                        relative,
                        digest,
                        source.stat().st_size,
                        now.isoformat(timespec="seconds"),
                        actor.id,
                    ),
                )
            )
            events.record(
                conn, case_id, now, actor, Action.ATTACH, {"name": source.name, "sha256": digest}
            )
    except BaseException:
        if not existed:
            target.unlink(missing_ok=True)
        raise
    return Attachment(
        att_id,
        case_id,
        source.name,
        target,
        digest,
        source.stat().st_size,
        now.isoformat(timespec="seconds"),
    )


def attachments_of(conn: sqlite3.Connection, db_path: Path, case_id: int) -> list[Attachment]:
    base = folder_for(Path(db_path))
    rows = conn.execute(
        "SELECT id, case_id, name, path, sha256, size, added_at FROM attachments "
        "WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Attachment(r[0], r[1], r[2], base / r[3], r[4], r[5], r[6]) for r in rows]
