"""Who viewed, exported and printed what (domain.md §10): an append-only log in the database."""

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
