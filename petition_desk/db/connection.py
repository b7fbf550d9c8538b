"""Opening the database file safely.

One file holds everything. Opening it checks, in order: that it is an SQLite file at all (a
stray .xlsx chosen by mistake is reported, never overwritten), that it is not damaged, that it
was not written by a newer version of the program, and then brings an older file up to date,
copying it first.

The file is encrypted (SQLCipher): every connection is given the 32-byte data key before
anything else (``PRAGMA key``), see ``db/keyring.py`` for where the key comes from. ``key=None``
opens a plain, unencrypted file: only a file of an older version being converted
(``services/encryption.py``) and the benches measuring the plain cost do that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import keys_path, sql_key
from petition_desk.db.migrations import MIGRATIONS, split_sql
from petition_desk.errors import DeskError

LATEST_VERSION = len(MIGRATIONS)
_HEADER = b"SQLite format 3\x00"


class StoreError(DeskError):
    """The database file cannot be used; the message says why, in Chinese."""


class NotADatabaseError(StoreError):
    pass


class CorruptDatabaseError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class EmptyFileError(NotADatabaseError):
    """A zero-byte file: never silently turned into a new database (``replace_empty``)."""


class WrongKeyError(StoreError):
    """The key does not decrypt the file (or the file is encrypted and no key was given)."""


class PlainDatabaseError(StoreError):
    """A key was given but the file is a plain database of an older version: convert it."""


def connect(
    path: str | Path,
    *,
    key: bytes | None = None,
    wal: bool = True,
    readonly: bool = False,
    same_thread: bool = True,
) -> sqlite3.Connection:
    """A connection with the desk's pragmas, for a file that is already up to date.

    Each thread opens its own; ``isolation_level=None`` so transactions are explicit
    (``transaction``), never opened behind our back. ``readonly`` opens without any right to
    write, for inspecting a file that may not be ours. ``key`` is the data key (``None``: a
    plain file).
    """
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path)
    conn = sqlite3.connect(
        target, isolation_level=None, timeout=10, uri=readonly, check_same_thread=same_thread
    )
    conn.row_factory = sqlite3.Row
    try:
        # SQLCipher writes a wrong key's HMAC failures to stderr; the caller reports it instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {sql_key(key)}")
        # The first read decrypts page 1: a wrong key fails here, before anything is written.
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        if wal and not readonly:
            set_wal(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _classify(path, exc, key) from exc
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (``BEGIN IMMEDIATE``); nested use becomes a savepoint."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO SAVEPOINT nested")
            conn.execute("RELEASE SAVEPOINT nested")
            raise
        conn.execute("RELEASE SAVEPOINT nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row an ``INSERT`` just wrote (typed: never None after an insert)."""
    rowid = cursor.lastrowid
    if rowid is None:  # pragma: no cover - a bug: not an INSERT
        raise AssertionError("inserted_id() after a statement that inserted nothing")
    return rowid


def empty_file_message(path: Path) -> str:
    """Why a zero-byte file is not opened as a new database (the window asks first)."""
    return (
        f"“{path}”是一个空文件（0 字节），不是信访接待台的数据库：可能是复制失败或磁盘故障。"
        "请从备份恢复；如果确实要在这里新建一个空数据库，请加上 --new-db 重新启动"
    )


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite file (its header is readable)."""
    with Path(path).open("rb") as fh:
        return fh.read(16) == _HEADER


def check_file(path: Path, key: bytes | None = None) -> None:
    """Refuse a file that exists but is not a database this key can open.

    An encrypted file has no readable header, so without a key it is only accepted when its
    key file lies beside it; whether the key is right is found by the first read.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotADatabaseError(f"“{path}”是一个文件夹，不是数据库文件")
    plain = is_plain(path)
    if plain and key is not None:
        raise PlainDatabaseError(f"数据库“{path}”尚未加密（旧版本的文件），需要先转换为加密数据库")
    if not plain and key is None:
        if keys_path(path).exists():
            raise WrongKeyError(f"数据库“{path}”已加密，请先登录")
        raise NotADatabaseError(
            f"“{path}”不是信访接待台的数据库文件（不是 SQLite 数据库），程序不会改动它"
        )


def set_wal(conn: sqlite3.Connection) -> None:
    """WAL lets the ledger read while the desk writes; NORMAL sync is safe under WAL."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def _classify(path: str | Path, exc: sqlite3.DatabaseError, key: bytes | None = None) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(f"数据库“{path}”正被另一个程序占用，请稍后再试")
    if key is not None and "not a database" in text:
        return WrongKeyError(
            f"密钥无法解密数据库“{path}”（密钥文件与数据库不配套，或文件已损坏）。"
            "文件未被改动；请使用该数据库自己的 .keys 文件或从备份恢复"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return CorruptDatabaseError(
            f"数据库文件“{path}”已损坏：{exc}。请从备份恢复，程序不会改动它"
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"数据库文件“{path}”是只读的，无法保存")
    if "disk" in text and "full" in text:
        return StoreError("磁盘空间已满，无法写入数据库")
    return StoreError(f"无法打开数据库“{path}”：{exc}")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


#: What the clerk is told while an upgrade runs (``open_store``'s ``on_stage``).
UPGRADE_STAGES = (
    "正在检查数据库文件是否完好（升级前）……",
    "正在备份数据库（升级前的副本），数据多时需要几分钟，请不要关闭程序……",
    "正在升级数据库结构，数据多时需要几分钟，请不要关闭程序……",
)


def open_store(
    path: str | Path,
    key: bytes | None = None,
    *,
    create: bool = True,
    replace_empty: bool = False,
    quick_check: bool = True,
    same_thread: bool = True,
    on_stage: Callable[[str], None] | None = None,
) -> sqlite3.Connection:
    """Open (or create) the database at ``path`` with ``key`` and bring it to ``LATEST_VERSION``.

    A zero-byte file (a copy that failed, a disk that lost the data) is refused unless
    ``replace_empty``: the user must ask for a new database there. Raises a ``StoreError``
    subclass with a Chinese message when the file cannot be used.

    SQLite's ``quick_check`` reads every page (seconds on a large desk). Without
    ``quick_check`` it is left to the caller (the window runs it in the background once shown:
    ``ui/integrity_check.py``), except before a migration: a damaged file is never migrated.

    An upgrade of a large desk takes minutes (check, copy, migrations): ``on_stage`` is told
    each step in a Chinese sentence for the clerk. ``same_thread=False`` lets a worker thread
    open the store for the window (``connect``).
    """
    say = on_stage or (lambda _text: None)
    path = Path(path)
    check_file(path, key)
    if path.is_file() and path.stat().st_size == 0 and not replace_empty:
        raise EmptyFileError(empty_file_message(path))
    if not path.exists():
        if not create:
            raise StoreError(f"数据库文件“{path}”不存在")
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, key=key, wal=False, same_thread=same_thread)
    try:
        if quick_check:
            _refuse_damaged(conn, path)
        version = schema_version(conn)
        if version > LATEST_VERSION:
            raise NewerSchemaError(
                f"数据库“{path}”由更新版本的信访接待台创建（结构版本 {version}），"
                f"本程序只支持到版本 {LATEST_VERSION}。请升级程序后再打开，程序不会改动该文件"
            )
        if version == 0 and _has_tables(conn):
            raise NotADatabaseError(
                f"“{path}”是 SQLite 文件，但不是信访接待台的数据库（没有结构版本号），程序不会改动它"
            )
        set_wal(conn)
        if version < LATEST_VERSION:
            if not quick_check and version > 0:
                say(UPGRADE_STAGES[0])
                _refuse_damaged(conn, path)
            if version > 0:
                say(UPGRADE_STAGES[1])
                backup_before_migration(conn, path, version, key)
                say(UPGRADE_STAGES[2])
            migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _classify(path, exc, key) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def damage_report(conn: sqlite3.Connection, path: str | Path) -> str | None:
    """None when SQLite's ``quick_check`` finds the file sound, else the Chinese sentence."""
    try:
        quick = conn.execute("PRAGMA quick_check").fetchone()[0]
    except UnicodeDecodeError:  # a damaged schema: SQLite's own message is not UTF-8
        quick = "数据库结构已损坏"
    if quick == "ok":
        return None
    return f"数据库文件“{path}”已损坏（{quick}），请从备份恢复"


def _refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    report = damage_report(conn, path)
    if report is not None:
        raise CorruptDatabaseError(report)


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] > 0


def backup_before_migration(
    conn: sqlite3.Connection, path: Path, version: int, key: bytes | None = None
) -> Path:
    """Copy the file (consistently, through SQLite's backup API) before changing its schema.

    The copy is encrypted with the same key (the backup API copies pages between two
    connections keyed alike).
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-{stamp}.bak.sqlite")
    dest = sqlite3.connect(str(target))
    if key is not None:
        dest.execute(f"PRAGMA key = {sql_key(key)}")
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Run every migration after ``current``, each in its own transaction."""
    for version in range(current + 1, LATEST_VERSION + 1):
        with transaction(conn):
            for step in MIGRATIONS[version - 1]:
                if callable(step):
                    step(conn)
                else:
                    for statement in split_sql(step):
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
