"""Storing the reception-day rules (the rules themselves are ``domain.reception``)."""

from __future__ import annotations

import json

from petition_desk.db.connection import inserted_id, transaction
from petition_desk.db.engine import sqlite3
from petition_desk.domain.reception import Rule, validate
from petition_desk.services import audit
from petition_desk.services.directory import User
from petition_desk.services.permissions import Permission, require


def load_reception_rules(conn: sqlite3.Connection) -> list[Rule]:
    rows = conn.execute(
        "SELECT id, kind, params, half_day, place FROM reception_rules WHERE active ORDER BY id"
    )
    out = []
    for rid, kind, params, half, place in rows:
        p = json.loads(params)
        out.append(
            Rule(
                kind,
                half,
                place,
                weekday=p.get("weekday"),
                lunar_days=tuple(p.get("lunar_days") or ()),
                month_day=p.get("month_day"),
                id=rid,
            )
        )
    return out


def add_reception_rule(conn: sqlite3.Connection, rule: Rule, *, actor: User) -> int:
    """Add a reception-day rule; ``actor`` (the window's user) must be allowed to keep the
    roster, and the rule is in the 操作日志."""
    require(actor, Permission.MANAGE_ROSTER)
    validate(rule)
    with transaction(conn):
        new = inserted_id(
            conn.execute(
                "INSERT INTO reception_rules(kind, params, half_day, place) VALUES (?,?,?,?)",
                (rule.kind, json.dumps(rule.params()), rule.half_day, rule.place),
            )
        )
        audit.record(conn, actor, "添加接待日规则", {"what": rule.describe()})
        return new


def remove_reception_rule(conn: sqlite3.Connection, rule_id: int, *, actor: User) -> None:
    """Stop a reception-day rule (kept, inactive); audited like its addition."""
    require(actor, Permission.MANAGE_ROSTER)
    rule = next((r for r in load_reception_rules(conn) if r.id == rule_id), None)
    with transaction(conn):
        conn.execute("UPDATE reception_rules SET active = 0 WHERE id = ?", (rule_id,))
        what = rule.describe() if rule is not None else f"规则 {rule_id}"
        audit.record(conn, actor, "停用接待日规则", {"what": what})
