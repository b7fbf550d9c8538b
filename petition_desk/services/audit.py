"""Who viewed, exported and printed what (docs/domain.md §10): an append-only log in the database."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from petition_desk.db.connection import transaction
from petition_desk.services.directory import User


def record(
    conn: sqlite3.Connection,
    actor: User,
    action: str,
    details: dict[str, Any],
    at: dt.datetime | None = None,
) -> None:
    """Append one entry, e.g. ``record(conn, clerk, "导出台账", {"period": ..., "unmasked": True})``."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO audit_log(at, actor_id, actor, action, details) VALUES (?,?,?,?,?)",
            (
                (at or dt.datetime.now()).isoformat(timespec="seconds"),
                actor.id,
                actor.name,
                action,
                json.dumps(details, ensure_ascii=False, default=str),
            ),
        )


def entries(conn: sqlite3.Connection, limit: int = 200) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)).fetchall()


#: How the values recorded in the audit log are named for the clerk.
DETAIL_LABELS: dict[str, str] = {
    "file": "文件",
    "unmasked": "身份证号和电话",
    "month": "月份",
    "from": "起",
    "to": "止",
    "cases": "件数",
    "number": "文号",
    "kind": "文书种类",
    "period": "期间",
    "rows": "行数",
    "source": "来源",
}


def describe(details: dict[str, Any]) -> str:
    """An entry's details in Chinese: ``文件：台账.xlsx；身份证号和电话：完整`` (no raw keys)."""
    parts = []
    for key, value in details.items():
        label = DETAIL_LABELS.get(key, key)
        if key == "unmasked":
            value = "完整" if value else "已打码"
        elif isinstance(value, dict) and set(value) == {"old", "new"}:
            value = f"{value['old']} → {value['new']}"
        elif isinstance(value, bool):
            value = "是" if value else "否"
        parts.append(f"{label}：{value}")
    return "；".join(parts)
