"""Opening the database file safely.

One file holds everything. Opening it checks, in order: that it is an SQLite file at all (a
stray .xlsx chosen by mistake is reported, never overwritten), that it is not damaged, that it
was not written by a newer version of the program, and then brings an older file up to date,
copying it first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

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


def connect(
    path: str | Path, *, wal: bool = True, readonly: bool = False, same_thread: bool = True
) -> sqlite3.Connection:
    """A connection with the desk's pragmas, for a file that is already up to date.

    Each thread opens its own; ``isolation_level=None`` so transactions are explicit
    (``transaction``), never opened behind our back. ``readonly`` opens without any right to
    write, for inspecting a file that may not be ours.
    """
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path)
    conn = sqlite3.connect(
        target, isolation_level=None, timeout=10, uri=readonly, check_same_thread=same_thread
    )
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA foreign_keys = ON")
        if wal and not readonly:
            set_wal(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _classify(path, exc) from exc
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


def check_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise NotADatabaseError(f"“{path}”是一个文件夹，不是数据库文件")
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != _HEADER:
        raise NotADatabaseError(
            f"“{path}”不是信访接待台的数据库文件（不是 SQLite 数据库），程序不会改动它"
        )


def set_wal(conn: sqlite3.Connection) -> None:
    """WAL lets the ledger read while the desk writes; NORMAL sync is safe under WAL."""
    if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def _classify(path: str | Path, exc: sqlite3.DatabaseError) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return StoreError(f"数据库“{path}”正被另一个程序占用，请稍后再试")
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


def open_store(
    path: str | Path, *, create: bool = True, replace_empty: bool = False
) -> sqlite3.Connection:
    """Open (or create) the database at ``path`` and bring it to ``LATEST_VERSION``.

    A zero-byte file (a copy that failed, a disk that lost the data) is refused unless
    ``replace_empty``: the user must ask for a new database there. Raises a ``StoreError``
    subclass with a Chinese message when the file cannot be used.
    """
    path = Path(path)
    check_file(path)
    if path.is_file() and path.stat().st_size == 0 and not replace_empty:
        raise EmptyFileError(
            f"“{path}”是一个空文件（0 字节），不是信访接待台的数据库：可能是复制失败或磁盘故障。"
            "请从备份恢复；如果确实要在这里新建一个空数据库，请加上 --new-db 重新启动"
        )
    if not path.exists():
        if not create:
            raise StoreError(f"数据库文件“{path}”不存在")
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path, wal=False)
    try:
        try:
            quick = conn.execute("PRAGMA quick_check").fetchone()[0]
        except UnicodeDecodeError:  # a damaged schema: SQLite's own message is not UTF-8
            quick = "数据库结构已损坏"
        if quick != "ok":
            raise CorruptDatabaseError(f"数据库文件“{path}”已损坏（{quick}），请从备份恢复")
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
            if version > 0:
                backup_before_migration(conn, path, version)
            migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _classify(path, exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] > 0


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file (consistently, through SQLite's backup API) before changing its schema."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.v{version}-{stamp}.bak.sqlite")
    dest = sqlite3.connect(str(target))
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
