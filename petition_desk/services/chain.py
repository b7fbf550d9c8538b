"""Hash chains over the case history and the audit log: a rewritten past shows.

- Each case event carries ``case_hash`` = H(previous ``case_hash`` of the same case, the
  event's fields): the case's own chain.
- Each case event also carries ``chain_hash`` = H(previous event's ``chain_hash`` in the whole
  file, its ``case_hash``): one global chain, so deleting a whole case with all its events
  breaks the chain of the event written after it.
- Each audit entry carries ``hash`` = H(previous entry's ``hash``, its fields, the newest event's
  id and ``chain_hash`` at that moment): the audit chain anchors the event chain, so events
  deleted from the end are detected too once any later audit entry exists (every login,
  export and print writes one).

The hashes are plain SHA-256 (truncated to 128 bits: tamper evidence, not secrecy). A keyed
hash would add nothing: whoever can edit the encrypted file holds the data key already.
``petition-desk check`` (``services/checks.py``) recomputes them all and names the first broken
link. The only writers are ``services/events.py`` and ``services/audit.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from petition_desk.db.engine import sqlite3

DIGEST = 16
#: What retention leaves of a destroyed case's event (``services/retention``).
BLANKED = '{"已销毁": true}'


def _h(tag: bytes, *parts: bytes) -> bytes:
    h = hashlib.sha256(tag)
    for part in parts:
        h.update(len(part).to_bytes(4, "big"))
        h.update(part)
    return h.digest()[:DIGEST]


def _canon(values: Sequence[Any]) -> bytes:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":")).encode()


#: The stored fields of an event that its hash covers, in order.
EVENT_FIELDS = ("case_id", "at", "actor_id", "actor", "action", "state_before", "state_after")
AUDIT_FIELDS = ("at", "actor_id", "actor", "action", "details")


def event_hash(prev_case: bytes | None, fields: Sequence[Any], data: str) -> bytes:
    """``fields`` in the order of ``EVENT_FIELDS``; ``data`` the event's JSON text."""
    return _h(b"event", prev_case or b"", _canon([*fields, data]))


def link_hash(prev_chain: bytes | None, case_hash: bytes) -> bytes:
    return _h(b"chain", prev_chain or b"", case_hash)


def audit_hash(
    prev: bytes | None, fields: Sequence[Any], anchor_id: int | None, anchor: bytes | None
) -> bytes:
    return _h(b"audit", prev or b"", _canon([*fields, anchor_id]), anchor or b"")


def case_head(conn: sqlite3.Connection, case_id: int) -> bytes | None:
    row = conn.execute(
        "SELECT case_hash FROM case_events WHERE case_id = ? ORDER BY id DESC LIMIT 1", (case_id,)
    ).fetchone()
    return None if row is None else row[0]


def events_head(conn: sqlite3.Connection) -> tuple[int | None, bytes | None]:
    row = conn.execute("SELECT id, chain_hash FROM case_events ORDER BY id DESC LIMIT 1").fetchone()
    return (None, None) if row is None else (row[0], row[1])


def audit_head(conn: sqlite3.Connection) -> bytes | None:
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else row[0]


def link_events(
    conn: sqlite3.Connection, rows: Iterable[tuple[Sequence[Any], str]]
) -> list[tuple[bytes, bytes]]:
    """The (case_hash, chain_hash) of events about to be appended in this order.

    ``rows`` are (fields in ``EVENT_FIELDS`` order, data JSON). Call inside the writing
    transaction so no other writer slips in between reading the heads and inserting.
    """
    heads: dict[int, bytes | None] = {}
    _id, chain = events_head(conn)
    out = []
    for fields, data in rows:
        case_id = fields[0]
        if case_id not in heads:
            heads[case_id] = case_head(conn, case_id)
        ch = event_hash(heads[case_id], fields, data)
        chain = link_hash(chain, ch)
        heads[case_id] = ch
        out.append((ch, chain))
    return out


# -- verification ------------------------------------------------------------------------


def verify(
    conn: sqlite3.Connection, problem: Callable[[str], None], limit: int = 20
) -> tuple[int, int]:
    """Recompute every chain; call ``problem`` for each broken link found (first ones first).

    Returns (events, audit entries) checked. Stops listing after ``limit`` problems per chain.
    """
    numbers = dict(conn.execute("SELECT id, number FROM cases"))
    # The one lawful rewrite: a destroyed case's event contents are blanked (retention). Its
    # stored hashes stay, so the global chain still holds; the blanked rows are not recomputed.
    destroyed = {r[0] for r in conn.execute("SELECT id FROM cases WHERE destroyed_at IS NOT NULL")}
    found = 0
    current, prev = None, None
    cols = ", ".join(EVENT_FIELDS)
    events = 0
    for row in conn.execute(
        f"SELECT id, {cols}, data, case_hash FROM case_events ORDER BY case_id, id"
    ):
        events += 1
        case_id = row[1]
        if case_id != current:
            current, prev, position = case_id, None, 0
        position += 1
        expected = event_hash(prev, row[1:8], row[8])
        if case_id in destroyed and row[8] == BLANKED:
            expected = row[9]
        if row[9] != expected:
            found += 1
            if found <= limit:
                problem(
                    f"案件 {numbers.get(case_id, f'id={case_id}')} 的第 {position} 条历史记录"
                    f"（记录号 {row[0]}）与哈希链不符：该案历史被删除、插入或改写"
                )
        prev = row[9]
    found = 0
    chain, last_id = None, None
    for event_id, case_id, ch, stored in conn.execute(
        "SELECT id, case_id, case_hash, chain_hash FROM case_events ORDER BY id"
    ):
        expected = link_hash(chain, ch or b"")
        if stored != expected:
            found += 1
            if found <= limit:
                problem(
                    f"总哈希链在记录号 {event_id}（案件 {numbers.get(case_id, f'id={case_id}')}）"
                    f"处断开：此前的历史记录（可能是整件案件）被删除或改写"
                    + (f"，上一条完好的记录号为 {last_id}" if last_id else "")
                )
        chain, last_id = stored, event_id
    found = 0
    prev = None
    audits = 0
    acols = ", ".join(AUDIT_FIELDS)
    for row in conn.execute(
        f"SELECT id, {acols}, anchor_id, anchor, hash FROM audit_log ORDER BY id"
    ):
        audits += 1
        anchor_id, anchor = row[6], row[7]
        expected = audit_hash(prev, row[1:6], anchor_id, anchor)
        bad = row[8] != expected
        if not bad and anchor_id is not None:
            got = conn.execute(
                "SELECT chain_hash FROM case_events WHERE id = ?", (anchor_id,)
            ).fetchone()
            if got is None or got[0] != anchor:
                found += 1
                if found <= limit:
                    problem(
                        f"操作日志第 {row[0]} 条所记的历史记录（记录号 {anchor_id}）已不存在或"
                        "被改写：案件历史被删除"
                    )
        if bad:
            found += 1
            if found <= limit:
                problem(f"操作日志在第 {row[0]} 条处与哈希链不符：此前的日志被删除、插入或改写")
        prev = row[8]
    return events, audits
