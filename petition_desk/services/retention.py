"""Retention (docs/domain.md §11): which files have passed their retention period.

A volume is kept for its period counted in whole years from the end of the year it was filed
(永久 files are never due); a 存信 letter from the end of the year it was filed as 存信. The
periods are settings (services.settings: retention_*), the county decides them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from petition_desk.db.engine import sqlite3
from petition_desk.services import settings as settings_mod


@dataclass(frozen=True)
class Due:
    """A case whose file may now be destroyed."""

    case_id: int
    number: str
    kind: str  # 存信 or 案卷
    volume: str
    retention: str
    kept_until: dt.date  # the last day of the retention period


def _years(retention: str) -> int | None:
    m = re.fullmatch(r"(\d+)年", retention)
    return int(m.group(1)) if m else None  # 永久: never


def kept_until(filed: dt.date, years: int) -> dt.date:
    """The last day a file filed on ``filed`` is kept: 31 December, ``years`` years on."""
    return dt.date(filed.year + years, 12, 31)


def due_for_destruction(conn: sqlite3.Connection, as_of: dt.date) -> list[Due]:
    """Every file whose retention period ended before ``as_of``, oldest first."""
    letters_years = int(settings_mod.load(conn)["retention_letters_years"])
    out: list[Due] = []
    for case_id, number, filed_at in conn.execute(
        "SELECT c.id, c.number, (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id "
        " AND e.action = '存信') FROM cases c WHERE c.state = '存信' AND c.destroyed_at IS NULL"
    ):
        if filed_at is None:
            continue
        until = kept_until(dt.date.fromisoformat(filed_at[:10]), letters_years)
        if until < as_of:
            out.append(Due(case_id, number, "存信", "", f"{letters_years}年", until))
    for case_id, number, volume, retention, archived_at in conn.execute(
        "SELECT c.id, c.number, v.number, v.retention, c.archived_at FROM cases c "
        "JOIN volumes v ON v.id = c.volume_id WHERE c.state = '已归档' AND c.destroyed_at IS NULL"
    ):
        years = _years(retention)
        if years is None or archived_at is None:
            continue
        until = kept_until(dt.date.fromisoformat(archived_at[:10]), years)
        if until < as_of:
            out.append(Due(case_id, number, "案卷", volume, retention, until))
    out.sort(key=lambda d: (d.kept_until, d.number))
    return out
