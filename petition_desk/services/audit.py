"""Who viewed, exported and printed what (docs/domain.md §10): an append-only log in the database.

Each entry is chained to the previous one and anchored to the newest case event
(``services/chain.py``): deleting or rewriting entries, or history written before them, shows.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from petition_desk.db.connection import transaction
from petition_desk.db.engine import sqlite3
from petition_desk.services import chain
from petition_desk.services.directory import User


def record(
    conn: sqlite3.Connection,
    actor: User,
    action: str,
    details: dict[str, Any],
    at: dt.datetime | None = None,
) -> None:
    """Append one entry, e.g. ``record(conn, clerk, "导出台账", {"period": ..., "unmasked": True})``."""
    fields = (
        (at or dt.datetime.now()).isoformat(timespec="seconds"),
        actor.id,
        actor.name,
        action,
        json.dumps(details, ensure_ascii=False, default=str),
    )
    with transaction(conn):
        anchor_id, anchor = chain.events_head(conn)
        digest = chain.audit_hash(chain.audit_head(conn), fields, anchor_id, anchor)
        conn.execute(
            "INSERT INTO audit_log(at, actor_id, actor, action, details, anchor_id, anchor, hash) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (*fields, anchor_id, anchor, digest),
        )


def entries(
    conn: sqlite3.Connection, limit: int = 200, viewer: Any | None = None
) -> list[sqlite3.Row]:
    """The newest ``limit`` entries; shown to ``viewer``, only if their role may read the log
    (it names petitioners' cases and who looked at them)."""
    if viewer is not None:
        from petition_desk.services.permissions import Permission, require

        require(viewer, Permission.VIEW_AUDIT)
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
    "login": "登录名",
    "role": "角色",
    "active": "启用",
    "unit": "单位",
    "kept": "原文件另存为",
    "by": "来源",
    "case": "案件",
    "what": "内容",
    "filter": "筛选条件",
    "year": "年度",
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


def record_view(conn: sqlite3.Connection, actor: User, case_number: str) -> None:
    """A case's personal details were shown (opening the case)."""
    record(conn, actor, "查看案件个人信息", {"case": case_number})


def record_id_search(conn: sqlite3.Connection, actor: User, query_kind: str) -> None:
    """A search by ID number: what kind of search, never the number itself."""
    record(conn, actor, "按身份证号查询", {"what": query_kind})
