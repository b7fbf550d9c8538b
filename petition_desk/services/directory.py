"""Users (the clerks who act), departments and leaders, and the defaults of a first start."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.domain.text import NAME_MAX, SHORT_MAX, clean_line
from petition_desk.errors import NotFoundError, ValidationError


@dataclass(frozen=True)
class User:
    """The clerk performing an action; recorded by name as well as id in every event."""

    id: int
    login: str
    name: str


def ensure_defaults(conn: sqlite3.Connection) -> None:
    """Give a new database one clerk so the desk works at first start with no configuration."""
    if conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None:
        with transaction(conn):
            conn.execute("INSERT INTO users(login, name) VALUES ('clerk', '信访员')")


def get_user(conn: sqlite3.Connection, login: str | None = None) -> User:
    """The named clerk, or the first active one when ``login`` is None."""
    if login:
        row = conn.execute("SELECT id, login, name FROM users WHERE login = ?", (login,)).fetchone()
        if row is None:
            raise NotFoundError(f"没有登录名为“{login}”的工作人员")
    else:
        row = conn.execute(
            "SELECT id, login, name FROM users WHERE active ORDER BY id LIMIT 1"
        ).fetchone()
        if row is None:
            raise NotFoundError("数据库中没有可用的工作人员")
    return User(row["id"], row["login"], row["name"])


def _clean(text: str, label: str, field: str, limit: int = SHORT_MAX) -> str:
    """One line of a name, cleaned at the door and held to ``limit`` characters."""
    text = clean_line(text, label, field)
    if len(text) > limit:
        raise ValidationError(f"{label}不能超过 {limit} 字", field)
    return text


def add_user(conn: sqlite3.Connection, login: str, name: str) -> int:
    login, name = _clean(login, "登录名", "login"), _clean(name, "姓名", "name")
    if not login or not name:
        raise ValidationError("请填写工作人员的登录名和姓名", "name")
    with transaction(conn):
        if conn.execute("SELECT 1 FROM users WHERE login = ?", (login,)).fetchone():
            raise ValidationError(f"登录名“{login}”已存在", "login")
        return inserted_id(
            conn.execute("INSERT INTO users(login, name) VALUES (?, ?)", (login, name))
        )


def add_department(conn: sqlite3.Connection, name: str) -> int:
    name = _clean(name, "单位名称", "name")
    if not name:
        raise ValidationError("请填写单位名称", "name")
    with transaction(conn):
        if conn.execute("SELECT 1 FROM departments WHERE name = ?", (name,)).fetchone():
            raise ValidationError(f"承办单位“{name}”已存在", "name")
        return inserted_id(conn.execute("INSERT INTO departments(name) VALUES (?)", (name,)))


def add_leader(
    conn: sqlite3.Connection, name: str, title: str = "", *, principal: bool = False
) -> int:
    name, title = _clean(name, "领导姓名", "name", NAME_MAX), _clean(title, "职务", "title")
    if not name:
        raise ValidationError("请填写领导姓名", "name")
    with transaction(conn):
        order = conn.execute("SELECT coalesce(max(rotation), 0) + 1 FROM leaders").fetchone()[0]
        return inserted_id(
            conn.execute(
                "INSERT INTO leaders(name, title, principal, rotation) VALUES (?, ?, ?, ?)",
                (name, title.strip(), int(principal), order),
            )
        )


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


def set_department_active(conn: sqlite3.Connection, department_id: int, active: bool) -> None:
    """Retire a department (it stays on its old cases) or bring it back."""
    with transaction(conn):
        conn.execute("UPDATE departments SET active = ? WHERE id = ?", (int(active), department_id))


def list_users(conn: sqlite3.Connection) -> list[User]:
    """Active users, in the order they were added."""
    rows = conn.execute("SELECT id, login, name FROM users WHERE active ORDER BY id")
    return [User(r[0], r[1], r[2]) for r in rows]
