"""Attachments (scanned letters, photos): kept encrypted in a folder beside the database.

The file is encrypted (AES-256-GCM) with a key kept inside the encrypted database (table
``secrets``), written beside the database as ``<sha>-<name>.enc`` and recorded with the
SHA-256 of its plain content; the record and the case's event are written in one transaction,
and a copy whose record failed is removed again. A copy of the folder on a USB stick is as
unreadable as the database. ``open_plain`` decrypts one into a private temporary folder for
the viewer (removed when the program ends).
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.lifecycle import Action
from petition_desk.errors import ValidationError
from petition_desk.services import events
from petition_desk.services.cases import get_case
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require


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
    require(actor, Permission.HANDLE)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"找不到文件“{source}”", "attachment")
    now = now or dt.datetime.now()
    case = get_case(conn, case_id)
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    target_dir = folder_for(Path(db_path)) / case["number"]
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{digest[:12]}-{source.name}.enc"
    existed = target.exists()
    if not existed:
        key = _file_key(conn)
        nonce = secrets.token_bytes(12)
        target.write_bytes(nonce + AESGCM(key).encrypt(nonce, data, digest.encode()))
        if _decrypt(key, target, digest) != data:
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


def _file_key(conn: sqlite3.Connection) -> bytes:
    """The attachments' key, made on first use; it lives inside the encrypted database."""
    row = conn.execute("SELECT value FROM secrets WHERE name = 'attachments'").fetchone()
    if row is not None:
        return bytes(row[0])
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO secrets(name, value) VALUES ('attachments', ?)",
            (secrets.token_bytes(32),),
        )
    return bytes(conn.execute("SELECT value FROM secrets WHERE name = 'attachments'").fetchone()[0])


def _decrypt(key: bytes, path: Path, digest: str) -> bytes:
    blob = path.read_bytes()
    try:
        return AESGCM(key).decrypt(blob[:12], blob[12:], digest.encode())
    except InvalidTag:
        raise ValidationError(f"附件“{path.name}”已损坏或被改动，无法打开", "attachment") from None


_OPEN_DIR: Path | None = None


def open_plain(conn: sqlite3.Connection, path: Path) -> Path:
    """A decrypted copy of the attachment at ``path`` for a viewer to open.

    Files of versions before encryption (no ``.enc``) are returned as they are.
    """
    global _OPEN_DIR
    path = Path(path)
    if path.suffix != ".enc":
        return path
    row = conn.execute(
        "SELECT name, sha256 FROM attachments WHERE path = ? ORDER BY id DESC LIMIT 1",
        (f"{path.parent.name}/{path.name}",),
    ).fetchone()
    if row is None:
        raise ValidationError(f"附件“{path.name}”没有登记记录", "attachment")
    data = _decrypt(_file_key(conn), path, row[1])
    if _OPEN_DIR is None:
        _OPEN_DIR = Path(tempfile.mkdtemp(prefix="petition-desk-open-"))
        atexit.register(shutil.rmtree, _OPEN_DIR, True)
    out = _OPEN_DIR / f"{row[1][:8]}-{row[0]}"
    out.write_bytes(data)
    return out


def encrypt_legacy(conn: sqlite3.Connection, db_path: Path) -> list[Path]:
    """Encrypt attachment files written before encryption; returns the plain files left over
    (deleted by the caller once the user agrees, like the plain database copy)."""
    base = folder_for(Path(db_path))
    rows = conn.execute(
        "SELECT id, path, sha256 FROM attachments WHERE path NOT LIKE '%.enc'"
    ).fetchall()
    plain_files = []
    for att_id, relative, digest in rows:
        source = base / relative
        if not source.is_file():
            continue
        data = source.read_bytes()
        key = _file_key(conn)
        nonce = secrets.token_bytes(12)
        target = source.with_name(source.name + ".enc")
        target.write_bytes(nonce + AESGCM(key).encrypt(nonce, data, digest.encode()))
        with transaction(conn):
            conn.execute(
                "UPDATE attachments SET path = ? WHERE id = ?", (relative + ".enc", att_id)
            )
        plain_files.append(source)
    return plain_files


def attachments_of(conn: sqlite3.Connection, db_path: Path, case_id: int) -> list[Attachment]:
    base = folder_for(Path(db_path))
    rows = conn.execute(
        "SELECT id, case_id, name, path, sha256, size, added_at FROM attachments "
        "WHERE case_id = ? ORDER BY id",
        (case_id,),
    )
    return [Attachment(r[0], r[1], r[2], base / r[3], r[4], r[5], r[6]) for r in rows]
