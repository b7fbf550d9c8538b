"""Converting a plain database of an older version into an encrypted desk.

The plain file is exported page by page into a new encrypted file (SQLCipher's
``sqlcipher_export``), every table is counted in both and the encrypted copy passes
``integrity_check`` before anything is renamed. The original is then kept aside as
``desk.plain-<stamp>.sqlite``; it is deleted only when the user agrees (the window asks; the
command line needs ``--remove-plain``), because until then it is the only proof the conversion
lost nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from petition_desk.db.connection import StoreError, connect, is_plain, open_store
from petition_desk.db.keyring import STRONG_KDF, Kdf, Keyring, keys_path, sql_key
from petition_desk.services import audit
from petition_desk.services.access import check_password
from petition_desk.services.attachments import encrypt_legacy
from petition_desk.services.directory import get_user, insert_user
from petition_desk.services.permissions import Role


@dataclass
class Conversion:
    """What a conversion did: the recovery key to show once and the plain copies left."""

    recovery: str
    cases: int
    plain_copies: list[Path] = field(default_factory=list)


def plain_leftovers(db_path: Path) -> list[Path]:
    """Unencrypted copies beside the database: migration copies and old backups."""
    db_path = Path(db_path)
    found = sorted(db_path.parent.glob(f"{db_path.stem}.plain-*.sqlite"))
    found += sorted(db_path.parent.glob(f"{db_path.stem}.v*.bak.sqlite"))
    backups = db_path.parent / "backups"
    if backups.is_dir():
        found += sorted(backups.glob("*.sqlite"))
    return [p for p in found if p.is_file() and is_plain(p)]


def encrypt_plain(
    db_path: Path,
    admin_login: str,
    admin_name: str,
    password: str,
    *,
    kdf: Kdf = STRONG_KDF,
    now: dt.datetime | None = None,
) -> Conversion:
    """Encrypt the plain database at ``db_path`` in place, keeping the original aside."""
    db_path = Path(db_path)
    check_password(password)
    if not db_path.exists() or not is_plain(db_path):
        raise StoreError(f"“{db_path}”不是未加密的旧版数据库，无需转换")
    if keys_path(db_path).exists():
        raise StoreError(f"密钥文件“{keys_path(db_path)}”已存在：该数据库似乎已转换过")
    # Bring the plain file to the current schema first (its own migration copy is plain too
    # and is listed among the leftovers).
    open_store(db_path, None, create=False).close()
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    part = db_path.with_name(db_path.name + ".encrypting")
    part.unlink(missing_ok=True)
    ring, key, recovery = Keyring.create(keys_path(db_path), kdf)
    ring.set_password(admin_login.strip(), password, key)
    plain = connect(db_path, wal=False)
    try:
        counts = _counts(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY {sql_key(key)}", (str(part),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    enc = connect(part, key=key, wal=False)
    try:
        if enc.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or _counts(enc) != counts:
            raise StoreError("转换后的加密数据库核对不一致，原文件未改动，请联系技术人员")
    except BaseException:
        enc.close()
        part.unlink(missing_ok=True)
        raise
    enc.close()
    ring.save()
    kept = db_path.with_name(f"{db_path.stem}.plain-{stamp}.sqlite")
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(db_path, kept)
    os.replace(part, db_path)
    conn = open_store(db_path, key, create=False)
    try:
        exists = conn.execute("SELECT 1 FROM users WHERE login = ?", (admin_login,)).fetchone()
        if exists:
            conn.execute(
                "UPDATE users SET role = ?, active = 1 WHERE login = ?",
                (Role.ADMIN.value, admin_login),
            )
        else:
            insert_user(conn, admin_login, admin_name, Role.ADMIN)
        admin = get_user(conn, admin_login)
        plain_files = encrypt_legacy(conn, db_path)
        audit.record(conn, admin, "转换为加密数据库", {"cases": counts.get("cases", 0)}, now)
    finally:
        conn.close()
    return Conversion(recovery, counts.get("cases", 0), plain_leftovers(db_path) + plain_files)


def remove_plain_copies(result: Conversion) -> list[Path]:
    """Delete the unencrypted copies listed in ``result`` (the user agreed)."""
    removed = []
    for path in result.plain_copies:
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if p.exists():
                p.unlink()
                if p == path:
                    removed.append(p)
    return removed


def _counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '%fts%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
