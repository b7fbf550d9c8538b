"""Users (the people who log in and act), departments and leaders."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.text import NAME_MAX, SHORT_MAX, clean_line
from petition_desk.errors import NotFoundError, ValidationError
from petition_desk.services.permissions import Permission, Role, require


@dataclass(frozen=True)
class User:
    """The logged-in user performing an action; recorded by name and id in every event.

    ``role`` decides what the services allow (``services/permissions.py``); a ``User`` built
    without one may only read.
    """

    id: int
    login: str
    name: str
    role: str = Role.VIEWER.value
    active: bool = True
    #: For a 领导 user: the leader (设置 → 领导) they are, whose restricted cases they see.
    leader_id: int | None = None


def ensure_defaults(conn: sqlite3.Connection) -> None:
    """One clerk row in a database without users (plain scratch stores of tests, benches and
    docs). It has no password, so nobody can log in as it; the desk creates users through
    ``services/access.py``."""
    if conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None:
        insert_user(conn, "clerk", "信访员", Role.CLERK)


def get_user(conn: sqlite3.Connection, login: str | None = None) -> User:
    """The user with this login name (``None``: the first active one, for scratch stores)."""
    if login is None:
        row = conn.execute(f"SELECT {_USER} FROM users WHERE active ORDER BY id LIMIT 1").fetchone()
        if row is None:
            raise NotFoundError("数据库中没有可用的工作人员")
        return _user(row)
    row = conn.execute(f"SELECT {_USER} FROM users WHERE login = ?", (login,)).fetchone()
    if row is None:
        raise NotFoundError(f"没有登录名为“{login}”的工作人员")
    return _user(row)


_USER = "id, login, name, role, active, leader_id"


def _user(row) -> User:
    return User(row[0], row[1], row[2], row[3], bool(row[4]), row[5])


def list_users(conn: sqlite3.Connection) -> list[User]:
    return [_user(r) for r in conn.execute(f"SELECT {_USER} FROM users ORDER BY id")]


def link_leader(conn: sqlite3.Connection, user_id: int, leader_id: int | None) -> None:
    """Make the user with id ``user_id`` the leader ``leader_id`` (``None``: nobody). No
    permission check: ``access.set_leader`` checks and audits."""
    if leader_id is not None:
        _name_of(conn, "leaders", leader_id, "领导")
        other = conn.execute(
            "SELECT name FROM users WHERE leader_id = ? AND id != ?", (leader_id, user_id)
        ).fetchone()
        if other:
            raise ValidationError(
                f"这位领导已对应用户“{other[0]}”，一位领导只能对应一个用户", "leader"
            )
    with transaction(conn):
        conn.execute("UPDATE users SET leader_id = ? WHERE id = ?", (leader_id, user_id))


def link_by_name(conn: sqlite3.Connection, name: str) -> str | None:
    """When a 领导 user or a leader named ``name`` has just been added: link them if ``name``
    picks out exactly one leader and exactly one 领导 user, both unlinked. Returns the login
    linked (for the 操作日志), else None. Only the name just added is looked at, so a link
    the administrator removed (设置 → 用户 → 对应领导…) is never put back by another change."""
    leaders = conn.execute("SELECT id FROM leaders WHERE name = ?", (name,)).fetchall()
    users = conn.execute(
        "SELECT id, login, leader_id FROM users WHERE role = ? AND name = ?",
        (Role.LEADER.value, name),
    ).fetchall()
    if len(leaders) != 1 or len(users) != 1 or users[0]["leader_id"] is not None:
        return None
    leader_id = leaders[0]["id"]
    if conn.execute("SELECT 1 FROM users WHERE leader_id = ?", (leader_id,)).fetchone():
        return None
    conn.execute("UPDATE users SET leader_id = ? WHERE id = ?", (leader_id, users[0]["id"]))
    return str(users[0]["login"])


def _clean(text: str, label: str, field: str, limit: int = SHORT_MAX) -> str:
    """One line of a name, cleaned at the door and held to ``limit`` characters."""
    text = clean_line(text, label, field)
    if len(text) > limit:
        raise ValidationError(f"{label}不能超过 {limit} 字", field)
    return text


def insert_user(conn: sqlite3.Connection, login: str, name: str, role: Role | str) -> int:
    """Write a user row (no permission check: ``services/access.py`` checks and sets passwords)."""
    login, name = _clean(login, "登录名", "login"), _clean(name, "姓名", "name")
    if not login or not name:
        raise ValidationError("请填写工作人员的登录名和姓名", "name")
    if not re.fullmatch(r"[\w.\-]{1,32}", login):
        raise ValidationError(
            f"登录名“{login}”不可用：只能用字母、数字、汉字和 . _ -，不含空格，最多 32 个字",
            "login",
        )
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(f"没有“{role}”这种角色", "role") from None
    with transaction(conn):
        if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone():
            raise ValidationError(f"登录名“{login}”已存在", "login")
        new = inserted_id(
            conn.execute(
                "INSERT INTO users(login, name, role) VALUES (?, ?, ?)",
                (login, name, role.value),
            )
        )
        if role is Role.LEADER:
            link_by_name(conn, name)  # access.add_user says it in the 操作日志
        return new


def add_department(
    conn: sqlite3.Connection, name: str, *, actor: User, at: dt.datetime | None = None
) -> int:
    """Add a department; ``actor`` (the window's user) must be allowed to change the lists,
    and the addition is in the 操作日志."""
    require(actor, Permission.MANAGE_SETTINGS)
    name = _clean(name, "单位名称", "name")
    if not name:
        raise ValidationError("请填写单位名称", "name")
    with transaction(conn):
        if conn.execute("SELECT 1 FROM departments WHERE name = ?", (name,)).fetchone():
            raise ValidationError(f"承办单位“{name}”已存在", "name")
        new = inserted_id(conn.execute("INSERT INTO departments(name) VALUES (?)", (name,)))
        _audit(conn, actor, "添加承办单位", {"name": name}, at)
        return new


def add_leader(
    conn: sqlite3.Connection,
    name: str,
    title: str = "",
    *,
    principal: bool = False,
    actor: User,
    at: dt.datetime | None = None,
) -> int:
    """Add a leader; ``actor`` as for ``add_department``."""
    require(actor, Permission.MANAGE_SETTINGS)
    name, title = _clean(name, "领导姓名", "name", NAME_MAX), _clean(title, "职务", "title")
    if not name:
        raise ValidationError("请填写领导姓名", "name")
    with transaction(conn):
        order = conn.execute("SELECT coalesce(max(rotation), 0) + 1 FROM leaders").fetchone()[0]
        new = inserted_id(
            conn.execute(
                "INSERT INTO leaders(name, title, principal, rotation) VALUES (?, ?, ?, ?)",
                (name, title.strip(), int(principal), order),
            )
        )
        details = {"name": name, "title": title.strip(), "principal": principal}
        _audit(conn, actor, "添加领导", details, at)
        linked = link_by_name(conn, name)
        if linked:
            _audit(conn, actor, "修改用户", {"login": linked, "leader": name}, at)
        return new


def list_departments(
    conn: sqlite3.Connection, *, active_only: bool = True
) -> list[tuple[int, str]]:
    sql = "SELECT id, name FROM departments" + (" WHERE active" if active_only else "")
    return [(r[0], r[1]) for r in conn.execute(sql + " ORDER BY id")]


def list_leaders(conn: sqlite3.Connection, *, active_only: bool = True) -> list[sqlite3.Row]:
    sql = "SELECT * FROM leaders" + (" WHERE active" if active_only else "")
    return conn.execute(sql + " ORDER BY rotation, id").fetchall()


def department_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Every department (retired ones too, for old cases) by id."""
    return dict(conn.execute("SELECT id, name FROM departments"))


def leader_names(conn: sqlite3.Connection) -> dict[int, str]:
    """Every leader (retired ones too, for old cases) by id."""
    return dict(conn.execute("SELECT id, name FROM leaders"))


def departments_with_status(conn: sqlite3.Connection) -> list[tuple[int, str, bool]]:
    """Every department with whether it is still in use: (id, name, active)."""
    return [
        (r[0], r[1], bool(r[2]))
        for r in conn.execute("SELECT id, name, active FROM departments ORDER BY id")
    ]


def set_department_active(
    conn: sqlite3.Connection,
    department_id: int,
    active: bool,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """Retire a department (it stays on its old cases) or bring it back; audited."""
    require(actor, Permission.MANAGE_SETTINGS)
    name = _name_of(conn, "departments", department_id, "承办单位")
    with transaction(conn):
        conn.execute("UPDATE departments SET active = ? WHERE id = ?", (int(active), department_id))
        _audit(conn, actor, "启用承办单位" if active else "停用承办单位", {"name": name}, at)


# -- editing and retiring (never deleting: old cases name them); every change is audited ------
def _audit(conn, actor: User, action: str, details: dict[str, Any], at) -> None:
    from petition_desk.services import audit  # audit imports this module

    audit.record(conn, actor, action, details, at)


def _name_of(conn: sqlite3.Connection, table: str, row_id: int, what: str) -> str:
    row = conn.execute(f"SELECT name FROM {table} WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"{what} id={row_id} 不存在")
    return row[0]


def rename_department(
    conn: sqlite3.Connection,
    department_id: int,
    name: str,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """Correct a department's name; the old name is kept in the audit log."""
    require(actor, Permission.MANAGE_SETTINGS)
    name = name.strip()
    if not name:
        raise ValidationError("请填写单位名称", "name")
    old = _name_of(conn, "departments", department_id, "承办单位")
    if old == name:
        return
    with transaction(conn):
        if conn.execute(
            "SELECT 1 FROM departments WHERE name = ? AND id != ?", (name, department_id)
        ).fetchone():
            raise ValidationError(f"承办单位“{name}”已存在", "name")
        conn.execute("UPDATE departments SET name = ? WHERE id = ?", (name, department_id))
        _audit(conn, actor, "修改承办单位", {"name": {"old": old, "new": name}}, at)


def update_leader(
    conn: sqlite3.Connection,
    leader_id: int,
    name: str,
    title: str,
    principal: bool,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """Correct a leader's name, title or principal mark; old values kept in the audit log."""
    require(actor, Permission.MANAGE_SETTINGS)
    name, title = name.strip(), title.strip()
    if not name:
        raise ValidationError("请填写领导姓名", "name")
    row = conn.execute(
        "SELECT name, title, principal FROM leaders WHERE id = ?", (leader_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"领导 id={leader_id} 不存在")
    new = {"name": name, "title": title, "principal": bool(principal)}
    old = {"name": row[0], "title": row[1], "principal": bool(row[2])}
    changed = {k: {"old": old[k], "new": v} for k, v in new.items() if old[k] != v}
    if not changed:
        return
    with transaction(conn):
        conn.execute(
            "UPDATE leaders SET name = ?, title = ?, principal = ? WHERE id = ?",
            (name, title, int(principal), leader_id),
        )
        _audit(conn, actor, "修改领导信息", {"leader": old["name"], **changed}, at)


def set_leader_active(
    conn: sqlite3.Connection,
    leader_id: int,
    active: bool,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """Retire a leader (kept on old cases and rosters, left out of new rosters) or restore."""
    require(actor, Permission.MANAGE_SETTINGS)
    name = _name_of(conn, "leaders", leader_id, "领导")
    with transaction(conn):
        conn.execute("UPDATE leaders SET active = ? WHERE id = ?", (int(active), leader_id))
        _audit(conn, actor, "启用领导" if active else "停用领导", {"leader": name}, at)


def villages_with_status(conn: sqlite3.Connection) -> list[tuple[str, bool]]:
    """Villages offered at registration, then retired ones (still on old cases)."""
    from petition_desk.services import settings as settings_mod

    values = settings_mod.load(conn)
    return [(v, True) for v in values["villages"]] + [
        (v, False) for v in values["retired_villages"]
    ]


def _save_villages(conn, active: list[str], retired: list[str], actor: User, at) -> None:
    from petition_desk.services import settings as settings_mod

    # settings.update validates, stores and audits the lists with their old and new values.
    settings_mod.update(conn, {"villages": active, "retired_villages": retired}, actor, at)


def add_village(
    conn: sqlite3.Connection, name: str, actor: User, at: dt.datetime | None = None
) -> None:
    name = name.strip()
    if not name:
        raise ValidationError("请填写村（社区）名称", "name")
    rows = villages_with_status(conn)
    if any(v == name for v, _a in rows):
        raise ValidationError(f"村（社区）“{name}”已存在", "name")
    active = [v for v, a in rows if a] + [name]
    _save_villages(conn, active, [v for v, a in rows if not a], actor, at)


def rename_village(
    conn: sqlite3.Connection, old: str, new: str, actor: User, at: dt.datetime | None = None
) -> None:
    """Correct a village's name in the list; cases already registered keep what they say."""
    new = new.strip()
    if not new:
        raise ValidationError("请填写村（社区）名称", "name")
    rows = villages_with_status(conn)
    if new != old and any(v == new for v, _a in rows):
        raise ValidationError(f"村（社区）“{new}”已存在", "name")
    rows = [(new if v == old else v, a) for v, a in rows]
    _save_villages(conn, [v for v, a in rows if a], [v for v, a in rows if not a], actor, at)


def set_village_active(
    conn: sqlite3.Connection,
    name: str,
    active: bool,
    actor: User,
    at: dt.datetime | None = None,
) -> None:
    """Retire a village (no longer offered; old cases keep it) or bring it back."""
    rows = villages_with_status(conn)
    if not any(v == name for v, _a in rows):
        raise NotFoundError(f"村（社区）“{name}”不存在")
    active_list = [v for v, a in rows if a and v != name] + ([name] if active else [])
    retired = [v for v, a in rows if not a and v != name] + ([] if active else [name])
    _save_villages(conn, active_list, retired, actor, at)


def is_empty_desk(conn: sqlite3.Connection) -> bool:
    """Nothing set up or registered yet: no departments, leaders, reception days or cases."""
    # EXISTS stops at the first row: the window asks this at start, on a million cases too.
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM departments) OR EXISTS (SELECT 1 FROM leaders)"
        " OR EXISTS (SELECT 1 FROM reception_rules) OR EXISTS (SELECT 1 FROM cases)"
    ).fetchone()
    return not row[0]
