"""Repeat petitions (重复信访, docs/domain.md §7): the same person raising the same matter again.

A person is recognised by ID number, else phone, else name + address. At registration the
clerk sees their earlier cases at once, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from petition_desk.db.engine import sqlite3
from petition_desk.domain.deadlines import Limits


@dataclass(frozen=True)
class PersonKey:
    """What identifies a person, strongest key first."""

    id_number: str | None = None
    phone: str | None = None
    name: str | None = None
    address: str | None = None

    @classmethod
    def of(cls, conn: sqlite3.Connection, person_id: int) -> PersonKey:
        row = conn.execute(
            "SELECT id_number, phone, name, address FROM people WHERE id = ?", (person_id,)
        ).fetchone()
        return cls(row[0], row[1], row[2], row[3])

    def person_ids(self, conn: sqlite3.Connection) -> list[int]:
        """Every stored person this key identifies, by the strongest key available."""
        args: tuple[str, ...]
        if self.id_number:
            sql, args = "SELECT id FROM people WHERE id_number = ?", (self.id_number,)
        elif self.phone:
            sql, args = "SELECT id FROM people WHERE phone = ?", (self.phone,)
        elif self.name and self.address:
            sql, args = (
                "SELECT id FROM people WHERE name = ? AND address = ?",
                (self.name, self.address),
            )
        else:
            return []
        return [r[0] for r in conn.execute(sql, args)]


@dataclass(frozen=True)
class EarlierCase:
    id: int
    number: str
    received_at: str
    category: str
    summary: str
    state: str
    next_due: str | None


def earlier_cases(
    conn: sqlite3.Connection, key: PersonKey, *, before_case: int | None = None, limit: int = 50
) -> list[EarlierCase]:
    """The cases of the person ``key`` identifies, newest first."""
    ids = key.person_ids(conn)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    extra = " AND c.id <> ?" if before_case is not None else ""
    args: list = [*ids] + ([before_case] if before_case is not None else [])
    rows = conn.execute(
        f"SELECT DISTINCT c.id, c.number, c.received_at, c.category, c.summary, c.state, "
        f"c.next_due FROM case_people cp JOIN cases c ON c.id = cp.case_id "
        f"WHERE cp.person_id IN ({marks}){extra} ORDER BY c.received_at DESC, c.id DESC LIMIT ?",
        [*args, limit],
    ).fetchall()
    return [EarlierCase(*r) for r in rows]


def is_repeat(
    conn: sqlite3.Connection, key: PersonKey, category: str, received: dt.date, rules: Limits
) -> bool:
    """True when the person raised the same category within the configured window."""
    window = dt.timedelta(days=int(rules.settings["repeat_window_days"]))
    since = (received - window).isoformat()
    return any(
        c.category == category and since <= c.received_at[:10] <= received.isoformat()
        for c in earlier_cases(conn, key, limit=1000)
    )
