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
from petition_desk.services.permissions import Permission, require


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


def entries(conn: sqlite3.Connection, limit: int = 200, *, viewer: User) -> list[sqlite3.Row]:
    """The newest ``limit`` entries; shown to ``viewer``, only if their role may read the log
    (it names petitioners' cases and who looked at them)."""
    require(viewer, Permission.VIEW_AUDIT)
    return conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,)).fetchall()


#: How the values recorded in the audit log are named for the clerk. Every key any
#: ``record`` call writes is here (tests/test_audit_describe.py records each kind).
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
    "village": "村（社区）",
    "year": "年度",
    "title": "标题",
    "batch": "销毁批次",
    "reason": "理由",
    "as_of": "截至",
    "filter": "筛选条件",
    "name": "名称",
    "leader": "领导",
    "principal": "主要领导",
}

#: Where one action means something else by a key (a leader's ``title`` is a post).
ACTION_LABELS: dict[str, dict[str, str]] = {
    "修改领导信息": {"name": "姓名", "title": "职务"},
    "添加领导": {"name": "姓名", "title": "职务"},
}

#: Values recorded as program words, said in Chinese.
_VALUE_WORDS: dict[str, str] = {"prefix": "身份证号前几位", "exact": "完整身份证号"}


def _value(value: Any) -> str:
    """One recorded value as a clerk reads it: 是/否, lists joined, kinds by their title."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, list | tuple):
        return "、".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{_value(v)}" for k, v in value.items())
    return _VALUE_WORDS.get(str(value), str(value))


def describe(details: dict[str, Any], action: str = "") -> str:
    """An entry's details in Chinese: ``文件：台账.xlsx；身份证号和电话：完整`` (no raw keys)."""
    from petition_desk.reports.templates import KINDS

    labels = {**DETAIL_LABELS, **ACTION_LABELS.get(action, {})}
    parts = []
    for key, value in details.items():
        label = labels.get(key, key)  # settings are recorded by their Chinese label already
        if key == "unmasked":
            text = "完整" if value else "已打码"
        elif key == "kind" and value in KINDS:
            text = KINDS[value].title
        elif isinstance(value, dict) and set(value) == {"old", "new"}:
            text = f"{_value(value['old'])} → {_value(value['new'])}"
        else:
            text = _value(value)
        parts.append(f"{label}：{text}")
    return "；".join(parts)


def record_view(conn: sqlite3.Connection, actor: User, case_number: str) -> None:
    """A case's personal details were shown (opening the case)."""
    record(conn, actor, "查看案件个人信息", {"case": case_number})


def record_id_search(conn: sqlite3.Connection, actor: User, query_kind: str) -> None:
    """A search by ID number: what kind of search, never the number itself."""
    record(conn, actor, "按身份证号查询", {"what": query_kind})
