"""SQLite's own failures, and the file system's, told to the clerk in Chinese.

A locked database, a read-only file, a full disk, an unopenable path or a damaged file reach
Python as ``sqlite3.OperationalError`` / ``DatabaseError`` (or ``OSError`` for the files beside
it) with an English text. ``translate`` turns each into a ``StoreError`` subclass whose message
says what happened and what to do; ``store_errors`` does it for a block of code, so the service
boundary, the command line's ``main`` and the window's error paths all say the same thing.

Nothing is half-saved by the translation itself: every write runs in one transaction
(``db.connection.transaction``), which SQLite rolls back when the statement fails.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from petition_desk.db.connection import CorruptDatabaseError, StoreError
from petition_desk.db.engine import sqlite3

T = TypeVar("T")

_NOT_SAVED = "本次操作没有保存任何内容"


class DatabaseBusyError(StoreError):
    """Another connection holds the write lock longer than the busy timeout."""


class ReadOnlyDatabaseError(StoreError):
    """The file, or its folder, cannot be written."""


class DiskFullError(StoreError):
    """No room left on the disk (or the database reached its size limit)."""


class CannotOpenError(StoreError):
    """The path does not lead to a file that can be opened."""


class StorageIOError(StoreError):
    """The disk or network drive failed while reading or writing."""


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _NOTADB = 11, 13, 14, 26


def _where(path: str | Path | None) -> str:
    return f"“{path}”" if path else ""


def busy_message(path: str | Path | None = None) -> str:
    """Said when another operation holds the write lock."""
    return (
        f"另一项操作正在写入数据库{_where(path)}（例如正在导入台账，或另一台电脑/另一个窗口"
        f"正在保存），{_NOT_SAVED}。请等它完成后再试，填写的内容仍保留在窗口中"
    )


def translate(exc: BaseException, path: str | Path | None = None) -> StoreError | None:
    """The ``StoreError`` that explains ``exc``, or None if it is not a storage failure."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.ProgrammingError):
        return _from_sqlite(exc, path)
    if isinstance(exc, OSError):
        return _from_os(exc, path)
    return None


def _from_sqlite(exc: sqlite3.DatabaseError, path: str | Path | None) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    where = _where(path)
    if primary in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return DatabaseBusyError(busy_message(path))
    if primary == _FULL or "full" in text:
        return DiskFullError(
            f"磁盘空间已满，数据库{where}无法写入，{_NOT_SAVED}。"
            "请删除不需要的文件、腾出磁盘空间后再试"
        )
    if primary in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
        return ReadOnlyDatabaseError(
            f"数据库文件{where}是只读的（或它所在的文件夹不允许写入），{_NOT_SAVED}。"
            "请检查文件属性和文件夹权限（或请管理员处理），然后重新打开信访接待台"
        )
    if primary == _CANTOPEN or "unable to open" in text:
        return CannotOpenError(
            f"无法打开数据库文件{where}：文件夹不存在、没有访问权限，或网络驱动器已断开。"
            "请检查路径，或用 --db 指定其他位置"
        )
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(
            f"数据库文件{where}已损坏（{exc}）。请关闭程序，从备份恢复；程序不会改动该文件"
        )
    if primary == _IOERR or "disk i/o" in text:
        return StorageIOError(
            f"读写数据库文件{where}时磁盘出错（{exc}），{_NOT_SAVED}。"
            "请检查磁盘或网络驱动器，然后重新打开信访接待台"
        )
    return StoreError(f"数据库操作失败（{exc}），{_NOT_SAVED}。请重试；如仍失败，请联系管理员")


def _from_os(exc: OSError, path: str | Path | None) -> StoreError | None:
    target = _where(exc.filename or path)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFullError(f"磁盘空间已满，无法写入{target}，{_NOT_SAVED}。请腾出磁盘空间后再试")
    if exc.errno == errno.EROFS or isinstance(exc, PermissionError):
        return ReadOnlyDatabaseError(
            f"没有权限写入{target}（文件或文件夹是只读的），{_NOT_SAVED}。"
            "请检查文件夹权限，或换一个位置"
        )
    if isinstance(exc, FileNotFoundError):
        return CannotOpenError(f"找不到{target}：文件或文件夹不存在。请检查路径")
    if exc.errno in (errno.ENOTDIR, errno.EISDIR):
        return CannotOpenError(
            f"无法使用{target}：路径中有一部分是文件而不是文件夹（或反之）。请检查路径，"
            "或用 --db 指定其他位置"
        )
    if exc.errno == errno.EIO:
        return StorageIOError(f"读写{target}时磁盘出错，{_NOT_SAVED}。请检查磁盘或网络驱动器")
    return None


def set_busy_timeout(conn: sqlite3.Connection, ms: int) -> None:
    """How long ``conn`` waits for another writer before ``DatabaseBusyError`` says so.

    The window uses a short wait: a clerk is better told "另一项操作正在写入" after two
    seconds than left with a frozen window for ten.
    """
    conn.execute(f"PRAGMA busy_timeout = {int(ms)}")


def private_files() -> None:
    """From now on, files and folders this process creates are readable by the user only.

    On POSIX the umask covers the database (and its -wal/-shm, which SQLite creates with the
    database's mode), backups, logs, drafts, settings and exports at once. On Windows the
    data lives in the per-user folder (%LOCALAPPDATA%), which other users cannot read.
    """
    if os.name == "posix":
        os.umask(0o077)


@contextlib.contextmanager
def store_errors(path: str | Path | None = None) -> Iterator[None]:
    """Re-raise storage failures inside the block as ``StoreError`` with a Chinese message."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        translated = translate(exc, path)
        if translated is None or translated is exc:
            raise
        raise translated from exc


def translating(func: Callable[..., T]) -> Callable[..., T]:
    """Decorator form of ``store_errors`` for a service function."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> T:
        with store_errors():
            return func(*args, **kwargs)

    return wrapper
