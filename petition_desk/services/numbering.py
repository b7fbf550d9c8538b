"""Per-year numbers for cases (``2026-0137``) and documents (``青信受〔2026〕137号``).

Numbers are allocated inside the caller's saving transaction: if the save fails, the number is
rolled back with it; once committed it is never handed out again.
"""

from __future__ import annotations

from petition_desk.db.engine import sqlite3

CASE = "case"


def allocate(conn: sqlite3.Connection, kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``; must run inside a write transaction."""
    assert conn.in_transaction, "numbers are allocated inside the saving transaction"
    row = conn.execute(
        "INSERT INTO number_sequences(kind, year, last) VALUES (?, ?, 1) "
        "ON CONFLICT(kind, year) DO UPDATE SET last = last + 1 RETURNING last",
        (kind, year),
    ).fetchone()
    return int(row[0])


def case_number(year: int, seq: int) -> str:
    """``2026-0137``."""
    return f"{year}-{seq:04d}"


def document_number(year: int, seq: int, prefix: str = "") -> str:
    """``青信受〔2026〕137号`` as printed on notices: the organ's and the kind's code, the
    year in hexagonal brackets, the sequence without leading zeros (GB/T 9704 §7.2.4)."""
    return f"{prefix}〔{year}〕{seq}号"
