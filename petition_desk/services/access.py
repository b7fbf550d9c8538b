"""Opening the desk: first start, login, users' passwords and roles.

A *desk* is the encrypted database plus its key file (``db/keyring.py``). Logging in unwraps
the data key with the user's password, opens the database with it and checks that the user is
still active; failed attempts are counted in the key file (the database cannot be opened
then) and moved into the audit log by the next successful login.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from petition_desk.db.connection import StoreError, open_store, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.db.keyring import (
    STRONG_KDF,
    EarlyUnlock,
    Kdf,
    KeyError_,
    Keyring,
    LockedError,
    WrongPasswordError,
    keys_path,
)
from petition_desk.errors import ValidationError
from petition_desk.services import audit
from petition_desk.services import settings as settings_mod
from petition_desk.services.directory import (
    User,
    get_user,
    insert_user,
    leader_names,
    link_leader,
)
from petition_desk.services.permissions import Permission, Role, allowed, require

MIN_PASSWORD = 8
#: Added to a refused password when the key file was last used with another database file.
OTHER_DESKS_KEYS = (
    "另外：旁边的密钥文件（.keys）上次是和另一个数据库文件一起用的，可能是从别的电脑或别的备份"
    "拷来的。如果密码没有记错，请把与这个数据库一起保存的 .keys 文件放回数据库旁（与数据库同名），"
    "再用那时的密码登录。"
)
#: The documented users of ``petition-desk demo-data`` (README); the passwords are public.
#: The clerk comes first: the demo history is written by user id 1.
DEMO_USERS = (
    ("clerk", "信访员", Role.CLERK, "demo-clerk"),
    ("admin", "演示管理员", Role.ADMIN, "demo-admin"),
)


@dataclass
class Desk:
    """An open desk: the connection, the data key (for worker threads and backups), who."""

    db_path: Path
    key: bytes
    conn: sqlite3.Connection
    user: User

    @property
    def keyring(self) -> Keyring:
        return Keyring.load(keys_path(self.db_path))


def check_password(password: str, repeat: str | None = None) -> None:
    """Refuse a password too short to resist guessing from a stolen key file."""
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"密码至少 {MIN_PASSWORD} 位", "password")
    if repeat is not None and password != repeat:
        raise ValidationError("两次输入的密码不一致", "repeat")


def init_desk(
    db_path: Path,
    unit: str,
    admin_login: str,
    admin_name: str,
    password: str,
    *,
    kdf: Kdf = STRONG_KDF,
    now: dt.datetime | None = None,
) -> tuple[Desk, str]:
    """Create a new encrypted desk with its administrator; returns it and the recovery key.

    The recovery key is returned once, to be shown and printed; only its wrapped slot is kept.
    """
    db_path = Path(db_path)
    if db_path.exists() and db_path.stat().st_size > 0:
        raise StoreError(f"“{db_path}”已存在，程序不会覆盖它")
    check_password(password)
    if not unit.strip():
        raise ValidationError("请填写单位名称", "unit")
    ring, key, recovery = Keyring.create(keys_path(db_path), kdf)
    ring.set_password(admin_login.strip(), password, key)
    ring.save()
    try:
        conn = open_store(db_path, key, replace_empty=True)  # the caller chose this file
        insert_user(conn, admin_login, admin_name or admin_login, Role.ADMIN)
        with transaction(conn):
            settings_mod.save(conn, {"unit_name": unit.strip()})
        user = get_user(conn, admin_login.strip())
        audit.record(conn, user, "初始化数据库", {"unit": unit.strip()}, now)
    except BaseException:
        keys_path(db_path).unlink(missing_ok=True)
        db_path.unlink(missing_ok=True)
        raise
    return Desk(db_path, key, conn, user), recovery


def login(
    db_path: Path,
    login_name: str,
    password: str,
    now: dt.datetime | None = None,
    *,
    quick_check: bool = True,
    same_thread: bool = True,
    on_stage: Callable[[str], None] | None = None,
    early: EarlyUnlock | None = None,
) -> Desk:
    """Open the desk as ``login_name``; Chinese ``DeskError`` for every refusal.

    ``quick_check=False`` leaves the whole-file check to the caller; ``same_thread`` and
    ``on_stage`` as for ``open_store`` (the login window logs in from a worker thread and
    says what a long upgrade is doing). ``early``: the key derivation already started for
    this login (``keyring.unlock_early``).
    """
    db_path = Path(db_path)
    if db_path.is_file() and db_path.stat().st_size == 0:
        # Said before asking for a key file: an empty file is never a desk (and stays empty).
        from petition_desk.db.connection import EmptyFileError, empty_file_message

        raise EmptyFileError(empty_file_message(db_path))
    ring = Keyring.load(keys_path(db_path))
    mine = early.for_login(db_path, login_name, password) if early is not None else None
    try:
        # An unknown name is counted like a wrong password, so names cannot be probed for.
        key = ring.unlock(login_name, password, now, early=mine)
    except (WrongPasswordError, LockedError) as exc:
        # Still counted: the key file cannot know whether it was swapped by mistake. Said, so
        # that nobody keeps typing the right password into another desk's key file.
        if ring.belongs_elsewhere(db_path):
            raise type(exc)(f"{exc}\n\n{OTHER_DESKS_KEYS}") from None
        raise
    conn = open_store(
        db_path,
        key,
        create=False,
        quick_check=quick_check,
        same_thread=same_thread,
        on_stage=on_stage,
    )
    try:
        user = get_user(conn, login_name)
        if not user.active:
            raise KeyError_(f"账号“{login_name}”已停用，请联系管理员")
        flush_pending(conn, ring, user)
        audit.record(conn, user, "登录", {}, now)
        ring.bind(db_path)  # this key file opens this database (after a restore, a copy…)
    except BaseException:
        conn.close()
        raise
    return Desk(db_path, key, conn, user)


def flush_pending(conn: sqlite3.Connection, ring: Keyring, user: User) -> None:
    """Move failed logins and locks counted in the key file into the audit log."""
    for item in ring.take_pending():
        audit.record(
            conn,
            user,
            item["event"],
            {"login": item["login"], "by": "密钥文件记录"},
            dt.datetime.fromisoformat(item["at"]),
        )


def unlock_screen(desk: Desk, password: str) -> bool:
    """Whether ``password`` is the logged-in user's (the idle lock); failures are audited."""
    ok = desk.keyring.check_password(desk.user.login, password)
    if not ok:
        audit.record(desk.conn, desk.user, "解锁失败", {})
    return ok


def add_user(desk: Desk, login_name: str, name: str, role: Role | str, password: str) -> User:
    """A new user with a password (administrator only)."""
    require(desk.user, Permission.MANAGE_USERS)
    check_password(password)
    insert_user(desk.conn, login_name, name, role)
    ring = desk.keyring
    ring.set_password(login_name.strip(), password, desk.key)
    ring.save()
    audit.record(desk.conn, desk.user, "新增用户", {"login": login_name, "role": str(role)})
    user = get_user(desk.conn, login_name.strip())
    if user.leader_id is not None:  # linked by its unambiguous name (directory.link_by_name)
        leader = leader_names(desk.conn).get(user.leader_id, "")
        audit.record(desk.conn, desk.user, "修改用户", {"login": user.login, "leader": leader})
    return user


def reset_password(desk: Desk, login_name: str, password: str) -> None:
    """The administrator sets a new password for a user: one slot re-wrapped, lock lifted."""
    require(desk.user, Permission.MANAGE_USERS)
    check_password(password)
    get_user(desk.conn, login_name)
    ring = desk.keyring
    ring.set_password(login_name, password, desk.key)
    ring.save()
    audit.record(desk.conn, desk.user, "重设密码", {"login": login_name})


def change_password(desk: Desk, old: str, new: str, repeat: str) -> None:
    """The logged-in user changes their own password."""
    ring = desk.keyring
    if not ring.check_password(desk.user.login, old):
        raise ValidationError("原密码不正确", "old")
    check_password(new, repeat)
    ring.set_password(desk.user.login, new, desk.key)
    ring.save()
    audit.record(desk.conn, desk.user, "修改密码", {})


def set_leader(desk: Desk, login_name: str, leader_id: int | None) -> None:
    """Make a 领导 user the leader ``leader_id`` of 设置 → 领导 (``None``: nobody): they then
    see the 保密 cases that name that leader (administrator only, audited)."""
    require(desk.user, Permission.MANAGE_USERS)
    target = get_user(desk.conn, login_name)
    if leader_id is not None and target.role != Role.LEADER.value:
        raise ValidationError(
            f"“{target.name}”不是领导角色，不能对应领导；请先把角色改为领导", "leader"
        )
    link_leader(desk.conn, target.id, leader_id)
    leader = leader_names(desk.conn).get(leader_id, "") if leader_id is not None else "（无）"
    audit.record(desk.conn, desk.user, "修改用户", {"login": login_name, "leader": leader})


def set_role(desk: Desk, login_name: str, role: Role | str, active: bool) -> None:
    """Change a user's role or (de)activate them; the last active administrator stays."""
    require(desk.user, Permission.MANAGE_USERS)
    role = Role(role)
    target = get_user(desk.conn, login_name)
    with transaction(desk.conn):
        desk.conn.execute(
            "UPDATE users SET role = ?, active = ? WHERE id = ?",
            (role.value, int(active), target.id),
        )
        admins = desk.conn.execute(
            "SELECT count(*) FROM users WHERE role = ? AND active", (Role.ADMIN.value,)
        ).fetchone()[0]
        if admins == 0:
            raise ValidationError("至少要保留一名启用的管理员", "role")
        if role is not Role.LEADER and target.leader_id is not None:
            # No longer a leader: the link (and the restricted cases it opens) goes, and the
            # leader is free for whoever the administrator links next.
            desk.conn.execute("UPDATE users SET leader_id = NULL WHERE id = ?", (target.id,))
    if not active:
        ring = desk.keyring
        ring.remove_user(login_name)
        ring.save()
    audit.record(
        desk.conn,
        desk.user,
        "修改用户",
        {"login": login_name, "role": role.value, "active": active},
    )


def new_recovery_key(desk: Desk) -> str:
    """Replace the recovery key (administrator); the old printout stops working."""
    require(desk.user, Permission.MANAGE_USERS)
    ring = desk.keyring
    recovery = ring.replace_recovery(desk.key)
    ring.save()
    audit.record(desk.conn, desk.user, "更换恢复密钥", {})
    return recovery


def recover(db_path: Path, recovery: str, login_name: str, password: str) -> None:
    """With the recovery key, give ``login_name`` (an administrator) a new password."""
    check_password(password)
    ring = Keyring.load(keys_path(db_path))
    key = ring.unlock_recovery(recovery)
    conn = open_store(db_path, key, create=False)
    try:
        user = get_user(conn, login_name)
        if not allowed(user, Permission.MANAGE_USERS):
            raise ValidationError(
                f"“{login_name}”不是管理员：恢复密钥只用于重设管理员的密码。其他用户忘记密码，"
                "请管理员在“设置 → 用户”中重设",
                "login",
            )
        ring.set_password(login_name, password, key)
        ring.save()
        audit.record(conn, user, "用恢复密钥重设密码", {"login": login_name})
    finally:
        conn.close()
